"""``python -m expert`` runs the ``img-advisor`` command line."""

import sys

from expert.cli import main

sys.exit(main())
