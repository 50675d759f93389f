"""Control characters, terminal escapes and bidirectional overrides in a value (a program's name
or city, or any label, section or title) give a valid SVG in every kind of drawing, showing them
as escapes."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from expert import advise
from expert.examples import example_profile
from explain.bound import bounded
from explain.compare import before_and_after
from explain.render import Diagram

pytestmark = pytest.mark.skipif(shutil.which("dot") is None,
                                reason="the Graphviz 'dot' program is not installed")

HOSTILE = "Evil\x00\x1b[2J\u202eHospital\u2066\x07\x7f (fictional)"
RAW = ("\x00", "\x1b", "\u202e", "\u2066", "\x07", "\x7f")


@pytest.fixture(scope="module")
def listed():
    return advise(example_profile("state_univ_sample"), programs=[
        {"name": HOSTILE, "state": "OH", "city": f"Lake{HOSTILE}", "type": "community",
         "img_percent": 60, "description": HOSTILE},
        {"name": "Plain Program (fictional)", "state": "NY"}])


def assert_valid_and_escaped(diagram: Diagram, shows_hostile: bool = True) -> None:
    svg = diagram.render("svg")
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    text = " ".join(root.itertext())
    for raw in RAW:
        assert raw.encode() not in svg and raw not in text
        for fmt in ("dot", "mermaid"):
            assert raw not in diagram.render(fmt).decode("utf-8")
    json.loads(diagram.render("json"))
    if shows_hostile:
        assert "\\x00" in text.replace("\\\\", "\\") and "\\u202e" in text.replace("\\\\", "\\")


def test_every_drawing_of_a_hostile_program_is_valid_svg(listed):
    judged = listed.programs[HOSTILE]
    assert_valid_and_escaped(judged.diagram())
    assert_valid_and_escaped(judged.why().diagram())
    assert_valid_and_escaped(listed.diagram("program_list"), shows_hostile=False)
    assert_valid_and_escaped(listed.diagram(), shows_hostile=False)


def test_every_drawing_of_the_advice_beside_it_is_valid_svg(listed):
    assert_valid_and_escaped(listed.diagram("step3"), shows_hostile=False)
    assert_valid_and_escaped(listed.why("step3").diagram(), shows_hostile=False)
    assert_valid_and_escaped(listed.why_step(1).diagram(), shows_hostile=False)
    assert_valid_and_escaped(listed.what_if(step2ck=232).diagram(), shows_hostile=False)


def hostile_graph(length: int) -> nx.DiGraph:
    graph = nx.DiGraph()
    previous = "in"
    graph.add_node("in", type="input", label=f"x = {HOSTILE}", field=HOSTILE, value=HOSTILE)
    for i in range(length):
        graph.add_node(f"rule:{i}", type="rule", label=HOSTILE)
        graph.add_node(f"f:{i}", type="finding" if i < length - 1 else "recommendation",
                       label=f"{i} {HOSTILE}")
        graph.add_node(f"s:{i}", type="source", label=HOSTILE, doc=HOSTILE,
                       section=f"{i} {HOSTILE}")
        graph.add_edge(previous, f"rule:{i}", type="premise")
        graph.add_edge(f"rule:{i}", f"f:{i}", type="conclusion")
        graph.add_edge(f"rule:{i}", f"s:{i}", type="citation")
        previous = f"f:{i}"
    return graph


def test_collapsed_and_compared_drawings_of_hostile_labels_are_valid_svg():
    graph = hostile_graph(30)
    collapsed = bounded(graph, hint=HOSTILE)
    assert "collapsed:more_reasons" in collapsed and f"source:{HOSTILE}" in collapsed
    assert_valid_and_escaped(Diagram(collapsed, HOSTILE))
    before = hostile_graph(2)
    before.nodes["in"].update(label="x = 1", value=1)
    changed = before_and_after(before, graph, [("f:1", "f:29")])
    assert_valid_and_escaped(Diagram(bounded(changed, hint=HOSTILE), f"What if {HOSTILE}"))
