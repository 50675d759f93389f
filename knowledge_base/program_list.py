"""The program list as a whole: the measures the list-check rules read.

Once every program has its verdict, ``list_facts`` sums the list up as ``Input`` facts whose
paths start with ``list.`` (shares of each verdict, how the rank order treats the safeties, the
red flags' shares, and for a list still being built how many programs of each verdict to add).

Which programs count: when any program has a rank the list is a rank list and only the ranked
programs count; otherwise every program does. Programs judged ``do_not_apply`` are counted on
their own and left out of the shares, since the advice is to remove them.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from knowledge_base.facts import Input, Scalar
from knowledge_base.inputs import Domain
from knowledge_base.programs import Program, location
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["COMMUNITY_TYPES", "IMG_HEAVY_PERCENT", "LIST_FIELDS", "LIST_INPUT_DOMAINS", "MIX",
           "TIERS", "TOP_OF_LIST", "UNIVERSITY_TYPES", "VERDICTS", "list_facts", "programs_to_add"]

VERDICTS = ("reach", "match", "safety", "do_not_apply")
TIERS = VERDICTS[:3]
MIX = THRESHOLDS.rank_list.percent
IMG_HEAVY_PERCENT = THRESHOLDS.targeting.min_img_percent.max
"""A program is IMG-heavy when IMGs are at least the top of the documents' 30–40%."""
TOP_OF_LIST = THRESHOLDS.programs.top_of_list
UNIVERSITY_TYPES = ("big_academic", "university_affiliated")
COMMUNITY_TYPES = ("community", "rural")

LIST_FIELDS: dict[str, str] = {
    "list.kind": "rank_list when any program is ranked (only ranked programs count), else "
                 "application_list",
    "list.count": "programs on the list, not counting do-not-apply ones",
    "list.do_not_apply_count": "programs on the list judged do-not-apply",
    **{f"list.{tier}_count": f"programs judged {tier}" for tier in TIERS},
    **{f"list.{tier}_percent": f"share of the list judged {tier}, in whole percent"
       for tier in TIERS},
    "list.reach_above_first_safety": "reach programs ranked above the highest-ranked safety",
    "list.top_count": f"programs at the top of the list (at most {TOP_OF_LIST}), by rank, or in "
                      "file order for an application list",
    "list.top_sought_after_percent": "share of the top of the list in sought-after cities "
                                     "(unknown locations count as not)",
    "list.sought_after_percent": "share of the list in sought-after cities",
    "list.university_percent": "share of the list that is big academic or university-affiliated",
    "list.few_img_percent": f"share of the list with under {THRESHOLDS.programs.few_img_percent}%"
                            " IMGs (unknown shares count as not)",
    "list.img_heavy_community_count": f"community or rural programs with at least "
                                      f"{IMG_HEAVY_PERCENT}% IMGs",
    "list.programs_to_add": "programs to add to reach the apply_count minimum and the target "
                            "shares",
    **{f"list.{tier}_to_add": f"of the programs to add, how many should be {tier}"
       for tier in TIERS},
}
"""Every list measure and what it counts (shown on its node in the explanation graph)."""

LIST_INPUT_DOMAINS: dict[str, Domain] = {
    path: (Domain(choices=("rank_list", "application_list")) if path == "list.kind"
           else Domain(low=0, high=100) if path.endswith("_percent") else Domain(low=0))
    for path in LIST_FIELDS
}
"""The values each list measure can take."""


def _percent(part: int, whole: int) -> int:
    return math.floor(100 * part / whole + 0.5)


def programs_to_add(counts: dict[str, int], target: int) -> dict[str, int]:
    """How many programs of each tier to add so the list reaches ``target`` programs with at
    least the minimum safety and match shares and at most the maximum reach share; any rest
    goes to safety programs. The total may exceed ``target`` minus the list when the shares
    need it."""
    size = max(target, sum(counts.values()))
    safety = max(0, math.ceil(size * MIX["safety"].min / 100) - counts["safety"])
    match = max(0, math.ceil(size * MIX["match"].min / 100) - counts["match"])
    total = max(size - sum(counts.values()), safety + match)
    reach = min(max(0, math.floor(size * MIX["reach"].max / 100) - counts["reach"]),
                total - safety - match)
    return {"total": total, "reach": reach, "match": match,
            "safety": total - reach - match}


def _measures(entries: Sequence[tuple[Program, str]],
              apply_min: int | None) -> Iterator[tuple[str, Scalar | None]]:
    ranked = any(program.rank is not None for program, _ in entries)
    considered = [(p, v) for p, v in entries if p.rank is not None] if ranked else list(entries)
    if ranked:
        considered.sort(key=lambda entry: entry[0].rank or 0)  # every entry here is ranked
    kept = [(p, v) for p, v in considered if v != "do_not_apply"]
    counts = {tier: sum(v == tier for _, v in kept) for tier in TIERS}

    yield "list.kind", "rank_list" if ranked else "application_list"
    yield "list.count", len(kept)
    yield "list.do_not_apply_count", len(considered) - len(kept)
    for tier in TIERS:
        yield f"list.{tier}_count", counts[tier]
    if not kept:
        return
    for tier in TIERS:
        yield f"list.{tier}_percent", _percent(counts[tier], len(kept))

    places = [location(p.state, p.city) for p, _ in kept]
    top = places[:TOP_OF_LIST]
    yield "list.top_count", len(top)
    yield "list.top_sought_after_percent", _percent(top.count("sought_after"), len(top))
    yield "list.sought_after_percent", _percent(places.count("sought_after"), len(kept))
    yield "list.university_percent", _percent(
        sum(p.type in UNIVERSITY_TYPES for p, _ in kept), len(kept))
    few = THRESHOLDS.programs.few_img_percent
    yield "list.few_img_percent", _percent(
        sum(p.img_percent is not None and p.img_percent < few for p, _ in kept), len(kept))
    yield "list.img_heavy_community_count", sum(
        p.type in COMMUNITY_TYPES and p.img_percent is not None
        and p.img_percent >= IMG_HEAVY_PERCENT for p, _ in kept)

    if ranked and counts["safety"]:
        first_safety = next(i for i, (_, v) in enumerate(kept) if v == "safety")
        yield "list.reach_above_first_safety", sum(v == "reach" for _, v in kept[:first_safety])
    if not ranked and apply_min is not None:
        for tier, count in programs_to_add(counts, apply_min).items():
            yield ("list.programs_to_add" if tier == "total" else f"list.{tier}_to_add"), count


def list_facts(entries: Sequence[tuple[Program, str]],
               apply_min: int | None = None) -> tuple[Input, ...]:
    """The list's measures as ``Input`` facts. ``entries`` are (program, verdict) in file order;
    ``apply_min`` is the least number of programs the applicant should apply to."""
    return tuple(Input(path, value) for path, value in _measures(entries, apply_min)
                 if value is not None)
