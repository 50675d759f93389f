"""Every error the advisor raises, under one base class, and the problems that bad input has.

::

    AdvisorError
    ├── InputError (ValueError)         bad input; ``problems`` names each field, value, what fits
    │   ├── ProfileError                 an applicant profile
    │   └── ProgramListError             a program list
    ├── KnowledgeBaseError (ValueError)  the rules cannot be run as written
    ├── WorkerDied (RuntimeError)        a worker process ended without finishing its work
    └── UsageError                       a command line that cannot be carried out as given

A drawing that needs the Graphviz ``dot`` program raises ``explain.render.GraphvizNotFound``
(a ``RuntimeError``): ``explain`` stands alone and imports nothing of ``expert``; ``expert``
exports it beside these.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["MISSING", "AdvisorError", "InputError", "KnowledgeBaseError", "Problem",
           "ProfileError", "ProgramListError", "UsageError", "WorkerDied"]

MISSING = object()
"""The value of a problem whose field was not given at all."""


@attrs.frozen
class Problem:
    """One thing wrong with an input: where (a path like ``usce[0].months``), what, and what
    fits."""

    path: str
    value: Any
    allowed: str

    def __str__(self) -> str:
        where = self.path or "(the profile)"
        if self.value is MISSING:
            return f"{where}: missing; expected {self.allowed}"
        return f"{where}: {_show(self.value)} is not allowed; expected {self.allowed}"

    def to_dict(self) -> dict[str, Any]:
        value = None if self.value is MISSING else self.value
        return {"path": _text(self.path), "value": _jsonable(value),
                "missing": self.value is MISSING, "allowed": self.allowed}


_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxstring, _BRIEF.maxother = 3, 80, 80


def _show(value: Any) -> str:
    """A value as it was given, long ones elided in the middle (a file name stays visible)."""
    try:
        text = repr(value)
    except RecursionError:  # nested deeper than repr goes: show the outer levels only
        text = _BRIEF.repr(value)
    return text if len(text) <= 80 else f"{text[:40]}...{text[-37:]}"


JSON_INTEGERS = range(-2**63, 2**64)
"""Integers that JSON readers (and our JSON writer) take as numbers; others are shown as text."""


def _jsonable(value: Any) -> Any:
    """The value as JSON data: itself when JSON can hold it exactly, else as it was given."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int) and value in JSON_INTEGERS:
        return value
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        return value
    if isinstance(value, str):
        return _text(value)
    return _show(value)


def _text(text: str) -> str:
    """The text as UTF-8 can hold it: half a surrogate pair (from a Python caller; JSON input
    with one is refused when read) is written as its escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class AdvisorError(Exception):
    """The base of every error the advisor raises (``except expert.AdvisorError``)."""


class InputError(AdvisorError, ValueError):
    """An input is not valid; ``problems`` lists every problem found."""

    subject = "input"
    """What was invalid, for the message."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"invalid {self.subject} ({len(self.problems)} problem(s)):\n{lines}")


class ProfileError(InputError):
    """The profile is not valid; each problem names the field path."""

    subject = "profile"


class ProgramListError(InputError):
    """The program list is not valid; each problem names the row (or entry) and column."""

    subject = "program list"


class KnowledgeBaseError(AdvisorError, ValueError):
    """The rule base cannot be run as written (a defect for knowledge-base authors)."""


class WorkerDied(AdvisorError, RuntimeError):
    """A worker process ended without finishing its work (killed, or out of memory)."""


class UsageError(AdvisorError):
    """A command line that cannot be carried out as given (exit code 2)."""


class Rejected(ValueError):
    """A value of the wrong kind, raised inside the readers and turned into a ``Problem`` by
    them, with the words for what is allowed (never escapes the readers)."""
