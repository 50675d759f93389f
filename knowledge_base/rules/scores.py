"""Score interpretation: each numeric result banded on its specialty's scale, and the risk
factors that bands, failures and missing US experience imply."""

from __future__ import annotations

import attrs

from knowledge_base.conditions import (
    absent,
    at_least,
    below,
    equals,
    fact,
    given,
    none_of,
    one_of,
    within,
)
from knowledge_base.decision_table import finding_column
from knowledge_base.facts import Offset, RiskFactor, ScoreBand, recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.offsets import OFFSET_RISKS
from knowledge_base.sources import cite
from knowledge_base.thresholds import SCORE_MAX, SCORE_MIN, THRESHOLDS, Scale, Thresholds

__all__ = ["FLOOR", "RULES", "SCORE_OFFSET", "SCORE_RISK", "STEP1_RISK", "STEP2CK_BAND",
           "STEP2CK_RISK", "UNDER_220"]

EXAM_NAMES = {"step1": "Step 1", "step2ck": "Step 2 CK", "step3": "Step 3"}
LOW_BANDS = ("very_low", "low")

# The findings these rules conclude, as columns of the decision tables that read them.
SCORE_RISK = finding_column("score risk", RiskFactor, "severity", ("moderate", "high"),
                            area="scores")
SCORE_OFFSET = finding_column("score offset", Offset, "risk", OFFSET_RISKS)
STEP1_RISK = finding_column("Step 1 risk", RiskFactor, "name", ("step1_low", "step1_failure"))
STEP2CK_RISK = finding_column("Step 2 CK risk", RiskFactor, "name",
                              ("step2ck_low", "step2ck_borderline"))
STEP2CK_BAND = finding_column("Step 2 CK band", ScoreBand, "band", tuple(dict.fromkeys(
    band.name for scale in THRESHOLDS.scales_for("step2ck") for band in scale.bands)),
    exam="step2ck")


def _specialty_premise(scale: Scale, thresholds: Thresholds):
    if not scale.default:
        return given("specialty", one_of(*scale.specialties))
    listed = [sp for other in thresholds.scales_for(scale.exam) for sp in other.specialties]
    return given("specialty", none_of(*listed)) if listed else given("specialty")


def _score_span(low: int, high: int) -> str:
    if low == SCORE_MIN:
        return f"below {high}"
    if high > SCORE_MAX:
        return f"{low} or more"
    return f"{low}–{high - 1}"


def band_rules(thresholds: Thresholds = THRESHOLDS) -> tuple[Rule, ...]:
    """One rule per band of every scale: the score range and the specialties the scale fits."""
    rules = []
    for scale in thresholds.scales:
        exam = EXAM_NAMES[scale.exam]
        for band in scale.bands:
            value = {"exam": scale.exam, "band": band.name, "scale": scale.id}
            rules.append(Rule(
                id=f"scores.{scale.exam}_band.{scale.id}.{band.name}",
                title=f"{exam} {_score_span(band.low, band.high)} is {band.name.replace('_', ' ')} "
                      f"on the {scale.title}",
                strength="info",
                sources=scale.sources,
                premises=(
                    given(f"{scale.exam}.score", within(band.low, band.high), bind="score"),
                    _specialty_premise(scale, thresholds),
                ),
                conclusions=(
                    ScoreBand(scale.exam, band.name, scale.id),
                    recommend(
                        "score_band", value,
                        f"{exam} {{score}} is {band.name.replace('_', ' ')} on the {scale.title}.",
                    ),
                ),
            ))
    return tuple(rules)


RISK_SOURCES = (
    *cite("med_peds", "2. Identify Score-Related Risk Factors"),
    *cite("state_univ", "What Counts as a Low Step Score?"),
)


def graded(rule_id: str, title: str, sources, premises: tuple, risk: str, *,
           can_offset: bool = True) -> tuple[Rule, ...]:
    """A high score risk factor, and, for one that a strength can offset
    (``knowledge_base.rules.offsets``), the same factor graded moderate where the offset is."""
    high = Rule(id=rule_id, title=title, strength="info", sources=sources,
                premises=premises, conclusions=(RiskFactor(risk, "high", "scores"),))
    if not can_offset or risk not in OFFSET_RISKS:
        return (high,)
    offset = fact(Offset, risk=risk)
    return (
        attrs.evolve(high, premises=(*premises, absent(offset))),
        Rule(id=f"{rule_id}.offset", title=f"{title}; offset by a later strength, it is moderate",
             strength="info", sources=sources, premises=(*premises, offset),
             conclusions=(RiskFactor(risk, "moderate", "scores"),)),
    )


