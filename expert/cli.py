"""The ``img-advisor`` command line.

Exit codes: 0 success; 1 done but not clean: a batch was advised but some of its profiles were
invalid (each is answered with its problems), or ``kb check`` found errors; 2 bad input or usage (every problem is named, nothing is written);
3 a drawing format needs the Graphviz ``dot`` program, which is not installed; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Sequence

from expert.advice import Advice, advise
from expert.batch import LineBlock, WorkerDied, answer_blocks
from expert.counterfactuals import DEFAULT_BUDGET
from expert.conversion import MAX_PROFILE_CHARS, parse_text, profile_from_dict, read_profile_file
from expert.demo import EXAMPLES, PROGRAM_EXAMPLES, example_profile, example_programs
from expert.errors import ProfileError
from expert.program_files import FORMATS, read_programs
from expert.programs import ProgramReview, ProgramVerdict
from expert.schema import profile_schema, program_list_schema
from expert.verification import SWEEPS, check_knowledge_base
from explain.render import Diagram, GraphvizNotFound, format_for, open_atomically, write_atomically
from knowledge_base import ALL_RULES
from knowledge_base.program_list import VERDICTS
from knowledge_base.profile import Profile
from knowledge_base.reference import rule_reference

EXIT_OK, EXIT_SOME_INVALID, EXIT_INVALID, EXIT_NO_GRAPHVIZ, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_DEFECTS = 1
"""``kb check`` found errors: like a batch with invalid lines, done but not clean."""
PROG = "img-advisor"


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
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
                            help="draw only what explains this recommendation kind")

    why_cmd = commands.add_parser("why", help="why the advice says what it says about KIND")
    _add_profile_argument(why_cmd)
    why_cmd.add_argument("kind", metavar="KIND", help="a recommendation kind, e.g. step3")
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
    programs_cmd.add_argument("--programs-format", choices=FORMATS,
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

    demo_cmd = commands.add_parser("demo", help="advise the built-in example profiles")
    demo_cmd.add_argument("--out", default="img-advisor-demo", metavar="DIR",
                          help="where to write the diagrams (default: %(default)s)")
    demo_cmd.add_argument("--format", choices=("text", "json"), default="text")

    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of a profile")
    schema_cmd.add_argument("--programs", action="store_true",
                            help="the schema of a program list (JSON) instead")

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


def _read_profile(source: str, fmt: str | None) -> Profile:
    if source == "-":
        return profile_from_dict(parse_text(sys.stdin.read(MAX_PROFILE_CHARS + 1), fmt or "json"))
    return read_profile_file(source, fmt)


def _format_for(path: str) -> str:
    try:
        return format_for(path)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _diagram_bytes(advice: Advice, fmt: str, focus: str | None) -> bytes:
    if focus is not None and focus not in advice:
        raise UsageError(f"--focus {focus!r}: no such recommendation here; the kinds are "
                         f"{', '.join(advice.kinds)}")
    return advice.diagram(focus).render(fmt)


def _write(path: str | Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def _advise(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    advice = advise(_read_profile(args.profile, args.input_format))
    if fmt is not None:
        _write(args.explain, _diagram_bytes(advice, fmt, args.focus))
    print(advice.to_json() if args.format == "json" else str(advice))
    return EXIT_OK


def _json_text(data: Any) -> str:
    """JSON for a person to read as well as a program: indented, keys sorted, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _answer_text(answer: Any, fmt: str) -> str:
    """An answer (anything with ``to_dict()``) as JSON, or as its text, ending in a newline."""
    return _json_text(answer.to_dict()) if fmt == "json" else f"{answer}\n"


def _print(answer: Any, fmt: str) -> None:
    print(_answer_text(answer, fmt), end="")


