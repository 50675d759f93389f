"""The built-in example profiles, each taken from a worked example in the guidance documents,
and two invented program lists to judge (no real program's name or figures); and each example
as a file to start one's own profile from (``example_text``, ``img-advisor example NAME``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from expert.inputs.profiles import SCHEMA_KEY, close_names, did_you_mean
from expert.inputs.program_lists import parse_programs
from expert.inputs.schema import SCHEMA_LINK
from expert.inputs.text import toml_text
from knowledge_base.programs import Program

__all__ = ["EXAMPLES", "PROGRAM_EXAMPLES", "example_profile", "example_profiles",
           "example_programs", "example_text"]

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


def _no_such(what: str, name: str, names: dict[str, Any]) -> KeyError:
    hint = did_you_mean(close_names(name, list(names)))
    return KeyError(f"no {what} {name!r}; {hint + ' The' if hint else 'the'} "
                    f"{what}s are {', '.join(names)}")


def example_profile(name: str) -> dict[str, Any]:
    if name not in EXAMPLES:
        raise _no_such("example", name, EXAMPLES)
    path = resources.files(__name__).joinpath(f"{name}.json")
    return json.loads(path.read_text("utf-8"))


def example_profiles() -> dict[str, dict[str, Any]]:
    return {name: example_profile(name) for name in EXAMPLES}


def example_text(name: str, fmt: str = "json") -> str:
    """The example as a profile file to start from, naming the profile's JSON Schema for
    editors: in JSON as ``"$schema"``, in TOML in the ``#:schema`` comment that TOML editors
    read (Taplo, Even Better TOML). It reads back to the same profile as the shipped file.

    >>> print(example_text("med_peds_pending", "toml"), end="")
    #:schema ./img-advisor-profile.schema.json
    # img-advisor example med_peds_pending: Med-Peds with Step 2 CK still pending and low ...
    # Change it to describe yourself; the fields are in docs/profile.md.
    citizenship = "non_us"
    specialty = "med_peds"
    step1 = { result = "pass" }
    step2ck = { status = "pending", practice_score = 218 }
    graduation_year = 2019
    phase = "preparing"
    months_until_eras = 9
    season = 2027
    """
    data = example_profile(name)
    if fmt == "json":
        return json.dumps({SCHEMA_KEY: SCHEMA_LINK, **data}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        return toml_text(data, f"#:schema {SCHEMA_LINK}\n"
                               f"# img-advisor example {name}: {EXAMPLES[name]}\n"
                               "# Change it to describe yourself; the fields are in "
                               "docs/profile.md.")
    raise ValueError(f"unknown profile format {fmt!r}; allowed: json, toml")


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
        raise _no_such("example list", name, PROGRAM_EXAMPLES)
    path = resources.files(__name__).joinpath(f"{name}.csv")
    return parse_programs(path.read_text("utf-8"), "csv")
