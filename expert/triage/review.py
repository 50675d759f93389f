"""Triage of an applicant's program list: a verdict per program, then checks of the whole list.

After the consultation of the profile, each program's facts are evaluated with the program
rules on top of the applicant's working memory (``expert.engine.evaluator``, not Rete: see
docs/architecture.md). ``program_verdict`` is resolved like a single-answer kind, per program.
Then the list's measures (``knowledge_base.program_list``) are evaluated with the list rules;
their ``program_list`` recommendations join the advice and its explanation graph.

A verdict keeps only its own firings and facts; its explanation graph is built when asked for,
so a long list costs memory in proportion to its length and nothing more.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any, overload

from expert.consultation.consult import Decision, resolve
from expert.consultation.provenance import GRAPH_PARTS, node_id, trace_of
from expert.consultation.recommendation import Recommendation
from expert.engine.evaluator import Evaluator, Memory
from expert.engine.firing import RuleFiring
from expert.inputs.program_lists import COLUMNS, VERDICT_COLUMNS, cell_text, guarded_cell
from expert.questions.protocol import Answer
from expert.questions.why_not import Candidate, WhyNot
from explain.bound import bounded
from explain.display import counted
from explain.graph import build_graph, explanation_of
from explain.render import Diagram
from explain.trace import Supersession
from explain.why import Why, why
from knowledge_base.conditions import Pattern
from knowledge_base.facts import Fact, Proposal
from knowledge_base.program_list import VERDICTS, list_facts
from knowledge_base.programs import Program, program_facts, unknown_fields
from knowledge_base.rule import Rule
from knowledge_base.rules import LIST_RULES, PROGRAM_RULES

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ProgramReview", "ProgramVerdict", "review_programs"]

VERDICT_KIND, NOTE_KIND = "program_verdict", "program_note"


def _verdicts(facts: Iterable[Fact]) -> Iterator[Proposal]:
    """The verdict proposals among ``facts``."""
    return (fact for fact in facts if isinstance(fact, Proposal) and fact.kind == VERDICT_KIND)


VERDICT_RULES = {verdict: tuple(rule for rule in PROGRAM_RULES
                                if any(fact.value["verdict"] == verdict
                                       for fact in _verdicts(rule.conclusions)))
                 for verdict in VERDICTS}
"""The program rules that give each verdict."""


def _unmet(rule: Rule, facts: Sequence[Fact]) -> tuple[str, ...]:
    """The premises of ``rule`` that do not hold in ``facts``, in words with the values."""
    return tuple(text for premise in rule.premises if (text := premise.unmet(facts)))


def _about_program(pattern: Pattern) -> bool:
    field = dict(pattern.constraints).get("field")
    return field is not None and str(field.operand).startswith("program.")


@cache
def program_evaluator() -> Evaluator:
    return Evaluator(PROGRAM_RULES)


@cache
def list_evaluator() -> Evaluator:
    return Evaluator(LIST_RULES)


class ProgramVerdict:
    """One program's verdict, the reasons for it, notes, and (on demand) its explanation."""

    def __init__(self, program: Program, firings: Sequence[RuleFiring], facts: Sequence[Fact],
                 decisions: Sequence[Decision], supersessions: Sequence[Supersession],
                 applicant: Answer, memory: Memory) -> None:
        self.program = program
        decided = next(d for d in decisions if d.fact.kind == VERDICT_KIND)
        self.recommendation = Recommendation.from_decision(decided)
        self.notes = tuple(Recommendation.from_decision(d) for d in decisions
                           if d.fact.kind == NOTE_KIND)
        self._firings = tuple(firings)
        self._facts = tuple(facts)
        self._supersessions = tuple(supersessions)
        self._applicant = applicant
        self._memory = memory
        """The applicant's working memory, shared by every verdict of the list."""

    @property
    def name(self) -> str:
        return self.program.name

    @property
    def verdict(self) -> str:
        return self.recommendation.value["verdict"]

    @property
    def where(self) -> str:
        """City, state and type of program, those the list gives ("Lakeview, OH, community")."""
        return ", ".join(x for x in (self.program.city, self.program.state, self.program.type)
                         if x)

    @property
    def rule(self) -> str:
        return self.recommendation.rule

    @property
    def reasons(self) -> tuple[str, ...]:
        """What the verdict rests on: the deciding rule's summary, then those of the other rules
        that reached the same verdict."""
        same = [fact.summary for firing in self._firings for fact in _verdicts(firing.asserted)
                if fact.value["verdict"] == self.verdict]
        missing = self.short_of_safety
        if missing:
            same.append(f"Short of a safety: {'; '.join(missing)}.")
        return tuple(dict.fromkeys([self.recommendation.summary, *same]))

    @property
    def short_of_safety(self) -> tuple[str, ...]:
        """For a match, the premises of the nearest safety rule that do not hold, with the
        actual values ("program.img_percent is 35, not at least 40")."""
        if self.verdict != "match":
            return ()
        facts = self._known
        unmet: list[tuple[str, ...]] = [
            _unmet(rule, facts) for rule in VERDICT_RULES["safety"]
            if all(p.holds(facts) for p in rule.premises if not _about_program(p))]
        return min(unmet, key=len) if unmet else ()

    def why_not(self, verdict: str) -> WhyNot:
        """Why the verdict is not ``verdict``: each program rule that gives it, whether it fired
        (and if so what it lost to), and its premises, on the program or on the applicant,
        that did not hold, with the actual values."""
        if verdict not in VERDICTS:
            raise ValueError(f"verdict {verdict!r}: expected one of {', '.join(VERDICTS)}")
        facts = self._known
        fired = {firing.rule.id for firing in self._firings}
        candidates = tuple(
            Candidate.of(rule, rule.id in fired, _unmet(rule, facts),
                         self._fired_note(rule, verdict) if rule.id in fired else "")
            for rule in sorted(VERDICT_RULES[verdict], key=attrgetter("precedence")))
        already = " already" if verdict == self.verdict else ""
        return WhyNot(f"{self.name}: {verdict}",
                      f"The verdict is{already} {self.verdict} ({self.rule}).", candidates)

    @property
    def _known(self) -> list[Fact]:
        """The program's facts and the applicant's: what the program rules read."""
        return [*self._facts, *self._memory]

    def _fired_note(self, rule: Rule, verdict: str) -> str:
        """What became of the ``verdict`` that ``rule`` fired to give."""
        if verdict == self.verdict:
            return "it fired, and its verdict stands"
        proposed = {node_id(fact) for firing in self._firings if firing.rule.id == rule.id
                    for fact in _verdicts(firing.asserted)}
        return next(f"it fired, but was superseded: {s.reason}" for s in self._supersessions
                    if s.superseded in proposed)

    @property
    def unknown(self) -> tuple[str, ...]:
        """The columns a verdict turns on that the list leaves unknown."""
        return unknown_fields(self.program)

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """What explains the verdict and the notes: program inputs, rules, the applicant's facts
        and their own explanation, and the sources."""
        import networkx as nx  # not at the top: verdicts read as text need no graph

        matched = {fact for firing in self._firings for fact in firing.matched}
        own = build_graph(trace_of(dict.fromkeys([*self._facts, *matched]), self._firings,
                                   self._supersessions), GRAPH_PARTS)
        whole = nx.compose(self._applicant.graph, own)
        nodes = [self.recommendation.node, *(n.node for n in self.notes)]
        return nx.compose_all([explanation_of(whole, node) for node in nodes])

    def diagram(self) -> Diagram:
        """The verdict and the notes with what explains them, within the size bound of a
        focused drawing (``explain.bound``)."""
        focus = [self.recommendation.node, *(n.node for n in self.notes)]
        return Diagram(bounded(self.graph, focus), f"{self.name}: {self.verdict}")

    def why(self) -> Why:
        """The chain of rules from the profile and the program to the verdict."""
        return why(self.graph, self.recommendation.node, f"{self.name}: {self.verdict}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "verdict": self.verdict,
            "sign": self.recommendation.value["sign"], "strength": self.recommendation.strength,
            "rule": self.rule, "summary": self.recommendation.summary,
            "reasons": list(self.reasons),
            "notes": [{"note": n.value["note"], "tone": n.value["tone"], "summary": n.summary,
                       "rule": n.rule} for n in self.notes],
            "unknown": list(self.unknown),
            "sources": [{"doc": s.doc, "section": s.section}
                        for s in self.recommendation.sources],
        }

    def __str__(self) -> str:
        where = self.where
        lines = [f"{self.name}{f' ({where})' if where else ''}: {self.verdict}  "
                 f"[{self.rule}]"]
        lines += [f"  - {reason}" for reason in self.reasons]
        lines += [f"  {n.value['tone']}: {n.summary}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ProgramVerdict {self.name!r}: {self.verdict} ({self.rule})>"

    def _repr_html_(self) -> str:
        from expert.report.html_view import verdict_html  # the view reads triage, not back

        return verdict_html(self)


class ProgramReview(Sequence[ProgramVerdict]):
    """Every program's verdict in list order, and the list-check recommendations."""

    def __init__(self, verdicts: Sequence[ProgramVerdict], checks: Sequence[Recommendation],
                 measures: dict[str, Any]) -> None:
        self.verdicts = tuple(verdicts)
        self.checks = tuple(checks)
        self.measures = measures
        """The list's measures (``list.*`` inputs) by name, without the prefix."""

    @overload
    def __getitem__(self, key: int | str) -> ProgramVerdict: ...
    @overload
    def __getitem__(self, key: slice) -> Sequence[ProgramVerdict]: ...

    def __getitem__(self, key):
        if isinstance(key, str):
            found = next((v for v in self.verdicts if v.name == key), None)
            if found is None:
                raise KeyError(f"no program named {key!r} on the list")
            return found
        return self.verdicts[key]

    def __len__(self) -> int:
        return len(self.verdicts)

    def __iter__(self) -> Iterator[ProgramVerdict]:
        return iter(self.verdicts)

    @property
    def counts(self) -> dict[str, int]:
        tally = Counter(v.verdict for v in self.verdicts)
        return {name: tally[name] for name in VERDICTS}

    def to_dict(self, checks: bool = False) -> dict[str, Any]:
        """Each verdict, the counts and the measures; with ``checks``, also the list checks
        (what ``programs --format json`` writes; in an advice they are among its
        recommendations)."""
        shape = {"verdicts": [v.to_dict() for v in self.verdicts], "counts": self.counts,
                 "measures": self.measures}
        if checks:
            shape["checks"] = [check.to_dict() for check in self.checks]
        return shape

    def to_csv(self) -> str:
        """The list written back: its columns (those with any value), then the verdict, the
        sign, the reasons, the notes on the program and the deciding rule. Several reasons or
        notes in one cell are separated by `` | ``; the file can be read back as a list, the
        same list. No cell can run as a formula in a spreadsheet: one that starts with ``=``,
        ``+``, ``-``, ``@``, a tab or a carriage return, but for a plain number, is written
        after a single quote (``expert.inputs.program_lists.guarded_cell``), which reading the
        list takes off again."""
        given = [name for name in COLUMNS
                 if name == "name" or any(getattr(v.program, name) is not None for v in self)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*given, *VERDICT_COLUMNS])
        for v in self:
            writer.writerow(map(guarded_cell, [
                *(cell_text(getattr(v.program, name)) for name in given),
                v.verdict, v.recommendation.value["sign"], " | ".join(v.reasons),
                " | ".join(f"{n.value['tone']}: {n.summary}" for n in v.notes), v.rule,
            ]))
        return out.getvalue()

    def describe_counts(self) -> str:
        """How many programs, and how many of each verdict, in a line."""
        counts = ", ".join(f"{n} {name.replace('_', '-')}" for name, n in self.counts.items())
        return f"{len(self)} programs: {counts}"

    def __str__(self) -> str:
        lines = [self.describe_counts(), ""]
        lines += [f"{verdict}\n" for verdict in self.verdicts]
        lines.append("List checks:" if self.checks else "List checks: nothing to report.")
        for check in self.checks:
            lines.append(f"- {check.describe_value()}  [{check.strength}]")
            lines.append(f"  {check.summary}")
            lines.append(f"  rule {check.rule}: {check.title}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        checks = counted(len(self.checks), "list check")
        return f"<ProgramReview of {self.describe_counts()}; {checks}>"

    def _repr_html_(self) -> str:
        from expert.report.html_view import review_html  # the view reads triage, not back

        return review_html(self)


def review_programs(applicant: Answer, programs: Sequence[Program], apply_min: int | None
                    ) -> tuple[ProgramReview, tuple[RuleFiring, ...], tuple[Fact, ...]]:
    """Judge every program for the applicant and check the list (``apply_min``: the fewest
    applications the advice asks for, if it gives a number). Returns the review, and the list
    rules' firings and facts for the advice's explanation graph."""
    memory = Memory(applicant.memory)
    evaluator = program_evaluator()
    verdicts = []
    for program in programs:
        firings, own = evaluator.run(program_facts(program, applicant.profile), memory)
        decisions, supersessions, _ = resolve(firings, (VERDICT_KIND,))
        verdicts.append(ProgramVerdict(program, firings, own.own(), decisions, supersessions,
                                       applicant, memory))

    measures = list_facts([(v.program, v.verdict) for v in verdicts], apply_min)
    firings, checked = list_evaluator().run(measures, memory)
    decisions, _, _ = resolve(firings, ())
    order = {rule.id: index for index, rule in enumerate(LIST_RULES)}
    checks = tuple(Recommendation.from_decision(d)
                   for d in sorted(decisions, key=lambda d: order[d.rule.id]))
    review = ProgramReview(verdicts, checks,
                           {fact.field.removeprefix("list."): fact.value for fact in measures})
    return review, tuple(firings), checked.own()
