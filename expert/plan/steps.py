"""The plan: the recommendations that stand, as dated and prioritised steps.

After the consultation, the plan rules (``knowledge_base.rules.timeline``) run with the direct
evaluator on the profile's inputs and the recommendations that stand, never the superseded
ones: each firing places a recommendation in a step, and a step carries out every
recommendation whose rule placed it. Before ERAS opens, the full-time steps are added up and
judged by the feasibility rules (``expert.plan.feasibility``).

Each step's window is its stage's, from the present on: with 12 months or fewer left, the
preparation timeline is fitted into them (``knowledge_base.stages``) and its steps are
marked ``compressed``; a step whose stage is already past starts now and is marked ``late``;
a step that takes months (US clinical experience, a research role, exam preparation) lasts at
least the short end of its range, until ERAS opens at the latest for a step that belongs
before it. The priority is the position in time: the
window's start, then the order of the stages, then the rank the rules gave, so the order comes
from the rules and the stages, not from a list in code.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Optional, overload

import attrs

from expert.consultation.consult import Outcome
from expert.consultation.provenance import node_id
from expert.engine.evaluator import Evaluator, Memory
from expert.engine.firing import RuleFiring
from expert.plan.cycle import Cycle, cycle_of
from expert.plan.feasibility import months_of, time_budget
from explain.display import ShowsAsText, counted
from knowledge_base.facts import Fact, Input, PlanBranch, PlanCheck, PlanStep, Proposal
from knowledge_base.rule import STRENGTHS, Rule
from knowledge_base.rules.timeline import FEASIBILITY_RULES, PLAN_RULES
from knowledge_base.stages import COMPRESS_FROM, STAGE_ORDER, TIMELINE_START, stage
from knowledge_base.thresholds import THRESHOLDS, CountRange

__all__ = ["Plan", "PlannedStep", "make_plan"]

STATUSES = ("planned", "compressed", "late", "optional")
"""A step is planned; compressed when fewer months are left than the documents' preparation
timeline spans (its stage is fitted into them); late when its stage has passed (it starts now);
optional when the time budget leaves no room for it this cycle."""

CALENDAR_NOTE = (
    f"Dates are counted from ERAS opening in month {THRESHOLDS.calendar.eras_opens_month} of "
    "the year before the Match: our estimate of a usual cycle. The documents give months before "
    "ERAS opens, not calendar dates.")


@cache
def _plan_evaluator(rules: tuple[Rule, ...], phase: Any) -> tuple[Evaluator, frozenset[str]]:
    """The plan rules that can fire in ``phase`` (each rule's premises on the phase are judged
    once here rather than in every plan: the plan rules all read it), and the input fields
    they read."""
    known = Input("phase", phase)
    live = tuple(rule for rule in rules if all(
        premise.matches(known) != premise.negated
        for premise in rule.premises if premise.input_field == "phase"))
    read = frozenset(p.input_field for rule in live for p in rule.premises if p.input_field)
    return Evaluator(live), read


_STRENGTH_RANKS = {strength: rank for rank, strength in enumerate(STRENGTHS)}
"""The strongest first, as ``STRENGTHS`` lists them."""


@cache
def _feasibility_evaluator() -> Evaluator:
    return Evaluator(FEASIBILITY_RULES)


@attrs.frozen
class PlannedStep:
    """One step of the plan, in the cycle's months (0 is the month ERAS opens)."""

    priority: int
    """1 is the first step."""
    task: str
    title: str
    stage: str
    start: Optional[int]
    end: Optional[int]
    cycle: Cycle = attrs.field(repr=False)
    recommendations: tuple[str, ...]
    """The node ids of the recommendations the step carries out."""
    strength: str
    """The strongest of its recommendations'."""
    status: str
    note: Optional[str]
    rules: tuple[str, ...]
    """The plan rules that placed the step."""
    serves: str
    """The cycle the step is for: ``this_cycle``, or ``next_cycle`` (a plan that waits a
    year, the unmatched year, or a next cycle if the applicant does not match)."""

    @property
    def match_year(self) -> Optional[int]:
        """The year of the Match the step serves (None without a season)."""
        year = self.cycle.match_year
        if year is None:
            return None
        return year + 1 if self.stage == "if_unmatched" else year

    @property
    def node(self) -> str:
        return f"step:{self.task}"

    @property
    def when(self) -> Optional[dict[str, str]]:
        """The window as calendar months ``{"start": "YYYY-MM", "end": "YYYY-MM"}``; None
        when no season anchors the calendar."""
        if self.start is None or self.end is None or self.cycle.eras_opens is None:
            return None
        return {"start": str(self.cycle.month(self.start)), "end": str(self.cycle.month(self.end))}

    @property
    def months_from_now(self) -> Optional[dict[str, int]]:
        present = self.cycle.present
        if self.start is None or self.end is None or present is None:
            return None
        return {"start": self.start - present, "end": self.end - present}

    @property
    def estimate(self) -> bool:
        """Whether the stage's months are our estimate rather than a document's."""
        return stage(self.stage).estimate

    def describe_when(self) -> str:
        """The window in words: calendar months, else months from now, else the stage."""
        when = self.when
        if when is not None:
            return when["start"] if when["start"] == when["end"] else \
                f"{when['start']} to {when['end']}"
        relative = self.months_from_now
        if relative is not None:
            start, end = relative["start"], relative["end"]
            if end == 0:
                return "now"
            if start == end:
                return f"in {start} month{'s' if start != 1 else ''}"
            return f"months {start}–{end} from now"
        return stage(self.stage).title

    def brief(self) -> dict[str, Any]:
        """The step in brief: which, when, how strongly, for which cycle."""
        return {"priority": self.priority, "task": self.task, "when": self.when,
                "months_from_now": self.months_from_now, "strength": self.strength,
                "status": self.status, "serves": self.serves, "match_year": self.match_year}

    def to_dict(self) -> dict[str, Any]:
        return {
            "priority": self.priority, "task": self.task, "title": self.title,
            "stage": self.stage, "stage_title": stage(self.stage).title,
            "when": self.when, "months_from_now": self.months_from_now,
            "estimate": self.estimate, "status": self.status, "note": self.note,
            "serves": self.serves, "match_year": self.match_year,
            "strength": self.strength, "recommendations": list(self.recommendations),
            "node": self.node, "rules": list(self.rules),
        }


