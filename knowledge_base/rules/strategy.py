"""Specialty strategy: parallel applications, long-term routes and which programs to aim at.

Three kinds of advice, none of them single-answer (a rule fires only where it applies):

``parallel_plan``
    ``{"action", "primary", "parallel", "emphasis"}``: a second track applied to alongside (or
    instead of) the applicant's specialty. ``primary`` is the specialty applied to,
    ``parallel`` the categorical tracks added, ``emphasis`` where most of the list goes:
    ``primary``, ``parallel``, ``both`` or ``parallel_only`` (the primary is dropped). It
    agrees with ``apply_count`` and ``prelim_backup``: prelim and transitional years stay there.
``long_term_path``
    ``{"via", "then", "toward"}``: a residency to train in (``via``, alternatives), what to add
    during or after it (``then``) and the career it leads to (``toward``).
``program_targeting``
    ``{"action", "look_for", "avoid", ...}``: program signals to look for and to leave out (or
    not rely on), with a few extras by action: ``min_img_percent`` and ``recent_years`` (ranges
    as ``{"min", "max"}``), ``stale_after_years``, ``visa``, ``tools``, ``score_gap``,
    ``specialty`` and ``tiers``.
"""

from __future__ import annotations

from knowledge_base.conditions import fact, given, one_of
from knowledge_base.consistency import Incompatible
from knowledge_base.facts import RiskFactor, ScoreBand, recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.groups import PREFERRED_CORE, TARGETS_STATE_UNIVERSITIES, UNGROUPED
from knowledge_base.rules.scores import UNDER_220
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["INCOMPATIBLE", "RULES"]

# Numbers, from thresholds.toml.
MIN_IMG_PERCENT = THRESHOLDS.targeting.min_img_percent
RECENT_YEARS = THRESHOLDS.targeting.recent_years
STALE_ROSTER_YEARS = THRESHOLDS.targeting.stale_roster_years
SCORE_GAP = THRESHOLDS.targeting.score_gap
BAND = {band.name: band for band in THRESHOLDS.default_scale("step2ck").bands}
"""Bands of the general Step 2 CK scale, the one the specialties below use; titles quote them."""

CORE = THRESHOLDS.group("core")
PRELIM_BRIDGE = THRESHOLDS.group("prelim_bridge")
OFF_TABLE = THRESHOLDS.group("off_table")
ANCHOR = THRESHOLDS.group("img_anchor")

SCORE_RISK = fact(RiskFactor, area="scores")
STEP2CK_FAILED = given("step2ck.status", "failed")


def step2ck_band(*bands: str):
    return fact(ScoreBand, exam="step2ck", band=one_of(*bands))


LOW_OR_FAILED = (("", step2ck_band("very_low", "low")), ("_failed", STEP2CK_FAILED))
VERY_LOW_OR_FAILED = (("", step2ck_band("very_low")), ("_failed", STEP2CK_FAILED))
"""Alternative triggers (there is no OR inside a rule): a band, or Step 2 CK not yet passed."""


def per_trigger(rule_id: str, triggers, premises: tuple, **rule) -> tuple[Rule, ...]:
    """One rule per alternative trigger premise; all of them conclude the same thing."""
    return tuple(Rule(id=rule_id + suffix, premises=(*premises, trigger), **rule)
                 for suffix, trigger in triggers)


# ---------------------------------------------------------------------------------------------
# parallel_plan

def parallel(action: str, primary: str, tracks, emphasis: str, summary: str):
    value = {"action": action, "primary": primary, "parallel": list(tracks), "emphasis": emphasis}
    return recommend("parallel_plan", value, summary)


IM_FM = ("internal_medicine", "family_medicine")
SCENARIO_B = cite("safety_nets", "4. How Low Scores Change Your Target Specialty Strategy",
                  "Scenario B: You strongly prefer a field like Psych, Neuro, Peds")
