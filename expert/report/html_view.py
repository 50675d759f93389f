"""The advice and the answers about it as small HTML fragments, for notebooks (``_repr_html_``).

Headings, a list or a table; no scripts, no styles, nothing fetched. Every piece of text goes
through ``explain.display.html_text`` (control characters made visible, then escaped): names
and values from a profile or a program list are shown, never interpreted as markup. Why has its
fragment beside it in ``explain.display``, for ``explain`` knows nothing of the advisor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from expert.consultation.recommendation import Recommendation
from expert.report.text_view import FIRST_STEPS, for_whom, headline
from explain.display import html_text
from knowledge_base.kinds import KIND_HEADINGS, SINGLE_ANSWER_KINDS

if TYPE_CHECKING:
    from expert.advice import Advice
    from expert.plan.steps import Plan
    from expert.questions.counterfactuals import Counterfactuals
    from expert.questions.protocol import Answer
    from expert.questions.what_if import WhatIf
    from expert.questions.why_not import WhyNot
    from expert.triage.review import ProgramReview, ProgramVerdict

__all__ = ["REVIEW_ROWS", "advice_html", "counterfactuals_html", "plan_html", "review_html",
           "verdict_html", "what_if_html", "why_not_html"]

REVIEW_ROWS = 50
"""How many programs a review's table shows; ``print(review)`` lists them all."""


def _topic(kind: str) -> str:
    return html_text(KIND_HEADINGS.get(kind, kind))


def _in_words(answer: Answer, kind: str, given: str | None) -> str:
    """What ``answer`` says of ``kind``: a headline answer in words (``headline``), else
    ``given`` (the answer as the question wrote it), else "(none)"."""
    said = [r for r in answer.all(kind) if isinstance(r, Recommendation)]
    if given is not None and kind in SINGLE_ANSWER_KINDS and said:
        return "; ".join(map(headline, said))
    return "(none)" if given is None else given


