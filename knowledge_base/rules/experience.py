"""US clinical experience, letters, research and clinical continuity: the profile-building advice.

Kinds and value shapes (every value of a kind has the same keys; ``None`` or ``[]`` where a key
does not apply):

- ``usce_plan``: ``{"action", "fields", "settings", "min_months", "max_months",
  "min_rotations", "ideal_rotations"}``. ``fields`` are specialty ids the experience should be
  in, ``settings`` where (``inpatient``, ``state_university_hospital`` ...), months are total
  hands-on months, rotations count separate US experiences.
- ``letters_plan``: ``{"action", "min_letters", "max_letters", "min_us", "writers", "bonus",
  "points"}``. ``writers`` is a list of ``{"field", "min"}`` (who must write), ``bonus`` the
  writers that are a plus, ``points`` what to hand writers or what the letters should attest.
- ``research_plan``: ``{"action", "min_months", "max_months", "min_outputs", "outputs",
  "topics"}``: an optional research or QI effort, how long, what it should produce, on what.
- ``clinical_continuity``: ``{"action", "activities"}``.
- ``red_flag``: ``{"flag", "action"}``.

Each piece of advice fires only where the profile still lacks what it asks for: enough
hands-on USCE silences the "get USCE" advice and turns it into "use it for letters", a met
letter target turns into the next upgrade. Two moderate risk factors are found here,
``no_us_letters`` and ``graduation_gap``; neither can appear when scores, USCE, US letters or
Step 3 improve.
"""

from __future__ import annotations

from knowledge_base.conditions import absent, at_least, below, equals, fact, given, none_of, one_of
from knowledge_base.consistency import Incompatible
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.inputs import IM_FM
from knowledge_base.rule import Rule
from knowledge_base.rules.groups import MOSTLY_IM_FM
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS, CountRange

__all__ = ["INCOMPATIBLE", "RULES"]

# --- Numbers, from thresholds.toml ----------------------------------------------------------
STATE_UNIV_USCE_MONTHS = THRESHOLDS.usce.state_univ_months
MED_PEDS_USCE_MONTHS = THRESHOLDS.usce.med_peds_months
MED_PSYCH_USCE_MONTHS = THRESHOLDS.usce.med_psych_months
MED_PSYCH_ROTATIONS = THRESHOLDS.usce.med_psych_rotations
MED_PSYCH_BLOCK_WEEKS = THRESHOLDS.usce.med_psych_block_weeks
PMR_ROTATIONS = THRESHOLDS.usce.pmr_rotations
USCE_MIN_MONTHS = min(months.min for months in (STATE_UNIV_USCE_MONTHS, MED_PEDS_USCE_MONTHS,
                                                MED_PSYCH_USCE_MONTHS))
"""The floor of every document's range: below it, hands-on USCE is short."""
STATE_UNIV_LETTERS = THRESHOLDS.letters.us_faculty
COMBINED_LETTERS = THRESHOLDS.letters.specialty_documents
"""The letter target of pmr, med_peds and med_psych."""
MAX_LETTERS = max(STATE_UNIV_LETTERS.max, COMBINED_LETTERS.max)
"""The most letters any document asks for: from here on, no more letter-gathering advice."""
RESEARCH_MONTHS = THRESHOLDS.research.role_months
EXPLAIN_GAP_YEARS = THRESHOLDS.continuity.explain_gap_years
"""Season − graduation year from which the CV has a gap to explain ..."""
GAP_YEARS = THRESHOLDS.continuity.inactive_gap_years
"""... and from which an applicant not clinically active has a multi-year gap."""

# --- Shared premises and sources ------------------------------------------------------------
OWN_DOCUMENT = ("pmr", "med_peds", "med_psych")  # specialties with their own guidance document
OFF_TABLE = THRESHOLDS.group("off_table")
COMBINED = THRESHOLDS.group("combined")
PRELIM_BRIDGE = THRESHOLDS.group("prelim_bridge")
BUILDING = given("phase", one_of("preparing", "applying", "unmatched"))
HANDS_ON_SHORT = given("usce.hands_on_months", below(USCE_MIN_MONTHS), bind="hands_on")
HANDS_ON_ENOUGH = given("usce.hands_on_months", at_least(USCE_MIN_MONTHS), bind="hands_on")
NONE_IN_SPECIALTY = given("usce.specialty_months", equals(0))
SCORE_RISK = fact(RiskFactor, area="scores")
STILL_COLLECTING = given("letters.us_count", below(MAX_LETTERS))
NO_OUTPUTS = given("research_outputs", equals(0))
UNMATCHED = given("phase", "unmatched")
NOT_KNOWN_IDLE = absent(given("clinically_active", False))

