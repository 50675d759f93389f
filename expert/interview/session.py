"""An interview: the profile built one answer at a time, asking only what can change the advice.

The next question is the first, in this order, that applies (``Question.only_when``), is not
answered yet, and is *needed*: a required field (the specialty, Step 1, a Step 2 CK score
once taken), or a field some live rule reads (``expert.interview.relevance``), or one the
plan's dates are counted from. Required questions come first, then those a headline rule
reads, then the rest, each group in the table's order. The interview is done when no question
is needed. Each answer is checked exactly as ``advise`` checks a profile.

    >>> from expert.interview import Interview
    >>> interview = Interview()
    >>> interview.next_question().field
    'specialty'
    >>> interview.answer("pmr")
    >>> interview.next_question().field
    'step1.result'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Optional

import attrs
import orjson

from expert.advice import Advice, advise
from expert.errors import MISSING, Problem, ProfileError
from expert.inputs.profiles import profile_from_dict
from expert.interview.probe import can_change, flat_profile, nested
from expert.interview.questions import QUESTIONS, Question, question
from expert.interview.relevance import INTERVIEW_RULES, headline_rules, live_rules, readers
from knowledge_base.facts import PlanBranch, Proposal, Scalar
from knowledge_base.inputs import input_values
from knowledge_base.kinds import KIND_HEADINGS
from knowledge_base.profile import Profile
from knowledge_base.rule import Rule

__all__ = ["Interview", "Reason", "WhyAsked"]

SKIPPED = object()
"""The answer "don't know": the field is left out of the profile."""
DATES_THE_PLAN = frozenset({"season", "months_until_eras"})
"""Fields the plan's calendar is counted from, needed whatever the rules read."""

_FEEDERS: dict[str, tuple[str, ...]] = {
    name: tuple(q.field for q in QUESTIONS if name in q.inputs)
    for name in dict.fromkeys(name for q in QUESTIONS for name in q.inputs)}
"""Each rule input, and the questions whose answers it is made from."""
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@attrs.frozen
class Reason:
    """A live rule that reads the asked field: what it tests and what it would conclude."""

    rule: str
    title: str
    tests: tuple[str, ...]
    concludes: tuple[str, ...]
    sources: tuple[str, ...]
    headline: bool

    def __str__(self) -> str:
        lines = [f"- {self.title} ({self.rule}): if {'; '.join(self.tests)}",
                 *(f"    then {text}" for text in self.concludes),
                 *(f"    source: {source}" for source in self.sources)]
        return "\n".join(lines)


@attrs.frozen
class WhyAsked:
    """Why a question is asked: the rules that need its answer, headline rules first."""

    field: str
    reasons: tuple[Reason, ...]
    note: Optional[str]
    """Why it is needed besides the rules (the plan's calendar), if it is."""

    def __bool__(self) -> bool:
        return bool(self.reasons or self.note)

    def __str__(self) -> str:
        count = len(self.reasons)
        lines = [f"{self.field} is asked because {count} rule{'s' if count != 1 else ''} "
                 f"that can still apply read it" + (":" if count else ".")]
        lines += [str(reason) for reason in self.reasons]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "note": self.note,
                "reasons": [attrs.asdict(reason) for reason in self.reasons]}


def _concludes(rule: Rule) -> tuple[str, ...]:
    """What a rule would conclude, in words (placeholders the profile fills shown as …)."""
    said = []
    for conclusion in rule.conclusions:
        if isinstance(conclusion, Proposal):
            text = _PLACEHOLDER.sub("…", conclusion.summary)
            said.append(f"{KIND_HEADINGS.get(conclusion.kind, conclusion.kind)}: {text}")
        else:
            said.append(conclusion.label())
    return tuple(said)


