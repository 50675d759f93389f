"""Provenance of a consultation: stable node ids for facts, and facts and firings as a
``explain.Trace``.

Node ids are derived from content (never experta's fact numbers or Python's string hashes), so
the same profile gives the same graph in every run and process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from types import MappingProxyType

import attrs

from expert import caches
from expert.engine.firing import RuleFiring
from explain.graph import Parts
from explain.trace import FactRecord, Firing, Supersession, Trace
from knowledge_base.facts import (
    Fact,
    Input,
    Offset,
    PlanBranch,
    PlanCheck,
    PlanStep,
    Proposal,
    RiskFactor,
    ScoreBand,
)
from knowledge_base.inputs import DERIVED_FIELDS
from knowledge_base.program_list import LIST_FIELDS
from knowledge_base.programs import DERIVED_PROGRAM_FIELDS
from knowledge_base.rules.timeline import PLAN_FIELDS

__all__ = ["GRAPH_PARTS", "fact_record", "node_id", "trace_of"]


def node_id(fact: Fact) -> str:
    """A stable graph node id for a fact, the same in every run and process."""
    if isinstance(fact, Input):
        return f"input:{fact.field}"
    return _derived_node_id(fact)


@caches.NODE_IDS
def _derived_node_id(fact: ScoreBand | Offset | RiskFactor | Proposal | PlanStep | PlanCheck
                     | PlanBranch) -> str:
    if isinstance(fact, PlanStep):
        return f"step:{fact.task}"
    if isinstance(fact, PlanBranch):
        return f"finding:plan:{fact.cycle}"
    if isinstance(fact, PlanCheck):
        return f"finding:plan:{fact.verdict}"
    if isinstance(fact, ScoreBand):
        return f"finding:score_band:{fact.exam}:{fact.scale}:{fact.band}"
    if isinstance(fact, RiskFactor):
        return f"finding:risk:{fact.name}"
    if isinstance(fact, Offset):
        return f"finding:offset:{fact.risk}:{fact.by}"
    digest = hashlib.sha1(f"{fact.value_json}\n{fact.summary}".encode()).hexdigest()[:10]
    return f"recommendation:{fact.kind}:{digest}"


DERIVED = {**DERIVED_FIELDS, **DERIVED_PROGRAM_FIELDS, **LIST_FIELDS, **PLAN_FIELDS}
"""What each computed input summarises, shown on its node."""


@caches.FACT_RECORDS
def fact_record(fact: Fact) -> FactRecord:
    """The fact as the trace holds it: node id, node type, label and data (one record per fact,
    shared by every trace that holds the fact)."""
    if isinstance(fact, Proposal):
        data = {"kind": fact.kind, "value": fact.value, "summary": fact.summary}
    else:
        data = attrs.asdict(fact)
        if isinstance(fact, Input) and fact.field in DERIVED:
            data["derived"] = DERIVED[fact.field]
    return FactRecord(node_id(fact), fact.node_type, fact.label(), MappingProxyType(data))


def trace_of(facts: Iterable[Fact], firings: Iterable[RuleFiring],
             supersessions: Iterable[Supersession] = ()) -> Trace:
    """Facts and firings as provenance data."""
    return Trace(
        facts=tuple(map(fact_record, facts)),
        firings=tuple(map(_firing_record, firings)),
        supersessions=tuple(supersessions),
    )


@caches.FIRING_RECORDS
def _firing_record(firing: RuleFiring) -> Firing:
    """The firing as the trace holds it (a cohort's consultations repeat the same firings: the
    same rule on the same facts)."""
    return Firing(firing.rule, _node_ids(firing.matched), _node_ids(firing.asserted))


def _node_ids(facts: Iterable[Fact]) -> tuple[str, ...]:
    return tuple(sorted(map(node_id, facts)))


class _RememberedParts(Parts):
    """Graph parts kept from one graph to the next (see ``expert.caches``)."""

    fact_node = caches.GRAPH_FACT_NODES(Parts.fact_node)
    rule_nodes = caches.GRAPH_RULE_NODES(Parts.rule_nodes)
    source_node = caches.GRAPH_SOURCE_NODES(Parts.source_node)
    firing_edges = caches.GRAPH_FIRING_EDGES(Parts.firing_edges)


GRAPH_PARTS: Parts = _RememberedParts()
"""The parts every explanation graph of the advisor is built from."""
