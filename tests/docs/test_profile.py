"""docs/profile.md documents every profile field."""

from __future__ import annotations

import attrs

from knowledge_base.profile import SPECIALTIES, Profile
from tests.conftest import REPO


def _paths(cls: type, prefix: str = "") -> list[str]:
    paths = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        path = f"{prefix}{field.name}"
        paths.append(path)
        nested = next((c for c in (field.type, *getattr(field.type, "__args__", ()))
                       if isinstance(c, type) and attrs.has(c)), None)
        if nested is not None:
            is_list = getattr(field.type, "__origin__", None) is tuple
            paths += _paths(nested, f"{path}[]." if is_list else f"{path}.")
    return paths


def test_every_field_and_specialty_is_documented():
    page = (REPO / "docs" / "profile.md").read_text("utf-8")
    leaves = [p for p in _paths(Profile) if p not in ("step1", "step2ck", "step3")]
    assert [p for p in leaves if f"`{p}`" not in page] == []
    assert [s for s in SPECIALTIES if f"`{s}`" not in page] == []


def test_the_example_profiles_in_the_page_are_valid():
    import re

    from expert.inputs.profiles import parse_text, profile_from_dict

    page = (REPO / "docs" / "profile.md").read_text("utf-8")
    blocks = re.findall(r"^```(json|toml)\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    assert {fmt for fmt, _ in blocks} == {"json", "toml"}
    profiles = [profile_from_dict(parse_text(text, fmt)) for fmt, text in blocks]
    assert all(p.specialty == "pmr" and p.step2ck.score == 214 for p in profiles)
