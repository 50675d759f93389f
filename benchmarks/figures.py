"""The measurements: one function per group of figures, each returning ``Figure`` rows.

Times are wall clock, as medians over repeated runs; the best run is shown too, since on a
shared machine it is the figure least disturbed by other work. Every function takes the run's
``Settings`` (repetitions and cohort sizes; ``--quick`` makes them small).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from benchmarks.cohort import cohort_jsonl
from benchmarks.program_lists import generated_programs
from expert import advise
from expert.consultation.provenance import GRAPH_PARTS
from expert.engine.compat import experta
from expert.engine.experta_types import experta_pattern, to_experta
from expert.engine.firing import fact_depths
from expert.engine.recording import EnginePool
from expert.engine.rete import PatternReteMatcher
from expert.examples import EXAMPLES, example_profile
from expert.inputs.profiles import to_profile
from explain.graph import build_graph
from knowledge_base import RULES, SINGLE_ANSWER_KINDS
from knowledge_base.inputs import input_facts
from knowledge_base.rule import Rule

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "expert" / "examples"
EXAMPLE_FILE = EXAMPLES_DIR / "state_univ_sample.json"


@attrs.frozen
class Settings:
    repeats: int
    """How often each timed step is repeated (the median is taken)."""
    cold_runs: int
    batch_size: int
    """Profiles in the cohort file of a batch run."""
    batch_runs: int


FULL = Settings(repeats=30, cold_runs=11, batch_size=3000, batch_runs=5)
QUICK = Settings(repeats=5, cold_runs=3, batch_size=600, batch_runs=1)


@attrs.frozen
class Target:
    op: str  # "<=" or ">="
    bound: float

    def met(self, value: float) -> bool:
        return value <= self.bound if self.op == "<=" else value >= self.bound

    def __str__(self) -> str:
        return f"{'≤' if self.op == '<=' else '≥'} {self.bound:g}"


@attrs.frozen
class Figure:
    name: str
    value: float
    """The median."""
    unit: str
    target: Target | None = None
    note: str = ""
    best: float | None = None
    """The best run (the least time, the highest rate)."""


@attrs.frozen
class Timing:
    median: float
    best: float

    @classmethod
    def of(cls, seconds: Iterable[float]) -> Timing:
        seconds = list(seconds)
        return cls(statistics.median(seconds), min(seconds))

    def __truediv__(self, other: Timing) -> Timing:
        return Timing(self.median / other.median, self.best / other.best)


def _timed(name: str, timing: Timing, unit: str, scale: float = 1.0, **more: Any) -> Figure:
    return Figure(name, timing.median * scale, unit, best=timing.best * scale, **more)


def _median_seconds(step: Callable[[Any], Any], items: Iterable[Any], repeats: int) -> Timing:
    """The time of ``step(item)``: the median over every item, each repeated ``repeats``
    times; as best, the median over items of each item's best time."""
    (timing,) = _timings_in_turn([(step, list(items))], repeats)
    return timing


def _timings_in_turn(steps: Sequence[tuple[Callable[[Any], Any], Sequence[Any]]],
                     repeats: int) -> list[Timing]:
    """``_median_seconds`` of several steps, timed in turn (each repeat runs every step on
    every item), so that the machine's speed, which changes by up to 2× within a minute,
    weighs on each alike: what a ratio of their times needs."""
    for step, items in steps:  # warm: the engine is built, caches are filled
        for item in items:
            step(item)
    times = [[[] for _ in items] for _, items in steps]
    for _ in range(repeats):
        for (step, items), step_times in zip(steps, times):
            for item, item_times in zip(items, step_times):
                started = time.perf_counter()
                step(item)
                item_times.append(time.perf_counter() - started)
    return [Timing(statistics.median(t for ts in step_times for t in ts),
                   statistics.median(min(ts) for ts in step_times)) for step_times in times]


