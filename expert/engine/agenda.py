"""The agenda of the recording engine: activations by layer, each layer put in order once.

Rules fire layer by layer (``expert.engine.firing``: a rule's salience is minus the depth of
the deepest fact type it reads), and a rule concludes only facts deeper than any it reads. So
once a layer begins, its activations are all known, and firing them adds and withdraws only
activations of later layers. experta's agenda keeps every activation in firing order after
every firing; this one holds the later layers' activations unordered, and orders a layer once,
when it begins, the way experta's ``DepthStrategy`` would: the newest facts first, then the
rule written first.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from expert.engine.compat import experta

if TYPE_CHECKING:  # experta is imported through compat only
    from experta.activation import Activation

__all__ = ["RULE_PREFIX", "LayeredAgenda", "LayeredStrategy"]

_KEY = attrgetter("key")

RULE_PREFIX = "rule_"
"""The engine's name of a rule is this and the rule's place in the knowledge base."""


class LayeredAgenda(experta.agenda.Agenda):
    """experta's agenda: ``activations`` is the layer under way, the next to fire rightmost;
    ``waiting`` holds the later layers' activations, in the order they were added."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, Activation] = {}
        """Activations by ``id``: the matcher withdraws the very activation it gave."""

    def get_next(self) -> Activation | None:
        """The next activation to fire, beginning the next layer when this one is done."""
        if not self.activations and self.waiting:
            self._begin_layer()
        return super().get_next()

    def _begin_layer(self) -> None:
        salience = max(activation.rule.salience for activation in self.waiting.values())
        layer = [activation for activation in self.waiting.values()
                 if activation.rule.salience == salience]
        for activation in layer:
            del self.waiting[id(activation)]
        # Popped from the right: the highest key fires first and, among equal keys, the one
        # added last, as experta's insertion to the right of equal keys has it.
        layer.sort(key=_KEY)
        self.activations = layer


class LayeredStrategy(experta.strategies.DepthStrategy):
    """experta's depth strategy over a ``LayeredAgenda``.

    experta removes a cancelled activation by bisecting to its key and checking only that
    position and its two neighbours; activations of different rules on the same facts share a
    key, so a cancelled one (a negated premise that stopped holding) could stay on the agenda
    and fire. Here it is removed by identity. And ties are broken by rule order, so the firing
    order never depends on Python's hash seed.
    """

    def get_key(self, activation: Activation) -> Any:
        fact_ids = sorted([f["__factid__"] for f in activation.facts], reverse=True)
        return (activation.rule.salience, fact_ids, -_rule_index(activation.rule.__name__))

    def _update_agenda(self, agenda: LayeredAgenda, added: Iterable[Activation],
                       removed: Iterable[Activation]) -> None:
        waiting = agenda.waiting
        for activation in removed:  # never one of the layer under way (see the module's doc)
            waiting.pop(id(activation), None)
        for activation in added:
            activation.key = self.get_key(activation)
            waiting[id(activation)] = activation


def _rule_index(name: str) -> int:
    return int(name[len(RULE_PREFIX):])
