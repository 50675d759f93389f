"""The questions an interview can ask: one per profile field (two lists asked whole), as data.

Each question names the field as a profile writes it (``step2ck.score``), says what it asks in
words, what answers it takes, whether "don't know" is an answer (``optional``), the rule inputs
its answer feeds (``feeds``: a derived input such as ``usce.hands_on_months`` comes from the
``usce`` list), and when it applies at all (``only_when``): a Step 2 CK score is asked only once
the exam is taken, a visa only of a non-US citizen. The order of the table is the order of
questions of equal weight.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

import attrs

from expert.inputs.text import number_in
from knowledge_base.profile import ATTEMPTS, SCORE, SPECIALTIES, SPECIALTY_NAMES, Profile

__all__ = ["EXPERIENCE_TYPES", "QUESTIONS", "Question", "default_of", "question"]

EXPERIENCE_TYPES = ("observership", "externship", "elective", "sub_internship")


@attrs.frozen
class Question:
    """What can be asked about one field (see the module's docstring)."""

    field: str
    text: str
    help: str
    kind: str
    """``choice``, ``number``, ``yes_no``, ``step1`` (pass, fail or a score), or ``list`` (the
    US clinical experience blocks, the letters)."""
    choices: tuple[Any, ...] = ()
    low: Optional[float] = None
    high: Optional[float] = None
    optional: bool = True
    """Whether "don't know" (``skip``) is an answer: the field is left out and the profile's
    default stands."""
    feeds: tuple[str, ...] = ()
    """The rule inputs the answer feeds; the field itself when empty."""
    only_when: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    """(field, values): asked only when each such field is answered with one of its values."""

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.feeds or (self.field,)

    @property
    def allowed(self) -> str:
        """The answers it takes, in words."""
        if self.kind == "choice":
            return "one of " + ", ".join(map(str, self.choices))
        if self.kind == "yes_no":
            return "yes or no"
        if self.kind == "step1":
            return f"pass, fail, or the score ({SCORE[0]}–{SCORE[1]})"
        if self.kind == "number":
            return f"a number from {self.low:g} to {self.high:g}"
        return "a list (see help)"

    def read(self, text: str) -> Any:
        """The answer typed as ``text``, as the profile holds it (``"230"`` -> 230, ``"yes"`` ->
        True, ``"internal medicine"`` -> ``"internal_medicine"``); ValueError says what to
        type. Ranges are checked when the answer is given, as ``advise`` checks them."""
        words = text.strip()
        if self.kind == "choice":
            return _choice_of(words, self.choices)
        if self.kind == "yes_no":
            return _yes_no(words)
        if self.kind == "step1":
            return words.lower() if words.lower() in ("pass", "fail") else _whole(words, self)
        if self.kind == "number":
            return _whole(words, self)
        return _blocks(words, self.field)

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether it is asked, given ``answers`` (an unanswered field counts as its
        default)."""
        return all(answers.get(field, default_of(field)) in values
                   for field, values in self.only_when)


_NAMED = {**{name.lower(): key for key, name in SPECIALTY_NAMES.items()},
          "pm&r": "pmr", "ent": "otolaryngology", "ob/gyn": "obgyn", "im": "internal_medicine",
          "fm": "family_medicine"}
"""Specialties as people write them."""


def _choice_of(text: str, choices: tuple[Any, ...]) -> Any:
    key = text.lower().replace("-", "_").replace(" ", "_")
    named = _NAMED.get(text.lower())
    for found in (key, named):
        if found in choices:
            return found
    raise ValueError(f"{text!r} is not one of the answers: {', '.join(map(str, choices))}")


def _yes_no(text: str) -> bool:
    word = text.lower()
    if word in ("yes", "y", "true"):
        return True
    if word in ("no", "n", "false"):
        return False
    raise ValueError(f"{text!r}: answer yes or no")


def _whole(text: str, asked: Question) -> int:
    number = number_in(text, whole=True)  # ASCII digits: not ٢٢٠ or 2_20, which int() reads
    if not isinstance(number, int) or number < 0:
        raise ValueError(f"{text!r}: type {asked.allowed}, in digits")
    return number


def _blocks(text: str, field: str) -> list[dict[str, Any]]:
    """A list question's answer: blocks separated by ';' (see the questions' help)."""
    if text.lower() in ("", "none", "0"):
        return []
    blocks = []
    for part in text.split(";"):
        words = part.split()
        if not words:
            continue
        specialty = _choice_of(words[0], SPECIALTIES)
        if field == "letters":
            if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("us", "non-us")):
                raise ValueError(f"{part.strip()!r}: write SPECIALTY and us or non-us, e.g. "
                                 f"'internal_medicine us'")
            blocks.append({"specialty": specialty,
                           "us": len(words) == 1 or words[1].lower() == "us"})
            continue
        if len(words) not in (3, 4):
            raise ValueError(f"{part.strip()!r}: write SPECIALTY TYPE MONTHS [hands-on|"
                             f"observing], e.g. 'internal_medicine externship 2'")
        block: dict[str, Any] = {"specialty": specialty,
                                 "type": _choice_of(words[1], EXPERIENCE_TYPES)}
        months = number_in(words[2])
        if months is None:
            raise ValueError(f"{words[2]!r}: the months as a number, e.g. 2 or 0.5")
        block["months"] = months
        if len(words) == 4:
            if words[3].lower() not in ("hands-on", "observing"):
                raise ValueError(f"{words[3]!r}: hands-on or observing")
            block["hands_on"] = words[3].lower() == "hands-on"
        blocks.append(block)
    return blocks


def default_of(path: str) -> Any:
    """The default a profile gives the field at ``path`` (None when it has none)."""
    owner: Any = Profile
    *parents, name = path.split(".")
    for parent in parents:
        owner = attrs.fields_dict(attrs.resolve_types(owner))[parent].type
    default = attrs.fields_dict(attrs.resolve_types(owner))[name].default
    made = hasattr(default, "factory")  # an attrs.Factory: made per profile, not one value
    return None if default is attrs.NOTHING or made else default


def _number(field: str, text: str, help: str, span: tuple[float, float], **kw: Any) -> Question:
    return Question(field, text, help, "number", low=span[0], high=span[1], **kw)


def _choice(field: str, text: str, help: str, choices: tuple[Any, ...],
            **kw: Any) -> Question:
    return Question(field, text, help, "choice", choices=choices, **kw)


_SPECIALTY_LIST = "; ".join(f"{key} ({name})" for key, name in SPECIALTY_NAMES.items())

QUESTIONS: tuple[Question, ...] = (
    _choice("specialty", "Which specialty are you applying to?",
            f"The specialty of your main application: {_SPECIALTY_LIST}.", SPECIALTIES,
            optional=False),
    Question("step1.result", "What was your USMLE Step 1 result?",
             "pass or fail in the pass/fail era, or your three-digit score if you have one.",
             "step1", optional=False,
             feeds=("step1.result", "step1.score", "step2ck.gain_over_step1")),
    _number("step1.attempts", "How many times have you taken Step 1, counting the last?",
            "2 or more means an earlier failure, which programs see.", ATTEMPTS),
    _choice("step2ck.status", "Where are you with Step 2 CK?",
            "taken (you have a score), pending (not taken yet), or failed (not yet passed).",
            ("taken", "pending", "failed")),
    _number("step2ck.score", "What is your Step 2 CK score?", "The three-digit score.",
            SCORE, optional=False, only_when=(("step2ck.status", ("taken",)),),
            feeds=("step2ck.score", "step2ck.gain_over_step1", "step3.gain_over_step2ck")),
    _number("step2ck.practice_score", "What was your latest practice (NBME) score?",
            "While Step 2 CK is pending, the latest practice exam says how ready you are.",
            SCORE, only_when=(("step2ck.status", ("pending",)),)),
    _number("step2ck.attempts", "How many times have you taken Step 2 CK, counting the last?",
            "2 or more means an earlier failure.", ATTEMPTS),
    _choice("citizenship", "What is your US citizenship status?",
            "non_us (you need a visa), us_citizen or permanent_resident.",
            ("non_us", "us_citizen", "permanent_resident")),
    _choice("visa", "Which visa will you need for residency?",
            "j1 (most programs sponsor it), h1b, or none.", ("j1", "h1b", "none"),
            only_when=(("citizenship", ("non_us",)),)),
    _choice("phase", "Where are you in the application cycle?",
            "preparing (before applying), applying (ERAS submitted), interviewing, ranking, or "
            "unmatched (the Match is over without a position).",
            ("preparing", "applying", "interviewing", "ranking", "unmatched")),
    _number("months_until_eras", "How many months until ERAS opens for your season?",
            "Count to the month ERAS opens for the cycle you are aiming at.", (0, 60),
            only_when=(("phase", ("preparing", "unmatched")),)),
    _number("season", "Which Match year are you aiming at?",
            "The year of the Match (e.g. 2027); the plan's dates are counted from it.",
            (2000, 2100), feeds=("season", "years_since_graduation")),
    _number("interviews", "How many interviews do you have so far this season?",
            "Count every interview offered or done.", (0, 200)),
    _choice("step3.status", "Have you taken Step 3?", "not_taken, passed or failed.",
            ("not_taken", "passed", "failed")),
    _number("step3.score", "What was your Step 3 score?", "The three-digit score.", SCORE,
            only_when=(("step3.status", ("passed", "failed")),),
            feeds=("step3.score", "step3.gain_over_step2ck")),
    _number("graduation_year", "In which year did you graduate from medical school?",
            "Years since graduation matter to programs with cut-offs.", (1950, 2100),
            feeds=("graduation_year", "years_since_graduation")),
    Question("usce", "What US clinical experience have you had?",
             "One block per rotation, separated by ';': SPECIALTY TYPE MONTHS [hands-on|"
             "observing], e.g. 'internal_medicine externship 2; family_medicine observership "
             f"1'. TYPE is one of {', '.join(EXPERIENCE_TYPES)}; 'none' if you have none.",
             "list", feeds=("usce.months", "usce.hands_on_months", "usce.specialty_months",
                            "usce.count", "usce.specialties")),
    Question("letters", "Which letters of recommendation do you have?",
             "One per letter, separated by ';': the writer's SPECIALTY and us or non-us, e.g. "
             "'internal_medicine us; internal_medicine us'; 'none' if you have none yet.",
             "list", feeds=("letters.count", "letters.us_count",
                            "letters.us_specialty_count", "letters.us_im_fm_count")),
    _number("research_outputs", "How many research outputs do you have?",
            "Abstracts, posters, publications and completed quality-improvement projects.",
            (0, 200)),
    Question("clinically_active", "Are you doing clinical work now?",
             "Since graduation, without long gaps.", "yes_no"),
    Question("ecfmg_certified", "Is your ECFMG certification complete?",
             "Programs need it before you start.", "yes_no"),
)

_BY_FIELD = {q.field: q for q in QUESTIONS}


def question(field: str) -> Question:
    """The question about ``field``."""
    try:
        return _BY_FIELD[field]
    except KeyError:
        raise KeyError(f"no question about {field!r}; the fields asked about are "
                       f"{', '.join(_BY_FIELD)}") from None
