"""Whether to add preliminary or transitional-year applications (kind ``prelim_backup``).

The value is ``{"recommended": bool, "tracks": [...]}`` with tracks among ``prelim_im``,
``prelim_surgery`` and ``transitional_year``.
"""

from __future__ import annotations

from knowledge_base.conditions import fact, given, one_of
from knowledge_base.facts import RiskFactor, ScoreBand, recommend
from knowledge_base.rule import Rule
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

SCORE_RISK = fact(RiskFactor, area="scores")
PRELIM_SECTION = cite("safety_nets", "7. Using Prelim and Transitional Years As Deliberate Safety Nets")


def _backup(tracks: list[str], summary: str):
    return recommend("prelim_backup", {"recommended": bool(tracks), "tracks": tracks}, summary)


RULES: tuple[Rule, ...] = (
    Rule(
        id="backup.unmatched_prelim_positions",
        title="Unmatched: prelim or transitional positions keep you in US clinical work",
        strength="consider",
        sources=(
            *cite("pmr", "If You Don’t Match in PM&R"),
            *cite("safety_nets", "9. A Practical 7-Day Action Plan To Fix Your Strategy"),
        ),
        premises=(given("phase", "unmatched"),),
        conclusions=(_backup(["prelim_im", "transitional_year"],
                             "Look for preliminary IM or transitional-year positions (SOAP or "
                             "still open) that give US experience and new letters, then "
                             "reapply."),),
        specificity=50,
    ),
    Rule(
        id="backup.pmr_prelim_or_ty",
        title="PM&R with score concerns: add prelim IM or transitional-year applications",
        strength="consider",
        sources=cite("pmr", "Considering a Transitional or Preliminary Year"),
        premises=(given("specialty", "pmr"), SCORE_RISK),
        conclusions=(_backup(["prelim_im", "transitional_year"],
                             "Apply to preliminary IM or transitional-year positions at "
                             "IMG-friendly institutions alongside PM&R; use that year for US "
                             "experience, PM&R contacts, new letters and Step 3."),),
        specificity=40,
    ),
    Rule(
        id="backup.prelim_bridge_specialty",
        title="Surgery, anesthesiology or EM with score concerns: prelim years are the bridge",
        strength="should",
        sources=(
            *PRELIM_SECTION,
            *cite("safety_nets", "Scenario C: You are trying for something like Anesthesia, EM, "
                                 "categorical Surgery"),
        ),
        premises=(given("specialty", one_of(*THRESHOLDS.group("prelim_bridge"))), SCORE_RISK),
        conclusions=(_backup(["prelim_im", "prelim_surgery"],
                             "Apply to preliminary IM and surgery positions at IMG-heavy "
                             "hospitals and treat the intern year as a paid audition before "
                             "reapplying."),),
        specificity=40,
    ),
    Rule(
        id="backup.off_table_foothold",
        title="A specialty off the table at these scores: a few prelim spots as a foothold",
        strength="consider",
        sources=(
            *cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take "
                                 "You Seriously"),
            *cite("safety_nets", "Scenario A: You just want to be in US residency"),
        ),
        premises=(given("specialty", one_of(*THRESHOLDS.group("off_table"))), SCORE_RISK),
        conclusions=(_backup(["prelim_im", "prelim_surgery"],
                             "Add a few preliminary IM or surgery positions in backup regions "
                             "alongside categorical IM/FM applications."),),
        specificity=40,
    ),
    Rule(
        id="backup.med_psych_parallel_first",
        title="Med-Psych: a parallel categorical application beats a prelim year",
        strength="caution",
        sources=cite("med_psych", "Step 2: Consider Parallel or Stepping‑Stone Pathways"),
        premises=(given("specialty", "med_psych"), SCORE_RISK),
        conclusions=(_backup([], "Do not lean on a prelim medicine year: it rarely leads into "
                                 "Med-Psych and only with a mentor's backing; apply in parallel "
                                 "to categorical psychiatry or IM instead."),),
        specificity=40,
    ),
    Rule(
        id="backup.med_peds_dual_first",
        title="Med-Peds: dual application to categorical IM or Peds is the backup",
        strength="consider",
        sources=cite("med_peds", "2. Apply Broadly and Intelligently"),
        premises=(given("specialty", "med_peds"), SCORE_RISK),
        conclusions=(_backup([], "Your backup is a dual application to categorical IM and/or "
                                 "Pediatrics, not a preliminary year."),),
        specificity=40,
    ),
    Rule(
        id="backup.very_low_step2ck_foothold",
        title="Step 2 CK very low: a prelim IM year can be the foothold this cycle",
        strength="consider",
        sources=(
            *cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take "
                                 "You Seriously"),
            *cite("safety_nets", "Scenario A: You just want to be in US residency"),
        ),
        premises=(
            given("specialty", one_of(*THRESHOLDS.group("core"))),
            fact(ScoreBand, exam="step2ck", band="very_low"),
        ),
        conclusions=(_backup(["prelim_im"],
                             "Add a few preliminary IM positions in IMG-heavy hospitals as a "
                             "foothold in case a categorical match is out of reach this "
                             "cycle."),),
        specificity=30,
    ),
    Rule(
        id="backup.not_needed",
        title="No prelim or transitional-year backup called for",
        strength="consider",
        sources=PRELIM_SECTION,
        premises=(given("specialty"),),
        conclusions=(_backup([], "Nothing in your profile calls for preliminary or "
                                 "transitional-year applications; put the effort into your "
                                 "categorical list."),),
        specificity=0,
    ),
)
