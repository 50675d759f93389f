"""Reading program lists: CSV (as spreadsheets export it), JSON or TOML, to ``Program`` values.

Every cell is checked against its column: allowed values, whole numbers, ranges, yes/no. An
empty cell, a missing key or the word ``unknown`` means not known. Every problem in the file is
collected and raised together as a ``ProgramListError``, each naming where it is: ``row 4,
column img_percent`` in a CSV file (rows counted as a spreadsheet shows them, the header being
row 1), ``programs[2].img_percent`` in JSON or TOML (entries counted from 0). Nothing is
returned from a file with any problem, so nothing is ever half-read.

A list holds at most ``MAX_PROGRAMS`` programs. Numbers are ASCII digits (``number_in``:
not ``٢٢٠`` or ``2_20``); a CSV row is one line, so that a stray quote, which would make
the rows after it one cell, is refused where it is; JSON and TOML are read as profiles are
(``expert.inputs.text``), and a leading BOM is ignored in every format.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, Union

import attrs

from expert.errors import MISSING, Problem, ProgramListError, Rejected
from expert.inputs.profiles import close_names, describe_type, did_you_mean
from expert.inputs.text import Unreadable, load_json, load_toml, number_in, read_text, without_bom
from knowledge_base.programs import US_STATES, Program, consistency_problems

__all__ = ["COLUMNS", "FIELDS", "FORMATS", "FORMULA_STARTS", "MAX_PROGRAMS",
           "MAX_PROGRAM_LIST_CHARS", "UNKNOWN", "VERDICT_COLUMNS", "Where", "allowed",
           "cell_text", "guarded_cell", "parse_programs", "programs_format",
           "programs_from_csv", "programs_from_data", "read_programs", "to_programs",
           "unguarded_cell"]

FIELDS = attrs.fields_dict(attrs.resolve_types(Program))
COLUMNS: tuple[str, ...] = tuple(FIELDS)
UNKNOWN = "unknown"
YES, NO = ("yes", "true", "y"), ("no", "false", "n")
FORMATS = ("csv", "json", "toml")
VERDICT_COLUMNS = ("verdict", "sign", "reasons", "notes_on_program", "rule")
"""The columns the CSV output adds after the list's own; on input they are skipped, so a list
written back can be read again."""

Where = Callable[[str], str]
"""The location of a column in the current row or entry, as reported in problems."""


def _value_type(name: str) -> Any:
    """The column's type without its ``Optional``."""
    kind = FIELDS[name].type
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    return args[0] if typing.get_origin(kind) is Union else kind


def allowed(name: str) -> str:
    """What a column accepts, in words."""
    kind = _value_type(name)
    if name == "state":
        return "a two-letter US state code such as OH"
    if kind is bool:
        return "yes or no"
    text = describe_type(kind)
    if "range" in FIELDS[name].metadata:
        low, high = FIELDS[name].metadata["range"]
        text += f" from {low} to {high}"
    if name == "img_percent":
        text += " (a % sign may follow)"
    return text + ("" if name == "name" else f", or empty or {UNKNOWN} when not known")


def _details(name: str) -> dict[str, Any]:
    """The column's allowed values as data, for a ``Problem``: ``choices`` and ``range``."""
    kind, details = _value_type(name), {}
    if typing.get_origin(kind) is typing.Literal:
        details["choices"] = typing.get_args(kind)
    elif name == "state":
        details["choices"] = tuple(sorted(US_STATES))
    if "range" in FIELDS[name].metadata:
        details["range"] = FIELDS[name].metadata["range"]
    return details


def _allowed_for(name: str, raw: Any) -> str:
    """What a column accepts, and the choice a word was most likely meant to be."""
    text, kind = allowed(name), _value_type(name)
    if isinstance(raw, str) and typing.get_origin(kind) is typing.Literal:
        hint = did_you_mean(close_names(raw, typing.get_args(kind)))
        return f"{text}; {hint}" if hint else text
    return text


def _unknown_column(name: str, named: bool = False) -> str:
    """The words for a column the list does not have, and the closest it has; ``named``: say
    the name, which the place of the problem does not (a CSV header cell)."""
    hint = did_you_mean(close_names(name, COLUMNS))
    columns = f"{hint} The columns are" if hint else "the columns are"
    which = f"named {json.dumps(name, ensure_ascii=False)}" if named else "of this name"
    return f"there is no column {which}; {columns}: {', '.join(COLUMNS)}"


