"""The JSON Schema of the advice: what ``advise PROFILE --format json``, ``Advice.to_dict()``
and each batch line's ``advice`` hold, for programs that read them.

The schema is versioned (``SCHEMA_VERSION``, written into every advice as
``schema_version``): the minor number grows when fields are added, the major number when a
field is removed or changes meaning. The enumerations (kinds, strengths, stages, node types,
documents) are read from the knowledge base and the explanation model, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

from explain.trace import EDGE_TYPES, NODE_TYPES
from knowledge_base.kinds import KINDS, PROGRAM_KINDS
from knowledge_base.rule import STRENGTHS
from knowledge_base.rules.timeline import TASKS
from knowledge_base.sources import DOCUMENTS
from knowledge_base.stages import STAGES

__all__ = ["ADVICE_SCHEMA_ID", "CARRIES", "SCHEMA_VERSION", "advice_schema", "plan_parts"]

SCHEMA_VERSION = "2.0"
"""2.0: ``carries`` added, and the plan and the explanation may be left out (a batch line
carries the plan but not the explanation by default); see docs/compatibility.md."""
CARRIES = ("answers", "plan", "explanation")
"""How much an advice carries: ``answers``, each recommendation in brief (kind, value,
strength, rule); ``plan``, also the plan's steps in brief, its branch, time check and
calendar; ``explanation``, everything: the recommendations with their words and sources, the
plan in full, and the explanation graph."""
ADVICE_SCHEMA_ID = "https://img-advisor.invalid/schema/advice.json"

_NULLABLE_INT = {"type": ["integer", "null"]}


def _object(properties: dict[str, Any], *, optional: tuple[str, ...] = (),
            more: bool = False) -> dict[str, Any]:
    """An object with exactly these properties (all required but ``optional``)."""
    return {"type": "object", "properties": properties,
            "required": [name for name in properties if name not in optional],
            "additionalProperties": more}


def _headline_values() -> list[dict[str, Any]]:
    """The value of each kind that has a shape of its own (the others, but the per-program
    kinds: an object with an ``action``)."""
    part = _object({"track": {"type": "string"},
                    "scope": {"enum": ["count", "all_realistic", "a_few", "anchor"]},
                    "min": _NULLABLE_INT, "max": _NULLABLE_INT,
                    "basis": {"enum": ["document", "our_estimate"]},
                    "at_least": {"type": "boolean"}})
    values = {
        "outlook": {"enum": ["high_risk", "moderate_risk", "lower_risk"]},
        "step3": {"enum": ["take", "consider", "dont_rush", "not_needed", "done"]},
        "prelim_backup": _object({"recommended": {"type": "boolean"},
                                  "tracks": {"type": "array", "items": {"enum": [
                                      "prelim_im", "prelim_surgery", "transitional_year"]}}}),
        "apply_count": _object({"min": {"type": "integer", "minimum": 0},
                                "max": {"type": "integer", "minimum": 0},
                                "at_least": {"type": "boolean"},
                                "parts": {"type": "array", "items": part}}),
        "score_band": _object({"exam": {"enum": ["step1", "step2ck", "step3"]},
                               "band": {"type": "string"}, "scale": {"type": "string"}}),
        "long_term_path": _object({"via": {"type": "array", "items": {"type": "string"}},
                                   "then": {"type": "array", "items": {"type": "string"}},
                                   "toward": {"type": "string"}}),
    }
    rules = [{"if": {"properties": {"kind": {"const": kind}}},
              "then": {"properties": {"value": schema}}} for kind, schema in values.items()]
    rules.append({"if": {"properties": {"kind": {"not": {"enum": [*values, *PROGRAM_KINDS]}}}},
                  "then": {"properties": {"value": {"type": "object",
                                                    "required": ["action"]}}}})
    return rules


def plan_parts() -> dict[str, Any]:
    """The schemas of the plan's parts in an advice: ``plan`` (the steps in order),
    ``plan_branch``, ``plan_check`` and ``calendar``."""
    month = {"type": "string", "pattern": r"^\d{4}-\d{2}$"}
    window = {"anyOf": [{"type": "null"}, _object({"start": month, "end": month})]}
    relative = {"anyOf": [{"type": "null"}, _object({"start": {"type": "integer"},
                                                    "end": {"type": "integer"}})]}
    step = _object({
        "priority": {"type": "integer", "minimum": 1}, "task": {"enum": [t.id for t in TASKS]},
        "title": {"type": "string"}, "stage": {"enum": [s.id for s in STAGES]},
        "stage_title": {"type": "string"}, "when": window, "months_from_now": relative,
        "estimate": {"type": "boolean"},
        "status": {"enum": ["planned", "compressed", "late", "optional"]},
        "note": {"type": ["string", "null"]},
        "serves": {"enum": ["this_cycle", "next_cycle"]}, "match_year": _NULLABLE_INT,
        "strength": {"enum": list(STRENGTHS)},
        "recommendations": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "node": {"type": "string"}, "rules": {"type": "array", "items": {"type": "string"}}})
    finding = {"anyOf": [{"type": "null"}, _object({"verdict": {"type": "string"},
                                                   "note": {"type": "string"},
                                                   "node": {"type": "string"}})]}
    branch = {"anyOf": [{"type": "null"}, _object({
        "cycle": {"enum": ["this_cycle", "next_cycle"]}, "match_year": _NULLABLE_INT,
        "note": {"type": "string"}, "node": {"type": "string"}})]}
    calendar = _object({"eras_opens": {"anyOf": [{"type": "null"}, month]},
                        "now": {"anyOf": [{"type": "null"}, month]},
                        "now_from": {"enum": ["months_until_eras", "phase", None]},
                        "note": {"type": "string"}})
    return {"plan": {"type": "array", "items": step}, "plan_branch": branch,
            "plan_check": finding, "calendar": calendar}


def _brief_parts() -> dict[str, Any]:
    """The schemas of what an advice in brief (``carries`` answers or plan) holds."""
    recommendation = _object({"kind": {"enum": list(KINDS)}, "value": {},
                              "strength": {"enum": list(STRENGTHS)}, "rule": {"type": "string"}})
    recommendation["allOf"] = _headline_values()
    full = plan_parts()
    step = _object({name: full["plan"]["items"]["properties"][name] for name in (
        "priority", "task", "when", "months_from_now", "strength", "status", "serves",
        "match_year")})
    month = full["calendar"]["properties"]["eras_opens"]
    return {
        "recommendations": {"type": "array", "items": recommendation},
        "plan": {"type": "array", "items": step},
        "plan_branch": {"anyOf": [{"type": "null"}, _object({
            "cycle": {"enum": ["this_cycle", "next_cycle"]}, "match_year": _NULLABLE_INT})]},
        "plan_check": {"anyOf": [{"type": "null"}, _object({"verdict": {"type": "string"}})]},
        "calendar": _object({"eras_opens": month, "now": month}),
    }


def advice_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one advice, of each ``carries``."""
    source = _object({"doc": {"enum": list(DOCUMENTS)}, "section": {"type": "string"}})
    recommendation = _object({
        "kind": {"enum": list(KINDS)}, "value": {}, "strength": {"enum": list(STRENGTHS)},
        "summary": {"type": "string"}, "rule": {"type": "string"},
        "node": {"type": "string"}, "sources": {"type": "array", "items": source}})
    recommendation["allOf"] = _headline_values()
    plan = plan_parts()
    node = {"type": "object", "required": ["id", "type", "label"],
            "properties": {"id": {"type": "string"}, "type": {"enum": list(NODE_TYPES)},
                           "label": {"type": "string"}}}
    edge = {"type": "object", "required": ["source", "target", "type"],
            "properties": {"source": {"type": "string"}, "target": {"type": "string"},
                           "type": {"enum": list(EDGE_TYPES)}, "reason": {"type": "string"}},
            "additionalProperties": False}
    explanation = _object({"directed": {"const": True}, "multigraph": {"const": False},
                           "graph": {"type": "object"},
                           "nodes": {"type": "array", "items": node},
                           "edges": {"type": "array", "items": edge}})
    programs = {"type": "object", "description": "with a program list: each program's "
                                                 "verdict, the counts and the measures"}
    head = {"schema_version": {"const": SCHEMA_VERSION}}
    everything = _object({**head, "carries": {"const": "explanation"},
                          "recommendations": {"type": "array", "items": recommendation},
                          **plan, "explanation": explanation, "programs": programs},
                         optional=("programs",))
    brief = _brief_parts()
    with_plan = _object({**head, "carries": {"const": "plan"}, **brief, "programs": programs},
                        optional=("programs",))
    answers = _object({**head, "carries": {"const": "answers"},
                       "recommendations": brief["recommendations"], "programs": programs},
                      optional=("programs",))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": ADVICE_SCHEMA_ID,
            "title": "img-advisor advice", "description": __doc__.split("\n\n")[0],
            "oneOf": [everything, with_plan, answers]}
