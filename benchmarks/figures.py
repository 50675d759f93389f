"""The measurements: one function per group of figures, each returning ``Figure`` rows.

Times are wall clock, as medians over repeated runs; the best run is shown too, since on a
shared machine it is the figure least disturbed by other work. Where an anchor applies, a
figure also gives its time over the anchor's, paired run by run (``benchmarks.timing``): CLIPS
running the same rules (``benchmarks.clips_engine``), bare or with its results read back and
resolved, and the floor, the headline answers in plain Python (``benchmarks.floor``). An
anchor is timed only once it is seen to agree with the advisor (``benchmarks.agreement``).
Every function takes the run's ``Settings`` (``--quick`` makes repetitions and sizes small).
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from benchmarks import clips_engine
from benchmarks.agreement import clips_disagreement, floor_disagreement
from benchmarks.cohort import cohort, cohort_jsonl
from benchmarks.floor import HeadlineFloor
from benchmarks.peak_memory import Report, measured, started
from benchmarks.program_lists import generated_programs
from benchmarks.rule_copies import with_copies
from benchmarks.timing import Runs, Timing, median_seconds, timings_in_turn
from expert import advise
from expert.advice import Advice
from expert.consultation.consult import consult
from expert.engine.compat import experta
from expert.engine.experta_types import experta_pattern, to_experta
from expert.engine.firing import fact_depths
from expert.engine.recording import EnginePool, default_pool
from expert.engine.rete import PatternReteMatcher
from expert.examples import EXAMPLES, example_profile
from expert.inputs.profiles import to_profile
from knowledge_base import RULES, SINGLE_ANSWER_KINDS
from knowledge_base.facts import Input
from knowledge_base.inputs import input_facts
from knowledge_base.profile import Profile
from knowledge_base.programs import Program
from knowledge_base.rule import Rule

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "expert" / "examples"
EXAMPLE_FILE = EXAMPLES_DIR / "state_univ_sample.json"

CLIPS_READ_BACK = "CLIPS with read-back"
CLIPS_BARE = "CLIPS"
FLOOR = "the floor"


@attrs.frozen
class Curve:
    """How one cost grows: figures measured at several sizes of one thing."""

    title: str
    x_label: str


RULES_CURVE = Curve("consultation time against rule count", "rules")
PROGRAMS_CURVE = Curve("triage time against program count", "programs")
COHORT_CURVE = Curve("batch time against cohort size (--jobs 2)", "profiles")
COHORT_MEMORY_CURVE = Curve("batch peak memory against cohort size (--jobs 2)", "profiles")


T = TypeVar("T")


@attrs.frozen
class Settings:
    repeats: int
    """How often each timed step is repeated (the median is taken)."""
    cold_runs: int
    batch_size: int
    """Profiles in the cohort file of the batch runs that compare 1 and 2 processes."""
    batch_runs: int
    cohort_sizes: tuple[int, ...]
    """The cohort sizes of the batch's growth, the largest last."""
    program_counts: tuple[int, ...]
    """The program list sizes of triage's growth, the largest last."""
    agreement: int
    """Generated profiles an anchor must agree with the advisor on before it is timed."""


FULL = Settings(repeats=30, cold_runs=11, batch_size=3000, batch_runs=5,
                cohort_sizes=(1250, 5000, 20_000), program_counts=(100, 1000, 5000, 20_000),
                agreement=2000)
QUICK = Settings(repeats=5, cold_runs=3, batch_size=600, batch_runs=1,
                 cohort_sizes=(1250, 5000, 20_000), program_counts=(100, 1000, 5000, 20_000),
                 agreement=1000)


@attrs.frozen
class Anchor:
    """What a figure is measured against: its time over the anchor's, paired run by run."""

    name: str
    ratio: Timing


