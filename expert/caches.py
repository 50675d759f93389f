"""Every cache the advisor keeps from one consultation to the next, in one place.

A cohort's profiles share most of their values, facts and firings, so what is made of them
(a fact's trace record and graph node, a firing's edges, a rule's conclusions for the values
it bound, a recommendation's JSON) is kept and given again. Each cache below says what it is
keyed by, how many entries it keeps and why it exists. Everything kept is a frozen value,
keyed by values as written (``knowledge_base.facts.as_written``: ``1``, ``1.0`` and ``True``
are three keys), so a cache can only save time: the output is byte-identical without them.

Set the environment variable ``IMG_ADVISOR_CACHES=off`` before the advisor is imported to
switch them all off (for debugging, or to check that claim); ``clear_caches()`` empties them.

The engine's compiled rule network and the program evaluators are built once per process and
are not caches in this sense: they hold no answers.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any, Generic, TypeVar

import attrs

__all__ = ["CACHES", "ENABLED", "ENVIRONMENT_VARIABLE", "Cache", "Table", "clear_caches"]

ENVIRONMENT_VARIABLE = "IMG_ADVISOR_CACHES"
ENABLED = os.environ.get(ENVIRONMENT_VARIABLE, "on").strip().lower() not in (
    "off", "0", "no", "false")
"""Whether caches keep anything (read once, when this module is first imported)."""

Function = TypeVar("Function", bound=Callable[..., Any])
Value = TypeVar("Value")


@attrs.frozen
class Cache:
    """A memo of one function: ``@CACHE`` on the function keeps up to ``bound`` results,
    least recently used dropped first; with caches off it is the function itself."""

    name: str
    key: str
    bound: int
    reason: str

    def __call__(self, function: Function) -> Function:
        if not ENABLED:
            return function
        remembered = lru_cache(maxsize=self.bound)(function)
        _CLEARERS[self.name] = remembered.cache_clear
        return remembered  # type: ignore[return-value]


@attrs.frozen
class Table:
    """A cache held by each object that needs its own (an engine's experta facts, which
    experta numbers as it declares them): ``Table.store()`` gives a new, registered store."""

    name: str
    key: str
    bound: int
    reason: str

    def store(self) -> Store[Any]:
        store: Store[Any] = Store(self.bound if ENABLED else 0)
        _STORES.setdefault(self.name, weakref.WeakSet()).add(store)
        return store


class Store(Generic[Value]):
    """A dict that holds at most ``bound`` entries; full, it starts again empty (the entries
    are cheap to remake, and a cohort refills it with the ones it meets)."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self._entries: dict[Hashable, Value] = {}

    def get(self, key: Hashable, default: Any = None) -> Any:
        return self._entries.get(key, default)

    def put(self, key: Hashable, value: Value) -> None:
        if self.bound == 0:
            return
        if len(self._entries) >= self.bound:
            self._entries.clear()
        self._entries[key] = value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_CLEARERS: dict[str, Callable[[], None]] = {}
_STORES: dict[str, weakref.WeakSet[Store[Any]]] = {}


def clear_caches() -> None:
    """Empty every cache (the next consultations fill them again)."""
    for clear in _CLEARERS.values():
        clear()
    for stores in _STORES.values():
        for store in stores:
            store.clear()


INPUTS = Cache(
    "inputs", key="a profile field and its value as written", bound=4096,
    reason="an input met before is then the very same object, which every later lookup of it "
           "(trace records, the engine's experta facts, conclusions) finds without comparing "
           "field and value")
EXPERTA_FACTS = Table(
    "experta_facts", key="a fact", bound=4096,
    reason="each fact as experta holds it, made once per engine and declared again in later "
           "consultations (which give it a new fact id)")
CONCLUSIONS = Cache(
    "conclusions", key="a rule and the values it bound, as written", bound=4096,
    reason="the same rule on the same bound values concludes the same frozen facts")
NODE_IDS = Cache(
    "node_ids", key="a finding or recommendation", bound=4096,
    reason="a recommendation's node id is a digest of its value and summary")
FACT_RECORDS = Cache(
    "fact_records", key="a fact", bound=4096,
    reason="the trace record of a fact (id, type, label, data) is the same in every trace")
FIRING_RECORDS = Cache(
    "firing_records", key="a rule firing (rule, matched and asserted facts)", bound=4096,
    reason="a cohort's consultations repeat the same firings")
DECISION_JSON = Cache(
    "decision_json", key="a decision (a recommendation and the rule that decided it)",
    bound=4096, reason="a cohort's advice repeats the same recommendations, each written "
                       "as JSON once")
GRAPH_FACT_NODES = Cache(
    "graph_fact_nodes", key="a fact's trace record", bound=4096,
    reason="a fact's graph node and its JSON are the same in every graph")
GRAPH_RULE_NODES = Cache(
    "graph_rule_nodes", key="a rule", bound=1024,
    reason="the nodes a rule adds when it fires (its own and its sources') never change")
GRAPH_SOURCE_NODES = Cache(
    "graph_source_nodes", key="a document and section", bound=1024,
    reason="one node per section, shared by the rules that cite it")
GRAPH_FIRING_EDGES = Cache(
    "graph_firing_edges", key="a firing's trace record", bound=4096,
    reason="the premise, conclusion and citation edges of a firing never change")
READABLE_RECOMMENDATIONS = Cache(
    "readable_recommendations", key="a decision", bound=4096,
    reason="a recommendation's JSON in an advice's readable JSON (``--format json``) is the "
           "same in every advice that holds it, written once")
READABLE_NODES = Cache(
    "readable_nodes", key="a graph node (the object the graph caches above give again)",
    bound=4096, reason="a node's JSON in an advice's readable JSON is the same in every "
                       "explanation that holds the node, written once")
RANGE_CHECKS = Cache(
    "range_checks", key="a profile class", bound=64,
    reason="which fields of a class have a range to check is worked out once per class")
NESTED_FIELDS = Cache(
    "nested_fields", key="a profile class", bound=64,
    reason="which fields of a class hold objects, or lists of them, is worked out once per "
           "class")

CACHES: tuple[Cache | Table, ...] = (
    INPUTS, EXPERTA_FACTS, CONCLUSIONS, NODE_IDS, FACT_RECORDS, FIRING_RECORDS, DECISION_JSON,
    GRAPH_FACT_NODES, GRAPH_RULE_NODES, GRAPH_SOURCE_NODES, GRAPH_FIRING_EDGES,
    READABLE_RECOMMENDATIONS, READABLE_NODES, RANGE_CHECKS, NESTED_FIELDS)
"""Every cache, for the docs and for ``clear_caches``."""
