"""Reading program lists: CSV (as spreadsheets export it), JSON or TOML, to ``Program`` values.

Every cell is checked against its column: allowed values, whole numbers, ranges, yes/no. An
empty cell, a missing key or the word ``unknown`` means not known. Every problem in the file is
collected and raised together as a ``ProgramListError``, each naming where it is: ``row 4,
column img_percent`` in a CSV file (rows counted as a spreadsheet shows them, the header being
row 1), ``programs[2].img_percent`` in JSON or TOML (entries counted from 0). Nothing is
returned from a file with any problem, so nothing is ever half-read.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import typing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Union

import attrs

from expert.errors import MISSING, Problem, ProgramListError, Rejected
from expert.inputs.profiles import close_names, describe_type, did_you_mean
from expert.inputs.text import load_json, read_text, tomllib
from knowledge_base.programs import US_STATES, Program, consistency_problems

__all__ = ["COLUMNS", "FIELDS", "FORMATS", "MAX_PROGRAM_LIST_CHARS", "UNKNOWN", "VERDICT_COLUMNS",
           "Where", "allowed", "cell_text", "parse_programs", "programs_format",
           "programs_from_csv", "programs_from_data", "read_programs", "to_programs"]

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
        text = raw.strip().removesuffix("%").strip() if name == "img_percent" else raw.strip()
        try:
            raw = int(text)
        except ValueError:
            try:
                raw = float(text) if not whole else None
            except ValueError:
                raw = None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or \
            (isinstance(raw, float) and (whole or not math.isfinite(raw))):
        raise Rejected
    low, high = FIELDS[name].metadata["range"]
    if not low <= raw <= high:
        raise Rejected
    return raw


def _cell(name: str, raw: Any) -> Any:
    """The value of one cell, ``None`` when unknown; ``Rejected`` when it does not fit."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", UNKNOWN)):
        if name == "name":
            raise Rejected
        return None
    kind = _value_type(name)
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        word = raw.strip().lower() if isinstance(raw, str) else None
        if word in YES or word in NO:
            return word in YES
        raise Rejected
    if kind in (int, float):
        return _number(raw, name, whole=kind is int)
    if not isinstance(raw, str):
        raise Rejected
    text = " ".join(raw.split())
    if name == "state":
        text = text.upper()
        if text not in US_STATES:
            raise Rejected
    if typing.get_origin(kind) is typing.Literal:
        text = text.lower()
        if text not in typing.get_args(kind):
            raise Rejected
    return text


def _program(row: Mapping[str, Any], where: Where) -> tuple[Program | None, list[Problem]]:
    values, problems = {}, []
    for name in COLUMNS:
        raw = row.get(name)
        try:
            values[name] = _cell(name, raw)
        except Rejected:
            given = MISSING if raw is None or raw == "" else raw
            problems.append(Problem(where(name), given, _allowed_for(name, raw)))
    if problems:
        return None, problems
    program = Program(**values)
    problems = [Problem(where(column), value, text)
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
                                        f"a {column} no other program has ({seen[value]})"))
            seen.setdefault(value, where(column))
        if program is not None:
            programs.append(program)
    if not rows:
        problems.append(Problem("programs", MISSING, "at least one program"))
    if problems:
        raise ProgramListError(problems)
    return tuple(programs)


