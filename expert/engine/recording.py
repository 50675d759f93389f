"""Running the knowledge base on experta's Rete engine, recording every firing.

Rules are data (``knowledge_base.Rule``); here they are compiled once per process into an
experta engine class. Rule bodies are never called by experta: the recording loop takes each
activation, asks the rule for its conclusions with the bound values, declares them and records
the firing (rule, matched facts, asserted facts). So no rule sees the engine, and the shared
rule objects carry no per-engine state.

Rules are given a salience by layer, from the depth of the facts they read: a rule fires only
after every rule that could produce the kinds of fact it reads, so negated premises are sound.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from expert import caches
from expert.engine.agenda import RULE_PREFIX, LayeredAgenda, LayeredStrategy
from expert.engine.compat import experta
from expert.engine.experta_types import (
    experta_pattern,
    experta_type_of,
    premise_type,
    to_experta,
)
from expert.engine.firing import RuleFiring, conclusions, fact_depths
from expert.engine.rete import PatternReteMatcher
from knowledge_base.facts import Fact
from knowledge_base.rule import Rule

__all__ = ["EnginePool", "RecordingEngine", "compile_engine_class", "default_pool"]

_UNSEEN = object()


class RecordingEngine(experta.KnowledgeEngine):
    """An experta engine whose run records each firing instead of calling rule bodies."""

    __matcher__ = PatternReteMatcher
    __strategy__ = LayeredStrategy
    rules_by_name: dict[str, Rule]
    read_types: frozenset[type[experta.Fact]]
    """The experta types of the facts some premise reads; other facts (recommendations, inputs
    no rule asks about) are kept in the working memory without going through experta."""

    def __init__(self) -> None:
        super().__init__()
        self._experta_facts = caches.EXPERTA_FACTS.store()
        """Each fact as experta holds it (None: no premise reads it)."""

    def reset(self) -> None:
        """An empty agenda, working memory and network, as experta's reset leaves them, but
        without its ``InitialFact``, which no rule here reads (every rule has a premise that is
        not negated): declaring it, and looking for other ``DefFacts`` among the engine's ~250
        members, was a twentieth of a consultation."""
        self.agenda = LayeredAgenda()
        self.matcher.reset()
        self.running = False
        self._memory: dict[Fact, None] = {}
        """The working memory, in the order facts were first declared."""
        self._originals: dict[int, Fact] = {}
        """``id()`` of each experta fact declared -> the fact it stands for, so facts never
        need converting back (every experta fact here is one of ours)."""
        self._unmatched: list[experta.Fact] = []
        """Facts declared that the network has not yet been given."""

    def consult(self, facts: Iterable[Fact]) -> tuple[list[RuleFiring], list[Fact]]:
        """Run on a fresh working memory; return the firings and the final facts."""
        self.reset()
        self.declare_facts(facts)
        firings = self._run_recorded()
        return firings, list(self._memory)

    def declare_facts(self, facts: Iterable[Fact]) -> None:
        """Declare facts (a fact already in working memory is not declared again); the network
        matches them at once, or, while the engine runs, when the layer under way is done.

        The working memory is held here, not in experta's fact list: that list would check
        each fact for pattern elements and for a duplicate, which facts made by
        ``to_experta`` never hold and ``_memory`` already rules out. Facts are numbered as
        the fact list numbers them (``__factid__``), which the agenda's order reads."""
        memory = self._memory
        for fact in facts:
            known = len(memory)
            memory[fact] = None  # one hashing of the fact, to find it and to add it
            if len(memory) > known:
                declared = self._experta_facts.get(fact, _UNSEEN)
                if declared is _UNSEEN:
                    declared = self._experta_fact(fact)
                if declared is not None:
                    declared.__factid__ = len(self._originals)
                    self._originals[id(declared)] = fact
                    self._unmatched.append(declared)
        if not self.running:
            self._match()

    def _match(self) -> None:
        """Give the network the facts declared since it was last given any."""
        if self._unmatched:
            unmatched, self._unmatched = self._unmatched, []
            self.strategy.update_agenda(self.agenda, *self.matcher.changes(unmatched))

    def _experta_fact(self, fact: Fact) -> experta.Fact | None:
        declared = to_experta(fact) if experta_type_of(fact) in self.read_types else None
        self._experta_facts.put(fact, declared)
        return declared

    def _run_recorded(self) -> list[RuleFiring]:
        # The loop of experta's KnowledgeEngine.run(), with the firing step replaced, and the
        # network given the facts concluded once per layer (``expert.engine.agenda``).
        firings = []
        agenda, rules_by_name, originals = self.agenda, self.rules_by_name, self._originals
        self.running = True
        try:
            while True:
                if not agenda.activations:
                    self._match()
                activation = agenda.get_next()
                if activation is None:
                    break
                rule = rules_by_name[activation.rule.__name__]
                # The network's activations bind only the rules' own variables.
                asserted = conclusions(rule, activation.context)
                self.declare_facts(asserted)
                matched = tuple([originals[id(fact)] for fact in activation.facts])
                firings.append(RuleFiring(rule, matched, asserted))
        finally:
            self.running = False
        return firings


def compile_engine_class(rules: Sequence[Rule]) -> type[RecordingEngine]:
    """An experta engine class holding the compiled rules."""
    depths = fact_depths(rules)
    members: dict[str, Any] = {
        "rules_by_name": {},
        "read_types": frozenset(premise_type(p)[0] for rule in rules for p in rule.premises),
    }
    for index, rule in enumerate(rules):
        name = f"{RULE_PREFIX}{index}"
        salience = -max(depths[p.fact_type] for p in rule.premises)
        compiled = experta.Rule(*map(experta_pattern, rule.premises), salience=salience)
        compiled = compiled(_named_body(name))
        members[name] = compiled
        members["rules_by_name"][name] = rule
    return type("AdvisorEngine", (RecordingEngine,), members)


_BODY_SIGNATURE = inspect.Signature(
    [inspect.Parameter("_bindings", inspect.Parameter.VAR_KEYWORD)])
"""The signature of every rule body, which experta reads when it wraps one (twice per rule:
the engine class, then the matcher's copy): given, it is not worked out from the function."""


def _named_body(name: str):
    def body(**_bindings: Any) -> None:
        """Never called: ``RecordingEngine`` fires rules itself (experta needs a function)."""

    body.__name__ = body.__qualname__ = name
    body.__signature__ = _BODY_SIGNATURE  # type: ignore[attr-defined]
    return body


class EnginePool:
    """One compiled engine class per rule base, one engine instance per thread.

    Compiling the Rete network is the costly step, so it happens once; each consultation
    resets the thread's engine, which gives it a fresh working memory.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.engine_class = compile_engine_class(rules)
        self._local = threading.local()

    def engine(self) -> RecordingEngine:
        engine = getattr(self._local, "engine", None)
        if engine is None:
            engine = self._local.engine = self.engine_class()
        return engine


@cache
def default_pool() -> EnginePool:
    """The pool for the shipped knowledge base, built on first use."""
    from knowledge_base import RULES

    return EnginePool(RULES)
