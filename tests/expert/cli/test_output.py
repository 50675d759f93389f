"""What the command line writes shows hostile text as text: no terminal commands, no reversed
lines, no invalid XML in a drawing."""

from __future__ import annotations

import io
import json
import shutil
import xml.dom.minidom

import pytest

from expert.cli import main
from explain.render import visible
from tests.conftest import REPO

SAMPLE = str(REPO / "expert" / "examples" / "state_univ_sample.json")
HOSTILE = "Evil\x1b[2J\u202eHospital\x07 (fictional)"


@pytest.fixture
def hostile_list(tmp_path):
    path = tmp_path / "programs.csv"
    path.write_text(f'name,state\n"{HOSTILE}",OH\n', encoding="utf-8")
    return path


def test_visible_escapes_controls_and_bidirectional_marks_but_keeps_lines_and_tabs():
    assert visible(HOSTILE) == "Evil\\x1b[2J\\u202eHospital\\x07 (fictional)"
    assert visible("a\tb\nc é") == "a\tb\nc é"


def test_a_hostile_program_name_reaches_the_terminal_as_text(capsys, hostile_list):
    assert main(["programs", SAMPLE, str(hostile_list)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "Evil\\x1b[2J\\u202eHospital\\x07 (fictional)" in out


def test_json_output_stays_json_of_the_same_text(capsys, hostile_list):
    assert main(["programs", SAMPLE, str(hostile_list), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out
    assert json.loads(out)["verdicts"][0]["name"] == HOSTILE


def test_errors_naming_hostile_text_are_escaped(capsys, tmp_path):
    bad = tmp_path / "bad\x1b[31m.txt"
    assert main(["advise", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "bad\\x1b[31m.txt" in err


@pytest.mark.skipif(shutil.which("dot") is None, reason="the Graphviz 'dot' program is not installed")
@pytest.mark.parametrize("suffix", ["svg", "dot", "mmd"])
def test_a_drawing_of_a_hostile_name_is_valid_and_shows_it_escaped(tmp_path, hostile_list, suffix):
    out = tmp_path / f"verdict.{suffix}"
    assert main(["programs", SAMPLE, str(hostile_list), "--program", HOSTILE,
                 "--explain", str(out), "--format", "json"]) == 0
    text = out.read_text("utf-8")
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "Evil\\x1b[2J" in text.replace("\\\\", "\\")
    if suffix == "svg":
        xml.dom.minidom.parseString(out.read_bytes())


def test_the_batch_progress_line_keeps_its_carriage_return(monkeypatch):
    import io

    from expert.batch import LineBlock
    from expert.cli.output import VisibleText, write_blocks

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", VisibleText(terminal))
    blocks = [LineBlock((1,), (), b'{"line":1}\n')]
    assert write_blocks(blocks, io.BytesIO()) == (0, [])
    assert "\r" in terminal.getvalue() and "\\x0d" not in terminal.getvalue()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_is_coloured_on_a_terminal_and_plain_elsewhere(monkeypatch):
    from expert.cli.output import print_text

    text = "Headline answers\n  - Apply now. (must)\n  - Name: evil\x1b[2J (should)"
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    print_text(text)
    shown = terminal.getvalue()
    assert "\x1b[1;31m(must)" in shown and "\x1b[1;33m(should)" in shown
    assert "\x1b[2J" not in shown and "\\x1b[2J" in shown, "hostile text stays escaped"
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    monkeypatch.setattr("sys.stdout", plain)
    print_text(text)
    assert "\x1b[1;31m" not in plain.getvalue()
    piped = io.StringIO()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout", piped)
    print_text(text)
    assert piped.getvalue() == text + "\n"
