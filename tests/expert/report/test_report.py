"""``img-advisor report``: the HTML, Markdown and PDF reports and a cohort's, read as a person
and a parser would (the browser's view is in test_report_browser)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import expert
from expert import advise
from expert.cli import main
from expert.examples import EXAMPLES, PROGRAM_EXAMPLES, example_profile, example_programs
from expert.report.content import report_of
from expert.report.plan_chart import timeline, timeline_svg
from expert.report.text_view import headline
from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS
from tests.browser import find_browser

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
LISTS = {profile: name for name, (profile, _) in PROGRAM_EXAMPLES.items()}
CASES = [(name, None) for name in EXAMPLES] + [(name, LISTS.get(name, "programs_example"))
                                                for name in EXAMPLES]
HOSTILE = "Evil <script>alert(1)</script> \x1b[2J\u202eHospital & Co | *x* (fictional)"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="the Graphviz 'dot' program is not installed")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def report_args(name: str, programs: str | None, out: Path) -> list:
    args = ["report", EXAMPLES_DIR / f"{name}.json", "--out", out]
    return args + (["--programs", EXAMPLES_DIR / f"{programs}.csv"] if programs else [])


class Page(HTMLParser):
    """What a reader and a screen reader meet in a page: headings, pictures, links, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.headings: list[int] = []
        self.images: list[dict] = []
        self.svgs = 0
        self.svg_titles = 0
        self.external: list[str] = []
        self.scripts = 0
        self.title = ""
        self.text: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self._stack.append(tag)
        if tag == "html":
            self.lang = found.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "img":
            self.images.append(found)
        if tag == "svg":
            self.svgs += 1
        if tag == "title" and "svg" in self._stack:
            self.svg_titles += 1
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            value = found.get(name) or ""
            if value and not value.startswith(("#", "data:", "applicant-")):
                self.external.append(value)

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self._stack and self._stack[-1] == "title" and "svg" not in self._stack:
            self.title += data
        self.text.append(data)


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


# --- HTML ------------------------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize(("name", "programs"), CASES)
def test_the_html_report_of_every_example_is_whole_and_self_contained(capsys, tmp_path, name,
                                                                        programs):
    out = tmp_path / "report.html"
    code, said, err = run(capsys, *report_args(name, programs, out))
    assert code == 0, err
    assert f"wrote {out}" in said
    html = out.read_text("utf-8")
    page = parsed(html)
    assert page.lang == "en" and page.title.startswith("Residency application plan")
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:])), page.headings
    assert page.scripts == 0 and page.external == []
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") \
        and "https://" not in html and "url(http" not in html
    assert len(page.images) == len(SINGLE_ANSWER_KINDS)
    assert all(img["alt"].startswith("Why ") and img["src"].startswith("data:image/svg+xml")
               for img in page.images)
    assert page.svgs == 1 and page.svg_titles >= 1  # the timeline, with its title
    advice = advise(example_profile(name),
                    programs=example_programs(programs) if programs else None)
    text = " ".join(page.text)
    for label in ("Specialty", "Step 1", "Step 2 CK", "Step 3", "Where in the cycle"):
        assert label in text
    for kind in SINGLE_ANSWER_KINDS:
        recommendation = advice[kind]
        assert f"{KIND_HEADINGS[kind]}" in text and headline(recommendation) in text
        assert recommendation.title in text  # the one-line why
    for step in advice.plan:
        assert step.title in text and step.describe_when() in text
    for recommendation in advice.recommendations:  # every source, by document and section
        for source in recommendation.sources:
            assert source.section in text, source
    if programs:
        assert all(verdict.name in text for verdict in advice.programs)
        assert "The program list" in text
    else:
        assert "The program list" not in text


def test_the_timeline_draws_each_dated_step_as_a_bar_with_its_strength():
    plan = advise(example_profile("pmr_both_low")).plan
    geometry = timeline(plan)
    assert geometry is not None
    assert [bar.number for bar in geometry.bars] == [step.priority for step in plan]
    assert [bar.strength for bar in geometry.bars] == [step.strength for step in plan]
    for bar, step in zip(geometry.bars, plan):
        assert bar.width > 0 and geometry.chart_left <= bar.x <= geometry.width
        assert step.describe_when() == bar.when
    later = [bar for bar in geometry.bars if bar.number > 1]
    assert all(a.x <= b.x or a.number < b.number for a, b in zip(later, later[1:]))
    assert {mark.kind for mark in geometry.marks} == {"now", "eras"}
    svg = ET.fromstring(timeline_svg(plan))
    namespace = "{http://www.w3.org/2000/svg}"
    assert svg.find(f"{namespace}title").text == geometry.title
    groups = svg.findall(f"{namespace}g[@class]")
    strengths = [g.get("class") for g in groups if g.get("class").startswith("step")]
    assert strengths == [f"step strength-{step.strength}" for step in plan]


