"""One consultation: run the rules on a profile, resolve single-answer kinds, build the trace.

Resolution: when rules propose different answers of a kind that must have one answer, the
proposal backed by the most specific rule wins; the others are recorded as superseded, with the
reason. Equal specificity with different answers is a conflict: it is reported on the advice
(and checked by the tests) and settled deterministically.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import cached_property, lru_cache
from operator import attrgetter
from types import MappingProxyType
from typing import Iterable, Sequence

import attrs

from expert.engine import EnginePool, RuleFiring
from explain.trace import FactRecord, Firing, Supersession, Trace
from knowledge_base import KIND_ORDER, SINGLE_ANSWER_KINDS
from knowledge_base.facts import Fact, Input, Recommendation, RiskFactor, ScoreBand
from knowledge_base.inputs import DERIVED_FIELDS, input_facts
from knowledge_base.program_list import LIST_FIELDS
from knowledge_base.programs import DERIVED_PROGRAM_FIELDS
from knowledge_base.profile import Profile
from knowledge_base.rule import Rule


FACT_CACHE_SIZE = 4096
"""How many facts and firings keep their node id and trace record: a cohort meets the same ones
again and again, and a recommendation's id is a digest of its text, its label a reading of its
value."""


def node_id(fact: Fact) -> str:
    """A stable graph node id for a fact, the same in every run and process."""
    if isinstance(fact, Input):
        return f"input:{fact.field}"
    return _derived_node_id(fact)


@lru_cache(maxsize=FACT_CACHE_SIZE)
def _derived_node_id(fact: ScoreBand | RiskFactor | Recommendation) -> str:
    if isinstance(fact, ScoreBand):
        return f"finding:score_band:{fact.exam}:{fact.scale}:{fact.band}"
    if isinstance(fact, RiskFactor):
        return f"finding:risk:{fact.name}"
    digest = hashlib.sha1(f"{fact.value_json}\n{fact.summary}".encode()).hexdigest()[:10]
    return f"recommendation:{fact.kind}:{digest}"


DERIVED = {**DERIVED_FIELDS, **DERIVED_PROGRAM_FIELDS, **LIST_FIELDS}
"""What each computed input summarises, shown on its node."""


@lru_cache(maxsize=FACT_CACHE_SIZE)
def fact_record(fact: Fact) -> FactRecord:
    """The fact as the trace holds it: node id, node type, label and data (one record per fact,
    shared by every trace that holds the fact)."""
    if isinstance(fact, Recommendation):
        data = {"kind": fact.kind, "value": fact.value, "summary": fact.summary}
    else:
        data = attrs.asdict(fact)
        if isinstance(fact, Input) and fact.field in DERIVED:
            data["derived"] = DERIVED[fact.field]
    return FactRecord(node_id(fact), fact.node_type, fact.label(), MappingProxyType(data))


@attrs.frozen
class Decision:
    """A recommendation that stands, with the rule that decided it."""

    fact: Recommendation
    rule: Rule


@attrs.frozen
class Outcome:
    decisions: tuple[Decision, ...]
    conflicts: tuple[str, ...]
    memory: tuple[Fact, ...]
    """The final working memory: the facts the rules' premises were judged against."""
    firings: tuple[RuleFiring, ...]
    supersessions: tuple[Supersession, ...]

    @cached_property
    def trace(self) -> Trace:
        """The consultation as provenance data (built on first use: most callers want only
        the recommendations)."""
        return trace_of(self.memory, self.firings, self.supersessions)


def _deciding_rule(rules: Iterable[Rule]) -> Rule:
    return min(rules, key=attrgetter("precedence"))


def resolve(firings: Sequence[RuleFiring], single: Iterable[str] = SINGLE_ANSWER_KINDS
            ) -> tuple[list[Decision], list[Supersession], list[str]]:
    """The recommendations that stand: for each kind in ``single`` only the most specific
    proposal (the others superseded), for other kinds all of them."""
    single = frozenset(single)
    backers: dict[Recommendation, list[Rule]] = defaultdict(list)
    for firing in firings:
        for fact in firing.asserted:
            if isinstance(fact, Recommendation):
                backers[fact].append(firing.rule)
    by_kind: dict[str, list[Decision]] = defaultdict(list)
    for fact, rules in backers.items():
        by_kind[fact.kind].append(Decision(fact, _deciding_rule(rules)))

    decisions, supersessions, conflicts = [], [], []
    for kind, proposals in by_kind.items():
        proposals.sort(key=lambda d: (-d.rule.specificity, d.fact.value_json, d.rule.id))
        if kind not in single:
            decisions += proposals
            continue
        winner, *losers = proposals
        decisions.append(winner)
        for loser in losers:
            if loser.rule.specificity == winner.rule.specificity and \
                    loser.fact.value_json != winner.fact.value_json:
                conflicts.append(f"{kind}: {winner.rule.id} and {loser.rule.id} give different "
                                 f"answers at the same specificity {winner.rule.specificity}")
            supersessions.append(Supersession(
                node_id(loser.fact), node_id(winner.fact),
                f"{winner.rule.id} (specificity {winner.rule.specificity}) takes precedence "
                f"over {loser.rule.id} (specificity {loser.rule.specificity})",
            ))
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    decisions.sort(key=lambda d: (order.get(d.fact.kind, len(order)), d.fact.kind, node_id(d.fact)))
    return decisions, supersessions, conflicts


def trace_of(facts: Iterable[Fact], firings: Iterable[RuleFiring],
             supersessions: Iterable[Supersession] = ()) -> Trace:
    """Facts and firings as provenance data."""
    return Trace(
        facts=tuple(map(fact_record, facts)),
        firings=tuple(map(_firing_record, firings)),
        supersessions=tuple(supersessions),
    )


@lru_cache(maxsize=FACT_CACHE_SIZE)
def _firing_record(firing: RuleFiring) -> Firing:
    """The firing as the trace holds it (a cohort's consultations repeat the same firings: the
    same rule on the same facts)."""
    return Firing(firing.rule, _node_ids(firing.matched), _node_ids(firing.asserted))


def _node_ids(facts: Iterable[Fact]) -> tuple[str, ...]:
    return tuple(sorted(map(node_id, facts)))


def consult(profile: Profile, pool: EnginePool) -> Outcome:
    firings, memory = pool.engine().consult(input_facts(profile))
    decisions, supersessions, conflicts = resolve(firings)
    return Outcome(tuple(decisions), tuple(conflicts), tuple(memory), tuple(firings),
                   tuple(supersessions))
