"""The built-in example profiles, each taken from a worked example in the guidance documents,
and two invented program lists to judge (no real program's name or figures)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from expert.inputs.program_lists import parse_programs
from knowledge_base.programs import Program

__all__ = ["EXAMPLES", "PROGRAM_EXAMPLES", "example_profile", "example_profiles",
           "example_programs"]

EXAMPLES: dict[str, str] = {
    "state_univ_sample": "the state-university guide's sample profile: IM, Step 1 209, "
                         "Step 2 CK 224, no Step 3, little USCE",
    "med_psych_timeline": "the Med-Psych sample timeline: Step 1 passed after one failure, "
                          "Step 2 CK 225, no USCE",
    "safety_nets_ranking": "the safety-nets rank-list example: IM, Step 2 CK 227, nine "
                           "interviews, ranking",
    "pmr_both_low": "PM&R with both Step 1 and Step 2 CK low and an H-1B to find",
    "med_peds_pending": "Med-Peds with Step 2 CK still pending and low practice scores",
}
"""Example name -> what it shows. Each has a file ``<name>.json`` beside this module."""


def example_profile(name: str) -> dict[str, Any]:
    if name not in EXAMPLES:
        raise KeyError(f"no example {name!r}; the examples are {', '.join(EXAMPLES)}")
    path = resources.files(__name__).joinpath(f"{name}.json")
    return json.loads(path.read_text("utf-8"))


def example_profiles() -> dict[str, dict[str, Any]]:
    return {name: example_profile(name) for name in EXAMPLES}


PROGRAM_EXAMPLES: dict[str, tuple[str, str]] = {
    "programs_example": ("state_univ_sample",
                         "an application list still being built: every verdict, and the "
                         "list checks of a balanced but short list"),
    "rank_list_example": ("safety_nets_ranking",
                          "a rank list that aims too high: every red-flag check"),
}
"""Program list name -> (the example profile it is judged for, what it shows). Each has a file
``<name>.csv`` beside this module; every program in it is invented and labelled "(fictional)"."""


def example_programs(name: str) -> tuple[Program, ...]:
    if name not in PROGRAM_EXAMPLES:
        raise KeyError(f"no example list {name!r}; the lists are {', '.join(PROGRAM_EXAMPLES)}")
    path = resources.files(__name__).joinpath(f"{name}.csv")
    return parse_programs(path.read_text("utf-8"), "csv")
