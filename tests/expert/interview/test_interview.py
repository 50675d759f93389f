"""The interview: asks only what can change the advice, says why, checks every answer as
``advise`` does, and ends with the advice of the profile it built."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert import advise
from expert.errors import ProfileError
from expert.examples import EXAMPLES, example_profile
from expert.interview import QUESTIONS, Interview
from expert.interview.probe import can_change
from expert.interview.questions import question
from expert.interview.relevance import INTERVIEW_RULES
from knowledge_base.kinds import SINGLE_ANSWER_KINDS

RULE_IDS = {rule.id for rule in INTERVIEW_RULES}


def value_at(profile: dict, field: str) -> Any:
    node: Any = profile
    for part in field.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def interviewed(profile: dict) -> tuple[Interview, list[tuple[str, Any]]]:
    """An interview answered with ``profile``'s values (don't know where it has none), and
    each question's why() at the moment it was asked."""
    interview = Interview()
    whys = []
    while (asked := interview.next_question()) is not None:
        whys.append((asked.field, interview.why()))
        value = value_at(profile, asked.field)
        if value is None:
            interview.skip()
        else:
            interview.answer(value)
    return interview, whys


@pytest.fixture(scope="module", params=list(EXAMPLES))
def example_run(request):
    profile = example_profile(request.param)
    interview, whys = interviewed(profile)
    return profile, interview, whys


def test_the_examples_answers_give_the_examples_headline_answers(example_run):
    profile, interview, _ = example_run
    ours, theirs = interview.advice(), advise(profile)
    for kind in SINGLE_ANSWER_KINDS:
        assert ours[kind].value == theirs[kind].value, kind
    assert [s.task for s in ours.plan] == [s.task for s in theirs.plan]


def test_every_question_asked_can_change_the_advice(example_run):
    _, interview, _ = example_run
    for field in interview.asked:
        asked = question(field)
        assert not asked.optional or can_change(asked, interview.answers), field


def test_every_question_says_why_naming_a_rule(example_run):
    _, _, whys = example_run
    for field, why in whys:
        assert why, field
        assert why.reasons and all(reason.rule in RULE_IDS for reason in why.reasons), field
        assert all(reason.sources for reason in why.reasons)
        assert all(field.split(".")[0] in " ".join(reason.tests) or reason.tests
                   for reason in why.reasons)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_headline_questions_come_before_the_others(name):
    interview, whys = interviewed(example_profile(name))
    first = {field: any(r.headline for r in why.reasons) or not question(field).optional
             for field, why in whys}
    for field in interview.asked:  # a question another waits on goes with it
        for gate, _ in question(field).only_when:
            if gate in first:
                first[gate] = first[gate] or first[field]
    flags = [first[field] for field in interview.asked]
    assert flags == sorted(flags, reverse=True), list(zip(interview.asked, flags))


def _admits_phase(rule, phase: str) -> bool:
    from knowledge_base.facts import Input

    return all(premise.matches(Input("phase", phase)) != premise.negated
               for premise in rule.premises if premise.input_field == "phase")


@pytest.mark.parametrize("phase", ["ranking", "unmatched"])
def test_late_in_the_cycle_no_question_only_preparation_rules_read(phase):
    profile = {**example_profile("safety_nets_ranking"), "phase": phase}
    interview, _ = interviewed(profile)
    for field in interview.asked:
        inputs = question(field).inputs
        readers = [rule for rule in INTERVIEW_RULES
                   if any(p.input_field in inputs for p in rule.premises)]
        assert not question(field).optional or any(_admits_phase(r, phase) for r in readers), \
            field


def test_fields_that_follow_from_others_are_never_asked():
    pending, _ = interviewed({"specialty": "med_peds", "step1": {"result": "pass"},
                              "step2ck": {"status": "pending", "practice_score": 221},
                              "citizenship": "us_citizen"})
    assert "step2ck.score" not in pending.asked and "visa" not in pending.asked
    assert "step2ck.practice_score" in pending.asked
    assert "step3.score" not in pending.asked  # step3 not taken
    taken, _ = interviewed(example_profile("state_univ_sample"))
    assert "step2ck.practice_score" not in taken.asked and "step2ck.score" in taken.asked


def test_a_bad_answer_names_the_field_and_changes_nothing():
    interview = Interview()
    interview.answer("internal_medicine")
    interview.answer("pass")
    interview.answer("taken")
    before = interview.asked
    with pytest.raises(ProfileError) as raised:
        interview.answer(900)
    problem = raised.value.problems[0]
    assert problem.path == "step2ck.score" and problem.value == 900
    assert "1" in problem.allowed and "300" in problem.allowed
    assert interview.asked == before and interview.next_question().field == "step2ck.score"
    with pytest.raises(ProfileError):
        interview.skip()  # a score once taken is required


def test_back_takes_the_last_answer_back():
    interview = Interview()
    interview.answer("pmr")
    assert interview.back().field == "specialty"
    assert interview.asked == () and interview.next_question().field == "specialty"
    assert interview.back() is None


def test_advice_before_the_required_answers_names_what_is_missing():
    interview = Interview()
    interview.answer("pmr")
    with pytest.raises(ProfileError) as raised:
        interview.advice()
    assert [p.path for p in raised.value.problems] == ["step1.result", "step2ck.score"]


def test_the_profile_holds_only_answered_fields_as_a_profile_writes_them():
    interview = Interview()
    for value in ("pmr", 205, "taken", 245):
        interview.answer(value)
    assert interview.profile == {"specialty": "pmr", "step1": {"result": 205},
                                 "step2ck": {"status": "taken", "score": 245}}


@st.composite
def answers(draw):
    """A way through the interview: for each question, a typed answer, don't know, or a bad
    value first."""
    return draw(st.lists(st.tuples(st.integers(0, 9), st.booleans()), min_size=40,
                         max_size=40))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_any_way_through_ends_with_a_valid_profile_and_its_advice(choices):
    interview = Interview()
    for pick, skip in choices:
        asked = interview.next_question()
        if asked is None:
            break
        assert asked.applies(interview.answers) and asked.field not in interview.asked
        if skip and asked.optional:
            interview.skip()
            continue
        options = _options(asked, interview)
        interview.answer(options[pick % len(options)])
    assert interview.done
    advice = interview.advice()
    assert all(kind in advice for kind in SINGLE_ANSWER_KINDS)
    assert len(set(interview.asked)) == len(interview.asked)


def _options(asked, interview) -> list[Any]:
    from expert.interview.probe import alternatives

    return [v for v in alternatives(asked, interview.answers) if v is not None
            and _valid(interview, asked.field, v)] or [_fallback(asked)]


def _valid(interview: Interview, field: str, value: Any) -> bool:
    try:
        Interview._checked_profile({**interview.answers, field: value})
    except ProfileError:
        return False
    return True


def _fallback(asked) -> Any:
    return {"specialty": "internal_medicine", "step1.result": "pass"}.get(asked.field, 230)


def test_every_question_has_words_and_a_field_a_profile_has():
    from expert.inputs.schema import profile_schema

    properties = profile_schema()["properties"]
    for asked in QUESTIONS:
        head, _, rest = asked.field.partition(".")
        assert head in properties
        assert asked.text.endswith("?") and asked.help
