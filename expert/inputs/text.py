"""Reading input text: JSON that refuses what UTF-8 cannot hold, TOML on every supported Python,
and files read no further than a limit."""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any

from expert.errors import InputError, Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["load_json", "read_text", "tomllib"]


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


