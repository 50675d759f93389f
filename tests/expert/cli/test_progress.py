"""On a terminal, a batch shows how far it is: done of the total, the rate, the time left."""

from __future__ import annotations

import json
import sys

from expert.examples import EXAMPLES, example_profile
from tests.terminal import Terminal, needs_tmux


@needs_tmux
def test_a_batch_on_a_terminal_shows_done_of_total_and_rate(tmp_path):
    cohort = tmp_path / "cohort.jsonl"
    lines = [json.dumps(example_profile(name)) for name in EXAMPLES] * 12
    cohort.write_text("\n".join(lines) + "\n\n", "utf-8")
    terminal = Terminal(tmp_path, f"{sys.executable} -m expert batch cohort.jsonl --out "
                                  f"results.jsonl")
    try:
        screen = terminal.wait_for("EXIT=")
    finally:
        terminal.close()
    assert "EXIT=0" in screen
    assert f"{len(lines)}/{len(lines)}" in screen and "profiles," in screen and "/s" in screen
    assert len((tmp_path / "results.jsonl").read_text("utf-8").splitlines()) == len(lines)


@needs_tmux
def test_kb_check_on_a_terminal_shows_the_sweep_going(tmp_path):
    terminal = Terminal(tmp_path, f"{sys.executable} -m expert kb check --processes 2")
    try:
        screen = terminal.wait_for("EXIT=", timeout=300)
    finally:
        terminal.close()
    assert "EXIT=0" in screen
    assert "sweep, profiles grouped" in screen and "sweep, classes consulted" in screen
