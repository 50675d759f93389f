"""Views of the advice for people: the text view (HTML, Markdown and PDF reports come here
too)."""
