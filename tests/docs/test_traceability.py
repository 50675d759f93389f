"""Traceability: the knowledge map accounts for every section and every rule; the generated rule
reference is in sync with the rules."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

import pytest

from knowledge_base import ALL_RULES as RULES, TABLES
from knowledge_base.reference import rule_reference
from tests.conftest import REPO
from tests.knowledge_base.test_rule_data import SEED_FILES

MAP = REPO / "docs" / "knowledge-map.md"
DOC_HEADING = re.compile(r"^## `(\w+)`", re.MULTILINE)
ROW = re.compile(r"^\| (.+?) \| (.+) \|$", re.MULTILINE)
RULE_REF = re.compile(r"`([a-z0-9_]+(?:\.[a-z0-9_*]+)+)`")

NOT_SECTIONS = re.compile(
    r"^(Residency Advisor Logo|SmartPick|Related Articles|January \d|Program Type|CategoryValue|"
    r"Reach\d|Match\d|Safety\d|Big academic|Community university|Pure community|Rural / |"
    r"StepDescription|Step \d[A-Z]|Overreaching|Balanced List|IMG-Heavy Safety|"
    r"Mermaid flowchart|Mid-Season Adjustment Flow|Common IMG Match Outcomes|"
    r"Recommended Rank List Composition|Program directors want|Programs will question)"
)


def _map_rows() -> dict[str, dict[str, str]]:
    text = MAP.read_text("utf-8")
    parts = DOC_HEADING.split(text)[1:]
    return {doc: {section.strip(): cell for section, cell in ROW.findall(body)
                  if section.strip() not in ("section", "---")}
            for doc, body in zip(parts[::2], parts[1::2])}


def _section_headings(text: str) -> list[str]:
    """Lines that stand as headings: unindented, short, not a sentence, not chart data."""
    headings = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or line[0].isspace() or stripped[0] in "-•“\"":
            continue
        question = stripped.endswith("?") and re.match(r"^\d\. ", stripped)
        if not question and (len(stripped) > 110 or stripped.endswith((".", ":", ",", ";"))):
            continue
        if re.match(r"^(Step|Day|Scenario|\d+\.|[A-Z])", stripped) and not NOT_SECTIONS.match(stripped):
            headings.append(stripped)
    return headings


def test_the_map_covers_every_document():
    assert set(_map_rows()) == set(SEED_FILES)


def test_every_rule_is_in_the_map():
    referenced = {ref for row in _map_rows().values() for cell in row.values()
                  for ref in RULE_REF.findall(cell)}
    missing = [r.id for r in RULES if not any(fnmatchcase(r.id, ref) for ref in referenced)]
    assert missing == []


def test_every_rule_the_map_names_exists():
    ids = [r.id for r in RULES]
    referenced = {ref for row in _map_rows().values() for cell in row.values()
                  for ref in RULE_REF.findall(cell)}
    assert [ref for ref in referenced if not any(fnmatchcase(i, ref) for i in ids)] == []


def test_every_section_of_every_document_is_accounted_for(seeds):
    rows = _map_rows()
    for doc, name in SEED_FILES.items():
        text = (seeds / name).read_text("utf-8")
        lines = {line.strip() for line in text.splitlines()}
        assert [s for s in rows[doc] if s not in lines] == [], f"{doc}: not a line of the document"
        assert [h for h in _section_headings(text) if h not in rows[doc]] == [], doc


def test_the_rule_reference_is_in_sync():
    committed = (REPO / "docs" / "rules.md").read_text("utf-8")
    if committed != rule_reference(RULES, TABLES):
        pytest.fail("docs/rules.md is out of date: run `img-advisor kb rules --out docs/rules.md`")
