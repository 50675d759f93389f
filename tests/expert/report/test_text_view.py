"""The text view reads as words, leads with what to do first, and keeps to its width."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from expert import advise
from expert.examples import EXAMPLES, example_profile
from expert.report.text_view import FIRST_STEPS, headline
from tests.strategies import profiles

CODE_LIKE = re.compile(r"\{'|\bNone\b(?! of)|\bTrue\b|\bFalse\b|\b[a-z0-9]+_[a-z0-9_]+\b|\d\.0 months")
"""What a person should never read: Python values, snake_case identifiers, "2.0 months"."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_the_short_view_is_written_in_words(data):
    text = advise(data).text()
    found = CODE_LIKE.findall(text)
    assert found == [], found


def test_the_view_leads_with_the_headline_answers_and_the_first_steps():
    advice = advise(example_profile("state_univ_sample"))
    lines = advice.text().splitlines()
    assert lines[0] == "Advice for an applicant to internal medicine: not a US citizen, needing " \
                       "a J-1 visa"
    assert lines.index("Headline answers") < lines.index("First steps") < 20
    first = lines.index("First steps")
    assert lines[first + 1:first + 1 + FIRST_STEPS] == advice.plan.lines(advice.plan[:FIRST_STEPS])
    assert "  How many programs: 80–120 programs. Apply to 80–120 programs," in advice.text()


def test_headlines_in_words():
    words = {name: {r.kind: headline(r) for r in advise(example_profile(name))
                    if r.kind in ("apply_count", "step3", "prelim_backup")}
             for name in EXAMPLES}
    assert words["state_univ_sample"] == {"apply_count": "80–120 programs",
                                          "step3": "Take Step 3", "prelim_backup": "No"}
    assert words["pmr_both_low"]["apply_count"] == "at least 60–80 programs"
    assert words["pmr_both_low"]["prelim_backup"] == \
        "Yes: preliminary internal medicine, transitional year"
    assert words["med_peds_pending"]["apply_count"] == (
        "40–80 programs: every realistic Med-Peds program, internal medicine or pediatrics "
        "40–80 (our estimate)")


def test_lines_keep_to_the_width_and_detail_adds_rules_and_sources():
    advice = advise(example_profile("med_psych_timeline"))
    narrow = advice.text(width=60)
    assert max(map(len, narrow.splitlines())) <= 60
    detailed = advice.text(detail=True, width=400)
    for r in advice:
        assert f"rule {r.rule}:" in detailed
        assert all(f"source {s}" in detailed for s in r.sources)


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_fits_a_screen_and_names_its_first_steps_with_months(name):
    """Issue 16: the default view in at most 60 lines at 100 columns, with the first steps and
    their months; the rest a line per topic, each saying how to see it."""
    advice = advise(example_profile(name))
    lines = advice.text(width=100).splitlines()
    assert len(lines) <= 60
    first = lines.index("First steps")
    for step in advice.plan[:FIRST_STEPS]:
        line = next(text for text in lines[first + 1:]
                    if text.startswith(f"{step.priority:>3}. "))
        assert step.describe_when() in line and step.title[:20] in line
    topics = [line for line in lines if "(--focus " in line]
    kinds = {r.kind for r in advice} - {"outlook", "apply_count", "step3", "prelim_backup",
                                         "scope"}
    assert len(topics) == len(kinds)
    for kind in kinds:
        focused = advice.text(focus=kind.replace("_", "-"))
        assert all(" ".join(r.summary.split()[:4]) in " ".join(focused.split())
                   for r in advice.all(kind))
