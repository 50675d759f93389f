"""The rule base as data: ids, citations, thresholds."""

from __future__ import annotations

import pytest

from knowledge_base import RULES
from knowledge_base.sources import DOCUMENTS, Source
from knowledge_base.thresholds import SCORE_MAX, SCORE_MIN, THRESHOLDS, ThresholdsError, parse_thresholds

SEED_FILES = {
    "pmr": "000_ba6b221359c672e3.txt",
    "state_univ": "001_6ba16e9e156d3afa.txt",
    "med_peds": "002_13eff74c7cfd206e.txt",
    "med_psych": "003_f1af15578824b71d.txt",
    "safety_nets": "004_c85216e05a408749.txt",
}


def test_rule_ids_are_unique():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))


def test_every_rule_cites_a_known_document():
    assert all(rule.sources for rule in RULES)
    assert {s.doc for rule in RULES for s in rule.sources} <= set(DOCUMENTS)
    with pytest.raises(ValueError, match="unknown document"):
        Source("no_such_doc", "Intro")


def test_every_cited_section_heading_exists_in_its_document(seeds):
    lines = {doc: {line.strip() for line in (seeds / name).read_text("utf-8").splitlines()}
             for doc, name in SEED_FILES.items()}
    missing = sorted({f"{s.doc}: {s.section}" for rule in RULES for s in rule.sources
                      if s.section not in lines[s.doc]})
    assert missing == []


def test_seed_readme_agrees_on_the_document_ids(seeds):
    readme = (seeds / "README.md").read_text("utf-8")
    for doc, name in SEED_FILES.items():
        assert f"`{doc}` | {name}" in readme


@pytest.mark.parametrize("scale", THRESHOLDS.scales, ids=lambda s: f"{s.exam}-{s.id}")
def test_each_scale_covers_every_score_once(scale):
    covering = [[b.name for b in scale.bands if b.low <= score < b.high]
                for score in range(SCORE_MIN, SCORE_MAX + 1)]
    assert all(len(names) == 1 for names in covering)


def _table(bands, **extra):
    scale = {"id": "s", "exam": "step2ck", "title": "t", "default": True,
             "sources": [["pmr", "x"]], "bands": bands}
    return {"scale": [scale], "specialty_groups": {}, "applications": {},
            "step3": {"min_prep_months": 3, "unhurried_months": 6}, **extra}


@pytest.mark.parametrize("bands", [
    [{"from": 5, "band": "low"}],                                  # a hole below 5
    [{"from": 1, "band": "low"}, {"from": 1, "band": "high"}],     # overlap
    [{"from": 1, "band": "low"}, {"from": 301, "band": "high"}],   # beyond 300
])
def test_malformed_scales_are_refused(bands):
    with pytest.raises(ThresholdsError):
        parse_thresholds(_table(bands))


def test_rules_refuse_unbound_placeholders():
    from knowledge_base.conditions import given
    from knowledge_base.facts import recommend
    from knowledge_base.rule import Rule

    with pytest.raises(ValueError, match="not bound"):
        Rule(id="t.unbound", title="t", strength="info", sources=(Source("pmr", "x"),),
             premises=(given("specialty"),),
             conclusions=(recommend("step3", "take", "{nothing}"),))
