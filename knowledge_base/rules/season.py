"""The application season and what follows it: the Step 2 CK still to pass, when to submit (or
whether to wait a year), too few interviews mid-season, the rank list, and the unmatched year.

Every value is a dict with an ``action`` (a snake_case verb phrase); the other keys depend on
the action and hold numbers or lists of snake_case identifiers:

=============== ======================================= ==========================================
kind            action                                  other keys
=============== ======================================= ==========================================
exam_plan       make_step2ck_decisive                   —
                outscore_step1                          min_gain, max_gain (points over Step 1)
                book_when_practice_at_target            practice_exams (list)
                keep_preparing                          practice_target (score)
                schedule_best_window                    deadline ("eras_opening")
                daily_timed_questions                   min_questions, max_questions, resources
timing          submit_on_day_one                       complete_file (list of file parts)
                complete_ecfmg_certification            —
                delay_one_year                          focus (what the year is for)
                stay_in_cycle                           prepare_for (list)
                dont_delay_for_step3                    —
mid_season      expand_applications                     min_programs, max_programs, targets
                send_interest_emails                    min_programs, max_programs,
                                                        min_sentences, max_sentences, mention
                ask_us_contacts_for_support             contacts (list)
                follow_seven_day_plan                   steps (list, in order)
                plan_backup_pathway                     items (list)
rank_list       tier_programs                           tiers, audit (lists)
                balance_tiers                           percent: {tier: {min, max}}
                rank_safeties_high                      max_reach_on_top
                rank_imperfect_over_unmatched           exclude_if (list)
                check_aiming_too_high                   red_flags (list)
                get_honest_review                       reviewers (list)
unmatched_plan  request_feedback                        ask (list)
                analyze_last_cycle                      review (list)
                prioritize_the_year                     priorities (list, most important first)
                plan_soap                               decide (list)
                reapply_img_heavy                       targets (list)
                strengthen_in_field                     field, steps (list)
=============== ======================================= ==========================================

Delaying the application and submitting on day one contradict each other (see
``INCOMPATIBLE``). Each day-one rule fails a premise that every delay rule needs (a Step 2 CK
above the floor of its specialty's scale, strong hands-on USCE or research beside a score under
it, a practice score at the target, a Step 2 CK to retake with at most one of the delay risks),
so no profile gets both.

"Under the floor" is the ``step2ck_very_low`` risk factor (``knowledge_base.rules.scores``):
under 220 on the general and Med-Psych scales (`safety_nets` FAQ 1), under 210 on the PM&R
scale, whose 210–224 is borderline (`pmr` § What Is “Low” in the PM&R Context?). A taken score
above the floor is a score with no such factor; a retake on time is one without two of the
delay risks: the negated premises of these rules.
"""

from __future__ import annotations

from itertools import combinations

import attrs

from knowledge_base.conditions import absent, at_least, below, fact, given, none_of, one_of
from knowledge_base.consistency import Incompatible
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.scores import FLOOR, UNDER_220
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["INCOMPATIBLE", "RULES"]

# ---------------------------------------------------------------------------------------------
# Numbers, from thresholds.toml. The two score edges are read from the general Step 2 CK scale.

_EDGE = {band.name: band.low for band in THRESHOLDS.default_scale("step2ck").bands}
VERY_LOW_BELOW = _EDGE["low"]        # 220: safety_nets FAQ 1's "under 220" case
PMR_FLOOR = next(band.low for scale in THRESHOLDS.scales if scale.id == "pmr"
                 for band in scale.bands if band.name == "borderline")  # 210: pmr's floor
PRACTICE_TARGET = _EDGE["borderline"]  # 225: below it a Step 2 CK is low (state_univ, safety_nets)

STEP1_GAIN = THRESHOLDS.exams.step2ck_gain_over_step1
DAILY_QUESTIONS = THRESHOLDS.exams.daily_questions
STRONG_USCE_MONTHS = THRESHOLDS.usce.strong_hands_on_months
OLDER_GRADUATE_YEARS = THRESHOLDS.continuity.older_graduate_years
FEW_INTERVIEWS = THRESHOLDS.mid_season.reasonable_interviews.min
"""Fewer interviews than a reasonable number are too few."""
EXPAND_PROGRAMS = THRESHOLDS.mid_season.expand_programs
INTEREST_EMAILS = THRESHOLDS.mid_season.interest_emails
EMAIL_SENTENCES = THRESHOLDS.mid_season.email_sentences
RANK_MIX = THRESHOLDS.rank_list.percent
MAX_REACH_ON_TOP = THRESHOLDS.rank_list.max_reach_on_top

