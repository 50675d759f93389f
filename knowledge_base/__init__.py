"""The domain knowledge: profile schema, fact types, rules by topic, sources and thresholds.

It is plain data and knows nothing of the engine that runs it (``expert``) or of rendering
(``explain``). Names are imported on first use: a module of the knowledge base (the profile,
the fact types) can be imported without building every rule.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge_base.kinds import KIND_ORDER, KINDS, PROGRAM_KINDS, SINGLE_ANSWER_KINDS
    from knowledge_base.profile import Profile
    from knowledge_base.rule import Rule
    from knowledge_base.rules import (
        ALL_RULES,
        INCOMPATIBLE,
        LIST_RULES,
        PROGRAM_RULES,
        RULES,
        TABLES,
    )

_EXPORTS = {
    **dict.fromkeys(("KIND_ORDER", "KINDS", "PROGRAM_KINDS", "SINGLE_ANSWER_KINDS"),
                    "knowledge_base.kinds"),
    "Profile": "knowledge_base.profile", "Rule": "knowledge_base.rule",
    **dict.fromkeys(("ALL_RULES", "INCOMPATIBLE", "LIST_RULES", "PROGRAM_RULES", "RULES",
                     "TABLES"), "knowledge_base.rules"),
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'knowledge_base' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
