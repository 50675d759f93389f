"""The caches: each documented, all switched off by one variable, and never changing output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from expert import advise, caches, clear_caches
from expert.examples import PROGRAM_EXAMPLES, example_profiles
from tests.conftest import REPO, profile

PROGRAM = """
import json, sys
from expert import advise
from expert.examples import PROGRAM_EXAMPLES, example_profile, example_profiles, example_programs
profiles = list(example_profiles().values()) + json.loads(sys.argv[1])
for data in profiles:
    advice = advise(data)
    sys.stdout.write(advice.to_json(indent=None) + "\\n")
    sys.stdout.write(advice.to_json_bytes().decode() + "\\n")
    sys.stdout.write(json.dumps(advice.to_json()) + "\\n")  # from pieces kept, on one line
for name, (applicant, _) in PROGRAM_EXAMPLES.items():  # the list rules and the verdicts
    advice = advise(example_profile(applicant), programs=example_programs(name))
    sys.stdout.write(advice.to_json(indent=None) + "\\n")
    sys.stdout.write(json.dumps(advice.to_json()) + "\\n")
"""


def _run(switch: str | None, profiles: list[dict]) -> str:
    env = {k: v for k, v in os.environ.items() if k != caches.ENVIRONMENT_VARIABLE}
    if switch is not None:
        env[caches.ENVIRONMENT_VARIABLE] = switch
    result = subprocess.run([sys.executable, "-c", PROGRAM, json.dumps(profiles)], env=env,
                            capture_output=True, text=True, timeout=300, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_output_is_byte_identical_with_the_caches_off():
    # the same values written differently (1 and 1.0) and repeated profiles, which caches meet
    profiles = [profile(step2ck=s, usce=[{"specialty": "internal_medicine", "months": m,
                                         "type": "externship"}]) for s in (214, 226, 241)
                for m in (2, 2.0, 6)] * 2
    on, off = _run(None, profiles), _run("off", profiles)
    assert on == off
    assert len(on.splitlines()) == 3 * (len(example_profiles()) + len(profiles)) + \
        2 * len(PROGRAM_EXAMPLES)


def test_the_switch_is_read_when_the_advisor_is_imported():
    code = "from expert import caches; print(caches.ENABLED)"
    for switch, enabled in (("off", "False"), ("0", "False"), ("on", "True"), (None, "True")):
        env = {k: v for k, v in os.environ.items() if k != caches.ENVIRONMENT_VARIABLE}
        if switch is not None:
            env[caches.ENVIRONMENT_VARIABLE] = switch
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, timeout=60, cwd=REPO)
        assert result.stdout.strip() == enabled, (switch, result.stderr)


def test_every_cache_says_its_key_bound_and_reason():
    names = [cache.name for cache in caches.CACHES]
    assert len(names) == len(set(names))
    for cache in caches.CACHES:
        assert cache.key and cache.reason and cache.bound > 0


def test_no_cache_is_kept_outside_the_cache_module():
    for package in ("expert", "explain", "knowledge_base"):
        for path in (REPO / package).rglob("*.py"):
            if path.name != "caches.py":
                assert "lru_cache" not in path.read_text("utf-8"), path


def test_clearing_the_caches_keeps_the_advice_the_same():
    before = advise(profile(step2ck=219)).to_json()
    clear_caches()
    assert advise(profile(step2ck=219)).to_json() == before


def test_a_store_holds_no_more_than_its_bound():
    store = caches.Store(3)
    for key in range(10):
        store.put(key, key)
        assert len(store) <= 3
    assert store.get(9) == 9
    empty = caches.Store(0)
    empty.put("a", 1)
    assert empty.get("a") is None and len(empty) == 0
