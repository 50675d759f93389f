"""Input text: the TOML written for a file to start from reads back to the same data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expert
from expert.inputs.text import toml_text, tomllib

EXAMPLE_FILES = sorted((Path(expert.__file__).parent / "examples").glob("*.json"))

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
scalars = st.one_of(st.booleans(), st.integers(-2**63, 2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False), text)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)), max_leaves=12)
documents = st.dictionaries(text, st.one_of(
    values, st.lists(st.dictionaries(text, values, max_size=3), min_size=1, max_size=3)),
    max_size=6)


@settings(max_examples=300, deadline=None)
@given(data=documents)
def test_toml_text_reads_back_to_the_same_data(data):
    assert tomllib.loads(toml_text(data)) == data


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_a_profile_reads_back_without_its_nulls(path):
    data = json.loads(path.read_text("utf-8"))
    assert tomllib.loads(toml_text(data)) == {k: v for k, v in data.items() if v is not None}


def test_lists_of_objects_become_tables_at_the_end_and_the_header_comes_first():
    written = toml_text({"usce": [{"specialty": "pmr", "hands_on": None}], "season": 2027},
                        "#:schema ./x.json")
    assert written == '#:schema ./x.json\nseason = 2027\n\n[[usce]]\nspecialty = "pmr"\n'


@pytest.mark.parametrize("value", ["a\x7fb", 'say "hi"\n', "back\\slash", "\x00\x1b"])
def test_text_that_toml_wants_escaped_is_escaped(value):
    assert tomllib.loads(toml_text({"notes": value})) == {"notes": value}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), [None], object()])
def test_what_toml_cannot_hold_is_refused(value):
    with pytest.raises(ValueError, match="no TOML"):
        toml_text({"x": value})
