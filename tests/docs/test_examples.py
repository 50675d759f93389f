"""The user-facing examples in the README and docs/ are run, so they stay true."""

from __future__ import annotations

import doctest
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