def _number(raw: Any, name: str, whole: bool) -> int | float:
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip() if name == "img_percent" else raw
        raw = number_in(text)  # ASCII digits only: not ٢٢٠, ２２０ or 2_20
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or \
            (isinstance(raw, float) and (whole or not math.isfinite(raw))):
        raise Rejected("wrong_type")
    low, high = FIELDS[name].metadata["range"]
    if not low <= raw <= high:
        raise Rejected("out_of_range")
    return raw


def _cell(name: str, raw: Any) -> Any:
    """The value of one cell, ``None`` when unknown; ``Rejected`` when it does not fit."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", UNKNOWN)):
        if name == "name":
            raise Rejected("missing")
        return None
    kind = _value_type(name)
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        word = raw.strip().lower() if isinstance(raw, str) else None
        if word in YES or word in NO:
            return word in YES
        raise Rejected("not_one_of" if isinstance(raw, str) else "wrong_type")
    if kind in (int, float):
        return _number(raw, name, whole=kind is int)
    if not isinstance(raw, str):
        raise Rejected("wrong_type")
    text = " ".join(raw.split())
    if raw.startswith("\t") and text.startswith(FORMULA_STARTS):
        text = "\t" + text  # the tab that keeps a spreadsheet from reading a formula stays
    if name == "state":
        text = text.upper()
        if text not in US_STATES:
            raise Rejected("not_one_of")
    if typing.get_origin(kind) is typing.Literal:
        text = text.lower()
        if text not in typing.get_args(kind):
            raise Rejected("not_one_of")
    return text


def _code(refused: Rejected) -> str:
    """The ``Problem`` code a cell was refused with."""
    return refused.args[0] if refused.args else "wrong_type"


def _program(row: Mapping[str, Any], where: Where) -> tuple[Program | None, list[Problem]]:
    values, problems = {}, []
    for name in COLUMNS:
        raw = row.get(name)
        try:
            values[name] = _cell(name, raw)
        except Rejected as refused:
            given = MISSING if raw is None or (isinstance(raw, str) and raw == "") else raw
            problems.append(Problem(where(name), given, _allowed_for(name, raw),
                                    code=_code(refused), **_details(name)))
    if problems:
        return None, problems
    program = Program(**values)
    problems = [Problem(where(column), value, text, code="inconsistent")
                for column, value, text in consistency_problems(program)]
    return (None if problems else program), problems


def _programs(rows: Sequence[tuple[Mapping[str, Any], Where]]) -> tuple[Program, ...]:
    """Programs from rows; every problem of every row, and across rows, raised together."""
    programs, problems = [], []
    names: dict[Any, str] = {}
    ranks: dict[Any, str] = {}
    for row, where in rows:
        program, found = _program(row, where)
        problems += found
        for column, seen in (("name", names), ("rank", ranks)):
            try:
                value = _cell(column, row.get(column))
            except Rejected:
                continue
            if value is not None and value in seen:
                problems.append(Problem(where(column), value,
                                        f"a {column} no other program has ({seen[value]})",
                                        code="not_unique"))
            seen.setdefault(value, where(column))
        if program is not None:
            programs.append(program)
    if not rows:
        problems.append(Problem("programs", MISSING, "at least one program", code="missing"))
    if problems:
        raise ProgramListError(problems)
    return tuple(programs)


def _header(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def programs_from_csv(text: str) -> tuple[Program, ...]:
    """Programs from CSV text: a header row naming the columns, then a row per program.

    Rows are counted as a spreadsheet shows them, the header being row 1. A line break is
    allowed only inside a ``FREE_TEXT`` cell (a spreadsheet writes a cell typed with line
    breaks in quotes over several lines): anywhere else, or where a line inside such a cell
    reads as a row of the list, it is what a stray quote makes of the rows after it, and is
    refused, naming the row and the lines; so is a quote never closed."""
    reader = csv.reader(io.StringIO(without_bom(text)), strict=True)
    last = 0  # the lines read so far
    problems: list[Problem] = []
    columns: list[str] = []
    rows: list[tuple[dict[str, str], Where]] = []
    row = 1  # the row being read
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise ProgramListError([Problem("header", MISSING, "a header row naming the "
                                            f"columns, such as {','.join(COLUMNS[:5])}",
                                            code="missing")])
        columns = [_header(cell) for cell in header]
        last, row = _one_line(header, [], 1, (1, reader.line_num), problems), 2
        problems += [Problem(f"header, column {number}", cell,
                             _unknown_column(cell.strip(), named=True), code="unknown_field",
                             choices=COLUMNS)
                     for number, (cell, column) in enumerate(zip(header, columns), 1)
                     if column not in COLUMNS and column not in VERDICT_COLUMNS]
        problems += [Problem(f"header, column {number}", cell, "a column named only once",
                             code="not_unique")
                     for number, (cell, column) in enumerate(zip(header, columns), 1)
                     if column in COLUMNS and column in columns[:number - 1]]
        if "name" not in columns:
            problems.append(Problem("header, column name", MISSING,
                                    "a name column (every program needs a name)",
                                    code="missing"))
        for number, cells in enumerate(reader, 2):
            row = number + 1  # the next
            last = _one_line(cells, columns, number, (last + 1, reader.line_num), problems)
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_PROGRAMS:
                raise ProgramListError([_too_many(f"more than {MAX_PROGRAMS:,} programs (row "
                                                  f"{number:,} is program "
                                                  f"{MAX_PROGRAMS + 1:,})")])
            if len(cells) > len(columns):
                problems.append(Problem(f"row {number}", ",".join(cells[len(columns):]),
                                        f"at most {len(columns)} cells, one per column",
                                        code="too_many"))
            rows.append((dict(zip(columns, map(unguarded_cell, cells))), _cell_of_row(number)))
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            reason = f'a quote (") opened on line {last + 1} is never closed'
        else:
            reason = f"{error}, on line {reader.line_num}"
        lines = text.splitlines()
        line = lines[last] if last < len(lines) else ""
        raise ProgramListError([*problems, Problem(
            f"row {row}", line if len(line) <= 40 else line[:37] + "...",
            f"valid CSV ({reason})", code="bad_syntax")]) from None
    if problems:
        raise ProgramListError(problems)
    return _programs(rows)


def _cell_of_row(number: int) -> Where:
    return lambda column: f"row {number}, column {column}"


FREE_TEXT = ("description", "notes")
"""The columns whose cells may hold line breaks."""


def _one_line(cells: list[str], columns: list[str], number: int, lines: tuple[int, int],
              problems: list[Problem]) -> int:
    """The last line of row ``number``, read from ``lines`` (its first and last), once its
    line breaks, if any, are all inside ``FREE_TEXT`` cells and none of them holds what reads
    as a row of the list (as many commas as the header has, at least two); otherwise raise
    ``ProgramListError`` with the problems so far."""
    first, last = lines
    if last == first:
        return last
    for index, cell in enumerate(cells):
        if "\n" not in cell and "\r" not in cell:
            continue
        column = columns[index] if index < len(columns) else ""
        if column in FREE_TEXT and not _holds_rows(cell, len(columns)):
            continue
        where = f"row {number}, column {column}" if column else f"row {number}"
        raise ProgramListError([*problems, Problem(
            where, cell if len(cell) <= 40 else cell[:37] + "...",
            f'a row on one line: a quote (") opened on line {first} closes only on line '
            f"{last}, which makes lines {first} to {last} one row; check the quotes on line "
            f"{first}", code="bad_syntax")])
    return last


def _holds_rows(cell: str, width: int) -> bool:
    """Whether a cell holds a line that reads as a row of a list ``width`` columns wide."""
    return width >= 3 and any(line.count(",") >= width - 1 for line in cell.splitlines())


def _too_many(count: str) -> Problem:
    return Problem("programs", count, f"a list of at most {MAX_PROGRAMS:,} programs",
                   code="too_many")


def programs_from_data(data: Any) -> tuple[Program, ...]:
    """Programs from parsed JSON or TOML: a list, or an object with only a ``programs`` list."""
    if isinstance(data, Mapping):
        extra = sorted(set(data) - {"programs"})
        if extra or not isinstance(data.get("programs"), list):
            given = data.get(extra[0]) if extra else data.get("programs", MISSING)
            raise ProgramListError([Problem(
                str(extra[0]) if extra else "programs", given,
                "a list of programs under the key programs, and nothing else",
                code="unknown_field" if extra else "missing" if given is MISSING
                else "wrong_type", **({"choices": ("programs",)} if extra else {}))])
        data = data["programs"]
    if not isinstance(data, list):
        raise ProgramListError([Problem("programs", data, "a list of programs",
                                        code="wrong_type")])
    if len(data) > MAX_PROGRAMS:
        raise ProgramListError([_too_many(f"{len(data):,} programs")])
    rows, problems = [], []
    for index, entry in enumerate(data):
        def where(column: str, index: int = index) -> str:
            return f"programs[{index}].{column}"

        if isinstance(entry, Program):
            entry = attrs.asdict(entry)
        if not isinstance(entry, Mapping):
            problems.append(Problem(f"programs[{index}]", entry, "an object of column: value",
                                    code="wrong_type"))
            continue
        problems += [Problem(where(str(key)), entry[key], _unknown_column(str(key)),
                             code="unknown_field", choices=COLUMNS)
                     for key in entry if key not in COLUMNS]
        rows.append((entry, where))
    if problems:
        raise ProgramListError(problems)
    return _programs(rows)


MAX_PROGRAMS = 5_000
"""The most programs a list may hold. An applicant applies to a few hundred programs at most
and ranks far fewer; there are about 5,000 residency programs in all. A longer list is
refused before any program is judged, so that judging it cannot take minutes."""

MAX_PROGRAM_LIST_CHARS = 20_000_000
"""Five thousand programs take about two million characters; longer text is refused unparsed,
and files are read no further."""


def parse_programs(text: str, fmt: str) -> tuple[Program, ...]:
    if len(text) > MAX_PROGRAM_LIST_CHARS:
        raise ProgramListError([Problem("file", f"{len(text):,}+ characters",
                                        f"a program list of at most "
                                        f"{MAX_PROGRAM_LIST_CHARS:,} characters",
                                        code="too_long")])
    if fmt == "csv":
        return programs_from_csv(text)
    try:
        data = load_json(text) if fmt == "json" else load_toml(text)
    except Unreadable as error:
        excerpt = text if len(text) <= 40 else text[:37] + "..."
        raise ProgramListError([Problem("file", excerpt, error.allowed, code=error.code)]) \
            from None
    return programs_from_data(data)


def programs_format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ProgramListError([Problem("file", os.fspath(path),
                                        "a file name ending in .csv, .json or .toml",
                                        code="bad_file")])
    return suffix


def read_programs(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[Program, ...]:
    """Read and check a program list; the format from the file name unless ``fmt`` is given."""
    fmt = fmt or programs_format(path)
    text = read_text(path, MAX_PROGRAM_LIST_CHARS, where="file", error=ProgramListError)
    return parse_programs(text, fmt)


def to_programs(source: Any) -> tuple[Program, ...]:
    """Programs from a file path, or from a list of ``Program`` values or mappings (or an
    object whose ``programs`` is one); anything else raises ``ProgramListError``."""
    if isinstance(source, (str, os.PathLike)):
        return read_programs(source)
    if isinstance(source, Mapping):
        return programs_from_data(source)
    if isinstance(source, (bytes, bytearray)) or not isinstance(source, Iterable):
        raise ProgramListError([Problem("programs", source, "the path of a CSV, JSON or TOML "
                                        "file, or a list of programs (each a Program or a "
                                        "mapping of column to value)", code="wrong_type")])
    programs = list(islice(source, MAX_PROGRAMS + 1))
    if len(programs) > MAX_PROGRAMS:
        raise ProgramListError([_too_many(f"more than {MAX_PROGRAMS:,} programs")])
    return programs_from_data(programs)


def cell_text(value: Any) -> str:
    """A value as a CSV cell: empty when unknown, yes/no for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula (OWASP, CSV injection)."""
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def guarded_cell(text: str) -> str:
    """A cell as written to CSV that a spreadsheet shows as text, never runs as a formula:
    one that starts with ``FORMULA_STARTS`` (after any quotes) gets a single quote before it,
    OWASP's advice, except a plain number (``-5`` stays a number). ``unguarded_cell`` reads it
    back exactly.

    >>> [guarded_cell(c) for c in ("=1+1", "-5", "@SUM(A1)", "'=x", "Lakeview", "'ok")]
    ["'=1+1", '-5', "'@SUM(A1)", "''=x", 'Lakeview', "'ok"]
    """
    if text.lstrip("'").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unguarded_cell(text: str) -> str:
    """A CSV cell as read: the quote that ``guarded_cell`` (or a spreadsheet, or another tool
    following OWASP) puts before a formula character is taken off, so that a list written and
    read back is the same list; any other quote stays.

    >>> [unguarded_cell(c) for c in ("'=1+1", "''=x", "'ok", "-5")]
    ['=1+1', "'=x", "'ok", '-5']
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
