"""`img-advisor why | why-not | what-if | counterfactuals`: answers, JSON shape, diagrams, exit codes."""

from __future__ import annotations

import json

import pytest

from expert.cli import main
from expert.examples import EXAMPLES
from tests.conftest import REPO

SAMPLE = str(REPO / "expert" / "examples" / "state_univ_sample.json")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_why_text_and_json(capsys):
    code, out, _ = run(capsys, "why", SAMPLE, "step3")
    assert code == 0 and "step3.both_scores_low_with_time" in out and "Superseded" in out
    code, out, _ = run(capsys, "why", SAMPLE, "step3", "--format", "json")
    answer = json.loads(out)
    assert answer["steps"][-1]["rule"] == "step3.both_scores_low_with_time"
    assert {"schema_version", "subject", "inputs", "steps", "superseded"} == set(answer)


def test_why_draws_the_focused_diagram(capsys, tmp_path):
    out_file = tmp_path / "why.dot"
    code, _, _ = run(capsys, "why", SAMPLE, "apply_count", "--explain", out_file)
    dot = out_file.read_text()
    assert code == 0 and dot.startswith("digraph")
    assert "Low scores in a core specialty" in dot and "Step 3 is not required" not in dot


def test_why_not_json(capsys):
    code, out, _ = run(capsys, "why-not", SAMPLE, "step3=dont_rush", "--format", "json")
    answer = json.loads(out)
    assert code == 0 and answer["question"] == "step3 = dont_rush"
    reasons = {c["rule"]: c["unmet"] for c in answer["candidates"]}
    assert reasons["step3.step2ck_first"] == ["step2ck.status is taken, not one of pending, failed"]


def test_what_if_text_and_json(capsys):
    code, out, _ = run(capsys, "what-if", SAMPLE, "--set", "step2ck.score=241", "--format", "json")
    changes = {c["kind"]: c for c in json.loads(out)["changes"]}
    assert code == 0 and changes["step3"]["after"] == "not_needed"
    code, out, _ = run(capsys, "what-if", SAMPLE, "--set", "visa=h1b")
    assert code == 0 and "What if visa = 'h1b'?" in out


def test_what_if_draws_what_explains_the_new_answers(capsys, tmp_path):
    out_file = tmp_path / "what-if.dot"
    code, out, _ = run(capsys, "what-if", SAMPLE, "--set", "step2ck.score=241",
                       "--explain", out_file)
    dot = out_file.read_text()
    assert code == 0 and "What if" in out and dot.startswith("digraph")
    assert "step3: not_needed" in dot and "Step 3 is not required to match" in dot
    assert "score_band: step2ck strong" in dot
    assert "score_band: step1 low" not in dot   # only what is new: the unchanged band is not,
    assert "offset: step1 low countered by" in dot  # but the offset that moves the outlook is
    assert "Both Step 1 and Step 2 CK low" not in dot
    nothing = tmp_path / "nothing.dot"
    code, _, err = run(capsys, "what-if", SAMPLE, "--set", "research_outputs=0",
                       "--explain", nothing)
    assert code == 2 and "nothing new to draw" in err and not nothing.exists()


def test_counterfactuals_text_and_json(capsys):
    safety_nets = REPO / "expert" / "examples" / "safety_nets_ranking.json"
    code, out, _ = run(capsys, "counterfactuals", safety_nets, "step3")
    assert code == 0 and "What would change step3? Now: consider." in out
    assert "seek an H-1B instead of a J-1 visa" in out
    code, out, _ = run(capsys, "counterfactuals", safety_nets, "step3=take", "--format", "json")
    option, = json.loads(out)["options"]
    assert option["changes"] == {"visa": "h1b"}
    assert option["result"][0]["rule"] == "step3.h1b_programs_prefer_step3"


@pytest.mark.parametrize("argv, message", [
    (("why", SAMPLE, "score_band"), "name one of: score_band=step1, score_band=step2ck"),
    (("why", SAMPLE, "nonsense"), "no 'nonsense' recommendation; this advice has: outlook"),
    (("what-if", SAMPLE, "--set", "step2ck.score=900"), "step2ck.score"),
    (("what-if", SAMPLE, "--set", "nonsense"), "PATH=VALUE"),
    (("what-if", SAMPLE, "--set", "usce[7].months=3"), "usce[7].months"),
    (("what-if", SAMPLE, "--set", "usce.7.months=3"), "a list position below"),
    (("what-if", SAMPLE, "--set", "step2ck.score=" + "9" * 5000), "4,300 digits"),
    (("what-if", SAMPLE, "--set", "visa=" + "[" * 50_000), "nested at most"),
    (("what-if", SAMPLE, "--set", 'step2ck={"score": 230, "score": 231}'), "given twice"),
    (("what-if", SAMPLE, "--set", "specialty.x=1"), "single value"),
    (("why", SAMPLE, "step3", "--explain", "out.xyz"), "suffix"),
    (("counterfactuals", SAMPLE, "step4"), "not a kind"),
    (("counterfactuals", SAMPLE, "step3", "--budget", "0"), "at least 1"),
])
def test_bad_questions_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_question_on_each_demo(capsys, name):
    profile = REPO / "expert" / "examples" / f"{name}.json"
    for argv in (("why", profile, "prelim_backup"), ("why-not", profile, "step3=take"),
                 ("what-if", profile, "--set", "months_until_eras=3"),
                 ("counterfactuals", profile, "outlook")):
        code, out, _ = run(capsys, *argv, "--format", "json")
        assert code == 0 and json.loads(out)


@pytest.mark.parametrize("argv, message", [
    (("why-not", SAMPLE, "nonsense"), "not a kind of recommendation; the kinds are outlook"),
    (("why-not", SAMPLE, "step3=bogus"), "step3 can be done, dont_rush, take"),
    (("counterfactuals", SAMPLE, "step3=bogus"), "step3 can be done, dont_rush, take"),
])
def test_questions_about_what_no_rule_gives_exit_2_naming_what_is_allowed(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err