# --- cold start ------------------------------------------------------------------------------


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("img-advisor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "expert"]


def cold_start(settings: Settings) -> list[Figure]:
    """A whole ``img-advisor advise`` process on a demo profile: start, import, build, advise."""
    # With bytecode cached, as after a pip install: an environment that sets
    # PYTHONDONTWRITEBYTECODE would have every run compile the package from source.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    figures = []
    for fmt in ("text", "json"):
        command = [*_cli(), "advise", str(EXAMPLE_FILE), "--format", fmt]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=environment)
        times = []
        for _ in range(settings.cold_runs):
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=environment)
            times.append(time.perf_counter() - started)
        figures.append(_timed(f"cold CLI run, one profile, --format {fmt}", Timing.of(times),
                              "s", target=Target("<=", 0.5)))
    return figures


# --- warm consultation and bare experta ------------------------------------------------------


def bare_engine_class(rules: tuple[Rule, ...], matcher: type | None = None) -> type:
    """The same rules, compiled the same way, as a plain experta engine: rule bodies declare
    the conclusions, nothing is recorded; experta's own matcher and agenda strategy unless
    ``matcher`` is given."""
    depths = fact_depths(rules)
    members: dict[str, Any] = {"rules_by_name": {}}
    if matcher is not None:
        members["__matcher__"] = matcher
    for index, rule in enumerate(rules):
        def body(engine: experta.KnowledgeEngine, _rule: Rule = rule, **bindings: Any) -> None:
            engine.declare(*map(to_experta, _rule.conclude(bindings)))

        body.__name__ = f"rule_{index}"
        salience = -max(depths[p.fact_type] for p in rule.premises)
        members[body.__name__] = experta.Rule(*map(experta_pattern, rule.premises),
                                              salience=salience)(body)
        members["rules_by_name"][body.__name__] = rule
    return type("BareEngine", (experta.KnowledgeEngine,), members)


def _bare_run(engine: experta.KnowledgeEngine) -> Callable[[Any], None]:
    def run(facts: tuple) -> None:
        engine.reset()
        engine.declare(*map(to_experta, facts))
        engine.run()

    return run


def consultation(settings: Settings) -> list[Figure]:
    """Warm consultations of the five example profiles, and the same rules on bare experta."""
    profiles = [example_profile(name) for name in EXAMPLES]
    facts = [input_facts(to_profile(p)) for p in profiles]
    repeats = settings.repeats
    warm = _median_seconds(advise, profiles, repeats)
    with_json = _median_seconds(lambda p: advise(p).to_dict(), profiles, repeats)
    with_plan = _median_seconds(lambda p: advise(p).plan, profiles, repeats)
    bare = _median_seconds(_bare_run(bare_engine_class(RULES)()), facts, repeats)
    with_graph = _median_seconds(lambda p: advise(p).graph, profiles, repeats)
    recorded, bare_ours = _timings_in_turn([
        (lambda p: build_graph(advise(p).outcome.trace, GRAPH_PARTS), profiles),
        (_bare_run(bare_engine_class(RULES, PatternReteMatcher)()), facts),
    ], repeats)
    ms = 1000
    return [
        _timed("warm consultation, full knowledge base (advise)", warm, "ms", ms,
               target=Target("<=", 5)),
        _timed("warm consultation and its plan", with_plan, "ms", ms),
        _timed("warm consultation and its explanation graph (with the plan's)", with_graph,
               "ms", ms),
        _timed("warm consultation and its JSON (to_dict)", with_json, "ms", ms),
        _timed("same rules on bare experta, same matcher: the floor", bare_ours, "ms", ms),
        _timed("recording and graph over bare experta", recorded / bare_ours, "×",
               target=Target("<=", 1.25),
               note="(consultation + its graph, without the plan) / floor"),
        _timed("same rules on bare experta with its own matcher", bare, "ms", ms),
    ]