FLEXIBILITY = cite("state_univ", "3. Specialty-Specific Flexibility")
MOSTLY_IM_FM = ("Make most of your list IMG-heavy internal medicine and family medicine programs, "
                "where your odds are better, and keep only a handful of programs in your "
                "preferred field.")

COMBINED_PARALLEL = (
    Rule(
        id="parallel.med_peds_categorical",
        title="Med-Peds positions are few: add categorical IM and/or Peds applications",
        strength="should",
        sources=cite("med_peds", "2. Apply Broadly and Intelligently",
                     "1. Is it realistic for a non-US citizen IMG with low Step 1 to match into "
                     "Med-Peds?"),
        premises=(given("specialty", "med_peds"),),
        conclusions=(parallel(
            "apply_categorical_in_parallel", "med_peds", ("internal_medicine", "pediatrics"),
            "both",
            "Med-Peds has few positions: apply in parallel to categorical internal medicine "
            "and/or pediatrics. Med-Peds programs need not be told, but your Med-Peds "
            "materials must stay genuine.",
        ),),
    ),
    Rule(
        id="parallel.med_psych_categorical",
        title="Med-Psych has very few positions: apply to categorical psychiatry and/or IM too",
        strength="should",
        sources=cite("med_psych", "Step 2: Consider Parallel or Stepping\u2011Stone Pathways",
                     "1. As a non\u2011US citizen IMG with low Step 2 CK, do I still have a "
                     "realistic chance at medicine\u2011psychiatry residency?"),
        premises=(given("specialty", "med_psych"),),
        conclusions=(parallel(
            "apply_categorical_in_parallel", "med_psych", ("psychiatry", "internal_medicine"),
            "both",
            "Med-Psych has very few positions: apply in parallel to categorical psychiatry, "
            "which takes IMGs more readily, and/or community or IMG-heavy internal medicine.",
        ),),
    ),
)

PREFERRED_CORE_PARALLEL = (
    *per_trigger(
        "parallel.preferred_field_mostly_im_fm", LOW_OR_FAILED,
        (given("specialty", one_of(*PREFERRED_CORE), bind="specialty"),),
        title=f"Step 2 CK under {BAND['borderline'].low} (or not passed) in a field like "
              "psychiatry, neurology or pediatrics: mostly IM/FM safeties",
        strength="should",
        sources=(*SCENARIO_B, *UNDER_220, *FLEXIBILITY),
        conclusions=(parallel("mostly_im_fm_safeties", "{specialty}", IM_FM, "parallel",
                              MOSTLY_IM_FM),),
    ),
    Rule(
        id="parallel.preferred_field_anchored_by_im_fm",
        title=f"Step 2 CK {BAND['borderline'].low}–{BAND['borderline'].high - 1} in a field "
              "like psychiatry, neurology or pediatrics: apply broadly, anchored by IM/FM",
        strength="should",
        sources=SCENARIO_B,
        premises=(given("specialty", one_of(*PREFERRED_CORE), bind="specialty"),
                  step2ck_band("borderline")),
        conclusions=(parallel(
            "anchor_with_im_fm", "{specialty}", IM_FM, "primary",
            "Apply broadly in your preferred field at IMG-friendly programs, and anchor the "
            "list with internal medicine and family medicine programs where your odds are "
            "higher.",
        ),),
    ),
)


def _both_anchors(specialty: str) -> tuple[Rule, ...]:
    others = tuple(s for s in ANCHOR if s != specialty)
    return per_trigger(
        f"parallel.{specialty}_add_other_anchor", VERY_LOW_OR_FAILED,
        (given("specialty", specialty),),
        title="Step 2 CK very low (or not passed): apply to both IM and FM",
        strength="consider",
        sources=(*FLEXIBILITY, *UNDER_220,
                 *cite("safety_nets", "Scenario A: You just want to be in US residency",
                       "Family Medicine")),
        conclusions=(parallel(
            "add_other_img_anchor", specialty, others, "both",
            "With a Step 2 CK this low, apply to both internal medicine and family medicine, "
            "at IMG-saturated community programs, rather than to one of them alone.",
        ),),
    )


