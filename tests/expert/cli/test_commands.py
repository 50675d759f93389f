"""The ``img-advisor`` command line: in-process through ``main(argv)``, and a few real runs."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import networkx as nx
import pytest

import expert
from expert import advise
from expert.cli import main
from expert.examples import EXAMPLES, PROGRAM_EXAMPLES, example_programs
from knowledge_base.kinds import KIND_HEADINGS

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
EXAMPLE_FILES = sorted(EXAMPLES_DIR.glob("*.json"))
PROFILE = EXAMPLES_DIR / "pmr_both_low.json"
STEP3_VALUES = {"take", "consider", "dont_rush", "not_needed", "done"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="the Graphviz 'dot' program is not installed")


# --- helpers ---------------------------------------------------------------------------------


def run(capsys, *argv: Any) -> tuple[int, str, str]:
    """``main(argv)`` in-process: exit code, stdout, stderr."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_module(*argv: Any, stdin: str | None = None, env: dict[str, str] | None = None,
               cwd: Path | None = None) -> subprocess.CompletedProcess:
    """A real ``python -m expert`` process."""
    return subprocess.run([sys.executable, "-m", "expert", *map(str, argv)], input=stdin,
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.fixture
def bad_profile(tmp_path) -> Path:
    return write_json(tmp_path / "bad.json", {"specialty": "pmr", "step1": {"result": "pass"},
                                               "step2ck": {"score": 900}})


@pytest.fixture
def out_dir(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    return out


def assert_nothing_written(directory: Path) -> None:
    assert list(directory.iterdir()) == [], "no file (not even a temporary one) may be left"


# --- advise: JSON and text --------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_advise_json_has_the_documented_shape(capsys, path):
    code, out, err = run(capsys, "advise", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"schema_version", "carries", "recommendations", "plan", "plan_branch", "plan_check", "calendar",
                         "explanation"}
    assert data["recommendations"]
    assert_plan_shape(data)
    for rec in data["recommendations"]:
        assert {"kind", "value", "strength", "summary", "rule", "sources"} <= set(rec)
        assert set(rec) <= {"kind", "value", "strength", "summary", "rule", "sources", "node"}
        assert isinstance(rec["summary"], str) and rec["summary"]
        assert rec["sources"], f"{rec['kind']} cites no source"
        for source in rec["sources"]:
            assert set(source) == {"doc", "section"}
            assert all(isinstance(v, str) and v for v in source.values())
    assert_kind_values(data["recommendations"])


def assert_plan_shape(data: dict[str, Any]) -> None:
    """The plan's steps: numbered from 1 in order, each with its window and the nodes of the
    recommendations it carries out."""
    nodes = {rec["node"] for rec in data["recommendations"]}
    steps = data["plan"]
    assert steps, "the plan has no steps"
    assert [step["priority"] for step in steps] == list(range(1, len(steps) + 1))
    for step in steps:
        assert isinstance(step["title"], str) and step["title"]
        assert step["recommendations"] and set(step["recommendations"]) <= nodes
        when = step["when"]
        if when is not None:
            assert set(when) == {"start", "end"}
            assert all(re.fullmatch(r"\d{4}-\d{2}", when[end]) for end in when)
            assert when["start"] <= when["end"]
    assert data["calendar"]["note"]


def assert_kind_values(recommendations: list[dict[str, Any]]) -> None:
    kinds = {rec["kind"]: rec["value"] for rec in recommendations}
    assert {"apply_count", "prelim_backup", "step3"} <= set(kinds)
    count = kinds["apply_count"]
    assert type(count["min"]) is int and type(count["max"]) is int
    assert 0 < count["min"] <= count["max"]
    assert type(kinds["prelim_backup"]["recommended"]) is bool
    assert kinds["step3"] in STEP3_VALUES


def test_advise_json_explanation_is_node_link_data(capsys):
    code, out, _ = run(capsys, "advise", PROFILE, "--format", "json")
    assert code == 0
    data = json.loads(out)["explanation"]
    assert isinstance(data["nodes"], list) and isinstance(data["edges"], list)
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_directed()
    assert graph.number_of_nodes() == len(data["nodes"]) > 0
    assert graph.number_of_edges() == len(data["edges"]) > 0
    recommended = {rec["node"] for rec in json.loads(out)["recommendations"]}
    assert recommended <= set(graph.nodes)


def test_advise_text_has_a_heading_for_every_kind_and_detail_adds_every_rule(capsys):
    code, out, err = run(capsys, "advise", PROFILE)
    assert code == 0
    assert err == ""
    advice = advise(PROFILE)
    assert len(advice.kinds) >= 3
    for kind in advice.kinds:
        assert KIND_HEADINGS[kind] in out
    assert "rule " not in out and "source " not in out
    code, detailed, _ = run(capsys, "advise", PROFILE, "--detail")
    assert code == 0
    for r in advice:
        assert f"rule {r.rule}:" in detailed


def test_focus_keeps_one_kind_in_the_text_and_names_the_kinds_when_wrong(capsys):
    code, out, _ = run(capsys, "advise", PROFILE, "--focus", "usce_plan")
    assert code == 0
    assert KIND_HEADINGS["usce_plan"] in out and KIND_HEADINGS["letters_plan"] not in out
    assert "Secure US clinical rotations" in out and "Draft the personal statement" not in out
    code, _, err = run(capsys, "advise", PROFILE, "--focus", "usce")
    assert code == 2 and "usce_plan" in err


def test_advise_reads_toml_with_input_format(capsys, tmp_path):
    toml = tmp_path / "profile.txt"
    toml.write_text('specialty = "pmr"\nstep1 = {result = "pass"}\nstep2ck = {score = 214}\n')
    code, out, _ = run(capsys, "advise", toml, "--input-format", "toml", "--format", "json")
    assert code == 0
    assert json.loads(out) == advise({"specialty": "pmr", "step1": {"result": "pass"},
                                      "step2ck": {"score": 214}}).to_dict()


def test_advise_reads_stdin_in_process(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PROFILE.read_text("utf-8")))
    code, out, _ = run(capsys, "advise", "-", "--format", "json")
    assert code == 0
    assert json.loads(out) == advise(PROFILE).to_dict()


def test_advise_reads_stdin_in_a_real_process():
    result = run_module("advise", "-", "--format", "json", stdin=PROFILE.read_text("utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == advise(PROFILE).to_dict()


# --- bad input ---------------------------------------------------------------------------------


def test_bad_profile_exits_2_and_names_the_field(capsys, bad_profile):
    code, out, err = run(capsys, "advise", bad_profile)
    assert code == 2
    assert "step2ck.score" in err and "900" in err
    assert "Traceback" not in err
    assert out == ""


def test_bad_profile_with_json_format_prints_the_problems(capsys, bad_profile):
    code, out, err = run(capsys, "advise", bad_profile, "--format", "json")
    assert code == 2
    assert "step2ck.score" in err
    report = json.loads(out)
    assert isinstance(report, dict) and {"error", "problems"} <= set(report)
    assert [(p["path"], p["value"]) for p in report["problems"]] == [("step2ck.score", 900)]
    assert "300" in report["problems"][0]["allowed"]


def test_a_misspelt_profile_is_answered_with_what_was_meant(capsys, tmp_path):
    typo = write_json(tmp_path / "typo.json", {
        "$schema": "./img-advisor-profile.schema.json", "specialty": "internal_medecine",
        "vissa": "j1", "step1": {"result": "pass"}, "step2ck": {"scor": 230}})
    code, out, err = run(capsys, "advise", typo)
    assert code == 2 and out == ""
    assert ('  - vissa: there is no field of this name here; did you mean "visa"? The fields here '
            "are: specialty, step1, ") in err
    assert '  - step2ck.scor: there is no field of this name here; did you mean "score"?' in err
    assert ('  - specialty: "internal_medecine" is not allowed here; it must be one of pmr, '
            "med_peds, ") in err and err.count('did you mean "internal_medicine"?') == 1
    assert "$schema" not in err
    code, out, _ = run(capsys, "advise", typo, "--format", "json")
    problems = {p["path"]: p for p in json.loads(out)["problems"]}
    assert set(problems) == {"specialty", "vissa", "step2ck.scor"}
    assert all({"path", "value", "missing", "allowed", "code"} <= set(p)
               for p in problems.values())
    assert problems["vissa"]["value"] == "j1"
    assert 'did you mean "visa"?' in problems["vissa"]["allowed"]


def test_missing_file_exits_2(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "advise", "nowhere.json")
    assert code == 2
    assert "nowhere.json" in err and "readable" in err
    assert "Traceback" not in err


def test_malformed_json_on_stdin_exits_2(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"specialty": "pmr",'))
    code, out, err = run(capsys, "advise", "-", "--format", "json")
    assert code == 2
    assert "JSON" in json.loads(out)["problems"][0]["allowed"]
    assert "Traceback" not in err


HUGE = '{"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 1%s}}' % ("0" * 400)


@pytest.mark.parametrize(("text", "field"), [
    ('{"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 900}}',
     "step2ck.score"),
    ('{"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214}, "x": 1}', "x"),
    ('{"specialty": "pmr", "step1": {"result": "pass"}', "JSON"),
    ('{"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": NaN}}', "JSON"),
    (HUGE, "step2ck.score"),
], ids=["out of range", "unknown key", "malformed", "NaN", "huge integer"])
def test_bad_stdin_in_a_real_process(text, field):
    result = run_module("advise", "-", stdin=text)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert field in result.stderr
    assert result.stdout == ""


# --- --explain --------------------------------------------------------------------------------


def is_svg(data: bytes) -> bool:
    return data.startswith(b"<?xml") or b"<svg" in data


def is_png(data: bytes) -> bool:
    return data.startswith(PNG_MAGIC)


def is_dot(data: bytes) -> bool:
    return data.startswith(b"digraph")


def is_mermaid(data: bytes) -> bool:
    return data.startswith(b"flowchart LR")


def is_node_link(data: bytes) -> bool:
    parsed = json.loads(data)
    return isinstance(parsed["nodes"], list) and isinstance(parsed["edges"], list)


@pytest.mark.parametrize(("name", "looks_right"), [
    pytest.param("out.svg", is_svg, marks=needs_dot),
    pytest.param("out.png", is_png, marks=needs_dot),
    ("out.dot", is_dot),
    ("out.mmd", is_mermaid),
    ("out.json", is_node_link),
])
def test_explain_writes_the_format_of_the_suffix(capsys, out_dir, name, looks_right):
    code, out, err = run(capsys, "advise", PROFILE, "--explain", out_dir / name)
    assert code == 0, err
    assert "How many programs:" in out
    assert [p.name for p in out_dir.iterdir()] == [name]
    assert looks_right((out_dir / name).read_bytes())


def node_count(capsys, out_dir: Path, *focus: str) -> int:
    path = out_dir / f"graph{len(list(out_dir.iterdir()))}.json"
    code, _, err = run(capsys, "advise", PROFILE, "--explain", path, *focus)
    assert code == 0, err
    return len(json.loads(path.read_text("utf-8"))["nodes"])


def test_focus_draws_fewer_nodes(capsys, out_dir):
    full = node_count(capsys, out_dir)
    focused = node_count(capsys, out_dir, "--focus", "step3")
    assert 0 < focused < full
    assert full == advise(PROFILE).graph.number_of_nodes()


@pytest.mark.parametrize(("argv", "message"), [
    (["--explain", "{out}/out.xyz"], ".xyz"),
    (["--explain", "{out}/out.dot", "--focus", "horoscope"], "horoscope"),
    (["--explain", "{out}/out.svg", "--focus", "horoscope"], "horoscope"),
])
def test_unusable_explain_request_exits_2_and_writes_nothing(capsys, out_dir, argv, message):
    argv = [a.format(out=out_dir) for a in argv]
    code, out, err = run(capsys, "advise", PROFILE, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert_nothing_written(out_dir)


@pytest.mark.parametrize("name", ["out.dot", pytest.param("out.svg", marks=needs_dot)])
def test_bad_profile_with_explain_exits_2_and_writes_nothing(capsys, out_dir, bad_profile, name):
    code, _, err = run(capsys, "advise", bad_profile, "--explain", out_dir / name)
    assert code == 2
    assert "step2ck.score" in err
    assert_nothing_written(out_dir)


def test_explain_into_a_missing_directory_exits_2_without_traceback(tmp_path):
    result = run_module("advise", PROFILE, "--explain", tmp_path / "missing" / "out.dot")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot write" in result.stderr and "out.dot" in result.stderr


# --- Graphviz missing ---------------------------------------------------------------------------


@pytest.fixture
def env_without_dot(tmp_path) -> dict[str, str]:
    empty = tmp_path / "bin"
    empty.mkdir()
    path = [str(empty)]
    python_dir = Path(sys.executable).parent
    if not (python_dir / "dot").exists():
        path.append(str(python_dir))
    env = {**os.environ, "PATH": os.pathsep.join(path)}
    assert shutil.which("dot", path=env["PATH"]) is None
    return env


def test_svg_without_graphviz_exits_3_with_install_hint(env_without_dot, out_dir):
    result = run_module("advise", PROFILE, "--explain", out_dir / "out.svg",
                        env=env_without_dot, cwd=out_dir.parent)
    assert result.returncode == 3
    assert "graphviz" in result.stderr.lower()
    assert "apt-get install graphviz" in result.stderr
    assert "Traceback" not in result.stderr
    assert_nothing_written(out_dir)


def test_dot_without_graphviz_succeeds(env_without_dot, out_dir):
    result = run_module("advise", PROFILE, "--explain", out_dir / "out.dot",
                        env=env_without_dot, cwd=out_dir.parent)
    assert result.returncode == 0, result.stderr
    assert is_dot((out_dir / "out.dot").read_bytes())


# --- demo, schema, version, usage ---------------------------------------------------------------


@needs_dot
def test_demo_draws_each_headline_answer_of_each_example(capsys, out_dir):
    code, out, err = run(capsys, "demo", "--out", out_dir)
    assert code == 0, err
    for name in EXAMPLES:
        assert name in out
    kinds = ("apply_count", "step3", "prelim_backup")
    assert sorted(p.name for p in out_dir.iterdir()) == \
        sorted(f"{n}-{k}.svg" for n in EXAMPLES for k in kinds)
    for path in out_dir.iterdir():
        svg = path.read_bytes()
        assert is_svg(svg)
        assert b"Why " in svg, "a focused drawing of one answer"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())


def test_schema_is_a_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert {"specialty", "step1", "step2ck"} <= set(schema["required"])


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_validates_against_the_schema(schema, path):
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text("utf-8")))


@pytest.mark.parametrize("name", PROGRAM_EXAMPLES)
def test_the_program_list_schema_takes_the_example_lists_and_refuses_junk(capsys, name):
    code, out, _ = run(capsys, "schema", "--programs")
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    rows = [{k: v for k, v in attrs.asdict(p).items() if v is not None}
            for p in example_programs(name)]
    validator.validate(rows)
    validator.validate({"programs": rows})
    assert not validator.is_valid([{**rows[0], "visa": "h1b_only"}])
    assert not validator.is_valid([{**rows[0], "img_percent": 120}])
    assert not validator.is_valid([])


@pytest.mark.parametrize("change", [
    {"specialty": "astrology"},
    {"step2ck": {"score": 900}},
    {"extra": 1},
], ids=["unknown specialty", "score 900", "extra key"])
def test_schema_rejects_bad_profiles(schema, change):
    data = {**json.loads(PROFILE.read_text("utf-8")), **change}
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert "img-advisor" in capsys.readouterr().out


def test_no_subcommand_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_no_subcommand_in_a_real_process():
    result = run_module()
    assert result.returncode == 2
    assert "usage" in result.stderr and "Traceback" not in result.stderr


def test_why_names_one_of_several_recommendations_by_its_action(capsys):
    advice = advise(PROFILE)
    kind = next(k for k in advice.kinds if len(advice.all(k)) > 1 and k != "score_band")
    action = advice.all(kind)[0].value["action"]
    code, out, err = run(capsys, "why", PROFILE, f"{kind}={action}")
    assert code == 0, err
    assert out.startswith(f"Why {kind} = ")
    code, _, err = run(capsys, "why", PROFILE, kind)
    assert code == 2 and f"name one of: {kind}=" in err
