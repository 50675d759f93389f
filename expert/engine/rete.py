"""A Rete matcher for rules whose premises are ``knowledge_base`` patterns, plugged into experta.

experta's engine takes its matcher from the engine class (``__matcher__``: an
``experta.abstract.Matcher``, told of each change to the working memory, answering with the
activations added and removed). experta's own matcher spends four fifths of a consultation on
its node machinery: a token object copied at every node it reaches, argument checks on every
token, each fact offered to every alpha branch, every conflict-set node asked after every change.
This one builds the same kind of network straight from the rules' ``Pattern`` data:

- **alpha memories**, one per distinct premise, reached from a fact's experta type through a
  dict on the field that the premises of that type most often test for equality (the hashed
  alpha memories of CLIPS);
- **beta nodes**, one per distinct chain of premises, shared by the rules that start alike: each
  joins the partial matches from its parent (its left memory) with one premise's alpha memory,
  keeping bound variables consistent, or, for a negated premise, lets a partial match through
  while no fact matches the premise;
- **activations** for a rule when a partial match reaches the end of its chain, withdrawn when a
  negated premise later comes to match.

A partial match is a tuple of the facts matched so far with a dict of the variables bound; memories
and activations are keyed by that tuple, so a fact that two premises of one rule match, reaching
the same match by two paths, makes it once. The engine only ever adds facts (a consultation
starts from a reset), so retracting is refused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any

from experta.abstract import Matcher
from experta.activation import Activation

from expert.engine.compat import experta
from expert.engine.experta_types import premise_type
from knowledge_base.conditions import Pattern, Test

__all__ = ["AlphaIndex", "AlphaMemory", "BetaNode", "Bindings", "Facts", "PatternReteMatcher"]

Facts = tuple[experta.Fact, ...]
Bindings = dict[str, Any]

_MISSING = object()


class AlphaMemory:
    """The facts that pass one premise's tests, and the beta nodes that join with them."""

    __slots__ = ("tests", "checks", "facts", "joins", "touched")

    def __init__(self, tests: tuple[tuple[str, Test], ...], touched: list[AlphaMemory]) -> None:
        self.tests = tests
        self.touched = touched
        """The matcher's list of the memories given a fact since its reset."""
        self.checks = tuple((name, test.check, test.operand) for name, test in tests)
        """The tests a fact must pass to be added (``AlphaIndex`` drops the one it settles)."""
        self.facts: list[experta.Fact] = []
        self.joins: list[BetaNode] = []

    def add(self, fact: experta.Fact) -> None:
        for name, check, operand in self.checks:
            if not check(fact.get(name, _MISSING), operand):
                return
        if not self.facts:
            self.touched.append(self)
        self.facts.append(fact)
        for node in self.joins:
            if node.matches:  # no partial match to join with, or to withdraw
                node.right_add(fact)


class AlphaIndex:
    """The alpha memories of one experta fact type, found by a dict on one field's value."""

    __slots__ = ("field", "by_value", "others")

    def __init__(self, memories: dict[tuple[tuple[str, Test], ...], AlphaMemory]) -> None:
        equalities = Counter(name for tests in memories for name, test in tests
                             if test.op == "eq" and _hashable(test.operand))
        self.field = equalities.most_common(1)[0][0] if equalities else None
        self.by_value: dict[Hashable, list[AlphaMemory]] = {}
        self.others: list[AlphaMemory] = []
        for tests, memory in memories.items():
            value = next((test.operand for name, test in tests
                          if name == self.field and test.op == "eq"), _MISSING)
            if value is _MISSING or not _hashable(value):
                self.others.append(memory)
            else:  # found by the field's value: that equality needs no testing again
                self.by_value.setdefault(value, []).append(memory)
                settled = next(i for i, (name, test) in enumerate(tests)
                               if name == self.field and test.op == "eq")
                memory.checks = memory.checks[:settled] + memory.checks[settled + 1:]

    def add(self, fact: experta.Fact) -> None:
        if self.field is not None:
            try:
                memories = self.by_value.get(fact.get(self.field, _MISSING), ())
            except TypeError:  # an unhashable value equals no literal in the rules
                memories = ()
            for memory in memories:
                memory.add(fact)
        for memory in self.others:
            memory.add(fact)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


