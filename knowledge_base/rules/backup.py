"""Whether to add preliminary or transitional-year applications (kind ``prelim_backup``).

The value is ``{"recommended": bool, "tracks": [...]}`` with tracks among ``prelim_im``,
``prelim_surgery`` and ``transitional_year``. The rules are one decision table (``TABLE``,
priority hit policy).
"""

from __future__ import annotations

from typing import Any

from knowledge_base.conditions import above, at_least, one_of
from knowledge_base.decision_table import GIVEN, DecisionTable, Row, input_column
from knowledge_base.facts import recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.groups import PREFERRED_CORE
from knowledge_base.rules.scores import SCORE_OFFSET, SCORE_RISK, STEP2CK_BAND
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["RULES", "TABLE"]

PRELIM_SECTION = cite("safety_nets",
                      "7. Using Prelim and Transitional Years As Deliberate Safety Nets")


def _backup(tracks: list[str], summary: str):
    return recommend("prelim_backup", {"recommended": bool(tracks), "tracks": tracks}, summary)


def _said(value: dict[str, Any]) -> str:
    return "yes: " + ", ".join(value["tracks"]) if value["recommended"] else "no"


SAFETY_NETS_SWEET_SPOT = (
    *cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take You "
                         "Seriously"),
    *cite("safety_nets", "Scenario A: You just want to be in US residency"),
)

GIVEN_MONTHS = above(0)
"""Some US clinical experience in the specialty."""
PMR_BACKUP = _backup(["prelim_im", "transitional_year"],
                     "Apply to preliminary IM or transitional-year positions at IMG-friendly "
                     "institutions alongside PM&R; use that year for US experience, PM&R "
                     "contacts, new letters and Step 3.")

