"""Triage of the applicant's own program list: a verdict for each program, notes on what is
unknown or telling about it, and checks of the list as a whole.

These rules read a program's facts (``program.*`` inputs, see ``knowledge_base.programs``) or
the list's measures (``list.*``, see ``knowledge_base.program_list``) together with the
applicant's own facts (profile inputs and risk factors). They are not part of ``RULES``, the
consultation of one profile: the advisor runs them once per program and once per list.

``program_verdict`` (one per program, the most specific proposal wins)
    ``{"verdict", "sign"}``: ``do_not_apply`` (specificity 100) over ``reach`` (50) over
    ``safety`` (20) over ``match`` (0, the verdict when nothing else is shown). ``sign`` names
    what the verdict rests on.
``program_note``
    ``{"note", "tone"}``: ``check`` (something unknown to find out), ``warning`` or ``plus``.
``program_list``
    ``{"action", ...}``: what is wrong with the list, or what to add to it.
"""

from __future__ import annotations

from knowledge_base.conditions import (
    above,
    absent,
    at_least,
    below,
    fact,
    given,
    none_of,
    one_of,
    within,
)
from knowledge_base.facts import RiskFactor, recommend
from knowledge_base.program_list import COMMUNITY_TYPES, IMG_HEAVY_PERCENT, MIX, TOP_OF_LIST
from knowledge_base.rule import Rule
from knowledge_base.sources import cite
from knowledge_base.thresholds import THRESHOLDS

__all__ = ["LIST_RULES", "PROGRAM_RULES"]

# Numbers, from thresholds.toml.
FEW_IMG_PERCENT = THRESHOLDS.programs.few_img_percent
BELOW_RANGE = THRESHOLDS.programs.below_range_points
MINIMUM_MARGIN = THRESHOLDS.programs.minimum_margin
MULTIPLE_REGION_IMGS = THRESHOLDS.programs.multiple_region_imgs
MOSTLY = THRESHOLDS.programs.mostly_percent
RED_FLAG = THRESHOLDS.programs.red_flag_percent
FEW_IMG_HEAVY_COMMUNITY = THRESHOLDS.programs.few_img_heavy_community
FAR_GAP = THRESHOLDS.targeting.score_gap
MAX_REACH_ON_TOP = THRESHOLDS.rank_list.max_reach_on_top
REASONABLE_LIST = THRESHOLDS.mid_season.reasonable_interviews.min
"""The fewest programs a rank list is judged on for its mix of types (safety_nets' "reasonable
number of interviews")."""
OFF_TABLE = THRESHOLDS.group("off_table")

# Sources.
REALITY = cite("safety_nets", "1. Reality Check: What “Low Step” Means For An IMG")
SWEET_SPOT = cite("safety_nets", "2. The IMG-Friendly Sweet Spot: Which Programs Actually Take "
                                 "You Seriously")
ROSTERS = cite("safety_nets", "Step 1: Check actual resident rosters")
DATA = cite("safety_nets", "Step 2: Use data, not vibes")
GEOGRAPHY = cite("safety_nets", "Step 3: Look at geography and desirability")
VISA = cite("safety_nets", "Step 4: ECFMG and visa patterns")
CODE_WORDS = cite("safety_nets", "Step 5: Watch for code words in program descriptions")
TIERS = cite("safety_nets", "Tier your interviews honestly")
RANK_FRAMEWORK = cite("safety_nets", "5. Rebuilding Your Rank List: A Practical Framework")
RANK_REACH = cite("safety_nets", "How to rank when you liked a “reach” place more",
                  "Concrete example", "Day 3: Rank list restructuring (if applicable)")
RED_FLAGS = cite("safety_nets", "8. Red Flags You Are Still Aiming Too High")
AUDIT = cite("safety_nets", "Day 1–2: Data audit")
EXPANSION = cite("safety_nets", "Day 4–5: Expansion (if application season still open)")
UNIV_FRIENDLY = cite("state_univ", "1. Characteristics of More IMG-Friendly University Programs")
UNIV_DATA = cite("state_univ", "2. Using Data and Tools Wisely")
UNIV_FLEXIBILITY = cite("state_univ", "3. Specialty-Specific Flexibility")
UNIV_VOLUME = cite("state_univ", "4. Application Volume and Distribution")
PMR_BROADLY = cite("pmr", "Applying Broadly and Intelligently")
MED_PSYCH_TIERS = cite("med_psych", "Step 3: Optimizing Program List with Low Scores")