class BetaNode:
    """One premise of a chain: partial matches from the parent joined with an alpha memory."""

    __slots__ = ("matcher", "alpha", "negated", "binds", "matches", "children", "rules",
                 "touched")

    def __init__(self, matcher: PatternReteMatcher, alpha: AlphaMemory, pattern: Pattern) -> None:
        self.matcher = matcher
        self.alpha = alpha
        self.negated = pattern.negated
        self.binds = pattern.bindings
        self.matches: dict[Facts, Bindings] = {}
        """The left memory: every partial match the parent passed on."""
        self.children: list[BetaNode] = []
        self.rules: list[experta.Rule] = []
        """The rules whose chain ends here."""
        self.touched = False
        """Whether its partial matches changed since the matcher's reset (it is then on the
        matcher's ``touched_nodes``)."""

    def _joined(self, bindings: Bindings, fact: experta.Fact) -> Bindings | None:
        """The bindings extended by the fact's bound fields; None when a variable disagrees."""
        if not self.binds:
            return bindings
        joined = dict(bindings)
        for name, variable in self.binds:
            value = fact[name]
            if joined.setdefault(variable, value) != value:
                return None
        return joined

    def _touch(self) -> None:
        if not self.touched:
            self.touched = True
            self.matcher.touched_nodes.append(self)

    def left_add(self, facts: Facts, bindings: Bindings) -> None:
        self._touch()
        self.matches[facts] = bindings
        if self.negated:
            if not self.alpha.facts:
                self._pass(facts, bindings)
            return
        for fact in self.alpha.facts:
            joined = self._joined(bindings, fact)
            if joined is not None:
                self._pass(facts + (fact,), joined)

    def right_add(self, fact: experta.Fact) -> None:
        if self.negated:
            if len(self.alpha.facts) == 1:  # the first fact that matches: withdraw every match
                for facts in self.matches:
                    self._withdraw(facts)
            return
        # Passing a match on adds to the children's memories, never to this one: no copy.
        for facts, bindings in self.matches.items():
            joined = self._joined(bindings, fact)
            if joined is not None:
                self._pass(facts + (fact,), joined)

    def left_remove(self, facts: Facts) -> None:
        bindings = self.matches.pop(facts, None)
        if bindings is None:  # never passed on (see ``PatternReteMatcher.deactivate``)
            return
        self._touch()
        if self.negated:
            if not self.alpha.facts:
                self._withdraw(facts)
            return
        for fact in self.alpha.facts:
            if self._joined(bindings, fact) is not None:
                self._withdraw(facts + (fact,))

    def _pass(self, facts: Facts, bindings: Bindings) -> None:
        for child in self.children:
            child.left_add(facts, bindings)
        for rule in self.rules:
            self.matcher.activate(rule, facts, bindings)

    def _withdraw(self, facts: Facts) -> None:
        for child in self.children:
            child.left_remove(facts)
        for rule in self.rules:
            self.matcher.deactivate(rule, facts)