# ---------------------------------------------------------------------------------------------
# Sources.

PMR_CONTROL = cite("pmr", "Step 2: Optimize Everything You Still Control")
STATE_MAXIMIZE = cite("state_univ", "1. Maximize Step 2 CK (and Step 3 if feasible)")
MED_PEDS_EXAMS = cite("med_peds", "1. Optimize Remaining Exams (Especially Step 2 CK and Step 3)")
PMR_EARLY = cite("pmr", "Applying Early and Completely")
MED_PSYCH_ERAS = cite("med_psych", "ERAS Season")
MED_PEDS_DELAY = cite("med_peds", "2. Should I delay my application to improve my Step 2 CK score?")
MED_PSYCH_DELAY = cite("med_psych", "When to Consider Retaking or Delaying")
MID_SEASON = "6. Expanding Your Safety Net: Mid-Season Adjustments"
SEVEN_DAY = "9. A Practical 7-Day Action Plan To Fix Your Strategy"
DAY_4_5 = "Day 4–5: Expansion (if application season still open)"
RANK_FRAMEWORK = "5. Rebuilding Your Rank List: A Practical Framework"
UNMATCHED_YEAR = "12. If You Do Not Match: Use That Year Ruthlessly Well"
PMR_UNMATCHED = cite("pmr", "If You Don’t Match in PM&R")
MED_PEDS_UNMATCHED = cite("med_peds", "1. Strengthening Between Cycles (If You Don’t Match)")
MED_PSYCH_UNMATCHED = cite("med_psych", "If You Don’t Match")

# ---------------------------------------------------------------------------------------------
# Premises used by several rules.

PREPARING = given("phase", "preparing")
STEP2CK_OPEN = given("step2ck.status", one_of("pending", "failed"))
PENDING = given("step2ck.status", "pending")
LOW_PRACTICE = given("step2ck.practice_score", below(PRACTICE_TARGET))
VERY_LOW_SCORE = fact(RiskFactor, name=FLOOR)
ABOVE_FLOOR = (given("step2ck.score"), absent(VERY_LOW_SCORE))
"""A Step 2 CK taken, above the floor of its scale."""
SCORE_RISK = fact(RiskFactor, area="scores")
NOT_STRONG_USCE = given("usce.hands_on_months", below(STRONG_USCE_MONTHS))
NO_RESEARCH = given("research_outputs", below(1))
IN_SEASON = given("phase", one_of("applying", "interviewing"))
FEW = given("interviews", below(FEW_INTERVIEWS), bind="interviews")
AROUND_RANKING = given("phase", one_of("interviewing", "ranking"))
HAS_INTERVIEWS = absent(given("interviews", 0))
"""No rank list to build without an interview (safety_nets § 9, Day 6: SOAP and the next
cycle instead)."""
UNMATCHED = given("phase", "unmatched")

DELAY_RISKS = {
    "low_step1": ("a low or failed Step 1",
                  fact(RiskFactor, name=one_of("step1_low", "step1_failure"))),
    "no_usce": ("no USCE", fact(RiskFactor, name="no_usce")),
    "older_graduate": ("an older graduation year",
                       given("years_since_graduation", at_least(OLDER_GRADUATE_YEARS))),
}
"""med_peds FAQ 2's risk factors (name: words, premise); two or more make a delay worth it."""


def _advice(kind: str, action: str, summary: str, **details):
    return recommend(kind, {"action": action, **details}, summary)

# ---------------------------------------------------------------------------------------------
# (a) Step 2 CK still to pass.

