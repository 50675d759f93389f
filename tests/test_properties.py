"""Properties that hold for every valid profile, checked over generated profiles."""

from __future__ import annotations

import copy

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from expert import advise
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


OUTLOOK_RISK = {"lower_risk": 0, "moderate_risk": 1, "high_risk": 2}


def _assessment(data):
    """What must never get worse for a better profile: risk, list size, backup need."""
    advice = advise(data)
    count = advice["apply_count"].value
    return (OUTLOOK_RISK[advice["outlook"].value], count["min"], count["max"],
            advice["prelim_backup"].value["recommended"])


def _raise_step2ck(data, gain):
    if "score" in data["step2ck"]:
        data["step2ck"]["score"] = min(300, data["step2ck"]["score"] + gain)


def _raise_step1(data, gain):
    if isinstance(data["step1"]["result"], int):
        data["step1"]["result"] = min(300, data["step1"]["result"] + gain)


def _add_usce(data, gain):
    data["usce"].append({"specialty": data["specialty"], "type": "sub_internship",
                         "months": 1 + gain % 3})


def _add_us_letter(data, _gain):
    data["letters"].append({"specialty": data["specialty"], "us": True})


def _pass_step3(data, _gain):
    if data["step3"]["status"] == "not_taken":
        data["step3"] = {"status": "passed"}


IMPROVEMENTS = [_raise_step2ck, _raise_step1, _add_usce, _add_us_letter, _pass_step3]


@settings(max_examples=400, deadline=None)
@given(profiles(), st.sampled_from(IMPROVEMENTS), st.integers(1, 40))
def test_a_better_profile_never_gets_a_worse_assessment(data, improve, gain):
    """Higher scores, more USCE, more US letters or Step 3 passed, all else equal: never a
    riskier outlook, a larger application count, or a backup not needed before."""
    better = copy.deepcopy(data)
    improve(better, gain)
    risk, low, high, backup = _assessment(data)
    risk2, low2, high2, backup2 = _assessment(better)
    assert risk2 <= risk
    assert low2 <= low and high2 <= high
    assert backup or not backup2


@settings(max_examples=300, deadline=None)
@given(profiles())
def test_no_contradicting_recommendations(data):
    advice = advise(data)
    given_advice = [(r.kind, r.value) for r in advice]
    assert [pair.why for pair in INCOMPATIBLE if pair.violated_by(given_advice)] == []
