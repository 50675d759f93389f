"""A synthetic cohort: the built-in example profiles, varied deterministically.

Scores, attempts, visas, phases, experience and letters are drawn from a seeded generator, so
every run of a benchmark advises the same profiles; they are valid and of the size real ones are.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

from expert.examples import example_profiles
from knowledge_base.profile import SPECIALTIES


def cohort(size: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``size`` valid profiles."""
    rng = random.Random(seed)
    examples = list(example_profiles().values())
    for number in range(size):
        data = copy.deepcopy(examples[number % len(examples)])
        data["specialty"] = rng.choice(SPECIALTIES)
        step2 = data.setdefault("step2ck", {})
        if step2.get("status", "taken") == "taken":
            step2["score"] = rng.randint(200, 250)
        data["visa"] = rng.choice(["j1", "h1b", "none"]) if data.get(
            "citizenship", "non_us") == "non_us" else "none"
        data["phase"] = rng.choice(["preparing", "applying", "interviewing", "ranking"])
        data["usce"] = [{"specialty": rng.choice(SPECIALTIES),
                         "type": rng.choice(["observership", "externship", "elective"]),
                         "months": rng.choice([1, 2, 3])} for _ in range(rng.randint(0, 3))]
        data["letters"] = [{"specialty": rng.choice(SPECIALTIES), "us": rng.random() < 0.6}
                           for _ in range(rng.randint(0, 4))]
        yield data


def cohort_jsonl(size: int, seed: int = 7) -> bytes:
    """The cohort as JSON Lines, the input of ``img-advisor batch``."""
    return b"".join(json.dumps(p).encode("utf-8") + b"\n" for p in cohort(size, seed))
