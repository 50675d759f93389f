"""The explanation graph: a networkx DiGraph built from a trace.

Nodes have a ``type`` (input, finding, rule, recommendation, source) and a ``label``; edges have
a ``type`` (premise: fact to rule, conclusion: rule to fact, citation: rule to source,
superseded: losing proposal to the winner). Nodes and edges are added in sorted order so the
same trace always gives the same graph, down to the order of its JSON.
"""

from __future__ import annotations

import networkx as nx

from explain.trace import Citation, Trace


def rule_node(rule_id: str) -> str:
    return f"rule:{rule_id}"


def source_node(citation: Citation) -> str:
    return f"source:{citation.doc}:{citation.section}"


def build_graph(trace: Trace) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (fact.id, {"type": fact.type, "label": fact.label, **fact.data})
        for fact in sorted(trace.facts, key=lambda f: f.id)
    )

    edges: set[tuple[str, str, str]] = set()
    rules = {}
    for firing in trace.firings:
        node = rule_node(firing.rule.id)
        rules[node] = firing.rule
        edges.update((premise, node, "premise") for premise in firing.premises)
        edges.update((node, conclusion, "conclusion") for conclusion in firing.conclusions)
        edges.update((node, source_node(c), "citation") for c in firing.rule.sources)

    for node, rule in sorted(rules.items()):
        graph.add_node(
            node, type="rule", label=rule.title, rule=rule.id, strength=rule.strength,
            sources=[{"doc": c.doc, "section": c.section} for c in rule.sources],
        )
        graph.add_nodes_from(
            (source_node(citation), {"type": "source", "label": f"{citation.doc}: {citation.section}",
                                     "doc": citation.doc, "section": citation.section})
            for citation in sorted(rule.sources, key=source_node)
        )
    graph.add_edges_from((tail, head, {"type": kind}) for tail, head, kind in sorted(edges))
    graph.add_edges_from(
        (s.superseded, s.winner, {"type": "superseded", "reason": s.reason})
        for s in sorted(trace.supersessions, key=lambda s: (s.superseded, s.winner))
    )
    return graph


def explanation_of(graph: nx.DiGraph, node: str) -> nx.DiGraph:
    """The subgraph that explains one node: its ancestors, itself, and the sources they cite."""
    keep = nx.ancestors(graph, node) | {node}
    keep |= {
        head for tail in keep for head in graph.successors(tail)
        if graph.nodes[head]["type"] == "source"
    }
    return graph.subgraph(sorted(keep)).copy()
