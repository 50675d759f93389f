"""Bad input everywhere: through ``advise`` only a ``ProfileError``; through the command line
exit code 2 with the problem on stderr, never a traceback, never an output file; the input is
never changed. (Program files: test_program_list_robustness.py.)"""

from __future__ import annotations

import copy
import datetime
import decimal
import fractions
import json
import subprocess
import sys
import tempfile
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert import Advice, ProfileError, advise
from expert.cli import main
from expert.errors import ERROR_CODES
from expert.examples import example_profile
from expert.inputs.profiles import MAX_PROFILE_CHARS, read_profile_file
from knowledge_base.profile import ClinicalExperience, Profile, Step1, Step2CK
from tests.strategies import VALID, junk, with_junk, with_value

FUZZ = {"deadline": None, "database": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}


def nested(depth: int, inner=1):
    for _ in range(depth):
        inner = [inner]
    return inner


def advise_or_refuse(data) -> None:
    try:
        result = advise(data)
    except ProfileError as error:
        assert error.problems and str(error).startswith("invalid profile")
    else:
        assert isinstance(result, Advice)


# --- the API -----------------------------------------------------------------------------------


@settings(max_examples=300, **FUZZ)
@given(data=with_junk() | junk)
def test_advise_gives_advice_or_a_profile_error_and_changes_nothing(data):
    before = copy.deepcopy(data)
    advise_or_refuse(data)
    assert repr(data) == repr(before)  # repr: NaN is not equal to itself


@pytest.mark.parametrize("depth", [100, 990, 5_000, 100_000])
@pytest.mark.parametrize("field", ["specialty", "step1", "usce", None])
def test_deeply_nested_junk_is_a_profile_error(field, depth):
    data = nested(depth) if field is None else {**VALID, field: nested(depth)}
    with pytest.raises(ProfileError) as caught:
        advise(data)
    assert caught.value.problems[0].path.startswith(field or "")
    assert "[[[" in str(caught.value)


def test_a_huge_file_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.json"
    letters = [{"specialty": "pmr"}] * 2_000_000  # about 50 MB of otherwise valid JSON
    huge.write_text(json.dumps({**VALID, "letters": letters}), "utf-8")
    assert huge.stat().st_size > 40_000_000
    with pytest.raises(ProfileError) as caught:
        read_profile_file(huge)
    assert f"at most {MAX_PROFILE_CHARS:,} characters" in str(caught.value)


# --- the command line, in process --------------------------------------------------------------


def _text(data) -> str:
    try:
        return json.dumps(data)  # NaN and Infinity become the non-JSON words the reader refuses
    except (ValueError, RecursionError):
        return repr(data)


@settings(max_examples=80, **FUZZ)
@given(data=with_junk() | junk, command=st.sampled_from(["advise", "why"]),
       suffix=st.sampled_from([".dot", ".json", ".mmd"]), fmt=st.sampled_from(["text", "json"]))
def test_cli_bad_profile_exits_2_names_the_problem_and_writes_nothing(capsys, data, command,
                                                                     suffix, fmt):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.json"
        path.write_text(_text(data), "utf-8", errors="surrogatepass")
        out = Path(folder) / f"explain{suffix}"
        argv = [command, str(path), *(["step3"] if command == "why" else []),
                "--explain", str(out), "--format", fmt]
        code = main(argv)
        stdout, stderr = capsys.readouterr()
        if code == 0:
            assert out.exists()
            return
        assert code == 2
        assert stderr.startswith("img-advisor: invalid profile") and "Traceback" not in stderr
        assert sorted(p.name for p in Path(folder).iterdir()) == ["profile.json"]
        if fmt == "json":
            assert json.loads(stdout)["error"] == "invalid profile"


# --- the command line, real processes ----------------------------------------------------------

BAD_FILES = {
    "deep nesting": b'{"specialty": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nesting repr cannot show": json.dumps(VALID)[:-1].encode() + b', "extra": '
                                + b"[" * 980 + b"]" * 980 + b"}",
    "NaN": json.dumps({**VALID, "step2ck": {"score": float("nan")}}).encode(),
    "5000-digit number": b'{"specialty": "pmr", "step2ck": {"score": 1' + b"0" * 5000 + b"}}",
    "not UTF-8": b'{"specialty": "\xff\xfe"}',
    "half a surrogate pair": b'{"specialty": "\\ud800"}',
    "empty": b"",
    "long string": json.dumps({**VALID, "specialty": "x" * 500_000}).encode(),
    "over the size limit": b" " * (MAX_PROFILE_CHARS + 1) + json.dumps(VALID).encode(),
    "a list": b"[1, 2, 3]",
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES)
def test_bad_file_in_a_real_process_exits_2_without_traceback(tmp_path, content):
    profile = tmp_path / "profile.json"
    profile.write_bytes(content)
    out = tmp_path / "explain.json"
    result = subprocess.run([sys.executable, "-m", "expert", "advise", str(profile),
                             "--explain", str(out)], capture_output=True, timeout=120)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert stderr.startswith("img-advisor: invalid profile") and "Traceback" not in stderr
    assert len(stderr) < 2_000  # the value is shown elided, not whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.json"]


