"""Whether and when to take USMLE Step 3 (recommendation kind ``step3``).

Values: ``take``, ``consider``, ``dont_rush``, ``not_needed``, ``done``. The rules are one
decision table (``TABLE``, priority hit policy): where several rows match, the highest priority
wins.
"""

from __future__ import annotations

from knowledge_base.conditions import at_least, below, one_of
from knowledge_base.decision_table import GIVEN, DecisionTable, Row, bound, input_column
from knowledge_base.facts import recommend
from knowledge_base.rule import Rule
from knowledge_base.rules.scores import SCORE_RISK, STEP1_RISK, STEP2CK_RISK
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["RULES", "TABLE"]

PREP = THRESHOLDS.step3_min_prep_months
UNHURRIED = THRESHOLDS.step3_unhurried_months
WINDOW = THRESHOLDS.step3_window_months
TARGET = THRESHOLDS.step3_target_score

PMR_FAQ = cite("pmr", "2. Is taking Step 3 helpful for PM&R if I have below average board scores?")
STATE_FAQ = cite("state_univ",
                 "3. Should I take Step 3 before applying if my earlier scores are low?")
STATE_MAXIMIZE = cite("state_univ", "1. Maximize Step 2 CK (and Step 3 if feasible)")
MED_PEDS_EXAMS = cite("med_peds", "1. Optimize Remaining Exams (Especially Step 2 CK and Step 3)")


def _step3(value: str, summary: str):
    return recommend("step3", value, summary)


