"""Hypothesis strategies for valid profiles."""

from __future__ import annotations

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
