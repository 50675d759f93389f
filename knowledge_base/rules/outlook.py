"""The overall outlook (kind ``outlook``): the most severe risk factor found decides it (a risk
that a later strength offsets counts as moderate, and the outlook says so); and
the scope of the guidance (kind ``scope``) for an applicant it was not written for."""

from __future__ import annotations

from knowledge_base.conditions import fact, given, one_of
from knowledge_base.facts import Offset, RiskFactor, recommend
from knowledge_base.rule import Rule
from knowledge_base.sources import cite

__all__ = ["INCOMPATIBLE", "RULES"]

SOURCES = (
    *cite("med_peds", "2. Identify Score-Related Risk Factors"),
    *cite("safety_nets", "1. Reality Check: What “Low Step” Means For An IMG"),
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="outlook.high_risk",
        title="A high-severity risk factor makes the match high-risk",
        strength="info",
        sources=SOURCES,
        premises=(fact(RiskFactor, severity="high"),),
        conclusions=(recommend("outlook", "high_risk", "High risk: programs' filters will "
                                                       "screen you out at many places; the "
                                                       "plan below is built around that."),),
        specificity=20,
    ),
    Rule(
        id="outlook.moderate_risk",
        title="Moderate risk factors only: a workable but uncertain match",
        strength="info",
        sources=SOURCES,
        premises=(fact(RiskFactor, severity="moderate"),),
        conclusions=(recommend("outlook", "moderate_risk", "Moderate risk: salvageable with a "
                                                           "smart, IMG-focused strategy."),),
        specificity=10,
    ),
    Rule(
        id="outlook.moderate_risk.offset",
        title="A weak score offset by a later strength, nothing worse: moderate risk",
        strength="info",
        sources=(*SOURCES, *cite("state_univ", "What Counts as a Low Step Score?"),
                 *cite("med_psych", "What Counts as “Low” for Med‑Psych?")),
        premises=(fact(RiskFactor, severity="moderate"), fact(Offset)),
        conclusions=(recommend("outlook", "moderate_risk", "Moderate risk: a later, stronger "
                                                           "exam offsets a weak score, so it "
                                                           "weighs as a moderate risk rather "
                                                           "than a high one; it still counts, "
                                                           "and the plan below treats it as a "
                                                           "risk."),),
        specificity=15,
    ),
    Rule(
        id="outlook.lower_risk",
        title="No risk factor found",
        strength="info",
        sources=SOURCES,
        premises=(given("specialty"),),
        conclusions=(recommend("outlook", "lower_risk", "No risk factor found in the profile; "
                                                        "aim realistically all the same."),),
        specificity=0,
    ),
)

SCOPE_RULES: tuple[Rule, ...] = (
    Rule(
        id="scope.no_visa_needed",
        title="A US citizen or permanent resident: guidance written for non-US citizen IMGs",
        strength="caution",
        sources=(*cite("state_univ", "How State University Programs Evaluate Non-US Citizen "
                                     "IMGs"),
                 *cite("safety_nets", "Step 4: ECFMG and visa patterns")),
        premises=(given("citizenship", one_of("us_citizen", "permanent_resident"),
                        bind="citizenship"),),
        conclusions=(recommend(
            "scope", {"action": "read_without_visa_advice", "citizenship": "{citizenship}"},
            "The guidance this advice comes from was written for IMGs who are not US citizens. "
            "You need no visa, so skip everything about visa sponsorship; the advice on scores, "
            "US clinical experience, letters and IMG-friendly programs still applies to an "
            "international graduate."),),
    ),
)

RULES += SCOPE_RULES

INCOMPATIBLE = ()
