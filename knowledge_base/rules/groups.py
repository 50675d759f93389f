"""Premises on the specialty groups that several topics share."""

from __future__ import annotations

from knowledge_base.conditions import given, none_of
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["TARGETS_STATE_UNIVERSITIES"]

TARGETS_STATE_UNIVERSITIES = given("specialty", none_of(*THRESHOLDS.group("combined")))
"""The applicants whose lists take in state-university programs, and so `state_univ`'s advice
on them (targeting, a research role, "why this program"): every specialty but the combined
ones, whose own documents target the few combined programs instead."""