TABLE = DecisionTable(
    kind="step3",
    columns=(input_column("step3.status"), input_column("step1.result"),
             input_column("step2ck.status"),
             input_column("phase"), input_column("visa"), STEP1_RISK, STEP2CK_RISK, SCORE_RISK,
             input_column("months_until_eras")),
    rows=(
        Row("step3.already_passed", "Step 3 is already passed", "info", MED_PEDS_EXAMS,
            {"step3.status": "passed"},
            _step3("done", "Step 3 is passed: list it prominently; a pass shows you handle US "
                           "board exams and removes a worry for visa-sponsoring programs."),
            priority=100),
        Row("step3.retake_when_ready", "After a Step 3 failure, retake only when clearly ready",
            "caution", (*PMR_FAQ, *STATE_FAQ),
            {"step3.status": "failed"},
            _step3("dont_rush", "Retake Step 3 only once practice shows a clearly better result; "
                                "a second weak attempt adds to the red flags."),
            priority=90),
        Row("step3.step1_first", "While Step 1 is not passed, it comes before Step 3", "should",
            (*STATE_MAXIMIZE, *cite("pmr", "Step 2: Optimize Everything You Still Control")),
            {"step1.result": "fail", "step3.status": "not_taken"},
            _step3("dont_rush", "Put Step 3 aside until Step 1 is passed: Step 3 comes after "
                                "Step 1 and Step 2 CK (the documents take that order for "
                                "granted), and a pass on Step 1 is what programs will look for "
                                "first."),
            priority=85),
        Row("step3.step2ck_first", "While Step 2 CK is not passed, it comes before Step 3",
            "should", (*STATE_MAXIMIZE, *cite("pmr", "Step 2: Optimize Everything You Still "
                                                     "Control")),
            {"step2ck.status": one_of("pending", "failed"), "step3.status": "not_taken"},
            _step3("dont_rush", "Put Step 3 aside: Step 2 CK is the make-or-break exam now; aim "
                                "to make it a clear recovery signal."),
            priority=80),
        Row("step3.unmatched_year", "An unmatched year is the time to pass Step 3", "should",
            (*cite("safety_nets", "12. If You Do Not Match: Use That Year Ruthlessly Well"),
             *cite("med_peds", "1. Strengthening Between Cycles (If You Don’t Match)")),
            {"phase": "unmatched", "step3.status": "not_taken"},
            _step3("take", "Pass Step 3 early in the reapplication year, with strong "
                           "preparation; it matters most if you need a visa."),
            priority=70),
        Row("step3.h1b_programs_prefer_step3",
            "Programs that sponsor H-1B often prefer or require Step 3", "should",
            (*PMR_FAQ, *STATE_FAQ, *MED_PEDS_EXAMS),
            {"visa": "h1b", "step3.status": "not_taken"},
            _step3("take", "You need an H-1B: plan to pass Step 3, ideally before ERAS opens, "
                           "and only once you can prepare properly."),
            priority=50),
        Row("step3.h1b_after_submitting",
            "H-1B with too little time before ERAS: submit on time, pass Step 3 before ranking",
            "should", (*PMR_FAQ, *MED_PEDS_EXAMS, *STATE_FAQ),
            {"visa": "h1b", "step3.status": "not_taken", "phase": "preparing",
             "months_until_eras": bound(below(PREP), "months")},
            _step3("take", "You need an H-1B, and programs that sponsor it often prefer or "
                           "require Step 3, but the months left before ERAS opens ({months}) are "
                           "too few to prepare it well (it takes 2–3 months of study). "
                           "Submit ERAS on time, then prepare and pass Step 3 during interview "
                           "season, before rank lists are certified. (No document gives this "
                           "date; it is our reading of their advice not to rush Step 3 or "
                           "delay the application for it.)"),
            priority=55),
        Row("step3.h1b_before_ranking",
            "H-1B, applications in: pass Step 3 before rank lists are certified", "should",
            (*PMR_FAQ, *MED_PEDS_EXAMS, *STATE_FAQ),
            {"visa": "h1b", "step3.status": "not_taken",
             "phase": one_of("applying", "interviewing")},
            _step3("take", "You need an H-1B, and programs that sponsor it often prefer or "
                           "require Step 3. ERAS has opened: if you can give it 2–3 months of "
                           "proper preparation, pass Step 3 during interview season, before rank "
                           "lists are certified; a rushed, borderline attempt would hurt more "
                           "than help. (No document gives this date; it is our reading of "
                           "their advice.)"),
            priority=55),
        Row("step3.both_scores_low_with_time",
            "Both Step 1 and Step 2 CK low, with time to prepare: a solid Step 3 reassures",
            "should",
            (*PMR_FAQ, *STATE_FAQ,
             *cite("state_univ", "Putting It All Together: A Sample Strategic Path")),
            {"Step 1 risk": one_of("step1_low", "step1_failure"), "Step 2 CK risk": "step2ck_low",
             "months_until_eras": bound(at_least(UNHURRIED), "months"),
             "step3.status": "not_taken"},
            _step3("take", "Schedule Step 3 so that it is done before ERAS opens, "
                           "{months} months from now (the state-university guide's sample plan "
                           f"schedules it within {WINDOW} months), and aim above {TARGET}, "
                           "clearly above your Step 2 CK, with structured, question-based study "
                           "alongside a mentor or a study group; a solid pass reassures programs "
                           "about board exams."),
            priority=40),
        Row("step3.no_time_before_eras", "Too little time before ERAS to prepare Step 3 well",
            "caution",
            (*PMR_FAQ, *STATE_FAQ, *cite("med_psych", "When to Consider Retaking or Delaying")),
            {"score risk": GIVEN, "months_until_eras": bound(below(PREP), "months"),
             "phase": "preparing", "step3.status": "not_taken"},
            _step3("dont_rush", "With {months} months before ERAS there is not enough time to "
                                "prepare Step 3 well; do not add a rushed borderline score or "
                                "delay your application for it."),
            priority=35),
        Row("step3.low_step2ck",
            "A low Step 2 CK: Step 3 helps if you can score clearly better before ERAS",
            "consider", (*STATE_MAXIMIZE, *MED_PEDS_EXAMS),
            {"Step 2 CK risk": "step2ck_low", "step3.status": "not_taken"},
            _step3("consider", "Consider Step 3 if practice shows you can move from weak to "
                               "solid and finish it before ERAS opens."),
            priority=30),
        Row("step3.borderline_step2ck",
            "A borderline Step 2 CK: Step 3 helps only with a clearly higher score", "consider",
            cite("med_psych", "When to Consider Retaking or Delaying"),
            {"Step 2 CK risk": "step2ck_borderline", "step3.status": "not_taken"},
            _step3("consider", "Consider Step 3 only if you can reach a clearly higher score "
                               "with time to spare before ERAS deadlines."),
            priority=30),
        Row("step3.not_required", "Step 3 is not required to match", "consider", PMR_FAQ,
            {"step3.status": "not_taken"},
            _step3("not_needed", "Step 3 is not required for the match; nothing in your profile "
                                 "calls for it before applying."),
            priority=0),
    ),
)

RULES: tuple[Rule, ...] = TABLE.rules()
