"""The advisor's front door: ``advise(profile) -> Advice``, input parsing and the CLI.

    >>> from expert import advise
    >>> advice = advise({"specialty": "pmr", "step1": {"result": "pass"},
    ...                  "step2ck": {"score": 214}})
    >>> advice["apply_count"].value["min"], advice["apply_count"].value["max"]
    (60, 80)
"""

from expert.advice import Advice, Recommendation, advise
from expert.errors import Problem, ProfileError, ProgramListError
from knowledge_base.profile import Profile
from knowledge_base.programs import Program

__all__ = ["Advice", "Problem", "Profile", "ProfileError", "Program", "ProgramListError",
           "Recommendation", "advise"]
