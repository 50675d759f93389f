"""How a run ends when it is stopped or cannot write: SIGTERM, SIGHUP and SIGINT stop workers
and remove temporary files (exit 143, 129, 130); a full disk exits 4, a closed pipe quietly;
input is read and output written as UTF-8 whatever the locale. Real processes, seconds each."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import expert

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
PROFILE = EXAMPLES_DIR / "pmr_both_low.json"
LIST = EXAMPLES_DIR / "programs_example.csv"
BAD = {"specialty": "surgery", "step1": {"result": "pass"}}

on_linux = pytest.mark.skipif(not Path("/proc/self/task").is_dir() or sys.platform == "win32",
                              reason="finds the workers through /proc")
has_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


def command(*argv: object) -> list[str]:
    return [sys.executable, "-m", "expert", *map(str, argv)]


def run(*argv: object, env: dict[str, str] | None = None, **options) -> subprocess.CompletedProcess:
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(command(*argv), timeout=120, env={**os.environ, **(env or {})},
                          **options)


def _children(pid: int) -> list[int]:
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    """Whether a process is there and not a zombie (exited, waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def cohort(tmp_path) -> Path:
    path = tmp_path / "cohort.jsonl"
    line = json.dumps(json.loads(PROFILE.read_text("utf-8"))) + "\n"
    path.write_text(line * 20_000, "utf-8")  # far more than is done before the signal
    return path


def _start_batch(tmp_path: Path, cohort: Path, **options) -> tuple[subprocess.Popen, list[int]]:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        command("batch", cohort, "--out", tmp_path / "results.jsonl", "--jobs", 2),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)}, **options)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline:  # until both workers advise and results are coming
        workers = [pid for pid in _children(process.pid)
                   if b"batch" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        if len(workers) == 2 and any(p.name.startswith(".results") for p in tmp_path.iterdir()):
            break
        time.sleep(0.1)
    time.sleep(0.5)
    assert process.poll() is None and len(workers) == 2
    return process, workers


def _assert_stopped_cleanly(tmp_path: Path, workers: list[int]) -> None:
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_running, workers)), "no worker may be left running"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.jsonl", "scratch"], \
        "no output and no temporary file beside it"
    assert list((tmp_path / "scratch").iterdir()) == [], "no scratch folder left"


@on_linux
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129),
                                          (signal.SIGINT, 130)])
def test_a_signalled_batch_stops_its_workers_and_leaves_nothing(tmp_path, cohort, signum, code):
    process, workers = _start_batch(tmp_path, cohort)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.decode().strip().splitlines() == [
        f"img-advisor: interrupted ({signal.Signals(signum).name}); "
        f"{tmp_path / 'results.jsonl'} was not written"]
    _assert_stopped_cleanly(tmp_path, workers)


@on_linux
def test_a_hangup_to_the_whole_process_group_stops_the_batch_cleanly(tmp_path, cohort):
    """A terminal that closes signals every process of the job, workers included."""
    process, workers = _start_batch(tmp_path, cohort, start_new_session=True)
    os.killpg(process.pid, signal.SIGHUP)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 129, stderr
    assert b"Traceback" not in stderr and b"worker" not in stderr
    _assert_stopped_cleanly(tmp_path, workers)


@on_linux
def test_workers_of_a_batch_killed_outright_do_not_wait_forever(tmp_path, cohort):
    process, workers = _start_batch(tmp_path, cohort)
    process.kill()
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_running, workers))


@on_linux
def test_ctrl_c_in_kb_check_stops_the_sweep_without_a_traceback():
    process = subprocess.Popen(command("kb", "check"), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(process.pid)
    time.sleep(0.5)
    assert process.poll() is None, "the sweep is still under way"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.decode().strip().splitlines() == ["img-advisor: interrupted (SIGINT)"]
    assert not any(map(_running, workers))


@has_dev_full
@pytest.mark.parametrize("argv", [
    ["advise", PROFILE], ["advise", PROFILE, "--format", "json"], ["kb", "rules"],
    ["advise", "{bad}", "--format", "json"],  # the invalid-profile report itself
])
def test_a_full_standard_output_exits_4_with_a_message(tmp_path, argv):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD), "utf-8")
    with open("/dev/full", "wb") as full:
        result = run(*(str(a).format(bad=bad) for a in argv), stdout=full)
    assert result.returncode == 4, result.stderr
    assert result.stderr.decode().splitlines()[-1] == \
        "img-advisor: cannot write standard output: No space left on device"
    assert b"Traceback" not in result.stderr


