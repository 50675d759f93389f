"""Static checks of a rule base: the defects that reading the rules reveals, without running them.

Every check takes the parts of the knowledge base it reads as arguments (rules, kinds,
documents, declared contradictions, score scales, input domains), so that tests can hand it
small broken knowledge bases. Each problem found is a ``Defect``. The checks that need
consultations (gaps, contradictions, monotonicity) are in ``expert.sweep``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from knowledge_base.conditions import Test
from knowledge_base.consistency import Incompatible
from knowledge_base.facts import Input, Recommendation
from knowledge_base.inputs import Domain
from knowledge_base.rule import Rule, may_match
from knowledge_base.thresholds import Scale, cover_problems

ERROR, WARNING = "error", "warning"


@attrs.frozen
class Defect:
    """One problem of the knowledge base: how bad, which check found it, where, and what."""

    severity: str = attrs.field(validator=attrs.validators.in_((ERROR, WARNING)))
    check: str
    rule: str | None
    message: str

    def __str__(self) -> str:
        where = f" {self.rule}:" if self.rule else ""
        return f"{self.severity} [{self.check}]{where} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def source_defects(rules: Sequence[Rule], documents: Mapping[str, str]) -> Iterator[Defect]:
    """Rules that cite nothing, or cite a document id that is not known."""
    for rule in rules:
        if not rule.sources:
            yield Defect(ERROR, "sources", rule.id, "cites no source")
        for source in rule.sources:
            if source.doc not in documents:
                yield Defect(ERROR, "sources", rule.id,
                             f"cites unknown document {source.doc!r}; known: {', '.join(documents)}")
            if not source.section.strip():
                yield Defect(ERROR, "sources", rule.id, f"cites {source.doc} with no section")


def duplicate_defects(rules: Sequence[Rule]) -> Iterator[Defect]:
    for rule_id, count in sorted(Counter(rule.id for rule in rules).items()):
        if count > 1:
            yield Defect(ERROR, "duplicate_id", rule_id, f"{count} rules have this id")


def kind_defects(rules: Sequence[Rule], kinds: Iterable[str],
                 incompatible: Sequence[Incompatible]) -> Iterator[Defect]:
    """Kinds no rule gives, and rules or declared contradictions naming unknown kinds."""
    kinds = tuple(kinds)
    given = {c.kind: rule.id for rule in rules for c in rule.conclusions
             if isinstance(c, Recommendation)}
    for kind in kinds:
        if kind not in given:
            yield Defect(ERROR, "kind_without_rule", None,
                         f"no rule gives a recommendation of kind {kind!r}")
    for rule in rules:
        for conclusion in rule.conclusions:
            if isinstance(conclusion, Recommendation) and conclusion.kind not in kinds:
                yield Defect(ERROR, "unknown_kind", rule.id,
                             f"concludes kind {conclusion.kind!r}, which is not a known kind")
    for pair in incompatible:
        for side in (pair.first, pair.second):
            if side.get("kind") not in kinds:
                yield Defect(ERROR, "unknown_kind", None,
                             f"a declared contradiction ({pair.why}) names kind "
                             f"{side.get('kind')!r}, which is not a known kind")


def band_defects(scales: Sequence[Scale]) -> Iterator[Defect]:
    """Score scales whose bands leave a hole or overlap between 1 and 300."""
    for scale in scales:
        for problem in cover_problems(scale.bands):
            yield Defect(ERROR, "score_bands", None, f"scale {scale.exam}/{scale.id}: {problem}")


# --- which rules can fire at all ------------------------------------------------------------


def _candidates(domain: Domain, tests: Sequence[Test]) -> Iterator[Any]:
    """Values that decide whether some value of ``domain`` passes every test: the domain's
    ends and the numbers at and either side of each operand (the tests are intervals and
    points, so a conjunction that holds anywhere holds at one of them)."""
    if domain.choices is not None:
        yield from domain.choices
        return
    if domain.text:
        yield "some text"
        return
    yield from (end for end in (domain.low, domain.high) if math.isfinite(end))
    for test in tests:
        for operand in test.operands:
            if isinstance(operand, (int, float)) and not isinstance(operand, bool):
                yield from (operand - 1, operand - 0.5, operand, operand + 0.5, operand + 1)


def satisfiable(domain: Domain, tests: Sequence[Test]) -> bool:
    """Whether one value of ``domain`` passes all ``tests``."""
    return any(domain.contains(v) and all(t(v) for t in tests) for v in _candidates(domain, tests))


def _input_tests(rule: Rule) -> dict[str, list[Test]]:
    """The tests of a rule's positive premises on inputs, by field (one fact per field)."""
    tests: dict[str, list[Test]] = {}
    for premise in rule.premises:
        if premise.input_field is not None and not premise.negated:
            tests.setdefault(premise.input_field, []).extend(
                t for n, t in premise.constraints if n != "field")
    return tests


def _blocker(rule: Rule, domains: Mapping[str, Domain], live: Sequence[Rule]) -> str | None:
    """Why ``rule`` can never fire given the rules in ``live``; None if it can."""
    for field, tests in _input_tests(rule).items():
        if field not in domains:
            return f"reads input {field!r}, which no profile gives"
        if not satisfiable(domains[field], tests):
            wanted = " and ".join(t.describe() for t in tests)
            return f"no value of {field} {wanted.removeprefix('is ')}"
    for premise in rule.premises:
        if premise.fact_type is Input or premise.negated:
            continue
        if not any(other.may_conclude(premise) for other in live):
            return f"no rule that can fire concludes {premise.describe()}"
    return None


def live_rules(rules: Sequence[Rule], domains: Mapping[str, Domain]) -> list[Rule]:
    """The rules that some profile could make fire, as far as premises taken one rule at a
    time tell (a fixpoint: a rule reading findings is live once a live rule concludes them)."""
    live: list[Rule] = []
    waiting = list(rules)
    while True:
        ready = [rule for rule in waiting if _blocker(rule, domains, live) is None]
        if not ready:
            return live
        live += ready
        waiting = [rule for rule in waiting if rule not in ready]


def firing_defects(rules: Sequence[Rule], domains: Mapping[str, Domain]) -> Iterator[Defect]:
    """Rules that can never fire, and findings that no premise reads (a finding its rule also
    reports as advice, such as a score band, counts as used)."""
    live = live_rules(rules, domains)
    for rule in rules:
        if rule not in live:
            yield Defect(ERROR, "never_fires", rule.id,
                         f"can never fire: {_blocker(rule, domains, live)}")
    premises = [p for rule in rules for p in rule.premises]
    for rule in rules:
        if any(isinstance(c, Recommendation) for c in rule.conclusions):
            continue  # its findings are reported as that advice (a score band, for one)
        for conclusion in rule.conclusions:
            if not any(may_match(p, conclusion) for p in premises):
                yield Defect(WARNING, "unused_finding", rule.id,
                             f"concludes {conclusion.label()}, which no rule reads and no "
                             "advice reports")


def static_defects(
    rules: Sequence[Rule], *, kinds: Iterable[str], documents: Mapping[str, str],
    incompatible: Sequence[Incompatible], scales: Sequence[Scale], domains: Mapping[str, Domain],
) -> list[Defect]:
    """Every defect the static checks find."""
    return [
        *source_defects(rules, documents), *duplicate_defects(rules),
        *kind_defects(rules, kinds, incompatible), *band_defects(scales),
        *firing_defects(rules, domains),
    ]