EXAM_RULES: tuple[Rule, ...] = (
    Rule(
        id="exam_plan.step2ck_decisive",
        title="A Step 2 CK still to pass is the make-or-break exam",
        strength="should",
        sources=(*STATE_MAXIMIZE, *PMR_CONTROL, *MED_PEDS_EXAMS),
        premises=(STEP2CK_OPEN,),
        conclusions=(_advice("exam_plan", "make_step2ck_decisive",
                             "Step 2 CK is now the score programs screen on: prepare for it as "
                             "the exam that decides your application, and aim for a result "
                             "that shows sound clinical reasoning and reads as a clear "
                             "recovery, not a bare pass."),),
    ),
    Rule(
        id="exam_plan.outscore_step1",
        title=f"With a numeric Step 1, aim Step 2 CK {STEP1_GAIN} points or more above it",
        strength="should",
        sources=(*STATE_MAXIMIZE, *MED_PEDS_EXAMS),
        premises=(STEP2CK_OPEN, given("step1.score", bind="step1")),
        conclusions=(_advice("exam_plan", "outscore_step1",
                             f"Your Step 1 was {{step1}}: set your Step 2 CK target at least "
                             f"{STEP1_GAIN} points higher, so the rise is visible at a "
                             f"glance.",
                             min_gain=STEP1_GAIN.min, max_gain=STEP1_GAIN.max),),
    ),
    Rule(
        id="exam_plan.book_when_practice_at_target",
        title="Register for Step 2 CK only once practice exams reach the target",
        strength="should",
        sources=(*MED_PEDS_EXAMS, *PMR_CONTROL),
        premises=(STEP2CK_OPEN,),
        conclusions=(_advice("exam_plan", "book_when_practice_at_target",
                             "Take several NBME practice exams and book the test only when "
                             "they are at or above your target score.",
                             practice_exams=["nbme"]),),
    ),
    Rule(
        id="exam_plan.practice_below_target",
        title="Practice scores in the low range: keep preparing before booking",
        strength="caution",
        sources=(*MED_PEDS_EXAMS, *PMR_CONTROL),
        premises=(PENDING, given("step2ck.practice_score", below(PRACTICE_TARGET),
                                 bind="practice")),
        conclusions=(_advice("exam_plan", "keep_preparing",
                             f"Your latest practice score, {{practice}}, is in the range "
                             f"programs treat as low (below {PRACTICE_TARGET}): do not book yet; "
                             f"a later test date beats a rushed mediocre score.",
                             practice_target=PRACTICE_TARGET),),
    ),
    Rule(
        id="exam_plan.best_window_before_eras",
        title="Test in your best window, but with the result in before ERAS opens",
        strength="should",
        sources=PMR_CONTROL,
        premises=(STEP2CK_OPEN, PREPARING),
        conclusions=(_advice("exam_plan", "schedule_best_window",
                             "Pick the date when you will be best prepared, even if it is a "
                             "little later, but not so late that your application misses the "
                             "opening of ERAS in the season you apply.",
                             deadline="eras_opening"),),
    ),
    Rule(
        id="exam_plan.daily_timed_questions",
        title="Prepare with a daily quota of timed, random question-bank questions",
        strength="consider",
        sources=(*STATE_MAXIMIZE, *MED_PEDS_EXAMS),
        premises=(STEP2CK_OPEN,),
        conclusions=(_advice("exam_plan", "daily_timed_questions",
                             f"Work through {DAILY_QUESTIONS} timed, random questions a day "
                             f"from a high-yield question bank (UWorld first) and study every "
                             f"explanation.",
                             min_questions=DAILY_QUESTIONS.min, max_questions=DAILY_QUESTIONS.max,
                             resources=["uworld", "amboss", "nbme_practice_exams"]),),
    ),
)

# ---------------------------------------------------------------------------------------------
# (b) Timing: submit on day one, or wait a year.

DELAY_FOR_STEP2CK = _advice(
    "timing", "delay_one_year",
    "Consider applying a year later: with Step 2 CK not yet taken, low practice scores and "
    "several risk factors, a clearly better Step 2 CK is worth the wait, provided you can stay "
    "clinically or academically active and afford the gap (money and visa).",
    focus=["step2ck"],
)

DELAY_FOR_RETAKE = _advice(
    "timing", "delay_one_year",
    "Consider applying a year later: with Step 2 CK still to pass and several risk factors, a "
    "clear pass on the retake is worth the wait, provided you can stay clinically or "
    "academically active and afford the gap (money and visa).",
    focus=["step2ck"],
)
FAILED = given("step2ck.status", "failed")

DAY_ONE = _advice(
    "timing", "submit_on_day_one",
    "Submit ERAS on the first day it accepts applications, with the file complete: final "
    "personal statement, common application form, current CV and the letters uploaded. With "
    "low scores, a late file is read after interview slots have gone.",
    complete_file=["personal_statement", "common_application_form", "cv", "letters"],
)


CARRIED_OVER = (" (This advice comes from the Med-Peds guide; the other documents give no "
                "rule of their own for delaying over a Step 2 CK still to pass (the safety-net "
                "guide's wait-a-year advice is for a score already under 220), and the "
                "state-university guide agrees that a longer route of a year or two may be "
                "needed.)")
