"""The Rete engine agrees with a plain reading of the rules.

A small evaluator applies the declarative premises directly, layer by layer (rules that read
deeper facts run after every rule that could produce them, as the engine's salience orders
them), and must find exactly the firings and facts that the experta engine records. This guards
the compilation of premises and experta's agenda handling (see LayeredStrategy).
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings

from expert.conversion import profile_from_dict
from expert.engine import default_pool, fact_depths
from knowledge_base import RULES
from knowledge_base.inputs import input_facts
from tests.strategies import profiles


def _bindings(rule, facts):
    positive = [p for p in rule.premises if not p.negated]
    negative = [p for p in rule.premises if p.negated]
    if any(n.matches(f) for n in negative for f in facts):
        return
    for combo in product(*([f for f in facts if p.matches(f)] for p in positive)):
        bound: dict = {}
        for pattern, fact in zip(positive, combo):
            for field, variable in pattern.bindings:
                bound[variable] = getattr(fact, field)
        yield frozenset(combo), bound


def evaluate(rules, inputs):
    depths = fact_depths(rules)
    layers = sorted({max(depths[p.fact_type] for p in r.premises) for r in rules})
    facts, firings = set(inputs), set()
    for layer in layers:
        for rule in (r for r in rules if max(depths[p.fact_type] for p in r.premises) == layer):
            for matched, bound in list(_bindings(rule, facts)):
                firings.add((rule.id, matched))
                facts.update(rule.conclude(bound))
    return facts, firings


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_engine_fires_exactly_what_the_rules_say(data):
    inputs = input_facts(profile_from_dict(data))
    expected_facts, expected_firings = evaluate(RULES, inputs)
    firings, memory = default_pool().engine().consult(inputs)
    assert {(f.rule.id, frozenset(f.matched)) for f in firings} == expected_firings
    assert set(memory) == expected_facts


def test_a_cancelled_activation_never_fires_among_many_alike():
    """experta's own agenda could keep a cancelled activation when several rules matched the
    same facts; a negated premise that stops holding must withdraw its rule."""
    from expert.engine import compile_engine_class
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
