"""What would change a recommendation: the smallest realistic changes to the profile that flip it.

The search is guided by the rules, not brute force. Only the rules that could decide the kind
asked about matter (those concluding it, and the rules producing the findings they read), and of
those only the ones whose fixed premises (specialty, citizenship, phase ...) hold for this
applicant. The numbers their premises test are the only values where the answer can change, so
each lever (a realistic way the profile can change: a higher Step 2 CK score, a passed Step 3,
more hands-on USCE, more US letters ...) is tried at those values, smallest change first. Single
changes come first; pairs are tried only for levers that change nothing alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from itertools import combinations
from math import ceil
from typing import Any

import attrs

from expert.questions.protocol import Answer
from expert.questions.what_if import WhatIf, what_if
from expert.questions.why_not import matches_answer
from explain.display import ShowsAsText, counted
from knowledge_base.facts import Input, Proposal
from knowledge_base.profile import ATTEMPTS, SCORE, Profile
from knowledge_base.rule import Rule, tests_by_field

__all__ = ["DEFAULT_BUDGET", "LEVERS", "Counterfactual", "Counterfactuals", "Edit", "Lever",
           "counterfactuals", "deciding_rules", "threshold_values"]

DEFAULT_BUDGET = 40
"""Changed profiles to consult at most: a few tenths of a second at the measured consultation
time (docs/performance.md), within the one-second target with room for a slower machine."""


@attrs.frozen
class Edit:
    """One change to the profile: ``path`` and ``after`` are what ``what_if`` takes."""

    path: str
    before: Any
    after: Any
    description: str

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen(eq=False)
class Counterfactual:
    """A set of edits that flips the recommendation, and the advice it would give."""

    edits: tuple[Edit, ...]
    outcome: WhatIf

    @property
    def changes(self) -> dict[str, Any]:
        """The edits as ``advice.what_if(...)`` arguments."""
        return {edit.path: edit.after for edit in self.edits}

    def result(self, kind: str) -> tuple[str, ...]:
        return tuple(f"{r.describe_value()} ({r.rule})" for r in self.outcome.after.all(kind))

    def __str__(self) -> str:
        return " and ".join(edit.description for edit in self.edits)


@attrs.frozen(eq=False)
class Counterfactuals(ShowsAsText):
    """The answer to "what would change this recommendation?"."""

    kind: str
    question: str
    current: tuple[str, ...]
    options: tuple[Counterfactual, ...]
    searched: int
    """How many changed profiles were consulted."""
    complete: bool
    """False when the search stopped at its budget before trying every candidate."""

    def __str__(self) -> str:
        now = "; ".join(self.current) or "none"
        lines = [f"What would change {self.question}? Now: {now}."]
        if not self.options:
            lines.append("No realistic change of one or two fields would."
                         if self.complete else "None found within the search budget.")
        for option in self.options:
            lines.append(f"- {option}")
            would_be = "; ".join(option.result(self.kind)) or "none"
            lines.append(f"    {self.kind} would be: {would_be}")
        done = "" if self.complete else " (stopped at the search budget)"
        lines.append(f"Searched {self.searched} changed profiles{done}.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        done = "" if self.complete else ", stopped at the search budget"
        return (f"<Counterfactuals {self.question!r}: {counted(len(self.options), 'option')} "
                f"from {counted(self.searched, 'changed profile')}{done}>")

    def _repr_html_(self) -> str:
        from expert.report.html_view import counterfactuals_html  # the view reads the answer

        return counterfactuals_html(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "question": self.question, "current": list(self.current),
            "options": [{"edits": [e.to_dict() for e in o.edits],
                         "changes": o.changes,
                         "result": [r.to_dict() for r in o.outcome.after.all(self.kind)]}
                        for o in self.options],
            "searched": self.searched, "complete": self.complete,
        }


# --- which rules and which values matter ------------------------------------------------------

Thresholds = dict[str, list[Any]]
"""Input path -> the values premises test it against, in the order first met."""


def deciding_rules(rules: Iterable[Rule], kind: str, memory: Iterable[Any],
                   movable: frozenset[str]) -> list[Rule]:
    """The rules that could decide ``kind`` for this applicant if only ``movable`` inputs changed:
    those concluding it and, transitively, those producing the findings they read, keeping only
    rules whose premises on the other inputs hold now."""
    # A premise on an input can match only the inputs of the field it names (by equality:
    # the engine refuses any other Input premise), so it is judged against those alone.
    inputs: dict[str, list[Input]] = {}
    for fact in memory:
        if isinstance(fact, Input):
            inputs.setdefault(fact.field, []).append(fact)

    def possible(rule: Rule) -> bool:
        for premise in rule.premises:
            field = premise.input_field
            if field is not None and field not in movable and \
                    not premise.holds(inputs.get(field, ())):
                return False
        return True

    candidates = [r for r in rules if possible(r)]
    chosen = {r.id: r for r in candidates
              if any(isinstance(c, Proposal) and c.kind == kind for c in r.conclusions)}
    # Only a rule concluding some fact of a premise's type may conclude one it matches.
    producers: dict[type, list[Rule]] = {}
    wanted = [p for r in chosen.values() for p in r.premises if p.fact_type is not Input]
    while wanted:
        pattern = wanted.pop()
        fact_type = pattern.fact_type
        if fact_type not in producers:
            producers[fact_type] = [r for r in candidates
                                    if any(isinstance(c, fact_type) for c in r.conclusions)]
        for rule in producers[fact_type]:
            if rule.id not in chosen and rule.may_conclude(pattern):
                chosen[rule.id] = rule
                wanted.extend(p for p in rule.premises if p.fact_type is not Input)
    return list(chosen.values())


def threshold_values(rules: Iterable[Rule]) -> Thresholds:
    """Every value the rules' input premises compare a field with (both ends of a range)."""
    return {field: list(dict.fromkeys(v for test in tests for v in test.operands))
            for field, tests in tests_by_field(rules).items()}


