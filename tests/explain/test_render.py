"""Drawing explanation graphs: DOT, Mermaid, JSON and (with Graphviz) SVG and PNG."""

from __future__ import annotations

import json
import re
import shutil

import graphviz
import networkx as nx
import pytest

import expert
from expert.examples import EXAMPLES, example_profile
from explain.render import (
    INSTALL_HINT,
    MERMAID_ARROWS,
    SUPERSEDED_STYLE,
    render,
    superseded,
    to_dot,
    to_mermaid,
)
from explain.trace import NODE_TYPES
from knowledge_base import SINGLE_ANSWER_KINDS

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="the Graphviz 'dot' program is not installed")

# A DOT node statement on one line: ``\tn3 [label="..." shape=box ...]``.
NODE_LINE = re.compile(r"^\s*(\w+) \[(.*)\]$")
ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^\s"\]]+)')
EDGE_LINE = re.compile(r"^  (n\d+) (" + "|".join(map(re.escape, MERMAID_ARROWS.values()))
                       + r") (n\d+)$")

NASTY_LABELS = [
    'say "hi"', "back\\slash", "<b>html</b>", "close }", "end ];", "two\nlines",
    "digraph x { a -> b }", "trailing\\", '\\"', 'x" ]; evil [label="pwn', "&amp; #35; --> n0",
]


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def advice() -> expert.Advice:
    return expert.advise(example_profile("pmr_both_low"))


def dot_nodes(dot: str) -> dict[str, dict[str, str]]:
    """Node id -> attributes (quotes removed, escapes kept) for every node statement."""
    nodes = {}
    for line in dot.splitlines():
        match = NODE_LINE.match(line)
        if match and match.group(1) not in ("graph", "node", "edge"):  # not default attributes
            attributes = dict(ATTRIBUTE.findall(match.group(2)))
            nodes[match.group(1)] = {k: v[1:-1] if v.startswith('"') else v
                                     for k, v in attributes.items()}
    return nodes


def dot_unescape(text: str) -> str:
    """A DOT double-quoted label back to text (``\\n`` line breaks read as spaces)."""
    return re.sub(r"\\(.)", lambda m: " " if m.group(1) == "n" else m.group(1), text)


def style_of(attributes: dict[str, str]) -> tuple[str, str, str]:
    return attributes["shape"], attributes["style"], attributes["fillcolor"]


def drawing_ids(graph: nx.DiGraph) -> dict[str, str]:
    """Graph node -> drawing id: the drawings number nodes n0, n1 ... in graph order."""
    return {node: f"n{i}" for i, node in enumerate(graph.nodes)}


def hand_made_graph(labels: list[str]) -> nx.DiGraph:
    """A chain of nodes, one per label, cycling through the node and edge types."""
    graph = nx.DiGraph()
    for i, label in enumerate(labels):
        graph.add_node(f"node {i}", type=NODE_TYPES[i % len(NODE_TYPES)], label=label)
    edge_types = list(MERMAID_ARROWS)
    for i in range(len(labels) - 1):
        graph.add_edge(f"node {i}", f"node {i + 1}", type=edge_types[i % len(edge_types)])
    return graph


def expected_explanation(graph: nx.DiGraph, nodes: list[str]) -> set[str]:
    """The recommendations, their ancestors, and the sources cited by rules among them."""
    keep = set(nodes).union(*(nx.ancestors(graph, node) for node in nodes))
    cited = {source for rule in keep if graph.nodes[rule]["type"] == "rule"
             for source in graph.successors(rule) if graph.nodes[source]["type"] == "source"}
    return keep | cited


def svg_node_count(svg: bytes) -> int:
    return svg.decode("utf-8").count('<g id="node')


# --- DOT -------------------------------------------------------------------------------------


def test_dot_is_left_to_right_with_a_legend_of_every_node_type(advice):
    dot = advice.diagram().dot
    assert dot.startswith("digraph")
    assert "rankdir=LR" in dot
    assert "subgraph cluster_legend" in dot
    legend = dot[dot.index("subgraph cluster_legend"):]
    nodes = dot_nodes(legend)
    for node_type in NODE_TYPES:
        assert nodes[f"legend_{node_type}"]["label"] == node_type
    assert set(NODE_TYPES) == {"input", "finding", "rule", "recommendation", "step", "source"}


def test_every_node_type_has_its_own_style_used_by_its_nodes(advice):
    graph = advice.graph
    nodes = dot_nodes(advice.diagram().dot)
    legend = {t: style_of(nodes[f"legend_{t}"]) for t in NODE_TYPES}
    assert len(set(legend.values())) == len(NODE_TYPES)
    assert len({shape_fill[2] for shape_fill in legend.values()}) == len(NODE_TYPES)
    ids = drawing_ids(graph)
    losers = superseded(graph)
    assert losers, "the example has superseded proposals"
    for node, node_type in graph.nodes(data="type"):
        expected = style_of(SUPERSEDED_STYLE) if node in losers else legend[node_type]
        assert style_of(nodes[ids[node]]) == expected, node
    assert {t for _, t in graph.nodes(data="type")} == set(NODE_TYPES)
    assert style_of(SUPERSEDED_STYLE) not in legend.values()
    text = advice.diagram().mermaid
    for node in losers:
        assert f"  class {ids[node]} superseded\n" in text


