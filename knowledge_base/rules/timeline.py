"""The plan: which stage of the cycle each recommendation is carried out in, and whether the
time-consuming steps fit the months there are.

The plan rules run after the consultation, on the recommendations that stand and the profile's
inputs (``expert.plan``). Each ``Task`` below is one step an applicant takes; a task is placed in
a stage (``knowledge_base.stages``) that depends on the phase, with a rank that orders the steps
of that stage as the documents order them. From each task come rules, one for every phase group
and kind of advice it carries out; a rule concludes the ``PlanStep``, so a step carries out every
recommendation whose rule placed it, and its explanation runs back through them to the profile.

Where the applicant is past a stage's months (12 months before ERAS opens, say, for a step the
documents place 12–18 months before), the step starts now: the plan never dates a step in the
past (``expert.plan``).

Once applications are in (interviewing, ranking), the advice for building an application is
next-cycle advice: its steps go to the stage "if you do not match" (`med_psych` § "If You
Don’t Match"). For the unmatched phase the cycle applied to is the next one, and the
unmatched year comes in `safety_nets` § 12's order: US clinical experience, Step 3, documented
activity, new letters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

import attrs

from knowledge_base.conditions import Pattern, absent, at_least, below, fact, given, one_of
from knowledge_base.facts import PlanBranch, PlanCheck, PlanStep, Proposal
from knowledge_base.inputs import Domain
from knowledge_base.rule import Rule
from knowledge_base.rules.scores import UNDER_220
from knowledge_base.sources import Source, cite
from knowledge_base.stages import stage
from knowledge_base.thresholds import THRESHOLDS, CountRange

__all__ = ["BRANCH_RULES", "FEASIBILITY_RULES", "LOADS", "PLAN_FIELDS", "PLAN_INPUT_DOMAINS",
           "PLAN_RULES", "TASKS", "Place", "Task"]

LOADS = ("full_time", "part_time", "event")

PREPARING = ("preparing",)
APPLYING = ("applying",)
IN_SEASON = ("applying", "interviewing")
INTERVIEWING = ("interviewing",)
APPLICATIONS_IN = ("interviewing", "ranking")
RANKING = ("ranking",)
UNMATCHED = ("unmatched",)
NOT_UNMATCHED = ("preparing", "applying", "interviewing", "ranking")


@attrs.frozen
class Place:
    """Where a task goes for the applicants in ``phases``: a stage, and its rank there."""

    phases: tuple[str, ...]
    stage: str
    rank: int
    title: Optional[str] = None
    """The step's title in this place, when it differs from the task's."""
    sources: tuple[Source, ...] = ()
    """Cited beside the stage's sources."""
    when: tuple[Pattern, ...] = ()
    """Further premises: a phase may be placed twice where these tell the places apart."""
    variant: str = ""
    """Ends the rule id, where a task has two places in one stage."""

    def __attrs_post_init__(self) -> None:
        stage(self.stage)


@attrs.frozen
class Task:
    """A step an applicant takes, the advice it carries out, and where it goes by phase.

    ``advice`` maps a recommendation kind to the actions that belong to this task (empty: any
    action of the kind). ``keep_rank`` orders the time-consuming tasks when they do not all fit
    (1 is kept first).
    """

    id: str
    title: str
    advice: tuple[tuple[str, tuple[str, ...]], ...]
    places: tuple[Place, ...]
    load: str = "event"
    keep_rank: Optional[int] = None
    months: Optional[CountRange] = None
    """How long a full-time task takes where its advice does not say (``min_months`` and
    ``max_months`` in a recommendation's value say it)."""

    def __attrs_post_init__(self) -> None:
        if self.load not in LOADS:
            raise ValueError(f"task {self.id}: load must be one of {', '.join(LOADS)}")
        if (self.load == "full_time") != (self.months is not None):
            raise ValueError(f"task {self.id}: a full-time task, and only one, needs months")
        placed = [(phase, place.when) for place in self.places for phase in place.phases]
        if len(placed) != len(set(placed)):
            raise ValueError(f"task {self.id}: a phase is placed twice")

    def rules(self) -> Iterator[Rule]:
        for place in self.places:
            where = stage(place.stage)
            title = place.title or self.title
            for kind, actions in self.advice:
                advice = (fact(Proposal, kind=kind, action=one_of(*actions)) if actions
                          else fact(Proposal, kind=kind))
                yield Rule(
                    id=f"plan.{self.id}.{place.stage}.{kind}"
                       + (f".{place.variant}" if place.variant else ""),
                    title=f"{title} ({where.title})",
                    strength="info",
                    sources=where.sources + place.sources,
                    premises=(given("phase", one_of(*place.phases)), advice, *place.when),
                    conclusions=(PlanStep(self.id, place.stage, place.rank, title, self.load),),
                )


