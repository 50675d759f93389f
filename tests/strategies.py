"""Hypothesis strategies for valid profiles, and for junk where a profile should be."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from knowledge_base.profile import SPECIALTIES

scores = st.integers(min_value=180, max_value=270)


@st.composite
def step2ck(draw) -> dict:
    status = draw(st.sampled_from(["taken", "taken", "taken", "pending", "failed"]))
    exam: dict = {"status": status, "attempts": draw(st.integers(1, 3))}
    if status == "taken":
        exam["score"] = draw(scores)
    elif status == "pending":
        exam["practice_score"] = draw(st.none() | scores)
    return {k: v for k, v in exam.items() if v is not None}


@st.composite
def profiles(draw) -> dict:
    citizenship = draw(st.sampled_from(["non_us", "non_us", "us_citizen", "permanent_resident"]))
    visa = draw(st.sampled_from(["j1", "h1b", "none"])) if citizenship == "non_us" else "none"
    step3 = draw(st.sampled_from(["not_taken", "not_taken", "passed", "failed"]))
    season = draw(st.none() | st.integers(2024, 2030))
    return {
        "specialty": draw(st.sampled_from(SPECIALTIES)),
        "citizenship": citizenship,
        "visa": visa,
        "step1": {"result": draw(st.sampled_from(["pass", "fail"]) | scores),
                  "attempts": draw(st.integers(1, 3))},
        "step2ck": draw(step2ck()),
        "step3": {"status": step3},
        "graduation_year": draw(st.none() | st.integers(2005, season or 2030)),
        "season": season,
        "usce": draw(st.lists(st.fixed_dictionaries({
            "specialty": st.sampled_from(SPECIALTIES),
            "type": st.sampled_from(["observership", "externship", "elective", "sub_internship"]),
            "months": st.sampled_from([0.5, 1, 2, 3]),
        }), max_size=3)),
        "letters": draw(st.lists(st.fixed_dictionaries({
            "specialty": st.sampled_from(SPECIALTIES), "us": st.booleans()}), max_size=4)),
        "phase": draw(st.sampled_from(["preparing", "applying", "interviewing", "ranking",
                                       "unmatched"])),
        "months_until_eras": draw(st.none() | st.integers(0, 24)),
    }


# --- junk --------------------------------------------------------------------------------------

FIELD_NAMES = ["specialty", "step1", "step2ck", "step3", "usce", "letters", "result", "score",
               "status", "months", "attempts", "us", "type", "season", "graduation_year"]

long_text = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=3),
                      st.integers(1_000, 200_000))
"""Strings of thousands of characters, cheaply."""

junk = st.recursive(
    st.none() | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**400), 2**63, -(2**63) - 1, 10**30])  # beyond float, int64
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=10)  # any unicode, empty too
    | st.sampled_from(["", " ", "\x00", "\ud800", "pmr\u200b", "ＰＭＲ", "Pmr", "pass "])
    | long_text,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)
"""JSON-like values of every wrong kind: types, NaN and infinities, huge numbers, empty, odd
unicode and very long strings, nested lists and objects."""

FIELD_PATHS = [
    ("specialty",), ("step1",), ("step1", "result"), ("step1", "attempts"), ("step2ck",),
    ("step2ck", "score"), ("step2ck", "status"), ("step2ck", "practice_score"), ("step3",),
    ("citizenship",), ("visa",), ("graduation_year",), ("usce",), ("usce", 0),
    ("usce", 0, "months"), ("usce", 0, "hands_on"), ("letters",), ("letters", 0, "us"),
    ("phase",), ("months_until_eras",), ("interviews",), ("season",), ("extra",),
]

VALID: dict[str, Any] = {
    "specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214},
    "usce": [{"specialty": "pmr", "months": 1}], "letters": [{"specialty": "pmr"}],
}


def with_value(path: tuple, value: Any) -> dict[str, Any]:
    """A valid profile with the value at ``path`` replaced."""
    data = copy.deepcopy(VALID)
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@st.composite
def with_junk(draw) -> dict[str, Any]:
    """A valid profile with junk at one or two of its field paths."""
    data = with_value(draw(st.sampled_from(FIELD_PATHS)), draw(junk))
    if draw(st.booleans()):
        path = draw(st.sampled_from([p for p in FIELD_PATHS if len(p) == 1]))
        data[path[0]] = draw(junk)
    return data
