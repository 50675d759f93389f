"""Synthetic program lists: invented programs with a spread of every column, some values
unknown, drawn from a seeded generator so every run triages the same lists."""

from __future__ import annotations

import random

from knowledge_base.programs import PROGRAM_TYPES, SPONSORSHIPS, US_STATES, Program

DESCRIPTIONS = ("", "We welcome applications from international graduates.",
                "Preference given to US graduates.", "Highly competitive applicants.")


def generated_programs(count: int, seed: int = 5) -> tuple[Program, ...]:
    """Invented programs with a spread of every column, some values unknown."""
    rng = random.Random(seed)

    def maybe(value):
        return value if rng.random() > 0.15 else None

    return tuple(
        Program(
            name=f"Generated Program {i} (fictional)",
            state=maybe(rng.choice(US_STATES)), city=maybe(f"Town {rng.randrange(50)}"),
            type=maybe(rng.choice(PROGRAM_TYPES)), specialty="internal_medicine",
            img_percent=maybe(rng.randrange(0, 95)), visa=maybe(rng.choice(SPONSORSHIPS)),
            step2ck_min=maybe(rng.randrange(200, 240)) if rng.random() < 0.3 else None,
            step2ck_average=maybe(rng.randrange(215, 255)),
            region_imgs=maybe(rng.randrange(0, 6)), description=rng.choice(DESCRIPTIONS),
            rank=i + 1 if i < 40 else None,
        )
        for i in range(count)
    )
