"""The bounds on every input, and what is no longer accepted silently (issue 18): each bound a
named constant, each an exit 2 with a clear message, each test in seconds."""

from __future__ import annotations

import io
import json
import time

import pytest

import expert.batch
from expert import ProfileError, ProgramListError, advise
from expert.batch import MAX_LINE_BYTES, answer_blocks, answer_lines
from expert.inputs.profiles import MAX_LIST_ITEMS, parse_text, profile_from_dict
from expert.inputs.program_lists import MAX_PROGRAMS, parse_programs, to_programs
from expert.inputs.text import BOM, MAX_DEPTH, load_json, load_toml, number_in
from expert.interview.questions import question
from tests.conftest import profile

VALID = profile("pmr", 214)


def refused(call, *args, error=ProfileError):
    with pytest.raises(error) as caught:
        call(*args)
    return caught.value


# --- lists in a profile ------------------------------------------------------------------------


@pytest.mark.parametrize("field, item", [("usce", {"specialty": "pmr"}),
                                         ("letters", {"specialty": "pmr"})])
def test_a_list_of_more_than_the_bound_is_one_problem(field, item):
    assert len(getattr(profile_from_dict({**VALID, field: [item] * MAX_LIST_ITEMS}), field)) \
        == MAX_LIST_ITEMS
    error = refused(advise, {**VALID, field: [item] * (MAX_LIST_ITEMS + 1)})
    (problem,) = error.problems
    assert problem.path == field and problem.code == "too_many"
    assert f"at most {MAX_LIST_ITEMS} items" in problem.allowed


def test_the_990_kb_profile_of_a_495000_item_list_is_refused_at_once():
    """It used to take 55 s and 2 GB, and print 133 MB of problems."""
    text = json.dumps({**VALID, "letters": [1] * 495_000}, separators=(",", ":"))
    assert len(text) > 980_000
    started = time.perf_counter()
    error = refused(lambda: profile_from_dict(parse_text(text, "json")))
    assert time.perf_counter() - started < 5
    assert [p.code for p in error.problems] == ["too_many"]
    assert len(str(error)) < 1_000


# --- program lists -----------------------------------------------------------------------------


def test_a_list_of_more_than_the_bound_of_programs_is_refused():
    rows = "".join(f"Program {n}\n" for n in range(MAX_PROGRAMS))
    assert len(parse_programs("name\n" + rows, "csv")) == MAX_PROGRAMS
    error = refused(parse_programs, "name\n" + rows + "One more\n", "csv",
                    error=ProgramListError)
    assert [(p.path, p.code) for p in error.problems] == [("programs", "too_many")]
    assert f"at most {MAX_PROGRAMS:,} programs" in str(error)
    entries = [{"name": f"P{n}"} for n in range(MAX_PROGRAMS + 1)]
    for source in (entries, {"programs": entries}, iter(entries)):
        assert refused(to_programs, source, error=ProgramListError).problems[0].code == \
            "too_many"


def test_the_program_list_of_200000_names_is_refused_at_once():
    """1.5 MB of names used to take 424 s."""
    text = "name\n" + "".join(f"Program number {n}\n" for n in range(200_000))
    started = time.perf_counter()
    error = refused(parse_programs, text, "csv", error=ProgramListError)
    assert time.perf_counter() - started < 5
    assert error.problems[0].code == "too_many"


@pytest.mark.parametrize("source", [0, 1.5, b"name\nA\n", object()],
                         ids=["0", "a float", "bytes", "an object"])
def test_a_program_list_of_the_wrong_kind_is_a_program_list_error(source):
    with pytest.raises(ProgramListError) as caught:
        advise(VALID, programs=source)
    error = caught.value
    assert error.problems[0].path == "programs" and error.problems[0].code == "wrong_type"


def test_many_bad_rows_report_the_first_hundred_and_count_the_rest():
    text = "name,img_percent\n" + "".join(f"P{n},lots\n" for n in range(3_000))
    error = refused(parse_programs, text, "csv", error=ProgramListError)
    assert len(error.problems) == 100 and error.more_problems == 2_900
    assert "... and 2,900 more" in str(error)


# --- batch lines -------------------------------------------------------------------------------


class CountingFile(io.BytesIO):
    """A binary file that counts the bytes read from it."""

    read_bytes = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.read_bytes += len(line)
        return line


