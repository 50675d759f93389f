"""Program lists: a verdict for each program of an applicant's list, and checks of the list."""
