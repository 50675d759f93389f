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

import json
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
    unknown_name: bool = attrs.field(default=False, kw_only=True)
    """The path ends in a name (a field, a column) that has no place there, whatever its value:
    ``allowed`` then says so in a sentence of its own, with the names that do (and the closest
    one, when one is close). Not in ``to_dict()``: the words say it."""

    def __str__(self) -> str:
        """The problem in words for the person who wrote the input: where, what was given and
        what to write instead::

            step2ck.score: 900 is not allowed here; it must be a whole number from 1 to 300
            step1: missing; it must be an object with the fields result, attempts
            vissa: there is no field of this name here; did you mean "visa"? The fields ...
            the profile "p.yaml" cannot be used; it must be a file name ending in .json or .toml

        ``allowed`` is therefore written to follow "it must be".
        """
        if not self.path:  # the input as a whole: its text, its file, what it parsed to
            return f"the profile {_show(self.value)} cannot be used; it must be {self.allowed}"
        if self.unknown_name:
            return f"{self.path}: {self.allowed}"
        if self.value is MISSING:
            return f"{self.path}: missing; it must be {self.allowed}"
        return f"{self.path}: {_show(self.value)} is not allowed here; it must be {self.allowed}"

    def to_dict(self) -> dict[str, Any]:
        value = None if self.value is MISSING else self.value
        return {"path": _text(self.path), "value": _jsonable(value),
                "missing": self.value is MISSING, "allowed": self.allowed}


_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxstring, _BRIEF.maxother = 3, 80, 80


def _show(value: Any) -> str:
    """A value as it was given, written as in JSON and TOML (``"pmr"``, ``true``, ``null``)
    where it can be, long ones elided in the middle (a file name stays visible)."""
    try:
        text = _as_written(value)
    except RecursionError:  # nested deeper than repr goes: show the outer levels only
        text = _BRIEF.repr(value)
    return text if len(text) <= 80 else f"{text[:40]}...{text[-37:]}"


def _as_written(value: Any) -> str:
    """JSON where it shows the value plainly; else Python's notation: text with a double quote in
    it (an excerpt of JSON) in single quotes, rather than escaped; a control character as
    ``\\x1b``, as the command line shows one anywhere."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # not JSON data (a set, NaN, a Python object)
        return repr(value)
    quoted = isinstance(value, str) and '"' in value
    return text if "\\" not in text and text.isprintable() and not quoted else repr(value)


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
