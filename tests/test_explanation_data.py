"""The JSON form of an explanation, made straight from the trace, is networkx's node-link data
of the explanation graph, down to the order of nodes, edges and keys."""

import json

from hypothesis import given, settings

from expert import advise
from explain.graph import build_graph, node_link_data
from explain.render import node_link
from tests.strategies import profiles


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
