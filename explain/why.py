"""Why: the chain of rules from the inputs to one node of an explanation graph.

Works on the graph alone: each step is a rule node among the node's ancestors, in an order where
every rule comes after the rules that produced its premises, with the facts it matched and
concluded, its metadata and its sources; superseded proposals are listed with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from explain.bound import bounded
from explain.display import ShowsAsText, counted, why_html
from explain.graph import explanation_of
from explain.render import Diagram

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Step", "Superseded", "Why", "why"]


@attrs.frozen
class Step:
    rule: str
    title: str
    strength: str
    sources: tuple[str, ...]
    premises: tuple[str, ...]
    conclusions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class Superseded:
    proposal: str
    rule: str
    reason: str


@attrs.frozen(eq=False)
class Why(ShowsAsText):
    """The explanation of one node: the steps that led to it and what it superseded."""

    subject: str
    inputs: tuple[str, ...]
    steps: tuple[Step, ...]
    superseded: tuple[Superseded, ...]
    graph: nx.DiGraph[str]

    def __str__(self) -> str:
        lines = [f"Why {self.subject}:", "", "From the profile: " + "; ".join(self.inputs)]
        for number, step in enumerate(self.steps, 1):
            lines.append(f"{number}. {step.title} [{step.strength}] ({step.rule})")
            lines.append(f"   because: {'; '.join(step.premises)}")
            lines.append(f"   so: {'; '.join(step.conclusions)}")
            lines.extend(f"   source: {source}" for source in step.sources)
        for item in self.superseded:
            lines.append(f"Superseded: {item.proposal} ({item.rule}): {item.reason}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        superseded = f", {len(self.superseded)} superseded" if self.superseded else ""
        subject = self.subject if len(self.subject) <= 60 else self.subject[:59] + "…"
        return (f"<Why {subject!r}: {counted(len(self.steps), 'rule')} from "
                f"{counted(len(self.inputs), 'input')}{superseded}>")

    def _repr_html_(self) -> str:
        return why_html(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "inputs": list(self.inputs),
            "steps": [step.to_dict() for step in self.steps],
            "superseded": [attrs.asdict(item) for item in self.superseded],
        }

    def diagram(self) -> Diagram:
        """The chain drawn, within the size bound of a focused drawing (``explain.bound``)."""
        return Diagram(bounded(self.graph), f"Why {self.subject}")


def _labels(graph: nx.DiGraph[str], nodes: Iterable[str]) -> tuple[str, ...]:
    return tuple(graph.nodes[n]["label"] for n in sorted(nodes))


def why(graph: nx.DiGraph[str], node: str, subject: str | None = None) -> Why:
    """Explain ``node`` of ``graph`` (a recommendation or finding)."""
    import networkx as nx
    sub = explanation_of(graph, node)
    data = sub.nodes
    chain = nx.subgraph_view(sub, filter_edge=lambda u, v: sub.edges[u, v]["type"] != "superseded")
    keep = nx.ancestors(chain, node) | {node}
    steps = []
    for rule in nx.lexicographical_topological_sort(sub):
        if data[rule]["type"] != "rule" or rule not in keep:
            continue
        heads = [h for h in sub.successors(rule) if data[h]["type"] not in ("source", "rule")]
        sources = [f"{data[s]['doc']} § {data[s]['section']}" for s in sorted(sub.successors(rule))
                   if data[s]["type"] == "source"]
        steps.append(Step(data[rule]["rule"], data[rule]["label"], data[rule]["strength"],
                          tuple(sources), _labels(sub, sub.predecessors(rule)),
                          _labels(sub, heads)))
    superseded = tuple(
        Superseded(data[tail]["label"],
                   ", ".join(data[r]["rule"] for r in sorted(sub.predecessors(tail))),
                   edge["reason"])
        for tail, head, edge in sorted(sub.edges(data=True)) if edge["type"] == "superseded"
    )
    inputs = _labels(sub, (n for n in keep if data[n]["type"] == "input"))
    return Why(subject or data[node]["label"], inputs, tuple(steps), superseded, sub)
