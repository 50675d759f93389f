"""The knowledge base's rules written as CLIPS constructs, generated from the rule data.

The benchmark runs the advisor's rules on CLIPS (``benchmarks.clips_engine``) to see how far
our engine is from a mature one. The constructs are made from the same ``Rule`` and
``Pattern`` values our engine compiles, never written by hand, so every rule the knowledge
base gains is translated too, and a premise or conclusion that cannot be is refused by name
(``Untranslatable``):

- one ``deftemplate`` per fact type, named as the class, with one slot per attrs field; a
  ``Proposal`` carries the id and specificity of the rule that proposed it in place of its
  summary (prose that no premise reads), which is what resolution needs;
- one ``defrule`` per rule, with the salience of its layer (as ``expert.engine.recording``
  gives it, so a negated premise is judged only once every rule that could assert what it
  negates has fired); a test becomes a literal constraint where CLIPS has one (``"a"|"b"``,
  ``~"a"``) and a predicate otherwise, a numeric test holding only for numbers as ours do;
  bound variables keep their names, so premises binding the same one join on it;
- two functions move values in and out: ``ASSERT_INPUTS`` asserts inputs from field and value
  pairs, and ``reader(fact_type)`` gives the slot values of every fact of a type in a row;
- conclusions are asserted with the bound values filled in. A placeholder in a string is
  filled by a function of ours that CLIPS calls (``PY_JSON``, ``PY_TEXT``): writing a value
  as Python writes it (``repr`` of a float, JSON escapes) is not something CLIPS's ``str-cat``
  does the same way.

Values go to CLIPS as they are (strings, integers, floats), ``True`` and ``False`` as the
symbols ``TRUE`` and ``FALSE``: so a test for 1 does not hold for ``True`` there, as Python's
``==`` has it here (no rule makes such a test; the benchmark's agreement check would show one).
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from expert.engine.firing import fact_depths
from knowledge_base.conditions import Pattern, Test
from knowledge_base.facts import FACT_TYPES, Input, Proposal
from knowledge_base.rule import Rule

__all__ = ["ASSERT_INPUTS", "PROPOSAL_SLOTS", "PY_JSON", "PY_TEXT", "Untranslatable",
           "clips_constructs", "literal", "reader", "slots_of"]

PY_JSON = "py-json"
"""The CLIPS name of the function writing a bound value as JSON (a whole placeholder)."""
PY_TEXT = "py-text"
"""The CLIPS name of the function writing a bound value as ``str.format`` does (a placeholder
within a string), JSON-escaped when its second argument is ``TRUE``."""
PROPOSAL_SLOTS = ("kind", "value_json", "rule", "specificity")
ASSERT_INPUTS = "assert-inputs"
"""The CLIPS name of the function asserting ``Input`` facts from field, value, field, ..."""


class Untranslatable(ValueError):
    """A premise or conclusion this translation has no CLIPS form for."""


def slots_of(fact_type: type) -> tuple[str, ...]:
    """The slots of a fact type's template."""
    if fact_type is Proposal:
        return PROPOSAL_SLOTS
    return tuple(field.name for field in attrs.fields(fact_type))