def _numbers(values: Iterable[Any], above: float, limit: float) -> list[Any]:
    """The numbers among ``values`` in (above, limit], ascending."""
    return sorted({v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)
                   and above < v <= limit})


# --- levers: the realistic ways a profile can change -----------------------------------------

@attrs.frozen
class Lever:
    """A realistic change of the profile, tried at the values the rules test."""

    name: str
    moves: frozenset[str]
    """The input paths it changes (derived ones included)."""
    propose: Callable[[Profile, dict[str, Any], Thresholds], list[Edit]]
    """Candidate edits for a profile (its inputs by path, the tested values), smallest first."""


def _score_edits(profile: Profile, inputs: dict[str, Any], tested: Thresholds) -> list[Edit]:
    exam = profile.step2ck
    targets = list(tested.get("step2ck.score", ()))
    if "step1.score" in inputs:
        targets += [inputs["step1.score"] + gain for gain in
                    _numbers(tested.get("step2ck.gain_over_step1", ()), 0, SCORE[1])]
    if exam.status == "taken" and exam.score is not None:
        return [Edit("step2ck.score", exam.score, score,
                     f"Step 2 CK score {score} instead of {exam.score}")
                for score in _numbers(targets, exam.score, SCORE[1])]
    attempts = exam.attempts + (exam.status == "failed")
    if attempts > ATTEMPTS[1]:
        return []
    scores = _numbers(targets, SCORE[0], SCORE[1])
    if exam.practice_score is not None:
        scores.sort(key=lambda score: abs(score - exam.practice_score))
    verb = "passed on the next attempt" if exam.status == "failed" else "result comes in"
    return [Edit("step2ck", {"status": exam.status},
                 {"status": "taken", "score": score, "attempts": attempts},
                 f"Step 2 CK {verb} at {score}") for score in scores]


def _step3_edits(profile: Profile, _inputs: dict[str, Any], tested: Thresholds) -> list[Edit]:
    if profile.step3.status == "passed":
        return []
    before = {"status": profile.step3.status}
    edits = [Edit("step3", before, {"status": "passed"}, "Step 3 passed (score not given)")]
    return edits + [Edit("step3", before, {"status": "passed", "score": score},
                         f"Step 3 passed with {score}")
                    for score in _numbers(tested.get("step3.score", ()), SCORE[0], SCORE[1])]


