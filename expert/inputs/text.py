"""Input text: JSON that refuses what UTF-8 cannot hold, TOML on every supported Python, files
read no further than a limit; and TOML written (``toml_text``) for a file to start from, since
``tomllib`` only reads."""

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

__all__ = ["load_json", "read_text", "toml_text", "tomllib"]


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def load_json(text: str, **options: Any) -> Any:
    """``json.loads``, refusing (``ValueError``) a ``\\u`` escape of half a surrogate pair:
    JSON allows it, but it is not a character, and no UTF-8 output could hold it."""
    data = json.loads(text, **options)
    if _SURROGATE_ESCAPE.search(text):
        where = _lone_surrogate(data, "")
        if where is not None:
            raise ValueError(f"{where or 'the text'} has a \\u escape of half a surrogate pair, "
                             f"which is not a character")
    return data


def _lone_surrogate(data: Any, path: str) -> str | None:
    """The path of the first string (key or value) holding half a surrogate pair."""
    if isinstance(data, str):
        return path if any("\ud800" <= c <= "\udfff" for c in data) else None
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else ()
    for key, value in items:
        inner = f"{path}.{key}" if path else str(key)
        found = _lone_surrogate(key, inner) if isinstance(key, str) else None
        found = found if found is not None else _lone_surrogate(value, inner)
        if found is not None:
            return found
    return None


def read_text(path: str | os.PathLike[str], limit: int, *, where: str = "",
              error: type[InputError], encoding: str = "utf-8") -> str:
    """A file's text, read no further than one character past ``limit`` (the caller refuses
    that much); an unreadable file raises ``error`` naming ``where``."""
    try:
        with open(path, encoding=encoding) as handle:
            return handle.read(limit + 1)
    except (OSError, UnicodeDecodeError) as failure:
        reason = getattr(failure, "strerror", None) or str(failure)
        raise error([Problem(where, os.fspath(path), f"a readable UTF-8 file ({reason})")]) \
            from None




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
