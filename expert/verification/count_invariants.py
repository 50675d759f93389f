"""What must hold of every ``apply_count``, checked by the sweep and the property tests.

- the counted parts add up to the total, and the total keeps a part's "at least" (*sum*);
- a part sized by our estimate says so in the advice's words (*estimate*);
- the parts follow the parallel plan (*parallel*): every track it adds is a part of the count;
  where most of the list goes to the parallel tracks, the preferred field is "a few"; where the
  field leads, it is counted; where the list is redirected, the field is not in it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from expert.consultation.consult import Decision

__all__ = ["ESTIMATE_WORDS", "count_problems"]

ESTIMATE_WORDS = "our estimate"
"""What the summary of a count with an estimated part must say (in any case)."""


def _tracks(part: dict[str, Any]) -> set[str]:
    return set(str(part["track"]).split("_or_"))


def _parallel_problems(count: dict[str, Any], plan: dict[str, Any]) -> Iterator[str]:
    parts = count["parts"]
    covered = set().union(*map(_tracks, parts)) if parts else set()
    action, primary = plan["action"], plan["primary"]
    for track in plan["parallel"]:
        if track not in covered:
            yield f"parallel: {action} adds {track}, which no part of the count is for"
    own = [p for p in parts if primary in _tracks(p)]
    emphasis = plan["emphasis"]
    if emphasis == "parallel_only" and own:
        yield f"parallel: {action} redirects the list, but the count still has {primary}"
    if emphasis == "parallel" and any(p["scope"] != "a_few" for p in own):
        yield f"parallel: {action} keeps only a few of {primary}, but the count has more"
    if emphasis == "primary" and not any(p["scope"] == "count" for p in own):
        yield f"parallel: {action} leads with {primary}, but the count does not count it"


def count_problems(decisions: Sequence[Decision]) -> Iterator[str]:
    """What is wrong with the ``apply_count`` among the recommendations that stand."""
    count = next((d.fact for d in decisions if d.fact.kind == "apply_count"), None)
    if count is None:
        return
    value = count.value
    counted = [p for p in value["parts"] if p["scope"] == "count"]
    if (value["min"], value["max"]) != (sum(p["min"] for p in counted),
                                        sum(p["max"] for p in counted)):
        yield "sum: the counted parts do not add up to the total"
    if value["at_least"] != any(p["at_least"] for p in counted):
        yield "sum: the total loses (or invents) a part's 'at least'"
    if any(p["basis"] == "our_estimate" for p in counted) and \
            ESTIMATE_WORDS not in count.summary.lower():
        yield "estimate: a part sized by our estimate is not called one in the advice"
    for decision in decisions:
        if decision.fact.kind == "parallel_plan":
            yield from _parallel_problems(value, decision.fact.value)
