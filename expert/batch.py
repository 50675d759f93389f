"""Advising a cohort: many profiles, answered in input order, streamed, on one or more processes.

Each profile gets one result: its advice as JSON data (exactly ``advise(profile).to_dict()``) or
the problems that make it invalid; one bad profile never stops the others. Profiles are read
and results handed on as the work goes, so memory stays flat however large the cohort. With
``jobs`` above 1 the profiles are advised in chunks in worker processes (``expert.workers``),
each of which builds the engine once.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import closing
from functools import partial
from itertools import islice
from typing import Any, TypeVar

import attrs
import orjson

from expert.advice import advise
from expert.engine.recording import default_pool
from expert.errors import Problem, ProfileError
from expert.inputs.advice_schema import CARRIES
from expert.inputs.contract import error_document
from expert.inputs.profiles import MAX_PROFILE_CHARS, profile_from_line
from expert.workers import Workers
from knowledge_base.profile import Profile

__all__ = ["DEFAULT_CARRY", "MAX_JOBS", "MAX_LINE_BYTES", "Line", "LineBlock", "Result",
           "advise_many", "answer_blocks", "answer_lines", "numbered_lines"]

CHUNK_SIZE = 16
"""Profiles sent to a worker at a time: enough to make the cost of sending small."""
MAX_JOBS = 64
"""The most worker processes a batch is advised in. Each builds its own engine; past a few
per CPU they only wait on the one process that reads the input and writes the results in
order, and a slip such as ``--jobs 1000`` would start a thousand processes."""
MAX_LINE_BYTES = 4 * MAX_PROFILE_CHARS
"""The longest line of a JSON Lines file read, in bytes: the most a profile of
``MAX_PROFILE_CHARS`` characters takes in UTF-8 (a line that long but of more characters is
answered as too long, like any profile). A file is read no further than this per line, so a
file with no line breaks (``/dev/zero``) costs no memory; a longer line stops the batch with
a ``ProfileError`` naming it: such a file is not one profile a line."""
DEFAULT_CARRY = "plan"
"""What a batch line's advice holds unless asked: the recommendations and the plan (a few
kilobytes); the explanation graph (about 80 KB a profile) only when asked for."""

Item = TypeVar("Item")
Answer = TypeVar("Answer")

@attrs.frozen
class Result:
    """The outcome for one profile of a batch: ``advice``, or for an invalid one ``problems``."""

    line: int
    """Which input this answers: the line number in a JSON Lines file, else the position
    counted from 1."""
    advice: dict[str, Any] | None = None
    """``Advice.to_dict()`` of the profile; None when it was not valid."""
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.advice is not None

    def to_dict(self) -> dict[str, Any]:
        if self.advice is not None:
            return _advised(self.line, self.advice)
        return {"line": self.line, **error_document("profile", self.problems)}

    def to_json(self) -> str:
        """One line of JSON (no line break)."""
        return self.to_json_bytes().decode("utf-8")

    def to_json_bytes(self) -> bytes:
        """One line of JSON as UTF-8, compact, keys in the order of ``to_dict()``.

        It is what ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` writes (a
        number in exponent form may be spelled differently: ``1e-7`` for ``1e-07``), in a tenth
        of the time: an advice is about 80 KB of JSON, which the standard library takes 1–2 ms
        to write, a quarter of a batch's work per profile."""
        return orjson.dumps(self.to_dict())


@attrs.frozen
class Line:
    """The answer to one line of a JSON Lines file, ready to write out."""

    number: int
    ok: bool
    json: bytes
    """The result as one line of JSON, UTF-8 (see ``Result.to_json_bytes``)."""


@attrs.frozen
class LineBlock:
    """The answers to consecutive lines of a JSON Lines file, as one piece of output.

    A batch worker sends back a block for each chunk of profiles, so that the process writing
    the output has one piece of bytes to write per chunk, not one per profile.
    """

    numbers: tuple[int, ...]
    """The line numbers answered, in order."""
    invalid: tuple[int, ...]
    """Those of them that were not valid profiles."""
    json: bytes
    """The answers as JSON Lines, UTF-8: each ``Line.json`` followed by a line break."""

    def __iter__(self) -> Iterator[Line]:
        invalid = set(self.invalid)
        for number, json in zip(self.numbers, self.json.split(b"\n")):
            yield Line(number, number not in invalid, json)


def _result(line: int, profile: Profile | Mapping[str, Any], carry: str) -> Result:
    try:
        return Result(line, advice=advise(profile).to_dict(carry))
    except ProfileError as error:
        return Result(line, problems=error.problems)


def _advised(line: int, advice: Any) -> dict[str, Any]:
    return {"line": line, "advice": advice}


def _answer_line(item: tuple[int, bytes], carry: str) -> Line:
    number, raw = item
    try:
        advice = advise(profile_from_line(raw))
    except ProfileError as error:
        return Line(number, False, Result(number, problems=error.problems).to_json_bytes())
    # The bytes of Result(number, advice.to_dict(carry)).to_json_bytes(), without the dict.
    advised = _advised(number, orjson.Fragment(advice.to_json_bytes(carry)))
    return Line(number, True, orjson.dumps(advised))


def _answer_block(items: list[tuple[int, bytes]], carry: str = DEFAULT_CARRY) -> LineBlock:
    lines = [_answer_line(item, carry) for item in items]
    return LineBlock(numbers=tuple(line.number for line in lines),
                     invalid=tuple(line.number for line in lines if not line.ok),
                     json=b"".join(part for line in lines for part in (line.json, b"\n")))


def _advise_chunk(items: list[tuple[int, Profile | Mapping[str, Any]]],
                  carry: str = DEFAULT_CARRY) -> list[Result]:
    return [_result(*item, carry) for item in items]


def advise_many(profiles: Iterable[Profile | Mapping[str, Any]], jobs: int = 1,
                carry: str = DEFAULT_CARRY) -> Iterator[Result]:
    """Advise each profile; results come in the order of ``profiles``, as they are ready.

    ``profiles`` is read lazily (a generator over a huge file is fine). ``jobs`` is the number
    of processes; 1 advises in this process. ``carry`` is what each advice holds, as in
    ``answer_lines``.
    """
    _check_carry(carry)
    return _each(_in_order(partial(_advise_chunk, carry=carry), enumerate(profiles, start=1),
                           jobs))


def _check_carry(carry: str) -> None:
    if carry not in CARRIES:
        raise ValueError(f"carry={carry!r}: one of {', '.join(CARRIES)}")


def answer_lines(lines: Iterable[bytes], jobs: int = 1,
                 carry: str = DEFAULT_CARRY) -> Iterator[Line]:
    """Answer each non-blank line of a JSON Lines stream of profiles, in order.

    Lines are decoded, parsed and advised in the workers; a line that is not UTF-8, not JSON or
    not a valid profile is answered with its problems. ``carry`` says what each advice holds
    (``expert.inputs.advice_schema.CARRIES``): by default the recommendations and the plan,
    without the explanation graph, which is most of an advice's size.
    """
    return _each(answer_blocks(lines, jobs, carry))


def answer_blocks(lines: Iterable[bytes], jobs: int = 1,
                  carry: str = DEFAULT_CARRY) -> Generator[LineBlock, None, None]:
    """``answer_lines`` a block at a time: for writing the answers out as they come, in bulk.

    With ``jobs`` above 1 a block holds the answers to up to ``CHUNK_SIZE`` lines, else to one.
    """
    _check_carry(carry)
    numbered = ((number, raw) for number, raw in numbered_lines(lines) if raw.strip())
    return _in_order(partial(_answer_block, carry=carry), numbered, jobs)


def numbered_lines(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """The lines with their numbers from 1. From a file (anything with ``readline``) each line
    is read no further than ``MAX_LINE_BYTES`` (and its line break), and a longer one raises
    ``ProfileError``; lines already in memory are answered as they are (one too long for a
    profile is answered as such)."""
    readline = getattr(lines, "readline", None)
    if readline is None:
        yield from enumerate(lines, start=1)
        return
    limit = MAX_LINE_BYTES + 2  # the longest line, its line break (\r\n), one byte to tell
    for number, raw in enumerate(iter(lambda: readline(limit), b""), start=1):
        if len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES or \
                (len(raw) >= limit and not raw.endswith(b"\n")):
            excerpt = raw[:37].decode("utf-8", "replace") + "..."
            raise ProfileError([Problem(f"line {number}", excerpt,
                                        f"a line of at most {MAX_LINE_BYTES:,} bytes, one "
                                        f"profile a line (is this a JSON Lines file?)",
                                        code="too_long")])
        yield number, raw


def _each(blocks: Generator[Iterable[Answer], None, None]) -> Generator[Answer, None, None]:
    """The answers of each block in turn; closing it closes ``blocks`` (stopping any workers)."""
    with closing(blocks):
        for block in blocks:
            yield from block


def _in_order(work: Callable[[list[Item]], Answer], items: Iterable[Item],
              jobs: int) -> Generator[Answer, None, None]:
    """``work`` done on consecutive chunks of ``items``, its answers in their order."""
    if not 1 <= jobs <= MAX_JOBS:
        raise ValueError(f"jobs must be from 1 to {MAX_JOBS}, not {jobs}")
    if jobs == 1:
        return (work([item]) for item in items)
    items = iter(items)
    return _in_workers(work, iter(lambda: list(islice(items, CHUNK_SIZE)), []), jobs)


def _in_workers(work: Callable[[list[Item]], Answer], chunks: Iterable[list[Item]],
                jobs: int) -> Generator[Answer, None, None]:
    with Workers(jobs, initializer=_start_worker) as workers:
        yield from workers.map(work, chunks)


def _start_worker() -> None:
    default_pool().engine()  # built once per worker, before the first profile