def literal(value: Any) -> str:
    """A value as a CLIPS literal."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    raise Untranslatable(f"no CLIPS literal for {value!r} ({type(value).__name__})")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_one(variable: str, value: Any) -> str:
    """A CLIPS test that the variable holds ``value`` (numbers compared as numbers)."""
    if _is_number(value):
        return f"(and (numberp {variable}) (= {variable} {literal(value)}))"
    return f"(eq {variable} {literal(value)})"


def _is_any(variable: str, values: tuple[Any, ...]) -> str:
    tests = [_is_one(variable, value) for value in values]
    return tests[0] if len(tests) == 1 else f"(or {' '.join(tests)})"


_COMPARISONS = {"lt": "<", "ge": ">=", "gt": ">"}


def _constraint(test: Test, variable: str, alone: bool) -> str:
    """One test as a CLIPS constraint on a slot whose value is ``variable``; a literal one
    (``"a"|"b"``) only when it is the slot's ``alone`` test, as ``|`` binds less tightly than
    the ``&`` joining a slot's constraints."""
    operands = test.operands
    plain = alone and all(not _is_number(v) for v in operands)
    if test.op in ("eq", "in") and plain:
        return "|".join(map(literal, operands))
    if test.op == "not_in" and plain:
        return "&".join(f"~{literal(v)}" for v in operands)
    if test.op in ("eq", "in"):
        return f":{_is_any(variable, operands)}"
    if test.op == "not_in":
        return f":(not {_is_any(variable, operands)})"
    if test.op in _COMPARISONS:
        return (f":(numberp {variable})&:({_COMPARISONS[test.op]} {variable} "
                f"{literal(test.operand)})")
    if test.op == "range":
        low, high = test.operand
        return (f":(numberp {variable})&:(<= {literal(low)} {variable})"
                f"&:(< {variable} {literal(high)})")
    raise Untranslatable(f"no CLIPS form for the test {test.op!r} ({test.describe()})")


def _pattern(pattern: Pattern, number: int) -> str:
    """A premise as a CLIPS pattern (within ``not`` when negated)."""
    slots = slots_of(pattern.fact_type)
    tests: dict[str, list[Test]] = {}
    for name, test in pattern.constraints:
        tests.setdefault(name, []).append(test)
    bound = dict(pattern.bindings)
    parts = []
    for name in dict.fromkeys([*tests, *bound]):
        if name not in slots:
            raise Untranslatable(f"a premise reads {pattern.fact_type.__name__}.{name}, which "
                                 f"is not a slot of its template {slots}")
        # A variable of our own per premise and slot: '-' is in no Python identifier, so it
        # never meets a rule's variable (sharing a name would join the premises on it).
        variable = f"?{bound[name]}" if name in bound else f"?p{number}-{name}"
        slot_tests = tests.get(name, [])
        constraints = [_constraint(test, variable, len(slot_tests) == 1) for test in slot_tests]
        if name not in bound and len(constraints) == 1 and not constraints[0].startswith(":"):
            parts.append(f"({name} {constraints[0]})")
        else:
            parts.append(f"({name} {'&'.join([variable, *constraints])})")
    text = f"({pattern.fact_type.__name__}{''.join(' ' + p for p in parts)})"
    return f"(not {text})" if pattern.negated else text


_SENTINEL = "\x01{}\x02"
"""What a placeholder is filled with to find where its value goes in the conclusion's text."""
_WHOLE_JSON = re.compile(r'"\\u0001(\w+)\\u0002"')
_WITHIN = re.compile(r"\\u0001(\w+)\\u0002|\x01(\w+)\x02")
_WHOLE_TEXT = re.compile("\x01(\\w+)\x02")


def _filled_text(text: str, whole: re.Pattern[str] | None, json_escaped: bool) -> str:
    """A CLIPS expression for ``text`` with each sentinel replaced by the bound value: as
    JSON where ``whole`` finds it, as ``str.format`` writes it elsewhere."""
    pieces: list[str] = []
    position = 0
    finder = re.compile(f"{whole.pattern}|{_WITHIN.pattern}" if whole else _WITHIN.pattern)
    for found in finder.finditer(text):
        pieces.append(literal(text[position:found.start()]))
        variable = next(group for group in found.groups() if group)
        if whole is not None and found.group(1):
            pieces.append(f"({PY_JSON} ?{variable})")
        else:
            pieces.append(f"({PY_TEXT} ?{variable} {literal(json_escaped)})")
        position = found.end()
    pieces.append(literal(text[position:]))
    pieces = [piece for piece in pieces if piece != '""'] or ['""']
    return pieces[0] if len(pieces) == 1 else f"(str-cat {' '.join(pieces)})"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _check_placeholders(rule: Rule) -> None:
    """Refuse a placeholder with a format or conversion (``{score:.0f}``, ``{name!r}``) in
    what CLIPS asserts: the functions filling them in write values plainly."""
    for conclusion in rule.conclusions:
        values = ([conclusion.value] if isinstance(conclusion, Proposal) else
                  [getattr(conclusion, name) for name in slots_of(type(conclusion))])
        for text in _strings(values):
            for _, name, spec, conversion in string.Formatter().parse(text):
                if name and (spec or conversion):
                    raise Untranslatable(f"the placeholder in {text!r} has a format or "
                                         f"conversion, which CLIPS is not given")


