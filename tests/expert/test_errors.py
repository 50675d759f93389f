"""One hierarchy of errors, every public one exported from ``expert``; every problem with a
code from one vocabulary (``ERROR_CODES``), at most ``MAX_PROBLEMS`` of them reported."""

from __future__ import annotations

import ast
import json

import pytest
from hypothesis import HealthCheck, given, settings

import expert
from expert import errors
from tests.conftest import REPO, profile
from tests.strategies import junk, with_junk


@pytest.mark.parametrize("name", [n for n in errors.__all__ if isinstance(getattr(errors, n), type)
                                  and issubclass(getattr(errors, n), Exception)])
def test_every_error_is_an_advisor_error_exported_from_expert(name):
    error = getattr(errors, name)
    assert issubclass(error, expert.AdvisorError)
    assert getattr(expert, name) is error


def test_input_errors_are_value_errors_and_lists_are_not_profiles():
    assert issubclass(expert.ProfileError, expert.InputError)
    assert issubclass(expert.ProgramListError, expert.InputError)
    assert not issubclass(expert.ProgramListError, expert.ProfileError)
    assert issubclass(expert.InputError, ValueError)
    assert issubclass(expert.WorkerDied, RuntimeError)


def test_a_bad_program_list_is_caught_as_an_input_error_not_a_profile_error():
    good = {"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214}}
    with pytest.raises(expert.InputError) as caught:
        expert.advise(good, programs=[{"name": "A", "img_percent": 400}])
    assert isinstance(caught.value, expert.ProgramListError)
    assert not isinstance(caught.value, expert.ProfileError)
    assert caught.value.problems[0].path == "programs[0].img_percent"


def test_a_drawing_error_is_exported_too():
    from explain.render import GraphvizNotFound

    assert expert.GraphvizNotFound is GraphvizNotFound


# --- codes (issue 18) --------------------------------------------------------------------------

def test_the_vocabulary_is_a_plain_dict_of_code_to_description():
    assert type(errors.ERROR_CODES) is dict
    assert all(isinstance(code, str) and code.isidentifier() and code.islower()
               and isinstance(words, str) and words for code, words in errors.ERROR_CODES.items())
    json.dumps(errors.ERROR_CODES)


def _codes_in_the_source() -> dict[str, str]:
    """Every code written in the advisor's source: ``code="..."`` arguments, and the first
    argument of ``Rejected(...)`` and ``Unreadable(...)``; with where each is."""
    found = {}
    for path in (REPO / "expert").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values = [k.value for k in node.keywords if k.arg == "code"]
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("Rejected", "Unreadable") and node.args:
                values.append(node.args[0])
            for value in values:
                for constant in ast.walk(value):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        found[constant.value] = f"{path.relative_to(REPO)}:{node.lineno}"
    return found


def test_every_code_the_source_uses_is_in_the_vocabulary():
    used = _codes_in_the_source()
    assert {"unknown_field", "out_of_range", "too_many", "duplicate_key"} <= set(used)
    unknown = {code: where for code, where in used.items() if code not in errors.ERROR_CODES}
    assert unknown == {}


def test_every_problem_made_in_the_source_names_a_code():
    """Every ``Problem(...)`` call passes ``code=`` (it is required, and checked)."""
    for path in (REPO / "expert").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem":
                assert any(k.arg in ("code", None) for k in node.keywords), \
                    f"{path.relative_to(REPO)}:{node.lineno}"


def test_a_problem_must_have_a_code_from_the_vocabulary():
    with pytest.raises(TypeError):
        errors.Problem("visa", "x", "one of none, j1, h1b")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        errors.Problem("visa", "x", "one of none, j1, h1b", code="no_such_code")


def test_to_dict_keeps_its_keys_and_gains_the_code_and_the_allowed_values_as_data():
    problem = errors.Problem("step2ck.score", 900, "a whole number from 1 to 300",
                             code="out_of_range", range=(1, 300))
    assert problem.to_dict() == {"path": "step2ck.score", "value": 900, "missing": False,
                                 "allowed": "a whole number from 1 to 300",
                                 "code": "out_of_range", "range": [1, 300]}
    choice = errors.Problem("visa", "x", "one of none, j1, h1b", code="not_one_of",
                            choices=["none", "j1", "h1b"])
    assert choice.to_dict()["choices"] == ["none", "j1", "h1b"] and "range" not in \
        choice.to_dict()


BAD_PROFILES = {
    "unknown specialty": (profile(specialty="cardiology"), "specialty", "not_one_of"),
    "score 900": (profile(step2ck={"score": 900}), "step2ck.score", "out_of_range"),
    "unknown field": (profile(vissa="j1"), "vissa", "unknown_field"),
    "missing": ({"specialty": "pmr", "step1": {"result": "pass"}}, "step2ck", "missing"),
    "wrong type": (profile(interviews="7"), "interviews", "wrong_type"),
    "inconsistent": (profile(citizenship="us_citizen", visa="j1"), "visa", "inconsistent"),
    "a score missing when taken": (profile(step2ck={"status": "taken"}), "step2ck.score",
                                   "missing"),
    "too many": (profile(letters=[{"specialty": "pmr"}] * 101), "letters", "too_many"),
    "not an object": ([], "", "wrong_type"),
    "a key not text": ({**profile(), 1: 2}, "1", "unknown_field"),
}


@pytest.mark.parametrize("data, path, code", BAD_PROFILES.values(), ids=BAD_PROFILES)
def test_each_bad_profile_gives_its_code(data, path, code):
    with pytest.raises(expert.ProfileError) as caught:
        expert.advise(data)
    problem = next(p for p in caught.value.problems if p.path == path)
    assert problem.code == code


def test_choices_and_range_are_given_where_the_field_has_them():
    with pytest.raises(expert.ProfileError) as caught:
        expert.advise(profile(specialty="cardiology", step2ck={"score": 900}, foo=1,
                              step1={"result": "meh"}))
    found = {p.path: p for p in caught.value.problems}
    assert "internal_medicine" in found["specialty"].choices
    assert found["step2ck.score"].range == (1, 300)
    assert found["step1.result"].choices == ("pass", "fail")
    assert found["step1.result"].range == (1, 300)
    assert "specialty" in found["foo"].choices and "$schema" in found["foo"].choices


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=with_junk() | junk)
def test_every_problem_of_any_bad_profile_has_a_code_from_the_vocabulary(data):
    try:
        expert.advise(data)
    except expert.ProfileError as error:
        assert error.problems
        assert all(p.code in errors.ERROR_CODES for p in error.problems)
        assert all("code" in p.to_dict() for p in error.problems)


