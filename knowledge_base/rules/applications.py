"""How many programs to apply to (kind ``apply_count``).

The value is ``{"min": int, "max": int, "parts": [...]}``. Each part is a track with its own
``min``/``max`` (``scope: "count"``), or a track the documents size without a number:
``scope: "all_realistic"`` (every program of that track that considers IMGs and sponsors the
visa needed) or ``scope: "a_few"`` (a handful); ``min``/``max`` at the top sum the counted
parts. The rules are one decision table (``TABLE``, priority hit policy).
"""

from __future__ import annotations

from typing import Any

from knowledge_base.conditions import one_of
from knowledge_base.decision_table import GIVEN, DecisionTable, Row, bound, input_column
from knowledge_base.facts import recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.scores import SCORE_RISK, STEP2CK_BAND
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS, CountRange

__all__ = ["RULES", "TABLE"]

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
PREFERRED_CORE = tuple(s for s in THRESHOLDS.group("core")
                       if s not in THRESHOLDS.group("img_anchor"))
"""safety_nets' Scenario B: a preferred core field that is not itself an IMG anchor."""


SCENARIO_B = (
    *cite("safety_nets", "Scenario B: You strongly prefer a field like Psych, Neuro, Peds"),
    *STATE_VOLUME,
)
MOSTLY_IM_FM_TITLE = ("Step 2 CK under 225 in psychiatry, neurology, pediatrics or pathology: "
                      "most of the list IM/FM, a few of the preferred field")
MOSTLY_IM_FM = apply_count(
    [counted("internal_medicine_or_family_medicine", core), uncounted("{specialty}", "a_few")],
    f"Apply to {core.min}–{core.max} IMG-heavy internal medicine and family medicine programs "
    "as your safety net, plus a handful of {specialty} programs.",
)
TRACK_NAMES = {"internal_medicine_or_family_medicine": "IM/FM",
               "psychiatry_or_internal_medicine": "psychiatry/IM",
               "internal_medicine_or_pediatrics": "IM/Peds", "{specialty}": "the field"}


def _said(value: dict[str, Any]) -> str:
    """``IM/FM 80–120 + a few of the field``."""
    def part(p: dict[str, Any]) -> str:
        track = TRACK_NAMES.get(p["track"], p["track"])
        if p["scope"] == "count":
            return f"{track} {p['min']}–{p['max']}"
        return f"{'a few of' if p['scope'] == 'a_few' else 'every realistic'} {track}"
    return " + ".join(map(part, value["parts"]))


TABLE = DecisionTable(
    kind="apply_count",
    columns=(
        input_column("specialty"),
        SCORE_RISK, STEP2CK_BAND,
        input_column("step2ck.status"),
    ),
    describe=_said,
    rows=(
        Row("applications.default_range",
            "Apply to 60–120 programs, by competitiveness and budget", "consider", STATE_VOLUME,
            {"specialty": bound(GIVEN, "specialty")},
            apply_count([counted("{specialty}", default)],
                        f"Apply to {default.min}–{default.max} carefully chosen, IMG-friendly "
                        "programs; targeting matters more than the raw number."),
            priority=0),
        Row("applications.core_specialty_low_scores",
            "Low scores in a core specialty: the upper part of the range", "should",
            (*STATE_VOLUME, *cite("state_univ", "Putting It All Together: A Sample Strategic "
                                                "Path")),
            {"specialty": bound(one_of(*THRESHOLDS.group("core")), "specialty"),
             "score risk": "high"},
            apply_count([counted("{specialty}", core)],
                        f"Apply to {core.min}–{core.max} programs, budget permitting: "
                        "IMG-friendly university programs in less competitive regions and "
                        "affiliated community programs."),
            priority=20),
        Row("applications.pmr_broad_list", "PM&R: at least 60–80 programs", "should",
            (*cite("pmr", "3. How many PM&R programs should I apply to as a foreign IMG with "
                          "low scores?"),
             *cite("pmr", "Applying Broadly and Intelligently")),
            {"specialty": "pmr"},
            apply_count([counted("pmr", pmr)],
                        f"Apply to at least {pmr.min}–{pmr.max} PM&R programs: IMG-friendly, "
                        "sponsoring the visa you need if you need one, across many regions "
                        "including less competitive ones."),
            priority=30),
        Row("applications.med_psych_with_categorical",
            "Med-Psych: every realistic combined program plus 40–80 categorical", "should",
            (*cite("med_psych", "Step 3: Optimizing Program List with Low Scores"),
             *cite("med_psych", "Step 2: Consider Parallel or Stepping‑Stone Pathways")),
            {"specialty": "med_psych"},
            _combined_with_categorical(
                "med_psych", "psychiatry_or_internal_medicine",
                f"Apply to every Med-Psych program that is even remotely realistic, plus "
                f"{cat.min}–{cat.max} categorical psychiatry and/or IM programs."),
            priority=30),
        Row("applications.med_peds_dual",
            "Med-Peds: almost every IMG-open program plus a categorical IM/Peds list", "should",
            (*cite("med_peds", "2. Apply Broadly and Intelligently"),
             *cite("med_psych", "Step 3: Optimizing Program List with Low Scores")),
            {"specialty": "med_peds"},
            _combined_with_categorical(
                "med_peds", "internal_medicine_or_pediatrics",
                f"Apply to almost every Med-Peds program that considers IMGs and sponsors visas, "
                f"plus {cat.min}–{cat.max} categorical IM and/or Pediatrics programs."),
            priority=30),
        Row("applications.preferred_field_mostly_im_fm", MOSTLY_IM_FM_TITLE, "should",
            SCENARIO_B,
            {"specialty": bound(one_of(*PREFERRED_CORE), "specialty"),
             "Step 2 CK band": one_of("very_low", "low")},
            MOSTLY_IM_FM, priority=25),
        Row("applications.preferred_field_mostly_im_fm_failed", MOSTLY_IM_FM_TITLE, "should",
            SCENARIO_B,
            {"specialty": bound(one_of(*PREFERRED_CORE), "specialty"),
             "step2ck.status": "failed"},
            MOSTLY_IM_FM, priority=25),
        Row("applications.off_table_redirect",
            "A specialty off the table at these scores: redirect the fees to IM/FM", "should",
            (*cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually "
                                  "Take You Seriously"),
             *cite("state_univ", "3. Specialty-Specific Flexibility")),
            {"specialty": bound(one_of(*THRESHOLDS.group("off_table")), "specialty"),
             "score risk": GIVEN},
            apply_count([counted("internal_medicine_or_family_medicine", core)],
                        f"Do not spend application fees on {{specialty}} with these scores; "
                        f"apply to {core.min}–{core.max} IMG-heavy internal medicine and family "
                        "medicine programs."),
            priority=40),
    ),
)

RULES: tuple[Rule, ...] = TABLE.rules()
