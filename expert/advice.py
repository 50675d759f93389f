"""``advise(profile) -> Advice``: the front door for Python callers.

``Advice`` composes the rooms: it holds a consultation's outcome (``consultation``), answers
questions about it (``questions``, through the ``Answer`` protocol it implements), and judges a
program list (``triage``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

import orjson

from expert import caches
from expert.consultation.consult import Decision, Outcome, consult
from expert.consultation.provenance import GRAPH_PARTS, trace_of
from expert.consultation.readable_json import readable_fragment, readable_json, spelled_alike
from expert.consultation.recommendation import Recommendation, decision_json
from expert.engine.recording import EnginePool, default_pool
from expert.inputs.advice_schema import CARRIES, SCHEMA_VERSION
from expert.inputs.profiles import profile_to_dict, to_profile
from expert.inputs.program_lists import to_programs
from expert.plan.steps import Plan, make_plan
from expert.questions.counterfactuals import DEFAULT_BUDGET, Counterfactuals, counterfactuals
from expert.questions.what_if import WhatIf, changed_profile, what_if
from expert.questions.why_not import WhyNot, check_question, why_not
from expert.report.html_view import advice_html
from expert.report.text_view import advice_text
from expert.triage.review import ProgramReview, review_programs
from expert.types import HeadlineAnswers
from explain.bound import bounded
from explain.graph import Node, build_graph, explanation_of, node_link_data, node_link_json
from explain.render import Diagram
from explain.trace import Trace
from explain.why import Why, why
from knowledge_base.kinds import KINDS, SINGLE_ANSWER_KINDS
from knowledge_base.profile import Profile
from knowledge_base.programs import Program
from knowledge_base.rule import Rule

__all__ = ["Advice", "advise"]


if TYPE_CHECKING:
    import networkx as nx


class Advice:
    """The advice for one profile: recommendations to read, a graph to question and draw."""

    def __init__(self, profile: Profile, outcome: Outcome, pool: EnginePool,
                 programs: Sequence[Program] | None = None) -> None:
        self.profile = profile
        self.outcome = outcome
        self.conflicts = outcome.conflicts
        self.memory = outcome.memory
        self.pool = pool
        self.programs: ProgramReview | None = None
        """Each program's verdict, when a program list was given (``advise(..., programs=)``)."""
        self._list_checks: tuple[Sequence[Any], Sequence[Any]] = ((), ())
        if programs is not None:
            apply_count = next((d.fact.value for d in outcome.decisions
                                if d.fact.kind == "apply_count"), None)
            self.programs, firings, facts = review_programs(
                self, programs, apply_count["min"] if apply_count else None)
            self._list_checks = (facts, firings)

    @cached_property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Every recommendation, by kind; with a program list, the list checks last (made on
        first use: ``to_json_bytes`` needs none of them)."""
        return (*map(Recommendation.from_decision, self.outcome.decisions), *self._checks)

    @cached_property
    def plan(self) -> Plan:
        """The recommendations as dated, prioritised steps (made on first use)."""
        return make_plan(self.outcome)

    @property
    def _checks(self) -> tuple[Recommendation, ...]:
        """The list checks' recommendations (none without a program list)."""
        return () if self.programs is None else self.programs.checks

    def __getitem__(self, kind: str) -> Recommendation:
        found = self.all(kind)
        if not found:
            raise KeyError(f"no {kind!r} recommendation; this advice has: {', '.join(self.kinds)}")
        if len(found) > 1:
            raise KeyError(f"{len(found)} {kind!r} recommendations; use advice.all({kind!r})")
        return found[0]

    def answers(self) -> HeadlineAnswers:
        """The values of the four headline answers, typed (``expert.types``)."""
        return cast(HeadlineAnswers, {kind: self[kind].value for kind in SINGLE_ANSWER_KINDS})

    def all(self, kind: str) -> tuple[Recommendation, ...]:
        return tuple(r for r in self.recommendations if r.kind == kind)

    def __contains__(self, kind: object) -> bool:
        return any(r.kind == kind for r in self.recommendations)

    def __iter__(self) -> Iterator[Recommendation]:
        return iter(self.recommendations)

    def __len__(self) -> int:
        return len(self.recommendations)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules this advice was given by."""
        return self.pool.rules

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.kind for r in self.recommendations))

    @cached_property
    def trace(self) -> Trace:
        """What happened in the consultation, the plan and the list checks, as provenance data
        (built on first use)."""
        trace = self.outcome.trace
        facts, firings = self._list_checks
        added = trace_of((*self.plan.facts, *facts), (*self.plan.firings, *firings))
        return Trace(trace.facts + added.facts, trace.firings + added.firings,
                     trace.supersessions)

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """The full explanation graph (built on first use)."""
        return build_graph(self.trace, GRAPH_PARTS)

    def explanation(self, kind: str) -> nx.DiGraph[str]:
        """The subgraph that explains every recommendation of ``kind``."""
        import networkx as nx  # not at the top: advice read as text needs no graph

        nodes = [r.node for r in self.all(kind)] or [self[kind].node]
        return nx.compose_all([explanation_of(self.graph, node) for node in nodes])

    def diagram(self, kind: str | None = None) -> Diagram:
        """A drawing of what explains one kind of recommendation, within the size bound of a
        focused drawing (``explain.bound``: at most ``MAX_NODES`` nodes, the farthest reasons
        collapsed into one node that says what it stands for); or, without ``kind``, of the
        whole graph, which is not bounded (some 100 to 250 nodes: for looking things up, not
        for reading at a glance)."""
        if kind is None:
            return Diagram(self.graph, f"Advice for an applicant to {self.profile.specialty}")
        focus = [r.node for r in self.all(kind)] or [self[kind].node]
        return Diagram(bounded(self.explanation(kind), focus),
                       f"Why {kind}: {self._values(kind)}")

    def why(self, kind: str | Recommendation) -> Why:
        """The chain of rules from the profile to one recommendation: of ``kind`` when there is
        one of it, else ``"kind=action"`` (``"usce_plan=get_hands_on_usce"``, or with ``:``),
        its node id, or the recommendation itself."""
        recommendation = self.recommendation(kind if isinstance(kind, str) else kind.node)
        return why(self.graph, recommendation.node,
                   f"{recommendation.kind} = {recommendation.describe_value()}")

    def recommendation(self, ref: str) -> Recommendation:
        """The one recommendation ``ref`` names: a kind with one recommendation here,
        ``"kind=action"`` (or ``"kind:action"``), or a node id."""
        by_node = [r for r in self.recommendations if r.node == ref]
        if by_node:
            return by_node[0]
        kind, _, action = (part.strip() for part in ref.partition("=" if "=" in ref else ":"))
        found = [r for r in self.all(kind) if not action or _action(r) == action]
        if len(found) == 1:
            return found[0]
        if not self.all(kind):
            raise KeyError(f"no {kind!r} recommendation; this advice has: {', '.join(self.kinds)}")
        choices = ", ".join(f"{kind}={_action(r)}" for r in self.all(kind))
        raise KeyError(f"{ref!r}: {'no' if not found else len(found)} {kind!r} recommendation"
                       f"{'' if len(found) == 1 else 's'} match; name one of: {choices}")

    def why_step(self, ref: int | str) -> Why:
        """Why the plan has a step, and why it is where it is: the chain of rules from the
        profile through the recommendations it carries out to the plan rule that placed it.
        ``ref`` is the step's priority (1 first) or its task id."""
        step = self.plan.step(ref)
        return why(self.graph, step.node, f"step {step.priority}, {step.title} "
                                          f"({step.describe_when()}; {self.plan.dating(step)})")

    def why_not(self, kind: str, value: str | None = None) -> WhyNot:
        """Why the advice does not say ``kind`` (``"step3=take"``, or ``("step3", "take")``):
        the rules that could have said it, and the premises that did not hold."""
        return why_not(self, kind, value)

    def what_if(self, changes: Mapping[str, Any] | None = None, **more: Any) -> WhatIf:
        """Advise the changed profile and compare: ``what_if(step2ck=232)``,
        ``what_if({"step2ck.score": 232, "visa": "h1b"})``."""
        return what_if(self, {**(changes or {}), **more})

    def reconsult(self, changes: Mapping[str, Any]) -> Advice:
        """The advice for the profile with ``changes`` applied (the same program list)."""
        data = changed_profile(profile_to_dict(self.profile), changes)
        return advise(data, pool=self.pool,
                      programs=None if self.programs is None else
                      [v.program for v in self.programs])

    def counterfactuals(self, kind: str, value: str | None = None, *,
                        budget: int = DEFAULT_BUDGET) -> Counterfactuals:
        """The smallest realistic changes to the profile (one field, then two) that would
        change the ``kind`` recommendation, or make it say (or stop saying) ``kind=value``.
        At most ``budget`` changed profiles are consulted."""
        name = kind.partition("=")[0].strip()
        if name not in KINDS or name == "program_list":
            searchable = ", ".join(k for k in KINDS if k != "program_list")
            raise ValueError(f"{kind!r}: not a kind of recommendation that profile changes "
                             f"are searched for; the kinds are {searchable}")
        check_question(self.rules, name,
                       value if value is not None else kind.partition("=")[2].strip() or None)
        # The program list does not bear on these kinds: search without judging it each time.
        base = self if self.programs is None else advise(self.profile, pool=self.pool)
        return counterfactuals(base, kind, value, budget)

    def _values(self, kind: str) -> str:
        return "; ".join(r.describe_value() for r in self.all(kind))

    def to_dict(self, carry: str = "explanation") -> dict[str, Any]:
        """The stable JSON shape (``expert.inputs.advice_schema``). ``carry`` says how much:
        ``explanation`` (the default: what ``advise --format json`` writes) has every
        recommendation with its summary and sources, the plan's steps in full, its branch,
        time check and calendar, and the explanation as node-link data; ``plan`` has each
        recommendation's kind, value, strength and rule and the plan's steps in brief;
        ``answers`` only the recommendations in brief. With a program list, each also has
        ``programs`` (each program's verdict, the counts, the measures)."""
        if carry != "explanation":
            return self._brief(carry)
        return self._shape([r.to_dict() for r in self.recommendations],
                           node_link_data(self.trace, GRAPH_PARTS))

    def to_json_bytes(self, carry: str = "explanation") -> bytes:
        """``to_dict(carry)`` as one line of compact JSON, UTF-8, written by orjson: what
        ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` writes (a number in
        exponent form may be spelled differently), at a fraction of the cost, for the
        recommendations and the explanation's nodes are written from JSON kept across
        consultations."""
        if carry != "explanation":
            return orjson.dumps(self._brief(carry))
        recommendations = [*map(decision_json, self.outcome.decisions),
                           *(r.to_dict() for r in self._checks)]
        return orjson.dumps(self._shape(recommendations,
                                        orjson.Fragment(node_link_json(self.trace, GRAPH_PARTS))))

    def _shape(self, recommendations: list[Any], explanation: Any) -> dict[str, Any]:
        shape = {"schema_version": SCHEMA_VERSION, "carries": "explanation",
                 "recommendations": recommendations, **self.plan.parts(),
                 "explanation": explanation}
        return self._with_programs(shape)

    def _brief(self, carry: str) -> dict[str, Any]:
        """The advice in brief, for many profiles at once (see ``to_dict``)."""
        if carry not in CARRIES:
            raise ValueError(f"carry={carry!r}: one of {', '.join(CARRIES)}")
        shape: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "carries": carry,
                                 "recommendations": [r.brief() for r in self.recommendations]}
        if carry == "plan":
            branch, check, calendar = self.plan.branch, self.plan.check, self.plan.calendar()
            shape.update(
                plan=[step.brief() for step in self.plan],
                plan_branch=None if branch is None else {"cycle": branch.cycle,
                                                         "match_year": self.plan.cycle.match_year},
                plan_check=None if check is None else {"verdict": check.verdict},
                calendar={"eras_opens": calendar["eras_opens"], "now": calendar["now"]})
        return self._with_programs(shape)

    def _with_programs(self, shape: dict[str, Any]) -> dict[str, Any]:
        if self.programs is not None:
            shape["programs"] = self.programs.to_dict()
        return shape

    def to_json(self, indent: int | None = 2) -> str:
        """``to_dict()`` as JSON with sorted keys (``advise --format json``); with the
        default indent, written from the recommendations' and the graph nodes' JSON kept
        across consultations (``readable_json``)."""
        if indent != 2:
            return json.dumps(self.to_dict(), indent=indent, sort_keys=True,
                              ensure_ascii=False)
        try:
            recommendations = [*map(_readable_recommendation, self.outcome.decisions),
                               *(r.to_dict() for r in self._checks)]
            explanation = node_link_data(self.trace, GRAPH_PARTS, _readable_node)
        except orjson.JSONEncodeError:  # a value orjson does not write: see readable_json
            return readable_json(self.to_dict())
        shape = self._shape(recommendations, explanation)
        # The explanation's edges hold node ids, edge types and reasons: only text. The
        # rest is fragments, checked when written, and the plan's and programs' parts.
        rest = [value for key, value in shape.items() if key != "explanation"]
        return readable_json(shape, plain=self.to_dict, checked=spelled_alike(rest))

    def text(self, *, detail: bool = False, focus: str | None = None, width: int = 100) -> str:
        """The advice for a person to read: the headline answers and the plan's first steps,
        the whole plan, then the rest by topic; ``detail`` adds each recommendation's rule and
        sources, ``focus`` keeps one kind, written with ``_`` or ``-``
        (``expert.report.text_view``)."""
        focus = None if focus is None else focus.replace("-", "_")
        if focus is not None and focus not in self:
            raise KeyError(f"no {focus!r} recommendation; this advice has: "
                           f"{', '.join(self.kinds)}")
        return advice_text(self, detail=detail, focus=focus, width=width)

    def __str__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        """In a notebook: who it is for, the headline answers and the first steps."""
        return advice_html(self)

    def __repr__(self) -> str:
        """One line: the headline answers, how many recommendations, the plan's length
        (``print(advice)`` shows it all)."""
        answers = "; ".join(f"{r.kind} {r.describe_value()}" for r in self.recommendations
                            if r.kind in SINGLE_ANSWER_KINDS and r.kind != "outlook")
        return (f"<Advice for an applicant to {self.profile.specialty}: {answers}; "
                f"{len(self)} recommendations, a plan of {len(self.plan)} steps>")