REDIRECT_PARALLEL = (
    Rule(
        id="parallel.prelim_bridge_im_fm",
        title="Surgery, anesthesiology or EM with low scores: a real parallel plan in IM/FM",
        strength="should",
        sources=cite("safety_nets",
                     "Scenario C: You are trying for something like Anesthesia, EM, categorical "
                     "Surgery",
                     "Surgery / Anesthesia / EM"),
        premises=(given("specialty", one_of(*PRELIM_BRIDGE), bind="specialty"), SCORE_RISK),
        conclusions=(parallel(
            "parallel_im_fm", "{specialty}", IM_FM, "parallel",
            "Your specialty is uphill with these scores unless other strengths are very "
            "strong: put most of the list into categorical internal medicine and family "
            "medicine (besides the prelim positions), keep a few programs of your specialty, "
            "and apply only to programs you would truly train in.",
        ),),
    ),
    Rule(
        id="parallel.off_table_redirect",
        title="A specialty off the table at these scores: redirect the list to IM/FM",
        strength="should",
        sources=(
            *cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take "
                                 "You Seriously"),
            *FLEXIBILITY,
        ),
        premises=(given("specialty", one_of(*OFF_TABLE), bind="specialty"), SCORE_RISK),
        conclusions=(parallel(
            "redirect_to_im_fm", "{specialty}", IM_FM, "parallel_only",
            "With these scores your specialty is out of reach for now: put the applications "
            "into IMG-heavy internal medicine and family medicine instead.",
        ),),
    ),
    *per_trigger(
        "parallel.other_specialty_mostly_im_fm", VERY_LOW_OR_FAILED,
        (given("specialty", one_of(*UNGROUPED), bind="specialty"),),
        title=f"Step 2 CK under {BAND['low'].low} (or not passed): lean heavily on "
              "IMG-saturated IM/FM",
        strength="should",
        sources=(*UNDER_220, *cite("safety_nets", "Scenario A: You just want to be in US "
                                                  "residency")),
        conclusions=(parallel("mostly_im_fm_safeties", "{specialty}", IM_FM, "parallel",
                              MOSTLY_IM_FM),),
    ),
)

PARALLEL_RULES = (
    *COMBINED_PARALLEL,
    *PREFERRED_CORE_PARALLEL,
    *(rule for specialty in ANCHOR for rule in _both_anchors(specialty)),
    *REDIRECT_PARALLEL,
)


# ---------------------------------------------------------------------------------------------
# long_term_path

def long_term(via, then, toward: str, summary: str):
    return recommend("long_term_path", {"via": list(via), "then": list(then), "toward": toward},
                     summary)


