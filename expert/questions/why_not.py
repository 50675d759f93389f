"""Why not: the rules that could have given another answer, and what stood in their way."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any

import attrs

from expert.questions.protocol import Answer
from explain.display import ShowsAsText, counted
from explain.graph import rule_node
from knowledge_base.facts import Input, Proposal
from knowledge_base.kinds import KINDS
from knowledge_base.rule import Rule

__all__ = ["Candidate", "WhyNot", "answers_of", "check_question", "matches_answer", "why_not"]

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
class WhyNot(ShowsAsText):
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

    def __repr__(self) -> str:
        fired = sum(c.fired for c in self.candidates)
        return (f"<WhyNot {self.question!r}: {counted(len(self.candidates), 'rule')} could "
                f"give it, {fired} fired>")

    def _repr_html_(self) -> str:
        from expert.report.html_view import why_not_html  # the view reads the answer, not back

        return why_not_html(self)

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


def answers_of(rules: Sequence[Rule], kind: str) -> tuple[str, ...]:
    """The named answers rules can give of ``kind`` (``take``, ``true``, an action), in rule
    order; empty for a kind whose values are not named (a count of programs)."""
    names: dict[str, None] = {}
    for rule in rules:
        for proposal in rule.conclusions:
            if isinstance(proposal, Proposal) and proposal.kind == kind:
                value = proposal.value
                if isinstance(value, dict) and "recommended" in value:
                    names.update(dict.fromkeys(("true", "false")))
                elif isinstance(value, dict) and "action" in value:
                    names[str(value["action"])] = None
                elif isinstance(value, str):
                    names[value] = None
    return tuple(names)


def check_question(rules: Sequence[Rule], kind: str, value: str | None) -> None:
    """Refuse a question about a kind that does not exist, or an answer no rule can give
    (``ValueError`` naming what is allowed)."""
    if kind not in KINDS:
        raise ValueError(f"{kind!r}: not a kind of recommendation; the kinds are "
                         f"{', '.join(KINDS)}")
    allowed = answers_of(rules, kind)
    if value is not None and allowed and value.lower() not in map(str.lower, allowed):
        raise ValueError(f"{kind}={value!r}: no rule gives that answer; {kind} can be "
                         f"{', '.join(allowed)}")


def why_not(advice: Answer, kind: str, value: str | None = None) -> WhyNot:
    """Why the advice does not say ``kind`` (or ``kind`` = ``value``); ``ValueError`` for a
    kind that does not exist or an answer no rule gives."""
    if value is None and "=" in kind:
        kind, value = (part.strip() for part in kind.split("=", 1))
    check_question(advice.rules, kind, value)
    current = [r.value for r in advice.all(kind)]
    question = f"{kind} = {value}" if value is not None else kind
    fired = {firing.rule.id for firing in advice.trace.firings}
    superseded = {s.superseded: s.reason for s in advice.trace.supersessions}
    candidates = []
    for rule in sorted(advice.rules, key=attrgetter("precedence")):
        proposals = [c for c in rule.conclusions
                     if isinstance(c, Proposal) and c.kind == kind]
        if not any(_wanted(p.value, value, current) for p in proposals):
            continue
        candidates.append(Candidate.of(rule, rule.id in fired,
                                       tuple(_unmet(advice, rule, deeper=True)),
                                       _fired_note(advice, rule, kind, superseded)))
    return WhyNot(question, _answer(advice, kind, candidates), tuple(candidates))


def _unmet(advice: Answer, rule: Rule, deeper: bool) -> Iterator[str]:
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


def _fired_note(advice: Answer, rule: Rule, kind: str, superseded: dict[str, str]) -> str:
    mine = [r for r in advice.all(kind) if r.rule == rule.id]
    if mine:
        return f"it fired, and its advice stands: {mine[0].describe_value()}"
    for node, reason in superseded.items():
        if advice.graph.has_edge(rule_node(rule.id), node):
            return f"it fired, but was superseded: {reason}"
    return ""


def _answer(advice: Answer, kind: str, candidates: list[Candidate]) -> str:
    given = advice.all(kind)
    if given:
        head = f"The advice is {'; '.join(r.describe_value() for r in given)}."
    else:
        head = f"There is no {kind} advice for this profile."
    if not candidates:
        return head + " No rule gives that answer."
    return head