DELAY_SPECIALTIES = (
    ("", "", given("specialty", "med_peds"), (), ""),
    # pmr's own advice is the opposite: test in the best window, not missing ERAS opening.
    (".carried_over", " (the Med-Peds guide's advice, carried over)",
     given("specialty", none_of("med_peds", "pmr")),
     cite("state_univ", "1. Can a non-US citizen IMG with low Step scores realistically match "
                        "into a state university residency?"), CARRIED_OVER),
)
"""Where med_peds FAQ 2's delay applies: Med-Peds itself, and, said to be carried over, every
specialty whose own document does not contradict it."""


def _delay_for_step2ck_rules() -> tuple[Rule, ...]:
    """Two or more of the risk factors: one rule per pair (there is no OR inside a rule), for
    a Step 2 CK not yet taken with low practice scores and for one still to pass after a
    failure alike, in Med-Peds and carried over to the specialties that allow it."""
    exams = (
        ("", "Step 2 CK not taken, practice scores low", (PENDING, LOW_PRACTICE),
         DELAY_FOR_STEP2CK),
        ("retake.", "Step 2 CK still to pass", (FAILED,), DELAY_FOR_RETAKE),
    )
    return tuple(
        Rule(
            id=f"timing.delay_for_step2ck.{prefix}{first}_and_{second}{suffix}",
            title=f"{words}, {DELAY_RISKS[first][0]} and {DELAY_RISKS[second][0]}: a year's "
                  f"delay can pay off{said}",
            strength="consider",
            sources=(*MED_PEDS_DELAY, *MED_PEDS_EXAMS, *more_sources),
            premises=(PREPARING, specialty, *exam, DELAY_RISKS[first][1],
                      DELAY_RISKS[second][1]),
            conclusions=(attrs.evolve(advice, summary=advice.summary + note),),
        )
        for suffix, said, specialty, more_sources, note in DELAY_SPECIALTIES
        for prefix, words, exam, advice in exams
        for first, second in combinations(DELAY_RISKS, 2)
    )


def _retake_on_time_rules() -> tuple[tuple[str, str, tuple], ...]:
    """A Step 2 CK to retake with at most one of the delay risks: for each pair of risks, a
    case where both are absent (the delay rules need two present)."""
    return tuple(
        (f"step2ck_retake.without_{first}_or_{second}",
         f"Step 2 CK to retake, without {DELAY_RISKS[first][0]} or {DELAY_RISKS[second][0]}",
         (FAILED, absent(DELAY_RISKS[first][1]), absent(DELAY_RISKS[second][1])))
        for first, second in combinations(DELAY_RISKS, 2)
    )


def _day_one_rules() -> tuple[Rule, ...]:
    """Submit on day one where a test shows that no delay rule applies: each case below fails
    one premise that every delay rule needs. A pending Step 2 CK without a practice score at
    the target gets no day-one rule: there, the exam plan's timing advice stands alone."""
    cases = (
        ("step2ck_not_very_low", "Step 2 CK above the floor of its scale", ABOVE_FLOOR),
        ("usce_offsets_low_score", "Step 2 CK very low but strong hands-on USCE",
         (VERY_LOW_SCORE, given("usce.hands_on_months", at_least(STRONG_USCE_MONTHS)))),
        ("research_offsets_low_score", "Step 2 CK very low but research to show",
         (VERY_LOW_SCORE, given("research_outputs", at_least(1)))),
        ("practice_at_target", "Step 2 CK pending with practice scores at the target",
         (given("step2ck.practice_score", at_least(PRACTICE_TARGET)),)),
        *_retake_on_time_rules(),
    )
    return tuple(
        Rule(
            id=f"timing.submit_on_day_one.{name}",
            title=f"Submit a complete ERAS file on the first day ({words})",
            strength="must",
            sources=(*PMR_EARLY, *MED_PSYCH_ERAS),
            premises=(PREPARING, *premises),
            conclusions=(DAY_ONE,),
        )
        for name, words, premises in cases
    )


