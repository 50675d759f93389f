"""The advice's JSON Schema holds for every advice: the examples, with a program list, and
generated profiles in every phase; and it refuses what an advice never is."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from expert import advise
from expert.cli import main
from expert.examples import EXAMPLES, example_profile, example_programs
from expert.inputs.advice_schema import SCHEMA_VERSION, advice_schema
from tests.strategies import profiles

VALIDATOR = jsonschema.Draft202012Validator(advice_schema())


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(advice_schema())


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_follows_the_schema(name):
    data = json.loads(advise(example_profile(name)).to_json())
    assert data["schema_version"] == SCHEMA_VERSION
    VALIDATOR.validate(data)


def test_advice_with_a_program_list_follows_the_schema():
    advice = advise(example_profile("state_univ_sample"),
                    programs=example_programs("programs_example"))
    VALIDATOR.validate(json.loads(advice.to_json_bytes()))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_generated_advice_follows_the_schema(data):
    VALIDATOR.validate(json.loads(advise(data).to_json_bytes()))


@pytest.mark.parametrize("break_it", [
    lambda d: d.pop("plan"),
    lambda d: d.update(schema_version="0.9"),
    lambda d: d["plan"][0].update(when={"start": "2025/09", "end": "2026-01"}),
    lambda d: d["recommendations"][1]["value"].update(at_least="yes"),
    lambda d: d["recommendations"][0].update(strength="maybe"),
])
def test_what_an_advice_never_is_is_refused(break_it):
    data = json.loads(advise(example_profile("state_univ_sample")).to_json())
    break_it(data)
    assert not VALIDATOR.is_valid(data)


def test_the_cli_prints_the_advice_schema(capsys):
    assert main(["schema", "--advice"]) == 0
    assert json.loads(capsys.readouterr().out) == advice_schema()
