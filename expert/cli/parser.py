"""The command line's grammar: every command, its arguments and options, and ``--help``.

It imports nothing of the knowledge base or the engine, so that ``--help`` and ``--version``
answer at once; the few choices it offers from them are written here, and a test checks that
they agree with their sources.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

__all__ = ["EXIT_DEFECTS", "EXIT_INTERRUPTED", "EXIT_INVALID", "EXIT_NEEDS_PROGRAM",
           "EXIT_NOT_WRITTEN", "EXIT_OK", "EXIT_SOME_INVALID", "PROG", "build_parser"]

PROG = "img-advisor"
EXIT_OK, EXIT_SOME_INVALID, EXIT_INVALID, EXIT_NEEDS_PROGRAM, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_DEFECTS = 1
"""``kb check`` found errors: like a batch with invalid lines, done but not clean."""
EXIT_NOT_WRITTEN = 4
"""An output could not be written (a full disk, an I/O error, standard output closed or full).
Ended by a signal, a run exits with 128 plus its number (``EXIT_INTERRUPTED`` for SIGINT)."""
PROGRAM_FORMATS = ("csv", "json", "toml")
"""``expert.inputs.program_lists.FORMATS``."""
VERDICTS = ("reach", "match", "safety", "do_not_apply")
"""``knowledge_base.program_list.VERDICTS``."""
REPORT_FORMATS = ("html", "md", "pdf")
"""The report formats of a cohort (``--as``): ``expert.report.cohort.SUFFIXES``' suffixes."""
CARRIES = ("answers", "plan", "explanation")
"""``expert.inputs.advice_schema.CARRIES``."""
SCHEMAS = ("profile", "programs", "advice", "batch", "error", "plan")
"""``expert.inputs.contract.OUTPUT_SCHEMAS``."""
"""``expert.inputs.advice_schema.CARRIES``."""
SWEEPS = ("none", "quick", "full")
"""``expert.verification.kb_check.SWEEPS``."""
DEFAULT_BUDGET = 40
"""``expert.questions.counterfactuals.DEFAULT_BUDGET``."""


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Residency application advice for non-US-citizen IMGs with low or "
                    "borderline USMLE scores, with the reasons for every answer.",
    )
    parser.add_argument("--version", action=_Version)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    advise_cmd = commands.add_parser("advise", help="advise one applicant profile")
    _add_profile_argument(advise_cmd)
    _add_output_options(advise_cmd)
    advise_cmd.add_argument("--focus", metavar="KIND",
                            help="show only this kind of recommendation (and the plan's steps "
                                 "that carry it out); with --explain, draw only what explains it")
    advise_cmd.add_argument("--detail", action="store_true",
                            help="add each recommendation's rule and sources to the text")

    why_cmd = commands.add_parser("why", help="why the advice says what it says about KIND")
    _add_profile_argument(why_cmd)
    why_cmd.add_argument("kind", metavar="KIND",
                         help="a recommendation kind, e.g. step3; KIND=ACTION where there are "
                              "several, e.g. usce_plan=get_hands_on_usce; or step:N (or "
                              "step:TASK) for a step of the plan")
    _add_output_options(why_cmd)

    why_not_cmd = commands.add_parser("why-not", help="why the advice does not say KIND[=VALUE]")
    _add_profile_argument(why_not_cmd)
    why_not_cmd.add_argument("question", metavar="KIND[=VALUE]",
                             help="e.g. prelim_backup, or step3=take")
    why_not_cmd.add_argument("--format", choices=("text", "json"), default="text")

    what_if_cmd = commands.add_parser("what-if", help="how the advice changes with the profile")
    _add_profile_argument(what_if_cmd)
    what_if_cmd.add_argument("--set", action="append", required=True, metavar="PATH=VALUE",
                             dest="changes", help="a change, e.g. step2ck.score=232 (VALUE is "
                                                  "JSON where it parses as JSON); repeatable")
    _add_output_options(what_if_cmd)

    change_cmd = commands.add_parser(
        "counterfactuals", help="the smallest realistic profile changes that would change KIND")
    _add_profile_argument(change_cmd)
    change_cmd.add_argument("question", metavar="KIND[=VALUE]",
                            help="e.g. step3 (any other answer), or prelim_backup=true")
    change_cmd.add_argument("--budget", type=int, default=DEFAULT_BUDGET, metavar="N",
                            help="consult at most N changed profiles (default: %(default)s)")
    change_cmd.add_argument("--format", choices=("text", "json"), default="text")

    programs_cmd = commands.add_parser(
        "programs", help="judge each program of a list and check the list as a whole")
    _add_profile_argument(programs_cmd)
    programs_cmd.add_argument("programs", metavar="PROGRAMS",
                              help="the program list: a .csv, .json or .toml file")
    programs_cmd.add_argument("--programs-format", choices=PROGRAM_FORMATS,
                              help="the list's format (default: from the file name)")
    programs_cmd.add_argument("--format", choices=("text", "json", "csv"), default="text",
                              help="csv writes the list back with verdict and reason columns "
                                   "(default: %(default)s)")
    programs_cmd.add_argument("--out", metavar="FILE",
                              help="write the output here instead of to stdout")
    programs_cmd.add_argument("--explain", metavar="OUT",
                              help="also draw why: the verdict of --program, or else the list "
                                   "checks; the suffix picks the format: .svg .png .dot .mmd "
                                   ".json")
    programs_cmd.add_argument("--program", metavar="NAME",
                              help="the program whose verdict --explain draws or --why-not "
                                   "questions")
    programs_cmd.add_argument("--why-not", choices=VERDICTS, metavar="VERDICT",
                              help="instead of the review, why the verdict of --program is not "
                                   f"VERDICT ({', '.join(VERDICTS)}): the rules that give it "
                                   "and what they lack")
    batch_cmd = commands.add_parser(
        "batch", help="advise every profile of a JSON Lines file, one result line each")
    batch_cmd.add_argument("profiles", metavar="PROFILES",
                           help="a JSON Lines file (one profile object per line; blank lines "
                                "are skipped), or - for stdin")
    batch_cmd.add_argument("--out", required=True, metavar="RESULTS",
                           help="where to write the results, one JSON line per profile in "
                                "input order (the file appears only when all are done), or - "
                                "for stdout")
    batch_cmd.add_argument("--jobs", type=int, default=1, metavar="N",
                           help="processes to advise in (default: %(default)s)")
    batch_cmd.add_argument("--carry", choices=CARRIES, default="plan",
                           help="what each line's advice holds: the answers in brief, also the "
                                "plan in brief, or everything with the explanation graph (about "
                                "100 KB a line) "
                                "(default: %(default)s)")

    report_cmd = commands.add_parser(
        "report", help="write a report to hand over (HTML, Markdown or PDF), for one profile "
                       "or a cohort")
    report_cmd.add_argument("profile", metavar="PROFILE", nargs="?",
                            help="a .json or .toml profile file, or - to read JSON from stdin")
    report_cmd.add_argument("--input-format", choices=("json", "toml"),
                            help="the profile's format (default: from the file name; json for "
                                 "stdin)")
    report_cmd.add_argument("--programs", metavar="LIST",
                            help="a program list (.csv, .json or .toml) to judge in the report")
    report_cmd.add_argument("--programs-format", choices=PROGRAM_FORMATS,
                            help="the list's format (default: from the file name)")
    report_cmd.add_argument("--cohort", metavar="PROFILES",
                            help="instead of PROFILE, a JSON Lines file of profiles: a report "
                                 "for each line and an index, in the folder --out")
    report_cmd.add_argument("--out", required=True, metavar="FILE",
                            help="the report: FILE.html, FILE.md or FILE.pdf (PDF needs "
                                 "Chromium); with --cohort, the folder to write into")
    report_cmd.add_argument("--as", dest="cohort_format", choices=REPORT_FORMATS,
                            default="html",
                            help="with --cohort, the reports' format (default: %(default)s)")

    interview_cmd = commands.add_parser(
        "interview", help="build a profile by answering questions (only those that can change "
                          "the advice), then advise it")
    interview_cmd.add_argument("--out", metavar="PROFILE.json",
                               help="save the profile here when the interview is done")

    demo_cmd = commands.add_parser("demo", help="advise the built-in example profiles")
    demo_cmd.add_argument("--out", default="img-advisor-demo", metavar="DIR",
                          help="where to write the diagrams (default: %(default)s)")
    demo_cmd.add_argument("--format", choices=("text", "json"), default="text")

    example_cmd = commands.add_parser(
        "example", help="write an example profile to start your own from (without NAME: list "
                        "the examples)")
    example_cmd.add_argument("name", metavar="NAME", nargs="?",
                             help="the example to write, e.g. state_univ_sample")
    example_cmd.add_argument("--out", metavar="FILE",
                             help="write it here (FILE.json or FILE.toml) instead of to stdout")
    example_cmd.add_argument("--format", choices=("json", "toml"),
                             help="the profile's format (default: from --out's name, else json)")

    schema_cmd = commands.add_parser(
        "schema", help="print the JSON Schema of an input or an output (default: a profile)")
    which = schema_cmd.add_mutually_exclusive_group()
    which.add_argument("--output", choices=SCHEMAS, default="profile", metavar="NAME",
                       help=f"which: {', '.join(SCHEMAS)} (default: %(default)s)")
    which.add_argument("--programs", action="store_const", const="programs", dest="output",
                       help="the schema of a program list (JSON): --output programs")
    which.add_argument("--advice", action="store_const", const="advice", dest="output",
                       help="the schema of the advice (advise --format json): --output advice")

    serve_cmd = commands.add_parser(
        "serve", help="answer over HTTP: the decision service (needs the server extra: pip "
                      "install 'img-advisor[server]')")
    serve_cmd.add_argument("--host", default="127.0.0.1",
                           help="the address to listen on (default: %(default)s, this machine "
                                "only)")
    serve_cmd.add_argument("--port", type=_port, default=8000,
                           help="the port to listen on (default: %(default)s)")
    serve_cmd.add_argument("--workers", type=_positive, default=1, metavar="N",
                           help="server processes (default: %(default)s)")

    kb_cmd = commands.add_parser("kb", help="inspect the knowledge base")
    kb_commands = kb_cmd.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    rules_cmd = kb_commands.add_parser("rules", help="the rule reference, as Markdown")
    rules_cmd.add_argument("--out", metavar="FILE", help="write it here instead of stdout")
    check_cmd = kb_commands.add_parser("check", help="check the rules for defects (exit code 1 "
                                                     "on any error)")
    check_cmd.add_argument("--sweep", choices=SWEEPS, default="quick",
                           help="how many profiles to run through the rules (default: "
                                "%(default)s; full is the exhaustive grid, minutes)")
    check_cmd.add_argument("--processes", type=_positive, metavar="N",
                           help="worker processes for the sweep (default: one per CPU)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, got {text!r}")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return int(text)


class _Version(argparse.Action):
    """``--version``, looking the version up only when asked (importlib.metadata is slow to
    import, and every run would pay for it)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        from importlib import metadata

        print(f"{parser.prog} {metadata.version('img-advisor')}")
        parser.exit()


def _add_profile_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("profile", metavar="PROFILE",
                         help="a .json or .toml profile file, or - to read JSON from stdin")
    command.add_argument("--input-format", choices=("json", "toml"),
                         help="the profile's format (default: from the file name; json for "
                              "stdin)")


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("text", "json"), default="text",
                         help="text for people, json for programs (default: %(default)s)")
    command.add_argument("--explain", metavar="OUT",
                         help="also write the explanation diagram; the suffix picks the "
                              "format: .svg .png .dot .mmd .json")
