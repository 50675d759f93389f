"""How many programs to apply to (kind ``apply_count``).

The value is ``{"min": int, "max": int, "at_least": bool, "parts": [...]}``. Each part is a
track with its own ``min``/``max`` (``scope: "count"``), or a track the documents size without a
number: ``scope: "all_realistic"`` (every program of that track that considers IMGs and sponsors
the visa needed), ``"a_few"`` (a handful) or ``"anchor"`` (enough IMG-heavy programs to anchor
the list; no document gives a number); ``min``/``max`` at the top sum the counted parts. Each
part says where its size comes from: ``basis`` is ``document`` or ``our_estimate`` (a document's
figure applied where that document does not give it), and ``at_least`` keeps a document's "at
least". The parts follow the parallel plan (``knowledge_base.rules.strategy``): the preferred
field, the IM/FM tracks beside it, or the tracks instead of it. The rules are one decision table
(``TABLE``, priority hit policy).
"""

from __future__ import annotations

from typing import Any

from knowledge_base.conditions import one_of
from knowledge_base.decision_table import GIVEN, DecisionTable, Row, bound, input_column
from knowledge_base.facts import recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.groups import UNGROUPED
from knowledge_base.rules.scores import SCORE_RISK, STEP2CK_BAND, UNDER_220
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS, CountRange

__all__ = ["RULES", "TABLE"]

RANGES = THRESHOLDS.applications
STATE_VOLUME = (
    *cite("state_univ", "4. Application Volume and Distribution"),
    *cite("state_univ", "4. How many programs should I apply to as a non-US citizen IMG with "
                        "below average board scores?"),
)


BASES = ("document", "our_estimate")
ESTIMATE_NOTE = " (Our estimate: {} No document gives this number for your case.)"


def counted(track: str, span: CountRange, *, basis: str = "document",
            at_least: bool = False) -> dict:
    return {"track": track, "scope": "count", "min": span.min, "max": span.max,
            "basis": basis, "at_least": at_least}


def uncounted(track: str, scope: str) -> dict:
    return {"track": track, "scope": scope, "min": None, "max": None, "basis": "document",
            "at_least": False}


def all_realistic(track: str) -> dict:
    return uncounted(track, "all_realistic")


def apply_count(parts: list[dict], summary: str):
    numbered = [p for p in parts if p["scope"] == "count"]
    value = {
        "min": sum(p["min"] for p in numbered),
        "max": sum(p["max"] for p in numbered),
        "at_least": any(p["at_least"] for p in numbered),
        "parts": parts,
    }
    return recommend("apply_count", value, summary)


def _combined_with_categorical(combined: str, categorical: str, summary: str,
                               basis: str = "document"):
    return apply_count(
        [all_realistic(combined), counted(categorical, RANGES["combined_categorical"],
                                          basis=basis)], summary
    )


default, core, pmr, cat, SAMPLE = (RANGES[k] for k in ("default", "core_high_risk", "pmr",
                                                        "combined_categorical", "sample_plan"))
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
def anchored(span: CountRange):
    """The preferred field counted, anchored by IM/FM programs no document counts."""
    return apply_count(
        [counted("{specialty}", span), uncounted("internal_medicine_or_family_medicine",
                                                 "anchor")],
        f"Apply to {span.min}–{span.max} IMG-friendly programs in {{specialty}}, and anchor the "
        "list with IMG-heavy internal medicine and family medicine programs; no document says "
        "how many, so add enough that a match there is likely.",
    )

BOTH_ANCHORS = apply_count(
    [counted("internal_medicine_or_family_medicine", core)],
    f"Apply to {core.min}–{core.max} IMG-heavy programs, in internal medicine and family "
    "medicine both, at community programs that take IMGs with scores like yours.",
)
SCENARIO_A = cite("safety_nets", "Scenario A: You just want to be in US residency")
SCENARIO_C = cite("safety_nets", "Scenario C: You are trying for something like Anesthesia, "
                                 "EM, categorical Surgery")
TRACK_NAMES = {"internal_medicine_or_family_medicine": "IM/FM",
               "psychiatry_or_internal_medicine": "psychiatry/IM",
               "internal_medicine_or_pediatrics": "IM/Peds", "{specialty}": "the field"}
SCOPE_WORDS = {"a_few": "a few of", "all_realistic": "every realistic", "anchor": "anchored by"}


