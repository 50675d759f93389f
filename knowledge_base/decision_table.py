"""Decision tables: a single-answer kind written as rows an adviser can review on one screen.

A table has columns (what a cell tests: a profile field, or a finding such as a risk factor)
and rows (one rule each: its id, title, strength, sources, a cell per column it cares about,
and the answer). ``DecisionTable.rules()`` turns the rows into the knowledge base's ordinary
``Rule`` values, so traces, why-not, counterfactuals and ``kb check`` treat them like any rule.
A row's premises follow the order its cells are written in; a column it leaves out is "any".

The hit policy says which row wins when several match, as in DMN:

- ``priority``: each row has a priority, which becomes its rule's ``specificity``; the highest
  wins. Two rows of equal priority that can match together must give the same answer.
- ``first``: the row written first wins (specificities fall row by row).

Each column has *cases*, the values that decide its cells: a finding column lists the findings
it can meet, and "none" (``NO_FINDING``) is added; an input column's cases are worked out from
its field's domain by ``knowledge_base.checks.table_cases``: every choice, or the numbers at and
either side of each threshold its cells test, and "not given" (``NOT_GIVEN``) unless every
profile gives the field (``knowledge_base.inputs.ALWAYS_GIVEN``).
``knowledge_base.checks.table_defects`` takes every combination of cases, and reports
combinations no row covers (gaps), rows of equal priority with different answers on one
combination (overlaps), and rows that never win. Columns are taken as independent, so a
combination may be one no profile has (a finding the scores rule out, say): a table with a last
catch-all row has no gaps either way.

    >>> from knowledge_base.conditions import at_least
    >>> from knowledge_base.facts import recommend
    >>> from knowledge_base.sources import Source
    >>> table = DecisionTable("step3", (input_column("visa"), input_column("step3.status")), (
    ...     Row("t.h1b", "H-1B: take it", "should", (Source("pmr", "x"),),
    ...         {"visa": "h1b", "step3.status": "not_taken"},
    ...         recommend("step3", "take", "Take Step 3."), priority=10),
    ...     Row("t.default", "Not needed", "consider", (Source("pmr", "x"),),
    ...         {"step3.status": "not_taken"}, recommend("step3", "not_needed", "No."), priority=0),
    ... ))
    >>> [(rule.id, rule.specificity, len(rule.premises)) for rule in table.rules()]
    [('t.h1b', 10, 2), ('t.default', 0, 1)]
    >>> table.rules()[0].premises[0].describe()
    'visa is h1b'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from knowledge_base.conditions import Pattern, Test, equals, fact, given
from knowledge_base.facts import Proposal
from knowledge_base.rule import Rule
from knowledge_base.sources import Source

__all__ = ["GIVEN", "HIT_POLICIES", "NOT_GIVEN", "NO_FINDING", "Bound", "Column",
           "DecisionTable", "Row", "bound", "finding_column", "input_column"]

HIT_POLICIES = ("priority", "first")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


GIVEN = _Marker("GIVEN")
"""A cell that asks only that the field be given (or the finding be there), whatever its value."""
NOT_GIVEN = _Marker("not given")
"""The case of an input column whose field the profile leaves out."""
NO_FINDING = _Marker("none")
"""The case of a finding column when there is no such finding."""


@attrs.frozen
class Bound:
    """A cell whose matched value is bound to a variable, for the answer's placeholders."""

    cell: Any
    variable: str


def bound(cell: Any, variable: str) -> Bound:
    return Bound(cell, variable)


def _test(cell: Any) -> Test | None:
    """The test a cell makes on the column's value (None: any value that is there)."""
    cell = cell.cell if isinstance(cell, Bound) else cell
    if cell is GIVEN:
        return None
    return cell if isinstance(cell, Test) else equals(cell)


