"""The ``img-advisor`` command line: ``parser`` (the grammar), ``commands`` (one function per
command), ``output`` (what is written, and where it may be), ``streams`` (standard streams in
UTF-8 whatever the locale), ``signals`` (how a run ends on Ctrl-C, SIGTERM or SIGHUP).

Exit codes: 0 success; 1 done but not clean: a batch was advised but some of its profiles were
invalid (each is answered with its problems), or ``kb check`` found errors; 2 bad input or
usage (every problem is named, nothing is written), among them an output that may not be
written (a folder, a read-only file, one of the inputs) and standard input that is not UTF-8;
3 the output asked for needs a program that is not installed (the Graphviz ``dot`` program for
SVG and PNG drawings, Chromium for PDF) or that failed; 4 an output could not be written
while it was being written (a full disk, an I/O error, standard output closed or full: the
file being written is not left behind); 130, 143 and 129 stopped by SIGINT (Ctrl-C), SIGTERM
and SIGHUP (128 plus the signal's number; workers stopped, temporary files removed). A reader
that goes away (``img-advisor demo | head``) ends the run quietly, with the code it would
have had otherwise. No error ends a run with a traceback or with 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from expert.cli.parser import (
    EXIT_INVALID,
    EXIT_NEEDS_PROGRAM,
    EXIT_NOT_WRITTEN,
    EXIT_OK,
    PROG,
    build_parser,
)
from expert.cli.signals import stopped, stopping_on_signals
from expert.cli.streams import silence, utf8_streams

if TYPE_CHECKING:
    import argparse

    from expert.errors import InputError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``argv`` without the program name; default ``sys.argv``)."""
    with stopping_on_signals():
        try:
            utf8_streams()
            # --help and --version end here, having loaded no rules
            args = build_parser().parse_args(argv)
            return _run(args)
        except KeyboardInterrupt as interrupt:  # the way out has stopped workers, removed files
            return stopped(interrupt)


def _run(args: argparse.Namespace) -> int:
    from expert.cli.output import NotWritten, visible_streams

    with visible_streams():
        try:
            code = _command(args)
            sys.stdout.flush()  # a full disk behind standard output shows here, not at exit
            return code
        except BrokenPipeError:
            # The reader went away (``img-advisor demo | head``): stop quietly, as Unix tools do.
            silence(sys.stdout)
            return EXIT_OK
        except NotWritten as error:
            return _not_written(str(error))
        except OSError as error:  # writing where no command expected it (a cohort's report)
            where = f"{error.filename}: " if error.filename else ""
            return _not_written(f"stopped: {where}{error.strerror or error}")
        finally:
            _settle(sys.stdout)


def _command(args: argparse.Namespace) -> int:
    from expert.cli.commands import COMMANDS
    from expert.errors import InputError, UsageError

    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        return _report_invalid(error, getattr(args, "format", "text") == "json")
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except UnicodeDecodeError as error:  # an answer typed into the interview, say
        byte = error.object[error.start:error.start + 1].hex()
        print(f"{PROG}: error: standard input is not UTF-8 text (byte 0x{byte}: "
              f"{error.reason})", file=sys.stderr)
        return EXIT_INVALID
    except RuntimeError as error:
        if not _needs_a_program(error):
            raise
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_NEEDS_PROGRAM


def _needs_a_program(error: RuntimeError) -> bool:
    """Whether the output asked for needs a program that is not installed or that failed
    (their errors' modules are imported only once something has gone wrong: the PDF one
    starts processes, which a run that writes no PDF does not need)."""
    from expert.report.pdf import ChromiumNotFound, PdfFailed
    from explain.render import GraphvizNotFound

    return isinstance(error, (GraphvizNotFound, ChromiumNotFound, PdfFailed))


def _report_invalid(error: InputError, as_json: bool) -> int:
    from expert.inputs.contract import error_document

    print(f"{PROG}: {error}", file=sys.stderr)
    if as_json:
        try:
            document = error_document(error.subject, error.problems, error.more_problems)
            print(json.dumps(document, indent=2))
            sys.stdout.flush()
        except BrokenPipeError:  # the input was still bad: the code says so, quietly
            silence(sys.stdout)
    return EXIT_INVALID


def _not_written(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_NOT_WRITTEN


def _settle(stream: TextIO) -> None:
    """What is still buffered for ``stream`` is written now, or dropped if it cannot be, so
    that the interpreter's last flush on the way out cannot fail with a traceback."""
    try:
        stream.flush()
    except Exception:
        silence(stream)
