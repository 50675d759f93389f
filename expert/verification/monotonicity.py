"""What makes a profile better, and what must never get worse for a better profile.

A profile with a higher score, more US clinical experience, another US letter or Step 3
passed, all else equal, must never get a riskier outlook, a larger application count, or a
preliminary-year backup it did not need before. The property tests check this on generated
profiles (``IMPROVEMENTS``), the sweep on neighbouring profiles of its grid (``worsening``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["IMPROVEMENTS", "OUTLOOK_RISK", "Assessment", "Improvement", "add_us_letter", "add_usce",
           "pass_step3", "raise_step1", "raise_step2ck", "worsening"]

OUTLOOK_RISK = {"lower_risk": 0, "moderate_risk": 1, "high_risk": 2}
"""Outlooks from the least to the most risky."""


@attrs.frozen
class Assessment:
    """What must never get worse for a better profile: risk, list size, backup need."""

    risk: int
    min_programs: int
    max_programs: int
    backup: bool

    @classmethod
    def of(cls, answers: Mapping[str, Any]) -> Assessment:
        """From the values of the ``outlook``, ``apply_count`` and ``prelim_backup`` answers."""
        count = answers["apply_count"]
        return cls(OUTLOOK_RISK[answers["outlook"]], count["min"], count["max"],
                   answers["prelim_backup"]["recommended"])


def worsening(before: Assessment, after: Assessment) -> list[str]:
    """How ``after`` (the better profile's) is worse than ``before``, in words; [] if not."""
    found = []
    if after.risk > before.risk:
        found.append("a riskier outlook")
    if after.min_programs > before.min_programs or after.max_programs > before.max_programs:
        found.append(f"more programs ({after.min_programs}–{after.max_programs} instead of "
                     f"{before.min_programs}–{before.max_programs})")
    if after.backup and not before.backup:
        found.append("a prelim backup not needed before")
    return found


Improvement = Callable[[dict, int], dict]
"""A better profile from a profile dict and a size of improvement; the input is left as it is."""


def raise_step2ck(data: dict, gain: int) -> dict:
    better = copy.deepcopy(data)
    if "score" in better["step2ck"]:
        better["step2ck"]["score"] = min(300, better["step2ck"]["score"] + gain)
    return better


def raise_step1(data: dict, gain: int) -> dict:
    better = copy.deepcopy(data)
    if isinstance(better["step1"]["result"], int):
        better["step1"]["result"] = min(300, better["step1"]["result"] + gain)
    return better


def add_usce(data: dict, gain: int) -> dict:
    """One more block of hands-on experience in the target specialty (1 to 3 months)."""
    better = copy.deepcopy(data)
    better.setdefault("usce", []).append(
        {"specialty": better["specialty"], "type": "sub_internship", "months": 1 + gain % 3})
    return better


def add_us_letter(data: dict, _gain: int = 0) -> dict:
    better = copy.deepcopy(data)
    better.setdefault("letters", []).append({"specialty": better["specialty"], "us": True})
    return better


def pass_step3(data: dict, _gain: int = 0) -> dict:
    better = copy.deepcopy(data)
    if better.get("step3", {}).get("status", "not_taken") == "not_taken":
        better["step3"] = {"status": "passed"}
    return better


IMPROVEMENTS: tuple[Improvement, ...] = (raise_step2ck, raise_step1, add_usce, add_us_letter,
                                         pass_step3)
