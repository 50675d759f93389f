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
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

__all__ = ["readable_json"]

_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
            | orjson.OPT_PASSTHROUGH_DATETIME)
_SMALL_FLOATS = (re.compile(rb"-(?<=[0-9]e-)"), re.compile(rb"0\.0000"))
"""How orjson may spell a float below 1e-4 in size (the standard library writes ``1e-05``,
``1e-07``); each pattern begins with a literal that is rare in text, which ``re`` finds
fast."""


def readable_json(data: Any) -> str:
    """``data`` as indented JSON with sorted keys, without a final newline."""
    try:
        fast = orjson.dumps(data, option=_OPTIONS)
    except orjson.JSONEncodeError:
        pass
    else:
        if not any(pattern.search(fast) for pattern in _SMALL_FLOATS):
            return fast.decode("utf-8")
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
