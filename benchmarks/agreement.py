"""Before an anchor is timed, it must be seen to give what the advisor gives.

Each check advises generated profiles and compares: the floor's headline answers with
``Advice.answers()``; CLIPS's concluded facts with the advisor's working memory and its
resolved answers with the advisor's single answers. Each gives the first disagreement in words, or
None.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from benchmarks.clips_engine import ClipsEngine, fact_contents
from benchmarks.floor import HeadlineFloor
from expert import advise
from expert.engine.recording import EnginePool
from expert.inputs.profiles import to_profile
from knowledge_base.facts import Input
from knowledge_base.inputs import input_facts
from knowledge_base.kinds import SINGLE_ANSWER_KINDS

__all__ = ["clips_disagreement", "floor_disagreement"]


def _differing(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> str:
    kinds = sorted(kind for kind in {*ours, *theirs} if ours.get(kind) != theirs.get(kind))
    return "; ".join(f"{kind}: advise gives {json.dumps(ours.get(kind))}, the other "
                     f"{json.dumps(theirs.get(kind))}" for kind in kinds)


def floor_disagreement(floor: HeadlineFloor, pool: EnginePool,
                       profiles: Iterable[dict[str, Any]]) -> str | None:
    """The first profile on which the floor's headline answers are not ``advise``'s."""
    for number, profile in enumerate(profiles):
        answers = advise(profile, pool=pool).answers()
        ours = {kind: answers[kind] for kind in floor.kinds}  # type: ignore[literal-required]
        theirs = {kind: json.loads(fact.value_json)
                  for kind, fact in floor.answers(input_facts(to_profile(profile))).items()}
        if ours != theirs:
            return f"profile {number} of the cohort: {_differing(ours, theirs)}"
    return None


def clips_disagreement(engine: ClipsEngine, pool: EnginePool,
                       profiles: Iterable[dict[str, Any]]) -> str | None:
    """The first profile on which CLIPS concludes other facts than the advisor's engine, or
    resolves to other answers."""
    for number, profile in enumerate(profiles):
        advice = advise(profile, pool=pool)
        engine.run(input_facts(to_profile(profile)))
        ours = {fact_contents(fact) for fact in advice.memory if not isinstance(fact, Input)}
        theirs = engine.memory()
        if ours != theirs:
            only_ours, only_theirs = sorted(map(str, ours - theirs)), sorted(map(str,
                                                                                theirs - ours))
            return (f"profile {number} of the cohort, {len(engine.rules)} rules: only the "
                    f"advisor concludes {only_ours[:3]}; only CLIPS concludes {only_theirs[:3]}")
        # of the kinds single answers are given for, those this rule base gives
        answers = {decision.fact.kind: decision.fact.value
                   for decision in advice.outcome.decisions
                   if decision.fact.kind in SINGLE_ANSWER_KINDS}
        if engine.answers() != answers:
            return (f"profile {number} of the cohort, {len(engine.rules)} rules: "
                    f"{_differing(answers, engine.answers())}")
    return None