def _amounts_to_add(inputs: dict[str, Any], tested: Thresholds, paths: Iterable[str],
                    step: float) -> list[float]:
    """How much to add so that a summed input reaches each tested value; at least ``step``."""
    amounts = {step}
    for path in paths:
        current = inputs.get(path, 0)
        amounts.update(ceil((v - current) / step) * step
                       for v in _numbers(tested.get(path, ()), current, float("inf")))
    return sorted(amounts)


USCE_MONTHS = ("usce.months", "usce.hands_on_months", "usce.specialty_months")
LETTER_COUNTS = ("letters.count", "letters.us_count", "letters.us_specialty_count")


def _whole(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def _count(number: float, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _usce_edits(profile: Profile, inputs: dict[str, Any], tested: Thresholds) -> list[Edit]:
    before = [attrs.asdict(block) for block in profile.usce]
    where = profile.specialty.replace("_", " ")
    return [Edit("usce", before, before + [{"specialty": profile.specialty, "type": "externship",
                                            "months": _whole(months), "hands_on": True}],
                 f"{_count(_whole(months), 'more month')} of hands-on US clinical experience "
                 f"in {where}")
            for months in _amounts_to_add(inputs, tested, USCE_MONTHS, 0.5) if months <= 36]


def _letter_edits(profile: Profile, inputs: dict[str, Any], tested: Thresholds) -> list[Edit]:
    before = [attrs.asdict(letter) for letter in profile.letters]
    where = profile.specialty.replace("_", " ")
    return [Edit("letters", before,
                 before + [{"specialty": profile.specialty, "us": True}] * int(count),
                 f"{_count(int(count), 'more letter')} from US physicians in {where}")
            for count in _amounts_to_add(inputs, tested, LETTER_COUNTS, 1)]


def _rising(path: str, limit: int, words: str) -> Callable[..., list[Edit]]:
    """Edits raising a count the profile gives to each tested value above it."""
    def propose(profile: Profile, inputs: dict[str, Any], tested: Thresholds) -> list[Edit]:
        if path not in inputs:
            return []
        current = inputs[path]
        return [Edit(path, current, value, words.format(value=value, current=current))
                for value in _numbers(tested.get(path, ()), current, limit)]
    return propose


def _becoming_true(path: str, words: str) -> Callable[..., list[Edit]]:
    def propose(profile: Profile, inputs: dict[str, Any], _tested: Thresholds) -> list[Edit]:
        return [] if inputs.get(path) is True else [Edit(path, inputs.get(path), True, words)]
    return propose


def _visa_edits(profile: Profile, _inputs: dict[str, Any], _tested: Thresholds) -> list[Edit]:
    other = {"j1": "h1b", "h1b": "j1"}.get(profile.visa)
    if other is None:
        return []
    names = {"j1": "a J-1", "h1b": "an H-1B"}
    return [Edit("visa", profile.visa, other,
                 f"seek {names[other]} instead of {names[profile.visa]} visa")]


def _only_while_preparing(propose: Callable[..., list[Edit]]) -> Callable[..., list[Edit]]:
    def guarded(profile: Profile, inputs: dict[str, Any], tested: Thresholds) -> list[Edit]:
        return propose(profile, inputs, tested) if profile.phase == "preparing" else []
    return guarded


LEVERS = (
    Lever("step2ck", frozenset({"step2ck.score", "step2ck.status", "step2ck.attempts",
                                "step2ck.practice_score", "step2ck.gain_over_step1",
                                "step3.gain_over_step2ck"}), _score_edits),
    Lever("step3", frozenset({"step3.status", "step3.score", "step3.gain_over_step2ck"}),
          _step3_edits),
    Lever("usce", frozenset({*USCE_MONTHS, "usce.count", "usce.specialties"}), _usce_edits),
    Lever("letters", frozenset(LETTER_COUNTS), _letter_edits),
    Lever("research", frozenset({"research_outputs"}),
          _rising("research_outputs", 200, "{value} research outputs instead of {current}")),
    Lever("clinically_active", frozenset({"clinically_active"}),
          _becoming_true("clinically_active", "clinically active now")),
    Lever("ecfmg_certified", frozenset({"ecfmg_certified"}),
          _becoming_true("ecfmg_certified", "ECFMG certification complete")),
    Lever("months_until_eras", frozenset({"months_until_eras"}), _only_while_preparing(
        _rising("months_until_eras", 60, "apply later: {value} months before ERAS opens "
                                         "instead of {current}"))),
    Lever("interviews", frozenset({"interviews"}),
          _rising("interviews", 200, "{value} interviews instead of {current}")),
    Lever("visa", frozenset({"visa"}), _visa_edits),
)
"""Realistic changes only: scores rise, experience and letters are added, a pending exam gets
its result, a visa plan can switch. Specialty, graduation year, citizenship, season, phase,
attempts and Step 1 stay as they are."""

MOVABLE = frozenset().union(*(lever.moves for lever in LEVERS))


# --- the search ---------------------------------------------------------------------------------

def _flipped(advice: Answer, kind: str, asked: str | None, current: list[Any]) -> bool:
    values = [r.value for r in advice.all(kind)]
    if asked is None:
        return values != current
    now = any(matches_answer(v, asked) for v in current)
    return any(matches_answer(v, asked) for v in values) != now


class _Search:
    def __init__(self, advice: Answer, kind: str, asked: str | None, budget: int) -> None:
        self.advice, self.kind, self.asked, self.budget = advice, kind, asked, budget
        self.current = [r.value for r in advice.all(kind)]
        self.searched = 0
        self.complete = True

    def flips(self, edits: tuple[Edit, ...]) -> WhatIf | None:
        """The changed advice if these edits flip the answer (None also past the budget)."""
        if self.searched >= self.budget:
            self.complete = False
            return None
        self.searched += 1
        outcome = what_if(self.advice, {edit.path: edit.after for edit in edits})
        return outcome if _flipped(outcome.after, self.kind, self.asked, self.current) else None

    def first_flip(self, candidates: Iterable[tuple[Edit, ...]]) -> Counterfactual | None:
        for edits in candidates:
            outcome = self.flips(edits)
            if outcome is not None:
                return Counterfactual(edits, outcome)
        return None

    def each_outcome(self, edits: list[Edit]) -> list[Counterfactual]:
        """For one lever, the smallest edit giving each different answer."""
        found: dict[str, Counterfactual] = {}
        for edit in edits:
            outcome = self.flips((edit,))
            if outcome is not None:
                answer = json.dumps([r.value for r in outcome.after.all(self.kind)],
                                    sort_keys=True)
                found.setdefault(answer, Counterfactual((edit,), outcome))
                if self.asked is not None:
                    break
        return list(found.values())

    def pair(self, first: list[Edit], second: list[Edit]) -> Counterfactual | None:
        """The smallest pair that flips, if the largest pair does: shrink one edit, then the
        other."""
        if self.flips((first[-1], second[-1])) is None:
            return None
        smallest_first = self.first_flip((a, second[-1]) for a in first)
        if smallest_first is None:
            return None
        a = smallest_first.edits[0]
        return self.first_flip((a, b) for b in second)


def counterfactuals(advice: Answer, kind: str, value: str | None = None,
                    budget: int = DEFAULT_BUDGET) -> Counterfactuals:
    """The smallest realistic changes (one field, then two) that would change the ``kind``
    recommendation, or (with ``value``) make it say, or stop saying, that value."""
    if value is None and "=" in kind:
        kind, value = (part.strip() for part in kind.split("=", 1))
    search = _Search(advice, kind, value, budget)
    rules = deciding_rules(advice.rules, kind, advice.memory, MOVABLE)
    tested = threshold_values(rules)
    inputs = {f.field: f.value for f in advice.memory if isinstance(f, Input)}
    read = {p.input_field for r in rules for p in r.premises}
    proposals = [(lever, lever.propose(advice.profile, inputs, tested))
                 for lever in LEVERS if lever.moves & read]
    proposals = [(lever, edits) for lever, edits in proposals if edits]

    options = []
    unmoved = []
    for _lever, edits in proposals:
        found = search.each_outcome(edits)
        options.extend(found)
        if not found:
            unmoved.append(edits)
    for first, second in combinations(unmoved, 2):
        pair = search.pair(first, second)
        if pair is not None:
            options.append(pair)
    question = f"{kind} = {value}" if value is not None else kind
    current = tuple(r.describe_value() for r in advice.all(kind))
    return Counterfactuals(kind, question, current, tuple(options), search.searched,
                           search.complete)
