"""Program triage: golden verdicts on hand-made programs, the notes on unknowns, the list checks
on lists with and without each problem, the API and the agreement with the Rete engine."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.program_lists import generated_programs
from expert import advise
from expert.consultation.consult import consult
from expert.engine.evaluator import Evaluator
from expert.engine.recording import EnginePool, default_pool
from expert.examples import PROGRAM_EXAMPLES, example_profile, example_programs
from expert.inputs.profiles import profile_from_dict
from expert.triage.review import VERDICT_RULES
from knowledge_base import LIST_RULES, PROGRAM_RULES
from knowledge_base.program_list import VERDICTS, programs_to_add
from knowledge_base.programs import Program, location, program_facts, wording
from tests.conftest import REPO, profile
from tests.strategies import profiles

EXAMPLES_DIR = REPO / "expert" / "examples"

LOW = profile(step2ck=224)            # IM, non-US, J-1, Step 2 CK low (a score risk)
STRONG = profile(step2ck=250)         # no score risk
SAFE = {"state": "OH", "city": "Lakeview", "type": "community", "img_percent": 60,
        "visa": "j1"}
"""A program every J-1 applicant can call a safety."""


def judge(applicant: dict, **program):
    data = {"name": "P (fictional)", **program}
    return advise(applicant, programs=[data]).programs[0]


def notes(verdict) -> set[str]:
    return {n.value["note"] for n in verdict.notes}


# --- verdicts -------------------------------------------------------------------------------

@pytest.mark.parametrize("applicant, program, verdict, rule, words", [
    (LOW, {**SAFE, "visa": "none"}, "do_not_apply", "programs.do_not_apply.no_visa",
     "sponsors no visa"),
    (profile(step2ck=224, visa="h1b"), SAFE, "do_not_apply", "programs.do_not_apply.no_h1b",
     "J-1 only"),
    (LOW, {**SAFE, "step2ck_min": 225}, "do_not_apply",
     "programs.do_not_apply.below_stated_minimum", "below the stated minimum of 225"),
    (LOW, {**SAFE, "img_percent": 19, "step2ck_average": 244}, "do_not_apply",
     "programs.do_not_apply.far_below_average_few_imgs", "average 20 points more"),
    (LOW, {**SAFE, "specialty": "dermatology"}, "do_not_apply",
     "programs.do_not_apply.off_table_specialty", "dermatology programs"),
    (LOW, {**SAFE, "img_percent": 19}, "reach", "programs.reach.few_imgs", "Only 19%"),
    (LOW, {**SAFE, "img_percent": 20, "step2ck_average": 244}, "reach",
     "programs.reach.below_usual_range", "average 20 points more"),
    (LOW, {**SAFE, "step2ck_average": 234}, "reach", "programs.reach.below_usual_range",
     "average 10 points more"),
    (LOW, {**SAFE, "step2ck_min": 224}, "reach", "programs.reach.at_stated_minimum",
     "minimum of 224"),
    (LOW, {**SAFE, "step2ck_min": 220}, "reach", "programs.reach.at_stated_minimum",
     "minimum of 220"),
    (LOW, {**SAFE, "type": "big_academic"}, "reach", "programs.reach.big_academic",
     "Big academic"),
    (STRONG, {**SAFE, "description": "Preference given to U.S. graduates."}, "reach",
     "programs.reach.prefers_us_graduates", "Preference given to U.S. graduates"),
    (LOW, {**SAFE, "description": "USMLE Step 2 > 240 preferred."}, "reach",
     "programs.reach.score_rigid_wording", "Step 2 > 240 preferred"),
    (LOW, SAFE, "safety", "programs.safety.j1", "60% of its residents are IMGs"),
    (LOW, {**SAFE, "img_percent": 40, "visa": "j1_h1b", "type": "rural"}, "safety",
     "programs.safety.j1", "rural program"),
    (profile(step2ck=224, visa="h1b"), {**SAFE, "visa": "j1_h1b"}, "safety",
     "programs.safety.h1b", "H-1B you need"),
    (profile(step2ck=224, citizenship="us_citizen"), {**SAFE, "visa": "none"}, "safety",
     "programs.safety.no_visa_needed", "you need no visa"),
    (STRONG, {**SAFE, "step2ck_min": 245}, "safety", "programs.safety.j1", "IMGs"),
])
def test_golden_verdicts(applicant, program, verdict, rule, words):
    judged = judge(applicant, **program)
    assert (judged.verdict, judged.rule) == (verdict, rule)
    assert words in judged.reasons[0]


@pytest.mark.parametrize("program, short", [
    ({**SAFE, "img_percent": 39}, "program.img_percent is 39, not at least 40"),
    ({**SAFE, "city": "New York", "state": "NY"}, "program.location is sought_after"),
    ({**SAFE, "type": "university_affiliated"}, "program.type is university_affiliated"),
    ({**SAFE, "visa": None}, "program.visa is not given"),
    ({**SAFE, "state": None}, "program.location is not given"),
])
def test_a_match_says_what_it_lacks_to_be_a_safety(program, short):
    judged = judge(LOW, **program)
    assert (judged.verdict, judged.rule) == ("match", "programs.match.by_default")
    assert any(short in reason for reason in judged.reasons)


def test_why_not_a_safety_names_what_each_safety_rule_lacks_with_the_values():
    judged = judge(LOW, **{**SAFE, "img_percent": 39})
    answer = judged.why_not("safety")
    assert answer.answer == "The verdict is match (programs.match.by_default)."
    j1 = next(c for c in answer.candidates if c.rule == "programs.safety.j1")
    assert j1.unmet == ("program.img_percent is 39, not at least 40",) and not j1.fired
    assert set(judged.short_of_safety) <= {u for c in answer.candidates for u in c.unmet}


def test_why_not_a_verdict_that_lost_says_what_it_lost_to():
    judged = judge(LOW, **{**SAFE, "visa": "none", "img_percent": 5, "type": "big_academic"})
    fired = {c.rule: c for c in judged.why_not("reach").candidates if c.fired}
    assert set(fired) == {"programs.reach.big_academic", "programs.reach.few_imgs"}
    assert all(c.unmet == () and c.note.startswith("it fired, but was superseded: "
                                                   "programs.do_not_apply.no_visa")
               for c in fired.values())
    standing = judged.why_not("do_not_apply")
    assert standing.answer.startswith("The verdict is already do_not_apply")
    assert {c.note for c in standing.candidates if c.fired} == {"it fired, and its verdict stands"}


def test_why_not_refuses_an_unknown_verdict():
    with pytest.raises(ValueError, match="expected one of reach, match, safety, do_not_apply"):
        judge(LOW, **SAFE).why_not("maybe")


def assert_why_not_agrees_with_the_verdict(judged) -> None:
    """For every verdict: a rule that gives it fired exactly when none of its premises failed;
    those that fired for the verdict given stand, the others say what they lost to."""
    for verdict in VERDICTS:
        answer = judged.why_not(verdict)
        assert [c.rule for c in answer.candidates] == sorted(
            rule.id for rule in VERDICT_RULES[verdict])
        for candidate in answer.candidates:
            assert candidate.fired == (candidate.unmet == ())
            if verdict == judged.verdict:
                assert candidate.note == ("it fired, and its verdict stands" if candidate.fired
                                          else "")
            elif candidate.fired:
                assert candidate.note.startswith(f"it fired, but was superseded: {judged.rule} ")


@pytest.mark.parametrize("name", PROGRAM_EXAMPLES)
def test_why_not_agrees_with_the_verdict_on_the_example_lists(examples, name):
    for judged in examples[name].programs:
        assert_why_not_agrees_with_the_verdict(judged)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicant=profiles(), seed=st.integers(0, 10**6))
def test_why_not_agrees_with_the_verdict_on_generated_lists(applicant, seed):
    for judged in advise(applicant, programs=generated_programs(12, seed)).programs:
        assert_why_not_agrees_with_the_verdict(judged)


def test_boundaries_of_the_score_margins():
    assert judge(LOW, **SAFE, step2ck_min=219).verdict == "safety"      # 5 points over: clear
    assert judge(LOW, **SAFE, step2ck_average=233).verdict == "safety"  # 9 points under
    assert judge(LOW, **{**SAFE, "img_percent": 10}, step2ck_average=243).rule == \
        "programs.reach.below_usual_range"                                # 19: not far enough


def test_strong_scores_lift_the_score_conditioned_reaches():
    assert judge(STRONG, **{**SAFE, "type": "big_academic", "img_percent": 30}).verdict == "match"
    assert judge(STRONG, **SAFE, specialty="dermatology").verdict == "safety"
    assert judge(STRONG, **SAFE, description="Highly competitive applicants").verdict == "safety"


def test_do_not_apply_outranks_reach_and_keeps_only_its_own_reasons():
    judged = judge(LOW, **{**SAFE, "visa": "none", "img_percent": 5, "type": "big_academic"})
    assert judged.verdict == "do_not_apply"
    assert judged.reasons == (judged.recommendation.summary,)
    superseded = [(u, v) for u, v, kind in judged.graph.edges(data="type") if kind == "superseded"]
    assert len(superseded) >= 2  # the reach proposals lost to it, and say so in the graph


def test_each_verdict_has_its_own_specificity():
    levels = {}
    for rule in PROGRAM_RULES:
        for fact in rule.conclusions:
            if fact.kind == "program_verdict":
                levels.setdefault(rule.specificity, set()).add(fact.value["verdict"])
    assert all(len(verdicts) == 1 for verdicts in levels.values())
    order = sorted(levels, reverse=True)
    assert [levels[s].pop() for s in order] == ["do_not_apply", "reach", "safety", "match"]


# --- unknowns and notes ---------------------------------------------------------------------

def test_unknown_values_are_said_to_be_unknown_never_taken_as_good_or_bad():
    judged = judge(LOW, specialty="internal_medicine")
    assert judged.verdict == "match"
    assert notes(judged) == {"visa_unknown", "img_share_unknown", "type_unknown",
                             "scores_unknown", "location_unknown"}
    assert set(judged.unknown) >= {"type", "img_percent", "visa", "state"}
    visa = next(n for n in judged.notes if n.value["note"] == "visa_unknown")
    assert visa.strength == "must" and "check" in visa.summary.lower()


def test_no_visa_caveat_for_an_applicant_who_needs_none():
    judged = judge(profile(step2ck=224, citizenship="us_citizen"))
    assert "visa_unknown" not in notes(judged)
    assert "scores_unknown" in notes(judged)
    assert "scores_unknown" not in notes(judge(STRONG))  # no score risk: nothing to look for


@pytest.mark.parametrize("program, note", [
    ({**SAFE, "region_imgs": 0}, "no_recent_region_imgs"),
    ({**SAFE, "region_imgs": 2}, "recent_region_imgs"),
    ({**SAFE, "description": "We have a long history of training IMGs."}, "welcomes_imgs"),
    ({**SAFE, "description": "Holistic review of every file."}, "welcomes_imgs"),
    (SAFE, "less_sought_after_region"),
    ({**SAFE, "state": "CA", "city": "Fresno"}, "sought_after_city"),
])
def test_notes(program, note):
    assert note in notes(judge(LOW, **program))


def test_one_region_img_is_neither_a_plus_nor_a_warning():
    assert not notes(judge(LOW, **SAFE, region_imgs=1)) & {"no_recent_region_imgs",
                                                           "recent_region_imgs"}


@pytest.mark.parametrize("state, city, where", [
    ("CA", None, "sought_after"), ("NY", "New York", "sought_after"), ("NY", "Buffalo",
     "elsewhere"), ("NY", None, None), ("IL", "Chicago", "sought_after"),
    ("IL", "Peoria", "less_sought_after"), ("TX", "Houston", "elsewhere"),
    ("TX", "Odessa", "less_sought_after"), ("TX", None, None), ("AL", None, "less_sought_after"),
    ("PA", "Erie", "elsewhere"), (None, "Boston", None),
])
def test_location(state, city, where):
    assert location(state, city) == where


def test_wording_finds_each_signal_and_nothing_in_plain_text():
    assert wording("Our residents enjoy the lake.") == {}
    assert set(wording("Highly competitive applicants only. US graduates preferred. "
                       "International medical graduates are welcome.")) == \
        {"score_rigid", "prefers_us_graduates", "welcomes_imgs"}


def test_program_facts_compare_the_applicants_step2ck_only_when_it_is_known():
    pending = profile_from_dict(profile(step2ck={"status": "pending"}))
    facts = {f.field for f in program_facts(Program("P", step2ck_min=220), pending)}
    assert "program.step2ck_over_minimum" not in facts
    taken = profile_from_dict(LOW)
    values = {f.field: f.value for f in program_facts(
        Program("P", step2ck_min=220, step2ck_average=230), taken)}
    assert values["program.step2ck_over_minimum"] == 4
    assert values["program.step2ck_below_average"] == 6


# --- list checks ----------------------------------------------------------------------------

EXPECTED_CHECKS = {
    "programs_example": {"program_list.remove_do_not_apply", "program_list.balanced",
                         "program_list.add_programs"},
    "rank_list_example": {"program_list.too_few_safety", "program_list.too_many_reach",
                          "program_list.safeties_ranked_below_reach",
                          "program_list.top_all_sought_after", "program_list.mostly_few_imgs",
                          "program_list.mostly_sought_after", "program_list.mostly_university",
                          "program_list.few_img_heavy_community"},
}


@pytest.fixture(scope="module")
def examples():
    return {name: advise(example_profile(profile_name), programs=example_programs(name))
            for name, (profile_name, _) in PROGRAM_EXAMPLES.items()}


def test_the_examples_cover_every_verdict_and_every_list_check(examples):
    verdicts = {v.verdict for advice in examples.values() for v in advice.programs}
    assert verdicts == {"reach", "match", "safety", "do_not_apply"}
    fired = {r.rule for advice in examples.values() for r in advice.all("program_list")}
    assert fired == {rule.id for rule in LIST_RULES}


@pytest.mark.parametrize("name", EXPECTED_CHECKS)
def test_each_list_check_fires_on_its_problem_and_stays_quiet_otherwise(examples, name):
    assert {r.rule for r in examples[name].all("program_list")} == EXPECTED_CHECKS[name]


def test_the_example_list_verdicts(examples):
    counts = examples["programs_example"].programs.counts
    assert counts == {"reach": 2, "match": 4, "safety": 4, "do_not_apply": 4}
    assert all("(fictional)" in v.name for advice in examples.values() for v in advice.programs)
    add = next(r for r in examples["programs_example"].all("program_list")
               if r.rule == "program_list.add_programs")
    assert add.value == {"action": "add_programs", "total": 70, "safety": 36, "match": 20,
                         "reach": 14}


def ranked(*verdict_programs):
    """A ranked list of programs built to get the given verdicts, in rank order."""
    shapes = {"reach": {**SAFE, "img_percent": 10}, "safety": SAFE,
              "match": {**SAFE, "img_percent": 30}}
    return [{"name": f"P{i} (fictional)", **shapes[v], "interviewed": True, "rank": i}
            for i, v in enumerate(verdict_programs, 1)]


def checks(programs, applicant=None) -> set[str]:
    advice = advise(applicant or profile(step2ck=224, phase="ranking"), programs=programs)
    return {r.rule for r in advice.all("program_list")}


def test_reach_above_the_first_safety_allows_the_loved_two():
    rule = "program_list.safeties_ranked_below_reach"
    assert rule not in checks(ranked("reach", "reach", "safety", "match", "safety"))
    assert rule in checks(ranked("reach", "reach", "reach", "safety", "safety"))
    assert rule in checks(ranked("reach", "match", "reach", "match", "reach", "safety"))


def test_only_ranked_programs_count_on_a_rank_list():
    programs = ranked("safety", "safety", "match") + [{"name": "Unranked (fictional)", **SAFE,
                                                       "img_percent": 5}]
    advice = advise(profile(step2ck=224, phase="ranking"), programs=programs)
    assert advice.programs.measures["count"] == 3
    assert advice.programs.measures["kind"] == "rank_list"


def test_a_list_without_safeties_has_too_few():
    assert "program_list.too_few_safety" in checks(ranked("match", "match", "reach"))


def test_composition_checks_need_a_score_risk():
    strong = profile(step2ck=250, phase="ranking")
    assert not checks(ranked("match", "match", "reach"), strong) & {
        "program_list.too_few_safety", "program_list.too_many_reach", "program_list.balanced"}


def test_a_list_is_built_only_while_preparing_or_applying():
    programs = [{"name": "A (fictional)", **SAFE}]
    assert "program_list.add_programs" in checks(programs, profile(step2ck=224, phase="applying"))
    assert "program_list.add_programs" not in checks(programs,
                                                     profile(step2ck=224, phase="interviewing"))


@pytest.mark.parametrize("counts, target, expected", [
    ({"reach": 2, "match": 4, "safety": 4}, 80,
     {"total": 70, "reach": 14, "match": 20, "safety": 36}),
    ({"reach": 10, "match": 40, "safety": 10}, 60,   # long enough, but short of safeties
     {"total": 14, "reach": 0, "match": 0, "safety": 14}),
    ({"reach": 0, "match": 30, "safety": 50}, 60, {"total": 0, "reach": 0, "match": 0,
                                                   "safety": 0}),
])
def test_programs_to_add(counts, target, expected):
    assert programs_to_add(counts, target) == expected


# --- the API --------------------------------------------------------------------------------

def test_advice_without_programs_keeps_its_json_shape():
    advice = advise(LOW)
    assert advice.programs is None
    assert set(advice.to_dict()) == {"schema_version", "carries", "recommendations", "plan", "plan_branch", "plan_check",
                                     "calendar", "explanation"}
    assert "program_list" not in advice


def test_the_json_gains_a_programs_section(examples):
    shape = json.loads(examples["programs_example"].to_json())
    assert set(shape) == {"schema_version", "carries", "recommendations", "plan", "plan_branch", "plan_check", "calendar",
                          "explanation", "programs"}
    assert len(shape["programs"]["verdicts"]) == 14
    first = shape["programs"]["verdicts"][0]
    assert {"name", "verdict", "rule", "reasons", "notes", "unknown", "sources"} <= set(first)
    assert any(r["kind"] == "program_list" for r in shape["recommendations"])


def test_the_output_is_deterministic_whatever_the_input_form():
    one = advise(example_profile("state_univ_sample"),
                 programs=example_programs("programs_example"))
    two = advise(example_profile("state_univ_sample"),
                 programs=EXAMPLES_DIR / "programs_example.csv")
    assert one.to_json() == two.to_json()
    assert one.programs.to_csv() == two.programs.to_csv()


def test_a_verdicts_explanation_reaches_back_to_the_applicants_scores(examples):
    review = examples["programs_example"].programs
    judged = review["Summit Crest University Medical Center (fictional)"]
    assert judged.verdict == "reach"
    graph = judged.graph
    assert "input:step2ck.score" in graph and "input:program.type" in graph
    assert "finding:risk:step2ck_low" in graph
    assert {data["type"] for _, data in graph.nodes(data=True)} == {
        "input", "finding", "rule", "recommendation", "source"}
    assert "Summit Crest" in judged.diagram().dot
    assert "programs.reach.below_usual_range" in str(judged.why())


def test_list_checks_are_explained_in_the_advice_graph(examples):
    advice = examples["rank_list_example"]
    explanation = advice.explanation("program_list")
    assert "input:list.reach_above_first_safety" in explanation
    assert "rule:program_list.safeties_ranked_below_reach" in explanation
    assert explanation.nodes["input:list.reach_percent"]["derived"]


def test_a_review_is_indexed_by_position_and_name(examples):
    review = examples["rank_list_example"].programs
    assert review[0].program.rank == 1
    assert review[review[0].name] is review[0]
    with pytest.raises(KeyError, match="no program named"):
        review["Nowhere (fictional)"]


def test_what_if_keeps_the_program_list(examples):
    answer = examples["programs_example"].what_if({"step2ck.score": 250})
    assert answer.after.programs is not None
    assert len(answer.after.programs) == 14


# --- the evaluator agrees with the Rete engine on the program rules -------------------------

@pytest.mark.parametrize("name", PROGRAM_EXAMPLES)
def test_the_evaluator_and_rete_agree_on_every_example_program(name):
    profile_name, _ = PROGRAM_EXAMPLES[name]
    applicant = profile_from_dict(example_profile(profile_name))
    outcome = consult(applicant, default_pool())
    engine = EnginePool(PROGRAM_RULES).engine()
    evaluator = Evaluator(PROGRAM_RULES)
    for program in example_programs(name):
        facts = (*outcome.memory, *program_facts(program, applicant))
        rete_firings, rete_memory = engine.consult(facts)
        firings, evaluated = evaluator.run(facts)
        assert {(f.rule.id, frozenset(f.matched)) for f in rete_firings} == \
            {(f.rule.id, frozenset(f.matched)) for f in firings}
        assert set(rete_memory) == set(evaluated)