TIMING_RULES: tuple[Rule, ...] = (
    *_day_one_rules(),
    *_delay_for_step2ck_rules(),
    Rule(
        id="timing.delay_to_strengthen",
        title="Step 2 CK very low for the specialty, not applied yet, no strong USCE or "
              "research: wait a year",
        strength="consider",
        sources=UNDER_220,
        premises=(PREPARING, VERY_LOW_SCORE, NOT_STRONG_USCE, NO_RESEARCH),
        conclusions=(_advice("timing", "delay_one_year",
                             f"With a very low Step 2 CK (under {VERY_LOW_BELOW}, or under "
                             f"{PMR_FLOOR} for PM&R) and neither strong US "
                             f"clinical experience nor research yet, a year spent on hands-on "
                             f"USCE, Step 3 and strong letters before applying usually gives "
                             f"better odds than applying now.",
                             focus=["usce", "step3", "us_letters"]),),
    ),
    Rule(
        id="timing.stay_in_cycle_very_low_step2ck",
        title="Already applied with a very low Step 2 CK: keep going, ready for SOAP",
        strength="should",
        sources=UNDER_220,
        premises=(given("phase", one_of("applying", "interviewing", "ranking")), VERY_LOW_SCORE),
        conclusions=(_advice("timing", "stay_in_cycle",
                             "You have applied: see this cycle through, leaning on IMG-heavy "
                             "IM/FM programs, and have a SOAP plan and a reapplication plan "
                             "ready.",
                             prepare_for=["soap", "reapplication"]),),
    ),
    Rule(
        id="timing.ecfmg_certification_early",
        title="Get ECFMG certification on track as early as possible",
        strength="should",
        sources=PMR_EARLY,
        premises=(given("phase", one_of("preparing", "applying")),
                  given("ecfmg_certified", False)),
        conclusions=(_advice("timing", "complete_ecfmg_certification",
                             "Your ECFMG certification is not complete: move it forward now so "
                             "that it is not the reason a program passes over your file."),),
    ),
    Rule(
        id="timing.dont_delay_for_step3",
        title="Do not hold the application back for Step 3 alone",
        strength="caution",
        sources=MED_PSYCH_DELAY,
        premises=(
            PREPARING,
            given("step3.status", "not_taken"),
            *ABOVE_FLOOR,
            fact(RiskFactor, name=one_of("step2ck_low", "step2ck_borderline")),
        ),
        conclusions=(_advice("timing", "dont_delay_for_step3",
                             "If Step 3 cannot be done before ERAS, apply on time anyway; "
                             "postpone the application for Step 3 only if a mentor you trust "
                             "thinks it would change your chances substantially."),),
    ),
)

# ---------------------------------------------------------------------------------------------
# (c) Mid-season, too few interviews.

