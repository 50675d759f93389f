"""``kb check`` is clean on the shipped rules and catches each class of defect in small broken
knowledge bases built here."""

from __future__ import annotations

import json

import attrs
import pytest

from expert.cli import main
from expert.verification.kb_check import check_knowledge_base
from knowledge_base import ALL_RULES, SINGLE_ANSWER_KINDS
from knowledge_base.checks import satisfiable
from knowledge_base.conditions import absent, at_least, below, fact, given, one_of, within
from knowledge_base.consistency import Incompatible
from knowledge_base.decision_table import GIVEN as GIVEN_CELL
from knowledge_base.facts import RiskFactor, ScoreBand, recommend
from knowledge_base.inputs import INPUT_DOMAINS, input_facts
from knowledge_base.rule import Rule
from knowledge_base.sources import Source
from knowledge_base.thresholds import THRESHOLDS, Band, Scale

SOURCES = (Source("pmr", "x"),)
NO_BACKUP = {"recommended": False, "tracks": []}


def rule(rule_id, *premises, conclude, specificity=0, sources=SOURCES):
    conclusions = conclude if isinstance(conclude, tuple) else (conclude,)
    return Rule(id=rule_id, title=rule_id, strength="info", sources=sources, premises=premises,
                conclusions=conclusions, specificity=specificity)


def count(low, high):
    part = {"track": "any", "scope": "count", "min": low, "max": high, "basis": "document",
            "at_least": False}
    return {"min": low, "max": high, "at_least": False, "parts": [part]}


BASE = (
    rule("t.outlook", given("specialty"), conclude=recommend("outlook", "lower_risk", "o")),
    rule("t.count", given("specialty"), conclude=recommend("apply_count", count(60, 120), "c")),
    rule("t.step3", given("specialty"), conclude=recommend("step3", "not_needed", "s")),
    rule("t.backup", given("specialty"), conclude=recommend("prelim_backup", NO_BACKUP, "b")),
)
"""A clean little knowledge base: one always-true answer of each single-answer kind."""


def check(rules, sweep="none", processes=1, **parts):
    parts = {"kinds": SINGLE_ANSWER_KINDS, "incompatible": (), "later_rules": (), "plan_rules": (),
             **parts}
    return check_knowledge_base(tuple(rules), sweep=sweep, processes=processes, **parts)


def found(report, check_name):
    return [d for d in report.defects if d.check == check_name]


# --- clean ----------------------------------------------------------------------------------


def test_the_shipped_knowledge_base_is_clean_statically():
    report = check_knowledge_base(sweep="none")
    assert report.defects == ()
    assert report.ok and report.rules == len(ALL_RULES)


def test_program_and_list_rules_are_checked_against_their_own_inputs():
    verdict = recommend("program_verdict", {"verdict": "match"}, "m")
    reads = rule("t.program.rigid", given("program.wording.score_rigid"), conclude=verdict)
    typo = rule("t.program.typo", given("program.img_percentage", at_least(40)), conclude=verdict)
    impossible = rule("t.list.over", given("list.safety_percent", at_least(101)),
                      conclude=recommend("program_list", {"action": "x"}, "x"))
    report = check(BASE, later_rules=(reads, typo, impossible),
                   kinds=(*SINGLE_ANSWER_KINDS, "program_verdict", "program_list"))
    assert {d.rule for d in found(report, "never_fires")} == {"t.program.typo", "t.list.over"}


def test_the_little_knowledge_base_is_clean_with_a_sweep():
    report = check(BASE, sweep="quick")
    assert report.defects == ()
    assert report.sweep.profiles > 1000
    assert report.sweep.fired == {r.id for r in BASE}


# --- static defects ----------------------------------------------------------------------------


def test_a_rule_without_sources():
    with attrs.validators.disabled():  # Rule refuses this; kb check must still see it
        bare = rule("t.bare", given("specialty"), conclude=recommend("cv", "x", "x"), sources=())
    defects = found(check([*BASE, bare], kinds=(*SINGLE_ANSWER_KINDS, "cv")), "sources")
    assert [(d.rule, d.severity) for d in defects] == [("t.bare", "error")]


def test_a_rule_citing_an_unknown_document():
    with attrs.validators.disabled():
        unknown = Source("no_such_doc", "Intro")
    cited = rule("t.cited", given("specialty"), conclude=recommend("cv", "x", "x"),
                 sources=(unknown,))
    defects = found(check([*BASE, cited], kinds=(*SINGLE_ANSWER_KINDS, "cv")), "sources")
    assert [d.rule for d in defects] == ["t.cited"]
    assert "no_such_doc" in defects[0].message


