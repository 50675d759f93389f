"""(being written)"""

from __future__ import annotations

from knowledge_base.consistency import Incompatible
from knowledge_base.rule import Rule

RULES: tuple[Rule, ...] = ()
INCOMPATIBLE: tuple[Incompatible, ...] = ()