@attrs.frozen
class Target:
    op: str  # "<=" or ">="
    bound: float
    anchor: str | None = None
    """When given, the bound is on the figure's ratio to this anchor."""

    def met(self, value: float) -> bool:
        return value <= self.bound if self.op == "<=" else value >= self.bound

    def describe(self, unit: str) -> str:
        sign = "≤" if self.op == "<=" else "≥"
        return f"{sign} {self.bound:g} × {self.anchor}" if self.anchor else \
            f"{sign} {self.bound:g} {unit}"


@attrs.frozen
class Point:
    """Where a figure goes on a growth curve: the curve, its series and the x value."""

    curve: Curve
    series: str
    x: float


@attrs.frozen
class Figure:
    name: str
    value: float
    """The median (NaN: not measured, the note says why)."""
    unit: str
    target: Target | None = None
    note: str = ""
    best: float | None = None
    """The best run (the least time, the highest rate)."""
    anchors: tuple[Anchor, ...] = ()
    point: Point | None = None
    listed: bool = True
    """False for a figure shown only on its growth curve."""

    @classmethod
    def not_measured(cls, name: str, reason: str) -> Figure:
        return cls(name, math.nan, "", note=f"not measured: {reason}")

    @property
    def met(self) -> bool | None:
        """Whether the median meets the target (None: no target, or not measured)."""
        if self.target is None or math.isnan(self.value):
            return None
        if self.target.anchor is None:
            return self.target.met(self.value)
        ratio = next((a.ratio for a in self.anchors if a.name == self.target.anchor), None)
        return None if ratio is None else self.target.met(ratio.median)


def _timed(name: str, timing: Timing, unit: str, scale: float = 1.0, **more: Any) -> Figure:
    return Figure(name, timing.median * scale, unit, best=timing.best * scale, **more)


def _rate(timing: Timing, count: int) -> Timing:
    """Items a second; best: the highest rate."""
    return Timing(count / timing.median, count / timing.best)


# --- cold start ------------------------------------------------------------------------------


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("img-advisor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "expert"]


def _example_arguments(fmt: str) -> list[str]:
    return ["advise", str(EXAMPLE_FILE), "--format", fmt]


def cold_start(settings: Settings) -> list[Figure]:
    """Whole ``img-advisor`` processes: advise a demo profile, ``--help``, ``--version``."""
    # With bytecode cached, as after a pip install: an environment that sets
    # PYTHONDONTWRITEBYTECODE would have every run compile the package from source.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    figures = []
    for arguments, bound in ((_example_arguments("text"), 0.25),
                             (_example_arguments("json"), 0.25),
                             (["--help"], 0.1), (["--version"], 0.1)):
        command = [*_cli(), *arguments]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=environment)
        times = []
        for _ in range(settings.cold_runs):
            started_at = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=environment)
            times.append(time.perf_counter() - started_at)
        name = "cold CLI run, one profile, --format " + arguments[-1] if arguments[0] == \
            "advise" else f"cold CLI run, img-advisor {arguments[0]}"
        figures.append(_timed(name, Timing.of(times), "s", target=Target("<=", bound)))
    report = measured(started(_example_arguments("json"), stdout=subprocess.DEVNULL,
                              env=environment))
    figures.append(Figure("memory peak of a consultation process (advise --format json)",
                          report.own / 1024, "MiB", note="the process's own high-water mark"))
    return figures


# --- warm consultation, its anchors, bare experta ---------------------------------------------


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


def _if_agreed(name: str, anchor: T, disagreement: str | None) -> tuple[T | None, str | None]:
    """The anchor and no reason if it agrees with the advisor; else none, and why it is not
    timed (said on stderr too)."""
    if disagreement is None:
        return anchor, None
    why = f"it disagrees with the advisor: {disagreement}"
    print(f"not timing {name}: {why}", file=sys.stderr)
    return None, why


