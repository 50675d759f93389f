"""Whether and when to take USMLE Step 3 (recommendation kind ``step3``).

Values: ``take``, ``consider``, ``dont_rush``, ``not_needed``, ``done``. Several rules may
propose a value; the most specific one wins (see ``Rule.specificity``).
"""

from __future__ import annotations

from knowledge_base.conditions import at_least, below, fact, given, one_of
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.rule import Rule
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

PREP = THRESHOLDS.step3_min_prep_months
UNHURRIED = THRESHOLDS.step3_unhurried_months

NOT_TAKEN = given("step3.status", "not_taken")
PMR_FAQ = cite("pmr", "2. Is taking Step 3 helpful for PM&R if I have below average board scores?")
STATE_FAQ = cite("state_univ", "3. Should I take Step 3 before applying if my earlier scores are low?")
STATE_MAXIMIZE = cite("state_univ", "1. Maximize Step 2 CK (and Step 3 if feasible)")
MED_PEDS_EXAMS = cite("med_peds", "1. Optimize Remaining Exams (Especially Step 2 CK and Step 3)")


def _step3(value: str, summary: str):
    return recommend("step3", value, summary)


RULES: tuple[Rule, ...] = (
    Rule(
        id="step3.already_passed",
        title="Step 3 is already passed",
        strength="info",
        sources=MED_PEDS_EXAMS,
        premises=(given("step3.status", "passed"),),
        conclusions=(_step3("done", "Step 3 is passed: list it prominently; it shows the upward "
                                    "trend and removes a worry for visa-sponsoring programs."),),
        specificity=100,
    ),
    Rule(
        id="step3.retake_when_ready",
        title="After a Step 3 failure, retake only when clearly ready",
        strength="caution",
        sources=(*PMR_FAQ, *STATE_FAQ),
        premises=(given("step3.status", "failed"),),
        conclusions=(_step3("dont_rush", "Retake Step 3 only once practice shows a clearly "
                                         "better result; a second weak attempt adds to the red "
                                         "flags."),),
        specificity=90,
    ),
    Rule(
        id="step3.step2ck_first",
        title="While Step 2 CK is not passed, it comes before Step 3",
        strength="should",
        sources=(*STATE_MAXIMIZE, *cite("pmr", "Step 2: Optimize Everything You Still Control")),
        premises=(given("step2ck.status", one_of("pending", "failed")), NOT_TAKEN),
        conclusions=(_step3("dont_rush", "Put Step 3 aside: Step 2 CK is the make-or-break exam "
                                         "now; aim to make it a clear recovery signal."),),
        specificity=80,
    ),
    Rule(
        id="step3.unmatched_year",
        title="An unmatched year is the time to pass Step 3",
        strength="should",
        sources=(
            *cite("safety_nets", "12. If You Do Not Match: Use That Year Ruthlessly Well"),
            *cite("med_peds", "1. Strengthening Between Cycles (If You Don’t Match)"),
        ),
        premises=(given("phase", "unmatched"), NOT_TAKEN),
        conclusions=(_step3("take", "Pass Step 3 early in the reapplication year, with strong "
                                    "preparation; it matters most if you need a visa."),),
        specificity=70,
    ),
    Rule(
        id="step3.h1b_programs_prefer_step3",
        title="Programs that sponsor H-1B often prefer or require Step 3",
        strength="should",
        sources=(*PMR_FAQ, *STATE_FAQ, *MED_PEDS_EXAMS),
        premises=(given("visa", "h1b"), NOT_TAKEN),
        conclusions=(_step3("take", "You need an H-1B: plan to pass Step 3, ideally before ERAS "
                                    "opens, and only once you can prepare properly."),),
        specificity=50,
    ),
    Rule(
        id="step3.both_scores_low_with_time",
        title="Both Step 1 and Step 2 CK low, with time to prepare: a solid Step 3 reassures",
        strength="should",
        sources=(
            *PMR_FAQ, *STATE_FAQ,
            *cite("state_univ", "Putting It All Together: A Sample Strategic Path"),
        ),
        premises=(
            fact(RiskFactor, name=one_of("step1_low", "step1_failure")),
            fact(RiskFactor, name="step2ck_low"),
            given("months_until_eras", at_least(UNHURRIED), bind="months"),
            NOT_TAKEN,
        ),
        conclusions=(_step3("take", "Schedule Step 3 within the {months} months before ERAS and "
                                    "aim clearly above your Step 2 CK; a solid pass reassures "
                                    "programs about board exams."),),
        specificity=40,
    ),
    Rule(
        id="step3.no_time_before_eras",
        title="Too little time before ERAS to prepare Step 3 well",
        strength="caution",
        sources=(*PMR_FAQ, *STATE_FAQ, *cite("med_psych", "When to Consider Retaking or Delaying")),
        premises=(
            fact(RiskFactor, area="scores"),
            given("months_until_eras", below(PREP), bind="months"),
            given("phase", "preparing"),
            NOT_TAKEN,
        ),
        conclusions=(_step3("dont_rush", "With {months} months before ERAS there is not enough "
                                         "time to prepare Step 3 well; do not add a rushed "
                                         "borderline score or delay your application for it."),),
        specificity=35,
    ),
    Rule(
        id="step3.low_step2ck",
        title="A low Step 2 CK: Step 3 helps if you can score clearly better before ERAS",
        strength="consider",
        sources=(*STATE_MAXIMIZE, *MED_PEDS_EXAMS),
        premises=(fact(RiskFactor, name="step2ck_low"), NOT_TAKEN),
        conclusions=(_step3("consider", "Consider Step 3 if practice shows you can move from weak "
                                        "to solid and finish it before ERAS opens."),),
        specificity=30,
    ),
    Rule(
        id="step3.borderline_step2ck",
        title="A borderline Step 2 CK: Step 3 helps only with a clearly higher score",
        strength="consider",
        sources=cite("med_psych", "When to Consider Retaking or Delaying"),
        premises=(fact(RiskFactor, name="step2ck_borderline"), NOT_TAKEN),
        conclusions=(_step3("consider", "Consider Step 3 only if you can reach a clearly higher "
                                        "score with time to spare before ERAS deadlines."),),
        specificity=30,
    ),
    Rule(
        id="step3.not_required",
        title="Step 3 is not required to match",
        strength="consider",
        sources=PMR_FAQ,
        premises=(NOT_TAKEN,),
        conclusions=(_step3("not_needed", "Step 3 is not required for the match; nothing in your "
                                          "profile calls for it before applying."),),
        specificity=0,
    ),
)
