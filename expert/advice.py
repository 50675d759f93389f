"""``advise(profile) -> Advice``: the front door for Python callers."""

from __future__ import annotations

import json
import os
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterator, Mapping

import attrs

from expert.consultation import Decision, Outcome, consult, node_id
from expert.conversion import profile_to_dict, to_profile
from expert.questions import WhatIf, WhyNot, changed_profile, differences, why_not
from expert.engine import EnginePool, default_pool
from explain.graph import build_graph, explanation_of, node_link_data
from explain.why import Why, why
from explain.render import Diagram
from explain.trace import Trace
from knowledge_base import SINGLE_ANSWER_KINDS
from knowledge_base.profile import Profile
from knowledge_base.rule import Rule
from knowledge_base.sources import Source

if TYPE_CHECKING:
    import networkx as nx


@attrs.frozen(eq=False)
class Recommendation:
    """One piece of advice: its value, how strongly it is meant, the rule and sources behind it."""

    kind: str
    value: Any
    strength: str
    summary: str
    rule: str
    title: str
    sources: tuple[Source, ...]
    node: str
    """The recommendation's node in the explanation graph."""

    @classmethod
    def from_decision(cls, decision: Decision) -> "Recommendation":
        fact, rule = decision.fact, decision.rule
        return cls(fact.kind, fact.value, rule.strength, fact.summary, rule.id, rule.title,
                   rule.sources, node_id(fact))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "value": self.value, "strength": self.strength,
            "summary": self.summary, "rule": self.rule, "node": self.node,
            "sources": [{"doc": s.doc, "section": s.section} for s in self.sources],
        }

    def describe_value(self) -> str:
        return describe_value(self.kind, self.value)

    def __str__(self) -> str:
        return f"{self.kind}: {self.describe_value()} [{self.strength}] — {self.summary}"


UNCOUNTED = {"all_realistic": "every realistic {} program", "a_few": "a few {} programs"}
"""How the parts of an application count that the documents give no number for are sized."""


def describe_value(kind: str, value: Any) -> str:
    """A recommendation's value in a few words."""
    if kind == "apply_count":
        text = f"{value['min']}–{value['max']} programs"
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
    if isinstance(value, dict) and "action" in value:
        return value["action"].replace("_", " ") + _spans(value)
    return str(value)


def _spans(value: dict[str, Any]) -> str:
    """The value's numeric ranges, from its ``min_x``/``max_x`` pairs: " (2–4 months)"."""
    spans = [f"{value[key]}–{value['max_' + key[4:]]} {key[4:].replace('_', ' ')}"
             for key in value
             if key.startswith("min_") and isinstance(value[key], int)
             and isinstance(value.get("max_" + key[4:]), int)]
    return f" ({'; '.join(spans)})" if spans else ""


class Advice:
    """The advice for one profile: recommendations to read, a graph to question and draw."""

    def __init__(self, profile: Profile, outcome: Outcome, pool: EnginePool) -> None:
        self.profile = profile
        self.recommendations = tuple(map(Recommendation.from_decision, outcome.decisions))
        self.outcome = outcome
        self.conflicts = outcome.conflicts
        self.memory = outcome.memory
        self.pool = pool

    def __getitem__(self, kind: str) -> Recommendation:
        found = self.all(kind)
        if not found:
            raise KeyError(f"no {kind!r} recommendation; this advice has: {', '.join(self.kinds)}")
        if len(found) > 1:
            raise KeyError(f"{len(found)} {kind!r} recommendations; use advice.all({kind!r})")
        return found[0]

    def all(self, kind: str) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if r.kind == kind)

    def __contains__(self, kind: object) -> bool:
        return any(r.kind == kind for r in self.recommendations)

    def __iter__(self) -> Iterator[Recommendation]:
        return iter(self.recommendations)

    def __len__(self) -> int:
        return len(self.recommendations)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules this advice was given by."""
        return self.pool.rules

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.kind for r in self.recommendations))

    @property
    def trace(self) -> Trace:
        """What happened in the consultation, as provenance data (built on first use)."""
        return self.outcome.trace

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The full explanation graph (built on first use)."""
        return build_graph(self.trace)

    def explanation(self, kind: str) -> nx.DiGraph:
        """The subgraph that explains every recommendation of ``kind``."""
        import networkx as nx  # not at the top: advice read as text needs no graph

        nodes = [r.node for r in self.all(kind)] or [self[kind].node]
        return nx.compose_all([explanation_of(self.graph, node) for node in nodes])

    def diagram(self, kind: str | None = None) -> Diagram:
        """A drawing of the whole graph, or of what explains one kind of recommendation."""
        if kind is None:
            return Diagram(self.graph, f"Advice for an applicant to {self.profile.specialty}")
        return Diagram(self.explanation(kind), f"Why {kind}: {self._values(kind)}")

    def why(self, kind: str) -> Why:
        """The chain of rules from the profile to the recommendation of ``kind``."""
        recommendation = self[kind]
        return why(self.graph, recommendation.node, f"{kind} = {recommendation.describe_value()}")

    def why_not(self, kind: str, value: str | None = None) -> WhyNot:
        """Why the advice does not say ``kind`` (``"step3=take"``, or ``("step3", "take")``):
        the rules that could have said it, and the premises that did not hold."""
        return why_not(self, kind, value)

    def what_if(self, changes: Mapping[str, Any] | None = None, **more: Any) -> WhatIf:
        """Advise the changed profile and compare: ``what_if(step2ck=232)``,
        ``what_if({"step2ck.score": 232, "visa": "h1b"})``."""
        asked = {**(changes or {}), **more}
        data = changed_profile(profile_to_dict(self.profile), asked)
        after = advise(data, pool=self.pool)
        return WhatIf(asked, self, after, differences(self, after))

    def _values(self, kind: str) -> str:
        return "; ".join(r.describe_value() for r in self.all(kind))

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape: recommendations, and the explanation as node-link data."""
        return {
            "recommendations": [r.to_dict() for r in self.recommendations],
            "explanation": node_link_data(self.trace),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, sort_keys=True, ensure_ascii=False)

    def __str__(self) -> str:
        lines = [f"Advice for an applicant to {self.profile.specialty} "
                 f"({self.profile.citizenship}, visa {self.profile.visa}):"]
        for r in self.recommendations:
            lines.append(f"\n{r.kind}: {r.describe_value()}  [{r.strength}]")
            lines.append(f"  {r.summary}")
            lines.append(f"  rule {r.rule}: {r.title}")
            lines.extend(f"  source {s}" for s in r.sources)
        return "\n".join(lines)

    def __repr__(self) -> str:
        width = max((len(k) for k in self.kinds), default=0)
        rows = [f"  {r.kind:<{width}}  {r.describe_value()}  [{r.strength}]  ({r.rule})"
                for r in self.recommendations]
        head = f"<Advice for an applicant to {self.profile.specialty}, {len(self)} recommendations"
        return "\n".join([head + ":", *rows]) + ">"


def advise(
    profile: Profile | Mapping[str, Any] | str | os.PathLike[str],
    *,
    pool: EnginePool | None = None,
) -> Advice:
    """Advise one applicant.

    ``profile`` is a ``Profile``, a mapping of its fields, or the path of a JSON or TOML file.
    Raises ``ProfileError`` (listing every problem) when the profile is not valid. The result
    depends only on the profile: no clock, no state kept between calls.
    """
    valid = to_profile(profile)
    pool = pool or default_pool()
    return Advice(valid, consult(valid, pool), pool)


__all__ = ["Advice", "Recommendation", "SINGLE_ANSWER_KINDS", "advise"]
