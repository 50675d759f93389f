"""The kinds of fact that live in working memory during a consultation.

Facts are frozen values. ``Input`` facts come from the profile (one per field); rules conclude
findings (``ScoreBand``, ``Offset``, ``RiskFactor``) and ``Proposal`` facts: the advice a rule
proposes, which becomes a recommendation once the consultation resolves what stands. The plan
rules, run on the recommendations that stand, conclude ``PlanStep`` facts, the ``PlanBranch``
(the cycle the plan is for) and a ``PlanCheck``.
"""

from __future__ import annotations

import functools
import json
from typing import Any, ClassVar, Union

import attrs

__all__ = ["FACT_TYPES", "Fact", "Input", "Offset", "PlanBranch", "PlanCheck", "PlanStep",
           "Proposal", "RiskFactor", "Scalar", "ScoreBand", "as_written", "recommend"]

Scalar = Union[str, int, float, bool]


def as_written(value: Any) -> tuple[type, Any, str | None]:
    """A value together with how it is written, for comparing and keying: values Python holds
    equal but writes differently (1, 1.0 and True; 0.0 and -0.0) must stay apart, since
    advice kept for one (in the caches of a long run) must not be given for the other."""
    return type(value), value, repr(value) if type(value) is float else None


@attrs.frozen(cache_hash=True)
class Input:
    """One profile field and its value; ``field`` is a dotted path such as ``step2ck.score``."""

    node_type: ClassVar[str] = "input"
    field: str
    value: Scalar = attrs.field(eq=as_written)

    def label(self) -> str:
        return f"{self.field} = {self.value}"


@attrs.frozen(cache_hash=True)
class ScoreBand:
    """Where one numeric exam result falls on the scale that fits the applicant's specialty."""

    node_type: ClassVar[str] = "finding"
    exam: str
    band: str
    scale: str

    def label(self) -> str:
        return f"{self.exam} band: {self.band} ({self.scale} scale)"


@attrs.frozen(cache_hash=True)
class RiskFactor:
    """Something in the profile that makes matching harder; ``severity`` is high or moderate."""

    node_type: ClassVar[str] = "finding"
    name: str
    severity: str
    area: str

    def label(self) -> str:
        return f"risk: {self.name} ({self.severity})"


@attrs.frozen(cache_hash=True)
class Offset:
    """A strength in the profile that counters the risk factor ``risk`` (``by`` names the
    strength): the documents say programs may look past the risk when they see it. An offset
    grades a high risk moderate; it never removes one."""

    node_type: ClassVar[str] = "finding"
    risk: str
    by: str

    def label(self) -> str:
        return f"offset: {self.risk.replace('_', ' ')} countered by {self.by.replace('_', ' ')}"


def _canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


@attrs.frozen(cache_hash=True)
class Proposal:
    """A piece of advice of one ``kind`` that a rule proposes (the advisor reports the ones that
    stand as recommendations); the value is held as canonical JSON so it is hashable.

    ``summary`` may name profile fields in braces (``{step2ck.score}``); they are filled in when
    the advice is written out.
    """

    node_type: ClassVar[str] = "recommendation"
    kind: str
    value_json: str
    summary: str

    @property
    def value(self) -> Any:
        return json.loads(self.value_json)

    @functools.cached_property
    def action(self) -> str:
        """The advice in a word, for premises that build on it: the value's ``action``, the
        value itself when it is a word, ``yes`` or ``no`` for a recommended flag."""
        return _short(self.value)

    def label(self) -> str:
        return f"{self.kind}: {_short(self.value)}"


def _short(value: Any) -> str:
    if isinstance(value, dict):
        if "action" in value:
            return str(value["action"])
        if "min" in value and "max" in value:
            return f"{value['min']}–{value['max']}"
        if "recommended" in value:
            return "yes" if value["recommended"] else "no"
        if "band" in value:
            return f"{value['exam']} {value['band']}"
        if "verdict" in value:
            return f"{value['verdict']} ({value['sign']})"
        if "note" in value:
            return f"{value['tone']}: {value['note']}"
    return str(value)


def recommend(kind: str, value: Any, summary: str) -> Proposal:
    """Build a recommendation conclusion from a plain JSON-able value."""
    return Proposal(kind=kind, value_json=_canonical_json(value), summary=summary)


@attrs.frozen(cache_hash=True)
class PlanStep:
    """A step of the applicant's plan: a task placed in a stage of the application timeline
    (``knowledge_base.stages``). ``rank`` orders the steps of one stage as the documents order
    them, 1 first; ``load`` says whether the task takes the applicant's working time
    (``full_time``), runs beside other work (``part_time``) or is an event (``event``)."""

    node_type: ClassVar[str] = "step"
    task: str
    stage: str
    rank: int
    title: str
    load: str = "event"

    def label(self) -> str:
        return f"step: {self.title}"


@attrs.frozen(cache_hash=True)
class PlanCheck:
    """Whether the plan's time-consuming steps fit the months there are: ``fits``, ``tight``
    (only at the short end of each range) or ``does_not_fit``."""

    node_type: ClassVar[str] = "finding"
    verdict: str
    note: str

    def label(self) -> str:
        return f"plan {self.verdict.replace('_', ' ')}"


@attrs.frozen(cache_hash=True)
class PlanBranch:
    """The cycle the plan is for, where the guidance is an either/or: ``this_cycle`` or
    ``next_cycle`` (strengthen first and apply a year later, or reapply after going
    unmatched)."""

    node_type: ClassVar[str] = "finding"
    cycle: str
    note: str

    def label(self) -> str:
        return "plan for this cycle" if self.cycle == "this_cycle" else "plan for the next cycle"


FACT_TYPES: tuple[type, ...] = (Input, ScoreBand, Offset, RiskFactor, Proposal, PlanStep,
                                PlanCheck, PlanBranch)
Fact = Union[Input, ScoreBand, Offset, RiskFactor, Proposal, PlanStep, PlanCheck, PlanBranch]