def plan_html(plan: Plan, limit: int | None = None) -> str:
    """The plan's steps (the first ``limit`` of them) as a table: number, months, step."""
    rows = "".join(
        f"<tr><td>{step.priority}</td><td>{html_text(step.describe_when())}</td>"
        f"<td>{html_text(step.title)}</td></tr>"
        for step in plan[:limit])
    return (f"<table><caption>{html_text(plan.heading().rstrip(':'))}</caption>"
            f"<thead><tr><th>#</th><th>When</th><th>Step</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def advice_html(advice: Advice) -> str:
    """Who it is for, the headline answers with their reasons, and the first steps."""
    answers = "".join(
        f"<li><strong>{_topic(r.kind)}: {html_text(headline(r))}.</strong> "
        f"{html_text(r.summary)}</li>"
        for kind in SINGLE_ANSWER_KINDS for r in advice.all(kind))
    notes = "".join(f"<p><em>{html_text(r.summary)}</em></p>" for r in advice.all("scope"))
    return (f"<div><h3>{html_text(for_whom(advice))}</h3>{notes}<ul>{answers}</ul>"
            f"{plan_html(advice.plan, FIRST_STEPS) if advice.plan else ''}"
            f"<p>{len(advice)} recommendations in all; <code>print(advice)</code> shows them "
            f"by topic.</p></div>")


def why_not_html(answer: WhyNot) -> str:
    """The answer given, then each rule that could have given the one asked about, with the
    premises that did not hold."""
    rules = "".join(
        f"<li><strong>{html_text(c.title)}</strong> [{html_text(c.strength)}] "
        f"(<code>{html_text(c.rule)}</code>)"
        + (f"<ul>{''.join(f'<li>not met: {html_text(u)}</li>' for u in c.unmet)}</ul>"
           if c.unmet else "")
        + (f"<br><em>{html_text(c.note)}</em>" if c.note else "")
        + "</li>"
        for c in answer.candidates)
    return (f"<div><h3>Why not {html_text(answer.question)}?</h3>"
            f"<p>{html_text(answer.answer)}</p>"
            + (f"<p>Rules that could have given it:</p><ul>{rules}</ul>" if rules else "")
            + "</div>")


def what_if_html(answer: WhatIf) -> str:
    """Each difference the changes would make, as a table: topic, now, would be, why."""
    heading = f"<h3>What if {html_text(answer.asked())}?</h3>"
    if not answer.changes:
        return f"<div>{heading}<p>The advice would not change.</p></div>"
    rows = "".join(
        f"<tr><td>{_topic(c.kind)}</td>"
        f"<td>{html_text(_in_words(answer.before, c.kind, c.before))}</td>"
        f"<td>{html_text(_in_words(answer.after, c.kind, c.after))}</td>"
        f"<td>{html_text(c.why)} (<code>{html_text(c.rule)}</code>)</td></tr>"
        for c in answer.changes)
    return (f"<div>{heading}<table><thead><tr><th>Topic</th><th>Now</th><th>Would be</th>"
            f"<th>Why</th></tr></thead><tbody>{rows}</tbody></table></div>")


def counterfactuals_html(answer: Counterfactuals) -> str:
    """The answer now, then each change that would change it and what it would then be."""
    kind = answer.kind
    rows = "".join(
        f"<tr><td>{html_text(option)}</td><td>"
        f"{html_text(_in_words(option.outcome.after, kind, '; '.join(option.result(kind))))}"
        f"</td></tr>"
        for option in answer.options)
    if rows:
        found = (f"<table><thead><tr><th>Change</th><th>{_topic(kind)} would be</th>"
                 f"</tr></thead><tbody>{rows}</tbody></table>")
    else:
        found = ("<p>No realistic change of one or two fields would.</p>" if answer.complete
                 else "<p>None found within the search budget.</p>")
    now = "; ".join(answer.current) or "none"
    if answer.options:  # each option was compared with the advice searched from
        now = _in_words(answer.options[0].outcome.before, kind, now)
    done = "" if answer.complete else " (stopped at the search budget)"
    return (f"<div><h3>What would change {html_text(answer.question)}?</h3>"
            f"<p>Now: {html_text(now)}.</p>{found}"
            f"<p>Searched {answer.searched} changed profiles{done}.</p></div>")


def verdict_html(verdict: ProgramVerdict) -> str:
    """One program: its verdict, the reasons, the notes, the deciding rule."""
    where = f" ({html_text(verdict.where)})" if verdict.where else ""
    reasons = "".join(f"<li>{html_text(reason)}</li>" for reason in verdict.reasons)
    notes = "".join(f"<li>{html_text(n.value['tone'])}: {html_text(n.summary)}</li>"
                    for n in verdict.notes)
    unknown = (f"<p>Not known from the list: {html_text(', '.join(verdict.unknown))}.</p>"
               if verdict.unknown else "")
    return (f"<div><h3>{html_text(verdict.name)}{where}: {html_text(verdict.verdict)}</h3>"
            f"<ul>{reasons}</ul>{f'<p>Notes:</p><ul>{notes}</ul>' if notes else ''}{unknown}"
            f"<p>Rule <code>{html_text(verdict.rule)}</code>.</p></div>")


def review_html(review: ProgramReview, limit: int = REVIEW_ROWS) -> str:
    """The counts, each program (the first ``limit``) with its verdict and its main reason,
    then the list checks."""
    rows = "".join(
        f"<tr><td>{html_text(v.name)}</td><td>{html_text(v.verdict)}</td>"
        f"<td>{html_text(v.reasons[0])}</td><td><code>{html_text(v.rule)}</code></td></tr>"
        for v in review[:limit])
    more = (f"<p>… and {len(review) - limit} more: <code>print(advice.programs)</code> lists "
            f"them all.</p>" if len(review) > limit else "")
    checks = "".join(
        f"<li><strong>{html_text(c.describe_value())}</strong> [{html_text(c.strength)}] "
        f"{html_text(c.summary)}</li>"
        for c in review.checks)
    return (f"<div><h3>{html_text(review.describe_counts())}</h3>"
            f"<table><thead><tr><th>Program</th><th>Verdict</th><th>Why</th><th>Rule</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>{more}"
            + (f"<p>List checks:</p><ul>{checks}</ul>" if checks
               else "<p>List checks: nothing to report.</p>")
            + "</div>")
