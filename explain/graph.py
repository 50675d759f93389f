"""The explanation graph: a networkx DiGraph built from a trace.

Nodes have a ``type`` (input, finding, rule, recommendation, step, source) and a ``label``;
edges have a ``type`` (premise: fact to rule, conclusion: rule to fact, citation: rule to source,
superseded: losing proposal to the winner). Nodes and edges are added in sorted order so the
same trace always gives the same graph, down to the order of its JSON. The JSON form (node-link
data) can be had straight from the trace, without networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from itertools import chain
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from explain.trace import Citation, FactRecord, Firing, RuleInfo, Trace

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["PARTS", "Attributes", "Edge", "Node", "Parts", "build_graph", "explanation_of",
           "node_link_data", "node_link_json", "rule_node", "source_node"]


def rule_node(rule_id: str) -> str:
    return f"rule:{rule_id}"


def source_node(citation: Citation) -> str:
    return _source_id(citation.doc, citation.section)


def _source_id(doc: str, section: str) -> str:
    return f"source:{doc}:{section}"


Attributes = dict[str, Any]
Edge = tuple[str, str, str]


@attrs.frozen(eq=False)
class Node:
    """A node and its attributes. Nodes may be shared by every graph that holds them (see
    ``Parts``), so ``attributes`` is read-only, and copied (``_fresh``) when handed out."""

    id: str
    attributes: Mapping[str, Any]

    @cached_property
    def json(self) -> orjson.Fragment:
        """The node as node-link data, in JSON."""
        return orjson.Fragment(orjson.dumps({**self.attributes, "id": self.id}))


_CONTAINERS = (dict, list, MappingProxyType)


def _fresh(data: Mapping[str, Any] | list[Any]) -> Any:
    """A copy of JSON-like data down to its last list and dict."""
    if isinstance(data, list):
        return [_fresh(item) if isinstance(item, _CONTAINERS) else item for item in data]
    return {key: _fresh(item) if isinstance(item, _CONTAINERS) else item
            for key, item in data.items()}


class Parts:
    """Makes the nodes and edges that traces add to a graph.

    Every graph function takes one (``parts=``). This one makes them anew each time; a caller
    that builds many graphs of the same facts and rules can pass a subclass that remembers
    them (``expert`` does), which is why the nodes' attributes are read-only.
    """

    def fact_node(self, fact: FactRecord) -> Node:
        return Node(fact.id, MappingProxyType({"type": fact.type, "label": fact.label,
                                                **fact.data}))

    def rule_nodes(self, rule: RuleInfo) -> tuple[Node, ...]:
        """The nodes a rule adds whenever it fires: its own, then those of the sources it
        cites."""
        node = Node(rule_node(rule.id), MappingProxyType({
            "type": "rule", "label": rule.title, "rule": rule.id, "strength": rule.strength,
            "sources": [{"doc": c.doc, "section": c.section} for c in rule.sources],
        }))
        sources = {self.source_node(c.doc, c.section) for c in rule.sources}
        return (node, *sorted(sources, key=attrgetter("id")))

    def source_node(self, doc: str, section: str) -> Node:
        """One node per section of a document, shared by the rules that cite it."""
        return Node(_source_id(doc, section), MappingProxyType({
            "type": "source", "label": f"{doc}: {section}", "doc": doc, "section": section,
        }))

    def firing_edges(self, firing: Firing) -> tuple[Edge, ...]:
        """The edges a firing adds: premises, conclusions and the rule's citations."""
        node, *sources = self.rule_nodes(firing.rule)
        return (*((premise, node.id, "premise") for premise in firing.premises),
                *((node.id, conclusion, "conclusion") for conclusion in firing.conclusions),
                *((node.id, source.id, "citation") for source in sources))


PARTS = Parts()
"""Parts made anew for every graph."""