STATE_USCE = cite("state_univ", "1. Strategic Clinical Experience in the U.S.")
STATE_SAMPLE = cite("state_univ", "Putting It All Together: A Sample Strategic Path")
STATE_LETTERS = cite("state_univ", "2. High-Impact Letters of Recommendation")
PMR_USCE = cite("pmr", "Get US Clinical Experience Specifically in PM&R (If At All Possible)")
PMR_LETTERS = cite("pmr", "Earning Strong, Detailed Letters of Recommendation")
PEDS_USCE = cite(
    "med_peds", "2. Build High-Quality US Clinical Experience (USCE)",
    "3. What kind of US clinical experience is most helpful for Med-Peds with low scores?",
)
PEDS_LETTERS = cite("med_peds", "Letters of Recommendation (LoRs)")
PEDS_CONTINUITY = cite("med_peds", "4. Continuity of Clinical Activity")
PEDS_BETWEEN = cite("med_peds", "1. Strengthening Between Cycles (If You Don’t Match)")
PSYCH_USCE = cite(
    "med_psych", "US Clinical Experience: Type and Quality Matter",
    "Step 2: Align Experiences to Your Narrative",
)
PSYCH_LETTERS = cite("med_psych", "Letters of Recommendation (LORs): Your Most Powerful Asset")
PSYCH_TIMELINE = cite("med_psych", "Putting It All Together: A Sample Strategy Timeline")
UNMATCHED_YEAR = cite("safety_nets", "12. If You Do Not Match: Use That Year Ruthlessly Well")


# --- Value helpers --------------------------------------------------------------------------
def _ends(span: CountRange | None) -> tuple[int | None, int | None]:
    return (span.min, span.max) if span else (None, None)


def _usce(action, summary, *, fields=(), settings=(), months=None, rotations=None):
    (min_months, max_months), (min_rotations, ideal_rotations) = _ends(months), _ends(rotations)
    return recommend("usce_plan", {
        "action": action, "fields": list(fields), "settings": list(settings),
        "min_months": min_months, "max_months": max_months,
        "min_rotations": min_rotations, "ideal_rotations": ideal_rotations,
    }, summary)


def _letters(action, summary, *, count=None, min_us=None, writers=(), bonus=(), points=()):
    min_letters, max_letters = _ends(count)
    return recommend("letters_plan", {
        "action": action, "min_letters": min_letters, "max_letters": max_letters,
        "min_us": min_us, "writers": [{"field": field, "min": n} for field, n in writers],
        "bonus": list(bonus), "points": list(points),
    }, summary)


def _research(action, summary, *, months=None, outputs=(), topics=()):
    min_months, max_months = _ends(months)
    return recommend("research_plan", {
        "action": action, "min_months": min_months, "max_months": max_months,
        "min_outputs": 1, "outputs": list(outputs), "topics": list(topics),
    }, summary)


def _continuity(action, summary, activities=()):
    return recommend("clinical_continuity", {"action": action, "activities": list(activities)},
                     summary)


# --- US clinical experience -----------------------------------------------------------------
def _combined_both_fields(specialty: str, fields: tuple[str, str], what: str, sources) -> Rule:
    """A combined specialty whose hands-on USCE is all in one field that is not the combined one."""
    return Rule(
        id=f"experience.usce.cover_both_fields.{specialty}",
        title=f"Enough hands-on USCE, but in one field only: the combined specialty needs {what}",
        strength="should",
        sources=sources,
        premises=(given("specialty", specialty), BUILDING, HANDS_ON_ENOUGH,
                  given("usce.specialties", below(2)), NONE_IN_SPECIALTY),
        conclusions=(_usce(
            "cover_both_fields",
            f"Your {{hands_on}} months of hands-on US experience are all in one field; programs "
            f"want to see you work in both halves of the combined specialty, so add {what}.",
            fields=fields,
        ),),
    )


WEEKS = str(MED_PSYCH_BLOCK_WEEKS)

