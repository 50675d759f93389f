"""The profile's JSON Schema and the reader agree (issue 18): on every generated profile, valid
or with junk in it, the schema refuses what the reader refuses, but for the rules between
fields that JSON Schema cannot say (and the schema's description lists); and on ``214.0``,
which both take as the whole number 214."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert import ProfileError
from expert.inputs.profiles import MAX_LIST_ITEMS, profile_from_dict
from expert.inputs.schema import profile_schema
from tests.conftest import profile
from tests.strategies import junk, profiles, with_junk

VALIDATOR = jsonschema.Draft202012Validator(profile_schema())

BEYOND_THE_SCHEMA = {"visa", "step2ck.score", "step2ck.practice_score", "step3.score",
                     "graduation_year"}
"""The fields of the rules between fields (``knowledge_base.profile.consistency_problems``)."""


def _json(data: Any) -> Any:
    """``data`` as JSON would carry it, or None when JSON cannot (NaN, infinities)."""
    try:
        return json.loads(json.dumps(data, allow_nan=False))
    except (ValueError, TypeError, RecursionError):
        return None


def _read(data: Any) -> ProfileError | None:
    try:
        profile_from_dict(data)
    except ProfileError as error:
        return error
    return None


def check_agreement(data: Any) -> None:
    error = _read(data)
    if VALIDATOR.is_valid(data):
        if error is not None:  # only what JSON Schema cannot say
            assert {p.code for p in error.problems} <= {"inconsistent", "missing"}, error
            assert {p.path for p in error.problems} <= BEYOND_THE_SCHEMA, error
    else:
        assert error is not None, next(VALIDATOR.iter_errors(data)).message


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=(profiles() | with_junk() | junk).map(_json).filter(lambda d: d is not None))
def test_the_schema_and_the_reader_agree_on_every_generated_profile(data):
    check_agreement(data)


@settings(max_examples=100, deadline=None, database=None)
@given(data=profiles())
def test_every_valid_generated_profile_is_valid_for_both(data):
    assert VALIDATOR.is_valid(data)
    assert _read(data) is None


whole_as_fraction = st.integers(1, 300).map(float)


@settings(max_examples=50, deadline=None, database=None)
@given(score=whole_as_fraction, attempts=st.integers(1, 6).map(float))
def test_whole_numbers_written_as_fractions_are_taken_by_both(score, attempts):
    data = profile(step2ck={"score": score, "attempts": attempts},
                   step1={"result": score}, interviews=attempts)
    assert VALIDATOR.is_valid(data)
    read = profile_from_dict(data)
    assert read.step2ck.score == int(score) and type(read.step2ck.score) is int
    assert type(read.step1.result) is int and type(read.interviews) is int


@pytest.mark.parametrize("value", [214.0, 214])
def test_214_point_0_is_214_for_both(value):
    data = profile(step2ck={"score": value})
    assert VALIDATOR.is_valid(data)
    assert profile_from_dict(data) == profile_from_dict(profile(step2ck={"score": 214}))


@pytest.mark.parametrize("data", [
    profile(step2ck={"score": 214.5}),
    profile(step2ck={"score": True}),
    profile(step2ck={"score": "214"}),
    profile(letters=[{"specialty": "pmr"}] * (MAX_LIST_ITEMS + 1)),
    profile(usce=[{"specialty": "pmr"}] * (MAX_LIST_ITEMS + 1)),
    profile(research_outputs=2**64),
    profile(usce=[{"specialty": "pmr", "months": 0.1}]),
    profile(step1={"result": "pass", "attempts": 6.5}),
], ids=["a fraction", "true", "text", "101 letters", "101 blocks", "2**64", "0.1 month",
        "6.5 attempts"])
def test_both_refuse(data):
    assert not VALIDATOR.is_valid(data)
    assert _read(data) is not None


def test_a_list_as_long_as_the_bound_is_taken_by_both():
    data = profile(letters=[{"specialty": "pmr"}] * MAX_LIST_ITEMS)
    assert VALIDATOR.is_valid(data)
    assert _read(data) is None
