"""HTML to PDF through headless Chromium (``--print-to-pdf``).

Chromium lays the report out exactly as a browser prints it (the print styles of the
template), so the PDF and the browser's own print are one layout; a Python PDF library would
be a second layout engine to keep in step, and none of the well-kept ones draws SVG and CSS
grid as a browser does. The page is loaded from a file in a fresh temporary directory, with a
fresh profile and every network feature off; the report's own Content-Security-Policy allows
nothing to be fetched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["BROWSERS", "ChromiumNotFound", "PdfFailed", "browser", "html_to_pdf"]

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""The programs tried, in order, unless ``IMG_ADVISOR_CHROMIUM`` names one."""
TIMEOUT = 120
"""Seconds a print may take: a report of a few pages takes one or two."""
HEADLESS_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions")
PRINT_FLAGS = ("--no-pdf-header-footer",)
"""Only for printing: on a page that is shown rather than printed, this flag makes the
renderer crash (Chromium 150)."""

INSTALL_HINT = (
    "Writing PDF needs Chromium (or Google Chrome), which was not found. Install it (Debian/"
    "Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or name the "
    "program in IMG_ADVISOR_CHROMIUM; or write .html and print it from a browser (the report "
    "has print styles), or .md, which need nothing installed.")


class ChromiumNotFound(RuntimeError):
    """PDF was asked for but no Chromium is installed."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


class PdfFailed(RuntimeError):
    """Chromium ran but wrote no PDF."""


def browser() -> str:
    """The Chromium to print with."""
    named = os.environ.get("IMG_ADVISOR_CHROMIUM")
    found = shutil.which(named) if named else next(filter(None, map(shutil.which, BROWSERS)),
                                                    None)
    if found is None:
        raise ChromiumNotFound()
    return found


def html_to_pdf(html: str) -> bytes:
    """The PDF that Chromium prints of the page ``html``."""
    program = browser()
    with tempfile.TemporaryDirectory(prefix="img-advisor-pdf-") as work:
        page, pdf = Path(work, "report.html"), Path(work, "report.pdf")
        page.write_text(html, "utf-8")
        command = [program, *HEADLESS_FLAGS, *PRINT_FLAGS,
                   f"--user-data-dir={Path(work, 'profile')}", f"--print-to-pdf={pdf}",
                   page.as_uri()]
        try:
            run = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                                 stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfFailed(f"{program} did not finish printing in {TIMEOUT} s") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            said = run.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PdfFailed(f"{program} wrote no PDF (exit {run.returncode}): "
                            f"{' / '.join(said) or 'no message'}")
        return pdf.read_bytes()
