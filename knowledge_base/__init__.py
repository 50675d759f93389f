"""The domain knowledge: profile schema, fact types, rules by topic, sources and thresholds.

It is plain data and knows nothing of the engine that runs it (``expert``) or of rendering
(``explain``).
"""

from __future__ import annotations

from knowledge_base.profile import Profile
from knowledge_base.rule import Rule
from knowledge_base.rules import RULES

SINGLE_ANSWER_KINDS = ("apply_count", "step3", "prelim_backup")
"""Recommendation kinds that every valid profile gets exactly one of."""

KIND_ORDER = ("apply_count", "step3", "prelim_backup", "score_band")
"""The order in which recommendation kinds are reported."""

__all__ = ["KIND_ORDER", "Profile", "RULES", "Rule", "SINGLE_ANSWER_KINDS"]
