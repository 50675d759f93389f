"""How cost grows: the figures that lie on a curve, gathered into one table per curve.

A figure lies on a curve when it has a ``Point`` (the curve, its series, the x value); the
curves are the figures' own medians, measured once, shown twice: in the run's table and here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import attrs

from benchmarks.figures import Curve, Figure

__all__ = ["Growth", "growth", "growth_table", "number"]


@attrs.frozen
class Growth:
    curve: Curve
    unit: str
    series: dict[str, list[tuple[float, float]]]
    """Each series' (x, median) points, by x."""

    @property
    def xs(self) -> list[float]:
        return sorted({x for points in self.series.values() for x, _ in points})


def growth(figures: Iterable[Figure]) -> list[Growth]:
    """The curves the figures lie on, in the order first met; figures not measured left out."""
    curves: dict[Curve, dict[str, list[tuple[float, float]]]] = {}
    units: dict[Curve, str] = {}
    for figure in figures:
        if figure.point is None or math.isnan(figure.value):
            continue
        curve = figure.point.curve
        units.setdefault(curve, figure.unit)
        points = curves.setdefault(curve, {}).setdefault(figure.point.series, [])
        points.append((figure.point.x, figure.value))
    return [Growth(curve, units[curve], {name: sorted(points) for name, points in series.items()})
            for curve, series in curves.items()]


def number(value: float | None, unit: str) -> str:
    """A figure's value as the tables write it: three digits after the point below 10."""
    if value is None:
        return ""
    digits = 3 if value < 10 else 1 if value < 100 else 0
    return f"{value:.{digits}f} {unit}"


def growth_table(curve: Growth) -> list[str]:
    """One curve as a Markdown table: a row for each x, a column for each series."""
    names = list(curve.series)
    rows = [f"| {curve.curve.x_label} | {' | '.join(names)} |",
            f"|---:|{'---:|' * len(names)}"]
    for x in curve.xs:
        cells = [next((number(y, curve.unit) for px, y in curve.series[name] if px == x), "")
                 for name in names]
        rows.append(f"| {x:,.0f} | {' | '.join(cells)} |")
    return rows