TABLE = DecisionTable(
    kind="prelim_backup",
    columns=(
        input_column("phase"), input_column("specialty"),
        SCORE_RISK, STEP2CK_BAND, SCORE_OFFSET,
        input_column("usce.specialty_months"), input_column("letters.us_specialty_count"),
    ),
    describe=_said,
    rows=(
        Row("backup.unmatched_prelim_positions",
            "Unmatched: prelim or transitional positions keep you in US clinical work",
            "consider",
            (*cite("pmr", "If You Don’t Match in PM&R"),
             *cite("safety_nets", "9. A Practical 7-Day Action Plan To Fix Your Strategy")),
            {"phase": "unmatched"},
            _backup(["prelim_im", "transitional_year"],
                    "Look for preliminary IM or transitional-year positions (SOAP or still open) "
                    "that give US experience and new letters, then reapply."),
            priority=50),
        Row("backup.unmatched_med_psych_categorical_first",
            "Med-Psych unmatched: a categorical position rather than a prelim year", "caution",
            (*cite("med_psych", "If You Don’t Match"),
             *cite("med_psych", "Step 2: Consider Parallel or Stepping‑Stone Pathways")),
            {"phase": "unmatched", "specialty": "med_psych"},
            _backup([], "After going unmatched, look for categorical psychiatry or IM positions "
                        "(in SOAP, or in the next cycle) as the path toward a Med-Psych career; "
                        "a preliminary medicine year rarely leads into Med-Psych, carries more "
                        "risk, and is worth it only with a mentor's backing."),
            priority=55),
        Row("backup.pmr_prelim_or_ty",
            "PM&R with score concerns: add prelim IM or transitional-year applications",
            "consider", cite("pmr", "Considering a Transitional or Preliminary Year"),
            {"specialty": "pmr", "score risk": GIVEN}, PMR_BACKUP, priority=40),
        Row("backup.pmr_scores_offset",
            "PM&R with a weak score that a later exam offsets, PM&R experience and physiatrist "
            "letters: the backup is for the very worried", "consider",
            (*cite("pmr", "Considering a Transitional or Preliminary Year"),
             *cite("pmr", "1. Can a non-US citizen IMG match into PM&R with a low Step 1 "
                          "score?"),
             *cite("pmr", "When Low Scores Hurt the Most")),
            {"specialty": "pmr", "score risk": "moderate", "score offset": GIVEN,
             "usce.specialty_months": GIVEN_MONTHS, "letters.us_specialty_count": at_least(2)},
            _backup([], "Your Step 2 CK offsets the weak score, and with US experience in PM&R "
                        "and letters from US physiatrists some PM&R programs will consider you: "
                        "the PM&R guide keeps preliminary or transitional-year applications for "
                        "applicants extremely worried about matching directly, so add a few "
                        "only if that worry is yours."),
            priority=42),
        Row("backup.pmr_prelim_or_ty.high_risk",
            "PM&R with a high score risk that nothing offsets: prelim IM or transitional-year "
            "applications", "consider", cite("pmr", "Considering a Transitional or Preliminary "
                                                    "Year"),
            {"specialty": "pmr", "score risk": "high"}, PMR_BACKUP, priority=44),
        Row("backup.prelim_bridge_specialty",
            "Surgery, anesthesiology or EM with score concerns: prelim years are the bridge",
            "should",
            (*PRELIM_SECTION,
             *cite("safety_nets", "Scenario C: You are trying for something like Anesthesia, "
                                  "EM, categorical Surgery")),
            {"specialty": one_of(*THRESHOLDS.group("prelim_bridge")), "score risk": GIVEN},
            _backup(["prelim_im", "prelim_surgery"],
                    "Apply to preliminary IM and surgery positions at IMG-heavy hospitals and "
                    "treat the intern year as a paid audition before reapplying."),
            priority=40),
        Row("backup.off_table_foothold",
            "A specialty off the table at these scores: a few prelim spots as a foothold",
            "consider", SAFETY_NETS_SWEET_SPOT,
            {"specialty": one_of(*THRESHOLDS.group("off_table")), "score risk": GIVEN},
            _backup(["prelim_im", "prelim_surgery"],
                    "Add a few preliminary IM or surgery positions in backup regions alongside "
                    "categorical IM/FM applications."),
            priority=40),
        Row("backup.med_psych_parallel_first",
            "Med-Psych: a parallel categorical application beats a prelim year", "caution",
            cite("med_psych", "Step 2: Consider Parallel or Stepping‑Stone Pathways"),
            {"specialty": "med_psych", "score risk": GIVEN},
            _backup([], "Do not lean on a prelim medicine year: it rarely leads into Med-Psych "
                        "and only with a mentor's backing; apply in parallel to categorical "
                        "psychiatry or IM instead."),
            priority=40),
        Row("backup.med_peds_dual_first",
            "Med-Peds: dual application to categorical IM or Peds is the backup", "consider",
            cite("med_peds", "2. Apply Broadly and Intelligently"),
            {"specialty": "med_peds", "score risk": GIVEN},
            _backup([], "Your backup is a dual application to categorical IM and/or "
                        "Pediatrics, not a preliminary year."),
            priority=40),
        Row("backup.very_low_step2ck_foothold",
            "IM or FM with Step 2 CK very low: a few prelim IM spots as the foothold", "consider",
            SAFETY_NETS_SWEET_SPOT,
            {"specialty": one_of(*THRESHOLDS.group("img_anchor")), "Step 2 CK band": "very_low"},
            _backup(["prelim_im"],
                    "Add a few preliminary IM positions in IMG-heavy hospitals as a foothold in "
                    "case a categorical match is out of reach in the cycle you apply in."),
            priority=30),
        Row("backup.preferred_field_categorical_safeties",
            "Psychiatry, neurology, pediatrics or pathology with Step 2 CK very low: IM/FM "
            "categorical safeties, not a prelim year", "consider",
            cite("safety_nets", "Scenario B: You strongly prefer a field like Psych, Neuro, "
                                "Peds"),
            {"specialty": one_of(*PREFERRED_CORE), "Step 2 CK band": "very_low"},
            _backup([], "Your safety net is many IMG-heavy categorical internal medicine and "
                        "family medicine programs beside a handful in your field, not a "
                        "preliminary year: the guidance gives prelim IM footholds to applicants "
                        "who just want a US residency."),
            priority=30),
        Row("backup.not_needed", "No prelim or transitional-year backup called for", "consider",
            PRELIM_SECTION,
            {"specialty": GIVEN},
            _backup([], "Nothing in your profile calls for preliminary or transitional-year "
                        "applications; put the effort into your categorical list."),
            priority=0),
    ),
)

RULES: tuple[Rule, ...] = TABLE.rules()
