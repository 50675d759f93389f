"""The published types agree with the knowledge base, and with what the advice holds."""

from __future__ import annotations

import subprocess
import sys
import typing

import pytest

import expert
from expert import advise
from expert.examples import EXAMPLES, example_profile
from expert.types import (
    ApplyCount,
    ApplyCountPart,
    HeadlineAnswers,
    Kind,
    Outlook,
    PrelimBackup,
    Step3Answer,
    Strength,
)
from knowledge_base.kinds import KINDS, SINGLE_ANSWER_KINDS
from knowledge_base.rule import STRENGTHS
from tests.conftest import REPO


def test_the_literals_list_exactly_the_kinds_and_strengths():
    assert typing.get_args(Kind) == tuple(KINDS)
    assert typing.get_args(Strength) == STRENGTHS
    assert tuple(HeadlineAnswers.__annotations__) == SINGLE_ANSWER_KINDS


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_headline_answers_have_the_typed_shapes(name):
    answers = advise(example_profile(name)).answers()
    assert answers["outlook"] in typing.get_args(Outlook)
    assert answers["step3"] in typing.get_args(Step3Answer)
    assert set(answers["apply_count"]) == set(ApplyCount.__annotations__)
    assert all(set(part) == set(ApplyCountPart.__annotations__)
               for part in answers["apply_count"]["parts"])
    assert set(answers["prelim_backup"]) == set(PrelimBackup.__annotations__)


def test_the_version_is_the_installed_one():
    from importlib import metadata

    assert expert.__version__ == metadata.version("img-advisor")


def test_the_typed_client_runs():
    result = subprocess.run([sys.executable, str(REPO / "tests" / "typing" / "client.py")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "60-80 programs" in result.stdout
