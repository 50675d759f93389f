"""The exhaustive sweep of the shipped rules, and how its grid is built."""

from __future__ import annotations

import pytest

from expert.verification.sweep import around, blocks, build_grid, sweep, thresholds_of
from knowledge_base import INCOMPATIBLE, RULES


def test_thresholds_are_read_from_the_rules():
    assert thresholds_of(RULES, "step2ck.score") == [210, 220, 225, 230, 235, 240, 245]
    assert around(RULES, "step1.score") == [214, 215, 216, 219, 220, 221, 229, 230, 231]
    assert around(RULES, "step1.score", (0,)) == [214, 215, 220, 230]  # one per interval


def test_every_specialty_visa_and_phase_is_in_the_grid():
    profiles = build_grid(RULES, "full").profiles
    assert len({p["specialty"] for p in profiles}) == 19
    assert [name for name, _ in blocks(RULES)] == ["scores", "experience", "cycle", "timing",
                                                   "other fields"]
    assert {p["visa"] for p in profiles} == {"none", "j1", "h1b"}
    assert {p["phase"] for p in profiles} == {"preparing", "applying", "interviewing", "ranking",
                                              "unmatched"}
    scores = {p["step2ck"].get("score") for p in profiles}
    assert {209, 210, 211, 244, 245, 246} <= scores


def test_neighbours_differ_in_one_axis_and_the_second_is_better():
    grid = build_grid(RULES, "quick")
    assert grid.neighbours
    for worse, better, axis in grid.neighbours[::97]:
        before, after = grid.profiles[worse], grid.profiles[better]
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert len(changed) == 1, (axis, before, after)
        (key,) = changed
        if axis in ("usce", "letters"):
            assert len(after[key]) == len(before.get(key, [])) + 1
        elif key == "step2ck" and "score" in after[key] and "score" in before[key]:
            assert after[key]["score"] > before[key]["score"]


@pytest.mark.slow
def test_the_shipped_rules_pass_the_full_sweep(capsys):
    result = sweep(RULES, INCOMPATIBLE, size="full")
    with capsys.disabled():
        print(f"\n{result.summary()}; {len(result.fired)} of {len(RULES)} rules fired")
    assert [str(d) for d in result.defects] == []
    assert result.profiles > 20_000 and result.consulted > 5_000 and result.pairs > 20_000
    assert len(result.fired) > 0.9 * len(RULES)
