"""``readable_json`` writes, byte for byte, what the standard library writes with
``indent=2, sort_keys=True, ensure_ascii=False``: for the advice of the examples and of
generated profiles, and for any JSON-like data (floats of every size, any text, deep nesting,
keys that are not strings); and the same when written from pieces written before
(``readable_fragment``), as ``Advice.to_json`` writes the advice."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expert import advise
from expert.consultation.readable_json import readable_fragment, readable_json, spelled_alike
from expert.examples import PROGRAM_EXAMPLES, example_profile, example_profiles, example_programs
from tests.strategies import profiles


def standard(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("name", sorted(example_profiles()))
def test_the_examples_advice_as_the_standard_library_writes_it(name: str) -> None:
    advice = advise(example_profiles()[name])
    assert advice.to_json() == standard(advice.to_dict())


@pytest.mark.parametrize("name", sorted(PROGRAM_EXAMPLES))
def test_advice_with_a_program_list_as_the_standard_library_writes_it(name: str) -> None:
    profile = PROGRAM_EXAMPLES[name][0]
    advice = advise(example_profile(profile), programs=example_programs(name))
    assert advice.to_json() == standard(advice.to_dict())


@settings(max_examples=40, deadline=None)
@given(profiles())
def test_generated_profiles_advice_as_the_standard_library_writes_it(data: dict) -> None:
    advice = advise(data)
    assert advice.to_json() == standard(advice.to_dict())


@settings(max_examples=40, deadline=None)
@given(profiles())
def test_advice_written_from_pieces_is_the_advice_written_whole(data: dict) -> None:
    """``to_json`` writes the recommendations and graph nodes from JSON kept across
    consultations: the same text as its dict written at once, asked once or again."""
    advice = advise(data)
    assert advice.to_json() == readable_json(advice.to_dict()) == advise(data).to_json()


@pytest.mark.parametrize("name", sorted(example_profiles()))
def test_the_examples_advice_written_from_pieces_is_the_advice_written_whole(name: str) -> None:
    advice = advise(example_profiles()[name])
    assert advice.to_json() == readable_json(advice.to_dict())


leaves = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
                                                                   allow_infinity=False)
          | st.text())
json_like = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(json_like)
def test_any_json_like_data_as_the_standard_library_writes_it(data: Any) -> None:
    assert readable_json(data) == standard(data)


@settings(max_examples=300, deadline=None)
@given(json_like, json_like, st.integers(0, 3), st.booleans())
def test_pieces_written_before_as_the_whole_is_written(piece: Any, other: Any, depth: int,
                                                       in_a_list: bool) -> None:
    """A piece placed ``depth`` arrays or objects deep, among other values; where the piece
    holds a float orjson spells differently, the standard library writes the plain data."""
    def placed(value: Any) -> Any:
        for _ in range(depth):
            value = [other, value] if in_a_list else {"a": other, "b": value}
        return value

    try:
        written = readable_fragment(piece, depth)
    except orjson.JSONEncodeError:  # refused (an integer beyond 64 bits, a small float): the
        return  # caller writes the plain data, as to_json does
    assert readable_json(placed(written), plain=lambda: placed(piece)) == standard(placed(piece))


@pytest.mark.parametrize("piece", [{"big": 2**70}, {"small": [1, 1e-5]}])
def test_a_piece_orjson_does_not_write_or_spells_differently_is_refused(piece: Any) -> None:
    with pytest.raises(orjson.JSONEncodeError):
        readable_fragment(piece, 1)


@settings(max_examples=300, deadline=None)
@given(json_like)
def test_data_spelled_alike_needs_no_search_of_the_text(data: Any) -> None:
    """What ``spelled_alike`` passes is written the same with the text's search skipped; it
    passes all but data holding a float below 1e-4 in size."""
    floats = []
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, float):
            floats.append(item)
        elif isinstance(item, (dict, list)):
            pending.extend(item.values() if isinstance(item, dict) else item)
    assert spelled_alike(data) == all(n == 0 or abs(n) >= 1e-4 for n in floats)
    if spelled_alike(data):
        assert readable_json(data, checked=True) == standard(data)


@pytest.mark.parametrize("number", [1e-5, -1.5e-5, 9.99e-5, 1e-7, 1.2345e-8, 5e-324, 1e-4,
                                    1e16, -1.2345678901234568e17, 1e22, 2.5, -0.0])
def test_floats_spelled_as_python_spells_them(number: float) -> None:
    assert readable_json({"n": number, "in": [number]}) == standard({"n": number, "in": [number]})


@pytest.mark.parametrize("data", [
    {1: "a", 2: "b"},  # keys that are not strings
    [2**70, -2**64],  # integers beyond 64 bits
    {"text": "half a pair \ud83d"},  # an unpaired surrogate
    {"text": "10.00001 and 1e-5 as words"},  # text that looks like a small float
    "".join(map(chr, range(0x250))) + "\u2028\u202e\U0001f600",  # controls, non-ASCII
    {"é": 1, "e": 2, "z": 3, "É": 4, "\U0001f600": 5, "\uffff": 6},  # key order by code point
])
def test_what_orjson_spells_or_takes_differently(data: Any) -> None:
    assert readable_json(data) == standard(data)


def test_deep_nesting() -> None:
    data: Any = "leaf"
    for _ in range(300):
        data = [data]
    assert readable_json(data) == standard(data)


def test_what_neither_writes_raises_the_standard_librarys_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        readable_json({"when": {1, 2}})
