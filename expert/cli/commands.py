"""One function per command of the command line; each takes the parsed arguments and returns
the exit code (``expert.cli.main`` maps errors to theirs).

What only some commands need (the report's templates, the interview, the batch's workers,
``kb``) is imported by those commands, so that a run pays only for its own command.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any

from expert.advice import Advice, advise
from expert.cli.output import (
    answer_text,
    check_outputs,
    count_lines,
    json_text,
    open_output,
    print_answer,
    print_text,
    sweep_progress,
    text_width,
    write_blocks,
    write_file,
)
from expert.cli.parser import EXIT_DEFECTS, EXIT_OK, EXIT_SOME_INVALID, PROG
from expert.cli.signals import stopped
from expert.cli.streams import read_stdin
from expert.errors import ProfileError, UsageError, WorkerDied
from expert.examples import (
    EXAMPLES,
    PROGRAM_EXAMPLES,
    example_profile,
    example_programs,
    example_text,
)
from expert.inputs.contract import OUTPUT_SCHEMAS, versioned
from expert.inputs.profiles import (
    MAX_PROFILE_CHARS,
    parse_text,
    profile_from_dict,
    read_profile_file,
)
from expert.inputs.program_lists import read_programs
from expert.inputs.schema import SCHEMA_FILE
from expert.questions.what_if import change_value
from expert.triage.review import ProgramReview, ProgramVerdict
from explain.render import Diagram, GraphvizNotFound, format_for
from explain.why import Why
from knowledge_base.profile import Profile

__all__ = ["COMMANDS"]


def _read_profile(source: str, fmt: str | None) -> Profile:
    if source == "-":
        return profile_from_dict(parse_text(read_stdin(MAX_PROFILE_CHARS, ProfileError),
                                            fmt or "json"))
    return read_profile_file(source, fmt)


def _format_for(path: str) -> str:
    try:
        return format_for(path)
    except ValueError as error:
        raise UsageError(str(error)) from None


def _advise(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    check_outputs({"--explain": args.explain}, {"the profile": args.profile})
    advice = advise(_read_profile(args.profile, args.input_format))
    focus = None if args.focus is None else args.focus.replace("-", "_")
    if focus is not None and focus not in advice:
        raise UsageError(f"--focus {args.focus!r}: no such recommendation here; the kinds are "
                         f"{', '.join(advice.kinds)}")
    drawing = None if fmt is None else advice.diagram(focus).render(fmt)
    text = advice.to_json() if args.format == "json" else \
        advice.text(detail=args.detail, focus=focus, width=text_width())
    if drawing is not None:  # everything is made before anything is written
        write_file(args.explain, drawing)
    if args.format == "json":
        print(text)
    else:
        print_text(text)
    return EXIT_OK


def _why(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    check_outputs({"--explain": args.explain}, {"the profile": args.profile})
    advice = advise(_read_profile(args.profile, args.input_format))
    answer = _why_answer(advice, args.kind)
    drawing = None if fmt is None else answer.diagram().render(fmt)
    text = answer_text(answer, args.format)
    if drawing is not None:
        write_file(args.explain, drawing)
    print(text, end="")
    return EXIT_OK


def _why_answer(advice: Advice, asked: str) -> Why:
    """``why`` of one recommendation (``KIND``, ``KIND=ACTION`` or a node id), or of a plan
    step (``step:N``, ``step:TASK``)."""
    prefix, _, ref = asked.partition(":")
    try:
        if prefix == "step" and ref:
            return advice.why_step(int(ref) if ref.isdigit() else ref)
        return advice.why(asked)
    except KeyError as error:
        raise UsageError(f"{error.args[0]}; or ask about a plan step, step:1 to "
                         f"step:{len(advice.plan)}") from None


def _why_not(args: argparse.Namespace) -> int:
    advice = advise(_read_profile(args.profile, args.input_format))
    try:
        answer = advice.why_not(args.question)
    except ValueError as error:
        raise UsageError(str(error)) from None
    print_answer(answer, args.format)
    return EXIT_OK


def _parse_change(text: str) -> tuple[str, Any]:
    path, sep, raw = text.partition("=")
    if not sep or not path:
        raise UsageError(f"--set {text!r}: expected PATH=VALUE, e.g. step2ck.score=232")
    return path.strip(), change_value(path.strip(), raw)


def _what_if(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    check_outputs({"--explain": args.explain}, {"the profile": args.profile})
    changes = dict(map(_parse_change, args.changes))
    advice = advise(_read_profile(args.profile, args.input_format))
    answer = advice.what_if(changes)
    drawing = None
    if fmt is not None:
        try:
            drawing = answer.diagram().render(fmt)
        except ValueError as error:
            raise UsageError(f"--explain: {error}") from None
    text = answer_text(answer, args.format)
    if drawing is not None:
        write_file(args.explain, drawing)
    print(text, end="")
    return EXIT_OK


def _counterfactuals(args: argparse.Namespace) -> int:
    if args.budget < 1:
        raise UsageError(f"--budget {args.budget}: must be at least 1")
    advice = advise(_read_profile(args.profile, args.input_format))
    try:
        answer = advice.counterfactuals(args.question, budget=args.budget)
    except ValueError as error:
        raise UsageError(str(error)) from None
    print_answer(answer, args.format)
    return EXIT_OK


def _programs(args: argparse.Namespace) -> int:
    fmt = _format_for(args.explain) if args.explain else None
    if args.program is not None and args.explain is None and args.why_not is None:
        raise UsageError("--program names the program whose verdict --explain draws or "
                         "--why-not questions; give one of them too")
    if args.why_not is not None and (args.program is None or args.format == "csv"):
        raise UsageError("--why-not asks about the verdict of one program: name it with "
                         "--program, and choose --format text or json")
    check_outputs({"--out": args.out, "--explain": args.explain},
                  {"the profile": args.profile, "the program list": args.programs})
    profile = _read_profile(args.profile, args.input_format)
    advice = advise(profile, programs=read_programs(args.programs, args.programs_format))
    review = _review(advice)
    drawing = None if fmt is None else _programs_diagram(advice, args.program).render(fmt)
    if args.why_not is not None:
        text = answer_text(_program_named(review, args.program).why_not(args.why_not),
                            args.format)
    elif args.format == "csv":
        text = review.to_csv()
    elif args.format == "json":
        shape = review.to_dict(checks=True)
        text = json_text(versioned(shape))
    else:
        text = f"Program list of an applicant to {profile.specialty} " \
               f"({profile.citizenship}, visa {profile.visa}): {review}\n"
    if drawing is not None:  # everything is made before anything is written
        write_file(args.explain, drawing)
    if args.out:
        write_file(args.out, text.encode("utf-8"))
    else:
        print(text, end="")
    return EXIT_OK


def _review(advice: Advice) -> ProgramReview:
    """The review of the program list the advice was given."""
    assert advice.programs is not None, "advised with a program list"
    return advice.programs


def _programs_diagram(advice: Advice, name: str | None) -> Diagram:
    review = _review(advice)
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


def _batch(args: argparse.Namespace) -> int:
    from expert.batch import MAX_JOBS

    if not 1 <= args.jobs <= MAX_JOBS:
        raise UsageError(f"--jobs {args.jobs}: must be from 1 to {MAX_JOBS} (processes to "
                         f"advise in; one per CPU is the sensible most)")
    check_outputs({"--out": args.out}, {"the cohort": args.profiles})
    try:
        invalid, first_invalid = _batch_files(args)
    except KeyboardInterrupt as interrupt:  # workers stopped, the unfinished file removed
        return stopped(interrupt, "the results so far were written" if args.out == "-"
                       else f"{args.out} was not written")
    if invalid:
        more = ", ..." if invalid > len(first_invalid) else ""
        shown = ", ".join(map(str, first_invalid)) + more
        print(f"{PROG}: {invalid} invalid profile(s), answered with their problems: "
              f"line {shown}", file=sys.stderr)
        return EXIT_SOME_INVALID
    return EXIT_OK


def _batch_files(args: argparse.Namespace) -> tuple[int, list[int]]:
    from expert.batch import answer_blocks

    with ExitStack() as files:
        try:
            source = files.enter_context(
                sys.stdin.buffer if args.profiles == "-" else open(args.profiles, "rb"))
        except OSError as error:
            raise UsageError(f"cannot read {args.profiles}: {error.strerror or error}") from None
        out = files.enter_context(open_output(args.out))
        try:  # closed first on the way out: the workers stop before the file goes
            blocks = files.enter_context(closing(answer_blocks(source, args.jobs, args.carry)))
            return write_blocks(blocks, out, total=lambda: count_lines(args.profiles))
        except BrokenPipeError:
            raise  # the reader of stdout went away: main stops quietly
        except WorkerDied as error:
            raise UsageError(f"batch stopped: {error}") from None
        except OSError as error:
            raise UsageError(f"batch stopped: {error.strerror or error}") from None


DEMO_DIAGRAMS = ("apply_count", "step3", "prelim_backup")
"""The demo draws what explains each headline answer, one drawing each."""


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
        paths = []
        for kind in DEMO_DIAGRAMS:
            try:
                drawing = advice.diagram(kind).render(suffix)
            except GraphvizNotFound as missing:
                print(f"{PROG}: note: {missing} Writing DOT instead.", file=sys.stderr)
                suffix = "dot"
                drawing = advice.diagram(kind).render(suffix)
            paths.append(out / f"{name}-{kind}.{suffix}")
            write_file(paths[-1], drawing)
        if args.format == "json":
            results[name] = advice.to_dict()
        else:
            print(f"=== {name}: {description}\n{advice}\n\ndiagrams: "
                  f"{', '.join(map(str, paths))}\n")
    lists: dict[str, Any] = {}
    for name, (profile, description) in PROGRAM_EXAMPLES.items():
        review = _review(advise(example_profile(profile), programs=example_programs(name)))
        if args.format == "json":
            lists[name] = review.to_dict(checks=True)
        else:
            print(f"=== program list {name} ({description}), judged for {profile}\n{review}\n")
    if args.format == "json":
        print(json_text(versioned({"examples": results, "program_lists": lists})), end="")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from expert.report.content import report_of
    from expert.report.files import render_report, report_format

    if (args.profile is None) == (args.cohort is None):
        raise UsageError("report: give a PROFILE, or a cohort with --cohort PROFILES.jsonl")
    if args.cohort is not None:
        return _report_cohort(args)
    try:
        fmt = report_format(args.out)
    except ValueError as error:
        raise UsageError(f"--out: {error}") from None
    check_outputs({"--out": args.out},
                  {"the profile": args.profile, "the program list": args.programs})
    profile = _read_profile(args.profile, args.input_format)
    programs = None if args.programs is None else read_programs(args.programs,
                                                                args.programs_format)
    report = report_of(advise(profile, programs=programs), diagrams=fmt != "markdown")
    write_file(args.out, render_report(report, fmt))
    if report.diagrams_missing:
        print(f"{PROG}: note: {report.diagrams_missing}", file=sys.stderr)
    print(f"wrote {args.out}")
    return EXIT_OK


def _report_cohort(args: argparse.Namespace) -> int:
    from expert.cohort import INDEX_NAMES, SUFFIXES, write_cohort

    fmt = {suffix: name for name, suffix in SUFFIXES.items()}[args.cohort_format]  # --as
    if args.programs is not None:
        raise UsageError("--programs judges one applicant's list: give it with a PROFILE, "
                         "not with --cohort")
    folder = Path(args.out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out {args.out}: cannot make the folder: "
                         f"{error.strerror or error}") from None
    try:
        source = sys.stdin.buffer if args.cohort == "-" else open(args.cohort, "rb")
    except OSError as error:
        raise UsageError(f"cannot read {args.cohort}: {error.strerror or error}") from None
    with source:
        entries = write_cohort(source, folder, fmt)
    invalid = [entry.line for entry in entries if entry.file is None]
    print(f"wrote {len(entries) - len(invalid)} report(s) and "
          f"{folder / INDEX_NAMES[fmt]}")
    if invalid:
        print(f"{PROG}: {len(invalid)} invalid profile(s), listed in the index with their "
              f"problems: line {', '.join(map(str, invalid))}", file=sys.stderr)
        return EXIT_SOME_INVALID
    return EXIT_OK


def _interview(args: argparse.Namespace) -> int:
    from expert.cli.conversation import converse
    from expert.interview import Interview

    check_outputs({"--out": args.out})  # known before the questions, not after them
    try:
        interview = converse(Interview())
    except KeyboardInterrupt as interrupt:
        return stopped(interrupt, "nothing was written")
    profile = json.dumps(interview.profile, indent=2, ensure_ascii=False) + "\n"
    if args.out:
        write_file(args.out, profile.encode("utf-8"))
        print(f"\nThe profile is saved in {args.out}.")
    else:
        print(f"\nThe profile:\n{profile}")
    print_text(interview.advice().text(width=text_width()))
    return EXIT_OK


def _example(args: argparse.Namespace) -> int:
    if args.name is None:
        if args.out or args.format:
            raise UsageError(f"--out and --format write one example: name it, e.g. {PROG} "
                             f"example {next(iter(EXAMPLES))} --out my-profile.json")
        width = max(map(len, EXAMPLES))
        print("The example profiles, each a file to start your own from:")
        for name, description in EXAMPLES.items():
            print(f"  {name:<{width}}  {description}")
        print(f"\nWrite one out with: {PROG} example NAME --out my-profile.json (or .toml)")
        return EXIT_OK
    fmt = args.format or "json"
    if args.out:
        suffix = Path(args.out).suffix.lower().lstrip(".")
        if suffix not in ("json", "toml"):
            raise UsageError(f"--out {args.out}: a profile's file name ends in .json or .toml "
                             f"(the advisor reads it by its name)")
        if args.format and args.format != suffix:
            raise UsageError(f"--out {args.out} ends in .{suffix}, but --format is "
                             f"{args.format}: give one that agrees, or leave --format out")
        fmt = suffix
        check_outputs({"--out": args.out})
    try:
        text = example_text(args.name, fmt)
    except KeyError as error:
        raise UsageError(error.args[0]) from None
    if not args.out:
        print(text, end="")
        return EXIT_OK
    write_file(args.out, text.encode("utf-8"))
    print(f"wrote {args.out}; for editor help (completion, checks), write the schema it "
          f"names beside it: {PROG} schema > {Path(args.out).parent / SCHEMA_FILE}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(OUTPUT_SCHEMAS[args.output](), indent=2, ensure_ascii=False))
    return EXIT_OK


def _kb(args: argparse.Namespace) -> int:
    if args.kb_command == "check":
        return _kb_check(args)
    from knowledge_base.reference import rule_reference
    from knowledge_base.rules import ALL_RULES, TABLES

    check_outputs({"--out": args.out})
    text = rule_reference(ALL_RULES, TABLES)
    if args.out:
        write_file(args.out, text.encode("utf-8"))
    else:
        print(text, end="")
    return EXIT_OK


def _kb_check(args: argparse.Namespace) -> int:
    from expert.batch import MAX_JOBS
    from expert.verification.kb_check import check_knowledge_base

    if args.processes is not None and args.processes > MAX_JOBS:
        raise UsageError(f"--processes {args.processes}: must be from 1 to {MAX_JOBS}")
    with sweep_progress() as progress:
        report = check_knowledge_base(sweep=args.sweep, processes=args.processes,
                                      progress=progress)
    print_answer(report, args.format)
    return EXIT_OK if report.ok else EXIT_DEFECTS


def _serve(args: argparse.Namespace) -> int:
    from expert import service  # imports neither FastAPI nor uvicorn
    from expert.cli.parser import EXIT_NEEDS_PROGRAM

    if service.missing():
        print(f"{PROG}: serve needs {' and '.join(service.missing())}, which are not "
              f"installed; install the server extra: {service.INSTALL_HINT}", file=sys.stderr)
        return EXIT_NEEDS_PROGRAM
    from expert.service.server import serve

    serve(args.host, args.port, args.workers)
    return EXIT_OK


COMMANDS = {"advise": _advise, "why": _why, "why-not": _why_not, "what-if": _what_if,
            "counterfactuals": _counterfactuals, "programs": _programs, "batch": _batch,
            "report": _report, "interview": _interview, "demo": _demo, "example": _example,
            "schema": _schema, "kb": _kb, "serve": _serve}
