"""What a report says, worked out once for every format (HTML, Markdown, PDF).

``report_of(advice)`` gathers, in the order a reader meets them: who the advice is for and the
scope notes, the profile at a glance, the headline answers with the rule that decided each, the
plan (its heading, time check, timeline picture and checklist), the program review when a list
was given, the rest of the advice by topic, and every source the advice cites, by document and
section. The templates only lay it out.

The focused drawing of each headline answer needs Graphviz; without it the report is written
all the same, saying how to get the drawings.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Optional

import attrs
from markupsafe import Markup

from expert.report.plan_chart import timeline_svg
from expert.report.text_view import for_whom, headline
from explain.render import INSTALL_HINT, GraphvizNotFound
from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS
from knowledge_base.profile import SPECIALTY_NAMES
from knowledge_base.sources import DOCUMENTS, Source

if TYPE_CHECKING:
    from expert.advice import Advice
    from expert.consultation.recommendation import Recommendation
    from expert.plan.steps import Plan
    from expert.triage.review import ProgramReview
    from knowledge_base.profile import Profile

__all__ = ["ChecklistStep", "CitedDocument", "Headline", "Item", "ProgramRow", "ReportContent",
           "Topic", "report_of"]


@attrs.frozen
class Item:
    """One recommendation as the report lists it."""

    summary: str
    strength: str
    rule: str
    sources: tuple[str, ...]


@attrs.frozen
class Headline:
    """A headline answer: what it is, the advice, the rule that decided it, its drawing."""

    kind: str
    heading: str
    answer: str
    serves: Optional[str]
    item: Item
    why: str
    """The title of the rule that decided it: the reason in a line."""
    chain: tuple[str, ...]
    """The titles of the rules from the profile to the answer, in order (what the drawing
    shows, in words)."""
    diagram: Optional[str]
    """The focused drawing as a ``data:`` URL of its SVG (None without Graphviz)."""


@attrs.frozen
class ChecklistStep:
    """A step of the plan, as a line of the checklist."""

    number: int
    when: str
    title: str
    strength: str
    status: str
    note: Optional[str]
    serves: str


@attrs.frozen
class Topic:
    heading: str
    items: tuple[Item, ...]


@attrs.frozen
class ProgramRow:
    name: str
    place: str
    verdict: str
    reasons: tuple[str, ...]
    notes: tuple[str, ...]


@attrs.frozen
class CitedDocument:
    """One document and the sections of it that the advice cites, each with the topics that
    cite it."""

    doc: str
    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]


@attrs.frozen
class ReportContent:
    """Everything a report shows (see the module's docstring)."""

    title: str
    who: str
    notes: tuple[str, ...]
    profile: tuple[tuple[str, str], ...]
    headlines: tuple[Headline, ...]
    plan_heading: Optional[str]
    calendar_note: str
    check: Optional[str]
    timeline: Optional[Markup]
    """The plan's timeline as an inline SVG element; None when no step has months."""
    timeline_left_out: int
    """Steps without months, in the checklist but not in the picture."""
    steps: tuple[ChecklistStep, ...]
    programs: Optional[tuple[ProgramRow, ...]]
    program_counts: Optional[str]
    list_checks: tuple[Item, ...]
    topics: tuple[Topic, ...]
    citations: tuple[CitedDocument, ...]
    diagrams_missing: Optional[str]
    """Why the drawings are not in the report, and how to get them; None when they are."""


def _item(recommendation: Recommendation) -> Item:
    return Item(recommendation.summary, recommendation.strength, recommendation.rule,
                tuple(map(str, recommendation.sources)))


def _svg_url(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _exam(result: object, attempts: int) -> str:
    tries = "" if attempts == 1 else f" ({attempts} attempts)"
    return f"{result}{tries}"


def _count(number: float, noun: str) -> str:
    return f"{number:g} {noun}{'' if number == 1 else 's'}"


def _profile_facts(profile: Profile) -> tuple[tuple[str, str], ...]:
    """The inputs a reader checks first, in words."""
    step2 = profile.step2ck
    step2_text = {"taken": f"{step2.score}", "failed": "failed, not yet passed",
                  "pending": "not taken yet"
                  + (f" (practice score {step2.practice_score})" if step2.practice_score else "")
                  }[step2.status]
    step3 = profile.step3
    usce_months = sum(block.months for block in profile.usce)
    phase = profile.phase.replace("_", " ")
    if profile.months_until_eras is not None:
        phase += f", {profile.months_until_eras} months before ERAS opens"
    if profile.season is not None:
        phase += f", {profile.season} Match"
    return (
        ("Specialty", SPECIALTY_NAMES[profile.specialty]),
        ("Step 1", _exam(profile.step1.result, profile.step1.attempts)),
        ("Step 2 CK", _exam(step2_text, step2.attempts)),
        ("Step 3", step3.status.replace("_", " ")
         + (f", {step3.score}" if step3.score is not None else "")),
        ("US clinical experience", f"{_count(usce_months, 'month')} in "
         f"{_count(len(profile.usce), 'block')}" if profile.usce else "none"),
        ("Where in the cycle", phase),
    )


def _headlines(advice: Advice, diagrams: bool) -> tuple[tuple[Headline, ...], Optional[str]]:
    missing: Optional[str] = None
    found = []
    for kind in SINGLE_ANSWER_KINDS:
        for recommendation in advice.all(kind):
            drawing = None
            if diagrams and missing is None:
                try:
                    drawing = _svg_url(advice.diagram(kind).render("svg"))
                except GraphvizNotFound:
                    missing = f"The drawings are left out: {INSTALL_HINT}"
            serves = advice.plan.serves(recommendation.node) if kind != "outlook" else None
            chain = tuple(step.title for step in advice.why(recommendation).steps)
            found.append(Headline(kind, KIND_HEADINGS[kind], headline(recommendation), serves,
                                  _item(recommendation), recommendation.title, chain, drawing))
    return tuple(found), missing if diagrams else None


def _steps(plan: Plan) -> tuple[ChecklistStep, ...]:
    """The checklist; a note that every step with a note shares is left out (it is the
    compressed timeline's, which the plan's heading says)."""
    notes = [step.note for step in plan if step.note]
    common = notes[0] if len(notes) > 1 and len(set(notes)) == 1 else None
    return tuple(ChecklistStep(s.priority, s.describe_when(), s.title, s.strength, s.status,
                      None if s.note == common else s.note, s.serves) for s in plan)


def _programs(review: ProgramReview) -> tuple[ProgramRow, ...]:
    rows = []
    for verdict in review:
        notes = tuple(f"{note.value['tone']}: {note.summary}" for note in verdict.notes)
        rows.append(ProgramRow(verdict.name, verdict.where.replace("_", " "),
                               verdict.verdict.replace("_", " "), verdict.reasons, notes))
    return tuple(rows)


def _citations(cited: Iterable[tuple[str, Sequence[Source]]]) -> tuple[CitedDocument, ...]:
    """Every cited section, by document in the documents' order, sections sorted, each with
    the topics citing it in the order they first cite it."""
    topics: dict[Source, dict[str, None]] = {}
    for topic, sources in cited:
        for source in sources:
            topics.setdefault(source, {})[topic] = None
    return tuple(
        CitedDocument(doc, title, tuple((source.section, tuple(topics[source]))
                                   for source in sorted(topics) if source.doc == doc))
        for doc, title in DOCUMENTS.items() if any(source.doc == doc for source in topics))


def report_of(advice: Advice, *, diagrams: bool = True) -> ReportContent:
    """The report of ``advice`` (without the drawings when ``diagrams`` is false)."""
    headlines, missing = _headlines(advice, diagrams)
    plan = advice.plan
    rest = [r for r in advice.recommendations
            if r.kind not in SINGLE_ANSWER_KINDS and r.kind not in ("scope", "program_list")]
    kinds = dict.fromkeys(r.kind for r in rest)
    review = advice.programs
    cited: list[tuple[str, Sequence[Source]]] = [
        (KIND_HEADINGS[r.kind], r.sources) for r in advice.recommendations]
    if review is not None:
        cited.extend(("Program list", rec.sources) for verdict in review
                     for rec in (verdict.recommendation, *verdict.notes))
    return ReportContent(
        title=f"Residency application plan: {SPECIALTY_NAMES[advice.profile.specialty]}",
        who=for_whom(advice),
        notes=tuple(r.summary for r in advice.all("scope")),
        profile=_profile_facts(advice.profile),
        headlines=headlines,
        plan_heading=plan.heading().rstrip(":") if len(plan) else None,
        calendar_note=plan.calendar()["note"],
        check=None if plan.check is None else plan.check.note,
        timeline=None if (svg := timeline_svg(plan)) is None else Markup(svg),
        timeline_left_out=sum(s.start is None or s.end is None for s in plan),
        steps=_steps(plan),
        programs=None if review is None else _programs(review),
        program_counts=None if review is None else review.describe_counts(),
        list_checks=tuple(map(_item, advice.all("program_list"))),
        topics=tuple(Topic(KIND_HEADINGS[kind], tuple(_item(r) for r in rest if r.kind == kind))
                     for kind in kinds),
        citations=_citations(cited),
        diagrams_missing=missing,
    )