def rule_growth(settings: Settings) -> list[Figure]:
    """Warm consultations with a quarter, half and all of the rules: how cost grows with rules."""
    profiles = [example_profile(name) for name in EXAMPLES]
    figures = []
    for share in (4, 2, 1):
        rules = RULES[: len(RULES) // share]
        pool = EnginePool(rules)
        timing = _median_seconds(lambda p, pool=pool: advise(p, pool=pool), profiles,
                                 settings.repeats)
        figures.append(_timed(f"warm consultation, first {len(rules)} of {len(RULES)} rules",
                              timing, "ms", 1000))
    return figures


# --- batch -----------------------------------------------------------------------------------

_MEASURED_MAIN = """
import json, resource, sys
from expert.cli import main
code = main(sys.argv[1:])
usage = {who: resource.getrusage(getattr(resource, "RUSAGE_" + who.upper())).ru_maxrss
         for who in ("self", "children")}
print("BENCHMARK " + json.dumps({"code": code, **usage}), file=sys.stderr)
"""


def _batch_run(source: Path, out: Path, jobs: int) -> tuple[float, dict[str, int]]:
    """Seconds for ``img-advisor batch``, and peak resident memory (KiB) of the command's
    process ("self") and of its largest worker ("children")."""
    elapsed, (report,) = _batch_runs_at_once(source, [out], jobs)
    return elapsed, report


def _batch_runs_at_once(source: Path, outs: Sequence[Path], jobs: int
                        ) -> tuple[float, list[dict[str, int]]]:
    """One ``img-advisor batch`` process per output file, all started at once: the seconds
    until the last one ends, and each one's memory report.

    Each run writes a new file, removed afterwards: renaming the finished output over an
    existing file makes ext4 write it to disk there and then (0.1–0.2 s for the 240 MB of a
    3,000-profile run), time that belongs to the file system, not to the advisor.
    """
    for out in outs:
        out.unlink(missing_ok=True)
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-c", _MEASURED_MAIN, "batch", str(source),
                                   "--out", str(out), "--jobs", str(jobs)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for out in outs]
    errors = [process.communicate()[1] for process in processes]
    elapsed = time.perf_counter() - started
    for out in outs:
        out.unlink(missing_ok=True)
    reports = [json.loads(stderr.rpartition("BENCHMARK ")[2]) for stderr in errors]
    for report, stderr in zip(reports, errors):
        if report["code"] != 0:
            raise RuntimeError(f"batch exited with {report['code']}: {stderr}")
    return elapsed, reports


