"""Shared helpers for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


def profile(specialty: str = "internal_medicine", step2ck: Any = 230, **fields: Any) -> dict:
    """A minimal valid profile; ``step2ck`` is a score or a whole step2ck mapping."""
    exam = step2ck if isinstance(step2ck, dict) else {"score": step2ck}
    return {"specialty": specialty, "step1": {"result": "pass"}, "step2ck": exam, **fields}


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The guidance documents, present in the development checkout but not on users' machines."""
    if not SEEDS.is_dir():
        pytest.skip(f"the source documents are not at {SEEDS}")
    return SEEDS
