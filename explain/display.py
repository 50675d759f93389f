"""How answers show themselves in IPython and Jupyter."""

from __future__ import annotations

from typing import Any

__all__ = ["ShowsAsText"]


class ShowsAsText:
    """Shown in IPython and Jupyter as its text (``str``), which is written for a person,
    rather than as the long field-by-field ``repr`` of its class."""

    __slots__ = ()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text("..." if cycle else str(self))
