"""Static checks of a rule base: the defects that reading the rules reveals, without running them.

Every check takes the parts of the knowledge base it reads as arguments (rules, kinds,
documents, declared contradictions, score scales, input domains, decision tables), so that
tests can hand it small broken knowledge bases. Each problem found is a ``Defect``. The checks
that need consultations (answers missing, contradictory advice, monotonicity) are in
``expert.verification.sweep``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from knowledge_base.conditions import Test
from knowledge_base.consistency import Incompatible
from knowledge_base.decision_table import NOT_GIVEN, DecisionTable
from knowledge_base.facts import Input, PlanBranch, PlanCheck, PlanStep, Proposal
from knowledge_base.inputs import ALWAYS_GIVEN, Domain
from knowledge_base.rule import Rule, may_match
from knowledge_base.thresholds import Scale, cover_problems

__all__ = ["TABLE_COMBINATIONS", "TABLE_EXAMPLES", "Defect", "band_defects",
           "contradiction_defects", "duplicate_defects", "firing_defects", "kind_defects",
           "live_rules", "satisfiable", "source_defects", "static_defects", "table_cases",
           "table_defects"]

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
                yield Defect(ERROR, "sources", rule.id, f"cites unknown document {source.doc!r}; "
                                                        f"known: {', '.join(documents)}")
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
             if isinstance(c, Proposal)}
    for kind in kinds:
        if kind not in given:
            yield Defect(ERROR, "kind_without_rule", None,
                         f"no rule gives a recommendation of kind {kind!r}")
    for rule in rules:
        for conclusion in rule.conclusions:
            if isinstance(conclusion, Proposal) and conclusion.kind not in kinds:
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
    points, so a conjunction that holds anywhere holds at one of them); for text, the texts
    the tests name and one they do not."""
    if domain.choices is not None:
        yield from domain.choices
        return
    if domain.text:
        yield from (o for test in tests for o in test.operands if isinstance(o, str))
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


REPORTED = (Proposal, PlanStep, PlanCheck, PlanBranch)
"""Conclusions that reach the answer whether or not a rule reads them."""


def firing_defects(rules: Sequence[Rule], domains: Mapping[str, Domain]) -> Iterator[Defect]:
    """Rules that can never fire, and findings that no premise reads (a finding its rule also
    reports as advice, such as a score band, counts as used, and so do the plan's steps and
    check, which the plan reports)."""
    live = live_rules(rules, domains)
    for rule in rules:
        if rule not in live:
            yield Defect(ERROR, "never_fires", rule.id,
                         f"can never fire: {_blocker(rule, domains, live)}")
    premises = [p for rule in rules for p in rule.premises]
    for rule in rules:
        if any(isinstance(c, REPORTED) for c in rule.conclusions):
            continue  # reported as advice (a score band, for one) or in the plan
        for conclusion in rule.conclusions:
            if not any(may_match(p, conclusion) for p in premises):
                yield Defect(WARNING, "unused_finding", rule.id,
                             f"concludes {conclusion.label()}, which no rule reads and no "
                             "advice reports")


def contradiction_defects(rules: Sequence[Rule]) -> Iterator[Defect]:
    """Rules that can never fire because a premise rules out another: a negated premise that
    every fact matching one of the rule's positive premises also matches (the same premise
    plain and negated, or ``given("x", 3)`` beside ``absent(given("x"))``)."""
    for rule in rules:
        for negated in (p for p in rule.premises if p.negated):
            implied = [p for p in rule.premises if not p.negated
                       and p.fact_type is negated.fact_type
                       and set(negated.constraints) <= set(p.constraints)]
            if implied:
                yield Defect(ERROR, "contradictory_premises", rule.id,
                             f"can never fire: it needs {implied[0].describe()} and "
                             f"{negated.describe()}")


# --- decision tables ------------------------------------------------------------------------

TABLE_EXAMPLES = 3
"""Example combinations named in a table defect's message."""
TABLE_COMBINATIONS = 200_000
"""The most combinations of cases a table's check enumerates (the shipped tables have one to a
few tens of thousands, checked in a few hundredths of a second); a larger table is reported
as too large to check."""


def table_cases(table: DecisionTable, domains: Mapping[str, Domain]) -> list[tuple[Any, ...]]:
    """The cases of each column of ``table``: a finding column's own; for an input column, the
    values of its field's domain that decide its cells (those ``satisfiable`` tries), and
    ``NOT_GIVEN`` unless every profile gives the field."""
    def cases(field: str, tests: Sequence[Test]) -> tuple[Any, ...]:
        domain = domains.get(field)
        values = [] if domain is None else [
            v for v in dict.fromkeys(_candidates(domain, tests)) if domain.contains(v)]
        if domain is not None and domain.choices is None:
            values.sort()
        return (*values, *(() if field in ALWAYS_GIVEN else (NOT_GIVEN,)))

    return [column.cases if column.field is None else
            cases(column.field, table.cell_tests(column.header)) for column in table.columns]


