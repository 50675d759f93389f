"""Reports for a cohort: one report (``expert.report``) per line of a JSON Lines file, and an
index page.

For an adviser with many applicants. Line N's report is ``applicant-NNNN.<suffix>`` in the
output folder; an invalid line gets no report and its problems are listed in the index
instead, so one bad profile never stops the others. Every file appears whole (written beside
its place, then renamed), the index last, when every report is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Optional

import attrs

from expert.advice import advise
from expert.errors import Problem, ProfileError
from expert.inputs.profiles import MAX_PROFILE_CHARS, profile_from_line
from expert.report.files import report_bytes, version
from expert.report.templating import render_template
from expert.report.text_view import headline
from explain.render import write_atomically
from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS
from knowledge_base.profile import SPECIALTY_NAMES

__all__ = ["CohortEntry", "INDEX_NAMES", "write_cohort"]

SUFFIXES = {"html": "html", "markdown": "md", "pdf": "pdf"}
INDEX_NAMES = {"html": "index.html", "markdown": "index.md", "pdf": "index.html"}
"""The index of PDF reports is an HTML page that links them."""


@attrs.frozen
class CohortEntry:
    """A line of the cohort, as the index lists it."""

    line: int
    file: Optional[str]
    """The report's file name in the folder; None for an invalid line."""
    specialty: str = ""
    answers: tuple[tuple[str, str], ...] = ()
    """The headline answers: heading, answer in words."""
    first_step: str = ""
    problems: tuple[str, ...] = ()


LINE_LIMIT = MAX_PROFILE_CHARS + 2
"""Bytes read of a line at most: a profile, its line break, and one more to tell it is longer."""


def _lines(source: BinaryIO) -> Iterator[tuple[int, Optional[bytes]]]:
    """The non-blank lines with their numbers; None for a line longer than a profile can be
    (read no further than that, the rest skipped)."""
    number = 0
    while raw := source.readline(LINE_LIMIT):
        number += 1
        if len(raw) == LINE_LIMIT and not raw.endswith(b"\n"):
            while (rest := source.readline(LINE_LIMIT)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        elif raw.strip():
            yield number, raw


def _entry(number: int, raw: Optional[bytes], folder: Path, fmt: str) -> CohortEntry:
    try:
        if raw is None:
            raise ProfileError([Problem("", f"line {number}", f"a profile of at most "
                                                              f"{MAX_PROFILE_CHARS:,} characters",
                                        code="too_long")])
        advice = advise(profile_from_line(raw))
    except ProfileError as error:
        return CohortEntry(number, None, problems=tuple(map(str, error.problems)))
    name = f"applicant-{number:04d}.{SUFFIXES[fmt]}"
    write_atomically(folder / name, report_bytes(advice, fmt))
    first = advice.plan[0] if len(advice.plan) else None
    return CohortEntry(
        number, name, SPECIALTY_NAMES[advice.profile.specialty],
        tuple((KIND_HEADINGS[r.kind], headline(r)) for r in advice.recommendations
              if r.kind in SINGLE_ANSWER_KINDS),
        "" if first is None else f"{first.describe_when()}: {first.title}")


def write_cohort(source: BinaryIO, folder: Path, fmt: str) -> tuple[CohortEntry, ...]:
    """Write a report for each profile of ``source`` (JSON Lines) into ``folder`` in ``fmt``
    (``html``, ``markdown`` or ``pdf``), then the index; the entries, in line order."""
    entries = tuple(_entry(number, raw, folder, fmt) for number, raw in _lines(source))
    index = INDEX_NAMES[fmt]
    write_atomically(folder / index, render_template(
        index, entries=entries, version=version(),
        reports=sum(entry.file is not None for entry in entries)).encode("utf-8"))
    return entries
