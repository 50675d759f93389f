"""The explanation graph: a networkx DiGraph built from a trace.

Nodes have a ``type`` (input, finding, rule, recommendation, source) and a ``label``; edges have
a ``type`` (premise: fact to rule, conclusion: rule to fact, citation: rule to source,
superseded: losing proposal to the winner). Nodes and edges are added in sorted order so the
same trace always gives the same graph, down to the order of its JSON. The JSON form (node-link
data) can be had straight from the trace, without networkx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from explain.trace import Citation, Trace

if TYPE_CHECKING:
    import networkx as nx


def rule_node(rule_id: str) -> str:
    return f"rule:{rule_id}"


def source_node(citation: Citation) -> str:
    return f"source:{citation.doc}:{citation.section}"


Attributes = dict[str, Any]


def _elements(trace: Trace) -> tuple[dict[str, Attributes], dict[tuple[str, str], Attributes]]:
    """The graph's nodes and edges, in the order they are added.

    Adding follows networkx's rules (a node or edge added again keeps its place and takes the
    new attributes; an edge adds its missing end nodes), so the networkx graph and the
    node-link data made from these agree to the last key.
    """
    nodes: dict[str, Attributes] = {}
    edges: dict[tuple[str, str], Attributes] = {}

    def add_node(node: str, **data: Any) -> None:
        nodes.setdefault(node, {}).update(data)

    def add_edge(tail: str, head: str, **data: Any) -> None:
        for end in (tail, head):
            if end not in nodes:
                nodes[end] = {}
        edges.setdefault((tail, head), {}).update(data)

    for fact in sorted(trace.facts, key=lambda f: f.id):
        add_node(fact.id, type=fact.type, label=fact.label, **dict(fact.data))

    firing_edges: set[tuple[str, str, str]] = set()
    rules = {}
    for firing in trace.firings:
        node = rule_node(firing.rule.id)
        rules[node] = firing.rule
        firing_edges.update((premise, node, "premise") for premise in firing.premises)
        firing_edges.update((node, conclusion, "conclusion") for conclusion in firing.conclusions)
        firing_edges.update((node, source_node(c), "citation") for c in firing.rule.sources)

    for node, rule in sorted(rules.items()):
        add_node(
            node, type="rule", label=rule.title, rule=rule.id, strength=rule.strength,
            sources=[{"doc": c.doc, "section": c.section} for c in rule.sources],
        )
        for citation in sorted(rule.sources, key=source_node):
            add_node(
                source_node(citation), type="source", label=f"{citation.doc}: {citation.section}",
                doc=citation.doc, section=citation.section,
            )
    for tail, head, kind in sorted(firing_edges):
        add_edge(tail, head, type=kind)
    for s in sorted(trace.supersessions, key=lambda s: (s.superseded, s.winner)):
        add_edge(s.superseded, s.winner, type="superseded", reason=s.reason)
    return nodes, edges


def build_graph(trace: Trace) -> nx.DiGraph:
    import networkx as nx  # here, not at the top: advice without a graph never needs it

    nodes, edges = _elements(trace)
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from((tail, head, data) for (tail, head), data in edges.items())
    return graph


def node_link_data(trace: Trace) -> dict[str, Any]:
    """``networkx.node_link_data(build_graph(trace), edges="edges")``, without building the
    graph: the JSON form of an explanation costs a third as much this way."""
    nodes, edges = _elements(trace)
    outgoing: dict[str, list[Attributes]] = {node: [] for node in nodes}
    for (tail, head), data in edges.items():
        outgoing[tail].append({**data, "source": tail, "target": head})
    return {
        "directed": True, "multigraph": False, "graph": {},
        "nodes": [{**data, "id": node} for node, data in nodes.items()],
        "edges": [edge for node in nodes for edge in outgoing[node]],  # networkx's order
    }


def explanation_of(graph: nx.DiGraph, node: str) -> nx.DiGraph:
    """The subgraph that explains one node: its ancestors, itself, and the sources they cite."""
    import networkx as nx

    keep = nx.ancestors(graph, node) | {node}
    keep |= {
        head for tail in keep for head in graph.successors(tail)
        if graph.nodes[head]["type"] == "source"
    }
    return graph.subgraph(sorted(keep)).copy()