def _said(value: dict[str, Any]) -> str:
    """``IM/FM 80–120 + a few of the field``."""
    def part(p: dict[str, Any]) -> str:
        track = TRACK_NAMES.get(p["track"], p["track"])
        if p["scope"] == "count":
            return f"{track} {p['min']}–{p['max']}"
        return f"{SCOPE_WORDS[p['scope']]} {track}"
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
            "Apply to 60–120 programs, by competitiveness and budget (our estimate outside "
            "the core specialties)", "consider", STATE_VOLUME,
            {"specialty": bound(GIVEN, "specialty")},
            apply_count([counted("{specialty}", default, basis="our_estimate")],
                        f"Apply to {default.min}–{default.max} carefully chosen, IMG-friendly "
                        "programs; targeting matters more than the raw number."
                        + ESTIMATE_NOTE.format("the state-university guide's general range, "
                                               "which it says depends on the specialty's "
                                               "competitiveness.")),
            priority=0),
        Row("applications.core_default_range",
            "A core specialty: 60–120 programs, by competitiveness and budget", "consider",
            STATE_VOLUME,
            {"specialty": bound(one_of(*THRESHOLDS.group("core")), "specialty")},
            apply_count([counted("{specialty}", default)],
                        f"Apply to {default.min}–{default.max} carefully chosen, IMG-friendly "
                        "programs; targeting matters more than the raw number."),
            priority=5),
        Row("applications.core_specialty_low_scores",
            "Low scores in a core specialty: the upper part of the range", "should",
            (*STATE_VOLUME, *cite("state_univ", "Putting It All Together: A Sample Strategic "
                                                "Path")),
            {"specialty": bound(one_of(*THRESHOLDS.group("core")), "specialty"),
             "score risk": "high"},
            apply_count([counted("{specialty}", core)],
                        f"Apply to {core.min}–{core.max} programs, budget permitting: "
                        "IMG-friendly university programs in less competitive regions and "
                        "affiliated community programs. (The state-university guide's sample "
                        f"plan for scores like these says {SAMPLE.min}–{SAMPLE.max}; its "
                        f"general range goes up to {core.max}.)"),
            priority=20),
        Row("applications.pmr_broad_list", "PM&R: at least 60–80 programs", "should",
            (*cite("pmr", "3. How many PM&R programs should I apply to as a foreign IMG with "
                          "low scores?"),
             *cite("pmr", "Applying Broadly and Intelligently")),
            {"specialty": "pmr"},
            apply_count([counted("pmr", pmr, at_least=True)],
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
                f"plus {cat.min}–{cat.max} categorical IM and/or Pediatrics programs."
                + ESTIMATE_NOTE.format("the Med-Psych guide's categorical range; the Med-Peds "
                                       "guide gives the same shape of list without a number."),
                basis="our_estimate"),
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
        Row("applications.preferred_field_anchored",
            "Step 2 CK 225–234 in psychiatry, neurology, pediatrics or pathology: the field, "
            "anchored by IM/FM", "should", SCENARIO_B,
            {"specialty": bound(one_of(*PREFERRED_CORE), "specialty"),
             "Step 2 CK band": "borderline"},
            anchored(default), priority=22),
        Row("applications.preferred_field_anchored_high_risk",
            "Step 2 CK 225–234 in psychiatry, neurology, pediatrics or pathology, with a high "
            "score risk: the upper part of the field's range, anchored by IM/FM", "should",
            (*SCENARIO_B, *cite("state_univ", "Putting It All Together: A Sample Strategic "
                                              "Path")),
            {"specialty": bound(one_of(*PREFERRED_CORE), "specialty"),
             "Step 2 CK band": "borderline", "score risk": "high"},
            anchored(core), priority=23),
        Row("applications.im_fm_both", "Step 2 CK very low in IM or FM: both, at IMG-heavy "
            "programs", "should", (*UNDER_220, *SCENARIO_A, *STATE_VOLUME),
            {"specialty": one_of(*THRESHOLDS.group("img_anchor")),
             "Step 2 CK band": "very_low"},
            BOTH_ANCHORS, priority=25),
        Row("applications.im_fm_both_failed", "Step 2 CK not passed in IM or FM: both, at "
            "IMG-heavy programs", "should", (*UNDER_220, *SCENARIO_A, *STATE_VOLUME),
            {"specialty": one_of(*THRESHOLDS.group("img_anchor")), "step2ck.status": "failed"},
            BOTH_ANCHORS, priority=25),
        Row("applications.other_field_mostly_im_fm", "Step 2 CK very low in a field no "
            "document sizes: mostly IM/FM", "should", (*UNDER_220, *SCENARIO_A),
            {"specialty": bound(one_of(*UNGROUPED), "specialty"),
             "Step 2 CK band": "very_low"},
            MOSTLY_IM_FM, priority=25),
        Row("applications.other_field_mostly_im_fm_failed", "Step 2 CK not passed in a field no "
            "document sizes: mostly IM/FM", "should", (*UNDER_220, *SCENARIO_A),
            {"specialty": bound(one_of(*UNGROUPED), "specialty"), "step2ck.status": "failed"},
            MOSTLY_IM_FM, priority=25),
        Row("applications.prelim_bridge_mostly_im_fm",
            "Surgery, anesthesiology or EM with score concerns: mostly IM/FM, a few of the "
            "field", "should", (*SCENARIO_C, *cite("safety_nets", "Surgery / Anesthesia / EM"),
                                *STATE_VOLUME),
            {"specialty": bound(one_of(*THRESHOLDS.group("prelim_bridge")), "specialty"),
             "score risk": GIVEN},
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
        Row("applications.off_table_scrutinized",
            "A specialty that scrutinizes scores heavily, without a score risk: the general "
            "range, with a caution (our estimate)", "caution",
            (*STATE_VOLUME, *cite("state_univ", "3. Specialty-Specific Flexibility")),
            {"specialty": bound(one_of(*THRESHOLDS.group("off_table")), "specialty")},
            apply_count([counted("{specialty}", default, basis="our_estimate")],
                        f"Apply to {default.min}–{default.max} carefully chosen, IMG-friendly "
                        "{specialty} programs, and expect a hard cycle even with these scores: "
                        "it is among the fields that scrutinize scores most, where few IMGs "
                        "match, so weigh your ideal specialty against your chances of matching "
                        "at all, and keep a second field in mind."
                        + ESTIMATE_NOTE.format("the state-university guide's general range; "
                                               "it calls this field generally harder and gives "
                                               "it no count of its own.")),
            priority=3),
    ),
)

RULES: tuple[Rule, ...] = TABLE.rules()