def _elements(trace: Trace, parts: Parts
              ) -> tuple[dict[str, Node], dict[tuple[str, str], Attributes]]:
    """The graph's nodes and edges, in the order they are added.

    Adding follows networkx's rules (a node or edge added again keeps its place and takes the
    new attributes; an edge adds its missing end nodes), so the networkx graph and the
    node-link data made from these agree to the last key. Edge attribute dicts are new.
    """
    fired = {added[0].id: added for added in map(parts.rule_nodes, [f.rule for f in trace.firings])}
    nodes: dict[str, Node] = {}
    for node in chain(map(parts.fact_node, sorted(trace.facts, key=attrgetter("id"))),
                      chain.from_iterable(fired[rule] for rule in sorted(fired))):
        known = nodes.setdefault(node.id, node)
        if known is not node and known.attributes != node.attributes:
            nodes[node.id] = Node(node.id, MappingProxyType({**known.attributes,
                                                              **node.attributes}))

    def add_ends(ends: list[str]) -> None:  # an edge adds its missing end nodes
        for end in ends:
            nodes.setdefault(end, Node(end, MappingProxyType({})))

    ordered = sorted(set(chain.from_iterable(map(parts.firing_edges, trace.firings))))
    add_ends([end for tail, head, _ in ordered for end in (tail, head) if end not in nodes])
    edges = {(tail, head): {"type": kind} for tail, head, kind in ordered}
    for s in sorted(trace.supersessions, key=lambda s: (s.superseded, s.winner)):
        add_ends([s.superseded, s.winner])
        edges.setdefault((s.superseded, s.winner), {}).update(type="superseded", reason=s.reason)
    return nodes, edges


def build_graph(trace: Trace, parts: Parts = PARTS) -> nx.DiGraph[str]:
    import networkx as nx  # here, not at the top: advice without a graph never needs it

    nodes, edges = _elements(trace, parts)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from((node.id, _fresh(node.attributes)) for node in nodes.values())
    graph.add_edges_from((tail, head, data) for (tail, head), data in edges.items())
    return graph


def node_link_data(trace: Trace, parts: Parts = PARTS,
                   node_form: Callable[[Node], Any] | None = None) -> dict[str, Any]:
    """``networkx.node_link_data(build_graph(trace), edges="edges")``, without building the
    graph: the JSON form of an explanation costs a third as much this way. ``node_form`` says
    what stands for each node: by default a new dict of its attributes and id; a caller that
    writes JSON can give each node's JSON instead (an ``orjson.Fragment``, which it may keep
    from one graph to the next where ``parts`` remembers its nodes)."""
    nodes, edges = _elements(trace, parts)
    outgoing: dict[str, list[Attributes]] = {node: [] for node in nodes}
    for (tail, head), data in edges.items():
        data["source"], data["target"] = tail, head
        outgoing[tail].append(data)
    return {
        "directed": True, "multigraph": False, "graph": {},
        "nodes": list(map(node_form or _node_data, nodes.values())),
        "edges": [edge for node in nodes for edge in outgoing[node]],  # networkx's order
    }


def _node_data(node: Node) -> Attributes:
    return {**_fresh(node.attributes), "id": node.id}


def node_link_json(trace: Trace, parts: Parts = PARTS) -> bytes:
    """``node_link_data(trace)`` as compact JSON (UTF-8, as orjson writes it), in a fraction of
    the time: each node's JSON is written once per node (``Node.json``)."""
    return orjson.dumps(node_link_data(trace, parts, attrgetter("json")))


def explanation_of(graph: nx.DiGraph[str], node: str) -> nx.DiGraph[str]:
    """The subgraph that explains one node: its ancestors, itself, and the sources they cite.

    Nodes and edges keep the order of ``graph`` (networkx's own subgraph would list them in the
    order of a set, which changes with the hash seed, and so would every drawing of it)."""
    import networkx as nx

    keep = nx.ancestors(graph, node) | {node}
    keep |= {
        head for tail in keep for head in graph.successors(tail)
        if graph.nodes[head]["type"] == "source"
    }
    sub: nx.DiGraph[str] = nx.DiGraph()
    sub.add_nodes_from((n, dict(data)) for n, data in graph.nodes(data=True) if n in keep)
    sub.add_edges_from((tail, head, dict(data)) for tail, head, data in graph.edges(data=True)
                       if tail in keep and head in keep)
    return sub
