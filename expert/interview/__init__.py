"""The interview: a profile built one question at a time, asking only what can change the
advice, each question able to say why it is asked (``Interview``, ``Question``)."""

from expert.interview.questions import QUESTIONS, Question
from expert.interview.session import Interview, WhyAsked

__all__ = ["QUESTIONS", "Interview", "Question", "WhyAsked"]
