"""The explanation graph: a networkx DiGraph built from a trace.

Nodes have a ``type`` (input, finding, rule, recommendation, source) and a ``label``; edges have
a ``type`` (premise: fact to rule, conclusion: rule to fact, citation: rule to source,
superseded: losing proposal to the winner). Nodes and edges are added in sorted order so the
same trace always gives the same graph, down to the order of its JSON. The JSON form (node-link
data) can be had straight from the trace, without networkx.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from explain.trace import Citation, RuleInfo, Trace

if TYPE_CHECKING:
    import networkx as nx


def rule_node(rule_id: str) -> str:
    return f"rule:{rule_id}"


def source_node(citation: Citation) -> str:
    return f"source:{citation.doc}:{citation.section}"


Attributes = dict[str, Any]
Edge = tuple[str, str, str]


@lru_cache(maxsize=1024)
def _rule_parts(rule: RuleInfo) -> tuple[str, tuple[tuple[str, Attributes], ...], tuple[Edge, ...]]:
    """What a rule adds whenever it fires: its node id, its source nodes and its citation edges."""
    node = rule_node(rule.id)
    cited = sorted({source_node(c): c for c in rule.sources}.items())
    sources = tuple((source, {"type": "source", "label": f"{c.doc}: {c.section}",
                              "doc": c.doc, "section": c.section}) for source, c in cited)
    return node, sources, tuple((node, source, "citation") for source, _ in cited)


def _elements(trace: Trace) -> tuple[dict[str, Attributes], dict[tuple[str, str], Attributes]]:
    """The graph's nodes and edges, in the order they are added.

    Adding follows networkx's rules (a node or edge added again keeps its place and takes the
    new attributes; an edge adds its missing end nodes), so the networkx graph and the
    node-link data made from these agree to the last key. Every attribute dict is new.
    """
    nodes: dict[str, Attributes] = {}
    for fact in sorted(trace.facts, key=lambda f: f.id):
        nodes.setdefault(fact.id, {}).update(type=fact.type, label=fact.label, **fact.data)

    firing_edges: set[Edge] = set()
    rules: dict[str, tuple[RuleInfo, tuple[tuple[str, Attributes], ...]]] = {}
    for firing in trace.firings:
        node, sources, citations = _rule_parts(firing.rule)
        rules[node] = (firing.rule, sources)
        firing_edges.update([(premise, node, "premise") for premise in firing.premises])
        firing_edges.update([(node, conclusion, "conclusion") for conclusion in firing.conclusions])
        firing_edges.update(citations)

    for node, (rule, sources) in sorted(rules.items(), key=lambda item: item[0]):
        nodes.setdefault(node, {}).update(
            type="rule", label=rule.title, rule=rule.id, strength=rule.strength,
            sources=[{"doc": c.doc, "section": c.section} for c in rule.sources],
        )
        for source, data in sources:
            nodes.setdefault(source, {}).update(data)

    edges: dict[tuple[str, str], Attributes] = {}

    def edge(tail: str, head: str) -> Attributes:
        for end in (tail, head):
            if end not in nodes:
                nodes[end] = {}
        return edges.setdefault((tail, head), {})

    for tail, head, kind in sorted(firing_edges):
        edge(tail, head)["type"] = kind
    for s in sorted(trace.supersessions, key=lambda s: (s.superseded, s.winner)):
        edge(s.superseded, s.winner).update(type="superseded", reason=s.reason)
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
    nodes, edges = _elements(trace)  # new dicts, which become the node-link data's own
    outgoing: dict[str, list[Attributes]] = {node: [] for node in nodes}
    for (tail, head), data in edges.items():
        data["source"], data["target"] = tail, head
        outgoing[tail].append(data)
    for node, data in nodes.items():
        data["id"] = node
    return {
        "directed": True, "multigraph": False, "graph": {},
        "nodes": list(nodes.values()),
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
