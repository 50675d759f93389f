"""``img-advisor example [NAME]``: a file to start one's own profile from, and the schema it
names for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import expert
from expert import advise
from expert.cli import main
from expert.examples import EXAMPLES, example_profile, example_text
from expert.inputs.profiles import parse_text, profile_from_dict, read_profile_file
from expert.inputs.schema import SCHEMA_FILE, SCHEMA_LINK, profile_schema
from expert.inputs.text import tomllib

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"


def run(capsys, *argv: Any) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- listing ----------------------------------------------------------------------------------


def test_without_a_name_every_example_is_listed_with_what_it_shows(capsys):
    code, out, err = run(capsys, "example")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    for name, description in EXAMPLES.items():
        assert any(line.split() == [name, *description.split()] for line in lines), name
    assert "example NAME --out" in out


@pytest.mark.parametrize("argv", [("--out", "p.json"), ("--format", "toml")])
def test_out_or_format_without_a_name_is_a_usage_error(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "example", *argv)
    assert code == 2 and out == "" and "name it" in err
    assert list(tmp_path.iterdir()) == []


# --- writing one --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "toml"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_written_example_reads_back_to_the_shipped_profile_and_advice(capsys, tmp_path, name,
                                                                         fmt):
    out = tmp_path / f"mine.{fmt}"
    code, stdout, err = run(capsys, "example", name, "--out", out)
    assert code == 0, err
    assert f"wrote {out}" in stdout and SCHEMA_FILE in stdout
    shipped = EXAMPLES_DIR / f"{name}.json"
    assert read_profile_file(out) == read_profile_file(shipped)
    assert advise(out).to_json() == advise(shipped).to_json()


@pytest.mark.parametrize("fmt", ["json", "toml"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_a_printed_example_is_the_same_profile(capsys, name, fmt):
    argv = ("example", name) if fmt == "json" else ("example", name, "--format", fmt)
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert out == example_text(name, fmt)
    assert profile_from_dict(parse_text(out, fmt)) == profile_from_dict(example_profile(name))


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_json_names_its_schema_and_the_schema_takes_it(capsys, name):
    code, out, _ = run(capsys, "example", name)
    data = json.loads(out)
    assert next(iter(data)) == "$schema" and data["$schema"] == SCHEMA_LINK
    assert {k: v for k, v in data.items() if k != "$schema"} == example_profile(name)
    validator = jsonschema.Draft202012Validator(profile_schema())
    validator.validate(data)
    assert not validator.is_valid({**data, "$schema": 3})  # the reader refuses it as well


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_toml_names_its_schema_in_the_directive_toml_editors_read(capsys, name):
    code, out, _ = run(capsys, "example", name, "--format", "toml")
    assert out.splitlines()[0] == f"#:schema {SCHEMA_LINK}"
    assert "$schema" not in tomllib.loads(out)


def test_the_schema_command_writes_the_file_the_example_names(capsys, tmp_path):
    """``img-advisor schema > img-advisor-profile.schema.json`` beside the profile: the schema
    its "$schema" points to, and which takes it."""
    run(capsys, "example", "pmr_both_low", "--out", tmp_path / "mine.json")
    code, out, _ = run(capsys, "schema")
    (tmp_path / SCHEMA_FILE).write_text(out, "utf-8")
    profile = json.loads((tmp_path / "mine.json").read_text("utf-8"))
    schema = json.loads((tmp_path / profile["$schema"]).read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(profile)


def test_the_format_follows_the_out_file_name(capsys, tmp_path):
    run(capsys, "example", "state_univ_sample", "--out", tmp_path / "a.TOML")
    assert (tmp_path / "a.TOML").read_text("utf-8") == example_text("state_univ_sample", "toml")
    run(capsys, "example", "state_univ_sample", "--out", tmp_path / "b.json", "--format", "json")
    assert (tmp_path / "b.json").read_text("utf-8") == example_text("state_univ_sample")


# --- refusing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "meant"), [
    ("pmr-both-low", "pmr_both_low"),
    ("state_univ", "state_univ_sample"),
    ("med_peds_pendng", "med_peds_pending"),
    ("astrology", None),
])
def test_an_unknown_name_exits_2_naming_the_examples(capsys, tmp_path, name, meant):
    out = tmp_path / "mine.json"
    code, stdout, err = run(capsys, "example", name, "--out", out)
    assert code == 2 and stdout == "" and "Traceback" not in err
    assert f"no example {name!r}" in err
    assert all(example in err for example in EXAMPLES)
    if meant is None:
        assert "did you mean" not in err
    else:
        assert f'did you mean "{meant}"?' in err
    assert not out.exists()


@pytest.mark.parametrize("where", ["no such folder", "a file for a folder", "a folder"])
def test_out_to_an_unwritable_place_exits_2_and_leaves_nothing(capsys, tmp_path, where):
    before = tmp_path / "before.txt"
    before.write_text("here before", "utf-8")
    if where == "no such folder":
        out = tmp_path / "missing" / "mine.json"
    elif where == "a file for a folder":
        out = before / "mine.json"
    else:
        out = tmp_path / "taken.json"
        out.mkdir()
    code, stdout, err = run(capsys, "example", "pmr_both_low", "--out", out)
    assert code == 2 and stdout == ""
    assert "cannot write" in err and "Traceback" not in err
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["before.txt"] + (["taken.json"] if where == "a folder" else []))
    assert before.read_text("utf-8") == "here before"
    if where == "a folder":
        assert list(out.iterdir()) == []


@pytest.mark.parametrize(("argv", "message"), [
    (("--out", "mine.yaml"), "ends in .json or .toml"),
    (("--out", "mine"), "ends in .json or .toml"),
    (("--out", "mine.json", "--format", "toml"), "--format is toml"),
])
def test_an_out_file_the_advisor_could_not_read_is_a_usage_error(capsys, tmp_path, monkeypatch,
                                                                  argv, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "example", "pmr_both_low", *argv)
    assert code == 2 and message in err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_is_refused_by_the_grammar(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["example", "pmr_both_low", "--format", "yaml"])
    assert stop.value.code == 2
    assert "json" in capsys.readouterr().err


def test_example_text_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="json, toml"):
        example_text("pmr_both_low", "yaml")
