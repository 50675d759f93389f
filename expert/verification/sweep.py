"""The sweep: a grid of profiles built from the rules' own thresholds, every answer checked.

Scores sit just below, at and just above every threshold a premise tests; every specialty,
visa situation and phase is taken; USCE, letters and Step 3 climb in steps (each rung one of
``expert.verification.monotonicity``' improvements of the one below). The product of every
axis would be millions of profiles, so the grid is a union of blocks, each the product of a few
axes with the rest of the profile at a baseline (see ``blocks``).

Profiles whose inputs pass and fail exactly the same premise tests make exactly the same rules
fire (values bound by premises are only copied into answers, never tested), so one profile of
each such class is consulted: the class is the profile's *signature*. Signatures and
consultations run in a pool of processes, each with its own engine.

Checked on every class: one answer per single-answer kind (a *gap* when there is none); no two
equally specific rules disagreeing (*conflict*); no declared ``Incompatible`` pair given together
(*contradiction*); every recommendation's explanation reaching an input and a source
(*unexplained*); the count of programs adding up and following the parallel plan (*counts*:
``expert.verification.count_invariants``); the plan sound (*plan*:
``expert.verification.plan_invariants``, when the sweep is given the plan rules). Checked on
every pair of grid neighbours where one is a rung up a ladder: nothing worse for the better
profile (*monotonicity*).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import reduce
from typing import Any

import attrs
import networkx as nx

from expert.consultation.consult import Outcome, consult, interned_inputs
from expert.consultation.provenance import GRAPH_PARTS, node_id
from expert.engine.recording import EnginePool
from expert.errors import KnowledgeBaseError
from expert.inputs.profiles import profile_from_dict
from expert.plan.steps import make_plan
from expert.verification.count_invariants import count_problems
from expert.verification.monotonicity import Assessment, add_us_letter, add_usce, worsening
from expert.verification.plan_invariants import plan_problems
from expert.workers import Workers
from explain.graph import build_graph
from knowledge_base.checks import ERROR, Defect
from knowledge_base.conditions import Test
from knowledge_base.consistency import Incompatible
from knowledge_base.facts import Input
from knowledge_base.inputs import INPUT_DOMAINS
from knowledge_base.kinds import SINGLE_ANSWER_KINDS
from knowledge_base.rule import Rule, tests_by_field

__all__ = ["BASELINE", "SITUATIONS", "UNTESTED_SCORE", "Axis", "Consulter", "Grid", "Observation",
           "SweepResult", "Variation", "around", "blocks", "build_grid", "climb", "setting",
           "signature", "sweep", "thresholds_of"]

Variation = Callable[[dict], dict]
"""A profile dict to a changed copy."""


@attrs.frozen
class Axis:
    """One dimension of a block: the changes it makes, and which of them make a better profile."""

    name: str
    changes: tuple[Variation, ...]
    ladders: tuple[tuple[int, int], ...] = ()
    """(worse, better) pairs of change indexes: all else equal, the second profile is better."""


def _put(**fields: Any) -> Variation:
    return lambda data: {**data, **fields}


def setting(name: str, values: Sequence[dict], ladders: Sequence[tuple[int, int]] = ()) -> Axis:
    return Axis(name, tuple(_put(**v) for v in values), tuple(ladders))


def climb(name: str, improve: Callable[[dict, int], dict], rungs: int) -> Axis:
    """An axis of ``rungs`` profiles, each one ``improve``-ment better than the one before."""
    def change(steps: int) -> Variation:
        return lambda data: reduce(lambda d, step: improve(d, step + 1), range(steps), data)
    return Axis(name, tuple(change(k) for k in range(rungs)),
                tuple((k, k + 1) for k in range(rungs - 1)))


def _chain(indexes: Sequence[int]) -> list[tuple[int, int]]:
    return list(zip(indexes, indexes[1:]))


# --- what the rules test ---------------------------------------------------------------------


def thresholds_of(rules: Sequence[Rule], field: str) -> list[float]:
    """The numbers premises compare ``field`` with, inside its domain (the ends are no
    thresholds: ``within(1, 225)`` tests 225 only)."""
    domain = INPUT_DOMAINS[field]
    found = set()
    for test in tests_by_field(rules).get(field, []):
        for operand in test.operands:
            if isinstance(operand, (int, float)) and not isinstance(operand, bool) \
                    and domain.low < operand <= domain.high:
                found.add(operand)
    return sorted(found)


def around(rules: Sequence[Rule], field: str, offsets: Sequence[int] = (-1, 0, 1)) -> list[int]:
    """Values just below, at and just above each threshold of ``field`` (``offsets`` says
    which); the offsets ``(0,)`` give one value for each interval the thresholds make."""
    domain = INPUT_DOMAINS[field]
    limits = thresholds_of(rules, field)
    values = {int(t + d) for t in limits for d in offsets}
    if tuple(offsets) == (0,) and limits:
        values.add(int(limits[0]) - 1)
    return sorted(v for v in values if domain.contains(v))


def signature(facts: Sequence[Input], tests: dict[str, list[Test]]) -> tuple:
    """Which premise tests the inputs pass: equal signatures make the same rules fire."""
    return tuple((f.field, tuple(t(f.value) for t in tests[f.field]))
                 for f in facts if f.field in tests)


# --- the grid --------------------------------------------------------------------------------

SITUATIONS = ({"citizenship": "us_citizen", "visa": "none"},
              {"citizenship": "non_us", "visa": "j1"},
              {"citizenship": "non_us", "visa": "h1b"})
UNTESTED_SCORE = 230
"""A Step 2 CK score for rule bases that test none."""
BASELINE = {"step1": {"result": "pass"}, "citizenship": "non_us", "visa": "j1",
            "phase": "preparing", "months_until_eras": 8}


def _step1_axis(rules: Sequence[Rule], offsets: Sequence[int], every: bool = True) -> Axis:
    """Step 1 failed twice, failed, passed after a failure, passed, and numeric around each
    threshold (or, not ``every``, only the lowest and highest of those)."""
    scores = around(rules, "step1.score", offsets)
    scores = scores if every else sorted({scores[0], scores[-1]}) if scores else []
    values = [{"result": "fail", "attempts": 2}, {"result": "fail"},
              {"result": "pass", "attempts": 2}, {"result": "pass"},
              *({"result": s} for s in scores)]
    return setting("step1", [{"step1": v} for v in values],
                   [(0, 1), (1, 2), (2, 3), *_chain(range(4, len(values)))])


def _step2ck_axis(rules: Sequence[Rule], offsets: Sequence[int]) -> Axis:
    scores = around(rules, "step2ck.score", offsets)
    practice = around(rules, "step2ck.practice_score", offsets)
    values = [*({"score": s} for s in scores), {"status": "failed", "attempts": 2},
              {"status": "failed"}, {"status": "pending"},
              *({"status": "pending", "practice_score": s} for s in practice)]
    taken = range(len(scores))
    practised = range(len(scores) + 3, len(values))
    return setting("step2ck", [{"step2ck": v} for v in values],
                   [*_chain(taken), (len(scores), len(scores) + 1), *_chain(practised)])


def _band_axis(rules: Sequence[Rule], count: int) -> Axis:
    """Step 2 CK taken, at ``count`` scores spread over the bands its thresholds make (from
    the lowest up), and pending."""
    edges = thresholds_of(rules, "step2ck.score") or [UNTESTED_SCORE]
    inside = [edges[0] - 5, *(e + 1 for e in edges)]
    chosen = [inside[round(i * (len(inside) - 1) / max(count - 1, 1))] for i in range(count)]
    values = [*({"score": s} for s in sorted(set(chosen))), {"status": "pending"}]
    return setting("step2ck band", [{"step2ck": v} for v in values],
                   _chain(range(len(values) - 1)))


def _choices(field: str) -> tuple[Any, ...]:
    choices = INPUT_DOMAINS[field].choices
    if choices is None:
        raise KnowledgeBaseError(f"{field} is a number or text, not a set of choices")
    return choices


def _others_axis(rules: Sequence[Rule]) -> Axis:
    """One change at a time to each field no other block varies, at and around its thresholds."""
    values: list[dict] = [{}]
    for field in ("research_outputs", "interviews", "months_until_eras"):
        values += [{field: v} for v in around(rules, field)]
    for field in ("clinically_active", "ecfmg_certified"):
        values += [{field: v} for v in _choices(field)]
    values += [{"season": 2027, "graduation_year": 2027 - years}
               for years in sorted({0, *around(rules, "years_since_graduation")})]
    values += [{"step3": {"status": status, "score": score}} for status in ("passed", "failed")
               for score in around(rules, "step3.score", (-1, 0))]
    return setting("other fields", values)


def blocks(rules: Sequence[Rule], size: str = "full") -> list[tuple[str, list[Axis]]]:
    """The grid's blocks, each a name and its axes.

    ``full``: scores (specialty × Step 1 × Step 2 CK × visa, just below, at and just above
    every score threshold); experience (specialty × Step 2 CK band × USCE × US letters); cycle
    (specialty × band × visa × phase × Step 3); timing (specialty × band × visa × Step 3 ×
    months until ERAS); other fields (specialty × band × one change to one other field).
    ``quick``: one Step 2 CK score per interval the thresholds make, the lowest and highest
    Step 1 scores, fewer bands and rungs, no visa-free profiles, and no timing or other-fields
    blocks.
    """
    full = size == "full"
    specialty = setting("specialty", [{"specialty": s} for s in _choices("specialty")])
    phase = setting("phase", [{"phase": p} for p in _choices("phase")])
    step3 = setting("step3", [{"step3": {"status": "failed"}}, {"step3": {"status": "not_taken"}},
                              {"step3": {"status": "passed"}}], [(0, 2), (1, 2)])
    if not full:
        j1 = setting("visa", SITUATIONS[1:2])
        return [
            ("scores", [specialty, _step1_axis(rules, (0,), every=False),
                        _step2ck_axis(rules, (0,)), j1]),
            ("experience", [specialty, _band_axis(rules, 2), climb("usce", add_usce, 3),
                            climb("letters", add_us_letter, 3)]),
            ("cycle", [specialty, _band_axis(rules, 1), setting("visa", SITUATIONS[1:]), phase,
                       step3]),
        ]
    visa = setting("visa", SITUATIONS)
    eras = setting("months until ERAS", [{"months_until_eras": m} for m in
                                         (None, *around(rules, "months_until_eras", (-1,)), 8)])
    scores = (-1, 0, 1)
    return [
        ("scores", [specialty, _step1_axis(rules, scores), _step2ck_axis(rules, scores), visa]),
        ("experience", [specialty, _band_axis(rules, 5), climb("usce", add_usce, 5),
                        climb("letters", add_us_letter, 5)]),
        ("cycle", [specialty, _band_axis(rules, 2), visa, phase, step3]),
        ("timing", [specialty, _band_axis(rules, 3), visa, step3, eras]),
        ("other fields", [specialty, _band_axis(rules, 3), _others_axis(rules)]),
    ]


@attrs.frozen
class Grid:
    profiles: tuple[dict, ...]
    neighbours: tuple[tuple[int, int, str], ...]
    """(worse, better, axis name) pairs of profile indexes."""


def build_grid(rules: Sequence[Rule], size: str = "full") -> Grid:
    profiles: list[dict] = []
    neighbours: list[tuple[int, int, str]] = []
    for _name, axes in blocks(rules, size):
        start = len(profiles)
        shape = [len(axis.changes) for axis in axes]
        for point in itertools.product(*map(range, shape)):
            data = reduce(lambda d, ai: axes[ai[0]].changes[ai[1]](d), enumerate(point), BASELINE)
            profiles.append({k: v for k, v in data.items() if v is not None})
        strides = [math.prod(shape[i + 1:]) for i in range(len(shape))]
        for point in itertools.product(*map(range, shape)):
            here = start + sum(i * s for i, s in zip(point, strides))
            for a, axis in enumerate(axes):
                for worse, better in axis.ladders:
                    if point[a] == worse:
                        there = here + (better - worse) * strides[a]
                        neighbours.append((here, there, axis.name))
    return Grid(tuple(profiles), tuple(neighbours))


# --- consultations, in worker processes ------------------------------------------------------


@attrs.frozen
class Observation:
    """What the checks need to know of one consultation."""

    answers: tuple[tuple[str, int], ...]
    """How many recommendations of each single-answer kind."""
    conflicts: tuple[str, ...]
    contradictions: tuple[str, ...]
    unexplained: tuple[str, ...]
    plan_problems: tuple[str, ...]
    count_problems: tuple[str, ...]
    assessment: Assessment | None
    fired: frozenset[str]


class Consulter:
    """Signatures and observations of profiles, with its own engine (one per worker process)."""

    def __init__(self, rules: Sequence[Rule], incompatible: Sequence[Incompatible],
                 plan_rules: Sequence[Rule] = ()) -> None:
        self.pool = EnginePool(rules)
        self.tests = tests_by_field(rules)
        self.incompatible = tuple(incompatible)
        self.plan_rules = tuple(plan_rules)

    def signatures(self, profiles: Sequence[dict]) -> list[tuple]:
        return [signature(interned_inputs(profile_from_dict(p)), self.tests) for p in profiles]

    def observe(self, profiles: Sequence[dict]) -> list[Observation]:
        return [self._observation(data) for data in profiles]

    def _observation(self, data: dict) -> Observation:
        outcome = consult(profile_from_dict(data), self.pool)
        given = [(d.fact.kind, d.fact.value) for d in outcome.decisions]
        answers = {kind: [v for k, v in given if k == kind] for kind in SINGLE_ANSWER_KINDS}
        complete = all(len(values) == 1 for values in answers.values())
        return Observation(
            answers=tuple((kind, len(values)) for kind, values in answers.items()),
            conflicts=outcome.conflicts,
            contradictions=tuple(p.why for p in self.incompatible if p.violated_by(given)),
            unexplained=tuple(_unexplained(outcome)),
            plan_problems=tuple(self._plan_problems(outcome)),
            count_problems=tuple(count_problems(outcome.decisions)),
            assessment=Assessment.of({k: v[0] for k, v in answers.items()}) if complete else None,
            fired=frozenset(f.rule.id for f in outcome.trace.firings),
        )


    def _plan_problems(self, outcome: Outcome) -> Iterator[str]:
        if self.plan_rules:
            plan = make_plan(outcome, self.plan_rules)
            yield from plan_problems(plan, outcome.decisions)


_CONSULTER: Consulter | None = None
"""The worker process's consulter (set by ``_start_worker``; never used in the parent)."""