# --- how many problems are reported ------------------------------------------------------------


def test_an_error_keeps_the_first_problems_and_counts_the_rest():
    many = [errors.Problem(f"row {n}", "x", "a number", code="wrong_type") for n in range(250)]
    error = expert.ProgramListError(many)
    assert len(error.problems) == errors.MAX_PROBLEMS
    assert error.more_problems == 250 - errors.MAX_PROBLEMS
    assert str(error).startswith(f"invalid program list (250 problem(s), the first "
                                 f"{errors.MAX_PROBLEMS} shown):")
    assert str(error).endswith(f"... and {250 - errors.MAX_PROBLEMS} more")
    few = expert.ProfileError(many[:3])
    assert few.more_problems == 0 and str(few).startswith("invalid profile (3 problem(s)):")


def test_a_profile_of_many_unknown_fields_reports_a_hundred_and_counts_the_rest():
    error = pytest.raises(expert.ProfileError, expert.advise,
                          profile(**{f"field{n}": n for n in range(20_000)})).value
    assert len(error.problems) == errors.MAX_PROBLEMS
    assert error.more_problems == 20_000 - errors.MAX_PROBLEMS
    assert len(str(error)) < 100_000


# --- values shown in words ---------------------------------------------------------------------


class Unprintable:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


@pytest.mark.parametrize("value, shown", [
    (10**5000, "a number of 5,001 digits"),
    (-(10**5000), "-a number of 5,001 digits"),
    (10**79, str(10**79)),
    (Unprintable(), "<Unprintable object>"),
], ids=["5,001 digits", "negative", "80 digits", "no repr"])
def test_any_value_can_be_shown(value, shown):
    problem = errors.Problem("x", value, "text", code="wrong_type")
    assert f"x: {shown} is not allowed here" in str(problem)
    json.dumps(problem.to_dict())