def test_a_plan_without_months_has_no_timeline_but_a_whole_checklist():
    advice = advise({"specialty": "internal_medicine", "step1": {"result": "pass"},
                     "step2ck": {"score": 225}})
    dated = [s for s in advice.plan if s.start is not None]
    report = report_of(advice, diagrams=False)
    assert len(report.steps) == len(advice.plan)
    if not dated:
        assert report.timeline is None
    else:
        assert report.timeline is not None
        assert report.timeline_left_out == len(advice.plan) - len(dated)


def hostile_programs(tmp_path: Path) -> Path:
    path = tmp_path / "programs.json"
    path.write_text(json.dumps([{"name": HOSTILE, "state": "OH", "type": "community",
                                 "img_percent": 60, "visa": "j1_h1b"}]), "utf-8")
    return path


@needs_dot
def test_hostile_program_names_are_text_in_html_and_markdown(capsys, tmp_path):
    programs = hostile_programs(tmp_path)
    profile = EXAMPLES_DIR / "state_univ_sample.json"
    shown = {"html": "\\x1b[2J\\u202eHospital", "md": r"\\x1b\[2J\\u202eHospital"}
    for suffix, escaped in shown.items():
        out = tmp_path / f"report.{suffix}"
        code, _, err = run(capsys, "report", profile, "--programs", programs, "--out", out)
        assert code == 0, err
        text = out.read_text("utf-8")
        assert "<script>" not in text and "\x1b" not in text and "\u202e" not in text
        assert escaped in text
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Hospital &amp; Co" in html
    assert parsed(html).scripts == 0
    markdown = (tmp_path / "report.md").read_text("utf-8")
    assert r"Evil \<script\>alert(1)\</script\>" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| Evil"))
    assert row.count(" | ") == 3 and r"Co \| \*x\*" in row  # the name's pipe stays in its cell


# --- Markdown --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "programs"), CASES)
def test_the_markdown_report_has_the_answers_a_checklist_and_the_sources(capsys, tmp_path,
                                                                         name, programs):
    out = tmp_path / "report.md"
    code, _, err = run(capsys, *report_args(name, programs, out))
    assert code == 0, err
    markdown = out.read_text("utf-8")
    advice = advise(example_profile(name),
                    programs=example_programs(programs) if programs else None)
    assert markdown.startswith("# Residency application plan: ")
    assert markdown.count("\n- [ ] **") == len(advice.plan)
    for kind in SINGLE_ANSWER_KINDS:
        assert f"### {KIND_HEADINGS[kind]}: " in markdown
    for step in advice.why("step3").steps:
        assert step.title.replace("_", r"\_") in markdown
    assert "## Sources" in markdown and "data:image" not in markdown
    if programs:
        assert markdown.count("\n| ") >= len(advice.programs) + 2


# --- PDF -------------------------------------------------------------------------------------


needs_chromium = pytest.mark.skipif(
    find_browser() is None and not os.environ.get("IMG_ADVISOR_REQUIRE_TOOLS"),
    reason="no Chromium to print PDF with (apt-get install chromium)")


