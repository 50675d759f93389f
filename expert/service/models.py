"""The decision service's requests and answers as OpenAPI schemas, and the repository's JSON
Schemas put into its OpenAPI document, so that the contract is one.

A request is a JSON object: the ``profile`` (the JSON the command line reads), and what the
question needs beside it (a ``kind``, a ``question``, ``changes``, a ``budget``, a program
list, a report ``format``); each is a field of a pydantic model below. The profile and the
program list are not modelled here: their fields take the repository's own JSON Schemas
(``expert.inputs.schema``), and the advice its schema (``expert.inputs.advice_schema``), put
into the OpenAPI document's components by ``openapi_components``; they are read by the
command line's own readers (``profile_from_dict``, ``programs_from_data``), so a profile is
refused with the very problems the command line names. The plan and the command line's error
take the output contract's schemas (``expert.inputs.contract``). The answers to questions
(why, why not, what if, counterfactuals, the program review) have no JSON Schema in the
repository; the models below are theirs, written from their ``to_dict()``, and the tests
check every answer against them.

Every description of a request field is worded to follow "it must be", so that a problem with
the field says what is allowed in the words of the OpenAPI document.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Annotated, Any, Literal, Optional

import attrs
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from expert.errors import MISSING, Problem
from expert.examples import example_profile, example_programs
from expert.inputs.advice_schema import SCHEMA_VERSION, advice_schema
from expert.inputs.contract import error_schema, plan_schema, problem_schema
from expert.inputs.profiles import close_names, did_you_mean, show_path
from expert.inputs.schema import profile_schema, program_list_schema
from expert.questions.counterfactuals import DEFAULT_BUDGET
from expert.service.limits import MAX_BUDGET

__all__ = ["ADVICE", "ERROR", "PLAN", "PROBLEM", "PROFILE", "PROGRAM_LIST", "RECOMMENDATION",
           "REPORT_FORMATS", "REQUESTS", "AdviseRequest", "CounterfactualsReply",
           "CounterfactualsRequest", "HealthReply", "PlanRequest", "ProgramsReply",
           "ProgramsRequest", "RefusalReply", "ReportRequest", "WhatIfReply", "WhatIfRequest",
           "WhyNotReply", "WhyNotRequest", "WhyReply", "WhyRequest", "component",
           "openapi_components", "request_problems"]

PROFILE, PROGRAM_LIST, ADVICE, RECOMMENDATION, PLAN, ERROR, PROBLEM = (
    "Profile", "ProgramList", "Advice", "Recommendation", "Plan", "Error", "Problem")
"""The names of the components taken from the repository's JSON Schemas."""
REPORT_FORMATS = ("html", "markdown", "pdf")
"""``expert.report.files.render_report``'s formats (a test checks that they agree), the choices
of a report request's ``format``."""


def component(name: str) -> dict[str, Any]:
    """A reference to one of the OpenAPI document's components."""
    return {"$ref": f"#/components/schemas/{name}"}


def _taking(name: str) -> Any:
    """A field whose schema is component ``name`` and whose value pydantic leaves as it is,
    for the repository's reader to check. (The reference sits in an ``allOf``: pydantic
    resolves a bare ``$ref`` among its own models.)"""
    return WithJsonSchema({"allOf": [component(name)]})


ProfileData = Annotated[Any, _taking(PROFILE)]
ProgramListData = Annotated[Any, _taking(PROGRAM_LIST)]

PROFILE_WORDS = ("an applicant profile: the JSON object the command line reads (img-advisor "
                 "schema --output profile prints its JSON Schema; docs/profile.md)")
PROGRAMS_WORDS = ("a program list: a list of programs, one object each, or an object whose "
                  "programs is that list (img-advisor schema --output programs; "
                  "docs/programs.md)")


def _example_programs() -> list[dict[str, Any]]:
    return [{key: value for key, value in attrs.asdict(program).items() if value is not None}
            for program in example_programs("programs_example")[:3]]


_PROFILE = example_profile("state_univ_sample")


def _examples(**fields: Any) -> ConfigDict:
    return ConfigDict(extra="forbid", strict=True,
                      json_schema_extra={"examples": [{"profile": _PROFILE, **fields}]})


