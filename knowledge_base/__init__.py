"""The domain knowledge: profile schema, fact types, rules by topic, sources and thresholds.

It is plain data and knows nothing of the engine that runs it (``expert``) or of rendering
(``explain``).
"""

from __future__ import annotations

from knowledge_base.kinds import KIND_ORDER, KINDS, PROGRAM_KINDS, SINGLE_ANSWER_KINDS
from knowledge_base.profile import Profile
from knowledge_base.rule import Rule
from knowledge_base.rules import ALL_RULES, INCOMPATIBLE, LIST_RULES, PROGRAM_RULES, RULES

__all__ = ["ALL_RULES", "INCOMPATIBLE", "KINDS", "KIND_ORDER", "LIST_RULES", "PROGRAM_KINDS",
           "PROGRAM_RULES", "Profile", "RULES", "Rule", "SINGLE_ANSWER_KINDS"]
