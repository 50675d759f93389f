"""All rules of the knowledge base, one module per topic, the contradictions they declare, the
decision tables of the single-answer kinds, and the rules that make the plan."""

from __future__ import annotations

from knowledge_base.consistency import Incompatible
from knowledge_base.decision_table import DecisionTable
from knowledge_base.rule import Rule
from knowledge_base.rules import (
    applications,
    backup,
    experience,
    narrative,
    offsets,
    outlook,
    scores,
    season,
    step3,
    strategy,
    timeline,
    verdicts,
)

__all__ = ["ALL_RULES", "FEASIBILITY_RULES", "INCOMPATIBLE", "LIST_RULES", "PLAN_RULES",
           "PROGRAM_RULES", "RULES", "TABLES", "TOPICS"]

TOPICS = (scores, offsets, outlook, step3, applications, backup, strategy, experience, narrative,
          season)

RULES: tuple[Rule, ...] = tuple(rule for topic in TOPICS for rule in topic.RULES)
INCOMPATIBLE: tuple[Incompatible, ...] = tuple(
    pair for topic in TOPICS for pair in getattr(topic, "INCOMPATIBLE", ())
)

TABLES: tuple[DecisionTable, ...] = (applications.TABLE, step3.TABLE, backup.TABLE)
"""The decision tables of ``apply_count``, ``step3`` and ``prelim_backup`` (their rules are
among ``RULES``)."""

PROGRAM_RULES: tuple[Rule, ...] = verdicts.PROGRAM_RULES
"""Run once per program of an applicant's list (``expert.triage``)."""
LIST_RULES: tuple[Rule, ...] = verdicts.LIST_RULES
"""Run once per program list, on its measures."""
PLAN_RULES: tuple[Rule, ...] = timeline.PLAN_RULES
"""Run once per consultation, after it, on the recommendations that stand (``expert.plan``)."""
FEASIBILITY_RULES: tuple[Rule, ...] = timeline.FEASIBILITY_RULES
"""Run on the plan's time budget."""
ALL_RULES: tuple[Rule, ...] = (*RULES, *PROGRAM_RULES, *LIST_RULES, *PLAN_RULES,
                               *FEASIBILITY_RULES)
"""Every rule of the knowledge base, for references and checks."""
