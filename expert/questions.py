"""Questions about a piece of advice: why not (some other answer), and what if (the profile
changed). ``why`` itself is generic and lives in ``explain.why``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Iterator

import attrs

from explain.graph import explanation_of, rule_node
from explain.render import Diagram
from knowledge_base import SINGLE_ANSWER_KINDS
from knowledge_base.facts import Input, Recommendation as RecommendationFact
from knowledge_base.rule import Rule

if TYPE_CHECKING:
    from expert.advice import Advice, Recommendation


# --- why not --------------------------------------------------------------------------------

@attrs.frozen
class Candidate:
    """A rule that could have given the answer asked about, and what stood in its way."""

    rule: str
    title: str
    strength: str
    sources: tuple[str, ...]
    fired: bool
    unmet: tuple[str, ...]
    """The premises that did not hold, in words with the profile's values."""
    note: str = ""

    @classmethod
    def of(cls, rule: Rule, fired: bool, unmet: tuple[str, ...], note: str = "") -> Candidate:
        return cls(rule.id, rule.title, rule.strength, tuple(str(s) for s in rule.sources),
                   fired, unmet, note)

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class WhyNot:
    question: str
    answer: str
    candidates: tuple[Candidate, ...]

    def __str__(self) -> str:
        lines = [f"Why not {self.question}? {self.answer}"]
        if self.candidates:
            lines.append("Rules that could have given it:")
        for c in self.candidates:
            lines.append(f"- {c.title} [{c.strength}] ({c.rule})")
            lines.extend(f"    not met: {reason}" for reason in c.unmet)
            if c.note:
                lines.append(f"    {c.note}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "answer": self.answer,
                "candidates": [c.to_dict() for c in self.candidates]}


def matches_answer(value: Any, asked: str) -> bool:
    """Whether a recommendation value is the answer named ``asked``: a plain value
    (``take``), ``true``/``false`` for a yes-no advice, or an ``action``."""
    if isinstance(value, dict):
        if "recommended" in value:
            return str(value["recommended"]).lower() == asked.lower()
        return value.get("action") == asked
    return str(value) == asked


def _wanted(value: Any, asked: str | None, current: list[Any]) -> bool:
    """Whether a rule's proposed ``value`` is the answer asked about."""
    if asked is None:
        if isinstance(value, dict) and "recommended" in value:
            return value["recommended"] is True
        return value not in current
    return matches_answer(value, asked)


def why_not(advice: Advice, kind: str, value: str | None = None) -> WhyNot:
    """Why the advice does not say ``kind`` (or ``kind`` = ``value``)."""
    if value is None and "=" in kind:
        kind, value = (part.strip() for part in kind.split("=", 1))
    current = [r.value for r in advice.all(kind)]
    question = f"{kind} = {value}" if value is not None else kind
    fired = {firing.rule.id for firing in advice.trace.firings}
    superseded = {s.superseded: s.reason for s in advice.trace.supersessions}
    candidates = []
    for rule in sorted(advice.rules, key=attrgetter("precedence")):
        proposals = [c for c in rule.conclusions
                     if isinstance(c, RecommendationFact) and c.kind == kind]
        if not any(_wanted(p.value, value, current) for p in proposals):
            continue
        candidates.append(Candidate.of(rule, rule.id in fired,
                                       tuple(_unmet(advice, rule, deeper=True)),
                                       _fired_note(advice, rule, kind, superseded)))
    return WhyNot(question, _answer(advice, kind, candidates), tuple(candidates))


def _unmet(advice: Advice, rule: Rule, deeper: bool) -> Iterator[str]:
    """The premises of ``rule`` that do not hold; for a missing finding, also what the nearest
    rules producing it lack (those missing the fewest premises)."""
    for premise in rule.premises:
        reason = premise.unmet(advice.memory)
        if reason is None:
            continue
        if deeper and not premise.negated and premise.fact_type is not Input:
            producers = [(r.id, tuple(_unmet(advice, r, deeper=False)))
                         for r in advice.rules if r.may_conclude(premise)]
            fewest = min((len(lacks) for _, lacks in producers), default=0)
            reason += "".join(f"; {rule_id} would give it, but {' and '.join(lacks)}"
                              for rule_id, lacks in producers if len(lacks) == fewest and lacks)
        yield reason


