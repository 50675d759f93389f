"""What if: the answer for a changed profile, and how it differs.

Changes are given by path, in the syntax problems name fields with (``step2ck.score``,
``usce[0].months``; ``usce.0.months`` is read the same); a bare number for an exam is its new
score (``step2ck=232``), the rest of the exam staying as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from expert.errors import Problem, ProfileError
from expert.inputs.text import Unreadable, load_json
from expert.questions.protocol import Answer, Said
from explain.bound import bounded
from explain.compare import AFTER, BEFORE, CHANGED, before_and_after
from explain.display import ShowsAsText, counted
from explain.render import Diagram
from knowledge_base.kinds import SINGLE_ANSWER_KINDS

__all__ = ["EXAM_SHORTHAND", "MAX_PATH_CHARS", "PATH", "Difference", "WhatIf",
           "change_value", "changed_profile", "differences", "path_steps", "what_if"]


def _exam_result(exam: dict[str, Any], score: Any) -> dict[str, Any]:
    """Step 2 CK taken at ``score``: the attempts stay; a pending exam's practice score goes
    (a score means taken), and a failed exam passed now counts the new attempt."""
    kept = {key: value for key, value in exam.items() if key != "practice_score"}
    attempts = exam.get("attempts", 1) + (exam.get("status") == "failed")
    return {**kept, "status": "taken", "score": score, "attempts": attempts}


EXAM_SHORTHAND: dict[str, Callable[[dict[str, Any], Any], dict[str, Any]]] = {
    "step1": lambda exam, result: {**exam, "result": result},
    "step2ck": _exam_result,
    "step3": lambda exam, score: {**exam, "status": "passed", "score": score},
}
"""``what_if(step2ck=232)``: a bare number for an exam is its (new) score (for Step 1 also
``pass`` or ``fail``: its result); the rest of the exam (attempts, say) stays as it was. An
object (``step2ck={"score": 232}``) replaces the whole exam."""

MAX_PATH_CHARS = 200
"""The longest path read: the longest the profile has is ``usce[99].hands_on``."""

PATH = re.compile(r"[^.\[\]\s]+(?:\[[0-9]+\]|\.[^.\[\]\s]+)*")
"""A path as problems name fields: names joined by dots, list positions in brackets
(``step2ck.score``, ``usce[0].months``); a position may also follow a dot (``usce.0.months``)."""
_STEP = re.compile(r"\[([0-9]+)\]|(\.?)([^.\[\]\s]+)")
PATH_WORDS = "a field path such as step2ck.score or usce[0].months"


def path_steps(path: Any) -> list[str | int]:
    """The names and list positions of a path: ``usce[0].months`` and ``usce.0.months`` are
    ``["usce", 0, "months"]``; anything else raises ``ProfileError`` naming the path."""
    if not isinstance(path, str):
        raise ProfileError([Problem(_text_of(path), path, f"{PATH_WORDS}, as text",
                                    code="bad_syntax")])
    if len(path) > MAX_PATH_CHARS:
        raise ProfileError([Problem(path[:40] + "...", path, f"{PATH_WORDS}, of at most "
                                                            f"{MAX_PATH_CHARS} characters",
                                    code="too_long")])
    if PATH.fullmatch(path) is None:
        raise ProfileError([Problem(path, path, PATH_WORDS, code="bad_syntax")])
    steps: list[str | int] = []
    for index, dot, name in _STEP.findall(path):
        if index or (dot and name.isascii() and name.isdigit()):
            steps.append(int(index or name))
        else:
            steps.append(name)
    return steps


def _text_of(path: Any) -> str:
    try:
        return str(path)[:40]
    except Exception:  # an object that cannot be written: say what it is
        return f"<{type(path).__name__}>"


def change_value(path: str, text: str) -> Any:
    """The value of a change written as text (``--set PATH=VALUE``): JSON where the text is
    JSON (``232``, ``true``, ``null``, ``{"score": 232}``), else the text itself (``h1b``).
    JSON the reader refuses for more than its syntax (a key given twice, too deep, a number
    of thousands of digits) raises ``ProfileError`` naming the path."""
    try:
        return load_json(text)
    except Unreadable as error:
        if error.code == "bad_syntax":
            return text
        raise ProfileError([Problem(path, text if len(text) <= 40 else text[:37] + "...",
                                    error.allowed, code=error.code)]) from None


def _shorthand(path: str, value: Any) -> bool:
    """Whether ``path = value`` is an exam's shorthand: a number (Step 1 also pass or fail)."""
    if path not in EXAM_SHORTHAND or isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or \
        (path == "step1" and isinstance(value, str) and value in ("pass", "fail"))


