"""The provenance model: what happened during one consultation, as plain data.

A ``Trace`` holds the facts of working memory, every rule firing (which facts it matched and
which it asserted) and the supersessions made when several rules proposed an answer of a
single-answer kind. It knows nothing of the domain: rules and citations are read through the
small protocols below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

__all__ = ["EDGE_TYPES", "FACT_NODE_TYPES", "NODE_TYPES", "Citation", "FactRecord", "Firing",
           "RuleInfo", "Supersession", "Trace"]

NODE_TYPES = ("input", "finding", "rule", "recommendation", "step", "source")
FACT_NODE_TYPES = ("input", "finding", "recommendation", "step")
"""The node types of facts (the others are rules and their sources)."""
EDGE_TYPES = ("premise", "conclusion", "citation", "superseded")


class Citation(Protocol):
    @property
    def doc(self) -> str: ...
    @property
    def section(self) -> str: ...


class RuleInfo(Protocol):
    """What a trace needs to know of a rule."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def strength(self) -> str: ...
    @property
    def sources(self) -> Sequence[Citation]: ...


@attrs.frozen(cache_hash=True)
class FactRecord:
    """A fact of working memory: ``type`` is input, finding, recommendation or step.

    Records may be shared between traces (and graphs keep what they make of them), so ``data``
    is never changed once the record is made."""

    id: str
    type: str = attrs.field(validator=attrs.validators.in_(FACT_NODE_TYPES))
    label: str
    data: Mapping[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(cache_hash=True)
class Firing:
    """One rule firing: the facts it matched (premises) and the facts it asserted."""

    rule: RuleInfo
    premises: tuple[str, ...]
    conclusions: tuple[str, ...]


@attrs.frozen
class Supersession:
    """A proposal that lost to a more specific one, and why."""

    superseded: str
    winner: str
    reason: str


@attrs.frozen
class Trace:
    facts: tuple[FactRecord, ...]
    firings: tuple[Firing, ...]
    supersessions: tuple[Supersession, ...] = ()