def batch(settings: Settings) -> list[Figure]:
    """``img-advisor batch`` on a synthetic cohort file, whole process, 1 and 2 jobs; and two
    one-job runs side by side, which shows how far two busy processes can go on this machine."""
    size = settings.batch_size
    with tempfile.TemporaryDirectory() as scratch:
        source, small, out, other = (Path(scratch) / name for name in (
            "cohort.jsonl", "small.jsonl", "results.jsonl", "other.jsonl"))
        source.write_bytes(cohort_jsonl(size))
        small.write_bytes(cohort_jsonl(size // 4))
        # 1 job, 2 jobs and the pair in turn, so the machine's changing speed weighs on all alike
        runs = [(_batch_run(source, out, 1), _batch_run(source, out, 2),
                 _batch_runs_at_once(source, [out, other], 1)[0])
                for _ in range(settings.batch_runs)]
        seconds = {jobs: Timing.of(run[index][0] for run in runs)
                   for index, jobs in enumerate((1, 2))}
        memory = {jobs: max(max(run[index][1]["self"], run[index][1]["children"]) for run in runs)
                  for index, jobs in enumerate((1, 2))}
        # ratios run by run: the two sides of each were timed a moment apart
        scaling = [one[0] / two[0] for one, two, _ in runs]
        side_by_side = [2 * one[0] / pair for one, _, pair in runs]
        small_seconds, small_report = _batch_run(small, out, 1)

    def rate(timing: Timing, profiles: int) -> Timing:  # best: the highest rate
        return Timing(profiles / timing.median, profiles / timing.best)

    mib = 1 / 1024
    return [
        _timed(f"batch, {size // 4} profiles, --jobs 1",
               rate(Timing.of([small_seconds]), size // 4), "profiles/s"),
        _timed(f"batch, {size} profiles, --jobs 1", rate(seconds[1], size), "profiles/s"),
        _timed(f"batch, {size} profiles, --jobs 2", rate(seconds[2], size), "profiles/s",
               target=Target(">=", 500)),
        Figure("batch scaling from 1 to 2 processes", statistics.median(scaling), "×",
               Target(">=", 1.8), "(one job's time) / (two jobs' time), run by run",
               max(scaling)),
        Figure("two one-process batches side by side, against one alone",
               statistics.median(side_by_side), "×", None,
               "what two busy processes get from this machine: 2 × (one alone) / (both "
               "together), a ceiling for the scaling", max(side_by_side)),
        Figure(f"batch memory peak, one process, {size // 4} profiles",
               small_report["self"] * mib, "MiB"),
        Figure(f"batch memory peak, one process, {size} profiles", memory[1] * mib, "MiB",
               None, "flat: the same as for a quarter of the profiles"),
        Figure("batch memory peak, --jobs 2, largest process", memory[2] * mib, "MiB"),
    ]


# --- program triage --------------------------------------------------------------------------


def _held_kib(make: Callable[[], Any]) -> float:
    """KiB of memory still held by what ``make`` returns."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = make()  # noqa: F841 -- alive while the memory is read
        return (tracemalloc.get_traced_memory()[0] - before) / 1024
    finally:
        tracemalloc.stop()


def triage(settings: Settings) -> list[Figure]:
    """``advise(profile, programs=...)`` on generated lists of 100, 1,000 and 5,000 programs:
    the consultation, every verdict and the list checks."""
    profile = example_profile("state_univ_sample")
    figures = []
    for size, bound in ((100, None), (1_000, 1.0), (5_000, 5.0)):
        programs = generated_programs(size)
        timing = _median_seconds(lambda p: advise(profile, programs=p), [programs],
                                 max(3, settings.repeats // 6))
        figures.append(_timed(f"program triage, {size:,} programs", timing, "s",
                              target=None if bound is None else Target("<=", bound)))
    for size in (1_000, 5_000):
        programs = generated_programs(size)
        kib = _held_kib(lambda programs=programs: advise(profile, programs=programs).programs)
        figures.append(Figure(f"program triage memory held, {size:,} programs", kib / size,
                              "KiB/program", note="flat: about the same at both sizes"))
    return figures


# --- counterfactuals -----------------------------------------------------------------------


def counterfactual(settings: Settings) -> list[Figure]:
    """``advice.counterfactuals(kind)`` for each single-answer kind of each example profile."""
    questions = [(advise(example_profile(name)), kind)
                 for name in EXAMPLES for kind in SINGLE_ANSWER_KINDS]
    repeats = max(3, settings.repeats // 10)
    timing = _median_seconds(lambda q: q[0].counterfactuals(q[1]), questions, repeats)
    slowest = max((_median_seconds(lambda q: q[0].counterfactuals(q[1]), [q], repeats)
                   for q in questions), key=lambda t: t.median)
    return [
        _timed(f"counterfactual search, one recommendation ({len(questions)} searches)",
               timing, "s", target=Target("<=", 1)),
        _timed("counterfactual search, the slowest of them", slowest, "s",
               target=Target("<=", 1)),
    ]


# --- the machine's speed ----------------------------------------------------------------------


def _reference_work() -> None:
    """A fixed piece of pure-Python work of the kind a consultation does: tuples, dicts, sorting."""
    table = {(i % 97, str(i)): [i, i * 2] for i in range(20_000)}
    sorted(table, key=lambda key: (key[1], key[0]))


def _machine_speed(when: str, settings: Settings) -> list[Figure]:
    timing = _median_seconds(lambda _: _reference_work(), [None], settings.repeats)
    return [_timed(f"reference work {when}", timing, "ms", 1000,
                   note="the same every run: how fast the machine is going")]


def speed_at_start(settings: Settings) -> list[Figure]:
    """A fixed piece of work, before the figures: the machine's speed at the start."""
    return _machine_speed("at the start", settings)


def speed_at_end(settings: Settings) -> list[Figure]:
    """The same fixed piece of work after the figures: has the machine's speed changed?"""
    return _machine_speed("at the end", settings)


MEASUREMENTS: tuple[Callable[[Settings], list[Figure]], ...] = (
    speed_at_start, cold_start, consultation, rule_growth, batch, triage, counterfactual,
    speed_at_end)
"""Every group of figures, in the order they are printed."""