def changed_profile(profile: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the profile data with the changes applied, each at a path in the syntax the
    problems of a ``ProfileError`` use; a path that does not fit the profile raises one."""
    data: dict[str, Any] = _copy(profile)
    for path, value in changes.items():
        if isinstance(path, str) and _shorthand(path, value):
            exam = data.get(path)
            data[path] = EXAM_SHORTHAND[path](exam if isinstance(exam, dict) else {}, value)
            continue
        *parents, leaf = path_steps(path)
        target: Any = data
        for depth, step in enumerate(parents):
            target = _step_into(target, step, path, parents[:depth + 1])
        _check_place(target, leaf, path)
        target[leaf] = value
    return data


def _where(steps: list[str | int]) -> str:
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps).lstrip(".")


def _step_into(target: Any, step: str | int, path: str, steps: list[str | int]) -> Any:
    """The object at ``step`` inside ``target`` (an absent object field starts empty)."""
    _check_place(target, step, path)
    if isinstance(step, str):
        inner = target.setdefault(step, {})
    else:
        inner = target[step]
    if not isinstance(inner, (dict, list)):
        raise ProfileError([Problem(path, inner, f"a path into an object or a list "
                                                 f"({_where(steps)} holds a single value)",
                                    code="bad_path")])
    return inner


def _check_place(target: Any, step: str | int, path: str) -> None:
    if isinstance(step, int) and not (isinstance(target, list) and step < len(target)):
        size = len(target) if isinstance(target, list) else 0
        raise ProfileError([Problem(path, step, f"a list position below {size}"
                                    if isinstance(target, list) else
                                    "a field name here, not a list position", code="bad_path")])
    if isinstance(step, str) and not isinstance(target, dict):
        raise ProfileError([Problem(path, step, "a list position here, such as [0]",
                                    code="bad_path")])


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


def _changed(before: Answer, after: Answer) -> list[tuple[Said | None, Said | None]]:
    """The recommendations that differ, paired by kind (and action): old and new, ``None``
    where there is none; in the order of the old answer, then the new."""
    old = {_key(r): r for r in before}
    new = {_key(r): r for r in after}
    pairs = [(old.get(key), new.get(key)) for key in [*old, *(k for k in new if k not in old)]]
    return [(a, b) for a, b in pairs if a is None or b is None or a.value != b.value]


def differences(before: Answer, after: Answer) -> tuple[Difference, ...]:
    changes = []
    for a, b in _changed(before, after):
        said = b or a  # the key is in one of the two answers, or both
        assert said is not None
        changes.append(Difference(
            said.kind,
            a.describe_value() if a else None,
            b.describe_value() if b else None,
            said.rule,
            b.summary if b else f"no longer given ({said.rule} no longer applies)",
        ))
    return tuple(changes)


@attrs.frozen(eq=False)
class WhatIf(ShowsAsText):
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

    def asked(self) -> str:
        """The changes asked about, in a line: ``step2ck = 240, visa = 'h1b'``."""
        return ", ".join(f"{k} = {v!r}" for k, v in self.changes_asked.items())

    def __repr__(self) -> str:
        kinds = ", ".join(dict.fromkeys(c.kind for c in self.changes))
        return (f"<WhatIf {self.asked()}: {counted(len(self.changes), 'change')}"
                f"{f' ({kinds})' if kinds else ''}>")

    def _repr_html_(self) -> str:
        from expert.report.html_view import what_if_html  # the view reads the answer, not back

        return what_if_html(self)

    def to_dict(self) -> dict[str, Any]:
        return {"changes_asked": self.changes_asked,
                "changes": [c.to_dict() for c in self.changes]}

    def diagram(self) -> Diagram:
        """The change drawn before and after (``explain.compare``): the inputs that changed,
        with both values; each recommendation that changed, the old answer faded and joined to
        the new one, emphasised, with the reasons for it in the changed profile; nothing of
        what stays the same. Within the size bound of a focused drawing (``explain.bound``).
        Raises ``ValueError`` when the advice would not change."""
        asked = ", ".join(f"{k} = {v!r}" for k, v in self.changes_asked.items())
        if not self.changes:
            raise ValueError(f"what if {asked}: the advice would not change, so there is "
                             f"nothing new to draw")
        graph = before_and_after(self.before.graph, self.after.graph,
                                 [(None if was is None else was.node,
                                   None if now is None else now.node)
                                  for was, now in _changed(self.before, self.after)])
        marks = {node: data.get("mark") for node, data in graph.nodes(data=True)}
        kinds = ", ".join(dict.fromkeys(c.kind for c in self.changes))
        return Diagram(bounded(graph, [n for n, mark in marks.items() if mark in (BEFORE, AFTER)],
                               keep=[n for n, mark in marks.items() if mark == CHANGED],
                               hint="why, asked of the changed profile, lists every step"),
                       f"What if {asked}: {kinds}, before and after")


def what_if(answer: Answer, changes: Mapping[str, Any]) -> WhatIf:
    """The answer for the profile with ``changes`` applied, compared with ``answer``."""
    after = answer.reconsult(changes)
    return WhatIf(dict(changes), answer, after, differences(answer, after))
