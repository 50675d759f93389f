"""Bad program lists everywhere: through ``advise`` only a ``ProgramListError`` naming the row
and column; through the command line exit code 2, no traceback, no output file; the input list
is never changed."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert import advise
from expert.cli import main
from expert.errors import ProgramListError
from expert.inputs.program_lists import MAX_PROGRAM_LIST_CHARS
from tests.conftest import profile
from tests.strategies import junk

FUZZ = {"deadline": None, "database": None,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}

COLUMNS = ["name", "state", "city", "type", "specialty", "img_percent", "visa", "step2ck_min",
           "step2ck_average", "region_imgs", "description", "interviewed", "rank", "notes"]
ROW = {"name": "Lakeview Community Hospital (fictional)", "state": "OH", "city": "Lakeview",
       "type": "community", "specialty": "internal_medicine", "img_percent": 62, "visa": "j1",
       "step2ck_average": 226, "interviewed": True, "rank": 1}
APPLICANT = profile("internal_medicine", 224)


@st.composite
def program_lists(draw) -> list:
    """A valid two-program list with junk in a cell, a row, or the list's place."""
    rows = [dict(ROW), {**ROW, "name": "Second (fictional)", "rank": 2}]
    where = draw(st.sampled_from(["cell", "new column", "row"]))
    if where == "row":
        rows[draw(st.integers(0, 1))] = draw(junk)
    else:
        column = draw(st.sampled_from(COLUMNS)) if where == "cell" else draw(st.text(max_size=8))
        rows[draw(st.integers(0, 1))][column] = draw(junk)
    return rows


def judge_or_refuse(programs) -> None:
    try:
        advice = advise(APPLICANT, programs=programs)
    except ProgramListError as error:
        assert error.problems and str(error).startswith("invalid program list")
        assert all(p.path.startswith(("programs", "file")) for p in error.problems)
    else:
        assert len(advice.programs) == len(programs)


@settings(max_examples=300, **FUZZ)
@given(programs=program_lists())
def test_advise_judges_the_list_or_refuses_it_and_changes_nothing(programs):
    before = copy.deepcopy(programs)
    judge_or_refuse(programs)
    assert repr(programs) == repr(before)


@settings(max_examples=100, **FUZZ)
@given(data=junk)
def test_any_json_value_as_the_list_is_judged_or_refused(data):
    try:
        advise(APPLICANT, programs=data if isinstance(data, list) else [data])
    except ProgramListError as error:
        assert error.problems


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


cells = st.text(max_size=12) | st.sampled_from(["", "unknown", "NaN", "inf", "-1", "1e400",
                                               "62%", "yes", "maybe", "\x00", "j1_h1b"])


@settings(max_examples=80, **FUZZ)
@given(header=st.lists(st.sampled_from(COLUMNS) | st.text(max_size=6), min_size=1, max_size=6),
       body=st.lists(st.lists(cells, max_size=7), max_size=4),
       fmt=st.sampled_from(["csv", "json", "text"]))
def test_cli_bad_csv_exits_2_names_row_and_column_and_writes_nothing(capsys, header, body, fmt):
    with tempfile.TemporaryDirectory() as folder:
        programs = Path(folder) / "programs.csv"
        programs.write_text(_csv([header, *body]), "utf-8", errors="surrogatepass")
        applicant = Path(folder) / "profile.json"
        applicant.write_text(json.dumps(APPLICANT), "utf-8")
        out = Path(folder) / "judged.out"
        code = main(["programs", str(applicant), str(programs), "--format", fmt,
                     "--out", str(out)])
        _, stderr = capsys.readouterr()
        if code == 0:
            assert out.exists()
            return
        assert code == 2, stderr
        assert stderr.startswith("img-advisor: invalid program list") and "Traceback" not in stderr
        assert any(place in stderr for place in ("row ", "column", "file", "programs:"))
        assert not out.exists()


BAD_FILES = {
    "not UTF-8": ("csv", b"name,state\n\xff\xfe,OH\n"),
    "empty": ("csv", b""),
    "NaN in JSON": ("json", b'[{"name": "A (fictional)", "img_percent": NaN}]'),
    "deep nesting": ("json", b"[" * 100_000 + b"]" * 100_000),
    "bad TOML": ("toml", b"[[programs]\nname = "),
    "over the size limit": ("csv", b"name\n" + b"x" * (MAX_PROGRAM_LIST_CHARS + 1)),
}


@pytest.mark.parametrize("fmt, content", BAD_FILES.values(), ids=BAD_FILES)
def test_bad_program_file_in_a_real_process_exits_2_without_traceback(tmp_path, fmt, content):
    programs = tmp_path / f"programs.{fmt}"
    programs.write_bytes(content)
    applicant = tmp_path / "profile.json"
    applicant.write_text(json.dumps(APPLICANT), "utf-8")
    out = tmp_path / "judged.csv"
    result = subprocess.run([sys.executable, "-m", "expert", "programs", str(applicant),
                             str(programs), "--format", "csv", "--out", str(out)],
                            capture_output=True, timeout=120)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert stderr.startswith("img-advisor: invalid program list") and "Traceback" not in stderr
    assert len(stderr) < 2_000
    assert not out.exists()
