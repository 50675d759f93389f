"""Which rules can still fire, given the answers so far, and which inputs they read.

The rules are data, so this is worked out from their premises rather than by running them. A
premise on a profile input *may hold* when the input is not known yet, holds when it is known
and passes, and fails when it is known and fails (or the field is known to be absent). A
premise on a finding or a recommendation may hold while some rule that may still fire could
conclude a matching fact (``Rule.may_conclude``); a negated one may always hold. A rule that
may still fire is *live*; the live set is the fixpoint of removing rules with a premise that
cannot hold.

Only rules whose conclusions reach advice count: a rule that proposes a recommendation or
makes the plan (steps, its branch, its time check), or concludes what such a rule reads. The
*headline* rules are those that reach ``apply_count``, ``step3``, ``prelim_backup`` or the
plan's branch: questions they need come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from functools import cache

from knowledge_base.facts import Input, PlanBranch, PlanCheck, PlanStep, Proposal, Scalar
from knowledge_base.rule import Rule
from knowledge_base.rules import FEASIBILITY_RULES, PLAN_RULES, RULES

__all__ = ["HEADLINE_KINDS", "INTERVIEW_RULES", "headline_rules", "live_rules", "readers"]

INTERVIEW_RULES: tuple[Rule, ...] = (*RULES, *PLAN_RULES, *FEASIBILITY_RULES)
"""The rules an applicant's answers reach: the consultation and the plan (program lists are
not asked about)."""
HEADLINE_KINDS = frozenset({"apply_count", "step3", "prelim_backup"})


@cache
def _producers(rules: tuple[Rule, ...]) -> dict[tuple[int, int], tuple[int, ...]]:
    """For each premise on a fact a rule concludes (rule index, premise index), the indices
    of the rules that may conclude a fact it matches."""
    return {(r, p): tuple(i for i, other in enumerate(rules) if other.may_conclude(premise))
            for r, rule in enumerate(rules) for p, premise in enumerate(rule.premises)
            if premise.fact_type is not Input}


def _reaching(rules: tuple[Rule, ...], targets: Iterable[int]) -> frozenset[int]:
    """``targets`` and every rule that concludes what one of them reads, transitively."""
    producers = _producers(rules)
    todo = list(targets)
    reached = set(todo)
    while todo:
        rule = todo.pop()
        for premise in range(len(rules[rule].premises)):
            for producer in producers.get((rule, premise), ()):
                if producer not in reached:
                    reached.add(producer)
                    todo.append(producer)
    return frozenset(reached)


@cache
def _advising(rules: tuple[Rule, ...]) -> frozenset[int]:
    """The rules whose conclusions reach advice: a recommendation or the plan."""
    return _reaching(rules, (i for i, rule in enumerate(rules) if any(
        isinstance(c, (Proposal, PlanStep, PlanBranch, PlanCheck)) for c in rule.conclusions)))


@cache
def headline_rules(rules: tuple[Rule, ...] = INTERVIEW_RULES) -> frozenset[str]:
    """The ids of the rules that reach a headline answer or the plan's branch."""
    return frozenset(rules[i].id for i in _reaching(rules, (
        i for i, rule in enumerate(rules) if any(
            isinstance(c, PlanBranch) or (isinstance(c, Proposal) and c.kind in HEADLINE_KINDS)
            for c in rule.conclusions))))


def live_rules(known: Mapping[str, Scalar], absent: Set[str],
               rules: tuple[Rule, ...] = INTERVIEW_RULES) -> tuple[Rule, ...]:
    """The rules that reach advice and may still fire, given the inputs ``known`` and the
    inputs known to be ``absent`` (every other input may take any value)."""
    producers = _producers(rules)

    def input_may_hold(rule: Rule, index: int) -> bool:
        premise = rule.premises[index]
        field = str(premise.input_field)
        if field in known:
            return premise.matches(Input(field, known[field])) != premise.negated
        return premise.negated if field in absent else True

    live = {i for i in _advising(rules)
            if all(input_may_hold(rules[i], p) for p, premise in enumerate(rules[i].premises)
                   if premise.fact_type is Input)}
    changed = True
    while changed:
        dead = {i for i in live for p, premise in enumerate(rules[i].premises)
                if premise.fact_type is not Input and not premise.negated
                and not any(producer in live for producer in producers[(i, p)])}
        live -= dead
        changed = bool(dead)
    return tuple(rules[i] for i in sorted(live))


def readers(rules: Iterable[Rule], inputs: Iterable[str]) -> tuple[Rule, ...]:
    """The rules with a premise on one of ``inputs``."""
    wanted = set(inputs)
    return tuple(rule for rule in rules
                 if any(premise.input_field in wanted for premise in rule.premises))