def _fired_note(advice: Advice, rule: Rule, kind: str, superseded: dict[str, str]) -> str:
    mine = [r for r in advice.all(kind) if r.rule == rule.id]
    if mine:
        return f"it fired, and its advice stands: {mine[0].describe_value()}"
    for node, reason in superseded.items():
        if advice.graph.has_edge(rule_node(rule.id), node):
            return f"it fired, but was superseded: {reason}"
    return ""


def _answer(advice: Advice, kind: str, candidates: list[Candidate]) -> str:
    given = advice.all(kind)
    if given:
        head = f"The advice is {'; '.join(r.describe_value() for r in given)}."
    else:
        head = f"There is no {kind} advice for this profile."
    if not candidates:
        return head + " No rule gives that answer."
    return head


# --- what if --------------------------------------------------------------------------------

EXAM_SHORTHAND = {
    "step1": lambda score: {"result": score},
    "step2ck": lambda score: {"status": "taken", "score": score},
    "step3": lambda score: {"status": "passed", "score": score},
}
"""``what_if(step2ck=232)``: a bare number for an exam is its (new) score."""


def changed_profile(profile: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the profile data with the changes applied; keys may be dotted paths."""
    data = _copy(profile)
    for path, value in changes.items():
        if path in EXAM_SHORTHAND and isinstance(value, int) and not isinstance(value, bool):
            data[path] = EXAM_SHORTHAND[path](value)
            continue
        *parents, leaf = path.split(".")
        target = data
        for name in parents:
            target = target.setdefault(name, {})
        target[leaf] = value
    return data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    return value


@attrs.frozen
class Change:
    kind: str
    before: str | None
    after: str | None
    rule: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _key(r: Recommendation) -> tuple[str, str]:
    if r.kind in SINGLE_ANSWER_KINDS:
        return (r.kind, "")
    if isinstance(r.value, dict):
        return (r.kind, str(r.value.get("action", r.value.get("exam", ""))))
    return (r.kind, str(r.value))


def differences(before: Advice, after: Advice) -> tuple[Change, ...]:
    old = {_key(r): r for r in before}
    new = {_key(r): r for r in after}
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and a.value == b.value:
            continue
        changes.append(Change(
            key[0],
            a.describe_value() if a else None,
            b.describe_value() if b else None,
            b.rule if b else a.rule,
            b.summary if b else f"no longer given ({a.rule} no longer applies)",
        ))
    return tuple(changes)


@attrs.frozen(eq=False)
class WhatIf:
    changes_asked: dict[str, Any]
    before: Advice
    after: Advice
    changes: tuple[Change, ...]

    def __str__(self) -> str:
        asked = ", ".join(f"{k} = {v!r}" for k, v in self.changes_asked.items())
        if not self.changes:
            return f"What if {asked}? The advice would not change."
        lines = [f"What if {asked}? {len(self.changes)} change(s):"]
        for c in self.changes:
            lines.append(f"- {c.kind}: {c.before or '(none)'} -> {c.after or '(none)'}")
            lines.append(f"    {c.why} ({c.rule})")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"changes_asked": self.changes_asked,
                "changes": [c.to_dict() for c in self.changes]}

    def diagram(self) -> Diagram:
        """What explains the new answers, in the changed profile's advice."""
        import networkx as nx  # not at the top: answers read as text need no graph

        old = {(_key(r), json.dumps(r.value, sort_keys=True)) for r in self.before}
        new = [r for r in self.after
               if (_key(r), json.dumps(r.value, sort_keys=True)) not in old]
        if not new:
            raise ValueError("the advice would not change in a way that gives a new answer: "
                             "there is nothing new to draw")
        asked = ", ".join(f"{k} = {v!r}" for k, v in self.changes_asked.items())
        kinds = ", ".join(dict.fromkeys(r.kind for r in new))
        return Diagram(nx.compose_all([explanation_of(self.after.graph, r.node) for r in new]),
                       f"What if {asked}: the new {kinds}")
