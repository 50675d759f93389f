"""Answers show themselves in IPython and Jupyter as their text, not as a long repr."""

from __future__ import annotations

import pytest

from expert import advise
from expert.examples import example_profile

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
