"""The layered agenda fires as experta's depth strategy orders: layer by layer, and within a
layer the activation on the newest facts first, ties by the rule written first."""

from __future__ import annotations

from hypothesis import given, settings

from expert.engine.firing import fact_depths
from expert.engine.recording import default_pool
from expert.inputs.profiles import profile_from_dict
from knowledge_base import RULES
from knowledge_base.inputs import input_facts
from tests.strategies import profiles

DEPTHS = fact_depths(RULES)
PLACE = {rule.id: place for place, rule in enumerate(RULES)}


def _layer(rule) -> int:
    return max(DEPTHS[p.fact_type] for p in rule.premises)


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_firings_come_layer_by_layer_the_newest_facts_first(data):
    firings, memory = default_pool().engine().consult(input_facts(profile_from_dict(data)))
    declared = {fact: place for place, fact in enumerate(memory)}
    keys = [(-_layer(f.rule), sorted((declared[m] for m in f.matched), reverse=True),
             -PLACE[f.rule.id]) for f in firings]
    assert keys == sorted(keys, reverse=True)
    assert len(keys) == len({(f.rule.id, frozenset(f.matched)) for f in firings})
