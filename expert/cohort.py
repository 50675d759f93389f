"""Reports for a cohort: one report (``expert.report``) per line of a JSON Lines file, and an
index page.

For an adviser with many applicants. Line N's report is ``applicant-NNNN.<suffix>`` in the
output folder; an invalid line gets no report and its problems are listed in the index
instead, so one bad profile never stops the others; a line longer than any profile (not a
JSON Lines file) stops the cohort, and the reports written so far are removed. Every file
appears whole (written beside its place, then renamed), the index last, when every report is
written.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Optional

import attrs

from expert.advice import advise
from expert.batch import numbered_lines
from expert.errors import ProfileError
from expert.inputs.profiles import profile_from_line
from expert.report.files import report_bytes, version
from expert.report.templating import render_template
from expert.report.text_view import headline
from explain.render import write_atomically
from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS
from knowledge_base.profile import SPECIALTY_NAMES

__all__ = ["INDEX_NAMES", "SUFFIXES", "CohortEntry", "write_cohort"]

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


def _entry(number: int, raw: bytes, folder: Path, fmt: str) -> CohortEntry:
    try:
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
    entries: list[CohortEntry] = []
    try:
        for number, raw in numbered_lines(source):
            if raw.strip():
                entries.append(_entry(number, raw, folder, fmt))
    except BaseException:  # a line too long, an interruption: the reports written go too
        for entry in entries:
            if entry.file is not None:
                (folder / entry.file).unlink(missing_ok=True)
        raise
    index = INDEX_NAMES[fmt]
    write_atomically(folder / index, render_template(
        index, entries=entries, version=version(),
        reports=sum(entry.file is not None for entry in entries)).encode("utf-8"))
    return tuple(entries)
