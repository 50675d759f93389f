"""What-if paths and shorthands (issue 18): a shorthand changes only what it names, one path
syntax for what-if and for problems (``usce[0].months``, ``usce.0.months`` too), and every bad
change a ``ProfileError`` naming the path and its code, never another exception."""

from __future__ import annotations

import pytest

from expert import ProfileError, advise
from expert.errors import ERROR_CODES
from expert.questions.what_if import change_value, changed_profile, path_steps
from tests.conftest import profile

FAILED_BEFORE = profile(step1={"result": "pass", "attempts": 2},
                        step2ck={"score": 224, "attempts": 2},
                        usce=[{"specialty": "internal_medicine", "type": "externship",
                               "months": 1}])


@pytest.fixture(scope="module")
def advice():
    return advise(FAILED_BEFORE)


def test_the_readme_shorthand_keeps_the_attempts(advice):
    """``what_if(step2ck=230)`` used to replace the whole exam: attempts 2 became 1 and the
    earlier failure was forgotten."""
    after = advice.what_if(step2ck=230).after.profile
    assert after.step2ck.score == 230 and after.step2ck.attempts == 2
    assert after.step2ck.status == "taken"
    assert advice.what_if(step2ck=224).changes == ()  # the same score: nothing changes


def test_the_step1_shorthand_keeps_the_attempts(advice):
    after = advice.what_if(step1=209).after.profile
    assert after.step1.result == 209 and after.step1.attempts == 2
    assert advice.what_if(step1="pass").changes == ()


def test_a_whole_number_written_as_a_fraction_is_a_score_too(advice):
    assert advice.what_if(step2ck=230.0).after.profile.step2ck == \
        advice.what_if(step2ck=230).after.profile.step2ck


def test_an_object_replaces_the_whole_exam(advice):
    after = advice.what_if(step2ck={"score": 230}).after.profile
    assert after.step2ck.attempts == 1


def test_a_pending_exam_given_a_score_is_taken_and_keeps_its_attempts():
    data = {"step2ck": {"status": "pending", "practice_score": 220, "attempts": 2}}
    changed = changed_profile(data, {"step2ck": 231})
    assert changed["step2ck"] == {"status": "taken", "score": 231, "attempts": 2}


@pytest.mark.parametrize("path", ["usce[0].months", "usce.0.months"])
def test_a_list_position_in_either_syntax(advice, path):
    assert advice.what_if({path: 3}).after.profile.usce[0].months == 3


@pytest.mark.parametrize("path, steps", [
    ("usce[0].months", ["usce", 0, "months"]),
    ("usce.0.months", ["usce", 0, "months"]),
    ("step2ck.score", ["step2ck", "score"]),
    ("Season", ["Season"]),  # a name the profile lacks: the reader names it, with what is meant
])
def test_path_steps(path, steps):
    assert path_steps(path) == steps


def test_a_misspelt_field_in_a_path_is_answered_with_what_was_meant(advice):
    with pytest.raises(ProfileError) as caught:
        advice.what_if({"step2ck.scor": 230})
    problem = caught.value.problems[0]
    assert problem.path == "step2ck.scor" and problem.code == "unknown_field"
    assert 'did you mean "score"' in problem.allowed


DEEP: object = 1
for _ in range(100_000):
    DEEP = [DEEP]

BAD_CHANGES = [
    # id, changes, path named, code
    ("a field into a single value", {"specialty.x": 1}, "specialty.x", "bad_path"),
    ("past the end of a list", {"usce[3].months": 1}, "usce[3].months", "bad_path"),
    ("past the end, dotted", {"usce.3.months": 1}, "usce.3.months", "bad_path"),
    ("a position into an object", {"step2ck[0]": 1}, "step2ck[0]", "bad_path"),
    ("a name into a list", {"usce.months": 1}, "usce.months", "bad_path"),
    ("a position of 5,000 digits", {f"usce[{'9' * 5000}]": 1}, None, "too_long"),
    ("not a path", {"step2ck..score": 1}, "step2ck..score", "bad_syntax"),
    ("empty", {"": 1}, "", "bad_syntax"),
    ("a path that is not text", {5: 1}, "5", "bad_syntax"),
    ("a score of 5,000 digits", {"step2ck.score": 10**5000}, "step2ck.score", "out_of_range"),
    ("nested 100,000 deep", {"visa": DEEP}, "visa", "wrong_type"),
    ("NaN for a score", {"step2ck": float("nan")}, "step2ck.score", "wrong_type"),
    ("a set", {"usce[0]": {1, 2}}, "usce[0]", "wrong_type"),
    ("a huge list", {"letters": [{"specialty": "pmr"}] * 10_000}, "letters", "too_many"),
]


@pytest.mark.parametrize("changes, path, code", [case[1:] for case in BAD_CHANGES],
                         ids=[case[0] for case in BAD_CHANGES])
def test_a_bad_change_is_a_profile_error_naming_its_path_and_code(advice, changes, path, code):
    with pytest.raises(ProfileError) as caught:
        advice.what_if(changes)
    problem = caught.value.problems[0]
    assert problem.code == code and problem.code in ERROR_CODES
    if path is not None:
        assert problem.path == path
    str(caught.value)


@pytest.mark.parametrize("text, value", [
    ("232", 232), ("true", True), ("null", None), ('{"score": 232}', {"score": 232}),
    ("h1b", "h1b"), ("2_20", "2_20"), ("٢٢٠", "٢٢٠"), ("", ""),
])
def test_a_change_written_as_text_is_json_or_else_the_text(text, value):
    assert change_value("visa", text) == value


@pytest.mark.parametrize("text, code", [
    ("9" * 5000, "too_long"),
    ("[" * 50_000 + "]" * 50_000, "too_deep"),
    ('{"score": 230, "score": 231}', "duplicate_key"),
])
def test_a_change_the_reader_refuses_is_a_profile_error_naming_the_path(text, code):
    with pytest.raises(ProfileError) as caught:
        change_value("step2ck", text)
    assert caught.value.problems[0].path == "step2ck"
    assert caught.value.problems[0].code == code
