"""Batch advice: ``advise_many`` and ``img-advisor batch``.

Results come in input order, equal to one-by-one ``advise``, on one or two processes; a bad line
is answered in place without stopping the rest; an interrupted run leaves no output file.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert import advise
from expert.batch import CHUNK_SIZE, advise_many, answer_blocks, answer_lines
from expert.cli import main
from expert.examples import example_profiles
from tests.conftest import profile
from tests.strategies import profiles, with_junk

EXAMPLES = list(example_profiles().values())


def jsonl(*items: object) -> bytes:
    """JSON Lines: dicts are dumped, bytes and str are taken as the line itself."""
    lines = []
    for item in items:
        if isinstance(item, bytes):
            lines.append(item)
        elif isinstance(item, str):
            lines.append(item.encode("utf-8"))
        else:
            lines.append(json.dumps(item).encode("utf-8"))
    return b"\n".join(lines) + b"\n"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def read_results(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


# --- advise_many -----------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow,
                                 HealthCheck.function_scoped_fixture])
@given(cohort=st.lists(profiles(), min_size=40, max_size=80))
def test_results_are_one_by_one_advice_in_input_order(jobs, cohort):
    results = list(advise_many(cohort, jobs=jobs))
    assert [r.line for r in results] == list(range(1, len(cohort) + 1))
    assert all(r.ok and r.problems == () for r in results)
    assert [r.advice for r in results] == [advise(p).to_dict("plan") for p in cohort]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_profile_is_answered_in_place_and_the_rest_go_on(jobs):
    cohort = [*EXAMPLES, {"specialty": "surgery"}, *EXAMPLES, "not a mapping", *EXAMPLES]
    results = list(advise_many(cohort, jobs=jobs))
    assert [r.ok for r in results] == [isinstance(p, dict) and p.get("step1") is not None
                                       for p in cohort]
    bad = results[len(EXAMPLES)]
    assert bad.advice is None and bad.line == len(EXAMPLES) + 1
    assert {p.path for p in bad.problems} >= {"specialty", "step1", "step2ck"}
    assert bad.to_dict()["error"] == "invalid profile"
    assert results[-1].advice == advise(EXAMPLES[-1]).to_dict("plan")


def test_input_is_read_as_results_are_taken():
    """Streaming: the first results are ready before the input is read to its end."""
    read = []

    def endless():
        while True:
            read.append(1)
            yield EXAMPLES[len(read) % len(EXAMPLES)]

    results = advise_many(endless(), jobs=2)
    first = [next(results) for _ in range(5)]
    results.close()
    assert [r.line for r in first] == [1, 2, 3, 4, 5]
    assert len(read) < 500  # bounded: a few chunks per worker, not the whole input


def test_workers_scratch_files_are_gone_when_the_batch_ends_or_stops(tmp_path, monkeypatch):
    """Workers hand back each chunk's answers in a file of a scratch directory; whether the
    batch runs to its end or is stopped early, nothing of it is left."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert [r.line for r in advise_many(EXAMPLES * 8, jobs=2)] == list(range(1, 41))
    assert list(tmp_path.iterdir()) == []
    results = advise_many(EXAMPLES * 40, jobs=2)
    next(results)
    results.close()
    assert list(tmp_path.iterdir()) == []


def test_jobs_below_one_are_refused():
    with pytest.raises(ValueError, match="from 1 to 64"):
        list(advise_many(EXAMPLES, jobs=0))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles() | with_junk())
def test_a_result_line_is_the_json_the_standard_library_writes(data):
    (result,) = advise_many([data])
    standard = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert json.loads(result.to_json_bytes()) == json.loads(standard)
    if result.ok:  # advice holds no numbers in exponent form: the very same bytes
        assert result.to_json_bytes() == standard.encode("utf-8")
        # A JSON Lines file's answer, written without making the dict, is the same line.
        (line,) = answer_lines([json.dumps(data).encode("utf-8")])
        assert (line.ok, line.json) == (True, result.to_json_bytes())