class _Anchored:
    """The anchors of one rule base, each checked against the advisor before it is timed:
    CLIPS, bare and with read-back, and (``with_floor``) the floor."""

    def __init__(self, rules: tuple[Rule, ...], pool: EnginePool, settings: Settings,
                 with_floor: bool = False) -> None:
        self.rules, self.pool = rules, pool
        profiles = list(cohort(settings.agreement))
        self.clips: clips_engine.ClipsEngine | None = None
        self.why_no_clips = clips_engine.MISSING
        if self.why_no_clips is None:
            engine = clips_engine.ClipsEngine(rules)
            self.clips, self.why_no_clips = _if_agreed(
                "CLIPS", engine, clips_disagreement(engine, pool, profiles))
        self.floor: HeadlineFloor | None = None
        self.why_no_floor: str | None = None
        if with_floor:
            floor = HeadlineFloor(rules)
            self.floor, self.why_no_floor = _if_agreed(
                "the floor", floor, floor_disagreement(floor, pool, profiles))

    def steps(self, profiles: Sequence[dict[str, Any]], facts: Sequence[tuple[Input, ...]]
              ) -> list[tuple[Callable[[Any], Any], Sequence[Any]]]:
        """advise, then each anchor that agrees, on the same profiles, one for one."""
        pool = self.pool
        steps: list[tuple[Callable[[Any], Any], Sequence[Any]]] = [
            (lambda p: advise(p, pool=pool), profiles)]
        if self.clips is not None:
            steps += [(self.clips.run, facts), (self.clips.answers_for, facts)]
        if self.floor is not None:
            steps.append((self.floor.answers, facts))
        return steps

    def figures(self, runs: Sequence[Runs], name: str, target: Target | None) -> list[Figure]:
        """The advisor's figure with its ratios to the anchors, and the anchors' own figures
        (CLIPS's on the curve only)."""
        count = len(self.rules)
        consultation, *anchor_runs = runs
        anchors, figures = [], []
        if self.clips is None:
            figures.append(Figure.not_measured(f"CLIPS, {count:,} rules", str(self.why_no_clips)))
        else:
            bare, read_back, *anchor_runs = anchor_runs
            anchors += [Anchor(CLIPS_READ_BACK, consultation.over(read_back)),
                        Anchor(CLIPS_BARE, consultation.over(bare))]
            figures += [_timed(f"{series}, {count:,} rules", timing.timing, "ms", 1000,
                               point=Point(RULES_CURVE, series, count), listed=False)
                        for series, timing in ((CLIPS_BARE, bare), (CLIPS_READ_BACK, read_back))]
        if self.floor is not None:
            (floor,) = anchor_runs
            anchors.append(Anchor(FLOOR, consultation.over(floor)))
            figures.append(_timed(f"the floor: the {len(self.floor.kinds)} headline answers in "
                                  f"plain Python ({len(self.floor.rules)} rules)", floor.timing,
                                  "ms", 1000))
        elif self.why_no_floor is not None:
            figures.append(Figure.not_measured("the floor", self.why_no_floor))
        return [_timed(name, consultation.timing, "ms", 1000, target=target,
                       anchors=tuple(anchors), point=Point(RULES_CURVE, "advise", count)),
                *figures]


def _examples() -> tuple[list[dict[str, Any]], list[tuple[Input, ...]]]:
    profiles = [example_profile(name) for name in EXAMPLES]
    return profiles, [input_facts(to_profile(p)) for p in profiles]


def _planned(profile: dict[str, Any]) -> Advice:
    """The advice with its plan made, as every output of it needs."""
    advice = advise(profile)
    advice.plan  # noqa: B018 (made on first use)
    return advice