@needs_dot
@needs_chromium
@pytest.mark.parametrize(("name", "programs"), CASES)
def test_the_pdf_report_has_a_page_per_drawing_and_the_answers_in_its_text(capsys, tmp_path,
                                                                           name, programs):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "report.pdf"
    code, _, err = run(capsys, *report_args(name, programs, out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")
    pages = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    advice = advise(example_profile(name),
                    programs=example_programs(programs) if programs else None)
    # the summary and plan, then each headline's drawing on a page of its own, then sources
    assert len(SINGLE_ANSWER_KINDS) + 2 <= len(pages) <= 40, len(pages)
    start = next(i for i, text in enumerate(pages) if "Why each answer" in text)
    drawn = [i for kind in SINGLE_ANSWER_KINDS for i, text in enumerate(pages[start:], start)
             if f"Why {kind}:" in text]
    assert drawn == list(range(start, start + len(SINGLE_ANSWER_KINDS))), drawn
    whole = re.sub(r"\s+", " ", " ".join(pages))
    for kind in SINGLE_ANSWER_KINDS:
        assert re.sub(r"\s+", " ", headline(advice[kind])) in whole
    assert pages[drawn[-1] + 1].lstrip().startswith("Sources")


def test_pdf_without_chromium_exits_3_saying_how_to_get_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("IMG_ADVISOR_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(capsys, "report", EXAMPLES_DIR / "pmr_both_low.json",
                       "--out", out / "report.pdf")
    assert code == 3
    assert "apt-get install chromium" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


# --- without Graphviz, bad usage -------------------------------------------------------------


def test_without_graphviz_the_report_is_written_and_says_how_to_get_drawings(capsys, tmp_path,
                                                                             monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "report.html"
    code, _, err = run(capsys, "report", EXAMPLES_DIR / "pmr_both_low.json", "--out", out)
    assert code == 0
    assert "apt-get install graphviz" in err
    page = parsed(out.read_text("utf-8"))
    assert page.images == [] and "apt-get install graphviz" in " ".join(page.text)
    assert page.svgs == 1  # the timeline needs no Graphviz


@pytest.mark.parametrize(("argv", "says"), [
    (["PROFILE", "--out", "r.docx"], "use one of the suffixes .html, .htm, .md, .pdf"),
    (["--cohort", "x.jsonl", "PROFILE", "--out", "d"], "give a PROFILE, or a cohort"),
    (["--out", "r.html"], "give a PROFILE, or a cohort"),
    (["PROFILE", "--programs", "PROFILE", "--cohort", "x.jsonl", "--out", "d"],
     "give a PROFILE, or a cohort"),
])
def test_bad_report_usage_exits_2_naming_what_is_allowed(capsys, tmp_path, monkeypatch, argv,
                                                         says):
    monkeypatch.chdir(tmp_path)
    profile = str(EXAMPLES_DIR / "pmr_both_low.json")
    code, _, err = run(capsys, "report", *(profile if a == "PROFILE" else a for a in argv))
    assert code == 2 and says in err
    assert list(tmp_path.iterdir()) == []


def test_a_report_needs_out(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["report", str(EXAMPLES_DIR / "pmr_both_low.json")])
    assert stopped.value.code == 2 and "--out" in capsys.readouterr().err


# --- a cohort --------------------------------------------------------------------------------


@needs_dot
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_cohort_gets_a_report_per_line_and_an_index(capsys, tmp_path, fmt):
    lines = [json.dumps(example_profile(name)) for name in EXAMPLES]
    lines.insert(2, "")
    lines.insert(3, json.dumps({"specialty": "cardiology"}))
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "reports"
    code, said, err = run(capsys, "report", "--cohort", cohort, "--out", out, "--as", fmt)
    assert code == 1  # done, but one line was not a valid profile
    assert "line 4" in err and "wrote 5 report(s)" in said
    index = (out / f"index.{'md' if fmt == 'md' else 'html'}").read_text("utf-8")
    names = sorted(p.name for p in out.iterdir() if p.name.startswith("applicant-"))
    assert names == [f"applicant-{n:04d}.{fmt}" for n in (1, 2, 5, 6, 7)]
    for name in names:
        assert name in index
    assert "cardiology" in index  # the invalid line's problem, named
    for name in EXAMPLES:
        assert headline(advise(example_profile(name))["apply_count"]) in index
    if fmt == "html":
        page = parsed(index)
        assert page.lang == "en" and page.external == [] and page.headings == [1]


def test_a_cohort_into_a_file_exits_2(capsys, tmp_path):
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps(example_profile("pmr_both_low")) + "\n", "utf-8")
    target = tmp_path / "taken"
    target.write_text("keep me", "utf-8")
    code, _, err = run(capsys, "report", "--cohort", cohort, "--out", target)
    assert code == 2 and "cannot make the folder" in err
    assert target.read_text("utf-8") == "keep me"


def test_the_templates_ship_with_the_package():
    """The templates ship with the package (installed non-editable by .ci/run's second venv)."""
    from importlib import resources

    folder = resources.files("expert.report") / "templates"
    names = {entry.name for entry in folder.iterdir()}
    assert {"page.html", "report.html", "report.md", "report.css", "timeline.svg", "index.html",
            "index.md"} <= names


@needs_dot
def test_a_report_is_byte_identical_across_hash_seeds(tmp_path):
    written = []
    for seed in ("0", "4242"):
        out = tmp_path / f"report-{seed}.html"
        subprocess.run([sys.executable, "-m", "expert", *map(str, report_args(
            "state_univ_sample", "programs_example", out))], check=True, capture_output=True,
            timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})
        written.append(out.read_bytes())
    assert written[0] == written[1]


def test_a_cohort_that_is_not_json_lines_stops_with_exit_2_leaving_nothing(capsys, tmp_path):
    from expert.batch import MAX_LINE_BYTES

    cohort = tmp_path / "cohort.jsonl"
    with cohort.open("wb") as out:
        out.write(json.dumps(example_profile("pmr_both_low")).encode() + b"\n")
        out.write(b" " * (MAX_LINE_BYTES + 10))  # no line break: not one profile a line
    folder = tmp_path / "reports"
    code, _, err = run(capsys, "report", "--cohort", cohort, "--out", folder, "--as", "md")
    assert code == 2 and "line 2" in err
    assert list(folder.iterdir()) == []