MID_SEASON_RULES: tuple[Rule, ...] = (
    Rule(
        id="mid_season.expand_applications",
        title=f"Too few interviews: apply to {EXPAND_PROGRAMS} more IMG-heavy programs in "
              f"high-yield regions",
        strength="should",
        sources=cite("safety_nets", MID_SEASON, "1. Expand your application list to high-yield "
                                                "regions", SEVEN_DAY, DAY_4_5),
        premises=(IN_SEASON, FEW),
        conclusions=(_advice("mid_season", "expand_applications",
                             f"Interviews so far: {{interviews}}, too few. Add "
                             f"{EXPAND_PROGRAMS} programs that sponsor your visa and have "
                             f"recent IMG residents, in the Midwest, the South and rural areas, "
                             f"especially ones still interviewing late.",
                             min_programs=EXPAND_PROGRAMS.min, max_programs=EXPAND_PROGRAMS.max,
                             targets=["img_heavy", "sponsors_needed_visa", "recent_img_residents",
                                      "midwest_community", "southern_or_rural",
                                      "late_or_rolling_interviews"]),),
    ),
    Rule(
        id="mid_season.interest_emails",
        title=f"Send {INTEREST_EMAILS} short, specific interest emails to program directors or "
              f"coordinators",
        strength="should",
        sources=cite("safety_nets", MID_SEASON, "2. Send targeted, concise interest emails",
                     SEVEN_DAY, DAY_4_5, "3. Is it dishonest to email programs highlighting my "
                                         "strengths when I know my scores are weak?"),
        premises=(IN_SEASON, FEW),
        conclusions=(_advice("mid_season", "send_interest_emails",
                             f"Write to the director or coordinator of {INTEREST_EMAILS} of "
                             f"these programs, {EMAIL_SENTENCES} sentences each: your scores "
                             f"stated plainly, ECFMG status, US experience, visa needs and one "
                             f"real reason for that program, with your ERAS CV or AAMC ID. No "
                             f"generic mass mail.",
                             min_programs=INTEREST_EMAILS.min, max_programs=INTEREST_EMAILS.max,
                             min_sentences=EMAIL_SENTENCES.min, max_sentences=EMAIL_SENTENCES.max,
                             mention=["usmle_scores", "ecfmg_status", "usce", "visa_needs",
                                      "program_specific_reason"]),),
    ),
    Rule(
        id="mid_season.us_contacts",
        title="Ask US contacts for a short email of support",
        strength="consider",
        sources=cite("safety_nets", MID_SEASON, "3. Leverage any US contacts"),
        premises=(IN_SEASON, FEW),
        conclusions=(_advice("mid_season", "ask_us_contacts_for_support",
                             "Ask anyone with a link to a program (an attending who trained "
                             "there, an alumnus of your school in US residency, a mentor who "
                             "knows the director) for a brief email supporting you.",
                             contacts=["attending_who_trained_there", "alumnus_in_us_residency",
                                       "mentor_who_knows_the_pd"]),),
    ),
    Rule(
        id="mid_season.seven_day_plan",
        title="Fix the strategy within a week: audit, re-rank, expand, plan a backup, get a check",
        strength="should",
        sources=cite("safety_nets", SEVEN_DAY),
        premises=(IN_SEASON, FEW),
        conclusions=(_advice("mid_season", "follow_seven_day_plan",
                             "Over the next week: list every program with its city, type, IMG "
                             "share and visa policy and mark it reach, match or safety; move "
                             "IMG-heavy programs up; add programs and send emails; plan SOAP "
                             "and next cycle; then have someone experienced check the result.",
                             steps=["audit_programs", "restructure_rank_list",
                                    "expand_and_email", "plan_backup_pathway",
                                    "get_honest_review"]),),
    ),
    Rule(
        id="mid_season.backup_pathway",
        title="Under-interviewed: map out SOAP and next cycle now",
        strength="should",
        sources=cite("safety_nets", SEVEN_DAY, "Day 6: Backup pathway planning"),
        premises=(given("phase", one_of("applying", "interviewing", "ranking")), FEW),
        conclusions=(_advice("mid_season", "plan_backup_pathway",
                             "With {interviews} interviews, prepare the fallback now: which "
                             "specialties and program types you would try in SOAP, what you "
                             "would improve for next cycle (USCE, research, Step 3), and one "
                             "US-based activity to line up.",
                             items=["soap_strategy", "next_cycle_improvements",
                                    "us_based_activity"]),),
    ),
)

# ---------------------------------------------------------------------------------------------
# (d) The rank list.

MIX_WORDS = ", ".join(f"{span}% {tier}" for tier, span in RANK_MIX.items())

