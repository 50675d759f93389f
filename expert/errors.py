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

Each ``Problem`` carries a ``code`` from ``ERROR_CODES`` (what kind of problem it is, for a
program), and, where the input has them, the allowed values as data: ``choices`` and
``range``. An ``InputError`` keeps at most ``MAX_PROBLEMS`` problems and counts the rest.
"""

from __future__ import annotations

import itertools
import json
import math
import reprlib
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["ERROR_CODES", "MAX_PROBLEMS", "MISSING", "AdvisorError", "InputError",
           "KnowledgeBaseError", "Problem", "ProfileError", "ProgramListError", "UsageError",
           "WorkerDied"]

MISSING = object()
"""The value of a problem whose field was not given at all."""


ERROR_CODES: dict[str, str] = {
    "unknown_field": "a name (a field, a column, a key) that has no place here, whatever its "
                     "value; choices lists the names there are",
    "missing": "a value that must be given is not",
    "wrong_type": "a value of the wrong kind: text for a number, a fraction for a whole "
                  "number, a list for an object",
    "out_of_range": "a number outside the range it must lie in (range gives the bounds)",
    "not_one_of": "a word that is not one of the choices (choices lists them)",
    "inconsistent": "a value that contradicts another one: a visa for a US citizen, a score "
                    "for an exam not taken",
    "not_unique": "a value given twice where each must be unique: a program's name or rank, "
                  "a column",
    "too_long": "text, a file, a line or a number longer than its limit",
    "too_many": "a list with more items than its limit",
    "too_deep": "JSON or TOML nested deeper than its limit",
    "bad_syntax": "text that is not valid JSON, TOML or CSV, or a path or change written "
                  "otherwise than the syntax asks",
    "duplicate_key": "a key written twice in one JSON object, where the last would silently "
                     "win",
    "bad_encoding": "bytes that are not UTF-8 text, or an escape that is not a character",
    "bad_path": "a what-if path that leads to no place in the profile: past the end of a "
                "list, or into a single value",
    "bad_file": "a file that cannot be read, or a file name that does not say its format",
}
"""Every kind of problem an input can have, each with what it means: the ``code`` of a
``Problem``, fixed, for programs to act on (the words, ``allowed``, are for people and may be
reworded). A code is never reused for another meaning."""

MAX_PROBLEMS = 100
"""The most problems an ``InputError`` keeps and reports; the rest are counted
(``more_problems``). A list of a thousand bad rows needs its first problems fixed, not a
thousand lines of the same words."""


def _as_tuple(values: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if values is None else tuple(values)


@attrs.frozen
class Problem:
    """One thing wrong with an input: where (a path like ``usce[0].months``), what, what fits
    (in words), what kind of problem it is (``code``, one of ``ERROR_CODES``) and, where the
    input has them, the allowed values as data (``choices``, ``range``)."""

    path: str
    value: Any
    allowed: str
    code: str = attrs.field(kw_only=True, validator=attrs.validators.in_(ERROR_CODES))
    choices: tuple[Any, ...] | None = attrs.field(default=None, kw_only=True,
                                                  converter=_as_tuple)
    """The values allowed here, where there is a list of them (a field's choices; for an
    unknown field, the names there are)."""
    range: tuple[float, ...] | None = attrs.field(default=None, kw_only=True,
                                                  converter=_as_tuple)
    """The lowest and highest number allowed here, where a number is."""

    @property
    def unknown_name(self) -> bool:
        """The path ends in a name (a field, a column) that has no place there, whatever its
        value: ``allowed`` then says so in a sentence of its own, with the names that do (and
        the closest one, when one is close)."""
        return self.code == "unknown_field"

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
        """``path``, ``value``, ``missing``, ``allowed`` and ``code``; ``choices`` and ``range``
        where there are."""
        value = None if self.value is MISSING else self.value
        data = {"path": _text(self.path), "value": _jsonable(value),
                "missing": self.value is MISSING, "allowed": self.allowed, "code": self.code}
        if self.choices is not None:
            data["choices"] = [_jsonable(choice) for choice in self.choices]
        if self.range is not None:
            data["range"] = list(self.range)
        return data


_BRIEF = reprlib.Repr()
_BRIEF.maxlevel, _BRIEF.maxstring, _BRIEF.maxother = 3, 80, 80


def _show(value: Any) -> str:
    """A value as it was given, written as in JSON and TOML (``"pmr"``, ``true``, ``null``)
    where it can be, long ones elided in the middle (a file name stays visible)."""
    if isinstance(value, int) and not isinstance(value, bool) and value not in _SHOWN_WHOLE:
        return f"{'-' if value < 0 else ''}a number of {_digits(value):,} digits"
    try:
        text = _as_written(value)
    except RecursionError:  # nested deeper than repr goes: show the outer levels only
        text = _BRIEF.repr(value)
    except Exception:  # a Python object whose repr fails: show what it is
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= 80 else f"{text[:40]}...{text[-37:]}"


_SHOWN_WHOLE = range(-10**80 + 1, 10**80)
"""Integers shown with their digits; a longer one is shown by its number of digits (Python
will not write an integer of more than 4,300 digits as text, and nobody reads 80)."""


def _digits(value: int) -> int:
    """The number of decimal digits of an integer, without writing it out."""
    value = abs(value)
    estimate = int(value.bit_length() * math.log10(2))
    return estimate + (value >= int(10**estimate))


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
    """An input is not valid; ``problems`` lists the problems found (the first
    ``MAX_PROBLEMS``; ``more_problems`` counts the rest)."""

    subject = "input"
    """What was invalid, for the message."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = iter(problems)
        self.problems = tuple(itertools.islice(found, MAX_PROBLEMS))
        """The problems found, in order: at most ``MAX_PROBLEMS``."""
        self.more_problems = sum(1 for _ in found)
        """How many more there are, not kept."""
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        count = len(self.problems) + self.more_problems
        if self.more_problems:
            super().__init__(f"invalid {self.subject} ({count:,} problem(s), the first "
                             f"{len(self.problems)} shown):\n{lines}\n  - ... and "
                             f"{self.more_problems:,} more")
        else:
            super().__init__(f"invalid {self.subject} ({count} problem(s)):\n{lines}")


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
