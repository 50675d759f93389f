"""Every focused drawing stays within the size bound, and what it collapses it names: sources one
node per document, the farthest reasons one node saying how many rules and facts it stands for."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from benchmarks.program_lists import generated_programs
from expert import Advice, ProfileError, advise
from expert.examples import EXAMPLES, PROGRAM_EXAMPLES, example_profile, example_programs
from explain.bound import COLLAPSED, MAX_NODES, MORE, bounded, depths, group_sources
from explain.render import Diagram
from tests.strategies import profiles

# --- what every focused drawing must be ------------------------------------------------------


def focused(advice: Advice) -> Iterator[tuple[str, nx.DiGraph, Diagram]]:
    """Every focused drawing of an advice, with the graph it was drawn from."""
    for kind in advice.kinds:
        yield f"diagram({kind})", advice.explanation(kind), advice.diagram(kind)
    for recommendation in advice:
        answer = advice.why(recommendation)
        yield f"why({recommendation.node})", answer.graph, answer.diagram()
    for priority in range(1, len(advice.plan) + 1):
        answer = advice.why_step(priority)
        yield f"why_step({priority})", answer.graph, answer.diagram()
    for judged in advice.programs or ():
        yield f"verdict({judged.name})", judged.graph, judged.diagram()
        yield f"verdict({judged.name}).why", judged.why().graph, judged.why().diagram()


def assert_bounded_and_truthful(source: nx.DiGraph, drawn: nx.DiGraph, where: str) -> None:
    assert drawn.number_of_nodes() <= MAX_NODES, where
    if drawn is source:
        return
    stood_for: dict[str, str] = {}
    for node, data in drawn.nodes(data=True):
        if node in source:
            assert data == source.nodes[node], (where, node)  # drawn as it is
            continue
        assert data["stands_for"], (where, node)  # a collapsed node says what it stands for
        for inner in data["stands_for"]:
            assert inner in source and inner not in drawn, (where, node, inner)
            assert inner not in stood_for, (where, inner)  # and nothing is counted twice
            stood_for[inner] = node
        if data["type"] == "source":  # one document, its sections listed
            sections = [source.nodes[inner]["section"] for inner in data["stands_for"]]
            assert {source.nodes[inner]["doc"] for inner in data["stands_for"]} == {data["doc"]}
            assert data["label"] == f"{data['doc']}: {'; '.join(sorted(sections))}", where
            for inner in data["stands_for"]:  # each cited by a rule drawn
                assert any(rule in drawn for rule in source.predecessors(inner)), (where, inner)
        else:
            assert node == MORE and data["mark"] == COLLAPSED, where
            assert_counts_are_said(source, data, where)
    assert set(source) == set(drawn) - {n for n in drawn if n not in source} | set(stood_for)
    for tail, head, data in drawn.edges(data=True):
        if tail in source and head in source:
            assert source.edges[tail, head] == data, (where, tail, head)
        else:  # an edge of a collapsed node stands for one of what it stands for
            tails = drawn.nodes[tail].get("stands_for", [tail]) if tail not in source else [tail]
            heads = drawn.nodes[head].get("stands_for", [head]) if head not in source else [head]
            assert any(source.has_edge(t, h) and source.edges[t, h]["type"] == data["type"]
                       for t in tails for h in heads), (where, tail, head)
    for rule, rule_type in drawn.nodes(data="type"):
        if rule_type == "rule" and rule in source:  # a drawn rule is drawn with its premises
            assert set(source.predecessors(rule)) <= set(drawn), (where, rule)


def assert_counts_are_said(source: nx.DiGraph, data: dict, where: str) -> None:
    hidden = [source.nodes[inner]["type"] for inner in data["stands_for"]]
    assert data["counts"] == {t: hidden.count(t) for t in data["counts"]}, where
    rules = data["counts"]["rule"]
    assert rules and data["label"].startswith(f"{rules} more reason"), where
    for node_type, count in data["counts"].items():
        if count and node_type != "rule":
            assert f"{count} {node_type}" in data["label"], where


def assert_facts_drawn_once(drawn: nx.DiGraph, where: str) -> None:
    """A finding or input read by many rules is one node."""
    labels = [(t, label) for _, t, label in
              ((n, d["type"], d["label"]) for n, d in drawn.nodes(data=True))
              if t in ("input", "finding")]
    assert len(labels) == len(set(labels)), where


def check(advice: Advice) -> None:
    for where, source, diagram in focused(advice):
        assert_bounded_and_truthful(source, diagram.graph, where)
        assert_facts_drawn_once(diagram.graph, where)


# --- the examples and generated profiles ------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_focused_drawing_of_an_example_is_bounded_and_says_what_it_collapsed(name):
    check(advise(example_profile(name)))


@pytest.mark.parametrize("name", PROGRAM_EXAMPLES)
def test_every_drawing_of_an_example_list_is_bounded(name):
    profile, _ = PROGRAM_EXAMPLES[name]
    advice = advise(example_profile(profile), programs=example_programs(name))
    check(advice)
    assert_bounded_and_truthful(advice.explanation("program_list"),
                                advice.diagram("program_list").graph, "program_list")


def test_the_examples_need_every_collapse():
    """The bound is reached in the examples, by grouping sources and by cutting reasons."""
    collapsed = {mark for name in EXAMPLES for _, source, diagram in
                 focused(advise(example_profile(name))) if diagram.graph is not source
                 for mark in ("group" if any("stands_for" in d and d["type"] == "source"
                                             for _, d in diagram.graph.nodes(data=True))
                              else None, "cut" if MORE in diagram.graph else None)}
    assert {"group", "cut"} <= collapsed


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_every_focused_drawing_of_a_generated_profile_is_bounded(data):
    check(advise(data))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicant=profiles(), seed=st.integers(0, 10**6))
def test_every_verdict_drawing_of_a_generated_list_is_bounded(applicant, seed):
    advice = advise(applicant, programs=generated_programs(8, seed))
    for judged in advice.programs or ():
        assert_bounded_and_truthful(judged.graph, judged.diagram().graph, judged.name)
    if "program_list" in advice:
        assert advice.diagram("program_list").graph.number_of_nodes() <= MAX_NODES


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(), st.sampled_from([{"step2ck": 219}, {"step2ck": 240}, {"visa": "h1b"},
                                    {"step3.status": "passed"}, {"phase": "unmatched"}]))
def test_every_what_if_drawing_is_bounded(data, changes):
    try:
        result = advise(data).what_if(changes)
    except ProfileError:  # an H-1B for a US citizen, say
        assume(False)
    if result.changes:
        drawn = result.diagram().graph
        assert drawn.number_of_nodes() <= MAX_NODES
        if MORE in drawn:
            assert set(drawn.nodes[MORE]["stands_for"]) <= set(result.after.graph)


# --- the collapsing itself, on small graphs ---------------------------------------------------


def chain(length: int, docs: tuple[str, ...] = ("a",)) -> nx.DiGraph:
    """input → rule → finding → rule → ... → recommendation, each rule citing a section."""
    graph = nx.DiGraph()
    graph.add_node("in", type="input", label="x = 1")
    previous = "in"
    for i in range(length):
        rule, fact = f"rule:{i}", (f"f:{i}" if i < length - 1 else "rec")
        graph.add_node(rule, type="rule", label=f"rule {i}")
        graph.add_node(fact, type="finding" if fact != "rec" else "recommendation",
                       label=f"fact {i}")
        doc = docs[i % len(docs)]
        graph.add_node(f"source:{doc}:s{i}", type="source", label=f"{doc}: s{i}", doc=doc,
                       section=f"s{i}")
        graph.add_edge(previous, rule, type="premise")
        graph.add_edge(rule, fact, type="conclusion")
        graph.add_edge(rule, f"source:{doc}:s{i}", type="citation")
        previous = fact
    return graph


def test_a_drawing_that_fits_is_left_as_it_is():
    graph = chain(3)
    assert bounded(graph, limit=graph.number_of_nodes()) is graph


def test_sources_are_grouped_one_node_per_document_first():
    graph = chain(6, docs=("a", "b"))  # 1 input, 6 rules, 6 facts, 6 sources: 19 nodes
    drawn = bounded(graph, limit=15)
    assert MORE not in drawn and drawn.number_of_nodes() == 15
    assert drawn.nodes["source:a"]["label"] == "a: s0; s2; s4"
    assert drawn.nodes["source:a"]["stands_for"] == ["source:a:s0", "source:a:s2", "source:a:s4"]
    assert {h for _, h in drawn.out_edges("rule:2")} == {"f:2", "source:a"}
    assert group_sources(chain(2, docs=("a", "b"))).number_of_nodes() == 7  # nothing to group


def test_the_farthest_reasons_become_one_node_that_names_them():
    graph = chain(10)  # 1 input, 10 rules, 10 facts, one document's 10 sections: 31 nodes
    drawn = bounded(graph, limit=8, hint="ask why")
    assert drawn.number_of_nodes() == 7  # the next rule would bring two more, one too many
    assert sorted(n for n in drawn if n.startswith("rule:")) == ["rule:8", "rule:9"]
    more = drawn.nodes[MORE]
    assert more["stands_for"] == sorted({"in", *(f"rule:{i}" for i in range(8)),
                                         *(f"f:{i}" for i in range(7)),
                                         *(f"source:a:s{i}" for i in range(8))})
    assert more["label"] == ("8 more reasons (8 rules; 1 input, 7 findings, 8 sources) lead "
                             "here; ask why")
    assert list(drawn.successors(MORE)) == ["f:7"]  # the hidden rules concluded f:7
    assert drawn.edges[MORE, "f:7"]["type"] == "conclusion"
    assert drawn.nodes["source:a"]["label"] == "a: s8; s9"  # the sections drawn rules cite
    drawing = Diagram(drawn)
    assert "more, collapsed" in drawing.dot  # in the legend, only when there is one
    assert "class n0 collapsed" in drawing.mermaid and "classDef collapsed " in drawing.mermaid
    assert "more, collapsed" not in Diagram(chain(2)).dot
    assert_bounded_and_truthful(graph, drawn, "chain")


def test_depth_counts_rules_and_a_superseded_proposal_is_as_far_as_its_winner():
    graph = chain(3)
    graph.add_node("loser", type="recommendation", label="lost")
    graph.add_node("rule:l", type="rule", label="losing rule")
    graph.add_edge("rule:l", "loser", type="conclusion")
    graph.add_edge("f:1", "rule:l", type="premise")
    graph.add_edge("loser", "rec", type="superseded")
    far = depths(graph, ["rec"])
    assert far["rec"] == far["loser"] == 0
    assert far["rule:2"] == far["rule:l"] == far["f:1"] == 1
    assert far["rule:0"] == far["in"] == 3 and "source:a:s0" not in far


def test_a_node_to_keep_is_never_hidden_and_points_to_the_reasons_that_read_it():
    graph = chain(8)
    graph.add_node("changed", type="input", label="y: 1 → 2")
    graph.add_edge("changed", "rule:0", type="premise")
    drawn = bounded(graph, ["rec"], keep=["changed"], limit=8)
    assert "changed" in drawn and drawn.number_of_nodes() <= 8
    assert drawn.has_edge("changed", MORE) and drawn.edges["changed", MORE]["type"] == "premise"


def test_collapsing_does_not_depend_on_the_order_nodes_were_added():
    graph = chain(12, docs=("a", "b", "c"))
    backwards = nx.DiGraph()
    backwards.add_nodes_from(reversed(list(graph.nodes(data=True))))
    backwards.add_edges_from(reversed(list(graph.edges(data=True))))
    one, other = bounded(graph, limit=12), bounded(backwards, limit=12)
    assert set(one) == set(other)
    assert one.nodes[MORE] == other.nodes[MORE]
