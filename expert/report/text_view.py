"""The advice as text for a person: a short view that leads with what to do first.

In order: who the advice is for (and the scope note), the headline answers in words with the
reason for each, the plan's first steps with their months, the whole plan, then the rest of
the advice by topic, a line each (the topic, how many recommendations of each strength, and
the ``--focus`` that writes it out: its kind with hyphens). ``detail`` writes every
recommendation out, with its rule and sources; ``focus`` keeps one kind of recommendation,
written out, and the steps that carry it out. Lines are wrapped to ``width``. Text from the
profile is escaped where it reaches a terminal (``expert.cli.output``), not here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS
from knowledge_base.profile import SPECIALTY_NAMES
from knowledge_base.rule import STRENGTHS

if TYPE_CHECKING:
    from expert.advice import Advice
    from expert.consultation.recommendation import Recommendation
    from expert.plan.steps import Plan, PlannedStep

__all__ = ["FIRST_STEPS", "advice_text", "for_whom", "headline"]

FIRST_STEPS = 3
"""How many of the plan's steps the view puts first."""

WORDS: dict[str, dict[Any, str]] = {
    "outlook": {"high_risk": "High risk", "moderate_risk": "Moderate risk",
                "lower_risk": "Lower risk"},
    "step3": {"take": "Take Step 3", "consider": "Consider Step 3",
              "dont_rush": "Do not rush Step 3", "not_needed": "Not needed before applying",
              "done": "Already passed"},
}
TRACKS = {"prelim_im": "preliminary internal medicine", "prelim_surgery": "preliminary surgery",
          "transitional_year": "transitional year"}
VISAS = {"j1": "a J-1 visa", "h1b": "an H-1B visa", "none": "no visa"}
CITIZENSHIP = {"us_citizen": "a US citizen", "permanent_resident": "a US permanent resident"}


def _track(track: str) -> str:
    return " or ".join(SPECIALTY_NAMES.get(part, part.replace("_", " "))
                       for part in track.split("_or_"))


def _part(part: dict[str, Any]) -> str:
    track = _track(part["track"])
    if part["scope"] == "count":
        text = f"{track} {'at least ' if part['at_least'] else ''}{part['min']}–{part['max']}"
        return text + (" (our estimate)" if part["basis"] == "our_estimate" else "")
    return {"a_few": f"a few {track} programs",
            "all_realistic": f"every realistic {track} program",
            "anchor": f"{track} programs to anchor the list"}[part["scope"]]


def headline(recommendation: Recommendation) -> str:
    """The answer of a single-answer kind, in words."""
    kind, value = recommendation.kind, recommendation.value
    if kind in WORDS:
        return WORDS[kind][value]
    if kind == "apply_count":
        total = f"{'at least ' if value['at_least'] else ''}{value['min']}–{value['max']} programs"
        parts = value["parts"]
        if len(parts) == 1 and parts[0]["scope"] == "count":
            return total + (" (our estimate)" if parts[0]["basis"] == "our_estimate" else "")
        return f"{total}: " + ", ".join(map(_part, parts))
    if kind == "prelim_backup":
        return ("Yes: " + ", ".join(TRACKS[t] for t in value["tracks"])) if value["recommended"] \
            else "No"
    return recommendation.describe_value()


class _Writer:
    """Wrapped lines, with the indent of the block they are in."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def steps(self, plan: Plan, steps: Sequence[PlannedStep]) -> None:
        """Steps as the plan lists them, each title wrapped under itself."""
        for number, title in plan.rows(steps):
            self.lines.extend(textwrap.wrap(title, self.width, initial_indent=number,
                                            subsequent_indent=" " * len(number),
                                            break_on_hyphens=False))

    def line(self, text: str = "", indent: str = "", hang: str = "") -> None:
        if not text:
            self.lines.append("")
            return
        self.lines.extend(textwrap.wrap(text, self.width, initial_indent=indent,
                                        subsequent_indent=indent + hang,
                                        break_on_hyphens=False) or [indent])


def for_whom(advice: Advice) -> str:
    """Who the advice is for, in a line."""
    profile = advice.profile
    who = CITIZENSHIP.get(profile.citizenship) or f"not a US citizen, needing {VISAS[profile.visa]}"
    return f"Advice for an applicant to {SPECIALTY_NAMES[profile.specialty]}: {who}"


def _sources(recommendation: Recommendation) -> Iterator[str]:
    yield f"rule {recommendation.rule}: {recommendation.title}"
    yield from (f"source {source}" for source in recommendation.sources)


def advice_text(advice: Advice, *, detail: bool = False, focus: str | None = None,
                width: int = 100) -> str:
    """The advice as text (see the module's docstring)."""
    out = _Writer(width)
    shown: Sequence[Recommendation] = advice.all(focus) if focus else advice.recommendations
    out.line(for_whom(advice))
    for note in advice.all("scope"):
        out.line(f"Note: {note.summary}", hang="  ")

    def explained(recommendation: Recommendation, indent: str) -> None:
        if detail:
            for text in _sources(recommendation):
                out.line(text, indent + "    ", "  ")

    headlines = [r for r in shown if r.kind in SINGLE_ANSWER_KINDS]
    if headlines:
        out.line()
        out.line("Headline answers")
        for r in headlines:
            serves = advice.plan.serves(r.node) if r.kind != "outlook" else None
            when = f" ({serves})" if serves else ""
            out.line(f"{KIND_HEADINGS[r.kind]}: {headline(r)}{when}. {r.summary}", "  ", "  ")
            explained(r, "")
    nodes = {r.node for r in shown}
    steps = [s for s in advice.plan if not focus or nodes & set(s.recommendations)]
    if steps and focus:
        out.line()
        out.line("Steps that carry it out")
        out.steps(advice.plan, steps)
    elif steps:
        out.line()
        out.line("First steps")
        out.steps(advice.plan, steps[:FIRST_STEPS])
        if len(steps) > FIRST_STEPS:
            out.line()
            out.line(advice.plan.heading().rstrip(":"))
            out.steps(advice.plan, steps)
        if advice.plan.check is not None:
            out.line(f"Time check: {advice.plan.check.note}", hang="  ")
    rest = [r for r in shown if r.kind not in SINGLE_ANSWER_KINDS and r.kind != "scope"]
    kinds = dict.fromkeys(r.kind for r in rest)
    if rest and not (detail or focus):
        out.line()
        out.line("More advice, by topic (--detail writes all of it out)")
        for kind in kinds:
            mine = [r for r in rest if r.kind == kind]
            out.line(f"{KIND_HEADINGS[kind]}: {_counted(mine)}  (--focus "
                     f"{kind.replace('_', '-')})", "  ", "  ")
    elif rest:
        out.line()
        out.line("The rest of the advice" if not focus else KIND_HEADINGS[focus])
        for kind in kinds:
            if not focus:
                out.line(KIND_HEADINGS[kind], "  ")
            for r in (r for r in rest if r.kind == kind):
                out.line(f"- {r.summary} ({r.strength})", "    ", "  ")
                explained(r, "  ")
    return "\n".join(out.lines)


def _counted(recommendations: Sequence[Recommendation]) -> str:
    """How many recommendations there are of each strength, strongest first."""
    counts = {strength: sum(r.strength == strength for r in recommendations)
              for strength in STRENGTHS}
    return ", ".join(f"{n} {strength}" for strength, n in counts.items() if n)
