"""The rule language refuses what cannot work: a negated premise that binds, and (as a static
check) a rule whose negated premise rules out one of its own positive premises."""

from __future__ import annotations

import pytest

from knowledge_base import ALL_RULES, SINGLE_ANSWER_KINDS
from knowledge_base.checks import contradiction_defects, static_defects
from knowledge_base.conditions import Pattern, absent, equals, fact, given, one_of
from knowledge_base.facts import Input, RiskFactor, ScoreBand, recommend
from knowledge_base.inputs import INPUT_DOMAINS
from knowledge_base.rule import Rule
from knowledge_base.sources import DOCUMENTS, Source

SOURCES = (Source("pmr", "x"),)


def rule(rule_id, *premises):
    return Rule(id=rule_id, title=rule_id, strength="info", sources=SOURCES, premises=premises,
                conclusions=(recommend("outlook", "high_risk", "x"),))


# --- a negated premise binds nothing ---------------------------------------------------------


def test_a_negated_pattern_that_binds_is_refused_at_construction():
    constraints = (("field", equals("months_until_eras")),)
    with pytest.raises(ValueError, match="a negated premise cannot bind variables") as refused:
        Pattern(Input, constraints, negated=True, bindings=(("value", "months"),))
    assert "no months_until_eras is given binds months" in str(refused.value)
    # either half alone is fine
    assert Pattern(Input, constraints, negated=True).negated
    assert Pattern(Input, constraints, bindings=(("value", "months"),)).bindings


def test_absent_refuses_a_premise_that_binds_and_negates_one_that_does_not():
    with pytest.raises(ValueError, match="cannot bind"):
        absent(given("specialty", bind="specialty"))
    assert absent(given("visa", "h1b")).describe() == "no visa is h1b"
    assert absent(absent(given("visa", "h1b"))) == given("visa", "h1b")


# --- a premise that rules out another ---------------------------------------------------------


@pytest.mark.parametrize("premises", [
    (given("visa", "h1b"), absent(given("visa", "h1b"))),  # the same premise plain and negated
    (given("visa", "h1b"), absent(given("visa"))),  # every visa that is h1b is a visa given
    (fact(RiskFactor, name="step2ck_low", severity="high"),
     absent(fact(RiskFactor, name="step2ck_low"))),
    (given("specialty"), fact(RiskFactor, area="scores"), absent(fact(RiskFactor))),
], ids=["same", "given_at_all", "finding_subset", "any_finding"])
def test_a_negated_premise_implied_by_a_positive_one_is_a_contradiction(premises):
    (defect,) = contradiction_defects([rule("t.never", *premises)])
    assert (defect.check, defect.severity, defect.rule) == ("contradictory_premises", "error",
                                                          "t.never")
    negated = next(p for p in premises if p.negated)
    assert defect.message.startswith("can never fire: it needs ")
    assert defect.message.endswith(f" and {negated.describe()}")


@pytest.mark.parametrize("premises", [
    (given("visa", "h1b"), absent(given("phase", "ranking"))),  # another field
    (given("visa", "h1b"), absent(given("visa", "j1"))),  # another value (always true, not never)
    (given("visa"), absent(given("visa", "h1b"))),  # narrower than the positive premise
    (fact(RiskFactor, name="step2ck_low"), absent(fact(RiskFactor, name="step2ck_low",
                                                       severity="high"))),
    (fact(RiskFactor, area="scores"), absent(fact(ScoreBand))),  # no constraint, but a type
    (given("visa", one_of("h1b", "j1")), absent(given("visa", "h1b"))),
], ids=["other_field", "other_value", "narrower", "narrower_finding", "other_type", "wider_test"])
def test_a_negated_premise_that_some_match_escapes_is_no_contradiction(premises):
    assert list(contradiction_defects([rule("t.can_fire", *premises)])) == []


def test_the_shipped_rules_have_no_contradictory_premises():
    assert list(contradiction_defects(ALL_RULES)) == []


def test_static_defects_reports_a_contradictory_rule():
    base = [Rule(id=f"t.{kind}", title=kind, strength="info", sources=SOURCES,
                 premises=(given("specialty"),),
                 conclusions=(recommend(kind, "x", "x"),)) for kind in SINGLE_ANSWER_KINDS]
    never = rule("t.never", given("visa", "h1b"), absent(given("visa")))
    found = static_defects([*base, never], kinds=SINGLE_ANSWER_KINDS, documents=DOCUMENTS,
                           incompatible=(), scales=(), domains=INPUT_DOMAINS)
    assert [(d.check, d.rule) for d in found] == [("contradictory_premises", "t.never")]
