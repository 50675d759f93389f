"""The user-facing examples in the README, docs/ and docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _examples(page: Path) -> str:
    return "\n".join(block for block in FENCE.findall(page.read_text("utf-8")) if ">>>" in block)


@pytest.mark.parametrize("page", [p for p in PAGES if _examples(p)], ids=lambda p: p.name)
def test_examples_in(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(_examples(page), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def _modules_with_examples() -> list[str]:
    names = []
    for package in ("expert", "explain", "knowledge_base"):
        for path in sorted((REPO / package).rglob("*.py")):
            if path.name != "__main__.py" and ">>> " in path.read_text("utf-8"):
                parts = path.relative_to(REPO).with_suffix("").parts
                names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.parametrize("name", _modules_with_examples())
def test_examples_in_docstrings(name):
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder().find(module, name)
    assert any(test.examples for test in tests)
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
