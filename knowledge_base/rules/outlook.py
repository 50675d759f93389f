"""The overall outlook (kind ``outlook``): the most severe risk factor found decides it."""

from __future__ import annotations

from knowledge_base.conditions import fact, given
from knowledge_base.facts import RiskFactor, recommend
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

INCOMPATIBLE = ()