# Premises used by several rules.
SCORE_RISK = fact(RiskFactor, area="scores")
NEEDS_VISA = given("visa", one_of("j1", "h1b"))
PROGRAM = given("program.name")
IMG_HEAVY = given("program.img_percent", at_least(IMG_HEAVY_PERCENT), bind="img")
COMMUNITY = given("program.type", one_of(*COMMUNITY_TYPES), bind="type")
NOT_SOUGHT_AFTER = given("program.location", none_of("sought_after"))


def verdict(name: str, sign: str, summary: str):
    return recommend("program_verdict", {"verdict": name, "sign": sign}, summary)


def note(name: str, tone: str, summary: str):
    return recommend("program_note", {"note": name, "tone": tone}, summary)


def list_check(action: str, summary: str, **details):
    return recommend("program_list", {"action": action, **details}, summary)


# ---------------------------------------------------------------------------------------------
# Verdicts.

DO_NOT_APPLY = (
    Rule(
        id="programs.do_not_apply.no_visa",
        title="Needs a visa, and the program sponsors none",
        strength="must",
        sources=(*VISA, *UNIV_DATA),
        premises=(PROGRAM, NEEDS_VISA, given("program.visa", "none")),
        conclusions=(verdict("do_not_apply", "no_visa_sponsorship",
                             "The program sponsors no visa and you need one: an application "
                             "cannot lead to a position."),),
        specificity=100,
    ),
    Rule(
        id="programs.do_not_apply.no_h1b",
        title="Needs an H-1B, and the program sponsors only the J-1",
        strength="must",
        sources=(*VISA, *PMR_BROADLY),
        premises=(PROGRAM, given("visa", "h1b"), given("program.visa", "j1")),
        conclusions=(verdict("do_not_apply", "no_h1b_sponsorship",
                             "The program sponsors the J-1 only and you need an H-1B. Unless "
                             "the H-1B is essential, accepting a J-1 would open this program "
                             "and many others."),),
        specificity=100,
    ),
    Rule(
        id="programs.do_not_apply.below_stated_minimum",
        title="Step 2 CK below the program's stated minimum",
        strength="must",
        sources=(*REALITY, *UNIV_DATA, *PMR_BROADLY),
        premises=(PROGRAM, given("program.step2ck_min", bind="minimum"),
                  given("program.step2ck_over_minimum", below(0))),
        conclusions=(verdict("do_not_apply", "below_stated_minimum",
                             "Your Step 2 CK is below the stated minimum of {minimum}: score "
                             "filters will remove the application before anyone reads it."),),
        specificity=100,
    ),
    Rule(
        id="programs.do_not_apply.far_below_average_few_imgs",
        title=f"Average Step 2 CK {FAR_GAP}+ points above yours, with few IMGs",
        strength="must",
        sources=(*DATA, *TIERS),
        premises=(PROGRAM, given("program.step2ck_below_average", at_least(FAR_GAP), bind="gap"),
                  given("program.img_percent", below(FEW_IMG_PERCENT), bind="img")),
        conclusions=(verdict("do_not_apply", "far_below_average_few_imgs",
                             "Its residents average {gap} points more than you on Step 2 CK "
                             "and only {img}% are IMGs: this application is money burnt."),),
        specificity=100,
    ),
    Rule(
        id="programs.do_not_apply.off_table_specialty",
        title="A specialty that is off the table with low scores",
        strength="must",
        sources=(*SWEET_SPOT, *UNIV_FLEXIBILITY),
        premises=(PROGRAM, given("program.specialty", one_of(*OFF_TABLE), bind="specialty"),
                  SCORE_RISK),
        conclusions=(verdict("do_not_apply", "off_table_specialty",
                             "With your scores, {specialty} programs almost never take an IMG: "
                             "spend the fee on an IMG-friendly program."),),
        specificity=100,
    ),
)

