"""Properties that hold for every valid profile, checked over generated profiles."""

from __future__ import annotations

import copy

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from expert import advise
from expert.verification.monotonicity import IMPROVEMENTS, Assessment, worsening
from knowledge_base import INCOMPATIBLE, SINGLE_ANSWER_KINDS
from tests.strategies import profiles

STEP3_VALUES = {"take", "consider", "dont_rush", "not_needed", "done"}


@settings(max_examples=300, deadline=None)
@given(profiles())
def test_each_decision_exactly_once_without_conflict(data):
    advice = advise(data)
    for kind in SINGLE_ANSWER_KINDS:
        assert len(advice.all(kind)) == 1, kind
    assert advice.conflicts == ()
    assert advice["step3"].value in STEP3_VALUES
    count = advice["apply_count"].value
    assert isinstance(count["min"], int) and isinstance(count["max"], int)
    assert 0 < count["min"] <= count["max"]
    assert isinstance(advice["prelim_backup"].value["recommended"], bool)


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_one_score_band_per_numeric_result(data):
    advice = advise(data)
    numeric = {"step1"} if isinstance(data["step1"]["result"], int) else set()
    numeric |= {"step2ck"} if "score" in data["step2ck"] else set()
    assert sorted(r.value["exam"] for r in advice.all("score_band")) == sorted(numeric)


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_every_recommendation_is_explained_down_to_inputs_and_sources(data):
    advice = advise(data)
    for recommendation in advice:
        graph = advice.explanation(recommendation.kind)
        types = {t for _, t in graph.nodes(data="type")}
        assert {"input", "rule", "source"} <= types
        rule_node = f"rule:{recommendation.rule}"
        assert rule_node in graph and graph.has_edge(rule_node, recommendation.node)
        inputs = [n for n, t in graph.nodes(data="type") if t == "input"]
        assert any(nx.has_path(graph, i, recommendation.node) for i in inputs)


@settings(max_examples=100, deadline=None)
@given(profiles())
def test_same_input_same_output_and_input_untouched(data):
    before = copy.deepcopy(data)
    assert advise(data).to_json() == advise(data).to_json()
    assert data == before


def _assessment(data):
    return Assessment.of({r.kind: r.value for r in advise(data)})


@settings(max_examples=400, deadline=None)
@given(profiles(), st.sampled_from(IMPROVEMENTS), st.integers(1, 40))
def test_a_better_profile_never_gets_a_worse_assessment(data, improve, gain):
    """Higher scores, more USCE, more US letters or Step 3 passed, all else equal: never a
    riskier outlook, a larger application count, or a backup not needed before."""
    assert worsening(_assessment(data), _assessment(improve(data, gain))) == []


@settings(max_examples=300, deadline=None)
@given(profiles())
def test_no_contradicting_recommendations(data):
    advice = advise(data)
    given_advice = [(r.kind, r.value) for r in advice]
    assert [pair.why for pair in INCOMPATIBLE if pair.violated_by(given_advice)] == []
