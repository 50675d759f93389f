"""The growth curves drawn as one SVG image: a panel for each curve, a line for each series.

Written by hand, a few dozen elements, so that drawing the figures needs nothing installed;
both axes are linear and start at zero, which is what makes a straight line read as linear.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from benchmarks.growth import Growth

__all__ = ["svg"]

WIDTH, HEIGHT = 460, 300
"""One panel's size."""
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 32, 36, 64
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")


def _ticks(top: float) -> list[float]:
    """Round values from 0 to at least ``top``, four or five of them."""
    if top <= 0:
        return [0.0, 1.0]
    step = 10 ** math.floor(math.log10(top / 4))
    for factor in (1, 2, 2.5, 5, 10):
        if top / (step * factor) <= 5:
            step *= factor
            break
    return [step * i for i in range(math.ceil(top / step - 1e-9) + 1)]


def _tick_label(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:g}"


def _panel(curve: Growth, left: float, top: float) -> list[str]:
    x_ticks = _ticks(max(curve.xs))
    y_ticks = _ticks(max(y for points in curve.series.values() for _, y in points))
    inner_w, inner_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def at(x: float, y: float) -> tuple[float, float]:
        return (left + _LEFT + inner_w * x / x_ticks[-1],
                top + _TOP + inner_h * (1 - y / y_ticks[-1]))

    parts = [f'<text x="{left + WIDTH / 2}" y="{top + 20}" text-anchor="middle" '
             f'font-weight="bold">{escape(curve.curve.title)}</text>']
    for y in y_ticks:
        _, py = at(0, y)
        parts.append(f'<line x1="{left + _LEFT}" x2="{left + WIDTH - _RIGHT}" y1="{py:.1f}" '
                     f'y2="{py:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left + _LEFT - 6}" y="{py + 4:.1f}" text-anchor="end">'
                     f'{_tick_label(y)}</text>')
    for x in x_ticks:
        px, py = at(x, 0)
        parts.append(f'<text x="{px:.1f}" y="{py + 16:.1f}" text-anchor="middle">'
                     f'{_tick_label(x)}</text>')
    parts.append(f'<text x="{left + _LEFT + inner_w / 2}" y="{top + HEIGHT - 30}" '
                 f'text-anchor="middle">{escape(curve.curve.x_label)}</text>')
    parts.append(f'<text transform="translate({left + 16},{top + _TOP + inner_h / 2}) '
                 f'rotate(-90)" text-anchor="middle">{escape(curve.unit)}</text>')
    for number, (name, points) in enumerate(curve.series.items()):
        colour = _COLOURS[number % len(_COLOURS)]
        xy = [at(x, y) for x, y in points]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{px:.1f},{py:.1f}" for px, py in xy) + '"/>')
        parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>'
                  for px, py in xy]
        legend_y = top + HEIGHT - 12
        legend_x = left + _LEFT + number * 140
        parts.append(f'<rect x="{legend_x}" y="{legend_y - 9}" width="10" height="10" '
                     f'fill="{colour}"/><text x="{legend_x + 14}" y="{legend_y}">'
                     f'{escape(name)}</text>')
    return parts


def svg(curves: Sequence[Growth], columns: int = 2) -> str:
    """The curves as an SVG document, ``columns`` panels a row."""
    rows = math.ceil(len(curves) / columns)
    width, height = WIDTH * min(columns, len(curves)), HEIGHT * rows
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for index, curve in enumerate(curves):
        parts += _panel(curve, WIDTH * (index % columns), HEIGHT * (index // columns))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
