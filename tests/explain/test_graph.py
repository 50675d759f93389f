"""The JSON form of an explanation, made straight from the trace, is networkx's node-link data
of the explanation graph, down to the order of nodes, edges and keys; written as JSON from the
nodes kept across consultations, it is the same bytes, and what callers do to the data they are
handed never reaches those nodes."""

import json
from types import SimpleNamespace

import orjson
from hypothesis import given, settings

from expert import advise
from expert.examples import example_profiles
from explain.graph import build_graph, node_link_data, node_link_json
from explain.render import node_link
from explain.trace import FactRecord, Firing, Supersession, Trace
from tests.strategies import profiles

PROGRAMS = "expert/examples/programs_example.csv"


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_node_link_data_from_the_trace_is_that_of_the_graph(data):
    trace = advise(data).trace
    direct, via_graph = node_link_data(trace), node_link(build_graph(trace))
    assert json.dumps(direct) == json.dumps(via_graph)  # same content and same order


def test_advice_json_holds_the_node_link_data_of_its_graph():
    advice = advise({"specialty": "internal_medicine", "step1": {"result": "pass"},
                     "step2ck": {"score": 221}})
    assert advice.to_dict()["explanation"] == node_link(advice.graph)
    assert any(edge["type"] == "premise" for edge in advice.to_dict()["explanation"]["edges"])


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_advice_json_bytes_are_those_of_its_dict(data):
    advice = advise(data)
    assert advice.to_json_bytes() == orjson.dumps(advice.to_dict())
    assert node_link_json(advice.trace) == orjson.dumps(node_link_data(advice.trace))


def test_advice_json_bytes_with_a_program_list_are_those_of_its_dict():
    for profile in example_profiles().values():
        advice = advise(profile, programs=PROGRAMS)
        assert advice.to_json_bytes() == orjson.dumps(advice.to_dict())
        assert json.loads(advice.to_json_bytes())["programs"]["verdicts"]


def test_changing_the_data_handed_out_changes_no_later_advice():
    profile = next(iter(example_profiles().values()))
    before = advise(profile).to_json_bytes()
    data, graph = advise(profile).to_dict(), advise(profile).graph
    for node in data["explanation"]["nodes"]:
        node.clear()
    for _, attributes in graph.nodes(data=True):
        for value in attributes.values():
            if isinstance(value, (dict, list)):
                value.clear()
        attributes.clear()
    for recommendation in data["recommendations"]:
        if isinstance(recommendation["value"], dict):
            recommendation["value"].clear()
    assert advise(profile).to_json_bytes() == before
    assert orjson.dumps(advise(profile).to_dict()) == before


class _Rule:
    """A rule as a trace knows it (hashable, as rules are)."""

    def __init__(self, rule_id: str, *sections: str) -> None:
        self.id, self.title, self.strength = rule_id, rule_id.upper(), "should"
        self.sources = tuple(SimpleNamespace(doc="D1", section=s) for s in sections)


def test_odd_traces_give_the_graph_networkx_would():
    """A node id held by two facts, a rule citing a section twice, two rules citing one section,
    an edge to a node no fact holds, a superseded edge where a firing edge is."""
    first, second = _Rule("r.one", "S1", "S1", "S2"), _Rule("r.two", "S2")
    trace = Trace(
        facts=(FactRecord("input:a", "input", "a = 1", {"field": "a", "value": 1}),
               FactRecord("input:a", "input", "a = 2", {"value": 2, "note": "later"}),
               FactRecord("finding:b", "finding", "b", {"name": "b"})),
        firings=(Firing(first, ("input:a", "ghost"), ("finding:b",)),
                 Firing(second, ("finding:b",), ("finding:c",))),
        supersessions=(Supersession("finding:b", "finding:c", "c is more specific"),
                       Supersession("input:a", "rule:r.one", "odd, but allowed")),
    )
    direct = node_link_data(trace)
    assert json.dumps(direct) == json.dumps(node_link(build_graph(trace)))
    assert node_link_json(trace) == orjson.dumps(direct)
    nodes = {node["id"]: node for node in direct["nodes"]}
    assert nodes["input:a"] == {"type": "input", "label": "a = 2", "field": "a", "value": 2,
                                "note": "later", "id": "input:a"}
    assert nodes["ghost"] == {"id": "ghost"} and nodes["finding:c"] == {"id": "finding:c"}
    assert [n["id"] for n in direct["nodes"]].count("source:D1:S2") == 1
