"""What if: the answer for a changed profile, and how it differs.

Changes are given by path (``step2ck.score``, ``visa``); a bare number for an exam is its new
score (``step2ck=232``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from expert.questions.protocol import Answer, Said
from explain.graph import explanation_of
from explain.render import Diagram
from knowledge_base.kinds import SINGLE_ANSWER_KINDS

__all__ = ["Difference", "WhatIf", "changed_profile", "differences", "what_if"]


EXAM_SHORTHAND = {
    "step1": lambda score: {"result": score},
    "step2ck": lambda score: {"status": "taken", "score": score},
    "step3": lambda score: {"status": "passed", "score": score},
}
"""``what_if(step2ck=232)``: a bare number for an exam is its (new) score."""


def changed_profile(profile: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the profile data with the changes applied; keys may be dotted paths."""
    data: dict[str, Any] = _copy(profile)
    for path, value in changes.items():
        if path in EXAM_SHORTHAND and isinstance(value, int) and not isinstance(value, bool):
            data[path] = EXAM_SHORTHAND[path](value)
            continue
        *parents, leaf = path.split(".")
        target = data
        for name in parents:
            target = target.setdefault(name, {})
        target[leaf] = value
    return data


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_copy(v) for v in value]
    return value


@attrs.frozen
class Difference:
    kind: str
    before: str | None
    after: str | None
    rule: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def _key(r: Said) -> tuple[str, str]:
    if r.kind in SINGLE_ANSWER_KINDS:
        return (r.kind, "")
    if isinstance(r.value, dict):
        return (r.kind, str(r.value.get("action", r.value.get("exam", ""))))
    return (r.kind, str(r.value))


def differences(before: Answer, after: Answer) -> tuple[Difference, ...]:
    old = {_key(r): r for r in before}
    new = {_key(r): r for r in after}
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and a.value == b.value:
            continue
        said = b or a  # the key is in one of the two answers, or both
        assert said is not None
        changes.append(Difference(
            key[0],
            a.describe_value() if a else None,
            b.describe_value() if b else None,
            said.rule,
            b.summary if b else f"no longer given ({said.rule} no longer applies)",
        ))
    return tuple(changes)


@attrs.frozen(eq=False)
class WhatIf:
    changes_asked: dict[str, Any]
    before: Answer
    after: Answer
    changes: tuple[Difference, ...]

    def __str__(self) -> str:
        asked = ", ".join(f"{k} = {v!r}" for k, v in self.changes_asked.items())
        if not self.changes:
            return f"What if {asked}? The advice would not change."
        lines = [f"What if {asked}? {len(self.changes)} change(s):"]
        for c in self.changes:
            lines.append(f"- {c.kind}: {c.before or '(none)'} -> {c.after or '(none)'}")
            lines.append(f"    {c.why} ({c.rule})")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"changes_asked": self.changes_asked,
                "changes": [c.to_dict() for c in self.changes]}

    def diagram(self) -> Diagram:
        """What explains the new answers, in the changed profile's advice."""
        import networkx as nx  # not at the top: answers read as text need no graph

        old = {(_key(r), json.dumps(r.value, sort_keys=True)) for r in self.before}
        new = [r for r in self.after
               if (_key(r), json.dumps(r.value, sort_keys=True)) not in old]
        if not new:
            raise ValueError("the advice would not change in a way that gives a new answer: "
                             "there is nothing new to draw")
        asked = ", ".join(f"{k} = {v!r}" for k, v in self.changes_asked.items())
        kinds = ", ".join(dict.fromkeys(r.kind for r in new))
        return Diagram(nx.compose_all([explanation_of(self.after.graph, r.node) for r in new]),
                       f"What if {asked}: the new {kinds}")


def what_if(answer: Answer, changes: Mapping[str, Any]) -> WhatIf:
    """The answer for the profile with ``changes`` applied, compared with ``answer``."""
    after = answer.reconsult(changes)
    return WhatIf(dict(changes), answer, after, differences(answer, after))
