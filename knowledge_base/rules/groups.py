"""The specialty groups, and premises on them, that several topics share."""

from __future__ import annotations

from knowledge_base.conditions import Pattern, fact, given, none_of, one_of
from knowledge_base.facts import RiskFactor, ScoreBand
from knowledge_base.profile import SPECIALTIES
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["MOSTLY_IM_FM", "PREFERRED_CORE", "TARGETS_STATE_UNIVERSITIES", "UNGROUPED"]

_GROUPED = {*(specialty for group in ("core", "combined", "prelim_bridge", "off_table")
              for specialty in THRESHOLDS.group(group)), "pmr"}
UNGROUPED = tuple(s for s in SPECIALTIES if s not in _GROUPED)
"""Specialties no document discusses or sizes (OB/GYN): only the general under-220 advice
reaches them."""

TARGETS_STATE_UNIVERSITIES = given("specialty", none_of(*THRESHOLDS.group("combined")))
"""The applicants whose lists take in state-university programs, and so `state_univ`'s advice
on them (targeting, a research role, "why this program"): every specialty but the combined
ones, whose own documents target the few combined programs instead."""

PREFERRED_CORE = tuple(specialty for specialty in THRESHOLDS.group("core")
                       if specialty not in THRESHOLDS.group("img_anchor"))
"""Core specialties other than IM/FM: safety_nets' Scenario B (psychiatry, neurology, peds)."""

_FAILED = given("step2ck.status", "failed")
MOSTLY_IM_FM: tuple[tuple[str, tuple[Pattern, ...]], ...] = (
    ("preferred_field", (given("specialty", one_of(*PREFERRED_CORE)),
                         fact(ScoreBand, exam="step2ck", band=one_of("very_low", "low")))),
    ("preferred_field_failed", (given("specialty", one_of(*PREFERRED_CORE)), _FAILED)),
    ("prelim_bridge", (given("specialty", one_of(*THRESHOLDS.group("prelim_bridge"))),
                       fact(RiskFactor, area="scores"))),
    ("other_field", (given("specialty", one_of(*UNGROUPED)),
                     fact(ScoreBand, exam="step2ck", band="very_low"))),
    ("other_field_failed", (given("specialty", one_of(*UNGROUPED)), _FAILED)),
)
"""The cases (name, premises) where most of the list goes to IM/FM beside a few programs of the
field: the parallel plans of emphasis ``parallel`` (``knowledge_base.rules.strategy``;
`safety_nets` Scenario B under 225, Scenario C, FAQ 1 under 220). A test keeps the two in step."""
