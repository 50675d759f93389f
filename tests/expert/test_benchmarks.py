"""The benchmark's comparisons are sound: the synthetic cohort is valid, and the bare-experta
engines it times against reach exactly the working memory of the advisor's engine."""

from __future__ import annotations

import pytest

from benchmarks.cohort import cohort, cohort_jsonl
from benchmarks.figures import Figure, Target, bare_engine_class
from benchmarks.run import table
from expert.batch import advise_many
from expert.engine.experta_types import to_experta
from expert.engine.recording import default_pool
from expert.engine.rete import PatternReteMatcher
from expert.inputs.profiles import to_profile
from knowledge_base import RULES
from knowledge_base.inputs import input_facts


def test_the_cohort_is_valid_varied_and_the_same_every_time():
    profiles = list(cohort(50))
    assert all(result.ok for result in advise_many(profiles))
    assert len({p["specialty"] for p in profiles}) > 3
    assert cohort_jsonl(20) == cohort_jsonl(20)
    assert cohort_jsonl(20).count(b"\n") == 20


def _contents(facts) -> set:
    return {(type(f).__name__, frozenset(f.as_dict().items())) for f in facts
            if type(f).__name__ != "InitialFact"}


@pytest.mark.parametrize("matcher", [None, PatternReteMatcher], ids=["experta's", "expert.rete's"])
def test_bare_experta_runs_the_same_rules_to_the_same_facts(matcher):
    bare = bare_engine_class(RULES, matcher)()
    for data in cohort(25):
        facts = input_facts(to_profile(data))
        _, memory = default_pool().engine().consult(facts)
        bare.reset()
        bare.declare(*map(to_experta, facts))
        bare.run()
        assert _contents(bare.facts.values()) == _contents(map(to_experta, memory))


def test_the_table_says_which_targets_are_met():
    rows = table([Figure("fast", 3.2, "ms", Target("<=", 5), best=2.5),
                  Figure("wide", 1.5, "×", Target(">=", 1.8), "note", best=1.9),
                  Figure("plain", 120.0, "profiles/s")])
    assert rows[2] == "| fast | 3.200 ms | 2.500 ms | ≤ 5 ms | yes |"
    assert rows[3] == "| wide — note | 1.500 × | 1.900 × | ≥ 1.8 × | **no** |"
    assert rows[4] == "| plain | 120 profiles/s |  |  |  |"