class Interview:
    """A profile built by asking (see the module's docstring)."""

    def __init__(self, rules: tuple[Rule, ...] = INTERVIEW_RULES) -> None:
        self._rules = rules
        self._answers: dict[str, Any] = {}
        """Answered fields in the order answered: a value, or SKIPPED."""
        self._live_rules: Optional[tuple[Rule, ...]] = None
        self._probed: dict[tuple[str, bytes], bool] = {}
        """Whether a question can change the advice, by field and the answers so far."""

    # --- what has been said ---------------------------------------------------------------

    @property
    def answers(self) -> dict[str, Any]:
        """The answers so far, by field (skipped fields left out)."""
        return {f: v for f, v in self._answers.items() if v is not SKIPPED}

    @property
    def asked(self) -> tuple[str, ...]:
        """The fields asked so far, in order (answered or skipped)."""
        return tuple(self._answers)

    @property
    def profile(self) -> dict[str, Any]:
        """The answers as a profile (nested as a profile file writes them): valid whenever
        the required questions are answered, and never holding an invalid value."""
        answers = self.answers
        return nested({f: v for f, v in answers.items() if question(f).applies(answers)})

    def _settled(self, asked: Question) -> bool:
        return asked.field in self._answers or not asked.applies(self.answers)

    @staticmethod
    def _checked_profile(answers: Mapping[str, Any]) -> Profile:
        """The profile of ``answers``, placeholders for the required fields not answered
        (raises ProfileError naming what is wrong with the answers)."""
        given = {f: v for f, v in answers.items() if v is not SKIPPED}
        return profile_from_dict(nested(flat_profile(given)))

    # --- what can still matter ------------------------------------------------------------

    def _inputs(self) -> tuple[dict[str, Scalar], set[str]]:
        """The inputs the answers settle: known values, and those known to be absent."""
        settled = {field for field, feeders in _FEEDERS.items()
                   if all(self._settled(question(f)) for f in feeders)}
        values = dict(input_values(self._checked_profile(self._answers)))
        known = {f: v for f, v in values.items() if f in settled}
        return known, settled - known.keys()

    def _live(self) -> tuple[Rule, ...]:
        """The live rules for the answers so far (worked out once per state of the answers:
        the next question, ``done`` and ``why`` all ask)."""
        if self._live_rules is None:
            known, absent = self._inputs()
            self._live_rules = live_rules(known, absent, self._rules)
        return self._live_rules

    def _say(self, answers: dict[str, Any]) -> None:
        """The answers from now on."""
        self._answers = answers
        self._live_rules = None

    def _needed(self, live: tuple[Rule, ...]) -> Iterator[Question]:
        """The unsettled questions that are needed, in the order they are asked. A question
        that waits on another (``only_when``) comes after it, and lends it its weight."""
        headline = headline_rules(self._rules)
        weights: dict[str, int] = {}
        for asked in QUESTIONS:
            if self._settled(asked):
                continue
            reading = readers(live, asked.inputs)
            if not asked.optional:
                weights[asked.field] = 0
            elif any(rule.id in headline for rule in reading):
                weights[asked.field] = 1
            elif reading or asked.field in DATES_THE_PLAN:
                weights[asked.field] = 2
        ready = {}
        for field, weight in weights.items():
            gates = [gate for gate, _ in question(field).only_when if gate in weights]
            for gate in gates:
                weights[gate] = min(weights[gate], weight)
            if not gates:
                ready[field] = weight
        order = {q.field: position for position, q in enumerate(QUESTIONS)}
        for field in sorted(ready, key=lambda f: (weights[f], order[f])):
            asked = question(field)
            if weights[field] == 0 or self._can_change(asked):
                yield asked

    def _can_change(self, asked: Question) -> bool:
        key = (asked.field, orjson.dumps(self.answers, option=orjson.OPT_SORT_KEYS))
        if key not in self._probed:
            self._probed[key] = can_change(asked, self.answers)
        return self._probed[key]

    def next_question(self) -> Optional[Question]:
        """The question to ask now; None when no answer could change the advice."""
        return next(self._needed(self._live()), None)

    @property
    def done(self) -> bool:
        return self.next_question() is None

    def why(self, field: str | None = None) -> WhyAsked:
        """Why the question about ``field`` (default: the next one) is asked: the live rules
        that read its answer, what each tests and would conclude, and their sources."""
        asked = self._current() if field is None else question(field)
        headline = headline_rules(self._rules)
        inputs = set(asked.inputs)
        live = self._live()
        reading = readers(live, inputs)
        dating = () if asked.field not in DATES_THE_PLAN else tuple(
            rule for rule in live if rule not in reading
            and any(isinstance(c, PlanBranch) for c in rule.conclusions))
        reasons = sorted(
            (Reason(rule.id, rule.title,
                    tuple(p.describe() for p in rule.premises if p.input_field in inputs)
                    or (f"the plan it chooses is dated from {asked.field}",),
                    _concludes(rule), tuple(map(str, rule.sources)), rule.id in headline)
             for rule in (*reading, *dating)),
            key=lambda reason: (not reason.headline, reason.rule))
        note = ("The plan's steps are dated from it: the months until ERAS opens and the "
                "Match year set the calendar (expert.plan.cycle)."
                if asked.field in DATES_THE_PLAN else None)
        return WhyAsked(asked.field, tuple(reasons), note)

    # --- answering ------------------------------------------------------------------------

    def _current(self) -> Question:
        asked = self.next_question()
        if asked is None:
            raise ValueError("the interview is done: no answer could change the advice")
        return asked

    def answer(self, value: Any) -> None:
        """Answer the current question; a value the profile does not allow raises
        ``ProfileError`` naming the field, the value and what is allowed, and changes
        nothing."""
        asked = self._current()
        answers = {**self._answers, asked.field: value}
        self._checked_profile(answers)
        self._say(answers)

    def skip(self) -> None:
        """Answer "don't know": the field is left out and its default stands."""
        asked = self._current()
        if not asked.optional:
            raise ProfileError([Problem(asked.field, MISSING,
                                        f"an answer: it is required ({asked.allowed})",
                                        code="missing")])
        self._say({**self._answers, asked.field: SKIPPED})

    def back(self) -> Optional[Question]:
        """Take back the last answer; the question it answered (None if there was none)."""
        if not self._answers:
            return None
        field = next(reversed(self._answers))
        self._say({f: v for f, v in self._answers.items() if f != field})
        return question(field)

    def advice(self) -> Advice:
        """The advice for the profile so far (the required questions must be answered)."""
        missing = [q.field for q in QUESTIONS
                   if not q.optional and q.applies(self.answers) and q.field not in
                   self.answers]
        if missing:
            raise ProfileError([Problem(field, MISSING, f"an answer ({question(field).allowed})",
                                        code="missing")
                                for field in missing])
        return advise(self.profile)

    def __repr__(self) -> str:
        state = "done" if self.done else f"next: {self._current().field}"
        return f"<Interview: {len(self._answers)} answered; {state}>"