class PlanRequest(BaseModel):
    """A profile, for its plan."""

    model_config = _examples()
    profile: ProfileData = Field(description=PROFILE_WORDS)


class AdviseRequest(BaseModel):
    """A profile, and perhaps a program list to judge with it."""

    model_config = _examples()
    profile: ProfileData = Field(description=PROFILE_WORDS)
    programs: Optional[ProgramListData] = Field(None, description=PROGRAMS_WORDS)
    carry: Literal["answers", "plan", "explanation"] = Field(
        "explanation", description="how much the advice carries (docs/compatibility.md): the "
                                   "answers in brief, also the plan in brief, or everything "
                                   "with the explanation graph (the default)")


class WhyRequest(BaseModel):
    """Why the advice says what it says about one kind, or why the plan has a step."""

    model_config = _examples(kind="step3")
    profile: ProfileData = Field(description=PROFILE_WORDS)
    kind: str = Field(description="text: a kind of recommendation the advice has (step3); "
                                  "KIND=ACTION where it has several of the kind "
                                  "(usce_plan=get_hands_on_usce); or a step of the plan, "
                                  "step:N or step:TASK (step:1)")


QUESTION_WORDS = ("text: a kind of recommendation, or KIND=VALUE for one answer of it "
                  "(prelim_backup, step3=take)")


class WhyNotRequest(BaseModel):
    """Why the advice does not say something: the rules that could have, and what they
    lacked."""

    model_config = _examples(question="step3=not_needed")
    profile: ProfileData = Field(description=PROFILE_WORDS)
    question: str = Field(description=QUESTION_WORDS)


class WhatIfRequest(BaseModel):
    """How the advice would change with the profile changed."""

    model_config = _examples(changes={"step2ck.score": 240})
    profile: ProfileData = Field(description=PROFILE_WORDS)
    changes: dict[str, Any] = Field(
        min_length=1, description="an object of one or more changes, each a path into the "
                                  "profile and its new value ({\"step2ck.score\": 240, "
                                  "\"usce[0].months\": 3})")


def _whole(value: Any) -> Any:
    """A whole number written ``40.0`` as ``40``, as the profile reader takes it (JSON Schema
    holds them the same number); anything else as it is, for the strict check."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]


class CounterfactualsRequest(BaseModel):
    """The smallest realistic changes to the profile that would change one answer."""

    model_config = _examples(question="step3", budget=DEFAULT_BUDGET)
    profile: ProfileData = Field(description=PROFILE_WORDS)
    question: str = Field(description=QUESTION_WORDS)
    budget: WholeNumber = Field(DEFAULT_BUDGET, ge=1, le=MAX_BUDGET,
                        description=f"a whole number from 1 to {MAX_BUDGET}: how many changed "
                                    f"profiles to consult at most")


class ProgramsRequest(BaseModel):
    """A profile and the program list to judge for it."""

    model_config = _examples(programs=_example_programs())
    profile: ProfileData = Field(description=PROFILE_WORDS)
    programs: ProgramListData = Field(description=PROGRAMS_WORDS)


class ReportRequest(BaseModel):
    """A profile (and perhaps a program list), for the report to hand over."""

    model_config = _examples(format="markdown")
    profile: ProfileData = Field(description=PROFILE_WORDS)
    programs: Optional[ProgramListData] = Field(None, description=PROGRAMS_WORDS)
    format: Literal["html", "markdown", "pdf"] = Field(
        "html", description="html, markdown or pdf (pdf needs Chromium on the server)")


REQUESTS: tuple[type[BaseModel], ...] = (
    PlanRequest, AdviseRequest, WhyRequest, WhyNotRequest, WhatIfRequest,
    CounterfactualsRequest, ProgramsRequest, ReportRequest)


def _fields() -> dict[str, Any]:
    """Each request field by name (a name means one thing in every request)."""
    fields: dict[str, Any] = {}
    for model in REQUESTS:
        for name, field in model.model_fields.items():
            assert fields.setdefault(name, field).description == field.description, name
    return fields


def _details(field: Any) -> dict[str, Any]:
    """The values a field allows as data, for a ``Problem``: its ``choices``, its ``range``."""
    if typing.get_origin(field.annotation) is Literal:
        return {"choices": typing.get_args(field.annotation)}
    low = next((m.ge for m in field.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
    return {"range": (low, high)} if low is not None and high is not None else {}


_CODES = {"missing": "missing", "too_short": "missing", "extra_forbidden": "unknown_field",
          "literal_error": "not_one_of", "greater_than_equal": "out_of_range",
          "less_than_equal": "out_of_range"}
"""pydantic's error types, as ``ERROR_CODES``; any other is a value of the wrong type."""


