"""Program list files (CSV, JSON, TOML): what is read, what is refused with the row and column
named, and the ``img-advisor programs`` command's outputs and exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from expert.cli import main
from expert.errors import ProgramListError
from expert.inputs.program_lists import parse_programs, read_programs, to_programs
from knowledge_base.programs import Program
from tests.conftest import REPO

EXAMPLES = REPO / "expert" / "examples"
PROFILE = EXAMPLES / "state_univ_sample.json"
LIST = EXAMPLES / "programs_example.csv"
HEADER = "name,state,city,type,img_percent,visa,step2ck_min,interviewed,rank\n"


def problems(text: str, fmt: str = "csv") -> list[str]:
    with pytest.raises(ProgramListError) as caught:
        parse_programs(text, fmt)
    return [str(p) for p in caught.value.problems]


# --- reading ---------------------------------------------------------------------------------

def test_a_csv_row_with_every_kind_of_cell():
    (program,) = parse_programs(HEADER + "Lakeview (fictional), oh ,Lakeview,Community,35%,"
                                         "J1,220,yes,3\n", "csv")
    assert program == Program("Lakeview (fictional)", state="OH", city="Lakeview",
                              type="community", img_percent=35, visa="j1", step2ck_min=220,
                              interviewed=True, rank=3)


def test_empty_cells_and_the_word_unknown_are_unknown():
    (program,) = parse_programs(HEADER + "A (fictional),,unknown,UNKNOWN,,,,,\n", "csv")
    assert program == Program("A (fictional)")


def test_headers_are_read_loosely_and_blank_lines_skipped():
    text = "Name, IMG percent ,Step2CK-Min\n\nA (fictional),33.5,\n"
    (program,) = parse_programs(text.replace("Step2CK-Min", "step2ck min"), "csv")
    assert program.img_percent == 33.5


def test_json_toml_and_python_lists_give_the_same_programs():
    rows = [{"name": "A (fictional)", "state": "OH", "img_percent": 50, "interviewed": False},
            {"name": "B (fictional)", "visa": "unknown"}]
    from_json = parse_programs(json.dumps(rows), "json")
    assert parse_programs(json.dumps({"programs": rows}), "json") == from_json
    toml = ('[[programs]]\nname = "A (fictional)"\nstate = "OH"\nimg_percent = 50\n'
            'interviewed = false\n\n[[programs]]\nname = "B (fictional)"\nvisa = "unknown"\n')
    assert parse_programs(toml, "toml") == from_json
    assert to_programs(rows) == from_json
    assert to_programs(list(from_json)) == from_json


def test_the_example_lists_read_and_every_name_says_fictional():
    for path in EXAMPLES.glob("*.csv"):
        programs = read_programs(path)
        assert programs and all(p.name.endswith("(fictional)") for p in programs)
        assert all("invented" in (p.notes or "") for p in programs)


# --- refusing ----------------------------------------------------------------------------------

@pytest.mark.parametrize("row, named, allowed", [
    ("A,OH,X,hospital,40,j1,220,yes,1", "row 2, column type", "big_academic"),
    ("A,OH,X,community,forty,j1,220,yes,1", "row 2, column img_percent", "from 0 to 100"),
    ("A,OH,X,community,140,j1,220,yes,1", "row 2, column img_percent", "from 0 to 100"),
    ("A,OH,X,community,40,h1b,220,yes,1", "row 2, column visa", "none, j1, j1_h1b"),
    ("A,OH,X,community,40,j1,220.5,yes,1", "row 2, column step2ck_min", "whole number"),
    ("A,OH,X,community,40,j1,900,yes,1", "row 2, column step2ck_min", "from 1 to 300"),
    ("A,ZZ,X,community,40,j1,220,yes,1", "row 2, column state", "two-letter"),
    ("A,OH,X,community,40,j1,220,maybe,1", "row 2, column interviewed", "yes or no"),
    ("A,OH,X,community,40,j1,220,no,1", "row 2, column rank", "did not interview"),
    (",OH,X,community,40,j1,220,yes,1", "row 2, column name", "missing"),
    ("A,OH,X,community,40,j1,220,yes,1,surplus", "row 2", "at most 9 cells"),
])
def test_a_bad_cell_is_named_by_row_and_column(row, named, allowed):
    found = problems(HEADER + row + "\n")
    assert any(p.startswith(named + ":") and allowed in p for p in found), found


def test_every_problem_is_reported_together():
    found = problems(HEADER + "A,OH,X,hospital,40,j1,220,yes,1\nB,OH,X,community,x,j1,220,"
                              "yes,2\nA,OH,X,community,40,j1,220,yes,2\n")
    assert [p.split(":")[0] for p in found] == [
        "row 2, column type", "row 3, column img_percent", "row 4, column name",
        "row 4, column rank"]
    assert "(row 3, column rank)" in found[-1]


@pytest.mark.parametrize("text, named", [
    ("", "header"),
    ("state,city\nOH,X\n", "header, column name"),
    ("name,state,colour\nA,OH,red\n", "header, column 3"),
    ("name,name\nA,B\n", "header, column 2"),
    ("name,state\n", "programs"),
])
def test_a_bad_header_or_an_empty_list_is_refused(text, named):
    assert any(p.startswith(named + ":") for p in problems(text))


@pytest.mark.parametrize("text, fmt, named", [
    ('[{"name": "A", "img_percent": "lots"}]', "json", "programs[0].img_percent"),
    ('[{"name": "A", "rank": true}]', "json", "programs[0].rank"),
    ('[{"name": "A", "colour": "red"}]', "json", "programs[0].colour"),
    ('[{"name": "A"}, "B"]', "json", "programs[1]"),
    ('{"programs": [], "extra": 1}', "json", "extra"),
    ('{"name": "A"}', "json", "name"),
    ("[1, 2", "json", "file"),
    ('[[programs]]\nname = "A"\ninterviewed = "perhaps"\n', "toml", "programs[0].interviewed"),
])
def test_json_and_toml_problems_name_the_entry_and_column(text, fmt, named):
    assert any(p.startswith(named + ":") for p in problems(text, fmt))


@pytest.mark.parametrize("text, fmt, named, meant", [
    ("name,state,img_percnt\nA,OH,40\n", "csv", "header, column 3", "img_percent"),
    ("Name,Stat\nA,OH\n", "csv", "header, column 2", "state"),
    ("name,colour\nA,red\n", "csv", "header, column 2", None),
    ('[{"name": "A", "intervewed": true}]', "json", "programs[0].intervewed", "interviewed"),
    ('[[programs]]\nname = "A"\nsteps2ck_min = 220\n', "toml", "programs[0].steps2ck_min",
     "step2ck_min"),
    ('[{"name": "A", "colour": "red"}]', "json", "programs[0].colour", None),
])
def test_an_unknown_column_says_what_was_meant_and_what_the_columns_are(text, fmt, named, meant):
    (found,) = [p for p in problems(text, fmt) if p.startswith(named + ":")]
    assert "there is no column" in found
    assert "the columns are: name, state, city" in found.lower()
    if meant is None:
        assert "did you mean" not in found
    else:
        assert f'did you mean "{meant}"? The columns are: ' in found


def test_a_csv_header_cell_is_named_in_its_problem():
    (found,) = problems("name,img_percnt\nA,40\n")
    assert found.startswith('header, column 2: there is no column named "img_percnt"; did you '
                            'mean "img_percent"?')


@pytest.mark.parametrize("row, named, meant", [
    ("A,OH,X,comunity,40,j1,220,yes,1", "row 2, column type", "community"),
    ("A,OH,X,community,40,j-1,220,yes,1", "row 2, column visa", "j1"),
    ("A,OH,X,university,40,j1,220,yes,1", "row 2, column type", "university_affiliated"),
    ("A,OH,X,hospital,40,j1,220,yes,1", "row 2, column type", None),
])
def test_a_near_miss_of_a_choice_says_which_was_meant(row, named, meant):
    (found,) = [p for p in problems(HEADER + row + "\n") if p.startswith(named + ":")]
    if meant is None:
        assert "did you mean" not in found
    else:
        assert found.endswith(f'; did you mean "{meant}"?')


def test_unreadable_or_misnamed_files(tmp_path):
    with pytest.raises(ProgramListError, match="ending in .csv"):
        read_programs(tmp_path / "list.xlsx")
    with pytest.raises(ProgramListError, match="readable UTF-8"):
        read_programs(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(ProgramListError, match="readable UTF-8"):
        read_programs(latin)


# --- the command ---------------------------------------------------------------------------------

def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output(capsys):
    code, out, err = run(capsys, "programs", PROFILE, LIST)
    assert code == 0, err
    assert "14 programs: 2 reach, 4 match, 4 safety, 4 do-not-apply" in out
    assert "Pinecrest Regional Hospital (fictional) (Pinecrest, GA, community): do_not_apply" \
        in out
    assert "rule program_list.add_programs" in out


def test_json_output(capsys):
    code, out, _ = run(capsys, "programs", PROFILE, LIST, "--format", "json")
    shape = json.loads(out)
    assert code == 0 and set(shape) == {"schema_version", "verdicts", "counts", "measures", "checks"}
    assert shape["counts"]["safety"] == 4
    assert {c["rule"] for c in shape["checks"]} == {"program_list.add_programs",
                                                    "program_list.remove_do_not_apply",
                                                    "program_list.balanced"}


def test_csv_output_is_the_list_with_verdict_columns_and_reads_back(capsys, tmp_path):
    out_file = tmp_path / "judged.csv"
    code, out, _ = run(capsys, "programs", PROFILE, LIST, "--format", "csv", "--out", out_file)
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(out_file.read_text("utf-8"))))
    source = list(csv.DictReader(io.StringIO(LIST.read_text("utf-8"))))
    assert [r["name"] for r in rows] == [r["name"] for r in source]
    assert all(r["state"] == s["state"] for r, s in zip(rows, source))
    assert {r["verdict"] for r in rows} == {"reach", "match", "safety", "do_not_apply"}
    assert all(r["reasons"] and r["rule"].startswith("programs.") for r in rows)
    assert read_programs(out_file) == read_programs(LIST)


def test_a_bad_list_exits_2_naming_row_and_column_and_writes_nothing(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "A,OH,X,community,lots,j1,220,yes,1\n", "utf-8")
    out_file = tmp_path / "out.csv"
    code, out, err = run(capsys, "programs", PROFILE, bad, "--format", "csv", "--out", out_file)
    assert code == 2
    assert "invalid program list" in err and "row 2, column img_percent: \"lots\" is not allowed here" in err
    assert not out_file.exists() and out == ""
    code, out, _ = run(capsys, "programs", PROFILE, bad, "--format", "json")
    assert code == 2 and json.loads(out)["error"] == "invalid program list"


def test_explain_one_programs_verdict(capsys, tmp_path):
    drawing = tmp_path / "why.dot"
    code, _, err = run(capsys, "programs", PROFILE, LIST, "--explain", drawing, "--program",
                       "Lakeview Community Hospital (fictional)")
    assert code == 0, err
    assert "img_heavy_community" in drawing.read_text("utf-8")


def test_explain_without_a_program_draws_the_list_checks(capsys, tmp_path):
    drawing = tmp_path / "checks.mmd"
    code, _, _ = run(capsys, "programs", PROFILE, LIST, "--explain", drawing)
    assert code == 0 and "add_programs" in drawing.read_text("utf-8")


@pytest.mark.parametrize("argv, message", [
    (("--explain", "x.dot", "--program", "Nowhere"), "no program of that name"),
    (("--program", "Nowhere"), "give one of them too"),
    (("--why-not", "safety"), "name it with --program"),
    (("--program", "Cedar Ridge Program (fictional)", "--why-not", "safety", "--format", "csv"),
     "choose --format text or json"),
    (("--program", "Nowhere", "--why-not", "safety"), "no program of that name"),
    (("--explain", "x.doc"), "x.doc"),
])
def test_usage_errors_exit_2(capsys, tmp_path, argv, message):
    code, _, err = run(capsys, "programs", PROFILE, LIST, *argv)
    assert code == 2 and message in err
    assert not (tmp_path / "x.dot").exists()


def test_an_unknown_verdict_for_why_not_exits_2_naming_the_verdicts(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["programs", str(PROFILE), str(LIST), "--program", "Cedar Ridge Program (fictional)",
              "--why-not", "safe"])
    assert stop.value.code == 2
    assert "'safe'" in capsys.readouterr().err.replace("\n", " ")


def test_why_not_a_verdict_as_text_and_json(capsys, tmp_path):
    name = "Harbor Point Medical Center (fictional)"
    code, out, err = run(capsys, "programs", PROFILE, LIST, "--program", name, "--why-not",
                         "safety")
    assert code == 0, err
    assert out.startswith(f"Why not {name}: safety? The verdict is match")
    assert "not met: program.img_percent is 30, not at least 40" in out
    out_file = tmp_path / "why_not.json"
    code, out, _ = run(capsys, "programs", PROFILE, LIST, "--program", name, "--why-not",
                       "reach", "--format", "json", "--out", out_file)
    answer = json.loads(out_file.read_text("utf-8"))
    assert code == 0 and out == ""
    assert answer["question"] == f"{name}: reach"
    assert answer["candidates"] and all(c["rule"].startswith("programs.reach.")
                                        for c in answer["candidates"])


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_explain_as_svg(capsys, tmp_path):
    drawing = tmp_path / "why.svg"
    code, _, _ = run(capsys, "programs", PROFILE, LIST, "--explain", drawing, "--program",
                     "Cedar Ridge Program (fictional)")
    assert code == 0 and drawing.read_bytes().lstrip().startswith(b"<")
