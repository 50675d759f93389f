"""What would change it: the search finds real, small, realistic changes, and only those."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from expert import advise
from expert.examples import EXAMPLES, example_profile
from expert.questions.counterfactuals import LEVERS, MOVABLE, deciding_rules, threshold_values
from knowledge_base import SINGLE_ANSWER_KINDS
from knowledge_base.facts import Input
from tests.conftest import profile
from tests.strategies import profiles

FIXED = {"specialty", "graduation_year", "season", "citizenship", "phase", "step1"}


@pytest.fixture(scope="module")
def sample():
    return advise(example_profile("state_univ_sample"))


def _edits(answer):
    return [[(e.path, e.after) for e in option.edits] for option in answer.options]


def test_the_smallest_score_that_changes_step3_is_the_threshold_the_rules_test(sample):
    answer = sample.counterfactuals("step3")
    assert answer.current == ("take",)
    results = {json.dumps(e): option.outcome.after["step3"]
               for e, option in zip(_edits(answer), answer.options)}
    consider = results[json.dumps([("step2ck.score", 225)])]
    assert (consider.value, consider.rule) == ("consider", "step3.borderline_step2ck")
    assert results[json.dumps([("step2ck.score", 235)])].value == "not_needed"
    assert results[json.dumps([("step3", {"status": "passed"})])].rule == "step3.already_passed"
    # 224 -> 225 is the first change: Step 2 CK 224 is below the borderline band [225, 235).
    assert [e for e in _edits(answer) if e[0][0] == "step2ck.score"][0] == [("step2ck.score", 225)]


def test_only_what_can_realistically_change_is_changed():
    advice = advise(example_profile("pmr_both_low"))
    for kind in SINGLE_ANSWER_KINDS:
        for option in advice.counterfactuals(kind).options:
            for edit in option.edits:
                assert edit.path.split(".")[0] not in FIXED
                if edit.path == "step2ck.score":
                    assert edit.after > edit.before


def test_a_pair_is_offered_when_no_single_change_is_enough():
    advice = advise(example_profile("pmr_both_low"))   # H-1B, Step 2 CK 208
    answer = advice.counterfactuals("step3")
    pair = [o for o in answer.options if len(o.edits) == 2]
    assert [o.changes for o in pair] == [{"step2ck.score": 210, "visa": "j1"}]
    assert pair[0].outcome.after["step3"].value == "consider"
    # Each half alone leaves step3 as it is.
    for path, value in pair[0].changes.items():
        assert advice.what_if({path: value}).after["step3"].value == "take"


def test_asking_for_an_answer_finds_what_gives_it():
    advice = advise(example_profile("safety_nets_ranking"))   # J-1, Step 2 CK 227
    answer = advice.counterfactuals("step3=take")
    assert _edits(answer) == [[("visa", "h1b")]]
    assert answer.options[0].outcome.after["step3"].rule == "step3.h1b_programs_prefer_step3"
    lower = advice.counterfactuals("outlook", "lower_risk")
    assert _edits(lower) == [[("step2ck.score", 235)]]


def test_scores_only_rise_so_a_backup_for_lower_scores_is_out_of_reach():
    advice = advise(profile("internal_medicine", 227))
    answer = advice.counterfactuals("prelim_backup=true")
    assert answer.options == () and answer.complete
    assert "No realistic change" in str(answer)


def test_a_pending_result_can_come_in_at_any_tested_score():
    advice = advise(example_profile("med_peds_pending"))
    answer = advice.counterfactuals("step3")
    firsts = [o.edits[0] for o in answer.options if o.edits[0].path == "step2ck"]
    assert firsts and all(e.after["status"] == "taken" for e in firsts)
    assert advice.what_if(answer.options[0].changes).after["step3"].value != "dont_rush"


def test_the_search_only_reads_rules_that_can_decide_the_kind(sample):
    rules = deciding_rules(sample.rules, "prelim_backup", sample.memory, MOVABLE)
    assert all(r.id.startswith(("backup.", "risk.", "scores.")) for r in rules)
    assert not any(r.id.startswith("backup.pmr") for r in rules)   # this applicant is in IM
    tested = threshold_values(rules)
    assert "specialty" in tested and 220 in tested["step2ck.score"]
    assert 225 not in tested["step2ck.score"]   # the borderline band decides step3, not this


def test_the_budget_bounds_the_search():
    advice = advise(example_profile("pmr_both_low"))
    answer = advice.counterfactuals("step3", budget=2)
    assert answer.searched == 2 and not answer.complete
    assert "search budget" in str(answer)


def test_unknown_kinds_are_refused(sample):
    with pytest.raises(ValueError, match="not a kind of recommendation"):
        sample.counterfactuals("step4")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_option_on_every_demo_profile_really_changes_the_answer(name):
    advice = advise(example_profile(name))
    for kind in SINGLE_ANSWER_KINDS:
        answer = advice.counterfactuals(kind)
        assert answer.complete
        for option in answer.options:
            again = advice.what_if(option.changes).after
            assert again[kind].value != advice[kind].value
            assert json.loads(json.dumps(answer.to_dict()))["options"]


@settings(max_examples=15, deadline=None)
@given(profiles())
def test_single_numeric_changes_are_the_smallest_that_give_their_answer(data):
    advice = advise(data)
    for kind in ("step3", "apply_count"):
        answer = advice.counterfactuals(kind, budget=100)
        found = {}
        for option in answer.options:
            if len(option.edits) != 1 or not isinstance(option.edits[0].after, int) \
                    or isinstance(option.edits[0].after, bool):
                continue
            edit = option.edits[0]
            one_less = advice.what_if({edit.path: edit.after - 1}).after
            values = [r.value for r in one_less.all(kind)]
            earlier = found.get(edit.path, [])
            assert edit.after - 1 == edit.before or values == [advice[kind].value] \
                or values in earlier
            found.setdefault(edit.path, []).append([r.value for r in option.outcome.after.all(kind)])


def test_every_lever_moves_inputs_the_rules_read():
    read = {dict(p.constraints)["field"].operand for r in advise(profile()).rules
            for p in r.premises if p.fact_type.__name__ == "Input"}
    for lever in LEVERS:
        assert lever.moves & read, lever.name


def test_a_program_list_does_not_change_the_search_and_its_checks_are_not_searched():
    from expert.examples import example_programs

    data = example_profile("state_univ_sample")
    with_list = advise(data, programs=example_programs("programs_example"))
    answer = with_list.counterfactuals("step3")
    assert _edits(answer) == _edits(advise(data).counterfactuals("step3"))
    with pytest.raises(ValueError, match="program_list"):
        with_list.counterfactuals("program_list")


@settings(max_examples=30, deadline=None)
@given(profiles())
def test_an_input_premise_is_judged_on_the_inputs_of_its_field_alone(data):
    """``deciding_rules`` judges each premise on an input against that field's inputs only
    (its index): the answer is the one the whole working memory gives."""
    advice = advise(data)
    memory = list(advice.memory)
    for rule in advice.rules:
        for premise in rule.premises:
            if premise.input_field is not None:
                field = [f for f in memory if isinstance(f, Input) and f.field == premise.input_field]
                assert premise.holds(field) == premise.holds(memory), (rule.id, premise)