def consultation(settings: Settings) -> list[Figure]:
    """Warm consultations of the example profiles, beside CLIPS, the floor and bare experta.

    The anchors run the same rules on the same profiles, timed in turn with the consultation."""
    profiles, facts = _examples()
    repeats = settings.repeats
    anchored = _Anchored(RULES, default_pool(), settings, with_floor=True)
    figures = anchored.figures(timings_in_turn(anchored.steps(profiles, facts), repeats),
                               "warm consultation, full knowledge base (advise)",
                               Target("<=", 2, CLIPS_READ_BACK))
    plain, with_json, planned, planned_json = timings_in_turn(
        [(advise, profiles), (lambda p: advise(p).to_json(), profiles),
         (_planned, profiles), (lambda p: _planned(p).to_json(), profiles)], repeats)
    json_cost = Anchor("the consultation", with_json.over(plain) - Timing(1, 1))
    ms = 1000
    figures += [
        _timed("warm consultation and its plan",
               median_seconds(lambda p: advise(p).plan, profiles, repeats), "ms", ms),
        _timed("warm consultation and its explanation graph (with the plan's)",
               median_seconds(lambda p: advise(p).graph, profiles, repeats), "ms", ms),
        _timed("warm consultation and its JSON (to_dict)",
               median_seconds(lambda p: advise(p).to_dict(), profiles, repeats), "ms", ms),
        _timed("--format json's JSON (Advice.to_json)", with_json.timing - plain.timing, "ms",
               ms, anchors=(json_cost,), target=Target("<=", 1, "the consultation"),
               note="(consultation and to_json) − consultation, in turn"),
        _timed("--format json's JSON beyond the plan, which the text needs as well",
               planned_json.timing - planned.timing, "ms", ms,
               note="(consultation, plan and to_json) − (consultation and plan), in turn"),
        _timed("same rules on bare experta, our matcher",
               median_seconds(_bare_run(bare_engine_class(RULES, PatternReteMatcher)()), facts,
                              repeats), "ms", ms),
        _timed("same rules on bare experta with its own matcher",
               median_seconds(_bare_run(bare_engine_class(RULES)()), facts, repeats), "ms", ms),
    ]
    return figures


