"""Input text: the JSON and TOML the readers take, the numbers they take in text, files read no
further than a limit; and TOML written (``toml_text``) for a file to start from, since
``tomllib`` only reads.

What every input text is held to, profiles and program lists alike, so that none is read
otherwise than it was meant:

- a leading byte order mark (U+FEFF) is ignored, in every text (Windows tools write one; it
  means nothing; RFC 8259 lets a JSON reader ignore it);
- JSON with a key written twice in one object is refused (``json`` would keep the last one
  silently), as TOML refuses one (``tomllib``);
- JSON and TOML nested deeper than ``MAX_DEPTH`` are refused;
- a ``\\u`` escape of half a surrogate pair is refused: it is not a character;
- numbers in text (CSV cells, interview answers) are ASCII digits: Python's ``int`` and
  ``float`` would also read ``٢٢٠``, ``２２０`` and ``2_20`` as 220. TOML's own numbers follow
  TOML, where ``2_20`` is the integer 220 written with a digit separator.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Mapping
from typing import Any

from expert.errors import InputError, Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["BOM", "MAX_DEPTH", "MAX_NUMBER_DIGITS", "Unreadable", "load_json", "load_toml",
           "number_in", "read_text", "toml_text", "tomllib", "without_bom"]

BOM = "\ufeff"
"""The byte order mark: ignored at the start of every input text."""

MAX_DEPTH = 16
"""The deepest JSON or TOML nesting read (objects and lists inside each other). A profile
nests three deep (``usce[0].months``), a program list three (``programs[0].name``); past
sixteen is not a profile or a list, and a reader that recursed into it could run out of stack."""

MAX_NUMBER_DIGITS = 4300
"""The longest integer read from JSON: Python's own limit for turning text into an integer
(``sys.get_int_max_str_digits``); no field needs more than four digits."""


class Unreadable(ValueError):
    """Text that cannot be read as what it claims to be: ``code`` (one of
    ``expert.errors.ERROR_CODES``) and ``allowed``, what it must be, for the reader to make
    its ``Problem`` with."""

    def __init__(self, code: str, allowed: str) -> None:
        super().__init__(allowed)
        self.code = code
        self.allowed = allowed


def without_bom(text: str) -> str:
    """The text without a leading byte order mark."""
    return text[1:] if text.startswith(BOM) else text


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def load_json(text: str) -> Any:
    """JSON data, or ``Unreadable``: not JSON (``bad_syntax``; NaN and infinities too), a key
    twice in an object (``duplicate_key``), nested deeper than ``MAX_DEPTH`` (``too_deep``),
    an integer longer than ``MAX_NUMBER_DIGITS`` (``too_long``), a ``\\u`` escape of half a
    surrogate pair (``bad_encoding``). A leading BOM is ignored."""
    text = without_bom(text)
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except Unreadable:
        raise
    except json.JSONDecodeError as error:
        raise Unreadable("bad_syntax", f"valid JSON ({error.msg} at line {error.lineno}, "
                                       f"column {error.colno})") from None
    except RecursionError:
        raise _too_deep("JSON") from None
    except ValueError:  # an integer beyond Python's limit for reading one from text
        raise Unreadable("too_long", f"JSON whose numbers have at most "
                                     f"{MAX_NUMBER_DIGITS:,} digits") from None
    _check_depth(data, "JSON")
    if _SURROGATE_ESCAPE.search(text):
        where = _lone_surrogate(data, "")
        if where is not None:
            raise Unreadable("bad_encoding",
                             f"valid JSON ({where or 'the text'} has a \\u escape of half a "
                             f"surrogate pair, which is not a character)")
    return data


def load_toml(text: str) -> Any:
    """TOML data, or ``Unreadable`` as for ``load_json`` (TOML itself refuses a key given
    twice). A leading BOM is ignored."""
    try:
        data = tomllib.loads(without_bom(text))
    except tomllib.TOMLDecodeError as error:
        twice = "overwrite" in str(error).lower()  # tomllib: "Cannot overwrite a value"
        raise Unreadable("duplicate_key" if twice else "bad_syntax",
                         f"valid TOML ({error})") from None
    except RecursionError:
        raise _too_deep("TOML") from None
    except ValueError:
        raise Unreadable("too_long", f"TOML whose numbers have at most "
                                     f"{MAX_NUMBER_DIGITS:,} digits") from None
    _check_depth(data, "TOML")
    return data


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) < len(pairs):
        seen: set[str] = set()
        twice = ""
        for key, _ in pairs:
            if key in seen:
                twice = key
                break
            seen.add(key)
        raise Unreadable("duplicate_key",
                         f"JSON in which no object has a key twice "
                         f"({json.dumps(twice, ensure_ascii=False)} is given twice in one "
                         f"object, and only the last would count)")
    return data


def _constant(name: str) -> None:
    raise Unreadable("bad_syntax", f"valid JSON ({name} is not a number JSON allows)")


def _too_deep(fmt: str) -> Unreadable:
    return Unreadable("too_deep", f"{fmt} nested at most {MAX_DEPTH} levels deep (objects and "
                                  f"lists inside each other)")


def _check_depth(data: Any, fmt: str) -> None:
    """``Unreadable`` when objects and lists nest deeper than ``MAX_DEPTH``."""
    level = [data]
    for _ in range(MAX_DEPTH):
        level = [inner for outer in level if isinstance(outer, (dict, list))
                 for inner in (outer.values() if isinstance(outer, dict) else outer)]
        if not level:
            return
    if any(isinstance(item, (dict, list)) for item in level):
        raise _too_deep(fmt)


def _lone_surrogate(data: Any, path: str) -> str | None:
    """The path of the first string (key or value) holding half a surrogate pair."""
    if isinstance(data, str):
        return path if any("\ud800" <= c <= "\udfff" for c in data) else None
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        inner = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else key
        found = _lone_surrogate(key, inner) if isinstance(key, str) else None
        found = found if found is not None else _lone_surrogate(value, inner)
        if found is not None:
            return found
    return None


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_WHOLE = re.compile(r"[+-]?[0-9]+", re.ASCII)


def number_in(text: str, whole: bool = False) -> int | float | None:
    """The number a text writes in ASCII digits (``220``, ``-1``, ``0.5``, ``1e3``; a whole
    one only, with ``whole``), or None: not ``٢٢٠``, ``２２０``, ``2_20``, ``nan``, ``inf``
    or ``0x10``, which Python's ``int`` and ``float`` would read (some of them). Surrounding
    spaces are allowed; an integral fraction (``214.0``) is read as the whole number."""
    text = text.strip()
    if len(text) > 40 or not (_WHOLE if whole else _NUMBER).fullmatch(text):
        return None
    if _WHOLE.fullmatch(text):
        return int(text)
    number = float(text)
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() else number


def read_text(path: str | os.PathLike[str], limit: int, *, where: str = "",
              error: type[InputError]) -> str:
    """A file's text, read no further than one character past ``limit`` (the caller refuses
    that much); an unreadable file raises ``error`` naming ``where``."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(limit + 1)
    except UnicodeDecodeError as failure:
        raise error([Problem(where, os.fspath(path), f"a readable UTF-8 file ({failure})",
                             code="bad_encoding")]) from None
    except OSError as failure:
        reason = failure.strerror or str(failure)
        raise error([Problem(where, os.fspath(path), f"a readable UTF-8 file ({reason})",
                             code="bad_file")]) from None


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_text(data: Mapping[str, Any], header: str = "") -> str:
    """TOML for plain data such as a profile: the top level's values, objects as inline tables
    (``step1 = { result = "pass" }``), lists of objects as ``[[usce]]`` tables at the end; a
    None is left out, as TOML has no null. ``header`` (comment lines) comes first.

    >>> print(toml_text({"specialty": "pmr", "step1": {"result": "pass"}, "season": None,
    ...                  "usce": [{"specialty": "pmr", "months": 2}]}), end="")
    specialty = "pmr"
    step1 = { result = "pass" }
    <BLANKLINE>
    [[usce]]
    specialty = "pmr"
    months = 2
    """
    lines = header.splitlines()
    tables = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            tables.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, items in tables:
        for item in items:
            lines += ["", f"[[{_toml_key(key)}]]"]
            lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in item.items()
                      if v is not None]
    return "\n".join(lines) + "\n"


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    # JSON's escapes are TOML's, but for DEL, which TOML also wants escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    if isinstance(value, Mapping):
        items = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    raise ValueError(f"no TOML for {value!r}")
