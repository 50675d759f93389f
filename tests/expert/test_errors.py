"""One hierarchy of errors, every public one exported from ``expert``."""

from __future__ import annotations

import pytest

import expert
from expert import errors


@pytest.mark.parametrize("name", [n for n in errors.__all__ if n[0].isupper() and n != "MISSING"
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
