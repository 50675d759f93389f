"""Importing experta safely, as an embeddable library must.

experta 1.9.4 pins ``frozendict==1.2``, whose import fails on Python 3.10+ because it subclasses
``collections.Mapping``. The alias is put in place only while frozendict is first imported and
removed again; frozendict 2.x (if a host application has it) needs no alias and is left alone.
Importing experta also calls ``logging.basicConfig()``, which would add a handler to the host's
root logger; the root logger is restored to what it was.
"""

from __future__ import annotations

import collections
import collections.abc
import logging

__all__ = ["experta"]


def _import_frozendict() -> None:
    added = not hasattr(collections, "Mapping")
    if added:
        collections.Mapping = collections.abc.Mapping  # type: ignore[attr-defined]
    try:
        import frozendict  # noqa: F401  (experta imports it; this makes that import work)
    finally:
        if added:
            del collections.Mapping  # type: ignore[attr-defined]


def _import_experta():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        _import_frozendict()
        import experta
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return experta


experta = _import_experta()