USCE_RULES: tuple[Rule, ...] = (
    Rule(
        id="experience.usce.hands_on.general",
        title=f"Short on hands-on US experience: build {STATE_UNIV_USCE_MONTHS} months, at "
              "sites tied to the programs you target",
        strength="should",
        sources=(*STATE_USCE, *STATE_SAMPLE),
        premises=(given("specialty", none_of(*OWN_DOCUMENT)), BUILDING, HANDS_ON_SHORT),
        conclusions=(_usce(
            "get_hands_on_usce",
            "You have {hands_on} months of hands-on US clinical experience. Build it up to "
            f"{STATE_UNIV_USCE_MONTHS} months of hands-on inpatient work (sub-internships, "
            "acting internships, externships) at a state university hospital, a community "
            "hospital affiliated with it, or a public hospital system, ideally ones linked to "
            "the programs you will apply to.",
            settings=("inpatient", "state_university_hospital",
                      "university_affiliated_community_hospital", "public_hospital_system"),
            months=STATE_UNIV_USCE_MONTHS,
        ),),
    ),
    Rule(
        id="experience.usce.in_specialty",
        title="No US experience in the specialty: letters must come from it",
        strength="should",
        sources=STATE_USCE,
        premises=(given("specialty", none_of(*OWN_DOCUMENT, *OFF_TABLE), bind="specialty"),
                  BUILDING, NONE_IN_SPECIALTY),
        conclusions=(_usce(
            "add_specialty_usce",
            "None of your US clinical experience is in the specialty you are applying to; "
            "place at least part of it there, so that it yields letters from that specialty "
            "and cases you can talk about.",
            fields=("{specialty}",),
        ),),
    ),
    Rule(
        id="experience.usce.redirected_im_fm",
        title="Redirected to internal medicine or family medicine: US experience in them",
        strength="should",
        sources=(*STATE_USCE, *cite("safety_nets", "Internal Medicine")),
        premises=(given("specialty", one_of(*OFF_TABLE)), SCORE_RISK, BUILDING),
        conclusions=(_usce(
            "add_specialty_usce",
            "Your applications go to internal medicine and family medicine, so place your US "
            "clinical experience there, hands-on and inpatient where you can: it is where your "
            "letters and interview stories must come from now.",
            fields=IM_FM, settings=("inpatient",),
        ),),
    ),
    Rule(
        id="experience.usce.us_documentation.med_psych",
        title="Med-Psych: learn US documentation (H&Ps, progress notes, mental status exams)",
        strength="consider",
        sources=PSYCH_TIMELINE,
        premises=(given("specialty", "med_psych"), given("phase", "preparing")),
        conclusions=(_usce(
            "learn_us_documentation",
            "Alongside the rotations, study how US teams document: histories and physicals, "
            "progress notes and mental status examinations, so your notes read like a US "
            "sub-intern's from the first day.",
            fields=("internal_medicine", "psychiatry"),
        ),),
    ),
    Rule(
        id="experience.usce.hands_on.med_peds",
        title=f"Med-Peds: {MED_PEDS_USCE_MONTHS} months of hands-on USCE in IM and Pediatrics "
              "where Med-Peds faculty work",
        strength="should",
        sources=PEDS_USCE,
        premises=(given("specialty", "med_peds"), BUILDING, HANDS_ON_SHORT),
        conclusions=(_usce(
            "get_hands_on_usce",
            "You have {hands_on} months of hands-on US clinical experience. Aim for at least "
            f"{MED_PEDS_USCE_MONTHS} months of sub-internships or externships covering both "
            "internal medicine and pediatrics (or a Med-Peds service), at teaching hospitals "
            "where Med-Peds residents or faculty work and you are formally evaluated; a few "
            "intense months with strong letters count for more than a long run of passive "
            "observing.",
            fields=("internal_medicine", "pediatrics", "med_peds"),
            settings=("teaching_hospital", "med_peds_program_site"),
            months=MED_PEDS_USCE_MONTHS,
        ),),
    ),
    Rule(
        id="experience.usce.hands_on.med_psych",
        title="Med-Psych: inpatient IM and inpatient or consultation-liaison psychiatry "
              f"rotations, {WEEKS} weeks each",
        strength="should",
        sources=(*PSYCH_USCE, *PSYCH_TIMELINE),
        premises=(given("specialty", "med_psych"), BUILDING, HANDS_ON_SHORT),
        conclusions=(_usce(
            "get_hands_on_usce",
            "You have {hands_on} months of hands-on US clinical experience. Plan "
            f"{MED_PSYCH_ROTATIONS} US rotations: {WEEKS} weeks of inpatient internal medicine "
            f"and {WEEKS} weeks of inpatient or consultation-liaison psychiatry, working like a "
            "sub-intern; community psychiatry or integrated clinics add to these but do not "
            "replace them.",
            fields=("internal_medicine", "psychiatry"),
            settings=("inpatient", "consultation_liaison"),
            months=MED_PSYCH_USCE_MONTHS, rotations=MED_PSYCH_ROTATIONS,
        ),),
    ),
    _combined_both_fields("med_peds", ("internal_medicine", "pediatrics"),
                          "a rotation in the other of internal medicine and pediatrics",
                          PEDS_USCE),
    _combined_both_fields("med_psych", ("internal_medicine", "psychiatry"),
                          "inpatient internal medicine or inpatient psychiatry, whichever is "
                          "missing", PSYCH_USCE),
    Rule(
        id="experience.usce.pmr_specific",
        title="PM&R: at least one, ideally two, PM&R-specific US experiences",
        strength="should",
        sources=(*PMR_USCE, *cite("pmr", "When Low Scores Hurt the Most")),
        premises=(given("specialty", "pmr"), BUILDING, NONE_IN_SPECIALTY),
        conclusions=(_usce(
            "get_pmr_usce",
            "None of your US experience is in PM&R, which makes low scores weigh more. Get at "
            "least one, ideally two, US experiences with physiatrists: an elective or "
            "sub-internship if you are still a student, an observership if you have graduated. "
            "Rotations close to rehabilitation (neurology, orthopedics, rheumatology, pain, "
            "geriatrics, sports medicine) come after these, not instead.",
            fields=("pmr",), rotations=PMR_ROTATIONS,
        ),),
    ),
    Rule(
        id="experience.usce.second_pmr",
        title="PM&R: one PM&R experience so far; a second one is the ideal",
        strength="consider",
        sources=PMR_USCE,
        premises=(given("specialty", "pmr"), BUILDING, given("usce.count", 1),
                  given("usce.specialty_months", none_of(0))),
        conclusions=(_usce(
            "add_second_pmr_usce",
            "Your one US experience is in PM&R; a second PM&R experience, hands-on if you can "
            "get one, makes your commitment plainer and gives another physiatrist to write "
            "for you.",
            fields=("pmr",), rotations=PMR_ROTATIONS,
        ),),
    ),
    Rule(
        id="experience.usce.observerships_only",
        title="Only observerships so far: hands-on roles count more, and observing must be "
              "interactive",
        strength="should",
        sources=(*STATE_USCE, *PEDS_USCE, *PMR_USCE),
        premises=(BUILDING, given("usce.count", at_least(1)),
                  given("usce.hands_on_months", equals(0))),
        conclusions=(_usce(
            "prefer_hands_on_usce",
            "All your US experience is observership. Look for sub-internships, externships or "
            "electives with direct patient care; where you can only observe, choose "
            "observerships where you write notes, present and discuss patients, rather than "
            "adding more months of watching.",
            settings=("hands_on", "interactive_observership"),
        ),),
    ),
    Rule(
        id="experience.usce.turn_into_letters",
        title="Enough hands-on USCE but few US letters: turn the rotations into letters",
        strength="should",
        sources=(*STATE_USCE, *PEDS_USCE, *cite("med_psych", "9–12 Months Before Application")),
        premises=(BUILDING, HANDS_ON_ENOUGH, given("letters.us_count", below(2))),
        conclusions=(_usce(
            "turn_usce_into_letters",
            "Your {hands_on} months of hands-on US experience are enough to build on: ask the "
            "attendings who supervised you for strong letters, and use those rotations as the "
            "concrete cases in your personal statement and interviews.",
        ),),
    ),
    Rule(
        id="experience.usce.unmatched_recent",
        title="Unmatched: fresh hands-on US experience in the year before reapplying",
        strength="should",
        sources=(*UNMATCHED_YEAR, *PEDS_BETWEEN, *cite("pmr", "If You Don’t Match in PM&R"),
                 *cite("med_psych", "If You Don’t Match")),
        premises=(UNMATCHED, HANDS_ON_ENOUGH, given("specialty", bind="specialty")),
        conclusions=(_usce(
            "add_recent_usce",
            "Use the year before reapplying for more hands-on US clinical work, in or close to "
            "your specialty: it comes first among the things to do before reapplying, and it "
            "brings the new letters you will need.",
            fields=("{specialty}",), settings=("hands_on",),
        ),),
    ),
)