LONG_TERM_RULES = (
    Rule(
        id="long_term.pmr_via_im_fm",
        title="Persistent score barriers to PM&R: IM or FM, then a rehabilitation-focused "
              "practice",
        strength="consider",
        sources=cite("pmr", "Long-Term Alternatives That Still Keep PM&R in View"),
        premises=(given("specialty", "pmr"), fact(RiskFactor, area="scores", severity="high")),
        conclusions=(long_term(
            IM_FM, ("rehab_focused_practice", "work_with_physiatrists", "extra_rehab_training"),
            "rehabilitation_oriented_practice",
            "If score barriers persist, a residency in internal medicine or family medicine "
            "can still lead to rehabilitation-oriented work: a rehab-focused practice close to "
            "physiatry teams, with extra rehab training where available. It is not the same "
            "as a PM&R residency.",
        ),),
    ),
    Rule(
        id="long_term.med_peds_via_im_or_peds",
        title="Med-Peds out of reach: categorical IM or Peds with a lifespan-oriented career",
        strength="consider",
        sources=cite("med_peds", "2. Considering Alternative but Related Paths"),
        premises=(given("specialty", "med_peds"), SCORE_RISK),
        conclusions=(long_term(
            ("internal_medicine", "pediatrics"),
            ("transition_age_patients", "complex_chronic_conditions",
             "adolescent_and_young_adult_care"),
            "lifespan_care_career",
            "Categorical internal medicine or pediatrics can still give a Med-Peds-like "
            "career: focus on patients moving from pediatric to adult care, complex chronic "
            "conditions, or adolescents and young adults in hospital or primary care.",
        ),),
    ),
    Rule(
        id="long_term.med_psych_via_categorical",
        title="Med-Psych out of reach: psychiatry or IM, then a fellowship at the interface",
        strength="consider",
        sources=cite("med_psych",
                     "4. If I can\u2019t get into a medicine\u2011psychiatry combined residency, "
                     "can I still build a med\u2011psych career?",
                     "Step 2: Consider Parallel or Stepping\u2011Stone Pathways",
                     "If You Don\u2019t Match"),
        premises=(given("specialty", "med_psych"), SCORE_RISK),
        conclusions=(
            long_term(
                ("psychiatry",), ("internal_medicine_exposure", "consultation_liaison_fellowship"),
                "integrated_med_psych_practice",
                "Categorical psychiatry with strong internal medicine exposure, then a "
                "consultation-liaison (psychosomatic) fellowship, leads to integrated "
                "med-psych work without the combined residency.",
            ),
            long_term(
                ("internal_medicine",),
                ("psychiatric_patient_exposure", "consultation_liaison_fellowship",
                 "addiction_medicine_or_behavioral_health_integration"),
                "integrated_med_psych_practice",
                "Internal medicine with substantial exposure to psychiatric patients, then a "
                "consultation-liaison fellowship or addiction medicine and behavioral health "
                "integration work, is another route to a med-psych practice.",
            ),
        ),
    ),
    Rule(
        id="long_term.prelim_bridge_via_im_fm",
        title="Surgery, anesthesiology or EM as a long-term aim: IM/FM and a procedural "
              "subspecialty",
        strength="consider",
        sources=cite("safety_nets", "Surgery / Anesthesia / EM", "Family Medicine",
                     "Scenario C: You are trying for something like Anesthesia, EM, "
                     "categorical Surgery"),
        premises=(given("specialty", one_of(*PRELIM_BRIDGE)), SCORE_RISK),
        conclusions=(long_term(
            IM_FM, ("procedure_oriented_subspecialty",), "procedure_oriented_career",
            "Treat your specialty as a long-term aim: besides reapplying after a prelim year, "
            "internal medicine or family medicine followed by a subspecialty that uses "
            "procedures keeps a hands-on career open.",
        ),),
    ),
)


# ---------------------------------------------------------------------------------------------
# program_targeting

def targeting(action: str, look_for, avoid=(), summary: str = "", **extra):
    value = {"action": action, "look_for": list(look_for), "avoid": list(avoid), **extra}
    return recommend("program_targeting", value, summary)


APPLY_BROADLY_PMR = cite("pmr", "Applying Broadly and Intelligently")
SWEET_SPOT = cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take "
                                 "You Seriously")
UNIV_CHARACTERISTICS = cite("state_univ", "1. Characteristics of More IMG-Friendly University "
                                          "Programs")
DATA_TOOLS = cite("state_univ", "2. Using Data and Tools Wisely")
VISA_PATTERNS = (*cite("safety_nets", "Step 4: ECFMG and visa patterns"), *DATA_TOOLS,
                 *UNIV_CHARACTERISTICS, *APPLY_BROADLY_PMR)


def _visa_rule(visa: str, look_for, avoid, summary: str, extra_sources=()) -> Rule:
    return Rule(
        id=f"targeting.visa_{visa}",
        title=f"Needs a {'J-1' if visa == 'j1' else 'H-1B'}: apply only where it is sponsored",
        strength="must",
        sources=(*VISA_PATTERNS, *extra_sources),
        premises=(given("citizenship", "non_us"), given("visa", visa)),
        conclusions=(targeting("filter_by_visa", look_for, avoid, summary, visa=visa),),
    )


