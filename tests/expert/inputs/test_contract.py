"""The output contract: every JSON the advisor writes follows its schema and names its
version, for generated profiles as for the examples; bad input follows the error schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from expert import advise
from expert.batch import answer_lines
from expert.cli import main
from expert.errors import ERROR_CODES
from expert.examples import EXAMPLES, example_profile
from expert.inputs.advice_schema import CARRIES, SCHEMA_VERSION
from expert.inputs.contract import OUTPUT_SCHEMAS
from tests.strategies import profiles, with_junk

VALIDATORS = {name: jsonschema.Draft202012Validator(make()) for name, make in
              OUTPUT_SCHEMAS.items()}


@pytest.mark.parametrize("name", list(OUTPUT_SCHEMAS))
def test_every_schema_is_a_valid_schema_and_printed_by_the_command(capsys, name):
    schema = OUTPUT_SCHEMAS[name]()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert main(["schema", "--output", name]) == 0
    assert json.loads(capsys.readouterr().out) == schema


@pytest.mark.parametrize("carry", CARRIES)
@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_carry_of_each_example_follows_the_schema(name, carry):
    data = json.loads(advise(example_profile(name)).to_json_bytes(carry))
    assert data["schema_version"] == SCHEMA_VERSION and data["carries"] == carry
    VALIDATORS["advice"].validate(data)
    assert data == advise(example_profile(name)).to_dict(carry)


def test_a_brief_line_is_small_and_the_default():
    for name in EXAMPLES:
        (line,) = answer_lines([json.dumps(example_profile(name)).encode()])
        assert len(line.json) < 10_000, name
        assert json.loads(line.json)["advice"]["carries"] == "plan"


def test_the_schema_refuses_an_advice_that_carries_what_it_says_it_does_not():
    data = advise(example_profile("pmr_both_low")).to_dict("answers")
    VALIDATORS["advice"].validate(data)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATORS["advice"].validate({**data, "plan": []})
    with pytest.raises(jsonschema.ValidationError):
        VALIDATORS["advice"].validate({**data, "carries": "explanation"})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_generated_batch_lines_and_plans_follow_their_schemas(data):
    advice = advise(data)
    for carry in CARRIES:
        (line,) = answer_lines([json.dumps(data).encode()], carry=carry)
        VALIDATORS["batch"].validate(json.loads(line.json))
    full = advice.to_dict()
    VALIDATORS["plan"].validate({"schema_version": full["schema_version"],
                                 **{part: full[part] for part in
                                    ("plan", "plan_branch", "plan_check", "calendar")}})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_junk())
def test_generated_bad_profiles_give_errors_that_follow_the_schema(data):
    (line,) = answer_lines([json.dumps(data).encode()])
    answer = json.loads(line.json)
    VALIDATORS["batch"].validate(answer)
    if not line.ok:
        assert answer["problems"] and all(p["code"] in ERROR_CODES for p in answer["problems"])


def test_the_command_lines_error_follows_the_schema(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"specialty": "cardiology", "step1": {"result": "pass"},
                               "step2ck": {"score": 900}, "vissa": "j1"}), "utf-8")
    assert main(["advise", str(bad), "--format", "json"]) == 2
    error = json.loads(capsys.readouterr().out)
    VALIDATORS["error"].validate(error)
    assert {p["code"] for p in error["problems"]} >= {"not_one_of", "out_of_range",
                                                      "unknown_field"}


@pytest.mark.parametrize("argv", [
    ["why", "{profile}", "step3", "--format", "json"],
    ["why-not", "{profile}", "step3=take", "--format", "json"],
    ["what-if", "{profile}", "--set", "step2ck.score=240", "--format", "json"],
    ["counterfactuals", "{profile}", "step3", "--budget", "5", "--format", "json"],
    ["programs", "{profile}", "{programs}", "--format", "json"],
])
def test_every_json_output_names_its_schema_version(capsys, argv):
    folder = Path(__import__("expert").__file__).parent / "examples"
    filled = [a.format(profile=folder / "state_univ_sample.json",
                       programs=folder / "programs_example.csv") for a in argv]
    assert main(filled) == 0
    assert json.loads(capsys.readouterr().out)["schema_version"] == SCHEMA_VERSION


def test_an_error_past_the_listed_problems_counts_the_rest(capsys, tmp_path):
    from expert.errors import MAX_PROBLEMS

    bad = tmp_path / "bad.json"
    junk = {f"field_{n}": n for n in range(MAX_PROBLEMS + 20)}
    bad.write_text(json.dumps({"specialty": "pmr", "step1": {"result": "pass"},
                               "step2ck": {"score": 214}, **junk}), "utf-8")
    assert main(["advise", str(bad), "--format", "json"]) == 2
    error = json.loads(capsys.readouterr().out)
    VALIDATORS["error"].validate(error)
    assert len(error["problems"]) == MAX_PROBLEMS and error["more_problems"] == 20