class Plan(ShowsAsText, Sequence[PlannedStep]):
    """The steps in order, the cycle they are for, the time check, and the facts and firings
    that made them."""

    def __init__(self, steps: Sequence[PlannedStep], check: Optional[PlanCheck],
                 branch: Optional[PlanBranch], cycle: Cycle, facts: Sequence[Fact],
                 firings: Sequence[RuleFiring]) -> None:
        self.steps = tuple(steps)
        self.check = check
        self.branch = branch
        """The cycle the plan is for, and why."""
        self.cycle = cycle
        self.facts = tuple(facts)
        """The facts the plan added: its steps, measures and check."""
        self.firings = tuple(firings)

    @overload
    def __getitem__(self, index: int) -> PlannedStep: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[PlannedStep]: ...
    def __getitem__(self, index: int | slice) -> PlannedStep | Sequence[PlannedStep]:
        return self.steps[index]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[PlannedStep]:
        return iter(self.steps)

    def step(self, ref: int | str) -> PlannedStep:
        """The step of this priority (1 first) or task id."""
        found = next((s for s in self.steps if ref in (s.priority, s.task)), None)
        if found is None:
            known = ", ".join(f"{s.priority} {s.task}" for s in self.steps)
            raise KeyError(f"no plan step {ref!r}; the steps are: {known or 'none'}")
        return found

    def carrying(self, node: str) -> Optional[PlannedStep]:
        """The first step that carries out the recommendation of this node id."""
        return next((s for s in self.steps if node in s.recommendations), None)

    def serves(self, node: str) -> Optional[str]:
        """Which cycle a recommendation serves, in words, where it is not simply this one:
        the next cycle of a plan that waits a year, or a next cycle if the applicant does not
        match."""
        step = self.carrying(node)
        if step is None or step.serves == "this_cycle":
            return None
        if step.stage == "if_unmatched":
            return "for a next cycle, if you do not match"
        return "for the next cycle" + (f", the {step.match_year} Match" if step.match_year
                                       else "")

    def dating(self, step: PlannedStep) -> str:
        """Where a step's months come from, in words."""
        where = stage(step.stage)
        parts = [f"placed in the stage '{where.title}'"
                 + (", whose months are our estimate" if where.estimate else "")]
        if step.note:
            parts.append(step.note[0].lower() + step.note[1:].rstrip("."))
        if self.cycle.present_from is not None:
            parts.append(f"now is read from {self.cycle.present_from}")
        return "; ".join(parts)

    def calendar(self) -> dict[str, Any]:
        """Where the dates come from."""
        eras = self.cycle.eras_opens
        present = self.cycle.present
        return {
            "eras_opens": None if eras is None else str(eras),
            "now": None if eras is None or present is None else str(self.cycle.month(present)),
            "now_from": self.cycle.present_from,
            "note": CALENDAR_NOTE,
        }

    def branch_dict(self) -> Optional[dict[str, Any]]:
        if self.branch is None:
            return None
        return {"cycle": self.branch.cycle, "match_year": self.cycle.match_year,
                "note": self.branch.note, "node": node_id(self.branch)}

    def check_dict(self) -> Optional[dict[str, str]]:
        if self.check is None:
            return None
        return {"verdict": self.check.verdict, "note": self.check.note,
                "node": node_id(self.check)}

    def parts(self) -> dict[str, Any]:
        """The plan in an advice's JSON: ``plan`` (the steps in order), ``plan_branch``,
        ``plan_check`` and ``calendar``."""
        return {"plan": self.to_list(), "plan_branch": self.branch_dict(),
                "plan_check": self.check_dict(), "calendar": self.calendar()}

    def to_list(self) -> list[dict[str, Any]]:
        return [step.to_dict() for step in self.steps]

    def rows(self, steps: Sequence[PlannedStep] | None = None) -> list[tuple[str, str]]:
        """Each of ``steps`` (by default all) as its number and months, then its title and,
        when not simply planned, its status."""
        shown = self.steps if steps is None else steps
        width = max((len(s.describe_when()) for s in shown), default=0)
        return [(f"{s.priority:>3}. {s.describe_when():<{width}}  ",
                 s.title + ("" if s.status in ("planned", "compressed") else f" ({s.status})"))
                for s in shown]

    def lines(self, steps: Sequence[PlannedStep] | None = None) -> list[str]:
        """Each of ``steps`` (by default all) on a line (``rows``)."""
        return [number + title for number, title in self.rows(steps)]

    def _repr_html_(self) -> str:
        from expert.report.html_view import plan_html  # the view reads the plan, not back

        return plan_html(self)

    def __repr__(self) -> str:
        cycle = "" if self.branch is None else \
            {"this_cycle": " for this cycle"}.get(self.branch.cycle, " for the next cycle")
        check = "" if self.check is None else \
            f"; time check: {self.check.verdict.replace('_', ' ')}"
        return f"<Plan of {counted(len(self), 'step')}{cycle}{check}>"

    def heading(self) -> str:
        """Where the dates come from, in a line."""
        calendar = self.calendar()
        notes = []
        if self.branch is not None and self.branch.cycle == "next_cycle":
            notes.append("for the next cycle" + (f", the {self.cycle.match_year} Match"
                                                 if self.cycle.match_year else ""))
        if calendar["eras_opens"]:
            notes.append(f"ERAS opens {calendar['eras_opens']}, our estimate")
        if calendar["now"]:
            notes.append(f"now {calendar['now']}")
        months = self.cycle.months_to_eras
        if months and any(s.status == "compressed" for s in self.steps):
            notes.append(f"the documents' 18-month preparation fitted into the "
                         f"{_months(months)} left")
        return f"Plan ({'; '.join(notes)}):" if notes else "Plan:"

    def __str__(self) -> str:
        if not self.steps:
            return "Plan: no steps."
        lines = [self.heading(), *self.lines()]
        if self.check is not None:
            lines.append(f"Time check: {self.check.note}")
        return "\n".join(lines)