def test_values_json_cannot_hold_are_answered_as_text():
    bad, surrogate = advise_many([profile(step2ck=10**30), {"specialty": "\ud800", "\udc00": 1}])
    assert json.loads(bad.to_json())["problems"][0]["value"] == str(10**30)
    answered = json.loads(surrogate.to_json_bytes())["problems"]
    assert {p["path"] for p in answered} >= {"specialty", "\\udc00"}
    assert "\\ud800" in {p["value"] for p in answered}


# --- answer_lines ----------------------------------------------------------------------------


def test_lines_are_numbered_as_in_the_file_and_blank_lines_skipped():
    data = jsonl(EXAMPLES[0], "", "   ", EXAMPLES[1], "{not json", b"\xff\xfe", ["a list"],
                 profile(step2ck=999), '{"specialty": "\\ud800"}')
    lines = list(answer_lines(data.splitlines(keepends=True), jobs=1))
    assert [(line.number, line.ok) for line in lines] == [
        (1, True), (4, True), (5, False), (6, False), (7, False), (8, False), (9, False)]
    answers = [json.loads(line.json) for line in lines]
    assert answers[0] == {"line": 1, "advice": advise(EXAMPLES[0]).to_dict("plan")}
    assert "valid JSON" in answers[2]["problems"][0]["allowed"]
    assert "UTF-8" in answers[3]["problems"][0]["allowed"]
    assert "an object" in answers[4]["problems"][0]["allowed"]
    assert answers[5]["problems"][0]["path"] == "step2ck.score"
    assert "specialty has a \\u escape of half a surrogate pair" in answers[6]["problems"][0]["allowed"]
    assert all(b"\n" not in line.json for line in lines)


@pytest.mark.parametrize("jobs", [1, 2])
def test_blocks_hold_the_answer_lines_in_order_ready_to_write(jobs):
    """``answer_blocks`` gives what ``answer_lines`` gives, a block of lines at a time."""
    data = jsonl(*[EXAMPLES[n % 5] if n % 7 else "{bad" for n in range(1, 41)])
    lines = list(answer_lines(data.splitlines(keepends=True), jobs=1))
    blocks = list(answer_blocks(data.splitlines(keepends=True), jobs=jobs))
    assert [line for block in blocks for line in block] == lines
    assert b"".join(block.json for block in blocks) == b"".join(
        line.json + b"\n" for line in lines)
    assert [n for block in blocks for n in block.invalid] == [
        line.number for line in lines if not line.ok] == [7, 14, 21, 28, 35]
    assert max(len(block.numbers) for block in blocks) == (1 if jobs == 1 else CHUNK_SIZE)


# --- the batch command -----------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_writes_one_line_per_profile_in_order(capsys, tmp_path, jobs):
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(jsonl(*EXAMPLES, *EXAMPLES))
    out = tmp_path / "results.jsonl"
    code, stdout, stderr = run(capsys, "batch", source, "--out", out, "--jobs", jobs)
    assert (code, stdout, stderr) == (0, "", "")
    results = read_results(out)
    assert [r["line"] for r in results] == list(range(1, 2 * len(EXAMPLES) + 1))
    assert [r["advice"] for r in results] == [advise(p).to_dict("plan") for p in EXAMPLES * 2]
    assert all(len(line) < 10_000 for line in out.read_bytes().splitlines())  # compact
    # with the explanation, the same data as advise --format json
    code, _, _ = run(capsys, "batch", source, "--out", out, "--jobs", jobs, "--carry",
                     "explanation")
    assert code == 0
    assert read_results(out)[0]["advice"] == json.loads(advise(EXAMPLES[0]).to_json())