class PatternReteMatcher(Matcher):
    """experta's matcher interface over a Rete network built from the rules' patterns.

    The engine class names the rules' data in ``rules_by_name`` (experta rule name ->
    ``knowledge_base.Rule``); facts arrive as experta facts of the types in
    ``expert.engine.experta_types``.
    """

    def __init__(self, engine: experta.KnowledgeEngine) -> None:
        super().__init__(engine)
        self.touched_nodes: list[BetaNode] = []
        """The nodes whose partial matches changed since the reset: ``reset`` puts back only
        those."""
        self.touched_alphas: list[AlphaMemory] = []
        """The alpha memories given a fact since the reset: ``reset`` empties only those."""
        self._added: dict[tuple[str, Facts], Activation] = {}
        """Activations not yet reported, by rule name and facts."""
        self._removed: list[Activation] = []
        self._active: dict[tuple[str, Facts], Activation] = {}
        self._build(engine.get_rules(), engine.rules_by_name)

    def _build(self, rules: Iterable[experta.Rule], rules_by_name: dict[str, Any]) -> None:
        memories: dict[type, dict[tuple[tuple[str, Test], ...], AlphaMemory]] = {}
        chains: dict[tuple[int, Pattern], BetaNode] = {}
        nodes: list[BetaNode] = []
        first: list[BetaNode] = []
        """The nodes of each chain's first premise: they join with the empty partial match."""
        for bound in sorted(rules, key=lambda r: r.__name__):
            # A copy not bound to the engine instance, as experta's matcher makes: experta
            # calls an activation's rule with the engine as its first argument.
            rule = bound.new_conditions(*bound)
            parent: BetaNode | None = None
            for pattern in rules_by_name[rule.__name__].premises:
                key = (id(parent), pattern)
                node = chains.get(key)
                if node is None:
                    fact_type, tests = premise_type(pattern)
                    alpha = memories.setdefault(fact_type, {}).get(tests)
                    if alpha is None:
                        alpha = memories[fact_type][tests] = AlphaMemory(
                            tests, self.touched_alphas)
                    node = chains[key] = BetaNode(self, alpha, pattern)
                    alpha.joins.append(node)
                    (first if parent is None else parent.children).append(node)
                    nodes.append(node)
                parent = node
            assert parent is not None, f"{rule.__name__} has no premises"
            parent.rules.append(rule)
        self._types = {kind: AlphaIndex(by_tests) for kind, by_tests in memories.items()}
        for node in first:  # the empty match, passed on as far as negated premises let it
            node.left_add((), {})
        assert not self._added, "a rule with only negated premises"  # Rule refuses those
        self._empty = {node: dict(node.matches) for node in nodes if node.matches}
        """The partial matches of an empty working memory: what a reset goes back to."""
        self.reset()

    def reset(self) -> None:
        """Back to the empty network; only what was touched since the last reset is reset."""
        for alpha in self.touched_alphas:
            alpha.facts.clear()
        self.touched_alphas.clear()
        empty = self._empty
        for node in self.touched_nodes:
            node.touched = False
            node.matches.clear()
            if node in empty:
                node.matches.update(empty[node])
        self.touched_nodes.clear()
        self._added.clear()
        self._removed.clear()
        self._active.clear()

    def changes(self, adding: Iterable[experta.Fact] | None = None,
                deleting: Iterable[experta.Fact] | None = None
                ) -> tuple[list[Activation], list[Activation]]:
        if deleting:
            raise NotImplementedError("this matcher serves engines that never retract facts")
        types = self._types
        for fact in adding or ():
            index = types.get(type(fact))
            if index is not None:
                index.add(fact)
        added, removed = list(self._added.values()), self._removed
        self._active.update(self._added)
        self._added.clear()
        self._removed = []
        return added, removed

    def activate(self, rule: experta.Rule, facts: Facts, bindings: Bindings) -> None:
        self._added[rule.__name__, facts] = Activation(rule, facts, bindings)

    def deactivate(self, rule: experta.Rule, facts: Facts) -> None:
        """Withdraw an activation. One that was never made is no withdrawal: a fact that
        premises of one chain both test (``P`` and ``not P``) is already in the alpha memory
        when its joins hear of it, so a join can withdraw a match it never passed on."""
        key = (rule.__name__, facts)
        if self._added.pop(key, None) is None:
            active = self._active.pop(key, None)
            if active is not None:
                self._removed.append(active)