RANK_RULES: tuple[Rule, ...] = (
    Rule(
        id="rank_list.tier_programs",
        title="Sort every interview honestly into reach, match and safety",
        strength="should",
        sources=cite("safety_nets", RANK_FRAMEWORK, "Tier your interviews honestly",
                     "Day 1–2: Data audit"),
        premises=(AROUND_RANKING, HAS_INTERVIEWS),
        conclusions=(_advice("rank_list", "tier_programs",
                             "Note each program's city, type (university or community), IMG "
                             "share and visa policy, then call it reach (you are below its "
                             "range or it takes few IMGs), match (you fit its norms) or safety "
                             "(many IMGs, modest name, unglamorous place).",
                             tiers=["reach", "match", "safety"],
                             audit=["city_state", "program_type", "img_percent",
                                    "visa_status"]),),
    ),
    Rule(
        id="rank_list.balance_tiers",
        title=f"With score concerns: {MIX_WORDS}",
        strength="should",
        sources=cite("safety_nets", RANK_FRAMEWORK, "Tier your interviews honestly"),
        premises=(AROUND_RANKING, HAS_INTERVIEWS, SCORE_RISK),
        conclusions=(_advice("rank_list", "balance_tiers",
                             f"Build the list for survival: {MIX_WORDS}.",
                             percent={tier: span.as_dict() for tier, span in RANK_MIX.items()}),),
    ),
    Rule(
        id="rank_list.rank_safeties_high",
        title="Rank by preference, but keep the real safety nets high",
        strength="should",
        sources=cite("safety_nets", RANK_FRAMEWORK, "How to rank when you liked a “reach” place "
                                                    "more", "Concrete example",
                     "Day 3: Rank list restructuring (if applicable)"),
        premises=(AROUND_RANKING, HAS_INTERVIEWS, SCORE_RISK),
        conclusions=(_advice("rank_list", "rank_safeties_high",
                             f"Order the list by where you would rather train, but put at most "
                             f"{MAX_REACH_ON_TOP} reach programs you truly loved first and the "
                             f"IMG-heavy community and rural programs right after them, not "
                             f"at the bottom where the algorithm reaches them too late.",
                             max_reach_on_top=MAX_REACH_ON_TOP),),
    ),
    Rule(
        id="rank_list.rank_imperfect_over_unmatched",
        title="Rank a merely imperfect IMG-friendly program above no residency",
        strength="should",
        sources=cite("safety_nets", "2. Should I rank a program that seemed disorganized or "
                                    "had bad reviews, just because it is IMG-friendly?",
                     "10. Mental Game: Detach Pride From ZIP Codes"),
        premises=(AROUND_RANKING, HAS_INTERVIEWS),
        conclusions=(_advice("rank_list", "rank_imperfect_over_unmatched",
                             "Rank every program where you could safely finish training, even a "
                             "disorganized or unfashionable one: it beats going unmatched. "
                             "Rank lower or leave out only places with serious danger signs.",
                             exclude_if=["unsafe_patient_care", "chronic_violations",
                                         "residents_warn_applicants_away"]),),
    ),
    Rule(
        id="rank_list.aiming_too_high",
        title="Check the list for signs that it still aims too high",
        strength="caution",
        sources=cite("safety_nets", "8. Red Flags You Are Still Aiming Too High", RANK_FRAMEWORK),
        premises=(AROUND_RANKING, HAS_INTERVIEWS, SCORE_RISK),
        conclusions=(_advice("rank_list", "check_aiming_too_high",
                             "Your list aims too high if its top ten are all big coastal "
                             "cities, most ranked programs have under 20% IMGs, most of it is "
                             "coastal or university-branded with only one or two IMG-heavy "
                             "community programs, better-scoring peers worry about the same "
                             "places, or you count on interviews to close a 20–30 point gap.",
                             red_flags=["top_ten_all_big_coastal_cities",
                                        "most_ranked_under_20_percent_img",
                                        "mostly_coastal_or_university_branded",
                                        "one_or_two_img_heavy_community_programs",
                                        "stronger_peers_worried_about_same_programs",
                                        "relying_on_interviews_to_close_score_gap"]),),
    ),
    Rule(
        id="rank_list.honest_review",
        title="Have someone experienced with IMGs review the list",
        strength="consider",
        sources=cite("safety_nets", SEVEN_DAY, "Day 7: Sanity check with someone experienced"),
        premises=(AROUND_RANKING, HAS_INTERVIEWS, SCORE_RISK),
        conclusions=(_advice("rank_list", "get_honest_review",
                             "Show the list to a faculty member who works with IMGs or a senior "
                             "resident who matched as an IMG, someone who will tell you plainly "
                             "if it is unsafe, and revise it if they hesitate.",
                             reviewers=["faculty_working_with_imgs",
                                        "senior_resident_matched_as_img"]),),
    ),
)

# ---------------------------------------------------------------------------------------------
# (e) Unmatched. Step 3 and prelim positions are decided by step3.unmatched_year and
# backup.unmatched_prelim_positions.

FIELD_STRENGTHENING = (
    ("pmr", "PM&R", PMR_UNMATCHED,
     "a US clinical research post in PM&R or a related field, and more PM&R observerships or "
     "externships",
     ["us_research_position_in_pmr_or_related", "more_pmr_observerships_or_externships"]),
    ("med_peds", "Med-Peds", MED_PEDS_UNMATCHED,
     "rotations that include Med-Peds exposure, letters from clinicians who know your work, "
     "Med-Peds research or mentorship, and clinical work without gaps",
     ["med_peds_relevant_rotations", "letters_from_clinicians_who_know_you",
      "med_peds_research_or_mentorship", "stay_clinically_active"]),
    ("med_psych", "Med-Psych", MED_PSYCH_UNMATCHED,
     "more US clinical experience, a stronger research or clinical record, and a categorical "
     "route toward a med-psych career",
     ["more_usce", "strengthen_research_or_clinical_record",
      "categorical_route_to_med_psych_career"]),
)
"""(specialty, name, sources, what to do in words, the same as identifiers)."""


