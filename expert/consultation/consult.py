"""One consultation: run the rules on a profile, resolve single-answer kinds.

Resolution: when rules propose different answers of a kind that must have one answer, the
proposal backed by the most specific rule wins; the others are recorded as superseded, with the
reason. Equal specificity with different answers is a conflict: it is reported on the advice
(and checked by the tests) and settled deterministically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from operator import attrgetter
from typing import Any

import attrs

from expert import caches
from expert.consultation.provenance import node_id, trace_of
from expert.engine.firing import RuleFiring
from expert.engine.recording import EnginePool
from explain.trace import Supersession, Trace
from knowledge_base.facts import Fact, Input, Proposal, as_written
from knowledge_base.inputs import input_values
from knowledge_base.kinds import KIND_ORDER, SINGLE_ANSWER_KINDS
from knowledge_base.profile import Profile
from knowledge_base.rule import Rule

__all__ = ["Decision", "Outcome", "consult", "interned_inputs", "resolve"]


@attrs.frozen
class Decision:
    """A recommendation that stands, with the rule that decided it."""

    fact: Proposal
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


def _deciding_rule(rules: Sequence[Rule]) -> Rule:
    return rules[0] if len(rules) == 1 else min(rules, key=attrgetter("precedence"))


def _most_specific_first(decision: Decision) -> tuple[int, str, str]:
    return -decision.rule.specificity, decision.fact.value_json, decision.rule.id


_KIND_PLACES = {kind: place for place, kind in enumerate(KIND_ORDER)}


def _in_kind_order(decision: Decision) -> tuple[int, str, str]:
    kind = decision.fact.kind
    return _KIND_PLACES.get(kind, len(_KIND_PLACES)), kind, node_id(decision.fact)


def resolve(firings: Sequence[RuleFiring], single: Iterable[str] = SINGLE_ANSWER_KINDS
            ) -> tuple[list[Decision], list[Supersession], list[str]]:
    """The recommendations that stand: for each kind in ``single`` only the most specific
    proposal (the others superseded), for other kinds all of them."""
    single = frozenset(single)
    backers: dict[Proposal, list[Rule]] = {}
    for firing in firings:
        for fact in firing.asserted:
            if isinstance(fact, Proposal):
                rules = backers.get(fact)
                if rules is None:
                    backers[fact] = [firing.rule]
                else:
                    rules.append(firing.rule)
    by_kind: dict[str, list[Decision]] = {}
    for fact, rules in backers.items():
        by_kind.setdefault(fact.kind, []).append(Decision(fact, _deciding_rule(rules)))

    decisions, supersessions, conflicts = [], [], []
    for kind, proposals in by_kind.items():
        if kind not in single:
            decisions += proposals
            continue
        winner, *losers = sorted(proposals, key=_most_specific_first)
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
    decisions.sort(key=_in_kind_order)
    return decisions, supersessions, conflicts


def interned_inputs(profile: Profile) -> tuple[Input, ...]:
    """``knowledge_base.inputs.input_facts``, each input met before given as the same object."""
    return tuple(_input(path, as_written(value)) for path, value in input_values(profile))


@caches.INPUTS
def _input(field: str, written: tuple[type, Any, str | None]) -> Input:
    return Input(field, written[1])


def consult(profile: Profile, pool: EnginePool) -> Outcome:
    """Run the rules on the profile in the thread's engine of ``pool``; resolve the answers."""
    firings, memory = pool.engine().consult(interned_inputs(profile))
    decisions, supersessions, conflicts = resolve(firings)
    return Outcome(tuple(decisions), tuple(conflicts), tuple(memory), tuple(firings),
                   tuple(supersessions))
