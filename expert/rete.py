"""experta's Rete matcher with less work per change; the network and its results are the same.

experta builds the network well but spends most of a consultation walking it:

- every fact is offered to every branch of the alpha network in turn: one branch per fact type
  at the root, then one per literal value of a field (``field == "step2ck.score"``), each offer
  copying the token. Here a node whose branches test one field for different literal values
  (or, at the root, the fact type) sends the fact straight to the branch for its value, looked
  up in a dict: the hashed alpha memories of CLIPS and most Rete engines.
- after every change it asks each of the ~200 conflict-set nodes for its activations, which
  allocates two sets per node; here only the nodes a token reached since are asked.
- reset walks the network along every path, so shared nodes are reset many times; here each
  node with a memory is reset once.
- building the network, every rule is rewritten to disjunctive normal form, which for a
  conjunction of patterns and negated patterns (every rule here) changes nothing; such rules
  are taken as they are, and wired into the beta network directly (experta builds a new
  dispatch function for every rule it wires: a tenth of a second of every cold start).
- each token checks its arguments when it is made, and a token is copied at every node it
  reaches; tokens made here from declared facts (and their copies) skip those checks.

Branches reached through an index still run their own test, so an index only skips branches
that would fail: the activations, and so the firings, are exactly those of experta's matcher.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Hashable, Iterable, Iterator

from expert.compat import experta
from experta.matchers.rete import ReteMatcher
from experta.matchers.rete.check import FeatureCheck, SameContextCheck, TypeCheck
from experta.matchers.rete.mixins import ChildNode
from experta.matchers.rete.nodes import (
    BusNode, ConflictSetNode, FeatureTesterNode, NotNode, OrdinaryMatchNode,
)
from experta.matchers.rete.token import Token
from experta.matchers.rete.utils import prepare_rule

INDEX_MIN_BRANCHES = 2
"""A lone branch is tried as it is; from two on, one dict lookup is cheaper than the tests."""

_MISSING = object()


class BranchIndex:
    """A stand-in child of an alpha node: passes a token only to the branches for its fact's key.

    It takes the place of the indexed branches in the parent's children; as a node it shows
    them as its own children, so walks over the network still find them.
    """

    def __init__(self, key: Callable[[Any], Hashable], branches: dict[Hashable, list[ChildNode]]):
        self.key = key
        self.branches = branches
        self.children = [child for group in branches.values() for child in group]

    def activate(self, token: Any) -> None:
        (fact,) = token.data
        try:
            branches = self.branches.get(self.key(fact), ())
        except TypeError:  # an unhashable value equals no literal in the rules
            return
        for child in branches:
            child.callback(token)

    def reset(self) -> None:
        for child in self.children:
            child.node.reset()


def _literal_test(child: ChildNode) -> tuple[str, Hashable] | None:
    """(field, value) when the branch is a plain equality test on a field, else None."""
    check = getattr(child.node, "matcher", None)
    if not (isinstance(child.node, FeatureTesterNode) and isinstance(check, FeatureCheck)):
        return None
    if not isinstance(check.how, experta.L) or check.how.__bind__ is not None:
        return None
    if not isinstance(check.what, str) or "__" in check.what:
        return None
    try:
        hash(check.how.value)
    except TypeError:
        return None
    return check.what, check.how.value


def _field_key(field: str) -> Callable[[Any], Hashable]:
    return lambda fact: fact.get(field, _MISSING)


def _type_key(fact: Any) -> Hashable:
    return type(fact)


Group = tuple[Callable[[Any], Hashable], list[tuple[Hashable, ChildNode]]]


def _groups(node: Any) -> list[Group]:
    """The node's branches that one dict lookup can choose among: how to key a fact, and each
    branch with the key it accepts."""
    if isinstance(node, BusNode):
        return [(_type_key, [(child.node.matcher.fact_type, child) for child in node.children
                             if isinstance(child.node, FeatureTesterNode)
                             and isinstance(child.node.matcher, TypeCheck)])]
    by_field: dict[str, list[tuple[Hashable, ChildNode]]] = defaultdict(list)
    for child in node.children:
        test = _literal_test(child)
        if test is not None:
            by_field[test[0]].append((test[1], child))
    return [(_field_key(field), members) for field, members in by_field.items()]


def _index_children(node: Any) -> None:
    """Replace each group of a node's branches that one key chooses among by a ``BranchIndex``."""
    for key, members in _groups(node):
        if len(members) < INDEX_MIN_BRANCHES:
            continue
        branches: dict[Hashable, list[ChildNode]] = defaultdict(list)
        for value, child in members:
            branches[value].append(child)
        index = BranchIndex(key, dict(branches))
        indexed = [child for _, child in members]
        first = node.children.index(indexed[0])
        rest = [child for child in node.children if child not in indexed]
        rest.insert(first, ChildNode(index, index.activate))
        node.children[:] = rest


