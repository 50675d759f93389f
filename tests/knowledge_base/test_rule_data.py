"""The rule base as data: ids, citations, thresholds."""

from __future__ import annotations

import copy
import re
from functools import reduce

import pytest

from knowledge_base import ALL_RULES as RULES
from knowledge_base.sources import DOCUMENTS, Source
from knowledge_base.thresholds import (
    SCORE_MAX,
    SCORE_MIN,
    THRESHOLDS,
    ThresholdsError,
    parse_thresholds,
    read_table,
)

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


def _table(bands=None, entries=()):
    """The shipped table, with its scales replaced by one Step 2 CK scale of ``bands`` (if given)
    and each ``(path, value)`` of ``entries`` set (a path such as ``"usce.pmr_rotations"``; the
    value ``None`` removes the entry)."""
    raw = copy.deepcopy(read_table())
    if bands is not None:
        raw["scale"] = [{"id": "s", "exam": "step2ck", "title": "t", "default": True,
                         "sources": [["pmr", "x"]], "bands": bands}]
    for path, value in entries:
        *tables, key = path.split(".")
        table = reduce(dict.__getitem__, tables, raw)
        if value is None:
            del table[key]
        else:
            table[key] = value
    return raw


def test_the_shipped_table_parses_unchanged():
    assert parse_thresholds(_table()) == THRESHOLDS


@pytest.mark.parametrize("bands", [
    [{"from": 5, "band": "low"}],                                  # a hole below 5
    [{"from": 1, "band": "low"}, {"from": 1, "band": "high"}],     # overlap
    [{"from": 1, "band": "low"}, {"from": 301, "band": "high"}],   # beyond 300
])
def test_malformed_scales_are_refused(bands):
    with pytest.raises(ThresholdsError):
        parse_thresholds(_table(bands))


@pytest.mark.parametrize("path, value, named", [
    ("exams.step2ck_gain_over_step1", {"min": 15, "max": 10}, None),  # min > max
    ("usce.med_psych_block_weeks", {"min": -4, "max": 8}, None),      # negative
    ("letters.us_faculty", 3, None),                                  # a number, not a range
    ("mid_season.email_sentences", {"min": 5}, None),                 # no max
    ("narrative.follow_up_hours", {"min": 24, "max": 72.5}, None),    # not a whole number
    ("targeting.score_gap", -20, None),                               # negative
    ("rank_list.max_reach_on_top", True, None),                       # not a number
    ("continuity.older_graduate_years", None, None),                  # missing
    ("research.role_weeks", {"min": 24, "max": 48}, None),            # unknown entry
    ("applications.pmr", {"min": 0, "max": 80}, None),                # no programs at all
    ("rank_list.percent.safety", {"min": 70, "max": 80}, "rank_list.percent"),  # over 100%
    ("programs.mostly_percent", 150, None),                           # a share over 100%
    ("programs.top_of_list", None, None),                             # missing
])
def test_malformed_entries_are_refused(path, value, named):
    with pytest.raises(ThresholdsError, match=re.escape(named or path)):
        parse_thresholds(_table(entries=[(path, value)]))


def test_rules_refuse_unbound_placeholders():
    from knowledge_base.conditions import given
    from knowledge_base.facts import recommend
    from knowledge_base.rule import Rule

    with pytest.raises(ValueError, match="not bound"):
        Rule(id="t.unbound", title="t", strength="info", sources=(Source("pmr", "x"),),
             premises=(given("specialty"),),
             conclusions=(recommend("step3", "take", "{nothing}"),))