PREFERENCE_SIGNALS = Rule(
    id="targeting.preference_signals",
    title="Send program preference signals where ERAS offers them, to the programs you are "
          "tied to",
    strength="consider",
    sources=cite("state_univ", "Putting It All Together: A Sample Strategic Path"),
    premises=(TARGETS_STATE_UNIVERSITIES, SCORE_RISK,
              given("phase", one_of("preparing", "applying", "unmatched"))),
    conclusions=(targeting(
        "send_preference_signals",
        ("programs_with_personal_connection", "usce_or_research_ties",
         "programs_matching_your_background"),
        summary="Where ERAS lets you signal interest, signal personally chosen programs: those "
                "where you did US clinical work or research, have a personal connection, or "
                "whose patients share your language or background. Check the current season's "
                "rules for how many signals your specialty allows.",
    ),),
)

GENERAL_TARGETING = (
    Rule(
        id="targeting.img_rosters",
        title="Check resident rosters for current, recent IMGs like you",
        strength="should",
        sources=(*cite("safety_nets", "Step 1: Check actual resident rosters"),
                 *APPLY_BROADLY_PMR, *UNIV_CHARACTERISTICS),
        premises=(given("specialty"),),
        conclusions=(targeting(
            "check_rosters_for_imgs",
            ("current_or_recent_imgs", "multiple_imgs_per_class",
             "residents_from_your_country_or_region", "non_us_citizen_residents",
             "diverse_countries_of_origin"),
            ("only_us_md_do_residents", "one_or_two_imgs_in_total",
             "imgs_only_from_top_international_schools", "imgs_only_from_years_ago"),
            "Judge IMG-friendliness by who is in the program now: several IMGs per class, "
            "non-US citizens and people from your region. All-US rosters, one or two IMGs in "
            "total, or IMGs who all left five to seven years ago are warning signs.",
            stale_after_years=STALE_ROSTER_YEARS.as_dict(),
        ),),
    ),
    Rule(
        id="targeting.data_tools",
        title="Use outcome data and program listings rather than reputation",
        strength="should",
        sources=(*cite("safety_nets", "Step 2: Use data, not vibes"), *DATA_TOOLS,
                 *cite("pmr", "3. How many PM&R programs should I apply to as a foreign IMG "
                              "with low scores?")),
        premises=(given("specialty"),),
        conclusions=(targeting(
            "research_with_data",
            ("img_percent", "average_step2ck", "minimum_scores_and_attempt_limits",
             "program_type", "visa_sponsorship", "matches_in_your_score_range"),
            (),
            "Build the list from data: NRMP Charting Outcomes (IMG edition), FREIDA, Residency "
            "Explorer, program websites and rosters, and IMG match reports; note each "
            "program's IMG share, average Step 2 CK, stated minimums, type and visa support, "
            "and ask the coordinator when unclear.",
            tools=["nrmp_charting_outcomes_img", "freida", "residency_explorer",
                   "program_websites_and_rosters", "img_match_forums", "coordinator_email"],
        ),),
    ),
    _visa_rule(
        "j1", ("sponsors_j1", "sponsors_j1_and_h1b"), ("no_visa_sponsorship",),
        "Apply only to programs that sponsor the J-1: that is the baseline, programs that "
        "sponsor both J-1 and H-1B are usually the most used to IMGs, and programs that "
        "sponsor no visa are ruled out.",
    ),
    _visa_rule(
        "h1b", ("sponsors_h1b",), ("no_visa_sponsorship", "sponsors_j1_only"),
        "Filter every program for H-1B sponsorship: far fewer programs offer it, with more "
        "competition. Unless you have a compelling reason for the H-1B, being flexible and "
        "accepting a J-1 opens many more programs.",
        extra_sources=cite("pmr", "When Low Scores Hurt the Most"),
    ),
    Rule(
        id="targeting.img_heavy_programs",
        title="With score concerns, favour programs where IMGs are a large share",
        strength="should",
        sources=(*SWEET_SPOT,
                 *cite("safety_nets", "1. Reality Check: What “Low Step” Means For An IMG")),
        premises=(SCORE_RISK,),
        conclusions=(targeting(
            "favor_img_heavy_programs",
            ("img_share_at_or_above_min", "recent_residents_from_your_region",
             "matches_in_your_score_range", "outside_most_desirable_cities"),
            ("top_10_desirable_cities",),
            f"Favour programs where IMGs are at least {MIN_IMG_PERCENT}% of the residents, with "
            f"several from your country or region in the last {RECENT_YEARS} years and a record "
            "of matching people with scores like yours, outside the most sought-after cities.",
            min_img_percent=MIN_IMG_PERCENT.as_dict(), recent_years=RECENT_YEARS.as_dict(),
        ),),
    ),
    Rule(
        id="targeting.less_competitive_regions",
        title="With score concerns, aim at less sought-after regions",
        strength="should",
        sources=(*cite("safety_nets", "Step 3: Look at geography and desirability",
                       "10. Mental Game: Detach Pride From ZIP Codes"),
                 *UNIV_CHARACTERISTICS, *APPLY_BROADLY_PMR),
        premises=(SCORE_RISK,),
        conclusions=(targeting(
            "target_less_competitive_regions",
            ("midwest_outside_chicago", "deep_south", "rust_belt", "smaller_texas_cities",
             "rural_or_semi_rural", "states_with_few_medical_schools"),
            ("new_york_city", "boston", "california", "seattle", "downtown_chicago",
             "tourist_destinations"),
            "Spread the list over less sought-after places: the Midwest outside Chicago, the "
            "Deep South, the Rust Belt, smaller Texas cities and rural or small-town hospitals. "
            "Do not count on New York, Boston, California, Seattle, central Chicago or tourist "
            "cities.",
        ),),
    ),
    Rule(
        id="targeting.program_types",
        title="With score concerns, mostly community, affiliated and rural programs, with some "
              "IMG-friendly universities",
        strength="should",
        sources=(*SWEET_SPOT,
                 *cite("state_univ", "2. Is it better to apply only to community programs if I "
                                     "have a low Step 1 or Step 2 CK?",
                       "Putting It All Together: A Sample Strategic Path"),
                 *APPLY_BROADLY_PMR),
        premises=(TARGETS_STATE_UNIVERSITIES, SCORE_RISK),
        conclusions=(targeting(
            "target_program_types",
            ("rural_or_underserved", "community", "university_affiliated_community",
             "img_friendly_state_university"),
            ("big_name_academic",),
            "Put most applications into community, university-affiliated community and rural "
            "or underserved programs, and add IMG-friendly state-university programs: a mix, "
            "not only one type. Big-name academic programs rarely take applicants with these "
            "scores.",
        ),),
    ),
    Rule(
        id="targeting.skip_score_rigid_programs",
        title="With score concerns, skip programs that signal rigid score screening",
        strength="should",
        sources=(*cite("safety_nets", "Step 5: Watch for code words in program descriptions",
                       "Step 2: Use data, not vibes"),
                 *DATA_TOOLS, *APPLY_BROADLY_PMR),
        premises=(SCORE_RISK,),
        conclusions=(targeting(
            "skip_score_rigid_programs",
            ("welcomes_international_graduates", "holistic_review",
             "long_history_of_training_imgs"),
            ("stated_minimum_above_your_score", "average_far_above_yours_with_few_imgs",
             "prefers_us_graduates", "seeks_highly_competitive_applicants"),
            f"Leave out programs that state a minimum above your score, favour US graduates or "
            f"ask for highly competitive applicants, or whose average Step 2 CK is about "
            f"{SCORE_GAP} points above yours with few IMGs. Favour programs that welcome "
            f"international graduates, review holistically or have long trained IMGs.",
            score_gap=SCORE_GAP,
        ),),
    ),
    Rule(
        id="targeting.state_universities",
        title="With score concerns, pick the state-university programs whose patterns fit you",
        strength="consider",
        sources=(*cite("state_univ", "Targeting the Right State University Programs",
                       "How State University Programs Evaluate Non-US Citizen IMGs",
                       "4. Application Volume and Distribution"),
                 *UNIV_CHARACTERISTICS),
        premises=(TARGETS_STATE_UNIVERSITIES, SCORE_RISK),
        conclusions=(targeting(
            "target_fitting_state_universities",
            ("lesser_known_state_university", "imgs_among_current_residents",
             "pathways_for_international_graduates", "alumni_from_your_region",
             "large_programs", "your_usce_research_or_contacts"),
            ("famous_state_universities_only",),
            "Among state universities, aim at lesser-known ones that already train IMGs, have "
            "international pathways or alumni from your region, run large programs, or where "
            "you have USCE, research or contacts; do not limit yourself to famous names.",
        ),),
    ),
)