def test_a_batch_line_is_read_no_further_than_the_bound(monkeypatch):
    monkeypatch.setattr(expert.batch, "MAX_LINE_BYTES", 1_000)
    good = json.dumps(VALID).encode() + b"\n"
    source = CountingFile(good + b"x" * 50_000 + b"\n" + good)
    blocks = answer_blocks(source)
    assert next(blocks).numbers == (1,)
    with pytest.raises(ProfileError) as caught:
        next(blocks)
    (problem,) = caught.value.problems
    assert problem.path == "line 2" and problem.code == "too_long"
    assert "at most 1,000 bytes" in problem.allowed
    assert source.read_bytes <= len(good) + 1_002


def test_a_line_as_long_as_the_bound_is_answered(monkeypatch):
    monkeypatch.setattr(expert.batch, "MAX_LINE_BYTES", 1_000)
    line = json.dumps(VALID).encode()
    padded = line[:-1] + b" " * (1_000 - len(line)) + b"}"
    assert len(padded) == 1_000
    for ending in (b"\n", b"\r\n", b""):
        (answer,) = answer_lines(io.BytesIO(padded + ending))
        assert answer.ok


def test_lines_already_in_memory_are_answered_however_long():
    (answer,) = answer_lines([b"x" * (MAX_LINE_BYTES + 1)])
    assert not answer.ok
    assert json.loads(answer.json)["problems"][0]["code"] == "too_long"


def test_a_line_with_no_end_is_refused_without_reading_it_all(monkeypatch):
    """``batch /dev/zero`` used to end in MemoryError."""
    monkeypatch.setattr(expert.batch, "MAX_LINE_BYTES", 10_000)

    class Endless(io.RawIOBase):
        served = 0

        def readline(self, size: int | None = -1) -> bytes:
            assert size is not None and 0 < size <= 10_002
            self.served += size
            return b"\0" * size

    source = Endless()
    with pytest.raises(ProfileError, match="at most 10,000 bytes"):
        list(answer_lines(source))
    assert source.served <= 10_002


@pytest.mark.parametrize("jobs", [0, expert.batch.MAX_JOBS + 1])
def test_jobs_outside_the_bound_are_refused(jobs):
    with pytest.raises(ValueError, match=f"from 1 to {expert.batch.MAX_JOBS}"):
        list(answer_lines([b"{}"], jobs=jobs))


# --- nesting -----------------------------------------------------------------------------------


def nested_json(depth: int) -> str:
    return '{"specialty": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def test_json_nested_to_the_bound_is_read_and_deeper_is_refused():
    assert load_json(nested_json(MAX_DEPTH)) is not None
    for depth in (MAX_DEPTH + 1, 1_000, 100_000):
        error = refused(parse_text, nested_json(depth), "json")
        assert error.problems[0].code == "too_deep"
        assert f"nested at most {MAX_DEPTH} levels" in error.problems[0].allowed


def test_toml_nested_deeper_than_the_bound_is_refused():
    inside = MAX_DEPTH - 1  # the document itself is the first level
    assert load_toml("a = " + "[" * inside + "]" * inside) is not None
    for depth in (MAX_DEPTH, 5_000):
        error = refused(parse_text, "a = " + "[" * depth + "]" * depth, "toml")
        assert error.problems[0].code == "too_deep"


def test_a_program_list_nested_too_deep_is_refused():
    error = refused(parse_programs, "[" * 50 + "]" * 50, "json", error=ProgramListError)
    assert error.problems[0].code == "too_deep"


# --- what is no longer accepted silently -------------------------------------------------------


@pytest.mark.parametrize("text", [
    '{"specialty": "pmr", "specialty": "neurology", "step1": {"result": "pass"}, '
    '"step2ck": {"score": 214}}',
    '{"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214, "score": 250}}',
], ids=["top level", "nested"])
def test_a_key_given_twice_in_a_profile_is_refused(text):
    (problem,) = refused(parse_text, text, "json").problems
    assert problem.code == "duplicate_key" and "given twice" in problem.allowed


def test_a_key_given_twice_in_toml_is_refused_with_the_same_code():
    (problem,) = refused(parse_text, 'specialty = "pmr"\nspecialty = "pmr"\n', "toml").problems
    assert problem.code == "duplicate_key"


def test_a_key_given_twice_in_a_json_program_list_is_refused():
    error = refused(parse_programs, '[{"name": "A", "name": "B"}]', "json",
                    error=ProgramListError)
    assert error.problems[0].code == "duplicate_key"


@pytest.mark.parametrize("cell", ["٢٢", "２２", "2_2", "22e", "0x16", "nan", "inf", "²"])
def test_a_number_in_a_csv_cell_is_written_in_ascii_digits(cell):
    error = refused(parse_programs, f"name,img_percent\nA,{cell}\n", "csv",
                    error=ProgramListError)
    assert [(p.path, p.code) for p in error.problems] == [("row 2, column img_percent",
                                                           "wrong_type")]


