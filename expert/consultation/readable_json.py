"""JSON for a person to read as well as a program (``advise --format json``, every answer's
JSON): indented by two spaces, keys sorted, non-ASCII characters as they are.

The text is what ``json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)`` writes,
byte for byte. With an indent the standard library encodes in Python, which costs more than
the consultation itself; orjson writes the same bytes in C, except where it spells or takes
data differently, and there the standard library writes it:

- a float below 1e-4 in size (orjson writes ``1e-7`` and ``0.00001``, Python ``1e-07`` and
  ``1e-05``): found in orjson's text as a digit before ``e-``, or as ``0.0000`` (a string
  holding one of these only costs the slower writing);
- what orjson refuses: keys that are not strings, integers beyond 64 bits, unpaired
  surrogates, nesting deeper than 254, and values of a type neither writes (dataclasses and
  dates are passed on to be refused, so the standard library's error is the one raised).

Two differences remain, for values no answer holds (inputs are checked to be finite numbers,
and the answers hold no enums or UUIDs): a float that is not a number or is infinite, which
the standard library writes as ``NaN`` or ``Infinity`` (not JSON) and orjson as ``null``; and
enums and UUIDs, which orjson writes and the standard library refuses.

A document can also be written from pieces written before (``readable_fragment``), each
indented for its place, so that pieces which recur from one document to the next (an advice's
recommendations and graph nodes) are written once. A piece is checked for small floats when it
is written; a caller that checks the rest of its data (``spelled_alike``) spares
``readable_json`` searching the whole text, which costs as much as writing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

__all__ = ["readable_fragment", "readable_json", "spelled_alike"]

_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
            | orjson.OPT_PASSTHROUGH_DATETIME)
_SMALL_FLOATS = (re.compile(rb"-(?<=[0-9]e-)"), re.compile(rb"0\.0000"))
"""How orjson may spell a float below 1e-4 in size (the standard library writes ``1e-05``,
``1e-07``); each pattern begins with a literal that is rare in text, which ``re`` finds
fast."""


def readable_json(data: Any, plain: Callable[[], Any] | None = None,
                  checked: bool = False) -> str:
    """``data`` as indented JSON with sorted keys, without a final newline.

    ``data`` may hold ``readable_fragment``s in place of values; ``plain`` then gives the
    same data without them, for when the standard library has to write it. ``checked``: the
    caller has made sure that outside the fragments the data holds no float that orjson
    spells differently (``spelled_alike``), so orjson's text need not be searched for one."""
    try:
        fast = orjson.dumps(data, option=_OPTIONS)
    except orjson.JSONEncodeError:
        pass
    else:
        if checked or not _small_float_in(fast):
            return fast.decode("utf-8")
    return json.dumps(data if plain is None else plain(), indent=2, sort_keys=True,
                      ensure_ascii=False)


def readable_fragment(data: Any, depth: int) -> orjson.Fragment:
    """``data`` as ``readable_json`` writes it ``depth`` arrays or objects deep, to be given to
    it in place of ``data`` there. Raises ``orjson.JSONEncodeError`` for what orjson does not
    write, or writes otherwise than the standard library (a float below 1e-4 in size, or text
    that looks like one): the caller then has the standard library write the plain data."""
    text = orjson.dumps(data, option=_OPTIONS)
    if _small_float_in(text):
        raise orjson.JSONEncodeError("orjson spells a float in this piece differently")
    # its line breaks are all indentation's (a string's are escaped): each is indented for
    # the place
    return orjson.Fragment(text.replace(b"\n", b"\n" + b"  " * depth))


def spelled_alike(data: Any) -> bool:
    """Whether no float in ``data`` is one that orjson spells differently (below 1e-4 in
    size, not zero), looking into dicts, lists and tuples but not into fragments (checked
    when they were written). Data nested too deep to look through is not vouched for."""
    try:
        return _alike(data)
    except RecursionError:
        return False


def _alike(data: Any) -> bool:
    kind = type(data)
    if kind is str or kind is int or kind is bool or data is None or kind is orjson.Fragment:
        return True  # the usual values first, by their exact type: this is a hot loop
    if isinstance(data, float):
        return not data or not -1e-4 < data < 1e-4
    if isinstance(data, dict):
        return all(map(_alike, data.values()))
    if isinstance(data, (list, tuple)):
        return all(map(_alike, data))
    return True


def _small_float_in(text: bytes) -> bool:
    return any(pattern.search(text) for pattern in _SMALL_FLOATS)
