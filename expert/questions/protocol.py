"""What the questions read from an answer: a small protocol, so that they can be read and
tested without ``Advice`` (which implements it)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from explain.trace import Trace
from knowledge_base.facts import Fact
from knowledge_base.profile import Profile
from knowledge_base.rule import Rule

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Answer", "Said"]


class Said(Protocol):
    """One recommendation of an answer, as the questions read it."""

    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> Any: ...
    @property
    def rule(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def node(self) -> str: ...

    def describe_value(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...


class Answer(Protocol):
    """A consultation's answer: the profile it is for, the rules and what they did, and the
    way to the answer for a changed profile."""

    @property
    def profile(self) -> Profile: ...
    @property
    def rules(self) -> Sequence[Rule]: ...
    @property
    def memory(self) -> Sequence[Fact]:
        """The final working memory: the facts premises were judged against."""
    @property
    def trace(self) -> Trace: ...
    @property
    def graph(self) -> nx.DiGraph[str]: ...

    def all(self, kind: str) -> Sequence[Said]: ...
    def __iter__(self) -> Iterator[Said]: ...

    def reconsult(self, changes: Mapping[str, Any]) -> Answer:
        """The answer for the profile with ``changes`` (``what_if`` paths) applied."""
