"""Which recommendations contradict each other.

A pattern is a dict with a ``kind`` and, optionally, keys that the recommendation's value must
have (or ``value`` for a value that is a plain string). Two recommendations that match the two
sides of an ``Incompatible`` pair must never be given to the same applicant; the property tests
check this over generated profiles, and topic modules declare the pairs they know of.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["Incompatible", "matches"]


def matches(pattern: dict[str, Any], kind: str, value: Any) -> bool:
    if pattern["kind"] != kind:
        return False
    wanted = {k: v for k, v in pattern.items() if k != "kind"}
    if not isinstance(value, dict):
        return wanted in ({}, {"value": value})
    return all(value.get(key) == expected for key, expected in wanted.items())


@attrs.frozen
class Incompatible:
    """Two kinds of advice that cannot both hold, and why."""

    first: dict[str, Any] = attrs.field(hash=False)
    second: dict[str, Any] = attrs.field(hash=False)
    why: str

    def violated_by(self, recommendations: list[tuple[str, Any]]) -> bool:
        return any(matches(self.first, k, v) for k, v in recommendations) and any(
            matches(self.second, k, v) for k, v in recommendations
        )