REACH = (
    Rule(
        id="programs.reach.few_imgs",
        title=f"Under {FEW_IMG_PERCENT}% IMGs: a reach",
        strength="caution",
        sources=(*TIERS, *RED_FLAGS),
        premises=(PROGRAM, given("program.img_percent", below(FEW_IMG_PERCENT), bind="img")),
        conclusions=(verdict("reach", "few_imgs",
                             f"Only {{img}}% of its residents are IMGs (under "
                             f"{FEW_IMG_PERCENT}%): few IMGs get in."),),
        specificity=50,
    ),
    Rule(
        id="programs.reach.below_usual_range",
        title=f"Average Step 2 CK {BELOW_RANGE}+ points above yours: a reach",
        strength="caution",
        sources=(*TIERS, *DATA),
        premises=(PROGRAM, given("program.step2ck_below_average", at_least(BELOW_RANGE),
                                 bind="gap")),
        conclusions=(verdict("reach", "below_usual_range",
                             "Its residents average {gap} points more than you on Step 2 CK: "
                             "you are below its usual range."),),
        specificity=50,
    ),
    Rule(
        id="programs.reach.at_stated_minimum",
        title=f"Step 2 CK within {MINIMUM_MARGIN} points of the stated minimum: a reach",
        strength="caution",
        sources=(*REALITY, *TIERS),
        premises=(PROGRAM, given("program.step2ck_min", bind="minimum"),
                  given("program.step2ck_over_minimum", within(0, MINIMUM_MARGIN))),
        conclusions=(verdict("reach", "at_stated_minimum",
                             "You clear the stated minimum of {minimum} by less than "
                             f"{MINIMUM_MARGIN} points: you pass the filter but sit at the "
                             "bottom of what the program takes."),),
        specificity=50,
    ),
    Rule(
        id="programs.reach.big_academic",
        title="A big academic program, with score concerns: a reach",
        strength="caution",
        sources=(*SWEET_SPOT, *MED_PSYCH_TIERS),
        premises=(PROGRAM, given("program.type", "big_academic"), SCORE_RISK),
        conclusions=(verdict("reach", "big_academic",
                             "Big academic programs screen hardest on scores and rarely take "
                             "IMGs with scores like yours."),),
        specificity=50,
    ),
    Rule(
        id="programs.reach.prefers_us_graduates",
        title="The description favours US graduates: a reach",
        strength="caution",
        sources=CODE_WORDS,
        premises=(PROGRAM, given("program.wording.prefers_us_graduates", bind="words")),
        conclusions=(verdict("reach", "prefers_us_graduates",
                             "Its description says “{words}”: it favours US graduates."),),
        specificity=50,
    ),
    Rule(
        id="programs.reach.score_rigid_wording",
        title="The description signals rigid score screens, with score concerns: a reach",
        strength="caution",
        sources=CODE_WORDS,
        premises=(PROGRAM, given("program.wording.score_rigid", bind="words"), SCORE_RISK),
        conclusions=(verdict("reach", "score_rigid_wording",
                             "Its description says “{words}”: a sign of rigid score "
                             "screening."),),
        specificity=50,
    ),
)

SAFETY_SUMMARY = ("{img}% of its residents are IMGs, it is a {type} program outside the "
                  "sought-after cities, and {visa_words}: a real safety net.")


def _safety(visa: str, sponsorship, visa_words: str) -> Rule:
    premises = [PROGRAM, IMG_HEAVY, COMMUNITY, NOT_SOUGHT_AFTER, given("visa", visa)]
    if sponsorship is not None:
        premises.append(given("program.visa", one_of(*sponsorship)))
    return Rule(
        id=f"programs.safety.{'no_visa_needed' if visa == 'none' else visa}",
        title="An IMG-heavy community or rural program outside sought-after cities: "
              f"{visa_words}",
        strength="should",
        sources=(*TIERS, *SWEET_SPOT, *GEOGRAPHY, *VISA),
        premises=tuple(premises),
        conclusions=(verdict("safety", "img_heavy_community",
                             SAFETY_SUMMARY.replace("{visa_words}", visa_words)),),
        specificity=20,
    )


SAFETY = (
    _safety("none", None, "you need no visa"),
    _safety("j1", ("j1", "j1_h1b"), "it sponsors the J-1 you need"),
    _safety("h1b", ("j1_h1b",), "it sponsors the H-1B you need"),
)

