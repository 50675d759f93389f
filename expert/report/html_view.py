"""The advice as a small HTML fragment, for notebooks (``_repr_html_``).

Every piece of text is escaped (``html.escape``): names and values from a profile are shown,
never interpreted as markup.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from expert.report.text_view import FIRST_STEPS, for_whom, headline
from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS

if TYPE_CHECKING:
    from expert.advice import Advice
    from expert.plan.steps import Plan

__all__ = ["advice_html", "plan_html"]


def plan_html(plan: Plan, limit: int | None = None) -> str:
    """The plan's steps (the first ``limit`` of them) as a table: number, months, step."""
    rows = "".join(
        f"<tr><td>{step.priority}</td><td>{escape(step.describe_when())}</td>"
        f"<td>{escape(step.title)}</td></tr>"
        for step in plan[:limit])
    return (f"<table><caption>{escape(plan.heading().rstrip(':'))}</caption>"
            f"<thead><tr><th>#</th><th>When</th><th>Step</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def advice_html(advice: Advice) -> str:
    """Who it is for, the headline answers with their reasons, and the first steps."""
    answers = "".join(
        f"<li><strong>{escape(KIND_HEADINGS[r.kind])}: {escape(headline(r))}.</strong> "
        f"{escape(r.summary)}</li>"
        for kind in SINGLE_ANSWER_KINDS for r in advice.all(kind))
    notes = "".join(f"<p><em>{escape(r.summary)}</em></p>" for r in advice.all("scope"))
    return (f"<div><h3>{escape(for_whom(advice))}</h3>{notes}<ul>{answers}</ul>"
            f"{plan_html(advice.plan, FIRST_STEPS) if advice.plan else ''}"
            f"<p>{len(advice)} recommendations in all; <code>print(advice)</code> shows them "
            f"by topic.</p></div>")