def _specialty_targets(specialty: str, sources, look_for, summary: str, avoid=()) -> Rule:
    return Rule(
        id=f"targeting.{specialty}_programs",
        title="Where IMGs with low scores find traction in this specialty",
        strength="consider",
        sources=(*sources, *FLEXIBILITY),
        premises=(given("specialty", specialty), SCORE_RISK),
        conclusions=(targeting("specialty_specific_targets", look_for, avoid, summary,
                               specialty=specialty),),
    )


SPECIALTY_TARGETING = (
    _specialty_targets(
        "internal_medicine", cite("safety_nets", "Internal Medicine"),
        ("community_programs_with_hospitalist_pipelines",
         "many_caribbean_or_south_asian_graduates", "community_track_within_university"),
        "For internal medicine, look first at community programs that feed hospitalist jobs, "
        "where many residents come from Caribbean and South Asian schools, and at community "
        "tracks within universities.",
    ),
    _specialty_targets(
        "family_medicine", cite("safety_nets", "Family Medicine"),
        ("underserved_states", "img_friendly_regions"),
        "Family medicine is very open to IMGs in many regions and reviews more holistically; "
        "look especially at programs in underserved states.",
    ),
    _specialty_targets(
        "psychiatry", (*cite("safety_nets", "Psychiatry"), *SWEET_SPOT),
        ("less_well_known_institutions", "less_popular_regions"),
        "Psychiatry has grown competitive and big-city programs are saturated: look at less "
        "well-known institutions in less popular regions.",
        avoid=("big_city_programs",),
    ),
    _specialty_targets(
        "neurology", SWEET_SPOT, ("img_friendly_centers", "regions_open_to_imgs"),
        "Neurology is possible for low-score IMGs mainly at IMG-friendly centers in certain "
        "regions.",
    ),
    _specialty_targets(
        "pediatrics", SWEET_SPOT, ("community_programs",),
        "Pediatrics is most open to low-score IMGs at community programs.",
    ),
    _specialty_targets(
        "pathology", SWEET_SPOT, ("research_focused_programs",),
        "Pathology is research-sensitive; programs with a research focus are the ones "
        "described as more open to IMGs.",
    ),
)