def _start_worker(rules: Sequence[Rule], incompatible: Sequence[Incompatible],
                  plan_rules: Sequence[Rule]) -> None:
    global _CONSULTER
    _CONSULTER = Consulter(rules, incompatible, plan_rules)


def _consulter() -> Consulter:
    if _CONSULTER is None:
        raise RuntimeError("the sweep's consulter is made in its worker processes")
    return _CONSULTER


def _worker_signatures(profiles: Sequence[dict]) -> list[tuple]:
    return _consulter().signatures(profiles)


def _worker_observe(profiles: Sequence[dict]) -> list[Observation]:
    return _consulter().observe(profiles)


def _unexplained(outcome: Outcome) -> Iterator[str]:
    """Recommendations whose explanation reaches no input, or whose rules cite no source."""
    graph = build_graph(outcome.trace, GRAPH_PARTS)
    for decision in outcome.decisions:
        ancestors = nx.ancestors(graph, node_id(decision.fact))
        has_input = any(graph.nodes[a]["type"] == "input" for a in ancestors)
        has_source = any(graph.nodes[s]["type"] == "source"
                         for a in ancestors if graph.nodes[a]["type"] == "rule"
                         for s in graph.successors(a))
        if not (has_input and has_source):
            missing = "input" if not has_input else "source"
            yield f"the {decision.fact.kind} answer of {decision.rule.id} reaches no {missing}"


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


