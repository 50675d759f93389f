"""The thresholds table (``thresholds.toml``), loaded once and checked for holes and overlaps."""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any, Iterator

import attrs

from knowledge_base.sources import Source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SCORE_MIN, SCORE_MAX = 1, 300
"""USMLE three-digit scores lie in this range."""


class ThresholdsError(ValueError):
    """The thresholds table is malformed (a knowledge-base defect, not bad user input)."""


@attrs.frozen
class Band:
    name: str
    low: int
    high: int
    """Exclusive upper bound."""


@attrs.frozen
class Scale:
    """Score bands for one exam, used by the specialties it lists (or by all others if default)."""

    id: str
    exam: str
    title: str
    default: bool
    specialties: tuple[str, ...]
    sources: tuple[Source, ...]
    bands: tuple[Band, ...]


@attrs.frozen
class CountRange:
    min: int
    max: int


@attrs.frozen
class Thresholds:
    scales: tuple[Scale, ...]
    specialty_groups: dict[str, tuple[str, ...]]
    applications: dict[str, CountRange]
    step3_min_prep_months: int
    step3_unhurried_months: int

    def group(self, name: str) -> tuple[str, ...]:
        return self.specialty_groups[name]

    def scales_for(self, exam: str) -> tuple[Scale, ...]:
        return tuple(scale for scale in self.scales if scale.exam == exam)


def _bands(scale_id: str, raw: list[dict[str, Any]]) -> tuple[Band, ...]:
    starts = [entry["from"] for entry in raw]
    if not starts or starts[0] != SCORE_MIN:
        raise ThresholdsError(f"scale {scale_id}: the first band must start at {SCORE_MIN}")
    if any(b <= a for a, b in zip(starts, starts[1:])) or starts[-1] > SCORE_MAX:
        raise ThresholdsError(f"scale {scale_id}: band starts must rise within 1..300: {starts}")
    ends = starts[1:] + [SCORE_MAX + 1]
    return tuple(Band(e["band"], low, high) for e, low, high in zip(raw, starts, ends))


def _scale(raw: dict[str, Any]) -> Scale:
    return Scale(
        id=raw["id"],
        exam=raw["exam"],
        title=raw["title"],
        default=raw.get("default", False),
        specialties=tuple(raw.get("specialties", ())),
        sources=tuple(Source(doc, section) for doc, section in raw["sources"]),
        bands=_bands(f"{raw['exam']}/{raw['id']}", raw["bands"]),
    )


def _check_scale_cover(scales: tuple[Scale, ...]) -> None:
    for exam in sorted({s.exam for s in scales}):
        of_exam = [s for s in scales if s.exam == exam]
        if sum(s.default for s in of_exam) != 1:
            raise ThresholdsError(f"exam {exam}: exactly one default scale is needed")
        listed = [sp for s in of_exam for sp in s.specialties]
        if len(listed) != len(set(listed)):
            raise ThresholdsError(f"exam {exam}: a specialty is listed by two scales")


def _iter_ranges(raw: dict[str, Any]) -> Iterator[tuple[str, CountRange]]:
    for name, entry in raw.items():
        if not 0 < entry["min"] <= entry["max"]:
            raise ThresholdsError(f"applications.{name}: need 0 < min <= max, got {entry}")
        yield name, CountRange(entry["min"], entry["max"])


def parse_thresholds(raw: dict[str, Any]) -> Thresholds:
    scales = tuple(_scale(entry) for entry in raw["scale"])
    _check_scale_cover(scales)
    return Thresholds(
        scales=scales,
        specialty_groups={k: tuple(v) for k, v in raw["specialty_groups"].items()},
        applications=dict(_iter_ranges(raw["applications"])),
        step3_min_prep_months=raw["step3"]["min_prep_months"],
        step3_unhurried_months=raw["step3"]["unhurried_months"],
    )


def load_thresholds() -> Thresholds:
    text = resources.files("knowledge_base").joinpath("thresholds.toml").read_text("utf-8")
    return parse_thresholds(tomllib.loads(text))


THRESHOLDS = load_thresholds()
