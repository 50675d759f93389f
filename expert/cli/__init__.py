"""The ``img-advisor`` command line: ``parser`` (the grammar), ``commands`` (one function per
command), ``output`` (what is written).

Exit codes: 0 success; 1 done but not clean: a batch was advised but some of its profiles were
invalid (each is answered with its problems), or ``kb check`` found errors; 2 bad input or
usage (every problem is named, nothing is written); 3 the output asked for needs a program
that is not installed (the Graphviz ``dot`` program for SVG and PNG drawings, Chromium for
PDF) or that failed; 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from expert.cli.parser import EXIT_INVALID, EXIT_NEEDS_PROGRAM, EXIT_OK, PROG, build_parser

if TYPE_CHECKING:
    from expert.errors import InputError

__all__ = ["main"]


def _report_invalid(error: InputError, as_json: bool) -> int:
    print(f"{PROG}: {error}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": f"invalid {error.subject}",
                          "problems": [p.to_dict() for p in error.problems]}, indent=2))
    return EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``argv`` without the program name; default ``sys.argv``)."""
    args = build_parser().parse_args(argv)  # --help and --version end here, having loaded no rules
    from expert.cli.commands import COMMANDS
    from expert.cli.output import visible_streams
    from expert.errors import InputError, UsageError
    from expert.report.pdf import ChromiumNotFound, PdfFailed
    from explain.render import GraphvizNotFound

    with visible_streams():
        try:
            return COMMANDS[args.command](args)
        except BrokenPipeError:
            # The reader went away (``img-advisor demo | head``): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        except InputError as error:
            return _report_invalid(error, getattr(args, "format", "text") == "json")
        except UsageError as error:
            print(f"{PROG}: error: {error}", file=sys.stderr)
            return EXIT_INVALID
        except (GraphvizNotFound, ChromiumNotFound, PdfFailed) as error:
            print(f"{PROG}: {error}", file=sys.stderr)
            return EXIT_NEEDS_PROGRAM