@pytest.mark.parametrize("cell, value", [("22", 22), (" 22 % ", 22), ("22.5", 22.5),
                                         ("22.0", 22), ("2.2e1", 22)])
def test_ascii_numbers_are_read(cell, value):
    (program,) = parse_programs(f"name,img_percent\nA,{cell}\n", "csv")
    assert program.img_percent == value


@pytest.mark.parametrize("text, number", [("220", 220), ("-3", -3), ("0.5", 0.5),
                                          ("214.0", 214), ("٢٢٠", None), ("２２０", None),
                                          ("2_20", None), ("1e999", None), ("", None)])
def test_number_in(text, number):
    assert number_in(text) == number


@pytest.mark.parametrize("field, text", [("step2ck.score", "٢٢٠"), ("step2ck.score", "２２０"),
                                         ("step2ck.score", "2_20"),
                                         ("usce", "pmr observership ٢")])
def test_the_interview_takes_ascii_digits_only(field, text):
    with pytest.raises(ValueError):
        question(field).read(text)


def test_the_interview_reads_ascii_digits():
    assert question("step2ck.score").read("220") == 220
    assert question("usce").read("pmr observership 0.5")[0]["months"] == 0.5


STRAY_QUOTES = {
    "never closed": ('name,state\nA,"OH\nB,NY\nC,CA\n', "row 2", "never closed"),
    "closed rows later": ('name,state\nA,"OH\nB,NY\nC,CA"\n', "row 2, column state",
                          "lines 2 to 4 one row"),
    "in free text, merging rows": ('name,state,description\nA,OH,"stray\nB,NY,x\nC,CA,y"\n',
                                   "row 2, column description", "lines 2 to 4"),
    "after a quoted cell": ('name,state\nA,"O"H\nB,NY\n', "row 2", "expected"),
    "in the header": ('"name,state\nA,OH\n', "row 1", "never closed"),
}


@pytest.mark.parametrize("text, path, words", STRAY_QUOTES.values(), ids=STRAY_QUOTES)
def test_a_stray_quote_that_merges_rows_is_refused_with_its_line(text, path, words):
    error = refused(parse_programs, text, "csv", error=ProgramListError)
    (problem,) = error.problems
    assert problem.path == path and problem.code == "bad_syntax"
    assert words in problem.allowed


def test_a_description_typed_over_several_lines_is_read_and_rows_count_as_a_spreadsheet_does():
    text = 'name,description\nA,"We welcome IMGs.\nJ-1 sponsored."\nB,x\nC,"y\n"\n'
    programs = parse_programs(text, "csv")
    assert [p.name for p in programs] == ["A", "B", "C"]
    error = refused(parse_programs, text + "D,x,extra\n", "csv", error=ProgramListError)
    assert error.problems[0].path == "row 5"  # the fifth row, on the seventh line


BOMS = {
    "profile JSON": lambda: parse_text(BOM + json.dumps(VALID), "json"),
    "profile TOML": lambda: parse_text(BOM + 'specialty = "pmr"\n', "toml"),
    "program CSV": lambda: parse_programs(BOM + "name\nA\n", "csv"),
    "program JSON": lambda: parse_programs(BOM + '[{"name": "A"}]', "json"),
    "program TOML": lambda: parse_programs(BOM + '[[programs]]\nname = "A"\n', "toml"),
    "a batch line": lambda: list(answer_lines([BOM.encode() + json.dumps(VALID).encode()])),
}


@pytest.mark.parametrize("read", BOMS.values(), ids=BOMS)
def test_a_byte_order_mark_is_ignored_in_every_input(read):
    assert read()


def test_a_byte_order_mark_in_a_file_is_ignored_for_profiles_and_lists_alike(tmp_path):
    from expert.inputs.profiles import read_profile_file
    from expert.inputs.program_lists import read_programs

    (tmp_path / "p.json").write_bytes(BOM.encode() + json.dumps(VALID).encode())
    (tmp_path / "l.csv").write_bytes(BOM.encode() + b"name\nA\n")
    assert read_profile_file(tmp_path / "p.json").specialty == "pmr"
    assert read_programs(tmp_path / "l.csv")[0].name == "A"


def test_a_long_line_stops_a_batch_in_worker_processes_too(monkeypatch):
    monkeypatch.setattr(expert.batch, "MAX_LINE_BYTES", 1_000)
    good = json.dumps(VALID).encode() + b"\n"
    source = io.BytesIO(good * 20 + b"x" * 5_000 + b"\n" + good)
    with pytest.raises(ProfileError) as caught:
        list(answer_lines(source, jobs=2))
    assert caught.value.problems[0].path == "line 21"