def _walk(root: Any) -> Iterator[Any]:
    """Every node once, parents before children."""
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(child.node for child in reversed(node.children))


class _CheckedToken(Token):
    """A token made from facts the engine declared, so experta's argument checks are skipped.

    Copies keep the class; tokens that join nodes make are experta's own.
    """

    __slots__ = ()

    def __new__(cls, tag: Token.TagType, data: Any, context: dict | None = None) -> "_CheckedToken":
        return tuple.__new__(cls, (tag, set(data), {} if context is None else context))


def _is_conjunction(rule: experta.Rule) -> bool:
    """Whether a rule is a conjunction of patterns and negated patterns."""
    return all(isinstance(e, experta.Fact)
               or (isinstance(e, experta.NOT) and isinstance(e[0], experta.Fact))
               for e in rule)


def _prepared(rule: experta.Rule) -> experta.Rule:
    """experta's ``prepare_rule``, without its rewriting for rules that are conjunctions."""
    if not _is_conjunction(rule):
        return prepare_rule(rule)
    if isinstance(rule[0], experta.NOT):  # a negation needs something before it to join with
        return rule.new_conditions(experta.InitialFact(), *rule)
    return rule.new_conditions(*rule)  # a copy, as experta's: not bound to the engine instance


def _wire_conjunction(rule: experta.Rule, alpha_terminals: dict[Any, Any]) -> None:
    """The beta network experta wires for a prepared conjunction: a chain of join nodes (a
    not-node for each negated pattern), each joining the chain so far with the next pattern's
    alpha memory, ending in the rule's conflict-set node."""
    def terminal(element: Any) -> Any:
        return alpha_terminals[element[0] if isinstance(element, experta.NOT) else element]

    last = terminal(rule[0])
    for element in rule[1:]:
        join = (NotNode if isinstance(element, experta.NOT) else OrdinaryMatchNode)(
            SameContextCheck())
        last.add_child(join, join.activate_left)
        terminal(element).add_child(join, join.activate_right)
        last = join
    conflict_set_node = ConflictSetNode(rule)
    last.add_child(conflict_set_node, conflict_set_node.activate)


def _noting(callback: Callable[[Any], None], node: ConflictSetNode,
            reached: dict[ConflictSetNode, None]) -> Callable[[Any], None]:
    def activate(token: Any) -> None:
        callback(token)
        reached[node] = None

    return activate


class IndexedReteMatcher(ReteMatcher):
    """A ``ReteMatcher`` that indexes alpha branches and tracks which nodes need work."""

    @staticmethod
    def prepare_ruleset(engine: experta.KnowledgeEngine) -> set[experta.Rule]:
        return {_prepared(rule) for rule in engine.get_rules()}

    @staticmethod
    def build_beta_part(ruleset: set[experta.Rule], alpha_terminals: dict[Any, Any]) -> None:
        for rule in ruleset:
            if _is_conjunction(rule):
                _wire_conjunction(rule, alpha_terminals)
            else:
                ReteMatcher.build_beta_part({rule}, alpha_terminals)

    def build_network(self) -> None:
        super().build_network()
        nodes = list(_walk(self.root_node))
        self._conflict_set_nodes = tuple(n for n in nodes if isinstance(n, ConflictSetNode))
        self._memories = tuple(n for n in nodes if not isinstance(n, FeatureTesterNode)
                               and not isinstance(n, BusNode))
        self._reached: dict[ConflictSetNode, None] = {}
        for node in nodes:
            node.children[:] = [
                ChildNode(child.node, _noting(child.callback, child.node, self._reached))
                if isinstance(child.node, ConflictSetNode) else child
                for child in node.children
            ]
            _index_children(node)

    def _get_conflict_set_nodes(self) -> tuple[ConflictSetNode, ...]:
        return self._conflict_set_nodes

    def changes(self, adding: Iterable[Any] | None = None,
                deleting: Iterable[Any] | None = None) -> tuple[list[Any], list[Any]]:
        for fact in deleting or ():
            self._send(_CheckedToken(Token.TagType.INVALID, (fact,)))
        for fact in adding or ():
            self._send(_CheckedToken(Token.TagType.VALID, (fact,)))
        added, removed = [], []
        for node in self._reached:
            node_added, node_removed = node.get_activations()
            added.extend(node_added)
            removed.extend(node_removed)
        self._reached.clear()
        return added, removed

    def _send(self, token: Token) -> None:
        # What experta's BusNode.add and .remove do, with a cheaper token.
        for child in self.root_node.children:
            child.callback(token)

    def reset(self) -> None:
        for node in self._memories:
            node._reset()
        for node in self._reached:  # activations not yet collected: none after a reset
            node.get_activations()
        self._reached.clear()
