"""Triage time for generated program lists of growing length (issue 5: 1,000 programs in under
a second, cost about linear in the number of programs).

Run: ``python benchmarks/triage.py``. It prints, for each
size, the best of three runs of the triage alone (the profile's consultation is done once,
outside the timing), the time per program, and the memory the review holds per program.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from expert.consultation import consult  # noqa: E402
from expert.conversion import profile_from_dict  # noqa: E402
from expert.demo import example_profile  # noqa: E402
from expert.engine import default_pool  # noqa: E402
from expert.programs import review_programs  # noqa: E402
from knowledge_base.programs import (  # noqa: E402
    PROGRAM_TYPES, SPONSORSHIPS, US_STATES, Program,
)

SIZES = (100, 1_000, 5_000)
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


def time_triage(programs: Sequence[Program], repeat: int = 3) -> float:
    profile = profile_from_dict(example_profile("state_univ_sample"))
    outcome = consult(profile, default_pool())
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        review_programs(profile, outcome, programs, lambda: None)
        best = min(best, time.perf_counter() - start)
    return best


def memory_per_program(programs: Sequence[Program]) -> float:
    profile = profile_from_dict(example_profile("state_univ_sample"))
    outcome = consult(profile, default_pool())
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    review = review_programs(profile, outcome, programs, lambda: None)
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del review
    return held / len(programs)


def main() -> None:
    time_triage(generated_programs(50))  # warm up: rules compiled, caches filled
    print(f"{'programs':>9} {'seconds':>9} {'ms/program':>11} {'KiB/program':>12}")
    for size in SIZES:
        programs = generated_programs(size)
        seconds = time_triage(programs)
        kib = memory_per_program(programs) / 1024
        print(f"{size:>9} {seconds:>9.3f} {1000 * seconds / size:>11.3f} {kib:>12.1f}")


if __name__ == "__main__":
    main()
