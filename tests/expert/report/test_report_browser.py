"""The HTML reports as a person sees them: opened in headless Chromium (tests/browser.py).

.ci/run installs Chromium and sets IMG_ADVISOR_REQUIRE_TOOLS, so there these tests run or
fail; elsewhere they are skipped when no Chromium is installed.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import expert
from expert.cli import main
from expert.examples import EXAMPLES, PROGRAM_EXAMPLES, example_profile
from knowledge_base.kinds import SINGLE_ANSWER_KINDS
from tests.browser import Browser, file_url, find_browser, png_pixels

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
LISTS = {profile: name for name, (profile, _) in PROGRAM_EXAMPLES.items()}
CASES = [(name, None) for name in EXAMPLES] + [(name, LISTS.get(name, "programs_example"))
                                                for name in EXAMPLES]
PAGE_CHECKS = {
    "lang": "document.documentElement.lang",
    "title": "document.title",
    "images": "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)",
    "headings": "Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))"
                ".map(h => Number(h.tagName[1]))",
    "height": "document.documentElement.scrollHeight",
    "timeline": "document.querySelectorAll('svg.timeline g.step').length",
}


@pytest.fixture(scope="module")
def browser():
    program = find_browser()
    if program is None:
        if os.environ.get("IMG_ADVISOR_REQUIRE_TOOLS"):
            pytest.fail("IMG_ADVISOR_REQUIRE_TOOLS is set but no Chromium is installed")
        pytest.skip("no Chromium (apt-get install chromium)")
    with Browser(program) as running:
        yield running


def written(tmp_path: Path, name: str, programs: str | None) -> Path:
    out = tmp_path / f"{name}.html"
    args = ["report", str(EXAMPLES_DIR / f"{name}.json"), "--out", str(out)]
    if programs:
        args += ["--programs", str(EXAMPLES_DIR / f"{programs}.csv")]
    assert main(args) == 0
    return out


def assert_not_blank(png: bytes) -> None:
    width, height, rows = png_pixels(png)
    assert width >= 1000 and height >= 1600
    inked = sum(byte < 200 for byte in rows)
    assert len(set(rows)) > 50 and inked > len(rows) // 200, "the screenshot looks blank"


def assert_stays_on_the_page(visit) -> None:
    assert visit.errors == [], visit.errors
    leaving = [url for url in visit.requests if url != visit.url and not url.startswith("data:")]
    assert leaving == [], leaving


@pytest.mark.skipif(shutil.which("dot") is None, reason="the drawings need Graphviz")
@pytest.mark.parametrize(("name", "programs"), CASES)
def test_each_report_loads_cleanly_and_shows_everything(browser, tmp_path, capsys, name,
                                                        programs):
    page = written(tmp_path, name, programs)
    capsys.readouterr()
    visit = browser.visit(file_url(page), PAGE_CHECKS)
    assert_stays_on_the_page(visit)
    checks = visit.checks
    assert checks["lang"] == "en" and checks["title"].startswith("Residency application plan")
    assert checks["images"] == [True] * len(SINGLE_ANSWER_KINDS)  # every drawing decodes
    headings = checks["headings"]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:]))
    assert checks["timeline"] > 0 and checks["height"] > 1600
    assert_not_blank(visit.screenshot)


def test_a_cohort_index_loads_cleanly(browser, tmp_path, capsys):
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("\n".join(json.dumps(example_profile(n)) for n in EXAMPLES) + "\n",
                      "utf-8")
    assert main(["report", "--cohort", str(cohort), "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    visit = browser.visit(file_url(tmp_path / "out" / "index.html"),
                          {"links": "Array.from(document.links).map(a => a.href)"})
    assert_stays_on_the_page(visit)
    assert len(visit.checks["links"]) == len(EXAMPLES)
    assert all(link.startswith("file://") for link in visit.checks["links"])
