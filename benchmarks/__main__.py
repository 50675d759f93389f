"""``python -m benchmarks [--quick]``: measure and print every figure with its target."""

import sys

from benchmarks.run import main

sys.exit(main())