# --- Letters of recommendation --------------------------------------------------------------
def _us_faculty_letters(variant: str, specialties, bonus, sources) -> Rule:
    """state_univ's target of US letters in the specialty, for fields without their own document."""
    low = STATE_UNIV_LETTERS.min
    return Rule(
        id=f"experience.letters.target.{variant}",
        title=f"At least {STATE_UNIV_LETTERS} letters from US faculty in the specialty",
        strength="should",
        sources=(*STATE_LETTERS, *STATE_SAMPLE, *sources),
        premises=(given("specialty", specialties, bind="specialty"), BUILDING,
                  given("letters.us_specialty_count", below(low), bind="have")),
        conclusions=(_letters(
            "gather_letters",
            f"US letters from your specialty so far: {{have}}. Aim for at least "
            f"{STATE_UNIV_LETTERS} from US faculty in it, ideally faculty of a state-university "
            "or public medical-school program.",
            count=STATE_UNIV_LETTERS, min_us=low, writers=(("{specialty}", low),),
            bonus=("state_university_or_public_program_faculty", *bonus),
        ),),
    )


def _combined_mentor_letter(specialty: str, target_met, mentor: str, bonus: str, sources) -> Rule:
    """A combined specialty whose letter target is met, with no letter from the combined field."""
    return Rule(
        id=f"experience.letters.combined_mentor.{specialty}",
        title="The letter set is complete; a letter from a combined-trained physician is the "
              "upgrade",
        strength="consider",
        sources=sources,
        premises=(given("specialty", specialty), BUILDING, target_met,
                  given("letters.us_specialty_count", equals(0))),
        conclusions=(_letters(
            "add_combined_specialty_letter",
            f"Your letter set meets the target; if you can, add or swap in a letter from {mentor}: "
            "for this specialty such a letter counts for a great deal.",
            bonus=(bonus,),
        ),),
    )


CONTENT_BASE = ("clinical_reasoning", "reliability", "work_ethic", "communication",
                "professionalism")


def _letter_content(variant: str, specialty_premise, extra_points, sources, focus: str) -> Rule:
    """What letters should attest when scores are a concern, with the specialty's own emphasis."""
    return Rule(
        id=f"experience.letters.content.{variant}",
        title="With score concerns, letters should attest clinical strength in detail",
        strength="should",
        sources=sources,
        premises=(specialty_premise, BUILDING, SCORE_RISK, STILL_COLLECTING),
        conclusions=(_letters(
            "shape_letter_content",
            "With low scores, the letters that help are detailed and personal: they speak to "
            "clinical reasoning, reliability, work ethic, communication and professionalism, "
            f"{focus}.",
            points=(*CONTENT_BASE, *extra_points),
        ),),
    )