def request_problems(errors: Iterable[Any], model: Optional[type[BaseModel]]) -> list[Problem]:
    """pydantic's errors with a request (FastAPI's ``RequestValidationError.errors()``) as
    problems, in the words of the request's fields, one per place."""
    fields = _fields()
    names = tuple(model.model_fields) if model is not None else tuple(sorted(fields))
    problems: dict[str, Problem] = {}
    for error in errors:
        loc = tuple(error.get("loc", ()))
        loc = loc[1:] if loc[:1] == ("body",) else loc
        path = show_path(loc)
        code = _CODES.get(error.get("type", ""), "wrong_type")
        value = MISSING if code == "missing" and error.get("type") == "missing" \
            else error.get("input", MISSING)
        if not loc:
            problem = Problem("", value, f"a JSON object of the request's fields: "
                                         f"{', '.join(names)}", code="wrong_type")
        elif code == "unknown_field":
            hint = did_you_mean(close_names(str(loc[-1]), names))
            fields_here = f"{hint} The fields here are" if hint else "the fields here are"
            problem = Problem(path, value, f"there is no field of this name here; "
                                           f"{fields_here}: {', '.join(names)}",
                              code=code, choices=names)
        else:
            field = fields.get(str(loc[0]))
            words = field.description if field is not None else str(error.get("msg"))
            problem = Problem(path, value, words, code=code,
                              **(_details(field) if field is not None else {}))
        problems.setdefault(path, problem)
    return list(problems.values())


# --- answers ----------------------------------------------------------------------------------

_CLOSED = ConfigDict(extra="forbid")


SchemaVersion = Annotated[str, WithJsonSchema({"const": SCHEMA_VERSION})]
"""Every answer's first field: ``expert.inputs.advice_schema.SCHEMA_VERSION``, as every JSON
the command line writes carries it (``expert.inputs.contract.versioned``)."""


class RefusalReply(BaseModel):
    """A request refused for something other than its input (too slow, too busy, no
    Chromium): the shape of the command line's error (component ``Error``), with a detail."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    error: str = Field(description="what went wrong, in a few words: busy, timed out, request "
                                   "timed out, pdf needs chromium, pdf failed, not found ...")
    problems: Annotated[list[Any], WithJsonSchema({"type": "array",
                                                   "items": component(PROBLEM)})]
    detail: Optional[str] = Field(None, description="more in words, where there is more")


class WhyStep(BaseModel):
    model_config = _CLOSED
    rule: str
    title: str
    strength: str
    sources: list[str]
    premises: list[str]
    conclusions: list[str]


class WhySuperseded(BaseModel):
    model_config = _CLOSED
    proposal: str
    rule: str
    reason: str


class WhyReply(BaseModel):
    """The chain of rules from the profile to the answer (``Why.to_dict()``)."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    subject: str
    inputs: list[str]
    steps: list[WhyStep]
    superseded: list[WhySuperseded]


class WhyNotCandidate(BaseModel):
    model_config = _CLOSED
    rule: str
    title: str
    strength: str
    sources: list[str]
    fired: bool
    unmet: list[str] = Field(description="the premises that did not hold, in words")
    note: str


class WhyNotReply(BaseModel):
    """The rules that could have given the answer and what they lacked
    (``WhyNot.to_dict()``)."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    question: str
    answer: str
    candidates: list[WhyNotCandidate]


class WhatIfChange(BaseModel):
    model_config = _CLOSED
    kind: str
    before: Optional[str]
    after: Optional[str]
    rule: Optional[str]
    why: str


class WhatIfReply(BaseModel):
    """Each recommendation that would change (``WhatIf.to_dict()``)."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    changes_asked: dict[str, Any]
    changes: list[WhatIfChange]