def _header(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def programs_from_csv(text: str) -> tuple[Program, ...]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise ProgramListError([Problem("header", MISSING, "a header row naming the "
                                            f"columns, such as {','.join(COLUMNS[:5])}")])
        columns = [_header(cell) for cell in header]
        problems = [Problem(f"header, column {number}", cell,
                            _unknown_column(cell.strip(), named=True), unknown_name=True)
                    for number, (cell, column) in enumerate(zip(header, columns), 1)
                    if column not in COLUMNS and column not in VERDICT_COLUMNS]
        problems += [Problem(f"header, column {number}", cell, "a column named only once")
                     for number, (cell, column) in enumerate(zip(header, columns), 1)
                     if column in COLUMNS and column in columns[:number - 1]]
        if "name" not in columns:
            problems.append(Problem("header, column name", MISSING,
                                    "a name column (every program needs a name)"))
        rows = []
        for number, cells in enumerate(reader, 2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(columns):
                problems.append(Problem(f"row {number}", ",".join(cells[len(columns):]),
                                        f"at most {len(columns)} cells, one per column"))
            rows.append((dict(zip(columns, cells)),
                         lambda column, number=number: f"row {number}, column {column}"))
    except csv.Error as error:
        raise ProgramListError([Problem(f"row {reader.line_num}", MISSING,
                                        f"valid CSV ({error})")]) from None
    if problems:
        raise ProgramListError(problems)
    return _programs(rows)


def programs_from_data(data: Any) -> tuple[Program, ...]:
    """Programs from parsed JSON or TOML: a list, or an object with only a ``programs`` list."""
    if isinstance(data, Mapping):
        extra = sorted(set(data) - {"programs"})
        if extra or not isinstance(data.get("programs"), list):
            raise ProgramListError([Problem(extra[0] if extra else "programs",
                                            data.get(extra[0]) if extra else MISSING,
                                            "a list of programs under the key programs, and "
                                            "nothing else")])
        data = data["programs"]
    if not isinstance(data, list):
        raise ProgramListError([Problem("programs", data, "a list of programs")])
    rows, problems = [], []
    for index, entry in enumerate(data):
        def where(column: str, index: int = index) -> str:
            return f"programs[{index}].{column}"

        if isinstance(entry, Program):
            entry = attrs.asdict(entry)
        if not isinstance(entry, Mapping):
            problems.append(Problem(f"programs[{index}]", entry, "an object of column: value"))
            continue
        problems += [Problem(where(key), entry[key], _unknown_column(str(key)), unknown_name=True)
                     for key in entry if key not in COLUMNS]
        rows.append((entry, where))
    if problems:
        raise ProgramListError(problems)
    return _programs(rows)


MAX_PROGRAM_LIST_CHARS = 20_000_000
"""Five thousand programs take about two million characters; longer text is refused unparsed,
and files are read no further."""


def parse_programs(text: str, fmt: str) -> tuple[Program, ...]:
    if len(text) > MAX_PROGRAM_LIST_CHARS:
        raise ProgramListError([Problem("file", f"{len(text):,}+ characters",
                                        f"a program list of at most "
                                        f"{MAX_PROGRAM_LIST_CHARS:,} characters")])
    if fmt == "csv":
        return programs_from_csv(text)
    try:
        data = load_json(text) if fmt == "json" else tomllib.loads(text)
    except (ValueError, RecursionError) as error:
        excerpt = text if len(text) <= 40 else text[:37] + "..."
        raise ProgramListError([Problem("file", excerpt, f"valid {fmt.upper()} ({error})")]) \
            from None
    return programs_from_data(data)


def programs_format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ProgramListError([Problem("file", os.fspath(path),
                                        "a file name ending in .csv, .json or .toml")])
    return suffix


def read_programs(path: str | os.PathLike[str], fmt: str | None = None) -> tuple[Program, ...]:
    """Read and check a program list; the format from the file name unless ``fmt`` is given."""
    fmt = fmt or programs_format(path)
    text = read_text(path, MAX_PROGRAM_LIST_CHARS, where="file", error=ProgramListError,
                     encoding="utf-8-sig")
    return parse_programs(text, fmt)


def to_programs(source: Any) -> tuple[Program, ...]:
    """Programs from a file path, or from a list of ``Program`` values or mappings."""
    if isinstance(source, (str, os.PathLike)):
        return read_programs(source)
    return programs_from_data(list(source) if not isinstance(source, Mapping) else source)


def cell_text(value: Any) -> str:
    """A value as a CSV cell: empty when unknown, yes/no for booleans."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
