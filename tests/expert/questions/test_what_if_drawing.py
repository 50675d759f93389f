"""The what-if drawing shows the change: the inputs that changed with both values, each changed
answer before (faded) and after (emphasised) with the new reasons, nothing that stays."""

from __future__ import annotations

import pytest

from expert import advise
from expert.examples import example_profile
from explain.bound import MAX_NODES
from explain.compare import AFTER, BECAME, BEFORE, CHANGED
from explain.render import MARK_STYLE


@pytest.fixture(scope="module")
def sample():
    return advise(example_profile("state_univ_sample"))


def marked(graph, mark):
    return {node: data["label"] for node, data in graph.nodes(data=True)
            if data.get("mark") == mark}


def test_a_changed_step3_is_drawn_before_and_after_with_the_changed_input(sample):
    result = sample.what_if(step2ck=232)
    assert ("step3", "take", "consider") in [(c.kind, c.before, c.after) for c in result.changes]
    drawing = result.diagram()
    graph = drawing.graph
    old, new = sample["step3"].node, result.after["step3"].node
    assert graph.nodes[f"before:{old}"]["label"] == "before: step3: take"
    assert graph.nodes[f"before:{old}"]["mark"] == BEFORE
    assert graph.nodes[new]["label"] == "step3: consider" and graph.nodes[new]["mark"] == AFTER
    assert graph.edges[f"before:{old}", new]["type"] == BECAME
    assert marked(graph, CHANGED) == {"input:step2ck.score": "step2ck.score: 224 → 232"}
    assert graph.has_edge("input:step2ck.score", "rule:scores.step2ck_band.general_img.borderline")
    assert "rule:step3.borderline_step2ck" in graph  # the new answer's reasons, in the new state
    assert "rule:step3.both_scores_low_with_time" not in graph  # the old one's are gone
    kinds = {data.get("kind") for _, data in graph.nodes(data=True)}
    assert "prelim_backup" not in kinds and "apply_count" not in kinds  # unchanged: left out
    assert drawing.title == "What if step2ck = 232: step3, score_band, before and after"
    dot = drawing.dot
    assert "step2ck.score: 224 → 232" in dot and "before: step3: take" in dot
    assert MARK_STYLE[CHANGED]["fillcolor"] in dot and MARK_STYLE[AFTER]["color"] in dot
    assert "answer before" in dot and "changed input" in dot  # and the legend says so
    mermaid = drawing.mermaid
    assert "== became ==>" in mermaid and "classDef changed " in mermaid


def test_an_answer_no_longer_given_is_drawn_faded_with_nothing_after_it(sample):
    result = sample.what_if(research_outputs=3)
    assert [(c.kind, c.after) for c in result.changes] == [("research_plan", None)]
    graph = result.diagram().graph
    assert marked(graph, AFTER) == {}
    (label,) = marked(graph, BEFORE).values()
    assert label.startswith("no longer given: research_plan:")
    assert marked(graph, CHANGED) == {"input:research_outputs": "research_outputs: 0 → 3"}


def test_a_what_if_that_changes_nothing_says_there_is_nothing_to_draw():
    advice = advise(example_profile("pmr_both_low"))
    result = advice.what_if(letters=[])
    assert not result.changes
    with pytest.raises(ValueError, match="the advice would not change, so there is nothing new"):
        result.diagram()


def test_a_large_change_stays_within_the_bound(sample):
    result = sample.what_if(step2ck=219)
    graph = result.diagram().graph
    assert graph.number_of_nodes() <= MAX_NODES
    assert "input:step2ck.score" in graph  # the change itself is never collapsed
    assert len(marked(graph, AFTER)) == len([c for c in result.changes if c.after])