class CounterfactualEdit(BaseModel):
    model_config = _CLOSED
    path: str
    before: Any
    after: Any
    description: str


class CounterfactualOption(BaseModel):
    model_config = _CLOSED
    edits: list[CounterfactualEdit]
    changes: dict[str, Any] = Field(description="the edits as what-if changes")
    result: Annotated[list[Any], WithJsonSchema({"type": "array",
                                                 "items": component(RECOMMENDATION)})]


class CounterfactualsReply(BaseModel):
    """The smallest realistic changes that would change the answer
    (``Counterfactuals.to_dict()``)."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    kind: str
    question: str
    current: list[str]
    options: list[CounterfactualOption]
    searched: int = Field(description="how many changed profiles were consulted")
    complete: bool = Field(description="false when the search stopped at its budget")


class VerdictSource(BaseModel):
    model_config = _CLOSED
    doc: str
    section: str


class VerdictNote(BaseModel):
    model_config = _CLOSED
    note: str
    tone: str
    summary: str
    rule: str


class VerdictReply(BaseModel):
    """One program's verdict (``ProgramVerdict.to_dict()``)."""

    model_config = _CLOSED
    name: str
    verdict: Literal["reach", "match", "safety", "do_not_apply"]
    sign: str
    strength: str
    rule: str
    summary: str
    reasons: list[str]
    notes: list[VerdictNote]
    unknown: list[str]
    sources: list[VerdictSource]


class ProgramsReply(BaseModel):
    """The program review, as ``img-advisor programs --format json`` writes it."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    verdicts: list[VerdictReply]
    counts: dict[str, int]
    measures: dict[str, Any]
    checks: Annotated[list[Any], WithJsonSchema({"type": "array",
                                                 "items": component(RECOMMENDATION)})]


class HealthReply(BaseModel):
    """The service is up: its version, the advice's schema version, and its limits."""

    model_config = _CLOSED
    schema_version: SchemaVersion
    status: Literal["ok"]
    version: str = Field(description="img-advisor's version")
    limits: dict[str, float] = Field(description="expert.service.limits.Limits")


# --- the repository's JSON Schemas, as OpenAPI components -------------------------------------

def _refs_to_components(value: Any) -> Any:
    """``#/$defs/Name`` references rewritten to ``#/components/schemas/Name``."""
    if isinstance(value, dict):
        return {key: (component(inner.removeprefix("#/$defs/"))["$ref"]
                      if key == "$ref" and isinstance(inner, str) else _refs_to_components(inner))
                for key, inner in value.items()}
    if isinstance(value, list):
        return [_refs_to_components(inner) for inner in value]
    return value


def _as_components(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema as components: itself under ``name`` and each of its ``$defs`` beside
    it. Its ``$schema`` and ``$id`` are left out (the OpenAPI document is the resource)."""
    root = {key: value for key, value in schema.items()
            if key not in ("$schema", "$id", "$defs")}
    parts: dict[str, Any] = _refs_to_components({name: root, **schema.get("$defs", {})})
    return parts


def _full_recommendation(advice: dict[str, Any]) -> dict[str, Any]:
    """The schema of one recommendation in full (with its words and sources), from the advice
    schema's alternative that carries the explanation."""
    for option in advice.get("oneOf", [advice]):
        if "explanation" in option.get("properties", {}):
            return dict(option["properties"]["recommendations"]["items"])
    raise ValueError("the advice schema has no alternative with the explanation")


def openapi_components() -> dict[str, Any]:
    """The components taken from the repository's JSON Schemas: the profile and its parts,
    the program list and a program, the advice, one recommendation (in full), the plan, the
    command line's error and one problem of it (``expert.inputs.contract``)."""
    advice = advice_schema()
    error = _as_components(ERROR, error_schema())
    error[ERROR]["properties"]["problems"]["items"] = component(PROBLEM)
    return {**_as_components(PROFILE, profile_schema()),
            **_as_components(PROGRAM_LIST, program_list_schema()),
            **_as_components(ADVICE, advice),
            RECOMMENDATION: _full_recommendation(advice),
            **_as_components(PLAN, plan_schema()), **error, PROBLEM: problem_schema()}
