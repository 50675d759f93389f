"""Strengths that offset a score risk (``Offset`` findings): a later exam that shows recovery.

The documents say a weak Step 1 is read beside what came after it. A Step 2 CK clearly above
the Step 1 score and at least average on the specialty's scale shows the upward trend that
`state_univ` (outscore Step 1 by 10–15 points), `med_peds` (improvement from Step 1 to Step 2
CK) and `pmr` FAQ 1 (a low Step 1 with a strongly improved Step 2 CK) ask for; a strong Step 2
CK is how `med_psych` and `state_univ` say a Step 1 failure is overcome (260+ on the Med-Psych
scale "compensates for many weaknesses").

An offset grades its risk factor moderate instead of high (``knowledge_base.rules.scores``); it
never removes the risk, since `med_psych` FAQ 2 says strengths cannot completely erase a
numeric red flag, and the advice on explaining the score still applies. An offset needs a Step
2 CK passed at the first attempt: a Step 2 CK failure is a red flag of its own.
"""

from __future__ import annotations

from knowledge_base.conditions import at_least, fact, given, one_of
from knowledge_base.facts import Offset, ScoreBand
from knowledge_base.rule import Rule
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["OFFSET_RISKS", "RULES"]

RECOVERY_GAIN = THRESHOLDS.exams.step2ck_gain_over_step1.min
"""The gain over Step 1 that shows recovery: the low end of the documents' 10–15 points."""
STRONG_STEP2CK = next(band.low for band in THRESHOLDS.default_scale("step2ck").bands
                      if band.name == "strong")
"""`state_univ`'s "strong for most IMGs" (240+), for scales that have no strong band."""
WITHOUT_STRONG_BAND = tuple(
    specialty for scale in THRESHOLDS.scales_for("step2ck")
    if not scale.default and all(band.name != "strong" for band in scale.bands)
    for specialty in scale.specialties)
"""Specialties whose Step 2 CK scale stops below "strong" (PM&R, Med-Peds)."""
OFFSET_RISKS = ("step1_low", "step1_failure")
"""The risk factors a strength can offset."""

PASSED_FIRST_TIME = given("step2ck.attempts", 1)
RECOVERY_SOURCES = (
    *cite("pmr", "1. Can a non-US citizen IMG match into PM&R with a low Step 1 score?",
          "Step 2: Optimize Everything You Still Control"),
    *cite("state_univ", "1. Maximize Step 2 CK (and Step 3 if feasible)"),
    *cite("med_peds", "3. Build a Coherent Personal Story"),
)
FAILURE_SOURCES = (
    *cite("med_psych", "What Counts as “Low” for Med‑Psych?",
          "If You Have a Low Step 1 Score or Failure"),
    *cite("state_univ", "What Counts as a Low Step Score?"),
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="offset.step1_low.step2ck_recovery",
        title=f"A low Step 1 followed by a Step 2 CK at least {RECOVERY_GAIN} points higher and "
              "average or better on its scale: the upward trend programs look for",
        strength="info",
        sources=RECOVERY_SOURCES,
        premises=(fact(ScoreBand, exam="step1", band="low"),
                  given("step2ck.gain_over_step1", at_least(RECOVERY_GAIN)),
                  fact(ScoreBand, exam="step2ck", band=one_of("average", "strong")),
                  PASSED_FIRST_TIME),
        conclusions=(Offset("step1_low", "step2ck_recovery"),),
    ),
    Rule(
        id="offset.step1_failure.strong_step2ck",
        title="A Step 1 passed after a failure, then a strong Step 2 CK: the failure can be "
              "overcome",
        strength="info",
        sources=FAILURE_SOURCES,
        premises=(given("step1.result", "pass"), given("step1.attempts", at_least(2)),
                  fact(ScoreBand, exam="step2ck", band="strong"), PASSED_FIRST_TIME),
        conclusions=(Offset("step1_failure", "strong_step2ck"),),
    ),
    Rule(
        id="offset.step1_failure.strong_step2ck.general_scale",
        title=f"PM&R and Med-Peds scales name no strong band: a Step 2 CK of {STRONG_STEP2CK} "
              "or more, strong on the general scale, overcomes a passed Step 1 failure",
        strength="info",
        sources=FAILURE_SOURCES,
        premises=(given("specialty", one_of(*WITHOUT_STRONG_BAND)),
                  given("step1.result", "pass"), given("step1.attempts", at_least(2)),
                  given("step2ck.score", at_least(STRONG_STEP2CK)), PASSED_FIRST_TIME),
        conclusions=(Offset("step1_failure", "strong_step2ck"),),
    ),
)