LETTERS_RULES: tuple[Rule, ...] = (
    _us_faculty_letters(
        "general",
        none_of(*OWN_DOCUMENT, *OFF_TABLE, *PRELIM_BRIDGE, "internal_medicine", "psychiatry"),
        (), ()),
    Rule(
        id="experience.letters.target.redirected_im_fm",
        title=f"Redirected to internal medicine or family medicine: {STATE_UNIV_LETTERS} US "
              "letters from them",
        strength="should",
        sources=(*STATE_LETTERS, *cite("safety_nets", "Internal Medicine")),
        premises=(given("specialty", one_of(*OFF_TABLE)), SCORE_RISK, BUILDING,
                  given("letters.us_im_fm_count", below(STATE_UNIV_LETTERS.min), bind="have")),
        conclusions=(_letters(
            "gather_letters",
            f"US letters from internal medicine or family medicine so far: {{have}}. Your "
            f"applications go to internal medicine and "
            f"family medicine: aim for {STATE_UNIV_LETTERS} letters from US faculty in them, "
            "inpatient internal medicine attendings first; letters from the specialty you set "
            "aside do not count for much there.",
            count=STATE_UNIV_LETTERS, min_us=STATE_UNIV_LETTERS.min,
            writers=(("internal_medicine_or_family_medicine", STATE_UNIV_LETTERS.min),),
            bonus=("inpatient_attending",),
        ),),
    ),
    *(Rule(
        id=f"experience.letters.im_fm_parallel.{case}",
        title="Most of the list in IM/FM: at least one US letter from internal medicine or "
              "family medicine",
        strength="consider",
        sources=(*cite("safety_nets", "Internal Medicine"), *STATE_LETTERS),
        premises=(*premises, BUILDING, given("letters.us_im_fm_count", equals(0))),
        conclusions=(_letters(
            "add_im_fm_letter",
            "Most of your list goes to internal medicine and family medicine: have at least "
            "one strong US letter from an internal medicine (or family medicine) attending, "
            "inpatient if you can, beside the letters from your field; the letters those "
            "programs read first come from their own field.",
            writers=(("internal_medicine_or_family_medicine", 1),),
            bonus=("inpatient_attending",),
        ),),
    ) for case, premises in MOSTLY_IM_FM),
    _us_faculty_letters("internal_medicine", equals("internal_medicine"),
                        ("inpatient_attending",), cite("safety_nets", "Internal Medicine")),
    _us_faculty_letters("psychiatry", equals("psychiatry"), (),
                        cite("safety_nets", "Psychiatry")),
    _us_faculty_letters("prelim_bridge", one_of(*PRELIM_BRIDGE), (),
                        cite("safety_nets", "Scenario C: You are trying for something like "
                                            "Anesthesia, EM, categorical Surgery")),
    Rule(
        id="experience.letters.target.pmr",
        title=f"PM&R: {COMBINED_LETTERS} letters, two from physiatrists, one from a related "
              "field",
        strength="should",
        sources=(*PMR_LETTERS,
                 *cite("pmr", "1. Can a non-US citizen IMG match into PM&R with a low Step 1 "
                              "score?")),
        premises=(given("specialty", "pmr"), BUILDING,
                  given("letters.us_specialty_count", below(2), bind="have")),
        conclusions=(_letters(
            "gather_letters",
            f"US letters from physiatrists so far: {{have}}. Aim for {COMBINED_LETTERS} "
            "letters: at least two from PM&R attendings, preferably in the US, and one from a "
            "related field such as neurology, internal medicine or orthopedics.",
            count=COMBINED_LETTERS, writers=(("pmr", 2), ("rehab_related_field", 1)),
            bonus=("us_based_physiatrist",),
        ),),
    ),
    Rule(
        id="experience.letters.related_field.pmr",
        title="PM&R: the physiatrist letters are there; complete the set with a related field",
        strength="should",
        sources=PMR_LETTERS,
        premises=(given("specialty", "pmr"), BUILDING,
                  given("letters.us_specialty_count", at_least(2)),
                  given("letters.count", below(COMBINED_LETTERS.min))),
        conclusions=(_letters(
            "add_related_field_letter",
            "You have the two physiatrist letters; add one from a related field (neurology, "
            "internal medicine, orthopedics) to reach three or four.",
            count=COMBINED_LETTERS, writers=(("rehab_related_field", 1),),
        ),),
    ),
    Rule(
        id="experience.letters.target.med_peds",
        title=f"Med-Peds: {COMBINED_LETTERS} letters covering internal medicine and "
              "pediatrics",
        strength="should",
        sources=PEDS_LETTERS,
        premises=(given("specialty", "med_peds"), BUILDING,
                  given("letters.count", below(COMBINED_LETTERS.min), bind="have")),
        conclusions=(_letters(
            "gather_letters",
            f"Letters so far: {{have}}. Aim for {COMBINED_LETTERS} strong ones, at least one "
            "from internal medicine and one from pediatrics; one from a Med-Peds physician "
            "would be a major plus.",
            count=COMBINED_LETTERS,
            writers=(("internal_medicine", 1), ("pediatrics", 1)),
            bonus=("med_peds_physician",),
        ),),
    ),
    Rule(
        id="experience.letters.target.med_psych",
        title=f"Med-Psych: {COMBINED_LETTERS} US letters from internal medicine and "
              "psychiatry",
        strength="should",
        sources=PSYCH_LETTERS,
        premises=(given("specialty", "med_psych"), BUILDING,
                  given("letters.us_count", below(COMBINED_LETTERS.min), bind="have")),
        conclusions=(_letters(
            "gather_letters",
            f"US letters so far: {{have}}. Aim for {COMBINED_LETTERS} strong US letters: one "
            "from an internal medicine attending (inpatient if possible), one from a psychiatry "
            "attending, and one more from either field or from consultation-liaison; a mentor "
            "trained in both fields is the best writer you can find.",
            count=COMBINED_LETTERS, min_us=COMBINED_LETTERS.min,
            writers=(("internal_medicine", 1), ("psychiatry", 1),
                     ("internal_medicine_or_psychiatry", 1)),
            bonus=("combined_trained_mentor",),
        ),),
    ),
    _combined_mentor_letter("med_peds", given("letters.count", at_least(COMBINED_LETTERS.min)),
                            "a Med-Peds physician", "med_peds_physician", PEDS_LETTERS),
    _combined_mentor_letter("med_psych",
                            given("letters.us_count", at_least(COMBINED_LETTERS.min)),
                            "a mentor trained in both medicine and psychiatry (or a "
                            "consultation-liaison psychiatrist)", "combined_trained_mentor",
                            PSYCH_LETTERS),
    Rule(
        id="experience.letters.request_strong",
        title="Ask for a strong letter outright, and brief the writer",
        strength="should",
        sources=(*PMR_LETTERS, *STATE_LETTERS, *PSYCH_LETTERS),
        premises=(BUILDING, STILL_COLLECTING),
        conclusions=(_letters(
            "request_strong_letters",
            "When you ask for a letter, ask whether the writer can make it a strong one; a "
            "courteous refusal is better than a lukewarm, generic letter. Give each writer "
            "your CV, a draft of your personal statement and a short list of the patients and "
            "projects you handled with them, and your career goals.",
            points=("cv", "personal_statement_draft", "cases_and_projects", "career_goals"),
        ),),
    ),
    _letter_content(
        "general", given("specialty", none_of(*OWN_DOCUMENT)),
        ("initiative", "teachability", "growth_after_setbacks"), STATE_LETTERS,
        "initiative and teachability, and how you recovered from setbacks; tell your writers "
        "plainly that as a non-US IMG you need detailed letters to offset your scores"),
    _letter_content(
        "pmr", given("specialty", "pmr"),
        ("teamwork", "cultural_competency", "patient_rapport", "interest_in_pmr"), PMR_LETTERS,
        "teamwork, rapport across cultures, and real enthusiasm for PM&R, ideally from a "
        "US physiatrist"),
    _letter_content(
        "med_peds", given("specialty", "med_peds"),
        ("scores_understate_clinical_ability", "interest_in_adult_and_pediatric_care"),
        PEDS_LETTERS,
        "your interest in caring for both adults and children, and a plain statement that "
        "your clinical work is better than your scores suggest; talk your scores over with "
        "your writers so they can address them"),
    _letter_content(
        "med_psych", given("specialty", "med_psych"),
        ("clinical_safety", "teamwork", "medical_and_psychiatric_reasoning",
         "scores_understate_clinical_ability"),
        (*PSYCH_LETTERS,
         *cite("med_psych", "2. Will strong US clinical experience and letters outweigh my "
                            "below average board scores?")),
        "that you are safe with complex patients, weigh medical and psychiatric factors "
        "together, work well in teams, and that your scores understate your clinical ability"),
    Rule(
        id="experience.letters.unmatched_refresh",
        title="Unmatched: new US letters for the reapplication",
        strength="should",
        sources=(*UNMATCHED_YEAR, *PEDS_BETWEEN, *cite("pmr", "If You Don’t Match in PM&R")),
        premises=(UNMATCHED, given("letters.us_count", at_least(2))),
        conclusions=(_letters(
            "refresh_us_letters",
            "For the reapplication, get new, stronger US letters from this year's clinical "
            "work, or go back to clinicians who know your work well; the set you applied with "
            "did not get you matched on its own.",
        ),),
    ),
)


