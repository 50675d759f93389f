"""The advice and the plan in a notebook: a small HTML fragment, well formed and escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import attrs

from expert import advise
from expert.examples import EXAMPLES, example_profile
from expert.plan.steps import Plan
from expert.report.html_view import plan_html
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
