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

if TYPE_CHECKING:  # "X as X": re-exported, for type checkers in strict mode
    from expert.advice import Advice as Advice
    from expert.advice import advise as advise
    from expert.caches import clear_caches as clear_caches
    from expert.consultation.recommendation import Recommendation as Recommendation
    from expert.errors import AdvisorError as AdvisorError
    from expert.errors import InputError as InputError
    from expert.errors import KnowledgeBaseError as KnowledgeBaseError
    from expert.errors import Problem as Problem
    from expert.errors import ProfileError as ProfileError
    from expert.errors import ProgramListError as ProgramListError
    from expert.errors import UsageError as UsageError
    from expert.errors import WorkerDied as WorkerDied
    from expert.interview import Interview as Interview
    from explain.render import GraphvizNotFound as GraphvizNotFound
    from knowledge_base.profile import Profile as Profile
    from knowledge_base.programs import Program as Program

    __version__: str

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
    if name == "__version__":  # looked up when asked: importlib.metadata is slow to import
        from importlib import metadata

        return metadata.version("img-advisor")
    if name not in _EXPORTS:
        raise AttributeError(f"module 'expert' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
