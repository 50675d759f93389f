"""Answers show themselves in IPython and Jupyter as their text, not as a long repr."""

from __future__ import annotations

import attrs
import pytest

from expert import advise
from expert.examples import example_profile, example_programs
from explain.display import counted, html_text

ADVICE = advise(example_profile("state_univ_sample"))


class Printer:
    """What IPython's pretty printer hands ``_repr_pretty_``."""

    def __init__(self) -> None:
        self.shown = ""

    def text(self, text: str) -> None:
        self.shown += text


@pytest.mark.parametrize("answer", [
    ADVICE.why("step3"), ADVICE.why_step(1), ADVICE.why_not("step3=not_needed"),
    ADVICE.what_if(step2ck=240), ADVICE.counterfactuals("step3"), ADVICE.plan,
], ids=["why", "why_step", "why_not", "what_if", "counterfactuals", "plan"])
def test_an_answer_shows_as_its_text(answer):
    printer = Printer()
    answer._repr_pretty_(printer, False)
    assert printer.shown == str(answer)
    cycled = Printer()
    answer._repr_pretty_(cycled, True)
    assert cycled.shown == "..."


PROGRAMS = advise(example_profile("state_univ_sample"),
                  programs=example_programs("programs_example")).programs


@pytest.mark.parametrize(("answer", "expected"), [
    (ADVICE.plan, "<Plan of 10 steps for this cycle; time check: fits>"),
    (ADVICE.why("step3"), "<Why 'step3 = take': 5 rules from 5 inputs, 2 superseded>"),
    (ADVICE.why_not("step3=not_needed"),
     "<WhyNot 'step3 = not_needed': 1 rule could give it, 1 fired>"),
    (ADVICE.what_if(step2ck=240),
     "<WhatIf step2ck = 240: 5 changes (outlook, apply_count, step3, timing, score_band)>"),
    (ADVICE.what_if(step2ck=224), "<WhatIf step2ck = 224: 0 changes>"),
    (ADVICE.counterfactuals("step3"), "<Counterfactuals 'step3': 3 options from 8 changed profiles>"),
    (PROGRAMS, "<ProgramReview of 14 programs: 2 reach, 4 match, 4 safety, 4 do-not-apply; "
               "3 list checks>"),
    (PROGRAMS[0], "<ProgramVerdict 'Lakeview Community Hospital (fictional)': safety "
                  "(programs.safety.j1)>"),
], ids=["plan", "why", "why_not", "what_if", "what_if_nothing", "counterfactuals", "review",
        "verdict"])
def test_an_answer_has_a_short_repr(answer, expected):
    assert repr(answer) == expected


def test_a_long_subject_is_cut_short_in_the_repr():
    shown = repr(ADVICE.why_step(1))
    assert "\n" not in shown and len(shown) < 110 and "…" in shown


HOSTILE = "<b>Lake\x1b[2JView\u202eyaw\n"


@pytest.mark.parametrize("answer", [
    attrs.evolve(ADVICE.why("step3"), subject=HOSTILE),
    attrs.evolve(ADVICE.why_not("step3=not_needed"), question=HOSTILE),
    attrs.evolve(ADVICE.what_if(step2ck=240), changes_asked={"step2ck": HOSTILE}),
    attrs.evolve(ADVICE.counterfactuals("step3"), question=HOSTILE),
], ids=["why", "why_not", "what_if", "counterfactuals"])
def test_a_repr_shows_control_characters_as_escapes(answer):
    shown = repr(answer)
    assert not any(char in shown for char in "\x1b\u202e\n")
    assert "\\x1b[2J" in shown and "\\u202e" in shown


def test_html_text_escapes_markup_and_shows_control_characters():
    assert html_text(HOSTILE) == "&lt;b&gt;Lake\\x1b[2JView\\u202eyaw\n"  # a newline is only space
    assert counted(1, "rule") == "1 rule" and counted(0, "rule") == "0 rules"
