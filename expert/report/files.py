"""The report as a file: HTML, Markdown or PDF, chosen by the file's suffix."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from expert.report.content import ReportContent, report_of
from expert.report.pdf import html_to_pdf
from expert.report.templating import render_template

if TYPE_CHECKING:
    from expert.advice import Advice

__all__ = ["REPORT_SUFFIXES", "render_report", "report_bytes", "report_format", "version"]

REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".pdf": "pdf"}


@cache
def version() -> str:
    """The installed img-advisor's version, which every report names."""
    from importlib import metadata

    return metadata.version("img-advisor")


def report_format(path: str | os.PathLike[str]) -> str:
    """The report format a file name asks for, by its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ValueError(f"cannot tell the report format of {os.fspath(path)!r}; use one of "
                         f"the suffixes {', '.join(REPORT_SUFFIXES)}")
    return REPORT_SUFFIXES[suffix]


def render_report(report: ReportContent, fmt: str) -> bytes:
    """``report`` in ``fmt``: ``html`` (one self-contained page: styles inline, drawings as
    ``data:`` URLs, nothing fetched), ``markdown`` (the drawings' chains of rules in words) or
    ``pdf`` (the HTML page as Chromium prints it)."""
    if fmt == "markdown":
        return render_template("report.md", report=report, version=version()).encode("utf-8")
    html = render_template("report.html", report=report, version=version())
    return html_to_pdf(html) if fmt == "pdf" else html.encode("utf-8")


def report_bytes(advice: Advice, fmt: str) -> bytes:
    """The report of ``advice`` in ``fmt`` (``html``, ``markdown`` or ``pdf``)."""
    return render_report(report_of(advice, diagrams=fmt != "markdown"), fmt)