def _months(count: int) -> str:
    return "1 month" if count == 1 else f"{count} months"


def _scaled(offset: int, factor: float) -> int:
    """A month of the preparation timeline, fitted into fewer months (rounded half up)."""
    return -math.floor(-offset * factor + 0.5)


def _window(step: PlanStep, cycle: Cycle, months: CountRange | None
            ) -> tuple[Optional[int], Optional[int], str, Optional[str]]:
    """The step's months, status and note: its stage's window from the present on (the
    preparation timeline fitted into the months left), long enough for its short end."""
    where = stage(step.stage)
    present = cycle.present
    if where.start is None or where.end is None:
        return present, present, "planned", None
    start, end = where.start, where.end
    last = end
    status, note = "planned", None
    if present is not None:
        if where.compresses and COMPRESS_FROM <= present <= 0:
            factor = present / TIMELINE_START
            start, end = _scaled(start, factor), _scaled(end, factor)
            status = "compressed"
            note = (f"With {_months(-present)} left, the documents' timeline is fitted into "
                    "them.")
        elif present > end:
            status = "late"
            note = (f"The documents place this in '{where.title}', which has passed: "
                    "start now.")
        start, end = max(start, present), max(end, present)
    if months is not None:
        lasting = start + math.ceil(months.min)
        end = max(end, min(lasting, 0) if last <= 0 else lasting)
    return start, end, status, note


