"""How many programs to apply to (kind ``apply_count``).

The value is ``{"min": int, "max": int, "parts": [...]}``. Each part is a track with its own
``min``/``max`` (``scope: "count"``), or a track the documents size without a number:
``scope: "all_realistic"`` (every program of that track that considers IMGs and sponsors the
visa needed) or ``scope: "a_few"`` (a handful); ``min``/``max`` at the top sum the counted parts.
"""

from __future__ import annotations

from knowledge_base.conditions import fact, given, one_of
from knowledge_base.facts import RiskFactor, ScoreBand, recommend
from knowledge_base.rule import Rule
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS, CountRange

RANGES = THRESHOLDS.applications
STATE_VOLUME = (
    *cite("state_univ", "4. Application Volume and Distribution"),
    *cite("state_univ", "4. How many programs should I apply to as a non-US citizen IMG with "
                        "below average board scores?"),
)


def counted(track: str, span: CountRange) -> dict:
    return {"track": track, "scope": "count", "min": span.min, "max": span.max}


def uncounted(track: str, scope: str) -> dict:
    return {"track": track, "scope": scope, "min": None, "max": None}


def all_realistic(track: str) -> dict:
    return uncounted(track, "all_realistic")


def apply_count(parts: list[dict], summary: str):
    numbered = [p for p in parts if p["scope"] == "count"]
    value = {
        "min": sum(p["min"] for p in numbered),
        "max": sum(p["max"] for p in numbered),
        "parts": parts,
    }
    return recommend("apply_count", value, summary)


def _combined_with_categorical(combined: str, categorical: str, summary: str):
    return apply_count(
        [all_realistic(combined), counted(categorical, RANGES["combined_categorical"])], summary
    )


default, core, pmr, cat = (RANGES[k] for k in ("default", "core_high_risk", "pmr",
                                                "combined_categorical"))
PREFERRED_CORE = tuple(s for s in THRESHOLDS.group("core") if s not in THRESHOLDS.group("img_anchor"))
"""safety_nets' Scenario B: a preferred core field that is not itself an IMG anchor."""


def _mostly_im_fm(suffix: str, trigger) -> Rule:
    return Rule(
        id=f"applications.preferred_field_mostly_im_fm{suffix}",
        title="Step 2 CK under 225 in psychiatry, neurology, pediatrics or pathology: most of "
              "the list IM/FM, a few of the preferred field",
        strength="should",
        sources=(
            *cite("safety_nets", "Scenario B: You strongly prefer a field like Psych, Neuro, "
                                 "Peds"),
            *STATE_VOLUME,
        ),
        premises=(given("specialty", one_of(*PREFERRED_CORE), bind="specialty"), trigger),
        conclusions=(apply_count(
            [counted("internal_medicine_or_family_medicine", core), uncounted("{specialty}", "a_few")],
            f"Apply to {core.min}–{core.max} IMG-heavy internal medicine and family medicine "
            "programs as your safety net, plus a handful of {specialty} programs.",
        ),),
        specificity=25,
    )

RULES: tuple[Rule, ...] = (
    Rule(
        id="applications.default_range",
        title="Apply to 60–120 programs, by competitiveness and budget",
        strength="consider",
        sources=STATE_VOLUME,
        premises=(given("specialty", bind="specialty"),),
        conclusions=(apply_count(
            [counted("{specialty}", default)],
            f"Apply to {default.min}–{default.max} carefully chosen, IMG-friendly programs; "
            "targeting matters more than the raw number.",
        ),),
        specificity=0,
    ),
    Rule(
        id="applications.core_specialty_low_scores",
        title="Low scores in a core specialty: the upper part of the range",
        strength="should",
        sources=(*STATE_VOLUME, *cite("state_univ", "Putting It All Together: A Sample "
                                                    "Strategic Path")),
        premises=(
            given("specialty", one_of(*THRESHOLDS.group("core")), bind="specialty"),
            fact(RiskFactor, area="scores", severity="high"),
        ),
        conclusions=(apply_count(
            [counted("{specialty}", core)],
            f"Apply to {core.min}–{core.max} programs, budget permitting: IMG-friendly "
            "university programs in less competitive regions and affiliated community "
            "programs.",
        ),),
        specificity=20,
    ),
    Rule(
        id="applications.pmr_broad_list",
        title="PM&R: at least 60–80 programs",
        strength="should",
        sources=(
            *cite("pmr", "3. How many PM&R programs should I apply to as a foreign IMG with "
                         "low scores?"),
            *cite("pmr", "Applying Broadly and Intelligently"),
        ),
        premises=(given("specialty", "pmr"),),
        conclusions=(apply_count(
            [counted("pmr", pmr)],
            f"Apply to at least {pmr.min}–{pmr.max} PM&R programs: IMG-friendly, "
            "J-1-sponsoring, across many regions including less competitive ones.",
        ),),
        specificity=30,
    ),
    Rule(
        id="applications.med_psych_with_categorical",
        title="Med-Psych: every realistic combined program plus 40–80 categorical",
        strength="should",
        sources=(
            *cite("med_psych", "Step 3: Optimizing Program List with Low Scores"),
            *cite("med_psych", "Step 2: Consider Parallel or Stepping‑Stone Pathways"),
        ),
        premises=(given("specialty", "med_psych"),),
        conclusions=(_combined_with_categorical(
            "med_psych", "psychiatry_or_internal_medicine",
            f"Apply to every Med-Psych program that is even remotely realistic, plus "
            f"{cat.min}–{cat.max} categorical psychiatry and/or IM programs.",
        ),),
        specificity=30,
    ),
    Rule(
        id="applications.med_peds_dual",
        title="Med-Peds: almost every IMG-open program plus a categorical IM/Peds list",
        strength="should",
        sources=(
            *cite("med_peds", "2. Apply Broadly and Intelligently"),
            *cite("med_psych", "Step 3: Optimizing Program List with Low Scores"),
        ),
        premises=(given("specialty", "med_peds"),),
        conclusions=(_combined_with_categorical(
            "med_peds", "internal_medicine_or_pediatrics",
            f"Apply to almost every Med-Peds program that considers IMGs and sponsors visas, "
            f"plus {cat.min}–{cat.max} categorical IM and/or Pediatrics programs.",
        ),),
        specificity=30,
    ),
    _mostly_im_fm("", fact(ScoreBand, exam="step2ck", band=one_of("very_low", "low"))),
    _mostly_im_fm("_failed", given("step2ck.status", "failed")),
    Rule(
        id="applications.off_table_redirect",
        title="A specialty off the table at these scores: redirect the fees to IM/FM",
        strength="should",
        sources=(
            *cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take "
                                 "You Seriously"),
            *cite("state_univ", "3. Specialty-Specific Flexibility"),
        ),
        premises=(
            given("specialty", one_of(*THRESHOLDS.group("off_table")), bind="specialty"),
            fact(RiskFactor, area="scores"),
        ),
        conclusions=(apply_count(
            [counted("internal_medicine_or_family_medicine", core)],
            f"Do not spend application fees on {{specialty}} with these scores; apply to "
            f"{core.min}–{core.max} IMG-heavy internal medicine and family medicine programs.",
        ),),
        specificity=40,
    ),
)
