"""What an embedding host relies on: imports that work and leave the host's state alone."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=120)


def test_import_leaves_root_logging_and_collections_alone():
    result = _run("""
        import collections, logging
        root = logging.getLogger()
        before = (list(root.handlers), root.level)
        import expert
        assert (list(root.handlers), root.level) == before, root.handlers
        assert not hasattr(collections, "Mapping")
        advice = expert.advise({"specialty": "pmr", "step1": {"result": "pass"},
                                "step2ck": {"score": 214}})
        print(advice["apply_count"].value["min"])
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "60"


def test_frozendict_that_is_installed_works():
    # ``import expert`` is lazy: the engine (and with it frozendict) is imported by a
    # consultation; after that the host can import frozendict and experta itself.
    result = _run("""
        import expert
        expert.advise({"specialty": "pmr", "step1": {"result": "pass"}, "step2ck": {"score": 214}})
        import frozendict, experta
        print(getattr(frozendict, "__version__", "1.2"))
    """)
    assert result.returncode == 0, result.stderr
