"""Bad profile input through the Python API: every problem named by path, value and what fits."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import expert
from expert import ProfileError, advise
from expert.errors import MISSING, Problem
from expert.inputs.profiles import parse_text, profile_from_dict, read_profile_file
from knowledge_base.profile import SPECIALTIES, Profile
from tests.strategies import junk, with_junk

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
EXAMPLE_FILES = sorted(EXAMPLES_DIR.glob("*.json"))

BASE: dict[str, Any] = {
    "specialty": "pmr",
    "step1": {"result": "pass"},
    "step2ck": {"score": 214},
}


# --- helpers ---------------------------------------------------------------------------------


def profile(**changes: Any) -> dict[str, Any]:
    """A fresh copy of the minimal valid profile with top-level fields replaced."""
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def problems_of(data: Any) -> dict[str, Problem]:
    """The problems ``profile_from_dict`` reports, by path (asserting one problem per path)."""
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(data)
    problems = caught.value.problems
    assert problems, "a ProfileError must list at least one problem"
    assert all(isinstance(p, Problem) for p in problems)
    paths = [p.path for p in problems]
    assert len(paths) == len(set(paths)), f"more than one problem for a path: {problems}"
    return {p.path: p for p in problems}


def only_problem(data: Any) -> Problem:
    found = problems_of(data)
    assert len(found) == 1, f"expected exactly one problem, got {list(found.values())}"
    return next(iter(found.values()))


def same_value(actual: Any, expected: Any) -> bool:
    """Equal and of the same type, so that ``True`` is not taken for ``1`` (``MISSING``: the
    field was not given at all)."""
    if expected is MISSING:
        return actual is MISSING
    return type(actual) is type(expected) and actual == expected


def error_of(call, *args: Any) -> ProfileError:
    with pytest.raises(ProfileError) as caught:
        call(*args)
    return caught.value


# --- one bad value, one problem ----------------------------------------------------------------

BAD_VALUES = [
    # id, profile, path, offending value, words the "allowed" text must contain
    ("unknown specialty", profile(specialty="astrology"), "specialty", "astrology",
     list(SPECIALTIES)),
    ("score 900", profile(step2ck={"score": 900}), "step2ck.score", 900, ["1", "300"]),
    ("step1 score 900", profile(step1={"result": 900}), "step1.result", 900, ["1", "300"]),
    ("score 0", profile(step2ck={"score": 0}), "step2ck.score", 0, ["1", "300"]),
    ("negative months_until_eras", profile(months_until_eras=-1), "months_until_eras", -1,
     ["0", "60"]),
    ("negative usce months", profile(usce=[{"specialty": "pmr", "months": -2}]),
     "usce[0].months", -2, ["0.25", "36"]),
    ("attempts 7", profile(step1={"result": "pass", "attempts": 7}), "step1.attempts", 7,
     ["1", "6"]),
    ("string for an int", profile(interviews="7"), "interviews", "7", ["whole number"]),
    ("true for an int", profile(interviews=True), "interviews", True, ["whole number"]),
    ("true for a score", profile(step2ck={"score": True}), "step2ck.score", True,
     ["whole number"]),
    ("true for attempts", profile(step1={"result": "pass", "attempts": True}),
     "step1.attempts", True, ["whole number"]),
    ("true for step1 result", profile(step1={"result": True}), "step1.result", True,
     ["pass", "fail", "score"]),
    ("float score", profile(step2ck={"score": 214.5}), "step2ck.score", 214.5,
     ["whole number"]),
    ("string for months", profile(usce=[{"specialty": "pmr", "months": "2"}]),
     "usce[0].months", "2", ["number"]),
    ("string for usce list", profile(usce="lots"), "usce", "lots", ["list"]),
    ("dict for letters list", profile(letters={"specialty": "pmr"}), "letters",
     {"specialty": "pmr"}, ["list"]),
    ("number for a usce item", profile(usce=[5]), "usce[0]", 5, ["object"]),
    ("number for step2ck", profile(step2ck=5), "step2ck", 5, ["object"]),
    ("unknown step1 result", profile(step1={"result": "meh"}), "step1.result", "meh",
     ["pass", "fail"]),
    ("unknown citizenship", profile(citizenship="martian"), "citizenship", "martian",
     ["non_us", "us_citizen", "permanent_resident"]),
    ("unknown visa", profile(visa="tourist"), "visa", "tourist", ["none", "j1", "h1b"]),
    ("unknown phase", profile(phase="done"), "phase", "done", ["preparing", "ranking"]),
    ("unknown usce type", profile(usce=[{"specialty": "pmr", "type": "vacation"}]),
     "usce[0].type", "vacation", ["observership", "externship"]),
    ("string for a bool", profile(letters=[{"specialty": "pmr", "us": "yes"}]),
     "letters[0].us", "yes", ["true or false"]),
]


@pytest.mark.parametrize(("data", "path", "value", "words"),
                         [case[1:] for case in BAD_VALUES], ids=[case[0] for case in BAD_VALUES])
def test_bad_value_is_named_by_path_value_and_allowed(data, path, value, words):
    problem = only_problem(data)
    assert problem.path == path
    assert same_value(problem.value, value)
    for word in words:
        assert word in problem.allowed, f"{word!r} not in {problem.allowed!r}"


@pytest.mark.parametrize("months", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_number_is_rejected(months):
    problem = only_problem(profile(usce=[{"specialty": "pmr", "months": months}]))
    assert problem.path == "usce[0].months"
    assert "number" in problem.allowed


def test_values_on_the_range_bounds_are_accepted():
    valid = profile_from_dict(profile(
        step1={"result": 1, "attempts": 6}, step2ck={"score": 300}, months_until_eras=0,
        usce=[{"specialty": "pmr", "months": 0.25}], interviews=200,
    ))
    assert valid.step2ck.score == 300
    assert valid.usce[0].months == 0.25


@pytest.mark.parametrize("data", [[], "pmr", None, 7])
def test_profile_that_is_not_an_object(data):
    problem = only_problem(data)
    assert problem.path == ""
    assert "object" in problem.allowed


# --- missing and extra fields -------------------------------------------------------------------


@pytest.mark.parametrize("field", ["specialty", "step1", "step2ck"])
def test_missing_required_field(field):
    data = profile()
    del data[field]
    problem = only_problem(data)
    assert problem.path == field
    assert problem.value is MISSING
    assert "missing" in str(problem)
    assert problem.to_dict()["missing"] is True


@pytest.mark.parametrize(("data", "path"), [
    (profile(step1={}), "step1.result"),
    (profile(usce=[{"months": 1}]), "usce[0].specialty"),
])
def test_missing_nested_field(data, path):
    problem = only_problem(data)
    assert problem.path == path
    assert problem.value is MISSING


@pytest.mark.parametrize(("data", "path", "known"), [
    (profile(foo=1), "foo", "specialty"),
    (profile(step1={"result": "pass", "bar": "x"}), "step1.bar", "attempts"),
    (profile(usce=[{"specialty": "pmr", "foo": 1}]), "usce[0].foo", "months"),
])
def test_unknown_key_is_refused(data, path, known):
    problem = only_problem(data)
    assert problem.path == path
    assert problem.value in (1, "x")
    assert "no field" in problem.allowed and known in problem.allowed


def test_all_problems_are_reported_at_once():
    data = profile(specialty="astrology", step2ck={"score": 900}, months_until_eras=-1,
                   interviews="7", foo=2, usce=[{"specialty": "pmr", "months": -2, "bar": 0}])
    found = problems_of(data)
    assert set(found) == {"specialty", "step2ck.score", "months_until_eras", "interviews",
                          "foo", "usce[0].months", "usce[0].bar"}
    assert found["step2ck.score"].value == 900
    assert found["usce[0].months"].value == -2


def test_two_cross_field_problems_at_once():
    found = problems_of(profile(citizenship="permanent_resident", visa="h1b",
                                step2ck={"status": "pending", "score": 214}))
    assert set(found) == {"visa", "step2ck.score"}


# --- did you mean: unknown names and near-miss choices -------------------------------------------

UNKNOWN_NAMES = [
    # id, profile, path, the name offered (None: nothing is close), a field listed as allowed
    ("top level", profile(vissa="j1"), "vissa", "visa", "citizenship"),
    ("top level, begun", profile(citizen="non_us"), "citizen", "citizenship", "visa"),
    ("top level, other case", profile(Season=2027), "Season", "season", "phase"),
    ("nested", profile(step2ck={"scor": 230}), "step2ck.scor", "score", "practice_score"),
    ("in a list", profile(usce=[{"specialty": "pmr", "month": 2}]), "usce[0].month", "months",
     "hands_on"),
    ("a nested field at the top", profile(result="pass"), "result", "step1.result", "step1"),
    ("the schema key, misspelt", profile(**{"$schem": "x.json"}), "$schem", "$schema", "visa"),
    ("nothing close", profile(foo=1), "foo", None, "specialty"),
    ("nothing close, nested", profile(step1={"result": "pass", "bar": "x"}), "step1.bar", None,
     "attempts"),
]


@pytest.mark.parametrize(("data", "path", "meant", "known"), [case[1:] for case in UNKNOWN_NAMES],
                         ids=[case[0] for case in UNKNOWN_NAMES])
def test_an_unknown_field_says_what_was_meant_and_what_the_fields_are(data, path, meant, known):
    problem = only_problem(data)
    assert problem.path == path and problem.unknown_name
    assert problem.allowed.startswith("there is no field of this name here; ")
    assert f"{known}, " in problem.allowed or problem.allowed.endswith(known)
    if meant is None:
        assert "did you mean" not in problem.allowed
    else:
        assert f'did you mean "{meant}"? The fields here are: ' in problem.allowed
    assert str(problem) == f"{path}: {problem.allowed}"  # the name is wrong, not the value
    assert set(problem.to_dict()) == {"path", "value", "missing", "allowed", "code", "choices"}
    assert problem.to_dict()["allowed"] == problem.allowed
    assert problem.code == "unknown_field" and known in problem.choices


def test_an_unknown_field_reads_as_a_sentence():
    problem = only_problem(profile(vissa="j1"))
    assert str(problem) == (
        'vissa: there is no field of this name here; did you mean "visa"? The fields here are: '
        "specialty, step1, step2ck, citizenship, visa, step3, graduation_year, usce, letters, "
        "research_outputs, clinically_active, ecfmg_certified, phase, months_until_eras, "
        "interviews, season")
    nested = only_problem(profile(step2ck={"scor": 230}))
    assert str(nested) == ('step2ck.scor: there is no field of this name here; did you mean '
                           '"score"? The fields here are: status, score, practice_score, attempts')


def test_a_field_of_two_objects_at_the_top_offers_both():
    problem = only_problem(profile(attempts=2))
    assert 'did you mean "step1.attempts" or "step2ck.attempts"?' in problem.allowed


NEAR_MISSES = [
    # id, profile, path, the choice offered (None: nothing is close)
    ("a typo", profile(specialty="internal_medecine"), "specialty", "internal_medicine"),
    ("written as words", profile(specialty="Internal Medicine"), "specialty",
     "internal_medicine"),
    ("with a hyphen", profile(specialty="med-peds"), "specialty", "med_peds"),
    ("begun", profile(usce=[{"specialty": "pmr", "type": "observer"}]), "usce[0].type",
     "observership"),
    ("pass or a score", profile(step1={"result": "pas"}), "step1.result", "pass"),
    ("optional", profile(step3={"status": "not taken"}), "step3.status", "not_taken"),
    ("in a list", profile(letters=[{"specialty": "pediatric"}]), "letters[0].specialty",
     "pediatrics"),
    ("not a specialty at all", profile(specialty="astrology"), "specialty", None),
    ("not like any", profile(specialty="cardiology"), "specialty", None),
    ("not text", profile(phase=3), "phase", None),
]


@pytest.mark.parametrize(("data", "path", "meant"), [case[1:] for case in NEAR_MISSES],
                         ids=[case[0] for case in NEAR_MISSES])
def test_a_near_miss_of_a_choice_says_which_was_meant(data, path, meant):
    problem = only_problem(data)
    assert problem.path == path and not problem.unknown_name
    if meant is None:
        assert "did you mean" not in problem.allowed
    else:
        assert problem.allowed.endswith(f'; did you mean "{meant}"?')
        assert problem.allowed.startswith(("one of ", "pass, fail"))  # the choices come first


def test_a_near_miss_reads_as_a_sentence():
    problem = only_problem(profile(step1={"result": "pas"}))
    assert str(problem) == ('step1.result: "pas" is not allowed here; it must be pass, fail or a '
                            'numeric score (from 1 to 300); did you mean "pass"?')


@pytest.mark.parametrize(("data", "text"), [
    (profile(step2ck={"score": 900}),
     "step2ck.score: 900 is not allowed here; it must be a whole number from 1 to 300"),
    (profile(interviews=True), "interviews: true is not allowed here; it must be a whole number "
                               "or null (from 0 to 200)"),
    (profile(letters="many"), 'letters: "many" is not allowed here; it must be a list of '
                              "objects, each with the fields specialty, us"),
    ({"specialty": "pmr", "step2ck": {"score": 214}},
     "step1: missing; it must be an object with the fields result, attempts"),
    (profile(step2ck={"status": "taken"}), "step2ck.score: missing; it must be a score from 1 to "
                                           "300 when step2ck.status is taken"),
    (profile(step2ck={"status": "pending", "score": 214}),
     "step2ck.score: 214 is not allowed here; it must be left out while step2ck.status is "
     "pending"),
    ([1, 2], "the profile [1, 2] cannot be used; it must be an object (a mapping of field names "
             "to values)"),
], ids=["range", "type", "list", "missing", "missing by a rule", "by a rule", "not an object"])
def test_problems_are_worded_for_the_person_who_wrote_the_profile(data, text):
    assert str(only_problem(data)) == text


# --- "$schema": where the profile's JSON Schema is, for editors ------------------------------------


@pytest.mark.parametrize("link", ["./img-advisor-profile.schema.json",
                                  "https://img-advisor.invalid/schema/profile.json", ""])
def test_a_schema_link_is_accepted_and_ignored(link):
    assert profile_from_dict({"$schema": link, **profile()}) == profile_from_dict(profile())
    assert advise({"$schema": link, **profile()}).to_json() == advise(profile()).to_json()


@pytest.mark.parametrize("link", [3, None, True, ["a.json"], {"url": "a.json"}])
def test_a_schema_link_that_is_not_text_is_named(link):
    problem = only_problem({"$schema": link, **profile()})
    assert (problem.path, problem.value) == ("$schema", link)
    assert problem.allowed.startswith("text") and "JSON Schema" in problem.allowed


def test_a_bad_schema_link_is_reported_with_the_other_problems():
    found = problems_of({"$schema": 3, **profile(step2ck={"score": 900}, vissa="j1")})
    assert set(found) == {"$schema", "step2ck.score", "vissa"}


def test_a_schema_link_is_only_taken_at_the_top_level():
    problem = only_problem(profile(step1={"result": "pass", "$schema": "x.json"}))
    assert problem.path == "step1.$schema" and problem.unknown_name


def test_a_schema_link_in_toml_is_ignored_too():
    text = '"$schema" = "./img-advisor-profile.schema.json"\nspecialty = "pmr"\n' \
           'step1 = { result = "pass" }\nstep2ck = { score = 214 }\n'
    assert profile_from_dict(parse_text(text, "toml")) == profile_from_dict(profile())


# --- rules between fields ---------------------------------------------------------------------

CROSS_FIELD = [
    ("visa for a US citizen", profile(citizenship="us_citizen", visa="h1b"), "visa", "h1b",
     ["none", "us_citizen"]),
    ("score while pending", profile(step2ck={"status": "pending", "score": 210}),
     "step2ck.score", 210, ["pending"]),
    ("taken without score", profile(step2ck={"status": "taken"}), "step2ck.score", MISSING,
     ["taken"]),
    ("taken with a null score", profile(step2ck={"status": "taken", "score": None}),
     "step2ck.score", None, ["taken"]),
    ("practice score when taken", profile(step2ck={"score": 210, "practice_score": 200}),
     "step2ck.practice_score", 200, ["pending"]),
    ("practice score when failed", profile(step2ck={"status": "failed", "practice_score": 200}),
     "step2ck.practice_score", 200, ["pending"]),
    ("step3 score when not taken", profile(step3={"status": "not_taken", "score": 220}),
     "step3.score", 220, ["not_taken"]),
    ("graduation after season + 1", profile(graduation_year=2030, season=2027),
     "graduation_year", 2030, ["2028"]),
]


@pytest.mark.parametrize(("data", "path", "value", "words"),
                         [case[1:] for case in CROSS_FIELD], ids=[case[0] for case in CROSS_FIELD])
def test_cross_field_rule(data, path, value, words):
    problem = only_problem(data)
    assert problem.path == path
    assert same_value(problem.value, value)
    for word in words:
        assert word in problem.allowed


def test_cross_field_rules_allow_the_consistent_cases():
    assert profile_from_dict(profile(graduation_year=2028, season=2027)).graduation_year == 2028
    assert profile_from_dict(profile(citizenship="us_citizen")).visa == "none"
    assert profile_from_dict(profile()).visa == "j1"
    pending = profile_from_dict(profile(step2ck={"status": "pending", "practice_score": 200}))
    assert pending.step2ck.practice_score == 200


@pytest.mark.parametrize("data", [
    profile(step2ck={"status": "pending", "score": 900}),
    profile(graduation_year=2101, season=2027),
], ids=["pending score 900", "graduation 2101"])
def test_out_of_range_and_cross_field_give_one_problem_per_path(data):
    problems_of(data)


def test_object_for_a_list_reports_only_the_list_path():
    # not also a made-up path "usce.months" for the out-of-range value inside the object
    problem = only_problem(profile(usce={"specialty": "pmr", "months": -1}))
    assert problem.path == "usce"


@pytest.mark.parametrize("data", [
    profile(step2ck={"score": 10**400}),
    profile(usce=[{"specialty": "pmr", "months": 10**400}]),
], ids=["score", "months"])
def test_huge_integer_is_a_profile_error(data):
    # beyond float range, yet valid JSON: must not escape as OverflowError
    problem = only_problem(data)
    assert problem.value == 10**400


# --- text and files -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "fmt"), [
    ('{"specialty": "pmr", ', "json"),
    ("{bad", "json"),
    ("", "json"),
    ('specialty = "pmr"\nstep1 = {result = ', "toml"),
    ("[[step1]", "toml"),
])
def test_malformed_text(text, fmt):
    error = error_of(parse_text, text, fmt)
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert problem.path == ""
    assert fmt.upper() in problem.allowed
    assert text.startswith(problem.value.rstrip("."))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_nan_and_infinity_are_rejected(constant):
    text = json.dumps(profile()).replace("214", constant)
    error = error_of(parse_text, text, "json")
    assert [p.path for p in error.problems] == [""]
    assert "JSON" in error.problems[0].allowed
    assert constant in error.problems[0].allowed


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_shipped_example_is_valid(path):
    valid = read_profile_file(path)
    assert isinstance(valid, Profile)
    assert len(advise(path)) > 0


def test_examples_are_shipped():
    assert len(EXAMPLE_FILES) >= 5


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()
                               if v is not None) + "}"
    raise TypeError(value)


def to_toml(data: dict[str, Any]) -> str:
    """Minimal TOML for a profile (TOML has no null: None values are left out)."""
    return "".join(f"{k} = {_toml_value(v)}\n" for k, v in data.items() if v is not None)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_toml_and_json_files_give_identical_advice(tmp_path, path):
    data = json.loads(path.read_text("utf-8"))
    json_file, toml_file = tmp_path / "p.json", tmp_path / "p.toml"
    json_file.write_text(json.dumps(data), "utf-8")
    toml_file.write_text(to_toml(data), "utf-8")
    assert read_profile_file(toml_file) == read_profile_file(json_file)
    assert advise(toml_file).to_json() == advise(json_file).to_json()
    assert advise(str(toml_file)).to_json() == advise(data).to_json()


def test_bad_toml_file_names_the_field(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('specialty = "pmr"\nstep1 = {result = "pass"}\nstep2ck = {score = 900}\n')
    problem = error_of(read_profile_file, bad).problems[0]
    assert (problem.path, problem.value) == ("step2ck.score", 900)


@pytest.mark.parametrize("name", ["profile.yaml", "profile.txt", "profile"])
def test_file_name_without_json_or_toml_suffix_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text(json.dumps(profile()), "utf-8")
    for call in (read_profile_file, advise):
        error = error_of(call, path)
        assert [p.path for p in error.problems] == [""]
        assert ".json" in error.problems[0].allowed and ".toml" in error.problems[0].allowed
        assert error.problems[0].value == str(path)


@pytest.mark.parametrize("make", ["missing", "directory", "not utf-8"])
def test_unreadable_file_is_a_profile_error(tmp_path, make):
    path = tmp_path / "profile.json"
    if make == "directory":
        path.mkdir()
    elif make == "not utf-8":
        path.write_bytes(b'{"specialty": "\xff"}')
    for call in (read_profile_file, advise):
        error = error_of(call, path)  # a ProfileError, not an OSError
        assert not isinstance(error, OSError)
        assert [p.path for p in error.problems] == [""]
        assert "readable" in error.problems[0].allowed


# --- the API's contract -------------------------------------------------------------------------


def test_advise_does_not_mutate_its_input():
    data = profile(usce=[{"specialty": "pmr", "months": 2}], letters=[{"specialty": "pmr"}],
                   citizenship="non_us", season=2027, months_until_eras=10)
    before = copy.deepcopy(data)
    advise(data)
    assert data == before


def test_advise_does_not_mutate_invalid_input():
    data = profile(step2ck={"score": 900}, usce=[{"specialty": "pmr", "months": -1}])
    before = copy.deepcopy(data)
    with pytest.raises(ProfileError):
        advise(data)
    assert data == before


def test_profile_error_str_lists_every_problem():
    error = error_of(advise, profile(specialty="astrology", step2ck={"score": 900},
                                     months_until_eras=-1, interviews=True))
    text = str(error)
    assert len(error.problems) == 4
    assert "4 problem" in text
    for problem in error.problems:
        assert str(problem) in text
        assert problem.path in text
    assert isinstance(error, ValueError)


def test_problem_to_dict_is_json_ready():
    found = problems_of(profile(step2ck={"score": 900}, usce=[{"specialty": "pmr",
                                                                 "months": float("nan")}]))
    rows = [p.to_dict() for p in found.values()]
    json.dumps(rows, allow_nan=False)
    assert {r["path"] for r in rows} == {"step2ck.score", "usce[0].months"}
    assert all({"path", "value", "missing", "allowed", "code"} <= set(r) for r in rows)
    by_path = {r["path"]: r for r in rows}
    assert by_path["step2ck.score"]["code"] == "out_of_range"
    assert by_path["step2ck.score"]["range"] == [1, 300]
    assert by_path["usce[0].months"]["code"] == "wrong_type"


# --- never any other exception ------------------------------------------------------------------

FAST = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}


def accepts_or_refuses(data: Any) -> None:
    try:
        result = profile_from_dict(data)
    except ProfileError as error:
        assert error.problems
        str(error)
    else:
        assert isinstance(result, Profile)


@settings(max_examples=150, **FAST)
@given(junk=junk)
def test_junk_profile_gives_profile_or_profile_error(junk):
    accepts_or_refuses(junk)


@settings(max_examples=300, **FAST)
@given(data=with_junk())
def test_junk_field_value_gives_profile_or_profile_error(data):
    accepts_or_refuses(data)


def test_a_profile_object_is_checked_as_its_data_is():
    from knowledge_base.profile import Profile, Step1, Step2CK

    with pytest.raises(ProfileError) as caught:
        advise(Profile(specialty="cardiology", step1=Step1("pass"), step2ck=Step2CK(score=900)))
    assert {p.path for p in caught.value.problems} == {"specialty", "step2ck.score"}
    with pytest.raises(ProfileError) as caught:
        advise(Profile(specialty="pmr", step1=5, step2ck=Step2CK(score=214)))
    assert caught.value.problems[0].path == "step1"
    data = {"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214}}
    built_with_dicts = Profile(**data)
    assert advise(built_with_dicts).to_json() == advise(data).to_json()
