"""The same input gives byte-identical output in any run, process, thread and hash seed; and
consultations share no state, so concurrent ones agree with sequential ones."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import expert
from expert import advise
from expert.consultation.provenance import fact_record
from expert.engine.recording import EnginePool
from expert.examples import example_profiles
from knowledge_base import RULES
from knowledge_base.conditions import given
from knowledge_base.facts import Input, RiskFactor
from knowledge_base.rule import Rule
from knowledge_base.sources import Source

EXAMPLES = sorted((Path(expert.__file__).parent / "examples").glob("*.json"))
SEEDS = ("0", "1", "4242")


def advice_json(name: str) -> str:
    """The advice for one example profile as JSON (run in worker processes too)."""
    return advise(example_profiles()[name]).to_json()


def test_json_output_is_byte_identical_across_processes_and_hash_seeds():
    runs = {
        (path.stem, seed): subprocess.Popen(
            [sys.executable, "-m", "expert", "advise", str(path), "--format", "json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONHASHSEED": seed})
        for path in EXAMPLES for seed in SEEDS
    }
    outputs = {}
    for key, run in runs.items():
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr.decode()
        outputs[key] = stdout
    for path in EXAMPLES:
        first, *others = (outputs[path.stem, seed] for seed in SEEDS)
        assert first and all(other == first for other in others), path.stem
        assert first.decode() == advice_json(path.stem) + "\n"


DRAWINGS = """
import hashlib
from expert import advise
from expert.examples import example_profile, example_programs
advice = advise(example_profile("state_univ_sample"))
listed = advise(example_profile("state_univ_sample"), programs=example_programs("programs_example"))
drawings = [advice.diagram("step3"), advice.diagram("score_band"), advice.why("step3").diagram(),
            advice.what_if(step2ck=240).diagram(), listed.programs[0].diagram(),
            listed.diagram("program_list"),
            advice.why_step(6).diagram(), advice.what_if(step2ck=219).diagram()]  # collapsed
for drawing in drawings:
    for fmt in ("dot", "mermaid", "json"):
        print(hashlib.sha1(drawing.render(fmt)).hexdigest())
"""


def test_drawings_of_one_answer_are_the_same_under_every_hash_seed():
    outputs = set()
    for seed in SEEDS:
        result = subprocess.run([sys.executable, "-c", DRAWINGS], capture_output=True, text=True,
                                timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1 and len(outputs.pop().split()) == 24


def test_output_does_not_depend_on_rule_order_engine_or_key_order():
    shuffled = EnginePool(tuple(reversed(RULES)))
    for name, data in example_profiles().items():
        expected = advice_json(name)
        assert advise(data, pool=shuffled).to_json() == expected, name
        assert advise(dict(reversed(list(data.items())))).to_json() == expected, name


def test_the_graph_lists_nodes_and_edges_in_a_stable_order():
    for name in example_profiles():
        graph = json.loads(advice_json(name))["explanation"]
        ids = [node["id"] for node in graph["nodes"]]
        assert len(ids) == len(set(ids))
        # by tail in node order; one tail's heads by id (superseded edges come last)
        plain = [(e["source"], e["target"]) for e in graph["edges"] if e["type"] != "superseded"]
        assert plain == sorted(plain, key=lambda e: (ids.index(e[0]), e[1])), name


def test_one_consultation_leaves_nothing_behind_for_the_next():
    names = sorted(example_profiles())
    alone = {name: advice_json(name) for name in names}
    for name in names + names[::-1]:
        assert advice_json(name) == alone[name]


def test_many_threads_agree_with_sequential_calls():
    names = sorted(example_profiles()) * 8
    expected = [advice_json(name) for name in names]
    with ThreadPoolExecutor(max_workers=16) as threads:
        assert list(threads.map(advice_json, names)) == expected


def test_processes_agree_with_sequential_calls():
    names = sorted(example_profiles()) * 2
    expected = [advice_json(name) for name in names]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as processes:
        assert list(processes.map(advice_json, names)) == expected


def test_values_held_equal_but_written_differently_are_never_taken_for_one_another():
    """What is kept between consultations (trace records, conclusions, experta's facts) is
    kept per value as written: 1, 1.0 and True, or 0.0 and -0.0, each get their own."""
    rule = Rule(id="t.score", title="score", strength="info", sources=(Source("pmr", "x"),),
                premises=(given("step2ck.score", bind="score"),),
                conclusions=(RiskFactor(name="score {score}", severity="high", area="exam"),))
    engine = EnginePool([rule]).engine()
    for value in (1, 1.0, True, 0.0, -0.0, 1, True, -0.0):
        (firing,), _ = engine.consult([Input("step2ck.score", value)])
        assert [fact.name for fact in firing.asserted] == [f"score {value}"]
        assert repr(firing.matched[0].value) == repr(value)
        assert fact_record(Input("step2ck.score", value)).label == f"step2ck.score = {value}"
