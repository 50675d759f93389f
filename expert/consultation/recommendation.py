"""A recommendation as the advisor reports it: the value, how strongly it is meant, the rule
and the sources behind it, and how to say the value in a few words."""

from __future__ import annotations

from typing import Any, cast

import attrs
import orjson

from expert import caches
from expert.consultation.consult import Decision
from expert.consultation.provenance import node_id
from expert.types import Kind, Strength
from knowledge_base.sources import Source

__all__ = ["Recommendation", "decision_json", "describe_value"]


@attrs.frozen(eq=False)
class Recommendation:
    """One piece of advice: its value, how strongly it is meant, the rule and sources behind it."""

    kind: Kind
    value: Any
    strength: Strength
    summary: str
    rule: str
    title: str
    sources: tuple[Source, ...]
    node: str
    """The recommendation's node in the explanation graph."""

    @classmethod
    def from_decision(cls, decision: Decision) -> Recommendation:
        fact, rule = decision.fact, decision.rule
        return cls(cast(Kind, fact.kind), fact.value, cast(Strength, rule.strength),
                   fact.summary, rule.id, rule.title, rule.sources, node_id(fact))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "value": self.value, "strength": self.strength,
            "summary": self.summary, "rule": self.rule, "node": self.node,
            "sources": [{"doc": s.doc, "section": s.section} for s in self.sources],
        }

    def brief(self) -> dict[str, Any]:
        """The recommendation in brief: its kind, its value (of an action, only the action:
        the rule gives the rest, as ``img-advisor kb rules`` shows), strength and rule."""
        value = self.value
        if isinstance(value, dict) and "action" in value:
            value = {"action": value["action"]}
        return {"kind": self.kind, "value": value, "strength": self.strength,
                "rule": self.rule}

    def describe_value(self) -> str:
        return describe_value(self.kind, self.value)

    def __str__(self) -> str:
        return f"{self.kind}: {self.describe_value()} [{self.strength}] — {self.summary}"


@caches.DECISION_JSON
def decision_json(decision: Decision) -> orjson.Fragment:
    """``Recommendation.from_decision(decision).to_dict()`` as JSON, made once per decision."""
    return orjson.Fragment(orjson.dumps(Recommendation.from_decision(decision).to_dict()))


UNCOUNTED = {"all_realistic": "every realistic {} program", "a_few": "a few {} programs",
             "anchor": "{} programs to anchor the list"}
"""How the parts of an application count that the documents give no number for are sized."""


def describe_value(kind: str, value: Any) -> str:
    """A recommendation's value in a few words."""
    if kind == "apply_count":
        text = f"{'at least ' if value['at_least'] else ''}{value['min']}–{value['max']} programs"
        parts = value["parts"]
        tracks = [f"{p['track']} {p['min']}–{p['max']}" for p in parts if p["scope"] == "count"]
        extras = [UNCOUNTED[p["scope"]].format(p["track"]) for p in parts if p["scope"] != "count"]
        if extras:
            text += f" ({'; '.join(tracks)}) plus {' and '.join(extras)}"
        return text
    if kind == "prelim_backup":
        return "yes: " + ", ".join(value["tracks"]) if value["recommended"] else "no"
    if kind == "score_band":
        return f"{value['exam']} {value['band']} ({value['scale']} scale)"
    if kind == "program_verdict":
        return f"{value['verdict'].replace('_', ' ')} ({value['sign'].replace('_', ' ')})"
    if kind == "program_note":
        return f"{value['tone']}: {value['note'].replace('_', ' ')}"
    if isinstance(value, dict) and "action" in value:
        return str(value["action"]).replace("_", " ") + _spans(value)
    return str(value)


def _spans(value: dict[str, Any]) -> str:
    """The value's numeric ranges, from its ``min_x``/``max_x`` pairs: " (2–4 months)"."""
    spans = [f"{value[key]}–{value['max_' + key[4:]]} {key[4:].replace('_', ' ')}"
             for key in value
             if key.startswith("min_") and isinstance(value[key], int)
             and isinstance(value.get("max_" + key[4:]), int)]
    return f" ({'; '.join(spans)})" if spans else ""
