"""The Rete engine agrees with a plain reading of the rules.

``expert.evaluator`` applies the declarative premises directly, layer by layer, as the advisor
does for each program of a list; it must find exactly the firings and facts that the experta
engine records. This guards the compilation of premises, experta's agenda handling (see
LayeredStrategy) and the evaluator alike.
"""

from __future__ import annotations

from hypothesis import given, settings

from expert.engine.evaluator import CompiledPattern, Evaluator, Memory
from expert.engine.recording import default_pool
from expert.inputs.profiles import profile_from_dict
from knowledge_base import RULES, conditions
from knowledge_base.facts import Input
from knowledge_base.inputs import input_facts
from tests.strategies import profiles

EVALUATOR = Evaluator(RULES)


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_engine_fires_exactly_what_the_rules_say(data):
    inputs = input_facts(profile_from_dict(data))
    expected_firings, expected_memory = EVALUATOR.run(inputs)
    firings, memory = default_pool().engine().consult(inputs)
    fired = [(f.rule.id, frozenset(f.matched)) for f in firings]
    assert len(fired) == len(set(fired)) == len(expected_firings)
    assert set(fired) == {(f.rule.id, frozenset(f.matched)) for f in expected_firings}
    assert set(memory) == set(expected_memory)


def test_a_memory_on_a_base_sees_both_and_adds_only_new_facts():
    base = Memory([Input("visa", "j1")])
    memory = Memory([Input("program.visa", "none")], base)
    assert memory.add(Input("visa", "j1")) is False
    assert memory.own() == (Input("program.visa", "none"),)
    assert set(memory) == {Input("visa", "j1"), Input("program.visa", "none")}


def test_a_cancelled_activation_never_fires_among_many_alike():
    """experta's own agenda could keep a cancelled activation when several rules matched the
    same facts; a negated premise that stops holding must withdraw its rule."""
    from expert.engine.recording import compile_engine_class
    from knowledge_base.conditions import absent, given
    from knowledge_base.facts import Input, recommend
    from knowledge_base.rule import Rule
    from knowledge_base.sources import Source

    def rule(name, *premises):
        return Rule(id=f"t.{name}", title=name, strength="info", sources=(Source("pmr", "x"),),
                    premises=premises, conclusions=(recommend("red_flag", name, name),))

    alike = [rule(f"alike_{i}", given("phase", "unmatched")) for i in range(6)]
    negated = rule("only_if_not_inactive", given("phase", "unmatched"),
                   absent(given("clinically_active", False)))
    for order in (alike + [negated], [negated] + alike, alike[:3] + [negated] + alike[3:]):
        engine = compile_engine_class(order)()
        engine.reset()
        for fact in (Input("phase", "unmatched"), Input("clinically_active", False)):
            engine.declare_facts([fact])  # one at a time: the negated rule is withdrawn
        fired = {f.rule.id for f in engine._run_recorded()}
        assert fired == {r.id for r in alike}


def test_a_memory_on_a_base_sees_what_the_base_is_given_later():
    """What a base remembers of its matches, for the memories stacked on it, is forgotten
    when it is added to."""
    base = Memory([Input("visa", "h1b")])
    memory = Memory([Input("program.visa", "none")], base)
    j1 = CompiledPattern(conditions.given("visa", "j1"))
    assert memory.matching(j1) == []
    base.add(Input("visa", "j1"))
    assert memory.matching(j1) == [Input("visa", "j1")]


def test_a_premise_is_looked_up_by_its_first_equality_and_tested_on_the_rest():
    memory = Memory([Input("step2ck.score", 219), Input("step2ck.score", 230),
                     Input("step1.score", 240)], Memory([Input("step2ck.score", 250)]))
    indexed = CompiledPattern(conditions.given("step2ck.score", conditions.at_least(220)))
    assert indexed.key == (Input, "step2ck.score") and len(indexed.tests) == 1
    assert memory.matching(indexed) == [Input("step2ck.score", 250), Input("step2ck.score", 230)]
    unindexed = CompiledPattern(conditions.Pattern(Input, (("value", conditions.Test("ge", 230)),)))
    assert unindexed.key is None
    assert memory.matching(unindexed) == [Input("step2ck.score", 250),
                                          Input("step2ck.score", 230), Input("step1.score", 240)]