@caches.READABLE_RECOMMENDATIONS
def _readable_recommendation(decision: Decision) -> orjson.Fragment:
    """A recommendation's readable JSON where ``to_json`` writes it (advice, recommendations,
    the recommendation: two deep)."""
    return readable_fragment(Recommendation.from_decision(decision).to_dict(), 2)


@caches.READABLE_NODES
def _readable_node(node: Node) -> orjson.Fragment:
    """A graph node's readable JSON where ``to_json`` writes it (advice, explanation, nodes,
    the node: three deep)."""
    return readable_fragment({**node.attributes, "id": node.id}, 3)


def _action(recommendation: Recommendation) -> str:
    """What tells a recommendation from others of its kind: its action, else (a score band)
    its exam, else its value."""
    value = recommendation.value
    if isinstance(value, dict):
        return str(value.get("action", value.get("exam", recommendation.describe_value())))
    return str(value)


def advise(
    profile: Profile | Mapping[str, Any] | str | os.PathLike[str],
    *,
    pool: EnginePool | None = None,
    programs: str | os.PathLike[str] | Sequence[Program | Mapping[str, Any]] | None = None,
) -> Advice:
    """Advise one applicant, and judge their program list if one is given.

    ``profile`` is a ``Profile``, a mapping of its fields, or the path of a JSON or TOML file.
    ``programs`` is the path of a CSV, JSON or TOML program list, or a list of ``Program``
    values or mappings (docs/programs.md). Raises ``ProfileError`` (listing every problem) when
    the profile is not valid, ``ProgramListError`` when the list is not (both are ``InputError``).
    The result depends only on the inputs: no clock, no state kept between calls.
    """
    valid = to_profile(profile)
    checked = None if programs is None else to_programs(programs)
    pool = pool or default_pool()
    return Advice(valid, consult(valid, pool), pool, checked)

