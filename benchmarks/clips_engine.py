"""The advisor's rules on CLIPS, through clipspy: the engine the benchmark measures ours against.

clipspy is in the optional ``bench`` extra; without it ``MISSING`` says how to get it and the
benchmark leaves the CLIPS figures out. A run is what a program using CLIPS would do for one
applicant: ``reset``, assert the profile's input facts, ``run``. Read back, the facts become
Python values again (``memory``) and the proposals are resolved to the single answers as the
advisor resolves them (``answers``): of each kind, the most specific rule's proposal, ties by
value and then by rule id (``expert.consultation.consult.resolve``).

Facts go in and come out through functions generated with the rules (``clips_rules``), as
values, never as clipspy's ``Fact`` objects: in clipspy 1.0.6 those are never released (their
``__del__`` calls ``ReleaseFact`` with one argument too many and swallows the ``TypeError``),
so every fact asserted or read through one stays in CLIPS's garbage and each run is slower
than the one before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from benchmarks.clips_rules import (
    ASSERT_INPUTS,
    PY_JSON,
    PY_TEXT,
    clips_constructs,
    reader,
    slots_of,
)
from knowledge_base.facts import FACT_TYPES, Fact, Input, Proposal
from knowledge_base.kinds import SINGLE_ANSWER_KINDS
from knowledge_base.rule import Rule

try:
    import clips  # type: ignore[import-untyped]
except ImportError:  # the bench extra is not installed
    clips = None

__all__ = ["MISSING", "ClipsEngine", "FactContents", "fact_contents"]

MISSING: str | None = None if clips is not None else (
    "clipspy is not installed, so CLIPS is not measured: pip install -e '.[bench]'")

FactContents = tuple[Any, ...]
"""A fact as both engines can give it: its type's name and its slots' values (a proposal by
kind and value: CLIPS holds the rule where ours holds the summary)."""
_CONCLUDED = tuple(kind for kind in FACT_TYPES if kind is not Input)
_COMPARED = {kind: 2 if kind is Proposal else len(slots_of(kind)) for kind in _CONCLUDED}
"""How many of each type's slots, from the first, are compared."""
_PROPOSAL_SLOTS = len(slots_of(Proposal))


def _to_clips(value: Any) -> Any:
    if isinstance(value, bool):
        return clips.Symbol("TRUE" if value else "FALSE")
    return value


def _from_clips(value: Any) -> Any:
    if isinstance(value, clips.Symbol) and value in ("TRUE", "FALSE"):
        return value == "TRUE"
    return value


def _json(value: Any) -> str:
    return json.dumps(_from_clips(value))


def _text(value: Any, json_escaped: Any) -> str:
    text = format(_from_clips(value))
    return json.dumps(text)[1:-1] if _from_clips(json_escaped) else text


def fact_contents(fact: Fact) -> FactContents:
    """One of our facts as ``ClipsEngine.memory`` gives it."""
    kind = type(fact)
    return (kind.__name__, *(getattr(fact, slot) for slot in slots_of(kind)[:_COMPARED[kind]]))


def _rows(values: Sequence[Any], width: int) -> Iterable[Sequence[Any]]:
    return (values[start:start + width] for start in range(0, len(values), width))


class ClipsEngine:
    """A CLIPS environment holding the rules, ready for one consultation after another."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        if clips is None:
            raise RuntimeError(MISSING)
        self.rules = tuple(rules)
        self.environment = clips.Environment()
        self.environment.define_function(_json, PY_JSON)
        self.environment.define_function(_text, PY_TEXT)
        for construct in clips_constructs(self.rules):
            self.environment.build(construct)

    def run(self, facts: Iterable[Input]) -> None:
        """reset, assert the inputs, run."""
        self.environment.reset()
        self.environment.call(ASSERT_INPUTS, *(value for fact in facts
                                               for value in (fact.field, _to_clips(fact.value))))
        self.environment.run()

    def answers_for(self, facts: Iterable[Input]) -> dict[str, Any]:
        """``run``, then ``answers``: a consultation with its results read back."""
        self.run(facts)
        return self.answers()

    def answers(self, kinds: Iterable[str] = SINGLE_ANSWER_KINDS) -> dict[str, Any]:
        """Every proposal read back, and ``kinds`` resolved, each to its one answer."""
        wanted = frozenset(kinds)
        best: dict[str, tuple[int, str, str]] = {}
        proposals = self.environment.call(reader(Proposal))
        for kind, value_json, rule, specificity in _rows(proposals, _PROPOSAL_SLOTS):
            if kind in wanted:
                key = (-specificity, value_json, rule)
                if kind not in best or key < best[kind]:
                    best[kind] = key
        return {kind: json.loads(value) for kind, (_, value, _) in best.items()}

    def memory(self) -> set[FactContents]:
        """Every fact the rules concluded, read back (as ``fact_contents`` gives ours)."""
        found = set()
        for kind in _CONCLUDED:
            width, compared = len(slots_of(kind)), _COMPARED[kind]
            for row in _rows(self.environment.call(reader(kind)), width):
                found.add((kind.__name__, *map(_from_clips, row[:compared])))
        return found
