"""The advisor's front door: ``advise(profile) -> Advice``, its errors, and its value types.

    >>> from expert import advise
    >>> advice = advise({"specialty": "pmr", "step1": {"result": "pass"},
    ...                  "step2ck": {"score": 214}})
    >>> advice["apply_count"].value["min"], advice["apply_count"].value["max"]
    (60, 80)

Names are imported on first use, so ``import expert`` loads neither the engine (experta) nor the
graph and drawing libraries (networkx, graphviz) until they are needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from expert.advice import Advice, advise
    from expert.caches import clear_caches
    from expert.consultation.recommendation import Recommendation
    from expert.errors import (
        AdvisorError,
        InputError,
        KnowledgeBaseError,
        Problem,
        ProfileError,
        ProgramListError,
        UsageError,
        WorkerDied,
    )
    from expert.interview import Interview
    from explain.render import GraphvizNotFound
    from knowledge_base.profile import Profile
    from knowledge_base.programs import Program

_EXPORTS = {
    "Advice": "expert.advice", "advise": "expert.advice",
    "Recommendation": "expert.consultation.recommendation",
    "clear_caches": "expert.caches",
    "AdvisorError": "expert.errors", "InputError": "expert.errors",
    "KnowledgeBaseError": "expert.errors", "Problem": "expert.errors",
    "ProfileError": "expert.errors", "ProgramListError": "expert.errors",
    "UsageError": "expert.errors", "WorkerDied": "expert.errors",
    "GraphvizNotFound": "explain.render", "Interview": "expert.interview",
    "Profile": "knowledge_base.profile", "Program": "knowledge_base.programs",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'expert' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