def test_a_document_dropped_from_the_known_ones():
    report = check(BASE, documents={"state_univ": "t"})
    assert {d.rule for d in found(report, "sources")} == {r.id for r in BASE}


def test_duplicate_rule_ids():
    twin = rule("t.outlook", given("visa", "h1b"), conclude=recommend("outlook", "lower_risk", "o"))
    defects = found(check([*BASE, twin]), "duplicate_id")
    assert [(d.rule, d.message) for d in defects] == [("t.outlook", "2 rules have this id")]


@pytest.mark.parametrize("premises, words", [
    ((given("step2ck.score", at_least(400)),), "step2ck.score"),
    ((given("step2ck.score", below(210)), given("step2ck.score", at_least(230))), "at least 230"),
    ((given("phase", one_of("graduated")),), "phase"),
    ((given("no_such_field"),), "no profile gives"),
    ((given("usce.months", below(0)),), "usce.months"),
    ((given("years_since_graduation", below(-1)),), "years_since_graduation"),
    ((fact(RiskFactor, name="ghost"),), "RiskFactor"),
], ids=["score above 300", "two tests no score passes", "unknown choice", "unknown field",
        "negative months", "graduation after season + 1", "finding nobody concludes"])
def test_a_rule_that_can_never_fire(premises, words):
    dead = rule("t.dead", *premises, conclude=recommend("outlook", "high_risk", "h"))
    defects = found(check([*BASE, dead]), "never_fires")
    assert [d.rule for d in defects] == ["t.dead"]
    assert words in defects[0].message


def test_a_rule_that_reads_only_what_a_dead_rule_concludes_never_fires():
    dead = rule("t.dead", given("step1.result", "honours"),
                conclude=RiskFactor("odd", "high", "scores"))
    reader = rule("t.reader", fact(RiskFactor, name="odd"),
                  conclude=recommend("outlook", "high_risk", "h"))
    assert {d.rule for d in found(check([*BASE, dead, reader]), "never_fires")} == \
        {"t.dead", "t.reader"}


def test_satisfiable_premises_that_look_alike_are_not_flagged():
    alive = [
        rule("t.edge", given("step2ck.score", within(299, 301)), conclude=ScoreBand("step2ck", "top", "s")),
        rule("t.reads", fact(ScoreBand, band="top"), absent(given("visa", "h1b")),
             conclude=recommend("outlook", "high_risk", "h")),
        rule("t.months", given("usce.months", within(0.25, 0.5)),
             conclude=recommend("outlook", "moderate_risk", "m")),
    ]
    assert check([*BASE, *alive]).defects == ()


def test_every_input_path_has_a_domain_and_every_domain_is_an_input():
    from expert.inputs.profiles import profile_from_dict

    everything = profile_from_dict({
        "specialty": "pmr", "step1": {"result": 220}, "step2ck": {"score": 230},
        "step3": {"status": "passed", "score": 235}, "season": 2027, "graduation_year": 2020,
        "usce": [{"specialty": "pmr", "months": 2}], "letters": [{"specialty": "pmr"}],
        "clinically_active": True, "ecfmg_certified": True, "months_until_eras": 4,
        "interviews": 3,
    })
    paths = {f.field for f in input_facts(everything)} | {"step2ck.practice_score"}
    assert paths == set(INPUT_DOMAINS)
    assert all(INPUT_DOMAINS[f.field].contains(f.value) for f in input_facts(everything))


@pytest.mark.parametrize("field, tests, expected", [
    ("step2ck.score", [at_least(225), below(226)], True),
    ("step2ck.score", [at_least(226), below(226)], False),
    ("usce.hands_on_months", [within(1.5, 1.75)], True),
    ("letters.us_count", [within(1.5, 1.75)], False),
    ("visa", [one_of("j1", "h1b")], True),
    ("clinically_active", [one_of(None)], False),
])
def test_satisfiable(field, tests, expected):
    assert satisfiable(INPUT_DOMAINS[field], tests) is expected


def test_a_finding_nothing_uses_is_a_warning():
    lonely = rule("t.lonely", given("visa", "h1b"), conclude=RiskFactor("lonely", "high", "visa"))
    report = check([*BASE, lonely])
    assert [(d.rule, d.severity) for d in found(report, "unused_finding")] == \
        [("t.lonely", "warning")]
    assert report.ok


def test_a_kind_no_rule_gives_and_a_kind_no_one_knows():
    odd = rule("t.odd", given("specialty"), conclude=recommend("horoscope", "x", "x"))
    report = check([*BASE, odd], kinds=(*SINGLE_ANSWER_KINDS, "timing"))
    messages = [(d.check, d.rule) for d in report.defects]
    assert ("kind_without_rule", None) in messages
    assert ("unknown_kind", "t.odd") in messages
    assert not report.ok