def _slot_value(value: Any) -> str:
    """A CLIPS expression for one slot of a conclusion filled with sentinels."""
    if not isinstance(value, str) or "\x01" not in value:
        return literal(value)
    whole = _WHOLE_TEXT.fullmatch(value)
    if whole:
        return f"?{whole.group(1)}"
    return _filled_text(value, None, json_escaped=False)


def _assertion(rule: Rule, conclusion: Any) -> str:
    """The CLIPS action asserting one conclusion (filled with sentinels)."""
    if isinstance(conclusion, Proposal):
        slots = {"kind": literal(conclusion.kind),
                 "value_json": _filled_text(conclusion.value_json, _WHOLE_JSON,
                                            json_escaped=True),
                 "rule": literal(rule.id), "specificity": literal(rule.specificity)}
    else:
        slots = {name: _slot_value(getattr(conclusion, name))
                 for name in slots_of(type(conclusion))}
    text = " ".join(f"({name} {value})" for name, value in slots.items())
    return f"(assert ({type(conclusion).__name__} {text}))"


def _defrule(rule: Rule, number: int, salience: int) -> str:
    patterns = "\n  ".join(_pattern(p, i) for i, p in enumerate(rule.premises))
    _check_placeholders(rule)
    filled = rule.conclude({name: _SENTINEL.format(name) for name in rule.variables})
    actions = "\n  ".join(_assertion(rule, c) for c in filled)
    return (f"(defrule rule-{number} (declare (salience {salience}))\n  {patterns}\n  =>\n"
            f"  {actions})")


def reader(fact_type: type) -> str:
    """The CLIPS name of the function giving the slots of every fact of a type in a row."""
    return f"facts-of-{fact_type.__name__}"


def _reader(fact_type: type) -> str:
    """The reader's deffunction. CLIPS copies a multifield whole to add to it, so the row is
    made of chunks: adding each fact to one long row would take time quadratic in the facts."""
    slots = " ".join(f"?fact:{name}" for name in slots_of(fact_type))
    return (f"(deffunction {reader(fact_type)} ()\n"
            f"  (bind ?row (create$))\n  (bind ?chunk (create$))\n"
            f"  (do-for-all-facts ((?fact {fact_type.__name__})) TRUE\n"
            f"    (bind ?chunk (create$ ?chunk {slots}))\n"
            f"    (if (>= (length$ ?chunk) 64) then\n"
            f"      (bind ?row (create$ ?row ?chunk))\n      (bind ?chunk (create$))))\n"
            f"  (create$ ?row ?chunk))")


def clips_constructs(rules: Sequence[Rule]) -> Iterator[str]:
    """The deftemplates, functions and defrules for ``rules``, each a construct for CLIPS's
    ``build``."""
    for fact_type in FACT_TYPES:
        slots = " ".join(f"(slot {name})" for name in slots_of(fact_type))
        yield f"(deftemplate {fact_type.__name__} {slots})"
        yield _reader(fact_type)
    yield (f"(deffunction {ASSERT_INPUTS} ($?pairs)\n"
           f"  (loop-for-count (?i 1 (div (length$ ?pairs) 2))\n"
           f"    (assert ({Input.__name__} (field (nth$ (- (* 2 ?i) 1) ?pairs))"
           f" (value (nth$ (* 2 ?i) ?pairs))))))")
    depths = fact_depths(rules)
    for number, rule in enumerate(rules):
        try:
            yield _defrule(rule, number, -max(depths[p.fact_type] for p in rule.premises))
        except Untranslatable as error:
            raise Untranslatable(f"rule {rule.id}: {error}") from None