# --- Research and quality improvement -------------------------------------------------------
RESEARCH_OUTPUTS = ("abstract", "poster", "publication", "qi_project")
RESEARCH_PHASES = given("phase", one_of("preparing", "unmatched"))


def _combined_project(specialty: str, topics, sources, summary: str) -> Rule:
    return Rule(
        id=f"experience.research.small_project.{specialty}",
        title="Optional for the combined specialty: one small completed project on its themes",
        strength="consider",
        sources=sources,
        premises=(given("specialty", specialty), RESEARCH_PHASES, SCORE_RISK, NO_OUTPUTS),
        conclusions=(_research("complete_small_project", summary,
                               outputs=("abstract", "poster", "qi_project"), topics=topics),),
    )


RESEARCH_RULES: tuple[Rule, ...] = (
    Rule(
        id="experience.research.state_university",
        title=f"For university programs: a {RESEARCH_MONTHS} month research role with at "
              "least one output",
        strength="consider",
        sources=(*cite("state_univ", "3. Research and Academic Productivity"), *STATE_SAMPLE),
        # Surgery, anesthesiology and EM have Scenario C's own, stronger research advice.
        premises=(given("specialty", none_of(*COMBINED, *PRELIM_BRIDGE)), RESEARCH_PHASES,
                  SCORE_RISK, NO_OUTPUTS,
                  absent(given("months_until_eras", below(RESEARCH_MONTHS.min)))),
        conclusions=(_research(
            "take_research_role",
            "Research is not required, but state-university programs weigh it, more so when "
            f"scores are low: consider a {RESEARCH_MONTHS} month role in a state-university lab "
            "or clinical research office (found by writing to faculty and alumni) that "
            "produces at least one abstract, poster, publication or QI project, preferably on "
            "underserved or rural care, health outcomes, or global and immigrant health.",
            months=RESEARCH_MONTHS, outputs=RESEARCH_OUTPUTS,
            topics=("underserved_or_rural_care", "health_services_or_outcomes",
                    "global_or_immigrant_health"),
        ),),
    ),
    Rule(
        id="experience.research.specialty_bridge",
        title="Surgery, anesthesiology or EM with low scores: US research in the specialty",
        strength="should",
        sources=cite("safety_nets", "Scenario C: You are trying for something like Anesthesia, "
                                    "EM, categorical Surgery"),
        premises=(given("specialty", one_of(*PRELIM_BRIDGE), bind="specialty"), RESEARCH_PHASES,
                  SCORE_RISK, NO_OUTPUTS),
        conclusions=(_research(
            "do_us_research_in_specialty",
            "With low scores this specialty is uphill: you need serious US-based research in "
            "the field, together with US letters from it, and a parallel plan.",
            outputs=RESEARCH_OUTPUTS, topics=("{specialty}",),
        ),),
    ),
    _combined_project(
        "med_peds",
        ("lifespan_chronic_disease", "pediatric_to_adult_transition", "health_disparities",
         "quality_improvement"),
        cite("med_peds", "3. Targeted Research and Scholarly Work"),
        "Research is optional, but a poster, abstract or QI project on a Med-Peds theme "
        "(chronic disease from childhood into adulthood, transition to adult care, "
        "disparities, QI in continuity or complex care) sets you apart; write to Med-Peds "
        "faculty and offer to help with ongoing work, even remotely."),
    _combined_project(
        "med_psych",
        ("serious_mental_illness_with_medical_disease", "mental_and_primary_care_disparities",
         "addiction_in_medically_ill"),
        (*cite("med_psych", "Research, QI, and Scholarly Work"),
         *cite("med_psych", "Step 2: Align Experiences to Your Narrative"), *PSYCH_TIMELINE),
        "Research is optional, but one small QI or chart-review project joining medicine and "
        "psychiatry (serious mental illness with medical disease, disparities, addiction in "
        "the medically ill) shows a lasting interest; it counts only once finished, with a "
        "result you can explain, and it may end in an abstract, a poster or a supervisor's "
        "letter."),
)


