"""Whether an answer can change the advice: the field tried at the values where the rules'
answers change, everything else as answered so far.

The rules say which fields they read (``expert.interview.relevance``), but reading is not
changing: a risk factor that adds to a risk already found changes no recommendation. So before
a question is asked, the advice is worked out for each value the rules tell apart (each
choice; each number at the edges of the ranges the rules test; yes, no and unknown; an empty
and a typical list), and the question is asked only if one of them changes a recommendation
or a step of the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import orjson

from expert.advice import Advice, advise
from expert.errors import ProfileError
from expert.interview.questions import Question, question
from expert.interview.relevance import INTERVIEW_RULES
from knowledge_base.rule import tests_by_field

__all__ = ["PLACEHOLDERS", "alternatives", "can_change", "flat_profile", "nested", "signature"]

PLACEHOLDERS: dict[str, Any] = {"specialty": "internal_medicine", "step1.result": "pass",
                                "step2ck.score": 230}
"""Values the required fields take while unanswered, where a whole profile is needed; nothing
is concluded from them (the inputs they feed are not known yet)."""
STEP1_SCORES = (209, 214, 215, 219, 220, 229, 230, 240)
"""Step 1 results tried besides pass and fail: the edges of the score bands."""


def nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """``{"step2ck.score": 232}`` as a profile writes it: ``{"step2ck": {"score": 232}}``."""
    profile: dict[str, Any] = {}
    for path, value in flat.items():
        head, _, rest = path.partition(".")
        if rest:
            profile.setdefault(head, {})[rest] = value
        else:
            profile[head] = value
    return profile


def flat_profile(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that apply, with placeholders for the required fields not answered."""
    flat = dict(answers)
    for field, value in PLACEHOLDERS.items():
        if field not in flat and question(field).applies(flat):
            flat[field] = value
    return {field: value for field, value in flat.items() if question(field).applies(flat)}


def signature(advice: Advice) -> bytes:
    """What an answer could change: every recommendation's kind and value, and the plan's
    steps with their months."""
    recommendations = sorted(orjson.dumps([r.kind, r.value], option=orjson.OPT_SORT_KEYS)
                             for r in advice.recommendations)
    steps = orjson.dumps([(s.task, s.start, s.end, s.when) for s in advice.plan])
    return b"\n".join([*recommendations, steps])


@cache
def _numbers(asked: Question) -> tuple[float, ...]:
    """The edges of every range the rules test on the inputs a number feeds, and the ends."""
    assert asked.low is not None and asked.high is not None
    tests = tests_by_field(INTERVIEW_RULES)
    found = {asked.low, asked.high}
    for name in asked.inputs:
        for test in tests.get(name, ()):
            operands = test.operand if isinstance(test.operand, tuple) else (test.operand,)
            found.update(edge + step for edge in operands
                         if isinstance(edge, (int, float)) and not isinstance(edge, bool)
                         for step in (-1, 0))
    return tuple(sorted(v for v in found if asked.low <= v <= asked.high))


def alternatives(asked: Question, answers: Mapping[str, Any]) -> tuple[Any, ...]:
    """The values ``asked`` is tried at (None: don't know)."""
    if asked.kind == "choice":
        return asked.choices
    if asked.kind == "yes_no":
        return True, False, None
    if asked.kind == "step1":
        return ("pass", "fail", *STEP1_SCORES)
    if asked.kind == "list":
        specialty = flat_profile(answers)["specialty"]
        if asked.field == "usce":
            return ([], [{"specialty": specialty, "type": "observership", "months": 1}],
                    [{"specialty": specialty, "type": "externship", "months": 3}],
                    [{"specialty": "family_medicine" if specialty != "family_medicine"
                      else "internal_medicine", "type": "elective", "months": 2}])
        return ([], [{"specialty": specialty, "us": True}] * 3,
                [{"specialty": specialty, "us": True}, {"specialty": specialty, "us": False}],
                [{"specialty": "internal_medicine" if specialty != "internal_medicine"
                  else "family_medicine", "us": True}] * 2)
    numbers = _numbers(asked)
    return (*numbers, None) if asked.optional else numbers


def _advice(answers: Mapping[str, Any]) -> bytes | None:
    try:
        return signature(advise(nested(flat_profile(answers))))
    except ProfileError:
        return None


def can_change(asked: Question, answers: Mapping[str, Any]) -> bool:
    """Whether some value of ``asked`` changes the advice of ``answers`` (the field itself
    left out of them) — a value the other answers make invalid is not tried."""
    others = {field: value for field, value in answers.items() if field != asked.field}
    seen = {_advice({**others, asked.field: value} if value is not None else others)
            for value in alternatives(asked, others)}
    seen.discard(None)
    return len(seen) > 1

