"""The advice and the plan in a notebook: a small HTML fragment, well formed and escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import attrs
import pytest

from expert import advise
from expert.examples import EXAMPLES, example_profile, example_programs
from expert.plan.steps import Plan
from expert.report.html_view import plan_html, review_html
from expert.report.text_view import headline

VOID = {"br", "hr", "img", "meta", "input"}


class Balanced(HTMLParser):
    """Checks that every tag opened is closed, in order, and collects the text."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, tag

    def handle_data(self, data):
        self.text += data


def parsed(html: str) -> Balanced:
    parser = Balanced()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return parser


def test_each_example_shows_its_headline_answers_and_first_steps():
    for name in EXAMPLES:
        advice = advise(example_profile(name))
        text = parsed(advice._repr_html_()).text
        for kind in ("apply_count", "step3", "prelim_backup"):
            assert headline(advice[kind]) in text
        for step in advice.plan[:3]:
            assert step.title in text
        assert len(advice.plan) <= 3 or advice.plan[3].title not in text


def test_the_plan_shows_all_its_steps_and_escapes_its_text():
    plan = advise(example_profile("state_univ_sample")).plan
    assert [s.title for s in plan][-1] in parsed(plan._repr_html_()).text
    hostile = attrs.evolve(plan[0], title="<script>alert(1)</script> & more")
    planted = Plan([hostile, *plan[1:]], plan.check, plan.branch, plan.cycle, plan.facts,
                   plan.firings)
    html = plan_html(planted)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<script>alert(1)</script> & more" in parsed(html).text


# --- the answers about the advice, and a program list's review ---------------------------------

HOSTILE = "<script>alert(1)</script> \x1b[2J & \u202eyaw"
"""A name from a program list that tries markup, a terminal escape and a bidi override."""
SHOWN = "<script>alert(1)</script> \\x1b[2J & \\u202eyaw"
"""What a reader sees of it: the markup as text, the invisible characters as escapes."""


def assert_shown_safely(html: str) -> None:
    assert "<script>" not in html and "\x1b" not in html and "\u202e" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\x1b[2J &amp; \\u202eyaw" in html
    assert SHOWN in parsed(html).text


@pytest.fixture(scope="module")
def advice():
    return advise(example_profile("state_univ_sample"))


@pytest.fixture(scope="module")
def reviewed():
    programs = list(example_programs("programs_example"))
    programs[0] = attrs.evolve(programs[0], name=HOSTILE)
    return advise(example_profile("state_univ_sample"), programs=programs)


def test_why_shows_its_rules_inputs_and_what_was_superseded(advice):
    answer = advice.why("step3")
    text = parsed(answer._repr_html_()).text
    assert f"Why {answer.subject}" in text
    for step in answer.steps:
        assert step.title in text and step.rule in text
    assert all(item.reason in text for item in answer.superseded)
    assert all(value in text for value in answer.inputs)
    assert_shown_safely(attrs.evolve(answer, subject=HOSTILE, inputs=(HOSTILE,))._repr_html_())


def test_why_not_shows_the_rules_that_could_have_given_it(advice):
    answer = advice.why_not("step3=not_needed")
    text = parsed(answer._repr_html_()).text
    assert "Why not step3 = not_needed?" in text and answer.answer in text
    assert all(c.rule in text and c.note in text for c in answer.candidates)
    unmet = advice.why_not("prelim_backup=false")
    assert all(u in parsed(unmet._repr_html_()).text for c in unmet.candidates for u in c.unmet)
    assert_shown_safely(attrs.evolve(answer, question=HOSTILE)._repr_html_())


def test_what_if_shows_each_difference_with_headline_answers_in_words(advice):
    answer = advice.what_if(step2ck=240)
    text = parsed(answer._repr_html_()).text
    assert "What if step2ck = 240?" in text
    assert f"{headline(advice['step3'])}" in text
    assert headline(answer.after["step3"]) in text
    assert all(c.why in text for c in answer.changes)
    assert "would not change" in parsed(advice.what_if(step2ck=224)._repr_html_()).text
    assert_shown_safely(attrs.evolve(answer, changes_asked={"step2ck": HOSTILE})._repr_html_())


def test_counterfactuals_show_each_change_and_what_it_would_give(advice):
    answer = advice.counterfactuals("step3")
    text = parsed(answer._repr_html_()).text
    assert "What would change step3?" in text and f"Now: {headline(advice['step3'])}." in text
    for option in answer.options:
        assert str(option) in text and headline(option.outcome.after["step3"]) in text
    assert f"Searched {answer.searched} changed profiles." in text
    assert_shown_safely(attrs.evolve(answer, question=HOSTILE)._repr_html_())


def test_a_review_shows_every_verdict_and_the_list_checks_with_names_escaped(reviewed):
    review = reviewed.programs
    html = review._repr_html_()
    text = parsed(html).text
    assert review.describe_counts() in text
    assert all(v.verdict in text for v in review)
    assert all(v.name in text for v in review[1:])
    assert all(check.summary in text for check in review.checks)
    assert_shown_safely(html)


def test_a_long_review_shows_its_first_rows_and_says_how_many_more(reviewed):
    html = review_html(reviewed.programs, limit=3)
    text = parsed(html).text
    assert reviewed.programs[2].name in text and reviewed.programs[3].name not in text
    assert f"and {len(reviewed.programs) - 3} more" in text


def test_a_verdict_shows_its_reasons_notes_and_rule(reviewed):
    verdict = reviewed.programs[0]
    html = verdict._repr_html_()
    text = parsed(html).text
    assert f": {verdict.verdict}" in text and verdict.where in text and verdict.rule in text
    assert all(reason in text for reason in verdict.reasons)
    assert all(note.summary in text for note in verdict.notes)
    assert_shown_safely(html)
    assert_shown_safely(verdict.why()._repr_html_())
    assert_shown_safely(verdict.why_not("reach")._repr_html_())


PLAIN_TAGS = {"div", "h3", "p", "ul", "ol", "li", "strong", "em", "code", "br", "table",
              "caption", "thead", "tbody", "tr", "th", "td"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[tuple[str, tuple]] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add((tag, tuple(attrs)))


def test_fragments_are_plain_markup_that_fetches_and_runs_nothing(advice, reviewed):
    shown = [advice, advice.plan, advice.why("step3"), advice.why_not("step3=not_needed"),
             advice.what_if(step2ck=240), advice.counterfactuals("step3"), reviewed.programs,
             reviewed.programs[0]]
    for answer in shown:
        parser = Tags()
        parser.feed(answer._repr_html_())
        assert {tag for tag, _ in parser.tags} <= PLAIN_TAGS, type(answer)
        assert all(attributes == () for _, attributes in parser.tags), type(answer)
