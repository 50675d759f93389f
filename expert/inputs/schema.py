"""The JSON Schema of the profile, generated from the attrs classes so it cannot drift from them.

Rules between fields (a visa only for non-US citizens, a Step 2 CK score only once taken) are
beyond JSON Schema; the advisor checks them and the schema's descriptions say so. The bounds
the reader holds a profile to are in it (``maxItems``), and a whole number written ``214.0``
is one for both (JSON Schema's ``integer``).

A profile may name its schema in a top-level ``"$schema"`` (for editors: completion, hover
text, squiggles); the schema allows it, as text, and the reader ignores it. The written
examples name ``SCHEMA_FILE`` beside them, which ``img-advisor schema`` writes: the ``$id``
would not do, as it is an identifier on a reserved domain (``.invalid``), never fetched.
"""

from __future__ import annotations

import typing
from typing import Any, Union

import attrs

from expert.inputs.profiles import MAX_LIST_ITEMS
from expert.inputs.program_lists import MAX_PROGRAMS
from knowledge_base.profile import Profile, Step1Result
from knowledge_base.programs import Program

__all__ = ["PROGRAMS_SCHEMA_ID", "SCHEMA_FILE", "SCHEMA_ID", "SCHEMA_LINK", "profile_schema",
           "program_list_schema"]

SCHEMA_ID = "https://img-advisor.invalid/schema/profile.json"
SCHEMA_FILE = "img-advisor-profile.schema.json"
"""The file name to write the profile schema to, beside the profiles that name it:
``img-advisor schema > img-advisor-profile.schema.json``."""
SCHEMA_LINK = f"./{SCHEMA_FILE}"
"""The ``"$schema"`` that ``img-advisor example`` writes: ``SCHEMA_FILE`` beside the profile."""
PROGRAMS_SCHEMA_ID = "https://img-advisor.invalid/schema/programs.json"


def _type_schema(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer"}
    if kind is float:
        return {"type": "number"}
    if kind is str:
        return {"type": "string"}
    if kind is type(None):
        return {"type": "null"}
    if kind == Step1Result:
        return {"anyOf": [{"enum": ["pass", "fail"]}, {"type": "integer"}]}
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin is Union:
        return {"anyOf": [_type_schema(arg, defs) for arg in args]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs),
                "maxItems": MAX_LIST_ITEMS}
    if attrs.has(kind):
        if kind.__name__ not in defs:
            defs[kind.__name__] = {}
            defs[kind.__name__] = _class_schema(kind, defs)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    raise TypeError(f"no JSON Schema for {kind!r}")


def _with_range(schema: dict[str, Any], low: float, high: float) -> dict[str, Any]:
    """Add bounds to the numeric alternative(s) of a field schema."""
    if schema.get("type") in ("integer", "number"):
        return {**schema, "minimum": low, "maximum": high}
    if "anyOf" in schema:
        return {"anyOf": [_with_range(option, low, high) for option in schema["anyOf"]]}
    return schema


def _field_schema(field: attrs.Attribute, defs: dict[str, Any]) -> dict[str, Any]:
    schema = _type_schema(field.type, defs)
    if "range" in field.metadata:
        schema = _with_range(schema, *field.metadata["range"])
    default = field.default
    # attrs types Factory as a function (it is a class), hence the ignore
    if default is not attrs.NOTHING and not isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        schema = {**schema, "default": list(default) if isinstance(default, tuple) else default}
    return {**schema, "description": field.metadata["doc"]}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    fields = attrs.fields(attrs.resolve_types(cls))
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _field_schema(f, defs) for f in fields},
        "required": [f.name for f in fields if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }
    if cls.__doc__:
        schema["description"] = " ".join(cls.__doc__.split())
    return schema


def profile_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile."""
    defs: dict[str, Any] = {}
    root = _class_schema(Profile, defs)
    root["properties"] = {
        "$schema": {"type": "string",
                    "description": "where this schema is, for editors (a file name or an "
                                   f"address, e.g. {SCHEMA_LINK}); ignored by the advisor"},
        **root["properties"],
    }
    root["description"] = (
        "An applicant profile for img-advisor. Also checked beyond this schema: visa must be "
        "none unless citizenship is non_us (default: j1 for non_us); step2ck.score is required "
        "when step2ck.status is taken and absent otherwise; practice_score only while pending; "
        "graduation_year no later than season + 1."
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "img-advisor profile",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def program_list_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a program list in JSON: a list of programs, or an
    object whose ``programs`` is one. Unknown values are left out or null."""
    defs: dict[str, Any] = {}
    program = _class_schema(Program, defs)
    program["description"] += (
        " Also checked beyond this schema: state is a two-letter US state code; names are "
        "unique on the list; ranks are unique, and only for programs that interviewed you."
    )
    programs = {"type": "array", "items": {"$ref": "#/$defs/Program"}, "minItems": 1,
                "maxItems": MAX_PROGRAMS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": PROGRAMS_SCHEMA_ID,
        "title": "img-advisor program list",
        "description": "The programs an applicant applies to or ranks (docs/programs.md). The "
                       "reader also takes CSV and TOML, with empty cells or 'unknown' for "
                       "unknown values, yes/no for booleans and a % sign after shares.",
        "anyOf": [programs, {"type": "object", "properties": {"programs": programs},
                             "required": ["programs"], "additionalProperties": False}],
        "$defs": dict(sorted({**defs, "Program": program}.items())),
    }