def test_a_declared_contradiction_naming_an_unknown_kind():
    pair = Incompatible({"kind": "timng", "action": "a"}, {"kind": "step3", "value": "take"},
                        why="typo")
    assert [d.check for d in check(BASE, incompatible=(pair,)).defects] == ["unknown_kind"]


@pytest.mark.parametrize("bands, words", [
    ((Band("low", 1, 220), Band("high", 225, 301)), "hole: scores 220–224"),
    ((Band("low", 1, 230), Band("high", 225, 301)), "overlap: scores 225–229"),
    ((Band("low", 5, 301),), "hole: scores 1–4"),
    ((Band("low", 1, 250),), "hole: scores 250–300"),
    ((Band("low", 1, 400),), "beyond 300"),
    ((Band("low", 1, 1), Band("rest", 1, 301)), "empty"),
])
def test_score_bands_with_holes_or_overlaps(bands, words):
    broken = Scale("s", "step2ck", "t", True, (), SOURCES, bands)
    defects = found(check(BASE, scales=(*THRESHOLDS.scales, broken)), "score_bands")
    assert len(defects) == 1 and words in defects[0].message


# --- defects the sweep finds -------------------------------------------------------------------


def test_two_equally_specific_rules_that_disagree():
    rival = rule("t.step3_take", given("visa", "h1b"), conclude=recommend("step3", "take", "t"))
    defects = found(check([*BASE, rival], sweep="quick"), "conflict")
    assert len(defects) == 1
    assert "t.step3" in defects[0].message and "t.step3_take" in defects[0].message
    assert '"visa":"h1b"' in defects[0].message  # an example profile


def test_a_declared_contradiction_given_together():
    delay = rule("t.delay", given("phase", "preparing"),
                 conclude=recommend("timing", {"action": "delay"}, "d"))
    submit = rule("t.submit", given("step2ck.score", at_least(240)),
                  conclude=recommend("timing", {"action": "submit"}, "s"))
    pair = Incompatible({"kind": "timing", "action": "delay"}, {"kind": "timing", "action": "submit"},
                        why="wait or go")
    report = check([*BASE, delay, submit], sweep="quick", incompatible=(pair,),
                   kinds=(*SINGLE_ANSWER_KINDS, "timing"))
    assert [d.check for d in report.defects] == ["contradiction"]
    assert "wait or go" in report.defects[0].message


def test_a_profile_without_a_backup_answer_is_a_gap():
    narrow = rule("t.backup", given("visa", "h1b"),
                  conclude=recommend("prelim_backup", NO_BACKUP, "b"))
    defects = found(check([*BASE[:3], narrow], sweep="quick"), "gap")
    assert [d.message.split(";")[0] for d in defects] == ["0 answers of kind prelim_backup"]


@pytest.mark.parametrize("worse_when, words", [
    (given("step2ck.score", at_least(240)), "a better step2ck gets a riskier outlook"),
    (given("letters.us_count", at_least(2)), "a better letters gets a riskier outlook"),
    (given("step3.status", "passed"), "a better step3 gets a riskier outlook"),
])
def test_a_better_profile_with_a_worse_outlook(worse_when, words):
    perverse = rule("t.perverse", worse_when, conclude=recommend("outlook", "high_risk", "h"),
                    specificity=10)
    defects = found(check([*BASE, perverse], sweep="quick"), "monotonicity")
    assert any(words in d.message for d in defects), defects


def test_more_usce_asking_for_more_programs():
    larger = rule("t.more", given("usce.hands_on_months", at_least(2)),
                  conclude=recommend("apply_count", count(80, 150), "c"), specificity=10)
    defects = found(check([*BASE, larger], sweep="quick"), "monotonicity")
    assert [d.message.split(";")[0] for d in defects] == \
        ["a better usce gets more programs (80–150 instead of 60–120)"]


def test_a_recommendation_without_a_source_is_unexplained():
    with attrs.validators.disabled():
        bare = rule("t.bare", given("visa", "h1b"), conclude=recommend("cv", "x", "x"), sources=())
    report = check([*BASE, bare], sweep="quick", kinds=(*SINGLE_ANSWER_KINDS, "cv"))
    assert [d.message.split(";")[0] for d in found(report, "unexplained")] == \
        ["the cv answer of t.bare reaches no source"]