def _row_sets(table: DecisionTable, cases: Sequence[tuple[Any, ...]]) -> list[list[int]]:
    """For each column and each of its cases, the rows whose cell passes it, as bits (bit i is
    row i; a row with no cell in the column passes every case)."""
    return [[sum(1 << index for index, row in enumerate(table.rows)
                 if column.header not in row.when or column.matches(row.when[column.header], case))
             for case in column_cases]
            for column, column_cases in zip(table.columns, cases)]


def _by_matching_rows(table: DecisionTable, cases: Sequence[tuple[Any, ...]]
                      ) -> dict[int, tuple[int, list[tuple[Any, ...]]]]:
    """Every set of rows (as bits) that some combination of cases matches exactly: how many
    combinations do, and the first few of them in enumeration order. A table has few such
    sets, so each is judged once rather than each combination."""
    found: dict[int, tuple[int, list[tuple[Any, ...]]]] = {}
    every_row = (1 << len(table.rows)) - 1
    columns = [list(zip(column_cases, bits))
               for column_cases, bits in zip(cases, _row_sets(table, cases))]
    for combination in itertools.product(*columns):
        rows = every_row
        for _, bits in combination:
            rows &= bits
        count, examples = found.get(rows, (0, []))
        if len(examples) < TABLE_EXAMPLES:
            examples.append(tuple(case for case, _ in combination))
        found[rows] = count + 1, examples
    return found


def _combination_text(table: DecisionTable, combination: Sequence[Any]) -> str:
    return ", ".join(f"{column.header} {case}" for column, case in zip(table.columns, combination))


def table_defects(tables: Sequence[DecisionTable],
                  domains: Mapping[str, Domain]) -> Iterator[Defect]:
    """Each table's gaps (combinations of cases no row covers), overlaps (rows of equal
    priority that match one combination and give different answers; not for the ``first``
    policy, where the first row wins by design) and rows that never win.

    Every combination of the columns' cases (``table_cases``) is enumerated, so the check
    counts them first and reports a table of more than ``TABLE_COMBINATIONS`` as too large."""
    for table in tables:
        cases = table_cases(table, domains)
        size = math.prod(map(len, cases))
        if size > TABLE_COMBINATIONS:
            yield Defect(WARNING, "table_size", None,
                         f"the {table.kind} table has {size:,} combinations of cases, more "
                         f"than the {TABLE_COMBINATIONS:,} checked; it was not checked")
            continue
        gaps: tuple[int, list[tuple[Any, ...]]] = (0, [])
        overlaps: dict[tuple[int, int], tuple[Any, ...]] = {}
        matched: set[int] = set()
        won: set[int] = set()
        for bits, (count, examples) in _by_matching_rows(table, cases).items():
            rows = [index for index in range(len(table.rows)) if bits >> index & 1]
            if not rows:
                gaps = count, examples
                continue
            matched.update(rows)
            best = max(map(table.specificity, rows))
            won.update(index for index in rows if table.specificity(index) == best)
            if table.hit_policy == "priority":
                for a, b in itertools.combinations(rows, 2):
                    if (table.specificity(a) == table.specificity(b) and
                            table.rows[a].then.value_json != table.rows[b].then.value_json):
                        overlaps.setdefault((a, b), examples[0])
        count, examples = gaps
        if count:
            shown = "; ".join(_combination_text(table, c) for c in examples)
            yield Defect(ERROR, "table_gap", None,
                         f"the {table.kind} table has no row for {count:,} combination(s) "
                         f"of cases, e.g. {shown}")
        for (a, b), combination in sorted(overlaps.items()):
            first, second = table.rows[a], table.rows[b]
            yield Defect(ERROR, "table_overlap", second.id,
                         f"gives {table.describe(second.then.value)} where {first.id}, at the "
                         f"same priority {table.specificity(a)}, gives "
                         f"{table.describe(first.then.value)}, e.g. for "
                         f"{_combination_text(table, combination)}")
        winner = "a row of higher priority" if table.hit_policy == "priority" else "a row above it"
        for index, row in enumerate(table.rows):
            if index not in won:
                yield Defect(ERROR, "table_unreachable", row.id,
                             f"never wins in the {table.kind} table: every combination of "
                             f"cases it matches is taken by {winner}"
                             if index in matched else
                             f"matches no combination of cases in the {table.kind} table")


def static_defects(
    rules: Sequence[Rule], *, kinds: Iterable[str], documents: Mapping[str, str],
    incompatible: Sequence[Incompatible], scales: Sequence[Scale], domains: Mapping[str, Domain],
    tables: Sequence[DecisionTable] = (),
) -> list[Defect]:
    """Every defect the static checks find."""
    return [
        *source_defects(rules, documents), *duplicate_defects(rules),
        *kind_defects(rules, kinds, incompatible), *band_defects(scales),
        *contradiction_defects(rules), *firing_defects(rules, domains),
        *table_defects(tables, domains),
    ]