_Placement = tuple[PlanStep, tuple[Optional[int], Optional[int], str, Optional[str]],
                   list[Proposal], list[str]]
"""A step, its window (``_window``), its recommendations and the rules that placed it."""


def make_plan(outcome: Outcome, rules: tuple[Rule, ...] = PLAN_RULES) -> Plan:
    """The plan for a consultation, made by the plan ``rules``."""
    # How strongly each recommendation is made (the plan's steps take the strongest).
    ranks = {d.fact: _STRENGTH_RANKS[d.rule.strength] for d in outcome.decisions}
    given = [f for f in outcome.memory if isinstance(f, Input)]
    inputs = {f.field: f.value for f in given}
    phase = inputs.get("phase")
    evaluator, read = _plan_evaluator(rules, phase)
    base = Memory([f for f in given if f.field in read] + [d.fact for d in outcome.decisions])
    firings, memory = evaluator.run((), base)
    # Each step's recommendations, and the rules that placed it.
    placed: dict[PlanStep, tuple[list[Proposal], list[str]]] = {}
    for firing in firings:
        for step in firing.asserted:
            if isinstance(step, PlanStep):
                entry = placed.get(step)
                if entry is None:
                    entry = placed[step] = ([], [])
                proposals, placed_by = entry
                for fact in firing.matched:
                    if isinstance(fact, Proposal):
                        proposals.append(fact)
                placed_by.append(firing.rule.id)
    added: list[Fact] = list(memory.own())
    branch = next((f for f in added if isinstance(f, PlanBranch)), None)
    next_cycle = branch is not None and branch.cycle == "next_cycle"
    cycle = cycle_of(inputs, years_later=1 if next_cycle and phase == "preparing" else 0)
    # What the steps that take time were advised: how long they take.
    values = {s: [p.value for p in ps] for s, (ps, _) in placed.items() if s.load != "event"}
    optional: Mapping[str, str] = {}
    check = None
    available = cycle.months_to_eras
    if available is not None and any(s.load == "full_time" and (stage(s.stage).end or 0) <= 0
                                     for s in placed):
        budget = time_budget(values, available)
        checked, judged = _feasibility_evaluator().run(budget.inputs, base=memory)
        firings += checked
        own = judged.own()
        added += own
        optional = budget.optional
        check = next((f for f in own if isinstance(f, PlanCheck)), None)

    placements = [(step, _window(step, cycle, months_of(step.task, values.get(step, ()))),
                   proposals, placed_by) for step, (proposals, placed_by) in placed.items()]

    def order(placement: _Placement) -> tuple[float, int, int, str]:
        """Time order; with no present known, a stage of the present comes first."""
        step, (start, *_), _, _ = placement
        if start is None:
            start = stage(step.stage).start
        return (-math.inf if start is None else start, STAGE_ORDER[step.stage], step.rank,
                step.task)

    steps = []
    for priority, (step, window, proposals, placed_by) in enumerate(
            sorted(placements, key=order), start=1):
        start, end, status, note = window
        nodes = tuple(sorted({node_id(p) for p in proposals}))
        strength = STRENGTHS[min([ranks[p] for p in proposals])]
        if step.task in optional:
            status, note = "optional", optional[step.task]
        serves = "next_cycle" if next_cycle or step.stage == "if_unmatched" else "this_cycle"
        steps.append(PlannedStep(priority, step.task, step.title, step.stage, start, end, cycle,
                                 nodes, strength, status, note, tuple(dict.fromkeys(placed_by)),
                                 serves))
    return Plan(steps, check, branch, cycle, added, firings)
