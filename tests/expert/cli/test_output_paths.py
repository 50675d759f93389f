"""Output paths are checked before any work: a path that may not be written, or that is one
of the inputs, exits 2 with nothing written; a command that writes more than one thing makes
all of it before writing any."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

import expert
from expert.cli import main

EXAMPLES_DIR = Path(expert.__file__).parent / "examples"
PROFILE = EXAMPLES_DIR / "pmr_both_low.json"
LIST = EXAMPLES_DIR / "programs_example.csv"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="modes, FIFOs, devices")


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_programs_with_a_bad_out_writes_no_drawing_either(capsys, tmp_path):
    drawing = tmp_path / "why.mmd"
    code, _, err = run(capsys, "programs", PROFILE, LIST, "--explain", drawing,
                       "--out", tmp_path / "no" / "such" / "folder.txt")
    assert code == 2 and "cannot write" in err and "Traceback" not in err
    assert _names(tmp_path) == []


def test_programs_with_a_drawing_it_cannot_make_writes_no_list(capsys, tmp_path):
    code, _, err = run(capsys, "programs", PROFILE, LIST, "--explain", tmp_path / "why.mmd",
                       "--program", "No Such Program", "--out", tmp_path / "review.csv",
                       "--format", "csv")
    assert code == 2 and "no program of that name" in err
    assert _names(tmp_path) == []


@pytest.mark.parametrize("command", ["advise", "what-if", "why"])
def test_advise_what_if_and_why_check_explain_before_advising(capsys, tmp_path, command):
    extra = {"advise": [], "what-if": ["--set", "step2ck.score=240"], "why": ["step3"]}[command]
    code, out, err = run(capsys, command, PROFILE, *extra, "--explain", tmp_path / "a" / "b.mmd")
    assert code == 2 and "cannot write" in err and out == ""
    assert _names(tmp_path) == []


def test_advise_with_a_focus_that_is_not_there_writes_no_drawing(capsys, tmp_path):
    code, _, _ = run(capsys, "advise", PROFILE, "--focus", "rank_list", "--explain",
                     tmp_path / "focus.mmd")
    assert code == 2 and _names(tmp_path) == []


def test_batch_refuses_to_write_over_its_input(capsys, tmp_path):
    cohort = tmp_path / "cohort.jsonl"
    cohort.write_text(json.dumps(json.loads(PROFILE.read_text("utf-8"))) + "\n", "utf-8")
    before = cohort.read_bytes()
    for out in (cohort, tmp_path / "." / "cohort.jsonl"):
        code, _, err = run(capsys, "batch", cohort, "--out", out)
        assert code == 2 and "is the cohort" in err
    link = tmp_path / "link.jsonl"
    link.symlink_to(cohort)
    code, _, err = run(capsys, "batch", link, "--out", cohort)
    assert code == 2 and "is the cohort" in err
    assert cohort.read_bytes() == before and _names(tmp_path) == ["cohort.jsonl", "link.jsonl"]


def test_programs_refuses_to_write_over_the_list_or_the_profile(capsys, tmp_path):
    programs = tmp_path / "list.csv"
    programs.write_bytes(LIST.read_bytes())
    profile = tmp_path / "profile.json"
    profile.write_bytes(PROFILE.read_bytes())
    for out, what in ((programs, "the program list"), (profile, "the profile")):
        code, _, err = run(capsys, "programs", profile, programs, "--format", "csv",
                           "--out", out)
        assert code == 2 and what in err
    assert programs.read_bytes() == LIST.read_bytes()
    assert profile.read_bytes() == PROFILE.read_bytes()


def test_two_outputs_may_not_share_a_file(capsys, tmp_path):
    both = tmp_path / "both.json"
    code, _, err = run(capsys, "programs", PROFILE, LIST, "--format", "json", "--out", both,
                       "--explain", both)
    assert code == 2 and "writes there too" in err and _names(tmp_path) == []


def test_report_refuses_to_write_over_its_profile(capsys, tmp_path):
    profile = tmp_path / "profile.md"  # a profile named like a report: still the input
    profile.write_bytes(PROFILE.read_bytes())
    code, _, err = run(capsys, "report", profile, "--input-format", "json", "--out", profile)
    assert code == 2 and "is the profile" in err
    assert profile.read_bytes() == PROFILE.read_bytes()


@posix_only
def test_a_read_only_output_is_refused_and_kept(capsys, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text("mine\n", "utf-8")
    path.chmod(0o444)
    code, _, err = run(capsys, "kb", "rules", "--out", path)
    assert code == 2 and "read-only" in err
    assert path.read_text("utf-8") == "mine\n" and _names(tmp_path) == ["rules.md"]


@posix_only
def test_an_output_keeps_its_mode_and_a_link_its_target(capsys, tmp_path):
    private = tmp_path / "private.md"
    private.write_text("old", "utf-8")
    private.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(private.name)
    assert run(capsys, "kb", "rules", "--out", link)[0] == 0
    assert link.is_symlink() and private.read_text("utf-8").startswith("#")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_a_folder_as_output_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "example", "pmr_both_low", "--out", tmp_path)
    assert code == 2 and ("folder" in err or "suffix" in err or ".json" in err)
    code, _, err = run(capsys, "kb", "rules", "--out", tmp_path)
    assert code == 2 and "it is a folder" in err


@posix_only
def test_a_fifo_as_output_is_written_through(capsys, tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert run(capsys, "kb", "rules", "--out", fifo)[0] == 0
    reader.join(10)
    assert received and received[0].startswith(b"#")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and _names(tmp_path) == ["pipe"]


def test_the_interview_checks_its_output_before_asking(capsys, tmp_path):
    code, _, err = run(capsys, "interview", "--out", tmp_path / "missing" / "profile.json")
    assert code == 2 and "cannot write" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_while_writing_a_file_exits_4(capsys):
    code, _, err = run(capsys, "kb", "rules", "--out", "/dev/full")
    assert code == 4 and "No space left" in err and "Traceback" not in err
