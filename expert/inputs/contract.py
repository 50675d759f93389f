"""The output contract: a JSON Schema for every JSON the advisor writes, by name.

``img-advisor schema --output NAME`` prints one: ``profile`` and ``programs`` (the inputs),
``advice`` (``advise --format json``, each batch line's advice), ``batch`` (one line of
``batch``'s output), ``error`` (what ``--format json`` writes for bad input), ``plan`` (the
plan's parts of an advice). Every output carries ``schema_version``
(``expert.inputs.advice_schema.SCHEMA_VERSION``); docs/compatibility.md says what a change of
it means. Error codes are read from ``expert.errors.ERROR_CODES``, so they cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from expert.errors import ERROR_CODES, Problem
from expert.inputs.advice_schema import SCHEMA_VERSION, advice_schema, plan_parts
from expert.inputs.schema import profile_schema, program_list_schema

__all__ = ["OUTPUT_SCHEMAS", "batch_line_schema", "error_document", "error_schema",
           "plan_schema", "problem_schema", "versioned"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://img-advisor.invalid/schema/"


def versioned(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the ``schema_version`` first, as every JSON output carries it."""
    return {"schema_version": SCHEMA_VERSION, **data}


def error_document(subject: str, problems: Iterable[Problem],
                   more: int = 0) -> dict[str, Any]:
    """The JSON of a bad input (``error_schema``): e.g. ``subject`` "profile"; ``more``
    problems past those listed (``InputError.more_problems``)."""
    document = versioned({"error": f"invalid {subject}",
                          "problems": [problem.to_dict() for problem in problems]})
    if more:
        document["more_problems"] = more
    return document


def _document(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": DRAFT, "$id": f"{BASE}{name}.json", "title": title, **body}


def _inner(schema: dict[str, Any]) -> dict[str, Any]:
    """A whole schema as a part of another (without its own ``$schema`` and ``$id``)."""
    return {key: value for key, value in schema.items() if key not in ("$schema", "$id")}


def problem_schema() -> dict[str, Any]:
    """One problem of a bad input: where, what was given, what is allowed, its code."""
    return {"type": "object", "additionalProperties": False,
            "required": ["path", "value", "missing", "allowed", "code"],
            "properties": {
                "path": {"type": "string", "description": "where: e.g. usce[0].months; "
                                                          "empty for the input as a whole"},
                "value": {"description": "the value given (null when missing)"},
                "missing": {"type": "boolean"},
                "allowed": {"type": "string", "description": "what to write, in words"},
                "code": {"enum": list(ERROR_CODES),
                         "description": "; ".join(f"{c}: {d}" for c, d in ERROR_CODES.items())},
                "choices": {"type": "array", "description": "the values allowed, as data"},
                "range": {"type": "array", "items": {"type": "number"}, "minItems": 2,
                          "maxItems": 2, "description": "the lowest and highest allowed"}}}


def _error_body() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False,
            "required": ["schema_version", "error", "problems"],
            "properties": {"schema_version": {"const": SCHEMA_VERSION},
                           "error": {"type": "string",
                                     "description": "what was bad: e.g. invalid profile"},
                           "problems": {"type": "array", "items": problem_schema()},
                           "more_problems": {"type": "integer", "minimum": 1,
                                             "description": "problems found past those "
                                                            "listed (MAX_PROBLEMS)"}}}


def error_schema() -> dict[str, Any]:
    """What ``--format json`` writes (stdout, exit 2) for an input that is not valid."""
    return _document("error", "img-advisor error", _error_body())


def batch_line_schema() -> dict[str, Any]:
    """One line of ``img-advisor batch``: the advice of the profile on line ``line``, or the
    problems that make it invalid."""
    line = {"type": "integer", "minimum": 1}
    error = _error_body()
    error["required"] = ["line", *error["required"]]
    error["properties"] = {"line": line, **error["properties"]}
    advised = {"type": "object", "additionalProperties": False,
               "required": ["line", "advice"],
               "properties": {"line": line, "advice": {"$ref": "#/$defs/advice"}}}
    return _document("batch-line", "img-advisor batch line",
                     {"$defs": {"advice": _inner(advice_schema())},
                      "oneOf": [advised, error]})


def plan_schema() -> dict[str, Any]:
    """The plan's parts of an advice in full (``carries`` explanation): the steps, the
    branch, the time check and the calendar."""
    parts = plan_parts()
    return _document("plan", "img-advisor plan", {
        "type": "object", "required": ["schema_version", *parts],
        "additionalProperties": False,
        "properties": {"schema_version": {"const": SCHEMA_VERSION}, **parts}})


OUTPUT_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": profile_schema, "programs": program_list_schema, "advice": advice_schema,
    "batch": batch_line_schema, "error": error_schema, "plan": plan_schema,
}
"""Every schema, by the name ``img-advisor schema --output`` takes."""