def test_huge_stdin_in_a_real_process_exits_2():
    result = subprocess.run([sys.executable, "-m", "expert", "advise", "-"],
                            input=b"[" * (3 * MAX_PROFILE_CHARS), capture_output=True, timeout=120)
    assert result.returncode == 2
    assert b"at most" in result.stderr and b"Traceback" not in result.stderr


# --- any Python value (issue 18) ---------------------------------------------------------------


def test_a_profile_object_is_checked_exactly_as_a_dict_is():
    """``advise(Profile(...))`` used to skip every check: cardiology and 900 got advice."""
    built = Profile(specialty="cardiology", step1=Step1(result="pass"), step2ck=Step2CK(score=900))
    with pytest.raises(ProfileError) as caught:
        advise(built)
    as_dict = {"specialty": "cardiology", "step1": {"result": "pass"},
               "step2ck": {"score": 900}}
    with pytest.raises(ProfileError) as from_dict:
        advise(as_dict)
    assert [(p.path, p.code) for p in caught.value.problems] == \
        [(p.path, p.code) for p in from_dict.value.problems] == \
        [("specialty", "not_one_of"), ("step2ck.score", "out_of_range")]


def test_a_profile_built_with_plain_dicts_is_read_as_they_are():
    """It used to crash with AttributeError."""
    built = Profile(specialty="pmr", step1={"result": "pass"},  # type: ignore[arg-type]
                    step2ck={"score": 220}, usce=[{"specialty": "pmr", "months": 2}])  # type: ignore[arg-type]
    advice = advise(built)
    assert advice.profile.step2ck.score == 220 and advice.profile.usce[0].months == 2
    bad = Profile(specialty="pmr", step1={"result": "pass"},  # type: ignore[arg-type]
                  step2ck={"score": 220}, usce=[ClinicalExperience(specialty="pmr", months=-1)])
    with pytest.raises(ProfileError, match=r"usce\[0\]\.months"):
        advise(bad)


def test_a_valid_profile_object_gives_the_advice_its_dict_gives():
    data = example_profile("state_univ_sample")
    assert advise(advise(data).profile).to_dict() == advise(data).to_dict()


class Unequal:
    """A value that no comparison, hash or repr works on."""

    def __eq__(self, other):
        raise RuntimeError("no ==")

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self):
        raise RuntimeError("no repr")


ODD_VALUES = {
    "an object": object(), "a set": {1, 2}, "bytes": b"pmr", "a complex": 1j,
    "a Decimal": decimal.Decimal("214"), "a Fraction": fractions.Fraction(1, 3),
    "a date": datetime.date(2020, 1, 1), "no ==, hash or repr": Unequal(),
    "5,001 digits": 10**5000, "minus 5,001 digits": -(10**5000), "2**64": 2**64,
    "a mapping proxy": types.MappingProxyType({"result": "pass"}), "a range": range(3),
    "an iterator": iter([1]), "a Step1 where it does not belong": Step1(result="pass"),
    "a dict with a tuple key": {(1, 2): 1}, "a dict with a None key": {None: 1},
    "a tuple": ("pmr",), "1e308": 1e308, "half a surrogate pair": "\ud800",
}
PLACES = [("specialty",), ("step1",), ("step1", "result"), ("step2ck", "score"), ("usce",),
          ("usce", 0), ("usce", 0, "months"), ("letters",), ("extra",), ("season",)]


@pytest.mark.parametrize("value", ODD_VALUES.values(), ids=ODD_VALUES)
def test_any_python_value_anywhere_is_a_profile_error_naming_its_place(value):
    for place in PLACES:
        data = with_value(place, value)
        try:
            advise(data)
        except ProfileError as error:
            assert error.problems and all(p.code in ERROR_CODES for p in error.problems)
            str(error)
            json.dumps([p.to_dict() for p in error.problems])
        # anything else propagates and fails the test


@pytest.mark.parametrize("key", [1, None, (1, 2), b"specialty", 2.5], ids=repr)
@pytest.mark.parametrize("where", ["top", "step1", "usce[0]"])
def test_a_key_that_is_not_text_is_a_problem_naming_it(key, where):
    """A non-string key used to raise TypeError or AttributeError."""
    data = copy.deepcopy(VALID)
    target = data if where == "top" else data["step1"] if where == "step1" else data["usce"][0]
    target[key] = 1
    with pytest.raises(ProfileError) as caught:
        advise(data)
    (problem,) = caught.value.problems
    prefix = "" if where == "top" else f"{where}."
    assert problem.path == f"{prefix}{key!r}" and problem.code == "unknown_field"


def test_an_integer_of_thousands_of_digits_is_named_and_counted():
    """Integers over 4,300 digits used to raise ValueError."""
    with pytest.raises(ProfileError) as caught:
        advise({**VALID, "research_outputs": 10**5000, "step2ck": {"score": -(10**6000)}})
    found = {p.path: p for p in caught.value.problems}
    assert found["research_outputs"].code == "out_of_range"
    assert "a number of 5,001 digits is not allowed here" in str(found["research_outputs"])
    assert found["step2ck.score"].to_dict()["value"] == "-a number of 6,001 digits"


def test_a_profile_that_holds_itself_is_a_profile_error():
    data = copy.deepcopy(VALID)
    data["usce"] = [data]
    with pytest.raises(ProfileError):
        advise(data)