def _field_rules() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            id=f"unmatched_plan.strengthen_{field}",
            title=f"Unmatched in {name}: strengthen the profile in the field",
            strength="should",
            sources=sources,
            premises=(UNMATCHED, given("specialty", field)),
            conclusions=(_advice("unmatched_plan", "strengthen_in_field",
                                 f"To reapply in {name}, close the gaps your review finds with "
                                 f"{words}.",
                                 field=field, steps=steps),),
        )
        for field, name, sources, words, steps in FIELD_STRENGTHENING
    )


UNMATCHED_RULES: tuple[Rule, ...] = (
    Rule(
        id="unmatched_plan.request_feedback",
        title="Ask mentors and interviewing programs for feedback",
        strength="should",
        sources=(*PMR_UNMATCHED, *MED_PSYCH_UNMATCHED, *MED_PEDS_UNMATCHED),
        premises=(UNMATCHED,),
        conclusions=(_advice("unmatched_plan", "request_feedback",
                             "Ask, tactfully, for detailed feedback from your mentors and from "
                             "programs that interviewed you or where you had a real "
                             "connection.",
                             ask=["mentors", "programs_that_interviewed_you"]),),
    ),
    Rule(
        id="unmatched_plan.post_match_analysis",
        title="Analyse the last cycle honestly before planning the next",
        strength="should",
        sources=(*MED_PEDS_UNMATCHED, *PMR_UNMATCHED),
        premises=(UNMATCHED,),
        conclusions=(_advice("unmatched_plan", "analyze_last_cycle",
                             "Go over the last cycle: how many and which kinds of programs you "
                             "applied to and where, how many interviews came back, how strong "
                             "your letters were, and any red flag beyond scores (gaps, an "
                             "incomplete file).",
                             review=["programs_applied", "program_types_and_regions",
                                     "interviews_received", "letters",
                                     "red_flags_beyond_scores"]),),
    ),
    Rule(
        id="unmatched_plan.year_priorities",
        title="Spend the year on USCE, Step 3, documented activity and new US letters, in order",
        strength="should",
        sources=cite("safety_nets", UNMATCHED_YEAR),
        premises=(UNMATCHED,),
        conclusions=(_advice("unmatched_plan", "prioritize_the_year",
                             "Use the year in this order: hands-on US clinical experience, "
                             "Step 3 passed early (see the Step 3 advice), steady activity you "
                             "can document, then new strong letters from US physicians.",
                             priorities=["hands_on_usce", "step3_early", "documentable_activity",
                                         "new_us_letters"]),),
    ),
    Rule(
        id="unmatched_plan.soap_strategy",
        title="Have a SOAP strategy",
        strength="should",
        sources=(*cite("safety_nets", SEVEN_DAY, "Day 6: Backup pathway planning"),
                 *UNDER_220),
        premises=(UNMATCHED,),
        conclusions=(_advice("unmatched_plan", "plan_soap",
                             "If SOAP is still ahead, decide which specialties and which types "
                             "of program you will apply to in it before it opens.",
                             decide=["specialties", "program_types"]),),
    ),
    Rule(
        id="unmatched_plan.reapply_img_heavy",
        title="Reapply with a broader, IMG-heavy list",
        strength="should",
        sources=(*cite("safety_nets", UNMATCHED_YEAR), *PMR_UNMATCHED),
        premises=(UNMATCHED,),
        conclusions=(_advice("unmatched_plan", "reapply_img_heavy",
                             "Build the next list around IMG-heavy programs that sponsor your "
                             "visa, spread over more regions than last time, the less "
                             "competitive ones above all.",
                             targets=["img_heavy", "sponsors_needed_visa",
                                      "less_competitive_regions"]),),
    ),
    *_field_rules(),
)

RULES: tuple[Rule, ...] = (*EXAM_RULES, *TIMING_RULES, *MID_SEASON_RULES, *RANK_RULES,
                           *UNMATCHED_RULES)

DELAY = {"kind": "timing", "action": "delay_one_year"}
INCOMPATIBLE: tuple[Incompatible, ...] = (
    Incompatible(DELAY, {"kind": "timing", "action": "submit_on_day_one"},
                 why="one cannot both wait a year and submit on the first day of this cycle"),
    Incompatible(DELAY, {"kind": "timing", "action": "stay_in_cycle"},
                 why="waiting a year only makes sense before applying; once applied, stay in"),
    Incompatible(DELAY, {"kind": "timing", "action": "dont_delay_for_step3"},
                 why="advice not to delay for Step 3 assumes the application goes ahead now"),
)