COMBINED_TARGETING = (
    Rule(
        id="targeting.med_peds_programs",
        title="Med-Peds: the IMG-open, visa-sponsoring programs, and where to send the "
              "categorical list",
        strength="should",
        sources=cite("med_peds", "1. Understand the Med-Peds Landscape",
                     "2. Apply Broadly and Intelligently"),
        premises=(given("specialty", "med_peds"),),
        conclusions=(
            targeting(
                "target_img_open_combined_programs",
                ("history_of_matching_imgs", "states_visa_sponsorship",
                 "community_or_university_affiliated"),
                (),
                "There are fewer than about 80 Med-Peds programs, mostly academic: use FREIDA, "
                "program websites and NRMP data to find those that have matched IMGs, state "
                "that they sponsor visas, or are community-based or university-affiliated.",
            ),
            targeting(
                "target_categorical_programs",
                ("university_affiliated_community", "community_hospital",
                 "smaller_cities_or_less_competitive_regions"),
                (),
                "Send the categorical IM/Pediatrics applications to a mix of "
                "university-affiliated community programs and community hospitals in smaller "
                "cities or less competitive regions.",
            ),
        ),
    ),
    Rule(
        id="targeting.med_psych_programs",
        title="Med-Psych: find the programs that interview IMGs and sponsor a J-1",
        strength="should",
        sources=cite("med_psych", "Step 1: Understand the Med\u2011Psych Program Landscape"),
        premises=(given("specialty", "med_psych"),),
        conclusions=(targeting(
            "target_img_open_combined_programs",
            ("history_of_interviewing_or_matching_imgs", "j1_sponsorship", "holistic_review",
             "university_affiliated_community", "interest_in_diversity_and_global_perspectives",
             "psychiatry_or_im_programs_that_take_imgs"),
            (),
            "Find the Med-Psych programs that have interviewed or matched IMGs, sponsor the "
            "visa you need if you need one (at least the J-1) and review holistically; prefer "
            "university-affiliated community programs and institutions whose psychiatry or IM "
            "programs already take IMGs. "
            "Check rosters, FREIDA and NRMP data, and send coordinators brief questions.",
        ),),
    ),
    Rule(
        id="targeting.med_psych_tiers",
        title="Med-Psych with score concerns: a list in reach, realistic and safety tiers",
        strength="should",
        sources=cite("med_psych", "Step 3: Optimizing Program List with Low Scores"),
        premises=(given("specialty", "med_psych"), SCORE_RISK),
        conclusions=(targeting(
            "tier_the_list", (), (),
            "Sort the list into tiers: reach Med-Psych programs (academic, few IMGs; only with "
            "exceptional strengths beyond scores), realistic ones (past IMG matches, J-1, "
            "clinical and community focus), and safety categorical psychiatry or IM programs "
            "that take IMGs with flexible score filters.",
            tiers={
                "reach": ["academic_med_psych_with_few_imgs"],
                "realistic": ["med_psych_with_past_img_matches", "j1_friendly",
                              "clinical_or_community_focus"],
                "safety": ["categorical_psychiatry_or_im_taking_imgs", "flexible_score_filters",
                           "community_or_hybrid_setting"],
            },
        ),),
    ),
)

TARGETING_RULES = (*GENERAL_TARGETING, PREFERENCE_SIGNALS, *SPECIALTY_TARGETING,
                   *COMBINED_TARGETING)

RULES: tuple[Rule, ...] = (*PARALLEL_RULES, *LONG_TERM_RULES, *TARGETING_RULES)


def _emphasis(name: str) -> dict:
    return {"kind": "parallel_plan", "emphasis": name}


INCOMPATIBLE: tuple[Incompatible, ...] = (
    Incompatible(_emphasis("primary"), _emphasis("parallel"),
                 why="a list cannot be mostly the preferred field and mostly IM/FM at once"),
    Incompatible(_emphasis("primary"), _emphasis("parallel_only"),
                 why="applying broadly to a specialty contradicts dropping it"),
    Incompatible(_emphasis("parallel"), _emphasis("parallel_only"),
                 why="keeping a handful of the specialty contradicts dropping it"),
    Incompatible({"kind": "program_targeting", "action": "filter_by_visa", "visa": "j1"},
                 {"kind": "program_targeting", "action": "filter_by_visa", "visa": "h1b"},
                 why="an applicant needs one visa type; the filters differ"),
)
