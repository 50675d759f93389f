"""The kinds of fact that live in working memory during a consultation.

Facts are frozen values. ``Input`` facts come from the profile (one per field); rules conclude
findings (``ScoreBand``, ``RiskFactor``) and ``Proposal`` facts: the advice a rule proposes,
which becomes a recommendation once the consultation resolves what stands.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar, Union

import attrs

__all__ = ["FACT_TYPES", "Fact", "Input", "Proposal", "RiskFactor", "Scalar", "ScoreBand",
           "as_written", "recommend"]

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

    def label(self) -> str:
        return f"{self.kind}: {_short(self.value)}"


def _short(value: Any) -> str:
    if isinstance(value, dict):
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


FACT_TYPES: tuple[type, ...] = (Input, ScoreBand, RiskFactor, Proposal)
Fact = Union[Input, ScoreBand, RiskFactor, Proposal]