@attrs.frozen
class Column:
    """What one column's cells test: ``premise`` makes a cell's premise. An input column names
    its ``field`` (the checks work out its cases from the field's domain); a finding column
    lists its ``cases``, ``NO_FINDING`` among them."""

    header: str
    premise: Callable[[Any], Pattern]
    field: str | None = None
    cases: tuple[Any, ...] = ()

    def __attrs_post_init__(self) -> None:
        if (self.field is None) == (not self.cases):
            raise ValueError(f"column {self.header!r}: needs an input field or a list of "
                             "cases, one of the two")

    def matches(self, cell: Any, case: Any) -> bool:
        """Whether a profile in this case passes the cell."""
        if case is NOT_GIVEN or case is NO_FINDING:
            return False
        test = _test(cell)
        return test is None or test(case)


def input_column(field: str) -> Column:
    """A column on one input field, headed by the field's path."""
    def premise(cell: Any) -> Pattern:
        variable = cell.variable if isinstance(cell, Bound) else None
        return given(field, _test(cell), bind=variable)

    return Column(field, premise, field=field)


def finding_column(header: str, fact_type: type, field: str, cases: Sequence[Any],
                   **fixed: Any) -> Column:
    """A column on a finding: a fact of ``fact_type`` with the ``fixed`` field values, whose
    ``field`` passes the cell (a ``GIVEN`` cell leaves ``field`` untested). ``cases`` are the
    values ``field`` can take; ``NO_FINDING`` is added."""
    def premise(cell: Any) -> Pattern:
        test = _test(cell)
        return fact(fact_type, **fixed, **({} if test is None else {field: test}))

    return Column(header, premise, cases=(*cases, NO_FINDING))


@attrs.frozen
class Row:
    """One rule of a table: its metadata, a cell for each column it tests, and its answer."""

    id: str
    title: str
    strength: str
    sources: tuple[Source, ...]
    when: Mapping[str, Any]
    """Column header -> cell, in the order the rule's premises take."""
    then: Proposal
    priority: int | None = None


@attrs.frozen
class DecisionTable:
    """A single-answer ``kind`` as an ordered table of rows (see the module's docstring)."""

    kind: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    hit_policy: str = attrs.field(default="priority",
                                  validator=attrs.validators.in_(HIT_POLICIES))
    describe: Callable[[Any], str] = str
    """An answer's value in a few words, for the table as people read it."""

    def __attrs_post_init__(self) -> None:
        headers = {column.header for column in self.columns}
        for row in self.rows:
            unknown = set(row.when) - headers
            if unknown:
                raise ValueError(f"row {row.id}: no column {sorted(unknown)} in the {self.kind} "
                                 f"table; the columns are {', '.join(sorted(headers))}")
            if row.then.kind != self.kind:
                raise ValueError(f"row {row.id}: answers {row.then.kind}, not {self.kind}")
            if (row.priority is None) != (self.hit_policy == "first"):
                raise ValueError(f"row {row.id}: the {self.hit_policy} hit policy "
                                 + ("takes no priorities" if self.hit_policy == "first"
                                    else "needs a priority on every row"))

    def cell_tests(self, header: str) -> list[Test]:
        """The different tests the cells of one column make (a ``GIVEN`` cell makes none)."""
        tests: list[Test] = []
        for row in self.rows:
            test = _test(row.when[header]) if header in row.when else None
            if test is not None and test not in tests:
                tests.append(test)
        return tests

    def specificity(self, index: int) -> int:
        """The specificity of the rule of row ``index``."""
        priority = self.rows[index].priority
        return len(self.rows) - 1 - index if priority is None else priority

    def rules(self) -> tuple[Rule, ...]:
        """The rows as rules, in row order."""
        by_header = {column.header: column for column in self.columns}
        return tuple(
            Rule(id=row.id, title=row.title, strength=row.strength, sources=row.sources,
                 premises=tuple(by_header[h].premise(cell) for h, cell in row.when.items()),
                 conclusions=(row.then,), specificity=self.specificity(index))
            for index, row in enumerate(self.rows))

    def cell_text(self, row: Row, header: str) -> str:
        """A cell in a few words: ``passed``, ``below 3``, ``one of pmr, med_peds``, ``any``
        (there, whatever its value), ``–`` (not asked)."""
        if header not in row.when:
            return "–"
        cell = row.when[header]
        test = _test(cell)
        text = "any" if test is None else test.describe().removeprefix("is ")
        return f"{text} → {{{cell.variable}}}" if isinstance(cell, Bound) else text