# --- Clinical continuity and graduation gaps ------------------------------------------------
CONTINUITY_RULES: tuple[Rule, ...] = (
    Rule(
        id="risk.graduation_gap",
        title="Several years since graduation without clinical work",
        strength="info",
        sources=(*cite("med_peds", "2. Identify Score-Related Risk Factors"), *PEDS_CONTINUITY),
        premises=(given("years_since_graduation", at_least(GAP_YEARS)),
                  given("clinically_active", False)),
        conclusions=(RiskFactor("graduation_gap", "moderate", "experience"),),
    ),
    Rule(
        id="experience.continuity.resume_clinical_work",
        title="Not clinically active: resume continuous clinical involvement and document it",
        strength="should",
        sources=PEDS_CONTINUITY,
        premises=(given("clinically_active", False),),
        conclusions=(_continuity(
            "resume_clinical_activity",
            "You are not doing clinical work now. Get back to it without waiting (practice in "
            "your home country, community or volunteer clinics, telemedicine where allowed, or "
            "teaching students and residents) and list it clearly in ERAS: an active CV softens "
            "low scores, an idle one makes them look worse.",
            ("home_country_practice", "community_or_volunteer_clinic", "telemedicine",
             "teaching"),
        ),),
    ),
    Rule(
        id="experience.service.free_clinic",
        title="Volunteer at a free clinic for immigrant or low-income patients",
        strength="consider",
        sources=(*STATE_SAMPLE, *cite("state_univ", "4. Non-Academic Strengths That Matter")),
        # Not clinically active at all: resume_clinical_work's advice comes first.
        premises=(given("specialty", none_of(*COMBINED)), RESEARCH_PHASES, SCORE_RISK,
                  NOT_KNOWN_IDLE),
        conclusions=(_continuity(
            "volunteer_at_free_clinic",
            "Volunteer at a free clinic that serves immigrant or low-income patients: it keeps "
            "you in clinical work, and service to the communities public programs serve is "
            "part of what state-university programs look for; use it in your statement and "
            "interviews, and any language you share with those patients.",
            ("free_clinic_for_immigrant_or_low_income_patients",),
        ),),
    ),
    Rule(
        id="experience.continuity.keep_clinical_work",
        title="Years since graduation and clinical activity not known: keep clinical work going",
        strength="should",
        sources=PEDS_CONTINUITY,
        premises=(given("years_since_graduation", at_least(GAP_YEARS), bind="years"),
                  absent(given("clinically_active")), BUILDING),
        conclusions=(_continuity(
            "keep_clinical_activity",
            "You graduated {years} years before this match season, and your profile does not "
            "say whether you are doing clinical work now. Program directors are wary of long "
            "inactive periods, the more so beside weak scores: if you are working clinically, "
            "keep it going without a break and document it in ERAS; if you are not, get back "
            "to it now (practice at home, community or volunteer clinics, telemedicine where "
            "allowed, teaching).",
            ("home_country_practice", "community_or_volunteer_clinic", "telemedicine",
             "teaching"),
        ),),
    ),
    Rule(
        id="experience.continuity.explain_gaps",
        title="Time since graduation: account for every period on the CV",
        strength="should",
        sources=(*cite("state_univ", "2. CV Emphasis: Show Depth, not Just Bullet Points"),
                 *cite("med_peds", "1. Audit Your Objective Profile")),
        premises=(given("years_since_graduation", at_least(EXPLAIN_GAP_YEARS), bind="years"),
                  absent(given("clinically_active", True))),
        conclusions=(_continuity(
            "explain_gaps",
            "You graduated {years} years before this match season: give every period since "
            "then clear dates on the CV, and a reason for any gap (research, exam preparation, "
            "family).",
        ),),
    ),
    Rule(
        id="experience.continuity.unmatched_year",
        title="Unmatched: keep the year documentably active",
        strength="should",
        sources=(*UNMATCHED_YEAR, *PEDS_BETWEEN),
        premises=(UNMATCHED, NOT_KNOWN_IDLE),
        conclusions=(_continuity(
            "stay_documentably_active",
            "Do not let the year before reapplying turn into a gap: keep working in a medical "
            "role, at home or wherever you are allowed, and make every month show on your "
            "application.",
            ("clinical_work", "usce", "research"),
        ),),
    ),
    Rule(
        id="experience.red_flag.inactive_gap",
        title="A multi-year clinical gap on top of low scores is a red flag",
        strength="caution",
        sources=PEDS_CONTINUITY,
        premises=(fact(RiskFactor, name="graduation_gap"), SCORE_RISK),
        conclusions=(recommend(
            "red_flag",
            {"flag": "inactive_gap_with_low_scores", "action": "show_current_clinical_activity"},
            "Years away from clinical work together with weak scores is a combination program "
            "directors distrust: restart documented clinical activity now, so the gap has an "
            "end date, and keep its explanation short.",
        ),),
    ),
)