def test_rules_that_feed_each_other_cannot_be_run():
    loop = [rule("t.a", fact(RiskFactor, name="x"), conclude=ScoreBand("step1", "b", "s")),
            rule("t.b", fact(ScoreBand, band="b"), conclude=RiskFactor("x", "high", "scores"))]
    report = check([*BASE, *loop], sweep="quick")
    assert [d.check for d in report.errors].count("engine") == 1
    assert {d.rule for d in found(report, "never_fires")} == {"t.a", "t.b"}


# --- the command -------------------------------------------------------------------------------


def test_kb_check_exits_0_on_the_shipped_rules(capsys):
    assert main(["kb", "check", "--sweep", "none"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("OK: 0 error(s), 0 warning(s)")


def test_kb_check_json(capsys):
    assert main(["kb", "check", "--sweep", "none", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["defects"] == [] and report["sweep"] is None


def test_kb_check_exits_1_and_names_each_error(capsys, monkeypatch):
    import expert.verification.kb_check  # where the command finds it when it runs

    dead = rule("t.dead", given("step2ck.score", at_least(400)),
                conclude=recommend("outlook", "high_risk", "h"))
    rival = rule("t.step3_take", given("visa", "h1b"), conclude=recommend("step3", "take", "t"))
    monkeypatch.setattr(expert.verification.kb_check, "check_knowledge_base",
                        lambda **options: check([*BASE, dead, rival], **options))
    assert main(["kb", "check", "--processes", "1"]) == 1
    out = capsys.readouterr().out
    assert "error [never_fires] t.dead:" in out
    assert "error [conflict]" in out
    assert "swept" in out and "profiles" in out
    assert "FAILED: 2 error(s)" in out


# --- decision tables and contradictions -------------------------------------------------------


def _table(*rows, policy="priority"):
    from knowledge_base.decision_table import DecisionTable, input_column

    return DecisionTable("step3", (input_column("visa"), input_column("phase")), rows,
                         hit_policy=policy)


def _row(rule_id, when, value, priority=None):
    from knowledge_base.decision_table import Row

    return Row(rule_id, rule_id, "should", SOURCES, when, recommend("step3", value, value),
               priority=priority)


def test_a_gap_planted_in_a_table_is_found_with_an_example():
    table = _table(_row("t.h1b", {"visa": "h1b"}, "take", 10),
                   _row("t.j1", {"visa": "j1"}, "not_needed", 0))
    gaps = found(check(BASE, tables=(table,)), "table_gap")
    assert len(gaps) == 1
    assert "visa none" in gaps[0].message and "5 combination(s)" in gaps[0].message


def test_an_overlap_planted_in_a_table_is_found_naming_both_rows():
    table = _table(_row("t.h1b", {"visa": "h1b"}, "take", 10),
                   _row("t.ranking", {"phase": "ranking"}, "dont_rush", 10),
                   _row("t.any", {"visa": GIVEN_CELL}, "not_needed", 0))
    overlaps = found(check(BASE, tables=(table,)), "table_overlap")
    assert [(d.rule, "t.h1b" in d.message, "visa h1b, phase ranking" in d.message)
            for d in overlaps] == [("t.ranking", True, True)]
    # the same answer at the same priority, or rows in first-hit order, are no overlap
    same = _table(_row("t.h1b", {"visa": "h1b"}, "take", 10),
                  _row("t.ranking", {"phase": "ranking"}, "take", 10),
                  _row("t.any", {"visa": GIVEN_CELL}, "not_needed", 0))
    assert found(check(BASE, tables=(same,)), "table_overlap") == []


def test_a_row_shadowed_by_a_wider_one_is_unreachable():
    table = _table(_row("t.any", {"visa": GIVEN_CELL}, "not_needed", 10),
                   _row("t.h1b", {"visa": "h1b"}, "take", 5))
    unreachable = found(check(BASE, tables=(table,)), "table_unreachable")
    assert [d.rule for d in unreachable] == ["t.h1b"]
    assert "higher priority" in unreachable[0].message


def test_a_rule_with_a_premise_plain_and_negated_is_a_contradiction():
    same = rule("t.both", given("visa", "h1b"), absent(given("visa", "h1b")),
                conclude=recommend("outlook", "high_risk", "x"))
    wider = rule("t.wider", fact(RiskFactor, name="a", severity="high"),
                 absent(fact(RiskFactor, name="a")), conclude=recommend("outlook", "high_risk", "x"))
    fine = rule("t.fine", given("visa", "h1b"), absent(given("phase", "ranking")),
                conclude=recommend("outlook", "high_risk", "x"))
    report = check([*BASE, same, wider, fine], kinds=(*SINGLE_ANSWER_KINDS,))
    assert {d.rule for d in found(report, "contradictory_premises")} == {"t.both", "t.wider"}
    assert not report.ok