MATCH = (
    Rule(
        id="programs.match.by_default",
        title="Neither a reach nor a safety on what is known: a match",
        strength="info",
        sources=(*TIERS, *AUDIT),
        premises=(PROGRAM,),
        conclusions=(verdict("match", "no_reach_or_safety_signs",
                             "Nothing known marks it as a reach or a do-not-apply, and it does "
                             "not show every mark of a safety (IMG-heavy, community or rural, "
                             "outside sought-after cities, visa sponsored): count it as a "
                             "match."),),
    ),
)

VERDICT_RULES = (*DO_NOT_APPLY, *REACH, *SAFETY, *MATCH)

# ---------------------------------------------------------------------------------------------
# Notes: what is unknown (to check), and what is telling.

NOTE_RULES = (
    Rule(
        id="programs.check.visa_unknown",
        title="Visa sponsorship unknown: check it",
        strength="must",
        sources=(*VISA, *UNIV_DATA),
        premises=(PROGRAM, NEEDS_VISA, absent(given("program.visa"))),
        conclusions=(note("visa_unknown", "check",
                          "Visa sponsorship is unknown: check the program's website or FREIDA, "
                          "or ask the coordinator, before you apply."),),
    ),
    Rule(
        id="programs.check.img_share_unknown",
        title="IMG share unknown: check the roster",
        strength="should",
        sources=(*ROSTERS, *DATA),
        premises=(PROGRAM, absent(given("program.img_percent"))),
        conclusions=(note("img_share_unknown", "check",
                          "The share of IMGs is unknown: count them on the current resident "
                          "roster or look it up in FREIDA or Residency Explorer."),),
    ),
    Rule(
        id="programs.check.type_unknown",
        title="Program type unknown: find out",
        strength="should",
        sources=SWEET_SPOT,
        premises=(PROGRAM, absent(given("program.type"))),
        conclusions=(note("type_unknown", "check",
                          "Whether it is big academic, university-affiliated, community or "
                          "rural is unknown: find out, as it predicts how open it is to IMGs."),),
    ),
    Rule(
        id="programs.check.scores_unknown",
        title="No score figures known, with score concerns: look for minimums",
        strength="should",
        sources=(*PMR_BROADLY, *UNIV_DATA),
        premises=(PROGRAM, SCORE_RISK, absent(given("program.step2ck_min")),
                  absent(given("program.step2ck_average"))),
        conclusions=(note("scores_unknown", "check",
                          "No minimum or average Step 2 CK is known: look for a stated cut-off "
                          "on the website or FREIDA, or ask the coordinator."),),
    ),
    Rule(
        id="programs.check.location_unknown",
        title="Location unknown or not placeable: check it",
        strength="consider",
        sources=GEOGRAPHY,
        premises=(PROGRAM, absent(given("program.location"))),
        conclusions=(note("location_unknown", "check",
                          "Its state or city is unknown, so whether it lies in a sought-after "
                          "city cannot be told."),),
    ),
    Rule(
        id="programs.warning.no_recent_region_imgs",
        title="No residents from your region in recent classes",
        strength="caution",
        sources=(*ROSTERS, *SWEET_SPOT),
        premises=(PROGRAM, given("program.region_imgs", below(1))),
        conclusions=(note("no_recent_region_imgs", "warning",
                          "No residents from your country or region in recent classes: a "
                          "program that takes IMGs may still not take IMGs like you."),),
    ),
    Rule(
        id="programs.warning.sought_after_city",
        title="In a sought-after city, with score concerns",
        strength="caution",
        sources=GEOGRAPHY,
        premises=(PROGRAM, given("program.location", "sought_after"), SCORE_RISK),
        conclusions=(note("sought_after_city", "warning",
                          "It is in one of the most sought-after places, where strong US "
                          "graduates compete for the same positions: lower yield."),),
    ),
    Rule(
        id="programs.plus.recent_region_imgs",
        title="Several residents from your region in recent classes",
        strength="info",
        sources=(*ROSTERS, *SWEET_SPOT),
        premises=(PROGRAM, given("program.region_imgs", at_least(MULTIPLE_REGION_IMGS),
                                 bind="count")),
        conclusions=(note("recent_region_imgs", "plus",
                          "{count} residents from your country or region in recent classes: "
                          "it takes IMGs like you."),),
    ),
    Rule(
        id="programs.plus.welcomes_imgs",
        title="The description welcomes IMGs",
        strength="info",
        sources=CODE_WORDS,
        premises=(PROGRAM, given("program.wording.welcomes_imgs", bind="words")),
        conclusions=(note("welcomes_imgs", "plus",
                          "Its description says “{words}”: a hopeful sign."),),
    ),
    Rule(
        id="programs.plus.less_sought_after_region",
        title="In a less sought-after region",
        strength="info",
        sources=(*GEOGRAPHY, *UNIV_FRIENDLY),
        premises=(PROGRAM, given("program.location", "less_sought_after")),
        conclusions=(note("less_sought_after_region", "plus",
                          "It lies in a region IMGs match in more often (the Midwest outside "
                          "Chicago, the Deep South, smaller Texas cities)."),),
    ),
)