Progress = Callable[[str, int, int], None]
"""Told, as a sweep goes, the step (``classes`` or ``consulted``), how many of its items are
done and how many there are."""


def _in_workers(function: Callable, items: Sequence[Any], workers: Workers, size: int,
                progress: Progress | None = None, step: str = "") -> list[Any]:
    done: list[Any] = []
    for part in workers.map(function, _chunks(items, size)):
        done.extend(part)
        if progress is not None:
            progress(step, len(done), len(items))
    return done


# --- the sweep -------------------------------------------------------------------------------


@attrs.frozen
class SweepResult:
    profiles: int
    """Profiles of the grid, each checked (through the consultation of its class)."""
    consulted: int
    """Distinct classes of profile, one consultation each."""
    pairs: int
    """Pairs of neighbours compared for monotonicity."""
    seconds: float
    defects: tuple[Defect, ...]
    fired: frozenset[str]
    """Ids of the rules that fired for some profile."""

    def summary(self) -> str:
        return (f"swept {self.profiles} profiles ({self.consulted} distinct to the rules, "
                f"{self.pairs} better/worse pairs) in {self.seconds:.1f} s")


def _example(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def _defects(grid: Grid, classes: list[int], observed: dict[int, Observation]) -> list[Defect]:
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, cls in enumerate(classes):
        seen = observed[cls]
        for kind, count in seen.answers:
            if count != 1:
                found[("gap", f"{count} answers of kind {kind}")].append(index)
        for text in seen.conflicts:
            found[("conflict", text)].append(index)
        for why in seen.contradictions:
            text = f"a declared contradiction is given together: {why}"
            found[("contradiction", text)].append(index)
        for text in seen.unexplained:
            found[("unexplained", text)].append(index)
        for text in seen.plan_problems:
            found[("plan", text)].append(index)
        for text in seen.count_problems:
            found[("counts", text)].append(index)
    for worse, better, axis in grid.neighbours:
        before, after = observed[classes[worse]].assessment, observed[classes[better]].assessment
        if before is not None and after is not None:
            for what in worsening(before, after):
                found[("monotonicity", f"a better {axis} gets {what}")].append(better)
    return [
        Defect(ERROR, check, None, f"{text}; {len(where)} profile(s), e.g. "
                                   f"{_example(grid.profiles[where[0]])}")
        for (check, text), where in sorted(found.items())
    ]


def _representatives(signatures: Sequence[tuple]) -> tuple[list[int], list[int]]:
    """For each profile the index of the first profile of its class, and those first ones."""
    first: dict[tuple, int] = {}
    classes = [first.setdefault(s, i) for i, s in enumerate(signatures)]
    return classes, sorted(first.values())


def sweep(rules: Sequence[Rule], incompatible: Sequence[Incompatible], *, size: str = "full",
          processes: int | None = None, plan_rules: Sequence[Rule] = (),
          progress: Progress | None = None) -> SweepResult:
    """Consult every class of the grid and check the answers (see the module's docstring),
    and the plans the ``plan_rules`` make of them (none: no plan is checked).

    ``processes``: worker processes (default: one per CPU; 1 runs in this process);
    ``progress`` is told how far it is, after each chunk of work done in workers."""
    started = time.perf_counter()
    grid = build_grid(rules, size)
    processes = processes or os.cpu_count() or 1
    if processes == 1:
        consulter = Consulter(rules, incompatible, plan_rules)
        signatures = consulter.signatures(grid.profiles)
        representatives = _representatives(signatures)
        results = consulter.observe([grid.profiles[i] for i in representatives[1]])
    else:
        with Workers(processes, _start_worker,
                     (tuple(rules), tuple(incompatible), tuple(plan_rules))) as workers:
            signatures = _in_workers(_worker_signatures, grid.profiles, workers, 500,
                                     progress, "classes")
            representatives = _representatives(signatures)
            results = _in_workers(_worker_observe,
                                  [grid.profiles[i] for i in representatives[1]], workers, 50,
                                  progress, "consulted")
    classes, consulted = representatives
    observed = dict(zip(consulted, results))
    return SweepResult(
        profiles=len(grid.profiles), consulted=len(consulted), pairs=len(grid.neighbours),
        seconds=time.perf_counter() - started, defects=tuple(_defects(grid, classes, observed)),
        fired=frozenset().union(*(o.fired for o in results)),
    )
