"""A rule of the knowledge base: premises, conclusions and the metadata that explains it."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from knowledge_base.conditions import Pattern, Test
from knowledge_base.facts import Fact, Proposal, recommend
from knowledge_base.profile import SPECIALTY_NAMES
from knowledge_base.sources import Source

__all__ = ["STRENGTHS", "Rule", "may_match", "tests_by_field"]

STRENGTHS = ("must", "should", "consider", "caution", "info")
"""How strongly a rule's advice is meant; ``info`` marks rules that assess rather than advise."""

_RULE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


def _valid_id(_instance: object, _attribute: object, value: str) -> None:
    if not _RULE_ID.match(value):
        raise ValueError(f"rule id {value!r} must be dotted lower-case words, e.g. 'step3.h1b'")


def _non_empty(_instance: object, attribute: attrs.Attribute, value: tuple) -> None:
    if not value:
        raise ValueError(f"a rule needs at least one item in {attribute.name}")


_WHOLE_PLACEHOLDER = re.compile(r"^\{([a-z_][a-z0-9_]*)\}$")


def _fill(value: Any, bindings: Mapping[str, Any]) -> Any:
    """Replace ``{variable}`` placeholders in the strings of a JSON-like value. A string that is
    one placeholder and nothing else becomes the bound value itself, so numbers stay numbers."""
    if isinstance(value, str):
        whole = _WHOLE_PLACEHOLDER.match(value)
        if whole and whole.group(1) in bindings:
            return bindings[whole.group(1)]
        return value.format_map(bindings) if "{" in value else value
    if isinstance(value, list):
        return [_fill(item, bindings) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, bindings) for key, item in value.items()}
    return value


def _placeholders(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from (name for _, name, _, _ in string.Formatter().parse(value) if name)
    elif isinstance(value, list):
        for item in value:
            yield from _placeholders(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _placeholders(item)


def _templates(conclusion: Fact) -> dict[str, Any]:
    """The conclusion's fields that may hold placeholders, by name."""
    if isinstance(conclusion, Proposal):
        return {"value": conclusion.value, "summary": conclusion.summary}
    return {f.name: getattr(conclusion, f.name) for f in attrs.fields(type(conclusion))}


@attrs.frozen(cache_hash=True)
class Rule:
    """If every premise holds, the conclusions are asserted.

    ``specificity`` ranks rules that propose answers of the same single-answer kind: the
    proposal of the most specific rule wins, and the others are recorded as superseded.
    Conclusions may contain ``{variable}`` placeholders for values bound by the premises.
    """

    id: str = attrs.field(validator=_valid_id)
    title: str
    strength: str = attrs.field(validator=attrs.validators.in_(STRENGTHS))
    sources: tuple[Source, ...] = attrs.field(validator=_non_empty)
    premises: tuple[Pattern, ...] = attrs.field(validator=_non_empty)
    conclusions: tuple[Fact, ...] = attrs.field(validator=_non_empty)
    specificity: int = 0

    def __attrs_post_init__(self) -> None:
        if all(p.negated for p in self.premises):
            raise ValueError(f"rule {self.id}: needs at least one premise that is not negated")
        bound = self.variables
        for conclusion in self.conclusions:
            unbound = set(_placeholders(_templates(conclusion))) - bound
            if unbound:
                raise ValueError(f"rule {self.id}: placeholders {sorted(unbound)} are not bound")

    @property
    def precedence(self) -> tuple[int, str]:
        """A sort key: the most specific rule first, ties by id."""
        return -self.specificity, self.id

    @property
    def variables(self) -> set[str]:
        return {var for p in self.premises for _, var in p.bindings}

    @property
    def answer_variables(self) -> set[str]:
        """The bound variables that reach a conclusion's value, not only a summary's words."""
        return {name for conclusion in self.conclusions
                for key, template in _templates(conclusion).items() if key != "summary"
                for name in _placeholders(template)}

    @property
    def concludes(self) -> tuple[str, ...]:
        """What the rule concludes, in words: fact types, and kinds for recommendations."""
        return tuple(
            f"recommendation {c.kind}" if isinstance(c, Proposal) else type(c).__name__
            for c in self.conclusions
        )

    def may_conclude(self, pattern: Pattern) -> bool:
        """Whether some firing of this rule could assert a fact that ``pattern`` matches
        (a ``{variable}`` placeholder stands for any value)."""
        return any(may_match(pattern, conclusion) for conclusion in self.conclusions)

    def conclude(self, bindings: Mapping[str, Any]) -> tuple[Fact, ...]:
        """The conclusions with the premises' bound values filled in."""
        if not bindings:
            return self.conclusions
        return tuple(_instantiate(c, bindings) for c in self.conclusions)


def may_match(pattern: Pattern, conclusion: Fact) -> bool:
    """Whether a rule's conclusion, once its placeholders are filled, could match ``pattern``."""
    if not isinstance(conclusion, pattern.fact_type):
        return False
    open_fields = {name for name, value in _templates(conclusion).items()
                   if any(_placeholders(value))}
    if "value" in open_fields:
        open_fields.add("value_json")
    return all(test(getattr(conclusion, name))
               for name, test in pattern.constraints if name not in open_fields)


def _in_words(value: Any) -> Any:
    """A bound value as a summary writes it: a specialty by its name, not its id; a whole
    number of months as 2, not 2.0."""
    if isinstance(value, str):
        return SPECIALTY_NAMES.get(value, value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _instantiate(conclusion: Fact, bindings: Mapping[str, Any]) -> Fact:
    if isinstance(conclusion, Proposal):
        words = {name: _in_words(value) for name, value in bindings.items()}
        return recommend(
            conclusion.kind,
            _fill(conclusion.value, bindings),
            str(_fill(conclusion.summary, words)),
        )
    return attrs.evolve(conclusion, **_fill(_templates(conclusion), bindings))


def tests_by_field(rules: Iterable[Rule]) -> dict[str, list[Test]]:
    """Every test a premise makes on each input field (a field only required to be given has
    an empty list): the values where the rules' answers can change."""
    tests: dict[str, list[Test]] = {}
    for rule in rules:
        for premise in rule.premises:
            field = premise.input_field
            if field is None:
                continue
            found = tests.setdefault(field, [])
            test = dict(premise.constraints).get("value")
            if test is not None and test not in found:
                found.append(test)
    return tests
