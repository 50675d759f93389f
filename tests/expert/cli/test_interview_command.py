"""``img-advisor interview``: driven by a script (one answer per line) and, once, in a real
terminal (tmux)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from expert import advise
from expert.examples import example_profile
from expert.interview import Interview
from knowledge_base.kinds import SINGLE_ANSWER_KINDS
from tests.expert.interview.test_interview import value_at
from tests.terminal import Terminal, needs_tmux


def typed(value: Any, field: str) -> str:
    """What a person types for ``value`` (the inverse of Question.read)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "usce":
        return "; ".join(f"{b['specialty']} {b.get('type', 'observership')} "
                         f"{b.get('months', 1)}" for b in value) or "none"
    if field == "letters":
        return "; ".join(f"{b['specialty']} {'us' if b.get('us', True) else 'non-us'}"
                         for b in value) or "none"
    return str(value)


def script_for(profile: dict) -> list[str]:
    """The lines that answer the interview with ``profile``'s values."""
    interview, lines = Interview(), []
    while (asked := interview.next_question()) is not None:
        value = value_at(profile, asked.field)
        if value is None:
            interview.skip()
            lines.append("")
        else:
            interview.answer(value)
            lines.append(typed(value, asked.field))
    return lines


def run(lines: list[str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "expert", "interview", *args],
                          input="\n".join(lines) + "\n", capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("name", ["state_univ_sample", "med_peds_pending"])
def test_a_scripted_interview_saves_the_profile_and_shows_the_advice(tmp_path, name):
    profile = example_profile(name)
    result = run(script_for(profile), tmp_path, "--out", "profile.json")
    assert result.returncode == 0, result.stderr
    saved = json.loads((tmp_path / "profile.json").read_text("utf-8"))
    ours, theirs = advise(saved), advise(profile)
    for kind in SINGLE_ANSWER_KINDS:
        assert ours[kind].value == theirs[kind].value
    assert "Headline answers" in result.stdout and "First steps" in result.stdout
    assert "1. Which specialty are you applying to?" in result.stdout


def test_why_help_and_back_at_a_prompt(tmp_path):
    lines = script_for(example_profile("pmr_both_low"))
    script = [lines[0], "why", "help", lines[1], "back", lines[1], *lines[2:]]
    result = run(script, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Asked because" in out and "rule(s) that can still apply read step1.result" in out
    assert "source: " in out
    assert "Answers: pass, fail, or the score" in out
    assert "Taking back the answer to: What was your USMLE Step 1 result?" in out
    # prompted first, again after why and after help, named by back, prompted again
    assert out.count("What was your USMLE Step 1 result?") == 5


def test_a_bad_answer_is_asked_again(tmp_path):
    lines = script_for(example_profile("pmr_both_low"))
    result = run([lines[0], "nine hundred", "900", *lines[1:]], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Not an answer: 'nine hundred'" in result.stdout
    assert "Not an answer: step1.result: 900 is not allowed" in result.stdout


def test_answers_that_end_early_write_nothing_and_exit_2(tmp_path):
    result = run(["pmr", "pass"], tmp_path, "--out", "profile.json")
    assert result.returncode == 2
    assert "ended before the interview was done" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- in a real terminal ------------------------------------------------------------------------

@needs_tmux
def test_in_a_real_terminal_the_interview_asks_answers_and_saves(tmp_path):
    command = f"{sys.executable} -m expert interview --out profile.json"
    terminal = Terminal(tmp_path, command)
    try:
        lines = script_for(example_profile("state_univ_sample"))
        terminal.wait_for("1. Which specialty are you applying to?")
        terminal.type(lines[0])
        terminal.wait_for("2. What was your USMLE Step 1 result?")
        terminal.type("why")
        terminal.wait_for("Asked because")
        for number, line in enumerate(lines[1:], 2):
            terminal.wait_for(f"{number}. ")
            terminal.type(line)
        screen = terminal.wait_for("EXIT=")
        assert "EXIT=0" in screen and "saved in profile.json" in screen
    finally:
        terminal.close()
    saved = json.loads((tmp_path / "profile.json").read_text("utf-8"))
    assert saved["specialty"] == "internal_medicine" and saved["step2ck"]["score"] == 224


@needs_tmux
def test_in_a_real_terminal_ctrl_c_leaves_nothing_behind(tmp_path):
    terminal = Terminal(tmp_path, f"{sys.executable} -m expert interview --out profile.json")
    try:
        terminal.wait_for("1. Which specialty are you applying to?")
        terminal.type("pmr")
        terminal.wait_for("2. What was your USMLE Step 1 result?")
        terminal._tmux("send-keys", "-t", terminal.name, "C-c")
        screen = terminal.wait_for("EXIT=")
        assert "EXIT=130" in screen and "nothing was written" in screen
        assert "Traceback" not in screen
    finally:
        terminal.close()
    assert not (tmp_path / "profile.json").exists()
