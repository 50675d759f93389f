"""expert.rete's matcher gives exactly the activations experta's own matcher gives.

The knowledge base exercises only part of a Rete network (no variable shared between premises,
negations that the layered saliences settle before they are read); these rules exercise the
rest: joins on a shared variable, one fact matching two premises of a rule, a negated premise
that comes to match after its rule was activated, a rule that starts with a negation.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given as for_all
from hypothesis import settings
from hypothesis import strategies as st

from expert.engine.compat import experta
from expert.engine.experta_types import experta_pattern, to_experta
from expert.engine.rete import PatternReteMatcher
from knowledge_base.conditions import Pattern, absent, below, equals, fact, given
from knowledge_base.facts import Input, RiskFactor, recommend
from knowledge_base.rule import Rule
from knowledge_base.sources import Source


def _rule(name: str, *premises: Any) -> Rule:
    return Rule(id=f"t.{name}", title=name, strength="info", sources=(Source("pmr", "x"),),
                premises=premises, conclusions=(recommend("note", name, name),))


RULES = (
    _rule("same_severity", Pattern(RiskFactor, (("name", equals("a")),), bindings=(("severity", "s"),)),
          Pattern(RiskFactor, (("name", equals("b")),), bindings=(("severity", "s"),))),
    _rule("any_pair", Pattern(RiskFactor, (), bindings=(("name", "x"),)),
          Pattern(RiskFactor, (), bindings=(("name", "y"),))),
    _rule("a_without_c", fact(RiskFactor, name="a"), absent(fact(RiskFactor, name="c"))),
    _rule("no_c_and_h1b", absent(fact(RiskFactor, name="c")), given("visa", "h1b")),
    _rule("low_score", given("step2ck.score", below(220), bind="score"),
          absent(fact(RiskFactor, name="b"))),
)


class _InTurn(experta.strategies.DepthStrategy):
    """An agenda in the order activations came, withdrawn by equality: the tests compare
    agendas as sets, and experta's own strategy can keep a withdrawn activation."""

    def _update_agenda(self, agenda, added, removed):
        for activation in removed:
            agenda.activations.remove(activation)
        agenda.activations.extend(added)


def _engine_class(matcher: type | None) -> type[experta.KnowledgeEngine]:
    members: dict[str, Any] = {"__strategy__": _InTurn, "rules_by_name": {}}
    if matcher is not None:
        members["__matcher__"] = matcher
    for index, rule in enumerate(RULES):
        def body(**_: Any) -> None:
            """Not called: the tests read the agenda."""

        body.__name__ = f"rule_{index}"
        members[body.__name__] = experta.Rule(*map(experta_pattern, rule.premises))(body)
        members["rules_by_name"][body.__name__] = rule
    return type("TestEngine", (experta.KnowledgeEngine,), members)


ENGINES = {"experta's": _engine_class(None)(), "ours": _engine_class(PatternReteMatcher)()}

facts = st.one_of(
    st.builds(RiskFactor, name=st.sampled_from("abc"), severity=st.sampled_from(["high", "low"]),
              area=st.just("scores")),
    st.builds(Input, field=st.just("visa"), value=st.sampled_from(["h1b", "j1"])),
    st.builds(Input, field=st.just("step2ck.score"), value=st.integers(200, 240)),
)


def _content(declared: experta.Fact) -> tuple:
    return type(declared).__name__, frozenset(declared.as_dict().items())


def _agenda(engine: experta.KnowledgeEngine) -> set[tuple]:
    return {(a.rule.__name__,
             frozenset(_content(f) for f in a.facts if not isinstance(f, experta.InitialFact)),
             frozenset((k, v) for k, v in a.context.items() if not k.startswith("__")))
            for a in engine.agenda.activations}


@settings(max_examples=200, deadline=None)
@for_all(st.lists(st.lists(facts, max_size=4), max_size=5))
def test_the_agenda_is_experta_s_after_every_change(batches):
    for engine in ENGINES.values():
        engine.reset()
    for batch in batches:
        agendas = []
        for engine in ENGINES.values():
            engine.declare(*map(to_experta, batch))
            agendas.append(_agenda(engine))
        assert agendas[0] == agendas[1]


def test_a_negated_premise_that_comes_to_match_withdraws_the_activation():
    engine = ENGINES["ours"]
    engine.reset()
    engine.declare(to_experta(RiskFactor("a", "high", "scores")))
    assert "rule_2" in {a.rule.__name__ for a in engine.agenda.activations}
    engine.declare(to_experta(RiskFactor("c", "high", "scores")))
    assert "rule_2" not in {a.rule.__name__ for a in engine.agenda.activations}


def test_a_shared_variable_joins_only_equal_values():
    engine = ENGINES["ours"]
    engine.reset()
    engine.declare(*map(to_experta, [RiskFactor("a", "high", "x"), RiskFactor("b", "low", "x"),
                                     RiskFactor("b", "high", "y")]))
    joined = [a for a in engine.agenda.activations if a.rule.__name__ == "rule_0"]
    assert [a.context["s"] for a in joined] == ["high"]


def test_retracting_is_refused():
    engine = ENGINES["ours"]
    engine.reset()
    with pytest.raises(NotImplementedError, match="never retract"):
        engine.matcher.changes(deleting=[to_experta(RiskFactor("a", "high", "x"))])


CONTRADICTORY = (
    _rule("h1b_and_not_h1b", given("visa", "h1b"), absent(given("visa", "h1b"))),
    _rule("not_a_and_a", absent(fact(RiskFactor, name="a")), fact(RiskFactor, name="a")),
    _rule("a_then_not_any", fact(RiskFactor, name="a"), absent(fact(RiskFactor))),
    _rule("h1b", given("visa", "h1b")),
)


@pytest.mark.parametrize("order", [1, -1], ids=["as written", "reversed"])
def test_a_premise_plain_and_negated_never_fires_and_never_crashes(order):
    from expert.engine.evaluator import Evaluator
    from expert.engine.recording import compile_engine_class

    rules = CONTRADICTORY[::order]
    memory = [Input("visa", "h1b"), RiskFactor("a", "high", "scores"),
              RiskFactor("b", "high", "scores")]
    for facts in (memory, memory[::-1]):
        firings, _ = compile_engine_class(rules)().consult(facts)
        assert [f.rule.id for f in firings] == ["t.h1b"]
        evaluated, _ = Evaluator(rules).run(facts)
        assert [f.rule.id for f in evaluated] == ["t.h1b"]