NO_US_LETTERS = Rule(
    id="risk.no_us_letters",
    title="No letter from a US physician",
    strength="info",
    sources=(*cite("pmr", "When Low Scores Hurt the Most"), *STATE_LETTERS, *PSYCH_LETTERS),
    premises=(given("letters.us_count", equals(0)),),
    conclusions=(RiskFactor("no_us_letters", "moderate", "letters"),),
)

RULES: tuple[Rule, ...] = (
    *USCE_RULES, *LETTERS_RULES, *RESEARCH_RULES, *CONTINUITY_RULES, NO_US_LETTERS,
)

INCOMPATIBLE: tuple[Incompatible, ...] = (
    Incompatible(
        {"kind": "usce_plan", "action": "get_hands_on_usce"},
        {"kind": "usce_plan", "action": "turn_usce_into_letters"},
        why="turning USCE into letters presumes the hands-on experience is already enough",
    ),
    Incompatible(
        {"kind": "letters_plan", "action": "gather_letters"},
        {"kind": "letters_plan", "action": "add_related_field_letter"},
        why="the related-field letter is the last piece once the core letters are in hand",
    ),
    Incompatible(
        {"kind": "letters_plan", "action": "gather_letters"},
        {"kind": "letters_plan", "action": "add_combined_specialty_letter"},
        why="the combined-specialty letter is an upgrade of a letter set that already meets "
            "the target",
    ),
)