@has_dev_full
def test_a_full_disk_under_the_batch_output_exits_4_and_a_full_stderr_changes_nothing(tmp_path):
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps(json.loads(PROFILE.read_text("utf-8"))) + "\n", "utf-8")
    result = run("batch", cohort, "--out", "/dev/full")
    assert result.returncode == 4 and b"No space left" in result.stderr
    assert b"Traceback" not in result.stderr
    with open("/dev/full", "wb") as full:
        result = run("advise", PROFILE, stderr=full, stdout=subprocess.DEVNULL)
    assert result.returncode == 0


def _closed_pipe() -> int:
    """The writing end of a pipe whose reader has gone."""
    reader, writer = os.pipe()
    os.close(reader)
    return writer


@pytest.mark.parametrize("argv, code", [
    (["kb", "rules"], 0), (["advise", PROFILE, "--format", "json"], 0),
    (["advise", "{bad}", "--format", "json"], 2),  # the input was still bad
    (["batch", "{cohort}", "--out", "-"], 0),
])
def test_a_closed_pipe_ends_the_run_quietly_and_never_with_1(tmp_path, argv, code):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(BAD), "utf-8")
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps(json.loads(PROFILE.read_text("utf-8"))) + "\n", "utf-8")
    writer = _closed_pipe()
    try:
        result = run(*(str(a).format(bad=bad, cohort=cohort) for a in argv), stdout=writer)
    finally:
        os.close(writer)
    assert result.returncode == code, result.stderr
    assert b"Traceback" not in result.stderr and b"Broken pipe" not in result.stderr


def test_a_closed_standard_output_exits_4():
    result = subprocess.run(command("advise", PROFILE), stderr=subprocess.PIPE, timeout=120,
                            stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert result.returncode == 4 and b"cannot write standard output" in result.stderr
    assert b"Traceback" not in result.stderr


LOCALES = [{"LC_ALL": "C"}, {"LANG": "latin1", "LC_ALL": ""},
           {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},  # an ASCII locale
           {"PYTHONIOENCODING": "latin-1"}]


@pytest.mark.parametrize("locale", LOCALES, ids=lambda env: " ".join(f"{k}={v}"
                                                                    for k, v in env.items()))
def test_non_ascii_text_is_read_and_written_as_utf8_whatever_the_locale(tmp_path, locale):
    programs = tmp_path / "programs.csv"
    programs.write_text("name,state\nKlinik Zürich “fictional” (fictional),OH\n", "utf-8")
    result = run("programs", PROFILE, programs, "--format", "csv", env=locale)
    assert result.returncode == 0, result.stderr
    assert "Klinik Zürich “fictional”".encode() in result.stdout
    profile = json.loads(PROFILE.read_text("utf-8"))
    result = run("advise", "-", env=locale,
                 input=json.dumps({**profile, "zé": 1}, ensure_ascii=False).encode())
    assert result.returncode == 2 and "zé:".encode() in result.stderr, result.stderr


@pytest.mark.parametrize("locale", [{}, {"LC_ALL": "C"}])
def test_standard_input_that_is_not_utf8_is_refused_naming_the_byte(locale):
    result = run("advise", "-", input=b'{"specialty":\n "pmr\xff"}', env=locale)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"line 2, column 6, byte 20 is 0xff" in result.stderr, result.stderr
    result = run("advise", "-", "--format", "json", input=b"\xc3(", env=locale)
    problem = json.loads(result.stdout)["problems"][0]
    assert result.returncode == 2 and problem["code"] == "bad_encoding"