PROGRAM_RULES: tuple[Rule, ...] = (*VERDICT_RULES, *NOTE_RULES)

# ---------------------------------------------------------------------------------------------
# The list as a whole.


def _span(tier: str) -> str:
    return f"{MIX[tier].min}–{MIX[tier].max}%"


TARGET = {tier: span.as_dict() for tier, span in MIX.items()}

LIST_RULES: tuple[Rule, ...] = (
    Rule(
        id="program_list.remove_do_not_apply",
        title="Remove the programs judged do-not-apply",
        strength="must",
        sources=(*VISA, *DATA, *REALITY),
        premises=(given("list.do_not_apply_count", at_least(1), bind="count"),),
        conclusions=(list_check("remove_do_not_apply",
                                "{count} program(s) on the list are judged do-not-apply: take "
                                "them off and put the fee or the rank into programs that can "
                                "take you.", count="{count}"),),
    ),
    Rule(
        id="program_list.too_few_safety",
        title=f"Fewer safety programs than the {_span('safety')} target",
        strength="should",
        sources=(*RANK_FRAMEWORK, *TIERS),
        premises=(SCORE_RISK,
                  given("list.safety_percent", below(MIX["safety"].min), bind="percent")),
        conclusions=(list_check("add_safety_programs",
                                f"Only {{percent}}% of the list are real safety nets (IMG-heavy, "
                                f"community or rural, outside sought-after cities, sponsoring "
                                f"your visa); with your scores aim for {_span('safety')}, ranked "
                                f"high.", percent="{percent}", target=TARGET),),
    ),
    Rule(
        id="program_list.too_many_reach",
        title=f"More reach programs than the {_span('reach')} target",
        strength="should",
        sources=(*RANK_FRAMEWORK, *TIERS),
        premises=(SCORE_RISK, given("list.reach_percent", above(MIX["reach"].max),
                                    bind="percent")),
        conclusions=(list_check("cut_reach_programs",
                                f"{{percent}}% of the list are reach programs; keep them to "
                                f"{_span('reach')} and move the rest to match and safety "
                                f"programs.", percent="{percent}", target=TARGET),),
    ),
    Rule(
        id="program_list.balanced",
        title="The list's mix of reach and safety programs is on target",
        strength="info",
        sources=(*RANK_FRAMEWORK, *TIERS),
        premises=(SCORE_RISK, given("list.reach_percent", below(MIX["reach"].max + 1),
                                    bind="reach"),
                  given("list.safety_percent", at_least(MIX["safety"].min), bind="safety")),
        conclusions=(list_check("mix_on_target",
                                f"{{reach}}% reach and {{safety}}% safety programs: within the "
                                f"survival mix ({_span('reach')} reach, at least "
                                f"{MIX['safety'].min}% safety).", reach="{reach}",
                                safety="{safety}", target=TARGET),),
    ),
    Rule(
        id="program_list.safeties_ranked_below_reach",
        title=f"More than {MAX_REACH_ON_TOP} reach programs ranked above the first safety",
        strength="should",
        sources=(*RANK_REACH, *RANK_FRAMEWORK),
        premises=(given("list.reach_above_first_safety", above(MAX_REACH_ON_TOP),
                        bind="count"),),
        conclusions=(list_check("rank_safeties_higher",
                                f"{{count}} reach programs are ranked above your first safety "
                                f"program. Keep at most {MAX_REACH_ON_TOP} reach programs you "
                                f"truly loved on top and rank the safety nets right after "
                                f"them, where the algorithm reaches them in time.",
                                count="{count}", max_reach_on_top=MAX_REACH_ON_TOP),),
    ),
    Rule(
        id="program_list.top_all_sought_after",
        title="The top of the list is all in sought-after cities",
        strength="caution",
        sources=(*RED_FLAGS, *GEOGRAPHY),
        premises=(given("list.top_count", at_least(2), bind="top"),
                  given("list.top_sought_after_percent", 100)),
        conclusions=(list_check("spread_top_of_list",
                                f"All of your top {{top}} programs (the top {TOP_OF_LIST} at "
                                f"most) are in sought-after cities: a sign the list still aims "
                                f"too high.", top="{top}"),),
    ),
    Rule(
        id="program_list.mostly_few_imgs",
        title=f"More than {MOSTLY}% of the list has under {FEW_IMG_PERCENT}% IMGs",
        strength="caution",
        sources=RED_FLAGS,
        premises=(given("list.few_img_percent", above(MOSTLY), bind="percent"),),
        conclusions=(list_check("replace_few_img_programs",
                                f"{{percent}}% of the list are programs with under "
                                f"{FEW_IMG_PERCENT}% IMGs: replace many of them with "
                                f"IMG-heavy programs.", percent="{percent}"),),
    ),
    Rule(
        id="program_list.mostly_sought_after",
        title=f"At least {RED_FLAG}% of the list in sought-after cities",
        strength="caution",
        sources=(*RANK_FRAMEWORK, *GEOGRAPHY),
        premises=(SCORE_RISK, given("list.sought_after_percent", at_least(RED_FLAG),
                                    bind="percent")),
        conclusions=(list_check("add_less_sought_after_regions",
                                "{percent}% of the list are in sought-after cities: you are "
                                "overestimating your profile. Add programs in the Midwest, the "
                                "Deep South and smaller towns.", percent="{percent}"),),
    ),
    Rule(
        id="program_list.mostly_university",
        title=f"At least {RED_FLAG}% of the list university-branded",
        strength="caution",
        sources=(*RANK_FRAMEWORK, *cite("state_univ", "2. Is it better to apply only to "
                                                      "community programs if I have a low Step "
                                                      "1 or Step 2 CK?")),
        premises=(SCORE_RISK, given("list.university_percent", at_least(RED_FLAG),
                                    bind="percent")),
        conclusions=(list_check("add_community_programs",
                                "{percent}% of the list are big academic or university-"
                                "affiliated programs: mix in community and rural ones.",
                                percent="{percent}"),),
    ),
    Rule(
        id="program_list.few_img_heavy_community",
        title=f"Only {FEW_IMG_HEAVY_COMMUNITY} or fewer IMG-heavy community programs",
        strength="caution",
        sources=(*RANK_FRAMEWORK, *SWEET_SPOT),
        premises=(SCORE_RISK, given("list.count", at_least(REASONABLE_LIST)),
                  given("list.img_heavy_community_count", below(FEW_IMG_HEAVY_COMMUNITY + 1),
                        bind="count")),
        conclusions=(list_check("add_img_heavy_community_programs",
                                f"Only {{count}} IMG-heavy community or rural programs (at "
                                f"least {IMG_HEAVY_PERCENT}% IMGs) on the list: they are where "
                                f"IMGs with scores like yours match most.", count="{count}"),),
    ),
    Rule(
        id="program_list.add_programs",
        title="A list still being built: how many more programs, and of which kind",
        strength="should",
        sources=(*UNIV_VOLUME, *EXPANSION, *RANK_FRAMEWORK),
        premises=(given("phase", one_of("preparing", "applying")),
                  given("list.programs_to_add", at_least(1), bind="total"),
                  given("list.safety_to_add", bind="safety"),
                  given("list.match_to_add", bind="match"),
                  given("list.reach_to_add", bind="reach")),
        conclusions=(list_check("add_programs",
                                "Add at least {total} programs: {safety} safety, {match} match "
                                "and {reach} reach, to reach the number of applications advised "
                                "and the survival mix.", total="{total}", safety="{safety}",
                                match="{match}", reach="{reach}"),),
    ),
)
