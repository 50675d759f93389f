"""A small program that embeds the advisor, checked by ``mypy --strict`` in CI: what an
embedding developer writes should type-check with no ``Any`` leaking into it."""

from __future__ import annotations

from expert import Advice, ProfileError, advise
from expert.types import ApplyCount, HeadlineAnswers, Kind, Strength


def applications(advice: Advice) -> tuple[int, int]:
    count: ApplyCount = advice.answers()["apply_count"]
    return count["min"], count["max"]


def strongest(advice: Advice) -> list[tuple[Kind, Strength]]:
    return [(r.kind, r.strength) for r in advice.recommendations if r.strength == "must"]


def main() -> int:
    try:
        advice = advise({"specialty": "pmr", "step1": {"result": "pass"},
                         "step2ck": {"score": 214}})
    except ProfileError as error:
        print("; ".join(str(problem) for problem in error.problems))
        return 2
    answers: HeadlineAnswers = advice.answers()
    low, high = applications(advice)
    print(f"{low}-{high} programs; Step 3: {answers['step3']}; {len(strongest(advice))} musts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
