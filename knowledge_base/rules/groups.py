"""The specialty groups, and premises on them, that several topics share."""

from __future__ import annotations

from knowledge_base.conditions import given, none_of
from knowledge_base.profile import SPECIALTIES
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["PREFERRED_CORE", "TARGETS_STATE_UNIVERSITIES", "UNGROUPED"]

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
