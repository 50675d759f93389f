"""The plan as a timeline picture: months along the axis, one bar per step.

The geometry is worked out here and drawn by a template (``templates/timeline.svg``). A bar
runs from the first month of its step to the end of its last month, so a step of one month
(the day ERAS opens) is a month wide. The strength of a step is shown twice, by colour and by
the bar's outline (solid for must, plain for should, dashed for consider), so that the
picture still reads when printed in grey. Steps without months (no season anchors the plan)
are left out of the picture; the checklist beside it has every step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import attrs

from expert.report.templating import render_template

if TYPE_CHECKING:
    from expert.plan.steps import Plan, PlannedStep

__all__ = ["Bar", "Mark", "Tick", "Timeline", "timeline", "timeline_svg"]

LABEL_WIDTH, CHART_WIDTH = 360, 480
"""Pixels for the step titles on the left and the months on the right."""
ROW, TOP, BOTTOM, LEGEND, RIGHT = 22, 44, 34, 26, 80
"""Pixels: a row per step, the margins, the legend's row, room for the last mark's label."""
LABEL_CHARS = 54
"""A title longer than this is cut short in the picture (the checklist has it whole)."""


@attrs.frozen
class Bar:
    """One step on the timeline."""

    number: int
    label: str
    title: str
    when: str
    strength: str
    optional: bool
    x: float
    width: float
    y: float


@attrs.frozen
class Tick:
    x: float
    label: str
    major: bool


@attrs.frozen
class Mark:
    """A vertical line across the bars: now, or the month ERAS opens."""

    x: float
    label: str
    kind: str


@attrs.frozen
class Timeline:
    title: str
    description: str
    width: int
    height: int
    chart_left: int
    chart_top: int
    chart_bottom: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    left_out: int
    """Steps without months, not drawn."""


def _label(step: PlannedStep) -> str:
    text = f"{step.priority}. {step.title}"
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def _month_label(plan: Plan, offset: int) -> str:
    month = plan.cycle.month(offset)
    if month is not None:
        return str(month)
    return "ERAS" if offset == 0 else f"{offset:+d}"


def timeline(plan: Plan) -> Optional[Timeline]:
    """The geometry of the plan's timeline; None when no step has months."""
    dated = [s for s in plan if s.start is not None and s.end is not None]
    if not dated:
        return None
    present = plan.cycle.present
    first = min([s.start for s in dated if s.start is not None]
                + ([present] if present is not None else []))
    last = max(s.end for s in dated if s.end is not None) + 1
    span = max(last - first, 1)
    per_month = CHART_WIDTH / span

    def x(offset: int) -> float:
        return round(LABEL_WIDTH + (offset - first) * per_month, 1)

    bars = tuple(
        Bar(step.priority, _label(step), step.title, step.describe_when(), step.strength,
            step.status == "optional", x(step.start),
            round(per_month * (step.end + 1 - step.start), 1), TOP + row * ROW)
        for row, step in enumerate(dated)
        if step.start is not None and step.end is not None)
    every = 1 if span <= 12 else 3 if span <= 36 else 6
    ticks = tuple(Tick(x(offset), _month_label(plan, offset), (offset - first) % every == 0)
                  for offset in range(first, last + 1))
    marks = [Mark(x(0), "ERAS opens", "eras")] if first <= 0 <= last else []
    if present is not None and present != 0:
        marks.append(Mark(x(present), "now", "now"))
    bottom = TOP + len(bars) * ROW
    described = "; ".join(f"{b.number}. {b.title}: {b.when} ({b.strength})" for b in bars)
    return Timeline(
        title=f"The plan's {len(bars)} dated steps, month by month",
        description=described, width=LABEL_WIDTH + CHART_WIDTH + RIGHT,
        height=bottom + BOTTOM + LEGEND, chart_left=LABEL_WIDTH, chart_top=TOP,
        chart_bottom=bottom, bars=bars, ticks=ticks, marks=tuple(marks),
        left_out=len(plan) - len(dated))


def timeline_svg(plan: Plan) -> Optional[str]:
    """The plan's timeline as an SVG element (to sit inside an HTML page); None when no step
    has months."""
    geometry = timeline(plan)
    return None if geometry is None else render_template("timeline.svg", timeline=geometry)
