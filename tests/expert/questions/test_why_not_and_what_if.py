"""Why, why not, what if: the answers name the right rules, conditions and values."""

from __future__ import annotations

import pytest

from expert import ProfileError, advise
from expert.examples import EXAMPLES, example_profile
from tests.conftest import profile


@pytest.fixture(scope="module")
def sample():
    return advise(example_profile("state_univ_sample"))


def test_why_follows_the_chain_from_inputs_to_the_decision(sample):
    answer = sample.why("step3")
    rules = [step.rule for step in answer.steps]
    assert rules[-1] == "step3.both_scores_low_with_time"
    assert {"risk.step1_low", "risk.step2ck_low"} <= set(rules)
    assert rules.index("risk.step1_low") < rules.index("step3.both_scores_low_with_time")
    assert {"step1.score = 209", "step2ck.score = 224", "months_until_eras = 12"} <= set(answer.inputs)
    assert {s.rule for s in answer.superseded} == {"step3.not_required", "step3.low_step2ck"}
    assert all("takes precedence" in s.reason for s in answer.superseded)
    last = answer.steps[-1]
    assert last.strength == "should" and any(s.startswith("state_univ §") for s in last.sources)


def test_why_has_text_dict_and_diagram(sample):
    answer = sample.why("apply_count")
    assert "applications.core_specialty_low_scores" in str(answer)
    assert answer.to_dict()["steps"][-1]["rule"] == "applications.core_specialty_low_scores"
    types = {t for _, t in answer.diagram().graph.nodes(data="type")}
    assert {"input", "rule", "recommendation", "source"} <= types


def test_why_not_names_the_conditions_with_actual_values():
    advice = advise(profile("internal_medicine", 231))
    answer = advice.why_not("prelim_backup")
    by_rule = {c.rule: c for c in answer.candidates}
    foothold = by_rule["backup.very_low_step2ck_foothold"]
    assert not foothold.fired
    assert any("very_low" in reason and "borderline" in reason for reason in foothold.unmet)
    assert any("scores.step2ck_band.general_img.very_low would give it, but step2ck.score is 231"
               in reason for reason in foothold.unmet)
    assert by_rule["backup.pmr_prelim_or_ty"].unmet == ("specialty is internal_medicine, not pmr",)
    assert "The advice is no." in answer.answer


def test_why_not_a_value():
    advice = advise(profile("internal_medicine", 231, months_until_eras=8))
    answer = advice.why_not("step3=take")
    assert answer.question == "step3 = take"
    h1b = next(c for c in answer.candidates if c.rule == "step3.h1b_programs_prefer_step3")
    assert h1b.unmet == ("visa is j1, not h1b",)
    assert all(c.rule.startswith("step3.") for c in answer.candidates)


def test_why_not_a_superseded_answer_says_so():
    advice = advise(example_profile("state_univ_sample"))
    answer = advice.why_not("step3", "consider")
    low = next(c for c in answer.candidates if c.rule == "step3.low_step2ck")
    assert low.fired and low.unmet == () and "superseded" in low.note


def test_what_if_reports_what_changes_and_why():
    advice = advise(example_profile("safety_nets_ranking"))
    result = advice.what_if(step2ck=219)
    changed = {c.kind: c for c in result.changes}
    assert changed["outlook"].before == "moderate_risk" and changed["outlook"].after == "high_risk"
    assert changed["prelim_backup"].after == "yes: prelim_im"
    assert changed["prelim_backup"].rule == "backup.very_low_step2ck_foothold"
    assert result.after.profile.step2ck.score == 219
    assert advice.profile.step2ck.score == 227  # the original is untouched


def test_what_if_with_dotted_paths_and_lists():
    advice = advise(profile("pmr", 230))
    result = advice.what_if({"visa": "h1b", "usce": [{"specialty": "pmr", "months": 2,
                                                        "type": "elective"}]})
    changed = {c.kind for c in result.changes}
    assert "step3" in changed
    assert not advice.what_if(letters=[]).changes  # no change, no differences


def test_what_if_with_a_bad_value_is_a_profile_error():
    with pytest.raises(ProfileError, match="step2ck.score"):
        advise(profile()).what_if({"step2ck.score": 900})


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_question_works_on_every_demo(name):
    advice = advise(example_profile(name))
    for kind in ("apply_count", "step3", "prelim_backup"):
        assert advice.why(kind).steps
        assert str(advice.why_not(kind))
    assert isinstance(advice.what_if(step2ck=240).changes, tuple)


def test_an_exam_shorthand_changes_only_the_score():
    """``what_if(step2ck=230)`` keeps the attempts; a failed exam passed now adds its attempt."""
    twice = advise(profile(step2ck={"score": 214, "attempts": 2}))
    assert twice.what_if(step2ck=230).after.profile.step2ck.attempts == 2
    failed = advise(profile(step2ck={"status": "failed"}))
    after = failed.what_if(step2ck=230).after.profile.step2ck
    assert (after.status, after.score, after.attempts) == ("taken", 230, 2)
    pending = advise(profile(step2ck={"status": "pending", "practice_score": 220}))
    assert pending.what_if(step2ck=231).after.profile.step2ck.practice_score is None
    step1 = advise(profile(step1={"result": "pass", "attempts": 2}))
    assert step1.what_if(step1=221).after.profile.step1.attempts == 2


def test_paths_are_written_as_problems_name_fields_lists_included():
    advice = advise(profile(usce=[{"specialty": "internal_medicine", "type": "externship",
                                   "months": 1}]))
    assert advice.what_if({"usce[0].months": 3}).after.profile.usce[0].months == 3


@pytest.mark.parametrize("path, words", [
    ("step2ck..score", "a field path such as step2ck.score or usce[0].months"),
    ("usce[x].months", "a field path such as step2ck.score or usce[0].months"),
    ("usce[5].months", "a list position below 1"),
    ("usce.months", "a list position here"),
    ("specialty.x", "specialty holds a single value"),
    ("step2ck[0]", "a field name here, not a list position"),
    ("", "a field path"),
])
def test_a_path_that_does_not_fit_the_profile_is_a_profile_error_naming_it(path, words):
    advice = advise(profile(usce=[{"specialty": "internal_medicine", "type": "externship",
                                   "months": 1}]))
    with pytest.raises(ProfileError) as caught:
        advice.what_if({path: 3})
    assert words in caught.value.problems[0].allowed
    assert caught.value.problems[0].path == path


@pytest.mark.parametrize("name", EXAMPLES)
def test_why_answers_for_every_recommendation(name):
    """Every recommendation can be asked why: by its kind where it is the only one, by
    kind=action among several, and always by its node."""
    advice = advise(example_profile(name))
    for r in advice:
        assert advice.why(r.node).steps, r.node
        same = [o for o in advice.all(r.kind)
                if (o.value.get("action", o.value.get("exam")) if isinstance(o.value, dict)
                    else o.value) == (r.value.get("action", r.value.get("exam"))
                                      if isinstance(r.value, dict) else r.value)]
        if len(advice.all(r.kind)) == 1:
            assert advice.why(r.kind).subject.startswith(f"{r.kind} = ")
        elif len(same) == 1:
            action = r.value.get("action", r.value.get("exam"))
            assert advice.why(f"{r.kind}={action}").steps
            assert advice.why(f"{r.kind}:{action}").subject == advice.why(r).subject
    several = next(k for k in advice.kinds if len(advice.all(k)) > 1)
    with pytest.raises(KeyError, match=f"name one of: {several}="):
        advice.why(several)