def rule_growth(settings: Settings) -> list[Figure]:
    """Warm consultations with fewer rules and with copies of them, each beside CLIPS.

    A quarter and half of the rules, and 2, 3 and 4 times as many (``rule_copies``)."""
    profiles, facts = _examples()
    figures = []
    for rules, what in [(RULES[: len(RULES) // 4], "the first quarter of the rules"),
                        (RULES[: len(RULES) // 2], "the first half of the rules"),
                        *((with_copies(RULES, times), f"{times} × the rules (copies)")
                          for times in (2, 3, 4))]:
        anchored = _Anchored(rules, EnginePool(rules), settings)
        runs = timings_in_turn(anchored.steps(profiles, facts), settings.repeats)
        target = Target("<=", 3, CLIPS_READ_BACK) if len(rules) == 4 * len(RULES) else None
        figures += anchored.figures(runs, f"warm consultation, {len(rules):,} rules: {what}",
                                    target)
    return figures


# --- batch -----------------------------------------------------------------------------------


def _batch_runs_at_once(source: Path, outs: Sequence[Path], jobs: int
                        ) -> tuple[float, list[Report]]:
    """One ``img-advisor batch`` process per output file, all started at once: the seconds
    until the last one ends, and each one's report of itself.

    Each run writes a new file, removed afterwards: renaming the finished output over an
    existing file makes ext4 write it to disk there and then (0.1–0.2 s for the 240 MB of a
    3,000-profile run), time that belongs to the file system, not to the advisor.
    """
    for out in outs:
        out.unlink(missing_ok=True)
    started_at = time.perf_counter()
    processes = [started(["batch", str(source), "--out", str(out), "--jobs", str(jobs)],
                         stdout=subprocess.DEVNULL) for out in outs]
    reports = [measured(process) for process in processes]
    elapsed = time.perf_counter() - started_at
    for out in outs:
        out.unlink(missing_ok=True)
    return elapsed, reports


def _batch_run(source: Path, out: Path, jobs: int) -> tuple[float, Report]:
    """Seconds for ``img-advisor batch``, and its report of itself."""
    elapsed, (report,) = _batch_runs_at_once(source, [out], jobs)
    return elapsed, report


def batch(settings: Settings) -> list[Figure]:
    """``img-advisor batch`` on a synthetic cohort file, whole process, 1 and 2 jobs.

    And two one-job runs side by side, which shows how far two busy processes can go on this
    machine."""
    size = settings.batch_size
    with tempfile.TemporaryDirectory() as scratch:
        source, out, other = (Path(scratch) / name for name in (
            "cohort.jsonl", "results.jsonl", "other.jsonl"))
        source.write_bytes(cohort_jsonl(size))
        # 1 job, 2 jobs and the pair in turn, so the machine's changing speed weighs on all alike
        runs = [(_batch_run(source, out, 1), _batch_run(source, out, 2),
                 _batch_runs_at_once(source, [out, other], 1)[0])
                for _ in range(settings.batch_runs)]
    by_jobs = {1: [one for one, _, _ in runs], 2: [two for _, two, _ in runs]}
    seconds = {jobs: Timing.of(elapsed for elapsed, _ in done) for jobs, done in by_jobs.items()}
    memory = {jobs: max(report.largest for _, report in done) for jobs, done in by_jobs.items()}
    # ratios run by run: the two sides of each were timed a moment apart
    scaling = [one[0] / two[0] for one, two, _ in runs]
    side_by_side = [2 * one[0] / pair for one, _, pair in runs]
    mib = 1 / 1024
    return [
        _timed(f"batch, {size} profiles, --jobs 1", _rate(seconds[1], size), "profiles/s"),
        _timed(f"batch, {size} profiles, --jobs 2", _rate(seconds[2], size), "profiles/s",
               target=Target(">=", 1000)),
        Figure("batch scaling from 1 to 2 processes", statistics.median(scaling), "×",
               Target(">=", 1.8), "(one job's time) / (two jobs' time), run by run",
               max(scaling)),
        Figure("two one-process batches side by side, against one alone",
               statistics.median(side_by_side), "×", None,
               "what two busy processes get from this machine: 2 × (one alone) / (both "
               "together), a ceiling for the scaling", max(side_by_side)),
        Figure(f"batch memory peak, {size} profiles, --jobs 1", memory[1] * mib, "MiB"),
        Figure(f"batch memory peak, {size} profiles, --jobs 2, largest process",
               memory[2] * mib, "MiB"),
    ]


def batch_growth(settings: Settings) -> list[Figure]:
    """``img-advisor batch --jobs 2`` on cohorts of growing size: time and peak memory."""
    sizes = settings.cohort_sizes
    results: dict[int, tuple[float, Report]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        source, out = Path(scratch) / "cohort.jsonl", Path(scratch) / "results.jsonl"
        for size in sizes:
            source.write_bytes(cohort_jsonl(size))
            results[size] = _batch_run(source, out, 2)
    figures = []
    for size in sizes:
        seconds, report = results[size]
        figures += [
            Figure(f"batch, {size:,} profiles, --jobs 2", seconds, "s",
                   note=f"{size / seconds:,.0f} profiles/s",
                   point=Point(COHORT_CURVE, "batch --jobs 2", size)),
            Figure(f"batch memory peak, {size:,} profiles, --jobs 2, largest process",
                   report.largest / 1024, "MiB", listed=size == sizes[-1],
                   point=Point(COHORT_MEMORY_CURVE, "largest process", size)),
        ]
    smallest, largest = results[sizes[0]][1].largest, results[sizes[-1]][1].largest
    figures.append(Figure(f"batch memory, {sizes[-1]:,} profiles over {sizes[0]:,}",
                          largest / smallest, "×", Target("<=", 1.1),
                          "flat in the cohort size: the peaks of the largest processes"))
    return figures


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


def _triaged(profile: Profile, programs: Sequence[Program]) -> Advice:
    """``advise(profile, programs=programs)`` past the cap on a list's length (``MAX_PROGRAMS``):
    the same consultation and review of every program, without reading the list again."""
    pool = default_pool()
    return Advice(profile, consult(profile, pool), pool, programs)


def triage(settings: Settings) -> list[Figure]:
    """Triage of generated program lists of growing length, up to 20,000 programs.

    Each is the consultation, every program's verdict and the list checks."""
    profile = to_profile(example_profile("state_univ_sample"))
    counts = settings.program_counts
    _triaged(profile, generated_programs(counts[0]))  # warm
    bounds = {1000: 1.0, 20_000: 5.0}
    timings = {}
    for count in counts:
        programs = generated_programs(count)
        times = []
        for _ in range(max(1, settings.repeats // 6)):
            started_at = time.perf_counter()
            _triaged(profile, programs)
            times.append(time.perf_counter() - started_at)
        timings[count] = Timing.of(times)
    figures = [_timed(f"program triage, {count:,} programs", timings[count], "s",
                      target=Target("<=", bounds[count]) if count in bounds else None,
                      point=Point(PROGRAMS_CURVE, "triage", count)) for count in counts]
    small, large = counts[1], counts[-1]
    figures.append(Figure(f"program triage, time a program at {large:,} over at {small:,}",
                          (timings[large].median / large) / (timings[small].median / small),
                          "×", Target("<=", 1.25), "linear: the same cost per program"))
    for count in counts[1:3]:
        programs = generated_programs(count)

        def verdicts(programs: Sequence[Program] = programs) -> Any:
            return _triaged(profile, programs).programs

        kib = _held_kib(verdicts)
        figures.append(Figure(f"program triage memory held, {count:,} programs", kib / count,
                              "KiB/program", note="flat: about the same at both sizes"))
    return figures


# --- counterfactuals -----------------------------------------------------------------------


def counterfactual(settings: Settings) -> list[Figure]:
    """``advice.counterfactuals(kind)`` for each single-answer kind of each example profile."""
    questions = [(advise(example_profile(name)), kind)
                 for name in EXAMPLES for kind in SINGLE_ANSWER_KINDS]
    repeats = max(3, settings.repeats // 10)
    timing = median_seconds(lambda q: q[0].counterfactuals(q[1]), questions, repeats)
    slowest = max((median_seconds(lambda q: q[0].counterfactuals(q[1]), [q], repeats)
                   for q in questions), key=lambda t: t.median)
    # with no profile to consult, a search is what it does before its first consultation
    fixed = median_seconds(lambda q: q[0].counterfactuals(q[1], budget=0), questions,
                           settings.repeats)
    return [
        _timed(f"counterfactual search, one recommendation ({len(questions)} searches)",
               timing, "s", target=Target("<=", 1)),
        _timed("counterfactual search, the slowest of them", slowest, "s",
               target=Target("<=", 1)),
        _timed("counterfactual search, fixed cost", fixed, "ms", 1000, target=Target("<=", 2),
               note="the time before its first consultation (a budget of 0)"),
    ]


# --- the machine's speed ----------------------------------------------------------------------


def _reference_work() -> None:
    """A fixed piece of pure-Python work of the kind a consultation does: tuples, dicts, sorting."""
    table = {(i % 97, str(i)): [i, i * 2] for i in range(20_000)}
    sorted(table, key=lambda key: (key[1], key[0]))


def _machine_speed(when: str, settings: Settings) -> list[Figure]:
    timing = median_seconds(lambda _: _reference_work(), [None], settings.repeats)
    return [_timed(f"reference work {when}", timing, "ms", 1000,
                   note="the same every run: how fast the machine is going")]


def speed_at_start(settings: Settings) -> list[Figure]:
    """A fixed piece of work, before the figures: the machine's speed at the start."""
    return _machine_speed("at the start", settings)


def speed_at_end(settings: Settings) -> list[Figure]:
    """The same fixed piece of work after the figures: has the machine's speed changed?"""
    return _machine_speed("at the end", settings)


MEASUREMENTS: tuple[Callable[[Settings], list[Figure]], ...] = (
    speed_at_start, cold_start, consultation, rule_growth, batch, batch_growth, triage,
    counterfactual, speed_at_end)
"""Every group of figures, in the order they are printed."""