def test_dot_has_one_statement_per_node_and_edge(advice):
    graph = advice.graph
    dot = advice.diagram().dot
    drawn = {n for n in dot_nodes(dot) if not n.startswith("legend_")}
    assert drawn == set(drawing_ids(graph).values())
    edges = re.findall(r"^\s*(n\d+) -> (n\d+) ", dot, flags=re.MULTILINE)
    ids = drawing_ids(graph)
    assert sorted(edges) == sorted((ids[u], ids[v]) for u, v in graph.edges)


def test_dot_is_the_same_every_time():
    first = expert.advise(example_profile("state_univ_sample")).diagram().dot
    second = expert.advise(example_profile("state_univ_sample")).diagram().dot
    assert first == second


# --- focused graphs ---------------------------------------------------------------------------

FOCUS_CASES = [(name, kind) for name in EXAMPLES for kind in SINGLE_ANSWER_KINDS]


@pytest.mark.parametrize(("name", "kind"), FOCUS_CASES,
                         ids=[f"{n}-{k}" for n, k in FOCUS_CASES])
def test_focus_holds_only_ancestors_and_their_sources(name, kind):
    advice = expert.advise(example_profile(name))
    graph = advice.graph
    recommended = [r.node for r in advice.all(kind)]
    focus = advice.explanation(kind)
    assert set(focus.nodes) == expected_explanation(graph, recommended)
    assert set(advice.diagram(kind).graph.nodes) == set(focus.nodes)
    assert set(focus.edges) == set(graph.subgraph(focus.nodes).edges)
    types = {t for _, t in focus.nodes(data="type")}
    assert {"input", "rule", "source", "recommendation"} <= types
    assert focus.number_of_nodes() < graph.number_of_nodes()


@pytest.mark.parametrize(("name", "kind"), FOCUS_CASES,
                         ids=[f"{n}-{k}" for n, k in FOCUS_CASES])
def test_focus_leaves_out_other_recommendations_unless_ancestors(name, kind):
    advice = expert.advise(example_profile(name))
    graph = advice.graph
    focus = advice.explanation(kind)
    ancestors = set().union(*(nx.ancestors(graph, r.node) for r in advice.all(kind)))
    for node, data in graph.nodes(data=True):
        if data["type"] == "recommendation" and node in focus:
            assert data["kind"] == kind or node in ancestors, node
    others = [r.node for other in SINGLE_ANSWER_KINDS if other != kind
              for r in advice.all(other)]
    assert others and not set(others) & set(focus.nodes)


def test_focus_keeps_superseded_proposals(advice):
    graph = advice.graph
    focus = advice.explanation("step3")
    superseded = {u for u, v, t in graph.edges(data="type")
                  if t == "superseded" and graph.nodes[v]["kind"] == "step3"}
    assert superseded, "the example should have superseded step3 proposals"
    assert superseded <= set(focus.nodes)
    assert advice["step3"].node in focus


def test_focused_diagram_titles_the_kind(advice):
    diagram = advice.diagram("step3")
    assert diagram.title.startswith("Why step3")
    assert "Why step3" in diagram.dot


# --- Mermaid ---------------------------------------------------------------------------------


def test_mermaid_is_a_left_to_right_flowchart_with_one_line_per_edge(advice):
    graph = advice.graph
    text = advice.diagram().mermaid
    assert text.startswith("flowchart LR\n")
    edges = [EDGE_LINE.match(line) for line in text.splitlines()]
    edges = [m for m in edges if m]
    assert len(edges) == graph.number_of_edges()
    ids = drawing_ids(graph)
    arrows = {(ids[u], ids[v]): MERMAID_ARROWS[t] for u, v, t in graph.edges(data="type")}
    assert {(m.group(1), m.group(3)): m.group(2) for m in edges} == arrows
    for node_type in NODE_TYPES:
        assert f"classDef {node_type} " in text


# --- escaping and injection -------------------------------------------------------------------


def test_dot_labels_are_escaped_text():
    graph = hand_made_graph(NASTY_LABELS)
    dot = to_dot(graph, title='title "with" } quotes')
    nodes = dot_nodes(dot)
    ids = drawing_ids(graph)
    assert set(nodes) == set(ids.values()) | {f"legend_{t}" for t in NODE_TYPES}
    for node, label in graph.nodes(data="label"):
        line = next(text for text in dot.splitlines()
                    if text.strip().startswith(f"{ids[node]} ["))
        assert f"{ids[node]} [label=\"" in line, "labels must be quoted strings, not HTML"
        assert dot_unescape(nodes[ids[node]]["label"]) == " ".join(label.split())
    edges = re.findall(r"^\s*(\S+) -> (\S+) ", dot, flags=re.MULTILINE)
    assert len(edges) == graph.number_of_edges() + len(NODE_TYPES) - 1


