"""``img-advisor interview`` in a terminal: one question at a time, then the advice.

At any prompt the applicant may type an answer, or ``why`` (the rules that need the answer),
``help`` (what to type), ``back`` (change the last answer), or press Enter for "don't know"
where the field is optional. When standard input is not a terminal, each line is one answer,
so a script can drive the interview. Nothing is written until the interview is done: Ctrl-C
or the end of the input leaves no file behind.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Optional

from expert.errors import ProfileError, UsageError
from expert.interview import Interview, Question

__all__ = ["REASONS_SHOWN", "converse"]

REASONS_SHOWN = 4
"""``why`` lists this many rules (the headline ones first) and counts the rest."""
COMMANDS = "why, help, back" + "; Enter for don't know where it is optional"


def _prompt(asked: Question, number: int) -> str:
    hint = asked.allowed + ("; Enter: don't know" if asked.optional else "")
    return f"\n{number}. {asked.text}\n   ({hint})\n> "


def _why(interview: Interview) -> str:
    reasons = interview.why()
    lines = [f"Asked because {len(reasons.reasons)} rule(s) that can still apply read "
             f"{reasons.field}:"] if reasons.reasons else []
    lines += [str(reason) for reason in reasons.reasons[:REASONS_SHOWN]]
    hidden = len(reasons.reasons) - REASONS_SHOWN
    if hidden > 0:
        lines.append(f"... and {hidden} more.")
    if reasons.note:
        lines.append(reasons.note)
    return "\n".join(lines)


def converse(interview: Interview, read: Callable[[str], str] = input,
             say: Callable[[str], None] = print) -> Interview:
    """Run ``interview`` to its end with ``read`` (``input``) and ``say`` (``print``).
    Raises UsageError when the input ends first; KeyboardInterrupt passes through."""
    number = 1
    while (asked := interview.next_question()) is not None:
        try:
            typed = read(_prompt(asked, number)).strip()
        except EOFError:
            left = f"the next question was {asked.field!r}"
            raise UsageError(f"the answers ended before the interview was done ({left}); "
                             f"nothing was written") from None
        if not sys.stdin.isatty():
            say(typed)
        command = typed.lower()
        if command == "why":
            say(_why(interview))
        elif command in ("help", "?"):
            say(f"{asked.help}\nAnswers: {asked.allowed}. Commands: {COMMANDS}.")
        elif command == "back":
            taken_back: Optional[Question] = interview.back()
            if taken_back is None:
                say("There is no answer to take back yet.")
            else:
                number -= 1
                say(f"Taking back the answer to: {taken_back.text}")
        elif not typed and asked.optional:
            interview.skip()
            number += 1
        else:
            try:
                if not typed:
                    raise ValueError(f"{asked.field} is needed: {asked.allowed}")
                interview.answer(asked.read(typed))
            except ValueError as error:  # ProfileError is a ValueError too
                say(f"Not an answer: {_problem(error)}. Type help for what to write.")
                continue
            number += 1
    return interview


def _problem(error: ValueError) -> str:
    if isinstance(error, ProfileError):
        return "; ".join(map(str, error.problems))
    return str(error)