def _band_risk_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for exam, name in EXAM_NAMES.items():
        rules += graded(f"risk.{exam}_low", f"A low {name} score is a screening risk",
                        RISK_SOURCES, (fact(ScoreBand, exam=exam, band=one_of(*LOW_BANDS)),),
                        f"{exam}_low")
        rules.append(Rule(
            id=f"risk.{exam}_borderline",
            title=f"A borderline {name} score passes some filters and not others",
            strength="info",
            sources=RISK_SOURCES,
            premises=(fact(ScoreBand, exam=exam, band="borderline"),),
            conclusions=(RiskFactor(f"{exam}_borderline", "moderate", "scores"),),
        ))
    return tuple(rules)


def _failure_rules() -> tuple[Rule, ...]:
    failures = (
        ("step1", "step1.result", equals("fail"), "a failed Step 1"),
        ("step1", "step1.attempts", at_least(2), "more than one Step 1 attempt"),
        ("step2ck", "step2ck.status", equals("failed"), "a failed Step 2 CK"),
        ("step2ck", "step2ck.attempts", at_least(2), "more than one Step 2 CK attempt"),
    )
    sources = (
        *cite("state_univ", "What Counts as a Low Step Score?"),
        *cite("med_peds", "2. Identify Score-Related Risk Factors"),
    )
    return tuple(
        rule
        for exam, path, test, what in failures
        for rule in graded(f"risk.{path.replace('.', '_')}_failure",
                           f"{what.capitalize()} is a red flag that many programs screen on",
                           sources, (given(path, test),), f"{exam}_failure",
                           # a result not yet passed has nothing after it to offset it
                           can_offset=path.endswith("attempts"))
    )


NO_USCE = Rule(
    id="risk.no_usce",
    title="No US clinical experience makes low scores weigh more",
    strength="info",
    sources=(
        *cite("med_peds", "2. Identify Score-Related Risk Factors"),
        *cite("pmr", "When Low Scores Hurt the Most"),
    ),
    premises=(given("usce.months", equals(0)),),
    conclusions=(RiskFactor("no_usce", "moderate", "experience"),),
)


def _red_flag_rules() -> tuple[Rule, ...]:
    handling = {
        "step1": ("If You Have a Low Step 1 Score or Failure",
                  "A Step 1 failure is a red flag many programs screen on; it can be overcome "
                  "with a strong Step 2 CK, a brief honest account of what changed, and steady "
                  "clinical performance since."),
        "step2ck": ("If You Have a Low Step 2 CK Score or Failure",
                    "A Step 2 CK failure weighs more, as Step 2 CK is now the main filter: say "
                    "plainly what went wrong and what you changed, and let later exams, "
                    "clinical evaluations and supervisors' words carry the evidence."),
    }
    return tuple(
        Rule(
            id=f"risk.{exam}_failure_red_flag",
            title=f"A {EXAM_NAMES[exam]} failure is a red flag to mitigate, not hide",
            strength="should",
            sources=(
                *cite("state_univ", "What Counts as a Low Step Score?",
                      "2. Address Failures or Very Low Scores Directly"),
                *cite("med_psych", section),
            ),
            premises=(fact(RiskFactor, name=f"{exam}_failure"),),
            conclusions=(recommend("red_flag", {"flag": f"{exam}_failure",
                                                "action": "mitigate_with_evidence_of_recovery"},
                                   summary),),
        )
        for exam, (section, summary) in handling.items()
    )


FLOOR = "step2ck_very_low"
"""The risk factor of a Step 2 CK under the floor of its specialty's scale: `safety_nets`' own
under-220 case on the general scale (and Med-Psych's, whose very-low band ends at 220 too), and
`pmr`'s "below 210" on the PM&R scale. Med-Peds' scale has no floor band: the general 220
applies."""
UNDER_220 = cite("safety_nets", "1. My Step 2 is under 220 as an IMG. Should I still apply this "
                                "cycle or wait?")


def _floor_rules() -> tuple[Rule, ...]:
    floor = RiskFactor(FLOOR, "high", "scores")
    general_low = next(band.low for band in THRESHOLDS.default_scale("step2ck").bands
                       if band.name == "low")
    return (
        Rule("risk.step2ck_very_low", "Step 2 CK in the scale's very-low band: under its floor",
             "info", UNDER_220, (fact(ScoreBand, exam="step2ck", band="very_low"),), (floor,)),
        Rule("risk.step2ck_very_low.pmr", "PM&R: Step 2 CK in the low band (below 210)",
             "info", cite("pmr", "What Is “Low” in the PM&R Context?"),
             (fact(ScoreBand, exam="step2ck", scale="pmr", band="low"),), (floor,)),
        Rule("risk.step2ck_very_low.med_peds",
             f"Med-Peds: Step 2 CK under the general scale's {general_low}", "info", UNDER_220,
             (fact(ScoreBand, exam="step2ck", scale="med_peds", band="low"),
              given("step2ck.score", below(general_low))), (floor,)),
    )


RULES: tuple[Rule, ...] = (
    *band_rules(), *_band_risk_rules(), *_floor_rules(), *_failure_rules(), *_red_flag_rules(),
    NO_USCE,
)
