"""All rules of the knowledge base, one module per topic."""

from __future__ import annotations

from knowledge_base.rule import Rule
from knowledge_base.rules import applications, backup, scores, step3

RULES: tuple[Rule, ...] = (*scores.RULES, *step3.RULES, *backup.RULES, *applications.RULES)
