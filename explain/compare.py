"""Before and after: one graph of what a change to the inputs changed.

Given the explanation graphs of two consultations (before and after a change to the inputs) and
the answers that differ, ``before_and_after`` draws the new answers with their reasons in the
new state, each old answer beside the one that took its place (``became``), and the inputs that
changed with both values (``step2ck.score: 218 → 232``). Answers that did not change are left
out. Nodes carry a ``mark`` that the drawing shows: ``changed`` inputs, answers ``before`` (faded)
and ``after`` (emphasised).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from explain.graph import explanation_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["AFTER", "BEFORE", "BECAME", "CHANGED", "before_and_after", "changed_inputs"]

CHANGED, BEFORE, AFTER = "changed", "before", "after"
"""The marks: an input whose value changed, an answer as it was, an answer as it is now."""
BECAME = "became"
"""The type of the edge from an answer as it was to the answer that took its place."""


def _inputs(graph: nx.DiGraph[str]) -> dict[str, Mapping[str, Any]]:
    return {node: data for node, data in graph.nodes(data=True) if data["type"] == "input"}


def _value(data: Mapping[str, Any] | None) -> str:
    if data is None:
        return "(none)"
    return str(data["value"]) if "value" in data else str(data["label"])


def _unprefixed(label: str, kind: str) -> str:
    return label[len(kind) + 2:] if label.startswith(f"{kind}: ") else label


def changed_inputs(before: nx.DiGraph[str], after: nx.DiGraph[str]) -> dict[str, dict[str, Any]]:
    """The input nodes whose value differs between the two graphs, by id (sorted), each with
    its attributes (the new ones, or the old where it is gone) and a label giving both values.
    """
    old, new = _inputs(before), _inputs(after)
    changed = {}
    for node in sorted(old.keys() | new.keys()):
        was, now = old.get(node), new.get(node)
        there = now if now is not None else was
        if there is not None and (was is None or now is None or was["label"] != now["label"]):
            data = dict(there)
            name = data.get("field", node)
            changed[node] = {**data, "label": f"{name}: {_value(was)} → {_value(now)}",
                             "mark": CHANGED, "before": None if was is None else was["label"]}
    return changed


def before_and_after(before: nx.DiGraph[str], after: nx.DiGraph[str],
                     answers: Sequence[tuple[str | None, str | None]]) -> nx.DiGraph[str]:
    """The graph of a change: ``answers`` pairs each changed answer's node in ``before`` with
    its node in ``after`` (``None`` on the side where it is not given).

    Each new answer comes with its explanation in ``after``; each old one is drawn as
    ``before:NODE`` (its own reasons left out: they no longer hold), joined to its successor by
    a ``became`` edge. Answers no longer given, with nothing in their place, are drawn one node
    per kind (``before:KIND``, listing them, when there are several). Every changed input in the
    drawing is marked with both values; one that was given by the profile (not derived from
    it) is drawn even where no new reason reads it.
    """
    import networkx as nx  # here, not at the top: answers read as text need no graph

    news = [new for _, new in answers if new is not None]
    graph: nx.DiGraph[str] = nx.DiGraph()
    inputs = changed_inputs(before, after)
    graph.add_nodes_from((node, data) for node, data in inputs.items()
                         if "derived" not in data)
    for answer in news:
        graph.update(explanation_of(after, answer))
    for node, data in inputs.items():
        if node in graph:
            graph.nodes[node].update(data)
    gone: dict[str, list[str]] = {}  # answers no longer given, by kind
    for old, new in answers:
        if old is not None and new is None:
            gone.setdefault(str(before.nodes[old].get("kind", old)), []).append(old)
    for old, new in answers:
        if old is None:
            continue
        data = before.nodes[old]
        if new is not None:
            graph.add_node(f"before:{old}", **{**data, "mark": BEFORE,
                                               "label": f"before: {data['label']}"})
            graph.add_edge(f"before:{old}", new, type=BECAME)
            continue
        kind = str(data.get("kind", old))
        if len(gone[kind]) == 1:
            graph.add_node(f"before:{old}", **{**data, "mark": BEFORE,
                                               "label": f"no longer given: {data['label']}"})
        elif f"before:{kind}" not in graph:  # several of one kind: one node, listing them
            values = [_unprefixed(before.nodes[n]["label"], kind) for n in gone[kind]]
            graph.add_node(f"before:{kind}", type=data["type"], kind=kind, mark=BEFORE,
                           label=f"no longer given: {kind}: {'; '.join(values)}",
                           stands_for=gone[kind])
    for answer in news:
        graph.nodes[answer]["mark"] = AFTER
    return graph