def _why(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    advice = advise(_read_profile(args.profile, args.input_format))
    if len(advice.all(args.kind)) != 1:
        raise UsageError(f"{args.kind!r}: why needs a kind with one recommendation here; "
                         f"these have one: {', '.join(k for k in advice.kinds if len(advice.all(k)) == 1)}")
    answer = advice.why(args.kind)
    if fmt is not None:
        _write(args.explain, answer.diagram().render(fmt))
    _print(answer, args.format)
    return EXIT_OK


def _why_not(args: argparse.Namespace) -> int:
    advice = advise(_read_profile(args.profile, args.input_format))
    _print(advice.why_not(args.question), args.format)
    return EXIT_OK


def _parse_change(text: str) -> tuple[str, Any]:
    path, sep, raw = text.partition("=")
    if not sep or not path:
        raise UsageError(f"--set {text!r}: expected PATH=VALUE, e.g. step2ck.score=232")
    try:
        return path.strip(), json.loads(raw)
    except json.JSONDecodeError:
        return path.strip(), raw


def _what_if(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    changes = dict(map(_parse_change, args.changes))
    advice = advise(_read_profile(args.profile, args.input_format))
    answer = advice.what_if(changes)
    if fmt is not None:
        try:
            drawing = answer.diagram()
        except ValueError as error:
            raise UsageError(f"--explain: {error}") from None
        _write(args.explain, drawing.render(fmt))
    _print(answer, args.format)
    return EXIT_OK


def _counterfactuals(args: argparse.Namespace) -> int:
    if args.budget < 1:
        raise UsageError(f"--budget {args.budget}: must be at least 1")
    advice = advise(_read_profile(args.profile, args.input_format))
    try:
        answer = advice.counterfactuals(args.question, budget=args.budget)
    except ValueError as error:
        raise UsageError(str(error)) from None
    _print(answer, args.format)
    return EXIT_OK


def _programs(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    if args.program is not None and args.explain is None and args.why_not is None:
        raise UsageError("--program names the program whose verdict --explain draws or "
                         "--why-not questions; give one of them too")
    if args.why_not is not None and (args.program is None or args.format == "csv"):
        raise UsageError("--why-not asks about the verdict of one program: name it with "
                         "--program, and choose --format text or json")
    profile = _read_profile(args.profile, args.input_format)
    advice = advise(profile, programs=read_programs(args.programs, args.programs_format))
    review = advice.programs
    if fmt is not None:
        _write(args.explain, _programs_diagram(advice, args.program).render(fmt))
    if args.why_not is not None:
        text = _answer_text(_program_named(review, args.program).why_not(args.why_not),
                            args.format)
    elif args.format == "csv":
        text = review.to_csv()
    elif args.format == "json":
        shape = {**review.to_dict(), "checks": [c.to_dict() for c in review.checks]}
        text = _json_text(shape)
    else:
        text = f"Program list of an applicant to {profile.specialty} " \
               f"({profile.citizenship}, visa {profile.visa}): {review}\n"
    if args.out:
        _write(args.out, text.encode("utf-8"))
    else:
        print(text, end="")
    return EXIT_OK


def _programs_diagram(advice: Advice, name: str | None) -> Diagram:
    review = advice.programs
    if name is None:
        if not review.checks:
            raise UsageError("--explain without --program draws the list checks, and there are "
                             "none; name a program with --program")
        return advice.diagram("program_list")
    return _program_named(review, name).diagram()


def _program_named(review: ProgramReview, name: str) -> ProgramVerdict:
    try:
        return review[name]
    except KeyError:
        names = ", ".join(v.name for v in review)
        raise UsageError(f"--program {name!r}: no program of that name; the list has {names}") \
            from None


class _Progress:
    """A profile counter on a terminal, redrawn in place at most ten times a second."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.started, self.drawn = stream, time.monotonic(), 0.0

    def update(self, done: int, final: bool = False) -> None:
        now = time.monotonic()
        if final or now - self.drawn >= 0.1:
            rate = done / max(now - self.started, 1e-9)
            end = "\n" if final else ""
            print(f"\r{PROG}: {done} profiles ({rate:.0f}/s)", end=end, file=self.stream,
                  flush=True)
            self.drawn = now


SHOWN_INVALID = 10
"""Invalid line numbers named on stderr (all of them are in the output)."""


def _write_blocks(blocks: Iterable[LineBlock], out: BinaryIO) -> tuple[int, list[int]]:
    """Write the result lines; return how many input lines were invalid, and the first few."""
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    invalid, first_invalid, done = 0, [], 0
    for block in blocks:
        out.write(block.json)
        invalid += len(block.invalid)
        first_invalid.extend(block.invalid[:SHOWN_INVALID - len(first_invalid)])
        done += len(block.numbers)
        if progress:
            progress.update(done)
    if progress:
        progress.update(done, final=True)
    return invalid, first_invalid


def _batch(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: must be at least 1")
    try:
        invalid, first_invalid = _batch_files(args)
    except KeyboardInterrupt:  # the unfinished output file has been removed by now
        kept = ("the results so far were written" if args.out == "-"
                else f"{args.out} was not written")
        print(f"\n{PROG}: interrupted; {kept}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if invalid:
        more = ", ..." if invalid > len(first_invalid) else ""
        shown = ", ".join(map(str, first_invalid)) + more
        print(f"{PROG}: {invalid} invalid profile(s), answered with their problems: "
              f"line {shown}", file=sys.stderr)
        return EXIT_SOME_INVALID
    return EXIT_OK


def _batch_files(args: argparse.Namespace) -> tuple[int, list[int]]:
    with ExitStack() as files:
        try:
            source = files.enter_context(
                sys.stdin.buffer if args.profiles == "-" else open(args.profiles, "rb"))
        except OSError as error:
            raise UsageError(f"cannot read {args.profiles}: {error.strerror or error}") from None
        try:
            out = sys.stdout.buffer if args.out == "-" else files.enter_context(
                open_atomically(args.out))
        except OSError as error:
            raise UsageError(f"cannot write {args.out}: {error.strerror or error}") from None
        try:
            return _write_blocks(answer_blocks(source, args.jobs), out)
        except BrokenPipeError:
            raise  # the reader of stdout went away: main stops quietly
        except WorkerDied as error:
            raise UsageError(f"batch stopped: {error}") from None
        except OSError as error:
            raise UsageError(f"batch stopped: {error.strerror or error}") from None


def _demo(args: argparse.Namespace) -> int:
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create {out}: {error.strerror or error}") from None
    results: dict[str, Any] = {}
    suffix = "svg"
    for name, description in EXAMPLES.items():
        advice = advise(example_profile(name))
        try:
            drawing = advice.diagram().render(suffix)
        except GraphvizNotFound as missing:
            print(f"{PROG}: note: {missing} Writing DOT instead.", file=sys.stderr)
            suffix = "dot"
            drawing = advice.diagram().render(suffix)
        path = out / f"{name}.{suffix}"
        _write(path, drawing)
        if args.format == "json":
            results[name] = advice.to_dict()
        else:
            print(f"=== {name}: {description}\n{advice}\n\ndiagram: {path}\n")
    lists: dict[str, Any] = {}
    for name, (profile, description) in PROGRAM_EXAMPLES.items():
        review = advise(example_profile(profile), programs=example_programs(name)).programs
        if args.format == "json":
            lists[name] = {**review.to_dict(), "checks": [c.to_dict() for c in review.checks]}
        else:
            print(f"=== program list {name} ({description}), judged for {profile}\n{review}\n")
    if args.format == "json":
        print(json.dumps({"examples": results, "program_lists": lists}, indent=2,
                         sort_keys=True, ensure_ascii=False))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    schema = program_list_schema() if args.programs else profile_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _kb(args: argparse.Namespace) -> int:
    if args.kb_command == "check":
        return _kb_check(args)
    text = rule_reference(ALL_RULES)
    if args.out:
        _write(args.out, text.encode("utf-8"))
    else:
        print(text, end="")
    return EXIT_OK


def _kb_check(args: argparse.Namespace) -> int:
    report = check_knowledge_base(sweep=args.sweep, processes=args.processes)
    _print(report, args.format)
    return EXIT_OK if report.ok else EXIT_DEFECTS


COMMANDS = {"advise": _advise, "why": _why, "why-not": _why_not, "what-if": _what_if,
            "counterfactuals": _counterfactuals, "programs": _programs, "batch": _batch,
            "demo": _demo, "schema": _schema, "kb": _kb}


def _report_invalid(error: ProfileError, as_json: bool) -> int:
    print(f"{PROG}: {error}", file=sys.stderr)
    if as_json:
        print(json.dumps({"error": f"invalid {error.subject}",
                          "problems": [p.to_dict() for p in error.problems]}, indent=2))
    return EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:
        # The reader went away (``img-advisor demo | head``): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except ProfileError as error:
        return _report_invalid(error, getattr(args, "format", "text") == "json")
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except GraphvizNotFound as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_NO_GRAPHVIZ
