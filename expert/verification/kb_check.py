"""``kb check``: the static checks of the knowledge base and a sweep of profiles, in one report.

    >>> from expert.verification.kb_check import check_knowledge_base
    >>> report = check_knowledge_base(sweep="none")
    >>> report.ok, report.errors
    (True, ())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from expert.errors import KnowledgeBaseError
from knowledge_base.checks import ERROR, WARNING, Defect, static_defects
from knowledge_base.consistency import Incompatible
from knowledge_base.decision_table import DecisionTable
from knowledge_base.inputs import INPUT_DOMAINS, Domain
from knowledge_base.kinds import KINDS
from knowledge_base.program_list import LIST_INPUT_DOMAINS
from knowledge_base.programs import PROGRAM_INPUT_DOMAINS
from knowledge_base.rule import Rule
from knowledge_base.rules import (
    FEASIBILITY_RULES,
    INCOMPATIBLE,
    LIST_RULES,
    PLAN_RULES,
    PROGRAM_RULES,
    RULES,
    TABLES,
)
from knowledge_base.rules.timeline import PLAN_INPUT_DOMAINS
from knowledge_base.sources import DOCUMENTS
from knowledge_base.thresholds import THRESHOLDS, Scale

if TYPE_CHECKING:
    from expert.verification.sweep import SweepResult

__all__ = ["ALL_INPUT_DOMAINS", "SWEEPS", "Report", "check_knowledge_base"]

SWEEPS = ("none", "quick", "full")
ALL_INPUT_DOMAINS: Mapping[str, Domain] = {**INPUT_DOMAINS, **PROGRAM_INPUT_DOMAINS,
                                           **LIST_INPUT_DOMAINS, **PLAN_INPUT_DOMAINS}
"""What every input the rules read can be: profile fields, program fields, list measures, plan
measures."""
LATER_RULES: tuple[Rule, ...] = (*PROGRAM_RULES, *LIST_RULES, *PLAN_RULES, *FEASIBILITY_RULES)
"""The rules run after a consultation: on a program list, and to make the plan."""


@attrs.frozen
class Report:
    """What ``kb check`` found: every defect, and the sweep's figures when one ran."""

    rules: int
    defects: tuple[Defect, ...]
    sweep: SweepResult | None

    @property
    def errors(self) -> tuple[Defect, ...]:
        return tuple(d for d in self.defects if d.severity == ERROR)

    @property
    def warnings(self) -> tuple[Defect, ...]:
        return tuple(d for d in self.defects if d.severity == WARNING)

    @property
    def ok(self) -> bool:
        """No errors (warnings do not fail a check)."""
        return not self.errors

    def __str__(self) -> str:
        lines = [f"knowledge base: {self.rules} rules"]
        if self.sweep is not None:
            lines.append(f"{self.sweep.summary()}; {len(self.sweep.fired)} of {self.rules} "
                         "rules fired")
        lines += [f"  {defect}" for defect in self.defects]
        verdict = "OK" if self.ok else "FAILED"
        lines.append(f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        swept = None
        if self.sweep is not None:
            swept = {"profiles": self.sweep.profiles, "consulted": self.sweep.consulted,
                     "pairs": self.sweep.pairs, "seconds": round(self.sweep.seconds, 1),
                     "rules_fired": sorted(self.sweep.fired)}
        return {"ok": self.ok, "rules": self.rules,
                "defects": [d.to_dict() for d in self.defects], "sweep": swept}


def check_knowledge_base(
    rules: Sequence[Rule] = RULES, *, later_rules: Sequence[Rule] = LATER_RULES,
    kinds: Iterable[str] = KINDS,
    documents: Mapping[str, str] = DOCUMENTS, incompatible: Sequence[Incompatible] = INCOMPATIBLE,
    scales: Sequence[Scale] = THRESHOLDS.scales,
    domains: Mapping[str, Domain] = ALL_INPUT_DOMAINS,
    tables: Sequence[DecisionTable] = TABLES, plan_rules: Sequence[Rule] = PLAN_RULES,
    sweep: str = "quick", processes: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Check a knowledge base (by default the shipped one): all of it statically (the rules
    run after a consultation and the decision ``tables`` too), then the consultation ``rules``
    by a sweep of profiles (``none``, ``quick`` or ``full``; see ``expert.verification.sweep``) in
    ``processes`` worker processes (default one per CPU), with the plans the ``plan_rules``
    make of them (none: the plans are not checked); ``progress`` is told how far the sweep
    is (``expert.verification.sweep.Progress``)."""
    if sweep not in SWEEPS:
        raise ValueError(f"sweep {sweep!r}: expected one of {', '.join(SWEEPS)}")
    defects = static_defects((*rules, *later_rules), kinds=kinds, documents=documents,
                             incompatible=incompatible, scales=scales, domains=domains,
                             tables=tables)
    result = None
    if sweep != "none":
        from expert.verification.sweep import (
            sweep as run_sweep,  # not at the top: it starts processes
        )

        try:
            result = run_sweep(rules, incompatible, size=sweep, processes=processes,
                               plan_rules=plan_rules, progress=progress)
        except KnowledgeBaseError as error:
            defects.append(Defect(ERROR, "engine", None, f"the rules cannot be run: {error}"))
        else:
            defects += result.defects
    return Report(len(rules) + len(later_rules), tuple(defects), result)
