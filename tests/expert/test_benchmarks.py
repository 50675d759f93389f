"""The benchmark's comparisons are sound: the synthetic cohort is valid; the engines and the
floor it times against reach exactly what the advisor reaches; its memory figures are the
measured process's own; its tables say what each figure is measured against and aims at."""

from __future__ import annotations

import math
import re
import subprocess

import pytest

from benchmarks import clips_engine
from benchmarks.agreement import clips_disagreement, floor_disagreement
from benchmarks.clips_rules import Untranslatable, clips_constructs
from benchmarks.cohort import cohort, cohort_jsonl
from benchmarks.figures import (
    RULES_CURVE,
    Anchor,
    Figure,
    Point,
    Target,
    bare_engine_class,
)
from benchmarks.floor import HeadlineFloor
from benchmarks.growth import growth, growth_table
from benchmarks.peak_memory import measured, started
from benchmarks.plot import svg
from benchmarks.rule_copies import with_copies
from benchmarks.run import table
from benchmarks.timing import Timing
from expert import advise
from expert.batch import advise_many
from expert.engine.experta_types import to_experta
from expert.engine.recording import EnginePool, default_pool
from expert.engine.rete import PatternReteMatcher
from expert.inputs.profiles import to_profile
from knowledge_base import RULES
from knowledge_base.conditions import fact, given
from knowledge_base.facts import Proposal, RiskFactor
from knowledge_base.inputs import input_facts
from knowledge_base.rule import Rule


def test_the_cohort_is_valid_varied_and_the_same_every_time():
    profiles = list(cohort(50))
    assert all(result.ok for result in advise_many(profiles))
    assert len({p["specialty"] for p in profiles}) > 3
    assert cohort_jsonl(20) == cohort_jsonl(20)
    assert cohort_jsonl(20).count(b"\n") == 20


def _contents(facts) -> set:
    return {(type(f).__name__, frozenset(f.as_dict().items())) for f in facts
            if type(f).__name__ != "InitialFact"}


@pytest.mark.parametrize("matcher", [None, PatternReteMatcher], ids=["experta's", "expert.rete's"])
def test_bare_experta_runs_the_same_rules_to_the_same_facts(matcher):
    bare = bare_engine_class(RULES, matcher)()
    for data in cohort(25):
        facts = input_facts(to_profile(data))
        _, memory = default_pool().engine().consult(facts)
        bare.reset()
        bare.declare(*map(to_experta, facts))
        bare.run()
        assert _contents(bare.facts.values()) == _contents(map(to_experta, memory))


def test_the_floor_gives_the_headline_answers_of_advise():
    floor = HeadlineFloor(RULES)
    assert floor.kinds == {"apply_count", "step3", "prelim_backup"}
    assert len(floor.rules) < len(RULES)
    assert floor_disagreement(floor, default_pool(), cohort(300)) is None


def test_copies_of_the_rules_leave_the_answers_as_they_were():
    copies = with_copies(RULES, 3)
    assert len(copies) == 3 * len(RULES) and len({rule.id for rule in copies}) == len(copies)
    pool = EnginePool(copies)
    for data in cohort(10):
        alone, copied = advise(data), advise(data, pool=pool)
        assert copied.answers() == alone.answers()
        assert len(copied.outcome.firings) >= 3 * len(alone.outcome.firings)


def _clips():
    if clips_engine.MISSING:
        pytest.skip(clips_engine.MISSING)
    return clips_engine


def test_clips_running_the_generated_rules_concludes_what_the_advisor_does():
    assert clips_disagreement(_clips().ClipsEngine(RULES), default_pool(),
                              cohort(1000)) is None


def test_clips_agrees_at_four_times_the_rules():
    rules = with_copies(RULES, 4)
    assert clips_disagreement(_clips().ClipsEngine(rules), EnginePool(rules),
                              cohort(100, seed=11)) is None


def test_the_translation_refuses_what_it_cannot_say_naming_it():
    reads_a_property = Rule("test.reads_action", "reads a proposal's action", "info",
                            RULES[0].sources, (fact(Proposal, action="apply"), given("visa")),
                            (RiskFactor("x", "high", "scores"),))
    with pytest.raises(Untranslatable, match=r"test\.reads_action.*Proposal\.action"):
        list(clips_constructs((reads_a_property,)))


def test_the_memory_reader_reads_the_measured_process_s_own_peak():
    # The test process holds 256 MiB while it starts the measured one: Linux would carry that
    # peak over into the child's ru_maxrss, not into its own high-water mark.
    held = b"x" * (256 << 20)
    report = measured(started(["--version"], stdout=subprocess.DEVNULL))
    assert len(held) and 10 * 1024 < report.own < 128 * 1024
    assert report.children == 0


def test_the_table_shows_each_figure_s_anchors_and_target():
    versus = Anchor("CLIPS with read-back", Timing(2.5, 2.0))
    rows = table([
        Figure("fast", 3.2, "ms", Target("<=", 5), best=2.5),
        Figure("wide", 1.5, "×", Target(">=", 1.8), "note", best=1.9),
        Figure("plain", 120.0, "profiles/s"),
        Figure("anchored", 1.2, "ms", Target("<=", 2, "CLIPS with read-back"), best=1.0,
               anchors=(versus,)),
        Figure("curve only", 1.0, "ms", listed=False),
        Figure.not_measured("CLIPS, 200 rules", "clipspy is not installed"),
    ])
    assert rows[2] == "| fast | 3.200 ms | 2.500 ms |  | ≤ 5 ms | yes |"
    assert rows[3] == "| wide — note | 1.500 × | 1.900 × |  | ≥ 1.8 × | **no** |"
    assert rows[4] == "| plain | 120 profiles/s |  |  |  |  |"
    assert rows[5] == ("| anchored | 1.200 ms | 1.000 ms | 2.50 × CLIPS with read-back (best "
                       "2.00 ×) | ≤ 2 × CLIPS with read-back | **no** |")
    assert rows[6] == ("| CLIPS, 200 rules — not measured: clipspy is not installed | not "
                       "measured |  |  |  |  |")
    assert len(rows) == 7


def test_growth_tables_and_the_plot_come_from_the_figures_on_a_curve():
    figures = [Figure(f"{series} at {x}", value, "ms", point=Point(RULES_CURVE, series, x))
               for series, x, value in [("advise", 100, 1.0), ("advise", 400, 3.5),
                                        ("CLIPS", 100, 0.2), ("CLIPS", 400, 0.4)]]
    figures.append(Figure("not measured", math.nan, "ms", point=Point(RULES_CURVE, "x", 50)))
    (curve,) = growth(figures)
    assert growth_table(curve) == ["| rules | advise | CLIPS |", "|---:|---:|---:|",
                                   "| 100 | 1.000 ms | 0.200 ms |", "| 400 | 3.500 ms | 0.400 ms |"]
    drawing = svg([curve, curve])
    assert drawing.startswith("<svg") and drawing.count("<polyline") == 4
    assert re.search(r"consultation time against rule count", drawing)
