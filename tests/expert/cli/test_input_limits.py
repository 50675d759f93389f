"""Issue 18 at the command line: ``--set`` shorthands and paths as in Python, every bound an
exit 2 naming the problem (and its code, with ``--format json``), never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from expert.batch import MAX_JOBS
from expert.cli import main
from expert.inputs.text import BOM
from tests.conftest import profile

FAILED_BEFORE = profile(step2ck={"score": 224, "attempts": 2},
                        usce=[{"specialty": "internal_medicine", "months": 1}])


def run(capsys, *argv: Any) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def failed_before(tmp_path) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(FAILED_BEFORE), "utf-8")
    return path


def test_set_a_score_by_its_exam_keeps_the_attempts(capsys, failed_before):
    """``--set step2ck=224`` used to replace the exam: attempts 2 became 1, and the advice
    changed though the score did not."""
    code, out, err = run(capsys, "what-if", failed_before, "--set", "step2ck=224")
    assert code == 0, err
    assert "would not change" in out
    code, out, _ = run(capsys, "what-if", failed_before, "--set", 'step2ck={"score": 224}')
    assert code == 0 and "would not change" not in out  # an object replaces the whole exam


@pytest.mark.parametrize("path", ["usce[0].months", "usce.0.months"])
def test_set_takes_a_list_position_in_either_syntax(capsys, failed_before, path):
    code, out, err = run(capsys, "what-if", failed_before, "--set", f"{path}=6",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out)["changes_asked"] == {path: 6}


def test_a_bad_set_names_its_path_and_code_in_json(capsys, failed_before):
    code, out, err = run(capsys, "what-if", failed_before, "--set", "usce[3].months=6",
                         "--format", "json")
    assert code == 2 and "Traceback" not in err
    (problem,) = json.loads(out)["problems"]
    assert problem["path"] == "usce[3].months" and problem["code"] == "bad_path"


@pytest.mark.parametrize("jobs", [0, MAX_JOBS + 1, 10_000])
def test_jobs_outside_the_bound_exit_2_before_any_work(capsys, tmp_path, jobs):
    source = tmp_path / "cohort.jsonl"
    source.write_text(json.dumps(FAILED_BEFORE) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "batch", source, "--out", out, "--jobs", jobs)
    assert code == 2 and f"from 1 to {MAX_JOBS}" in err
    assert not out.exists()


def test_kb_check_processes_past_the_bound_exit_2(capsys):
    code, _, err = run(capsys, "kb", "check", "--sweep", "none", "--processes", MAX_JOBS + 1)
    assert code == 2 and f"from 1 to {MAX_JOBS}" in err


def test_batch_of_dev_zero_exits_2_at_once_without_reading_it_all(tmp_path):
    """``batch /dev/zero`` used to end in MemoryError."""
    out = tmp_path / "out.jsonl"
    result = subprocess.run([sys.executable, "-m", "expert", "batch", "/dev/zero", "--out",
                             str(out)], capture_output=True, timeout=120)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert "line 1" in stderr and "bytes" in stderr and "Traceback" not in stderr
    assert len(stderr) < 2_000
    assert list(tmp_path.iterdir()) == []


def test_a_profile_with_a_key_given_twice_exits_2_with_its_code(capsys, tmp_path):
    path = tmp_path / "profile.json"
    path.write_text('{"specialty": "pmr", "specialty": "neurology", "step1": {"result": '
                    '"pass"}, "step2ck": {"score": 214}}', "utf-8")
    code, out, err = run(capsys, "advise", path, "--format", "json")
    assert code == 2 and "given twice" in err
    assert json.loads(out)["problems"][0]["code"] == "duplicate_key"


def test_a_profile_file_with_a_byte_order_mark_is_read(capsys, tmp_path):
    path = tmp_path / "profile.json"
    path.write_bytes(BOM.encode() + json.dumps(FAILED_BEFORE).encode())
    code, _, err = run(capsys, "advise", path, "--format", "json")
    assert code == 0, err


def test_a_program_list_with_a_stray_quote_exits_2_naming_the_row(capsys, tmp_path,
                                                                   failed_before):
    programs = tmp_path / "programs.csv"
    programs.write_text('name,state\nA (fictional),"OH\nB (fictional),NY\nC (fictional),CA"\n',
                        "utf-8")
    code, out, err = run(capsys, "programs", failed_before, programs, "--format", "json")
    assert code == 2 and "row 2, column state" in err and "lines 2 to 4" in err
    assert json.loads(out)["problems"][0]["code"] == "bad_syntax"