@needs_dot
def test_nasty_labels_render_without_extra_nodes():
    graph = hand_made_graph(NASTY_LABELS)
    svg = graphviz.Source(to_dot(graph, title="digraph y {")).pipe("svg")
    assert svg_node_count(svg) == graph.number_of_nodes() + len(NODE_TYPES)
    text = svg.decode("utf-8")
    assert "<b>html</b>" not in text
    assert "&lt;b&gt;html&lt;/b&gt;" in text
    assert "evil" in text  # the injection attempt is drawn as text, not obeyed


def mermaid_labels(text: str, graph: nx.DiGraph) -> dict[str, str]:
    """Drawing id -> the raw text between the node shape's quotes."""
    labels = {}
    for node_id in drawing_ids(graph).values():
        match = re.search(rf"^  {node_id}[(\[>{{]+\"(.*?)\"[)\]}}]+\n  class {node_id} ",
                          text, flags=re.MULTILINE | re.DOTALL)
        assert match, f"no definition of {node_id}"
        labels[node_id] = match.group(1)
    return labels


def test_mermaid_labels_are_entity_escaped():
    graph = hand_made_graph(NASTY_LABELS)
    text = to_mermaid(graph)
    labels = mermaid_labels(text, graph)
    for label in labels.values():
        assert '"' not in label and "<" not in label and ">" not in label
    by_text = dict(zip(NASTY_LABELS, labels.values()))
    assert by_text['say "hi"'] == "say #quot;hi#quot;"
    assert by_text["<b>html</b>"] == "#lt;b#gt;html#lt;/b#gt;"
    assert "#amp;amp;" in by_text["&amp; #35; --> n0"]
    edges = [line for line in text.splitlines() if EDGE_LINE.match(line)]
    assert len(edges) == graph.number_of_edges()


# --- JSON and formats -------------------------------------------------------------------------


def test_json_rendering_round_trips(advice):
    data = json.loads(render(advice.graph, "json"))
    back = nx.node_link_graph(data, edges="edges")
    assert set(back.nodes) == set(advice.graph.nodes)
    assert set(back.edges) == set(advice.graph.edges)
    assert all(back.nodes[n] == advice.graph.nodes[n] for n in back.nodes)


def test_unknown_render_format_raises_value_error(advice):
    with pytest.raises(ValueError, match="unknown diagram format"):
        render(advice.graph, "gif")


TEXT_SAVES = [("out.dot", lambda b: b.startswith(b"digraph")),
              ("out.gv", lambda b: b.startswith(b"digraph")),
              ("out.mmd", lambda b: b.startswith(b"flowchart LR")),
              ("out.json", lambda b: "nodes" in json.loads(b))]
GRAPHVIZ_SAVES = [("out.svg", lambda b: b.startswith(b"<?xml") or b"<svg" in b),
                  ("out.png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n"))]


@pytest.mark.parametrize(("name", "looks_right"), [
    *TEXT_SAVES, *(pytest.param(*case, marks=needs_dot) for case in GRAPHVIZ_SAVES),
], ids=[case[0] for case in TEXT_SAVES + GRAPHVIZ_SAVES])
def test_save_writes_the_format_of_the_suffix(advice, tmp_path, name, looks_right):
    written = advice.diagram("prelim_backup").save(tmp_path / name)
    assert written == tmp_path / name
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert looks_right(written.read_bytes())


def test_save_with_explicit_format_ignores_the_suffix(advice, tmp_path):
    written = advice.diagram("step3").save(tmp_path / "drawing.txt", fmt="mermaid")
    assert written.read_text("utf-8") == advice.diagram("step3").mermaid


@pytest.mark.parametrize("name", ["out.xyz", "out", "out.svg.bak"])
def test_save_with_unknown_suffix_raises_and_writes_nothing(advice, tmp_path, name):
    with pytest.raises(ValueError):
        advice.diagram().save(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


# --- Jupyter ---------------------------------------------------------------------------------


@needs_dot
def test_mimebundle_has_svg_when_dot_is_there(advice):
    bundle = advice.diagram("step3")._repr_mimebundle_()
    assert "image/svg+xml" in bundle
    assert "<svg" in bundle["image/svg+xml"]
    assert bundle["text/plain"].startswith("<Diagram Why step3")


def test_mimebundle_without_dot_explains_how_to_install(advice, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    bundle = advice.diagram("step3")._repr_mimebundle_()
    assert "image/svg+xml" not in bundle
    assert INSTALL_HINT in bundle["text/plain"]


def test_repr_counts_nodes_by_type(advice):
    diagram = advice.diagram()
    counts = {t: sum(1 for _, k in advice.graph.nodes(data="type") if k == t) for t in NODE_TYPES}
    for node_type, count in counts.items():
        assert f"{count} {node_type}" in repr(diagram)