def test_batch_with_bad_lines_writes_all_and_exits_1(capsys, tmp_path):
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(jsonl(EXAMPLES[0], "{", EXAMPLES[1], {"specialty": 7}))
    out = tmp_path / "results.jsonl"
    code, _, stderr = run(capsys, "batch", source, "--out", out)
    assert code == 1
    assert "2 invalid profile(s)" in stderr and "line 2, 4" in stderr
    results = read_results(out)
    assert [("advice" in r, r["line"]) for r in results] == [
        (True, 1), (False, 2), (True, 3), (False, 4)]
    problem = results[3]["problems"][0]
    assert problem == {"path": "specialty", "value": 7, "missing": False, "code": "wrong_type",
                       "allowed": problem["allowed"], "choices": problem["choices"]}
    assert "pmr" in problem["choices"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_names_the_first_ten_invalid_lines_and_counts_them_all(capsys, tmp_path, jobs):
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(jsonl(*[EXAMPLES[0] if n % 3 else "[]" for n in range(1, 61)]))
    out = tmp_path / "results.jsonl"
    code, _, stderr = run(capsys, "batch", source, "--out", out, "--jobs", jobs)
    assert code == 1
    named = ", ".join(str(n) for n in range(3, 31, 3))
    assert f"20 invalid profile(s), answered with their problems: line {named}, ...\n" in stderr
    assert len(read_results(out)) == 60


def test_batch_reads_stdin_and_writes_stdout(capsys, monkeypatch):
    import io

    stdin = io.TextIOWrapper(io.BytesIO(jsonl(EXAMPLES[2], "", EXAMPLES[3])))
    monkeypatch.setattr(sys, "stdin", stdin)
    stdout = io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["batch", "-", "--out", "-"]) == 0
    stdout.flush()
    lines = stdout.buffer.getvalue().decode("utf-8").splitlines()
    assert [json.loads(line)["line"] for line in lines] == [1, 3]


def test_an_empty_file_gives_an_empty_result_file(capsys, tmp_path):
    source = tmp_path / "empty.jsonl"
    source.write_bytes(b"")
    out = tmp_path / "results.jsonl"
    assert run(capsys, "batch", source, "--out", out)[0] == 0
    assert out.read_bytes() == b""


@pytest.mark.parametrize("problem, message", [
    ("missing", "cannot read"), ("directory", "cannot read"), ("unwritable", "cannot write"),
    ("jobs", "--jobs 0"),
])
def test_unusable_files_and_options_exit_2(capsys, tmp_path, problem, message):
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(jsonl(EXAMPLES[0]))
    out = tmp_path / "results.jsonl"
    argv = {"missing": ["batch", tmp_path / "nothing.jsonl", "--out", out],
            "directory": ["batch", tmp_path, "--out", out],
            "unwritable": ["batch", source, "--out", tmp_path / "no" / "dir.jsonl"],
            "jobs": ["batch", source, "--out", out, "--jobs", 0]}[problem]
    code, _, stderr = run(capsys, *argv)
    assert code == 2 and message in stderr and "Traceback" not in stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_batch_leaves_no_output_and_exits_130(tmp_path, jobs):
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(jsonl(*EXAMPLES * 2000))  # far more than can be done before the signal
    out = tmp_path / "results.jsonl"
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "expert", "batch", str(source), "--out", str(out),
         "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch)})
    time.sleep(3)  # started and advising
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "scratch"]
    assert list(scratch.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir()
                    or multiprocessing.get_start_method() != "fork",
                    reason="finds the forked workers through /proc")
def test_a_worker_that_dies_stops_the_batch_with_exit_2_and_no_output(tmp_path):
    source = tmp_path / "cohort.jsonl"
    source.write_bytes(jsonl(*EXAMPLES * 2000))
    out = tmp_path / "results.jsonl"
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "expert", "batch", str(source), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(scratch)})
    workers: list[int] = []
    deadline = time.monotonic() + 30
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        workers = [int(pid) for pid in children  # forked workers, not a helper process
                   if b"batch" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    time.sleep(1)  # advising
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2, stderr
    assert b"worker process died" in stderr and b"Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "scratch"]
    assert list(scratch.iterdir()) == []