def _any(*kinds: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((kind, ()) for kind in kinds)


UNMATCHED_YEAR = cite("safety_nets", "12. If You Do Not Match: Use That Year Ruthlessly Well")
NO_TIME_FOR_STEP3 = given("months_until_eras", below(THRESHOLDS.step3_min_prep_months))
"""Fewer months before ERAS opens than Step 3's preparation needs (`med_peds` § 1: 2–3)."""
MID_SEASON = cite("safety_nets", "9. A Practical 7-Day Action Plan To Fix Your Strategy")
NEXT_CYCLE = "For a next cycle, if you do not match"

TASKS: tuple[Task, ...] = (
    # The exams come first among the months before ERAS (med_peds § Step 2).
    Task("sit_step2ck", "Prepare for Step 2 CK and sit it once practice scores reach the target",
         _any("exam_plan"), load="full_time", keep_rank=1,
         months=THRESHOLDS.plan.step2ck_preparation_months, places=(
             Place(PREPARING, "exam_window", 1),
             Place(NOT_UNMATCHED[1:], "interview_season", 1,
                   "Sit Step 2 CK as early in the season as your practice scores allow"),
             Place(UNMATCHED, "reapplication_year", 2))),
    Task("take_step3", "Prepare for and pass Step 3", (("step3", ("take",)),),
         load="full_time", keep_rank=3, months=THRESHOLDS.plan.step3_preparation_months,
         places=(
             Place(PREPARING, "step3_window", 1, when=(absent(NO_TIME_FOR_STEP3),)),
             # Too late to prepare it before ERAS opens (step3.h1b_after_submitting).
             Place(PREPARING, "interview_season", 2,
                   "Prepare for and pass Step 3 after submitting ERAS, before ranking",
                   when=(NO_TIME_FOR_STEP3,), variant="short_notice"),
             Place(UNMATCHED, "reapplication_year", 2),
             # H-1B with the applications in (step3.h1b_before_ranking): this cycle still.
             Place(IN_SEASON, "interview_season", 2,
                   "Prepare for and pass Step 3 before rank lists are certified"),
             Place(RANKING, "if_unmatched", 2, f"{NEXT_CYCLE}: pass Step 3 early"))),
    Task("weigh_step3", "Weigh Step 3: take it only if practice shows a clearly better score",
         (("step3", ("consider",)),), places=(
             Place(PREPARING, "step3_window", 2),
             Place(UNMATCHED, "reapplication_year", 2),
             Place(NOT_UNMATCHED[1:], "if_unmatched", 2,
                   f"{NEXT_CYCLE}: weigh Step 3, if practice shows a clearly better score"))),
    Task("leave_step3_for_later", "Leave Step 3 for later: do not rush it before ERAS",
         (("step3", ("dont_rush",)),), places=(
             Place(PREPARING, "step3_window", 1),
             Place(UNMATCHED, "reapplication_year", 2,
                   "Take Step 3 only when you can prepare it well"),
             Place(NOT_UNMATCHED[1:], "if_unmatched", 2,
                   f"{NEXT_CYCLE}: Step 3 once you can prepare it well"))),
    # 12–18 months before: rotations, a small project (med_psych timeline; state_univ path).
    Task("secure_usce", "Secure US clinical rotations, hands-on where you can",
         (("usce_plan", ("add_recent_usce", "add_second_pmr_usce", "add_specialty_usce",
                         "cover_both_fields", "get_hands_on_usce", "get_pmr_usce",
                         "prefer_hands_on_usce")),),
         load="full_time", keep_rank=2, months=THRESHOLDS.usce.state_univ_months, places=(
             Place(PREPARING, "months_18_to_12", 1),
             Place(UNMATCHED, "reapplication_year", 1,
                   "Get more US clinical experience, hands-on if possible"),
             Place(NOT_UNMATCHED[1:], "if_unmatched", 1,
                   f"{NEXT_CYCLE}: more US clinical experience"))),
    Task("learn_us_documentation",
         "Study US documentation: histories and physicals, progress notes, mental status exams",
         (("usce_plan", ("learn_us_documentation",)),), places=(
             Place(PREPARING, "months_18_to_12", 4),)),
    Task("research_project", "Start a small research or quality-improvement project",
         _any("research_plan"), load="part_time", places=(
             Place(PREPARING, "months_18_to_12", 2),
             Place(UNMATCHED, "reapplication_year", 5,
                   "Keep a research or quality-improvement project going"),
             Place(NOT_UNMATCHED[1:], "if_unmatched", 5,
                   f"{NEXT_CYCLE}: research or quality improvement"))),
    Task("volunteer_free_clinic", "Volunteer at a free clinic for immigrant or low-income "
         "patients", (("clinical_continuity", ("volunteer_at_free_clinic",)),),
         load="part_time", places=(
             Place(PREPARING, "months_18_to_12", 3, sources=cite(
                 "state_univ", "Putting It All Together: A Sample Strategic Path")),
             Place(UNMATCHED, "reapplication_year", 3))),
    Task("stay_clinically_active", "Keep clinical work going, and date and explain any gap",
         (("clinical_continuity", ("explain_gaps", "keep_clinical_activity",
                                   "resume_clinical_activity", "stay_documentably_active")),
          ("red_flag", ("show_current_clinical_activity",))),
         load="part_time", places=(
             Place(PREPARING, "months_18_to_12", 3),
             Place(UNMATCHED, "reapplication_year", 3,
                   "Stay documentably active all year: no gap at home"),
             Place(NOT_UNMATCHED[1:], "interview_season", 4))),
    # 9–12 months before: letters, the statement, the program list.
    Task("request_letters", "Ask for strong letters from the US physicians who supervised you",
         (("letters_plan", ()), ("usce_plan", ("turn_usce_into_letters",))), places=(
             Place(PREPARING, "months_12_to_9", 1),
             Place(APPLYING, "before_eras", 1, "Get the letters uploaded"),
             Place(UNMATCHED, "reapplication_year", 4, "Get new letters from US physicians"),
             Place(APPLICATIONS_IN, "if_unmatched", 4, f"{NEXT_CYCLE}: new US letters"))),
    Task("write_statement", "Draft the personal statement",
         (("personal_statement", ()), ("red_flag", ("mitigate_with_evidence_of_recovery",))),
         load="part_time", places=(
             Place(PREPARING, "months_12_to_9", 2),
             Place(APPLYING, "before_eras", 2, "Finish the personal statement"),
             Place(UNMATCHED, "reapplication_year", 6, "Rewrite the personal statement"),
             Place(APPLICATIONS_IN, "if_unmatched", 6,
                   f"{NEXT_CYCLE}: rewrite the personal statement"))),
    Task("build_program_list", "Build the program list: how many, which, and the backups",
         (*_any("apply_count", "program_targeting", "parallel_plan", "prelim_backup"),
          ("unmatched_plan", ("reapply_img_heavy",))), places=(
             Place(PREPARING, "months_12_to_9", 3),
             Place(APPLYING, "before_eras", 3),
             Place(UNMATCHED, "reapplication_year", 7,
                   "Rebuild the program list for the next cycle, IMG-heavy"),
             Place(APPLICATIONS_IN, "if_unmatched", 3,
                   f"{NEXT_CYCLE}: rebuild the program list"))),
    # 6–9 months before: mock interviews, documents reviewed (med_psych timeline).
    Task("practise_interviews", "Practise interviews: mock interviews, recorded if you can",
         (("interview_prep", ()), ("communication", ("practice_clear_delivery",))),
         load="part_time", places=(
             Place(PREPARING, "months_9_to_6", 1),
             Place((*IN_SEASON, *UNMATCHED), "interview_season", 2,
                   "Prepare for each interview"))),
    Task("review_documents", "Have mentors review the personal statement and CV",
         (("cv", ()), ("communication", ("polish_written_english", "show_english_proficiency"))),
         places=(
             Place(PREPARING, "months_9_to_6", 2),
             Place(APPLYING, "before_eras", 4),
             Place(UNMATCHED, "reapplication_year", 8),
             Place(APPLICATIONS_IN, "if_unmatched", 7,
                   f"{NEXT_CYCLE}: have the CV reviewed again"))),
    # ERAS opening and the season.
    Task("complete_ecfmg", "Complete ECFMG certification", (("timing",
                                                              ("complete_ecfmg_certification",)),),
         places=(Place((*PREPARING, *APPLYING), "before_eras", 0),)),
    Task("decide_cycle", "Confirm with a mentor that waiting a year is right for you",
         (("timing", ("delay_one_year",)),), places=(Place(PREPARING, "now", 1),)),
    Task("apply_next_cycle", "Submit a complete ERAS application the day the next cycle's "
         "ERAS opens", (("timing", ("delay_one_year",)),), places=(
             Place(PREPARING, "eras_opening", 1),)),
    Task("submit_on_day_one", "Submit a complete ERAS application on the day ERAS opens",
         (("timing", ("submit_on_day_one",)),), places=(
             Place(PREPARING, "eras_opening", 1),)),
    Task("reapply_on_day_one", "Reapply the day ERAS opens again, to an IMG-heavy list",
         (("unmatched_plan", ("reapply_img_heavy",)),), places=(
             Place(UNMATCHED, "eras_opening", 1),)),
    Task("stay_in_cycle", "Keep going this cycle: the applications are in",
         (("timing", ("stay_in_cycle",)),), places=(
             Place(APPLYING, "eras_opening", 1),
             Place(INTERVIEWING, "interview_season", 0),
             Place(RANKING, "rank_list", 0))),
    Task("email_programs", "Email the few programs where you have a real connection",
         (("communication", ("email_programs_with_a_connection",)),), places=(
             Place((*PREPARING, *APPLYING), "eras_opening", 2),)),
    Task("thank_interviewers", "After each interview, send a short thank-you",
         (("communication", ("send_thank_you_emails",)),), places=(
             Place(IN_SEASON, "interview_season", 3),)),
    # Too few interviews mid-season: the seven-day plan (safety_nets § 9).
    Task("audit_applications", "Audit where you applied: type, IMG share, visa, reach or safety",
         (("mid_season", ("follow_seven_day_plan",)),), places=(
             Place(IN_SEASON, "next_seven_days", 1,
                   sources=cite("safety_nets", "Day 1–2: Data audit")),)),
    Task("expand_applications", "Apply to more IMG-heavy programs and email them",
         (("mid_season", ("expand_applications", "send_interest_emails")),), places=(
             Place(IN_SEASON, "next_seven_days", 2, sources=cite(
                 "safety_nets", "Day 4–5: Expansion (if application season still open)")),)),
    Task("plan_backup_pathway", "Map the backup: a SOAP strategy and next-cycle improvements",
         (("mid_season", ("plan_backup_pathway", "ask_us_contacts_for_support")),), places=(
             Place(IN_SEASON, "next_seven_days", 3,
                   sources=cite("safety_nets", "Day 6: Backup pathway planning")),
             Place(RANKING, "match_week", 1,
                   "Prepare for Match week: a SOAP strategy and next-cycle improvements"))),
    # The rank list.
    Task("build_rank_list", "Build the rank list in tiers, safeties ranked high",
         (("rank_list", ()), ("communication", ("send_letter_of_interest",))), places=(
             Place(APPLICATIONS_IN, "rank_list", 1),)),
    # Unmatched: Match week, then the year (safety_nets § 12).
    Task("plan_soap", "Decide the SOAP strategy: which specialties and program types",
         (("unmatched_plan", ("plan_soap",)),), places=(Place(UNMATCHED, "after_match", 1),)),
    Task("get_feedback", "Get feedback on the last cycle and find what held it back",
         (("unmatched_plan", ("request_feedback", "analyze_last_cycle")),), places=(
             Place(UNMATCHED, "after_match", 2),)),
    Task("set_year_priorities", "Set the year's priorities, in the documents' order",
         (("unmatched_plan", ("prioritize_the_year", "strengthen_in_field")),), places=(
             Place(UNMATCHED, "after_match", 3),)),
)

DELAY = fact(Proposal, kind="timing", action="delay_one_year")

BRANCH_RULES: tuple[Rule, ...] = (
    Rule("plan.branch.next_cycle", "Advised to wait a year: the plan is for the next cycle",
         "should", UNDER_220 + cite(
             "med_peds", "2. Should I delay my application to improve my Step 2 CK score?"),
         (given("phase", "preparing"), DELAY),
         (PlanBranch("next_cycle", "Not yet applied, and waiting a year is advised: the plan "
                                   "strengthens the application first and applies in the next "
                                   "cycle. Confirm it with a mentor first."),)),
    Rule("plan.branch.this_cycle", "No reason to wait: the plan is for this cycle", "info",
         cite("pmr", "Applying Early and Completely") + UNDER_220,
         (given("phase", "preparing"), absent(DELAY)),
         (PlanBranch("this_cycle", "Nothing in the advice calls for waiting a year: the plan "
                                   "prepares this cycle's application."),)),
    Rule("plan.branch.see_it_through", "Already applied: see this cycle through", "info",
         UNDER_220 + cite("med_psych", "If You Don’t Match"),
         (given("phase", one_of(*NOT_UNMATCHED[1:])),),
         (PlanBranch("this_cycle", "You have applied: the plan sees this cycle through, with "
                                   "next-cycle steps for if you do not match."),)),
    Rule("plan.branch.reapply", "Unmatched: the plan is for the next cycle", "info",
         UNMATCHED_YEAR, (given("phase", "unmatched"),),
         (PlanBranch("next_cycle", "Unmatched: the plan uses the year to reapply in the next "
                                   "cycle."),)),
)
"""Which cycle the plan is for, where the guidance is an either/or (`safety_nets` FAQ 1: not yet
applied, waiting is often better; already applied, see the cycle through)."""

PLAN_RULES: tuple[Rule, ...] = (*BRANCH_RULES,
                                *(rule for task in TASKS for rule in task.rules()))

FIT = cite("med_peds", "Step 2: Strengthen Your Profile Before the Application Cycle") + \
    cite("state_univ", "Putting It All Together: A Sample Strategic Path")

FEASIBILITY_RULES: tuple[Rule, ...] = (
    Rule("plan.fits", "The time-consuming steps fit the months before ERAS opens", "info", FIT,
         (given("plan.spare_months_at_long_end", at_least(0)),),
         (PlanCheck("fits", "The exams and US clinical experience fit the months before ERAS "
                            "opens, even at the long end of each range."),)),
    Rule("plan.tight", "The time-consuming steps fit only at the short end", "caution", FIT,
         (given("plan.spare_months_at_short_end", at_least(0)),
          given("plan.spare_months_at_long_end", below(0))),
         (PlanCheck("tight", "The exams and US clinical experience fit the months before ERAS "
                             "opens only at the short end of each range: keep them in order "
                             "and start now."),)),
    Rule("plan.does_not_fit", "The time-consuming steps do not fit before ERAS opens",
         "caution", FIT, (given("plan.spare_months_at_short_end", below(0)),),
         (PlanCheck("does_not_fit", "The exams and US clinical experience do not fit the "
                                    "months before ERAS opens: the plan keeps what the "
                                    "documents put first and marks the rest optional."),)),
)
"""Read the months the plan has to spare (``expert.plan.feasibility``)."""

PLAN_FIELDS: dict[str, str] = {
    "plan.months_available": "months from now until ERAS opens for the cycle applied to",
    "plan.months_needed_at_short_end": "months the full-time steps before ERAS take (exam "
                                       "preparation, US clinical experience), each at the short "
                                       "end of its range, one after another",
    "plan.months_needed_at_long_end": "the same at the long end of each range",
    "plan.spare_months_at_short_end": "months available minus the months needed at the short "
                                      "end",
    "plan.spare_months_at_long_end": "months available minus the months needed at the long end",
}
"""The measures the plan computes for the feasibility rules (shown on their nodes)."""

PLAN_INPUT_DOMAINS: dict[str, Domain] = {
    path: Domain(low=-120, high=120) for path in PLAN_FIELDS}
"""The values each plan measure can take."""
