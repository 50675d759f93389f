"""The size bound of a focused drawing: at most ``MAX_NODES`` nodes, reached by collapsing.

A drawing of one answer (a recommendation, a kind, a plan step, a program's verdict, a what-if)
is there to be read at a glance. When the explanation behind it has more nodes than the bound,
``bounded`` collapses it, one step at a time, and stops as soon as it fits:

1. sources: the sections one document has cited become one node for the document, listing them;
2. the farthest reasons: the rules and facts farthest from the answer (counted in rules between
   them and it) are replaced by one node (``MORE``, of type rule, marked ``collapsed``) that
   says how many rules and facts it stands for and how to see them all. Whole layers are kept,
   nearest first, then as many rules of the next layer as fit, those bringing the fewest nodes
   first. The cut keeps every drawn rule whole: a rule is drawn with all its premises, and a
   fact whose rules are hidden is drawn concluded by that node. The sections only hidden rules
   cite are among what it stands for; the documents list the others.

A fact that many rules read is one node already (nodes are keyed by what they say, so it is
drawn once however many rules read it): there is nothing to collapse there. Every collapsed
node names the nodes it stands for (``stands_for``, their ids) and says so in its label, so the
drawing stays a true, if shorter, account. The whole graph (``advice.diagram()``) is not bounded.
Everything is read in the graph's own order or sorted, so the result is the same in every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COLLAPSED", "HINT", "MAX_NODES", "MORE", "bounded", "depths", "group_sources",
           "sinks"]

MAX_NODES = 40
"""The most nodes a focused drawing has (the legend aside). Forty boxes, in the six or seven
columns of a left-to-right drawing, still fit a screen or a page and can be followed edge by
edge; most focused drawings are well under it, and it cuts only the largest
(docs/explanations.md, "What a drawing shows")."""

COLLAPSED = "collapsed"
"""The ``mark`` of a node that stands for several hidden ones (drawn apart, dashed)."""

MORE = "collapsed:more_reasons"
"""The id of the node that stands for the farthest reasons."""

HINT = "why lists every step, and the drawing of the whole graph shows them"
"""Where the hidden reasons can be seen, unless the caller says better."""


def sinks(graph: nx.DiGraph[str]) -> list[str]:
    """The nodes that lead to nothing but sources: what a focused graph explains."""
    data = graph.nodes
    return [node for node in graph if data[node]["type"] != "source"
            and all(data[head]["type"] == "source" for head in graph.successors(node))]


def group_sources(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """``graph`` with the cited sections of each document (when it has several) drawn as one
    node, ``source:DOC``, listing the sections; ``graph`` itself when there is nothing to
    group."""
    import networkx as nx  # here, not at the top: advice without a drawing never needs it

    by_doc: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        if data["type"] == "source" and "doc" in data:
            by_doc.setdefault(data["doc"], []).append(node)
    into = {node: f"source:{doc}" for doc, nodes in by_doc.items() if len(nodes) > 1
            for node in nodes}
    if not into:
        return graph
    grouped: nx.DiGraph[str] = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        if node not in into:
            grouped.add_node(node, **data)
        elif into[node] not in grouped:
            doc = data["doc"]
            sections = sorted(graph.nodes[n]["section"] for n in by_doc[doc])
            grouped.add_node(into[node], type="source", label=f"{doc}: {'; '.join(sections)}",
                             doc=doc, sections=sections, stands_for=sorted(by_doc[doc]))
    grouped.add_edges_from((into.get(tail, tail), into.get(head, head), data)
                           for tail, head, data in graph.edges(data=True))
    return grouped


def depths(graph: nx.DiGraph[str], focus: Iterable[str]) -> dict[str, int]:
    """How far each node is from ``focus``, in rules: the rules concluding a focus node are at
    1, and so are their premises; the rules concluding those premises at 2, and so on. A
    superseded proposal is as far as the answer that overruled it. Sources have no depth."""
    import networkx as nx

    def weight(_tail: str, _head: str, data: dict[str, Any]) -> int | None:
        # along the reversed graph: a conclusion is a step back to its rule; a premise, a
        # supersession or any other edge costs nothing; citations are not followed
        kind = data["type"]
        return None if kind == "citation" else 1 if kind == "conclusion" else 0

    found = nx.multi_source_dijkstra_path_length(graph.reverse(copy=False), set(focus),
                                                 weight=weight)
    return {node: int(far) for node, far in found.items()}


def bounded(graph: nx.DiGraph[str], focus: Sequence[str] | None = None, *,
            keep: Iterable[str] = (), limit: int = MAX_NODES, hint: str = HINT
            ) -> nx.DiGraph[str]:
    """``graph`` collapsed until it has at most ``limit`` nodes (see the module docstring).

    ``focus`` is what the drawing explains (by default the ``sinks``); it and ``keep`` are never
    hidden, so the bound holds when they fit in it with the rules that conclude them. ``hint``
    ends the label of the node standing for the hidden reasons: where to see them. ``graph``
    itself is returned when it fits; otherwise a new graph, ``graph`` is not changed.
    """
    if graph.number_of_nodes() <= limit:
        return graph
    grouped = group_sources(graph)
    if grouped.number_of_nodes() <= limit:
        return grouped
    aims = list(focus) if focus is not None else sinks(grouped)
    depth = depths(grouped, aims)
    pinned = set(aims) | set(keep)
    types = grouped.nodes(data="type")

    def cited(nodes: Iterable[str]) -> set[str]:
        return {head for tail in nodes for head in grouped.successors(tail)
                if types[head] == "source"}

    def drawn_within(cut: int) -> set[str]:
        kept = {node for node, far in depth.items() if far <= cut} | pinned
        return kept | cited(kept)

    cuts = range(max(depth.values(), default=0), -1, -1)
    cut = next((c for c in cuts if len(drawn_within(c)) < limit), 0)  # < : one for the node
    drawn = drawn_within(cut)
    # then the rules one step farther, fewest new nodes first, each with all its premises
    # (and the proposals they overruled), while they fit
    waiting = sorted(node for node, far in depth.items() if far == cut + 1
                     and types[node] == "rule")

    def brings(rule: str) -> set[str]:
        premises = set(grouped.predecessors(rule))
        overruled = {tail for premise in premises for tail in grouped.predecessors(premise)
                     if grouped.edges[tail, premise]["type"] == "superseded"}
        return ({rule} | premises | overruled | cited([rule])) - drawn

    while waiting:
        best = min(waiting, key=lambda rule: (len(brings(rule)), rule))
        if len(drawn) + len(brings(best)) >= limit:
            break
        drawn |= brings(best)
        waiting.remove(best)
    return _collapse(graph, {node for node in drawn if types[node] != "source"}, set(aims), hint)


def _collapse(graph: nx.DiGraph[str], drawn: set[str], focus: set[str], hint: str
              ) -> nx.DiGraph[str]:
    """The ``drawn`` facts and rules of ``graph`` with the sections they cite (grouped by
    document), and one node standing for the rest, sections cited only by the rest with it."""
    import networkx as nx

    keep = drawn | {head for tail in drawn for head in graph.successors(tail)
                    if graph.nodes[head]["type"] == "source"}
    hidden = [node for node in graph if node not in keep]
    counts = {node_type: sum(1 for node in hidden if graph.nodes[node]["type"] == node_type)
              for node_type in ("rule", "input", "finding", "recommendation", "step", "source")}
    rules = counts.pop("rule")
    facts = ", ".join(f"{n} {t}{'' if n == 1 else 's'}" for t, n in counts.items() if n)
    one = rules == 1
    label = (f"{rules} more reason{'' if one else 's'} ({rules} rule{'' if one else 's'}"
             f"{f'; {facts}' if facts else ''}) lead{'s' if one else ''} here; {hint}")
    out: nx.DiGraph[str] = nx.DiGraph()
    out.add_node(MORE, type="rule", label=label, mark=COLLAPSED, stands_for=sorted(hidden),
                 counts={"rule": rules, **counts})
    out.add_nodes_from((node, data) for node, data in graph.nodes(data=True) if node in keep)
    out.add_edges_from((tail, head, data) for tail, head, data in graph.edges(data=True)
                       if tail in keep and head in keep)
    for node in graph:
        if node not in drawn:
            continue
        heads = list(graph.successors(node))
        if any(tail not in keep for tail in graph.predecessors(node)):
            out.add_edge(MORE, node, type="conclusion")  # hidden rules concluded it
        elif node not in focus and any(head not in keep for head in heads) and not any(
                head in keep and graph.nodes[head]["type"] != "source" for head in heads):
            out.add_edge(node, MORE, type="premise")  # kept for its own sake, read by hidden rules
    drawing: nx.DiGraph[str] = group_sources(out)
    return drawing
