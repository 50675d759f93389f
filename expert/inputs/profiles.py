"""Reading profiles: from a dict, a JSON or TOML file or text, to a validated ``Profile``.

One cattrs converter structures the data with strict scalar types (no silent ``"7" -> 7`` or
``True -> 1``); then ranges (``range`` metadata on the profile's fields) and the profile's
consistency rules are checked. Every problem is collected and raised together as a
``ProfileError`` naming the field path, the value and what is allowed, in words for the person
who wrote the profile: an unknown field name or a value that is not one of the choices comes
with the closest allowed one when one is close (``scor`` under ``step2ck``: did you mean
``score``?).

A top-level ``"$schema"`` (the address of the profile's JSON Schema, for editors) is allowed
and ignored, as long as it is text.

Whatever is given, a bad profile raises ``ProfileError`` and nothing else: a ``Profile`` is
turned back into plain data and read like a dict (attrs lets one be built with any values);
a name that is not text, a list longer than ``MAX_LIST_ITEMS``, a number of any size, any
Python object are each a ``Problem`` with its path and ``code``. A whole number may be
written ``214.0``: JSON Schema holds it the same number as ``214``, and so does the reader.
"""

from __future__ import annotations

import difflib
import math
import os
import typing
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Union

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from expert import caches
from expert.errors import MAX_PROBLEMS, MISSING, Problem, ProfileError, Rejected
from expert.inputs.text import Unreadable, load_json, load_toml, read_text
from knowledge_base.profile import (
    PRELIMINARY_NOT_A_SPECIALTY,
    SPECIALTIES,
    Profile,
    Step1Result,
    consistency_problems,
    names_preliminary_track,
)

__all__ = ["CONVERTER", "MAX_LIST_ITEMS", "MAX_PROFILE_CHARS", "SCHEMA_KEY", "Path_",
           "close_names", "describe_type", "did_you_mean", "format_of", "parse_text",
           "profile_from_dict", "profile_from_line", "profile_to_dict", "read_profile_file",
           "show_path", "to_profile"]

Path_ = tuple[Union[str, int], ...]


def _strict_int(value: Any, _type: type) -> int:
    whole = _whole(value)
    if whole is None:
        raise Rejected
    return whole


def _whole(value: Any) -> int | None:
    """The whole number a value is (``214``, and ``214.0``, which JSON Schema holds the same
    number), or None (``214.5``, ``true``, ``"214"``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def _strict_float(value: Any, _type: type) -> float:
    if not _is_number(value):
        raise Rejected
    try:
        return float(value)
    except OverflowError:  # an integer beyond float range, which JSON allows
        raise Rejected from None


def _strict_str(value: Any, _type: type) -> str:
    if not isinstance(value, str):
        raise Rejected
    return value


def _strict_bool(value: Any, _type: type) -> bool:
    if not isinstance(value, bool):
        raise Rejected
    return value


def _step1_result(value: Any, _type: type) -> Union[str, int]:
    if isinstance(value, str) and value in ("pass", "fail"):
        return value
    whole = _whole(value)
    if whole is None:
        raise Rejected
    return whole


def _is_homogeneous_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for kind, hook in ((int, _strict_int), (float, _strict_float), (str, _strict_str),
                       (bool, _strict_bool)):
        converter.register_structure_hook(kind, hook)
    converter.register_structure_hook_func(lambda t: t == Step1Result, _step1_result)
    items = converter.copy()

    def structure_list(value: Any, cls: Any) -> tuple:
        # cattrs would iterate any iterable (a string, a dict's keys); only a list is a list.
        if not isinstance(value, (list, tuple)):
            raise Rejected
        return items.structure(value, cls)

    converter.register_structure_hook_func(_is_homogeneous_tuple, structure_list)
    return converter


CONVERTER = _make_converter()


def describe_type(kind: Any) -> str:
    """What a value of this type looks like, in words."""
    if kind is int:
        return "a whole number"
    if kind is float:
        return "a number"
    if kind is str:
        return "text"
    if kind is bool:
        return "true or false"
    if kind is type(None):
        return "null"
    if kind == Step1Result:
        return "pass, fail or a numeric score"
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin is Union:
        return " or ".join(describe_type(a) for a in args)
    if origin is tuple:
        if attrs.has(args[0]):
            return f"a list of objects, each with the fields {_field_names(args[0])}"
        return f"a list of {describe_type(args[0])}"
    if attrs.has(kind):
        return f"an object with the fields {_field_names(kind)}"
    return getattr(kind, "__name__", str(kind))


def _field_names(cls: type) -> str:
    return ", ".join(f.name for f in attrs.fields(cls))


SIMILAR_ENOUGH = 0.8
"""How alike (``difflib``'s ratio) a word must be to an allowed name to be offered as what was
meant: ``scor``/``score`` 0.89, ``pas``/``pass`` 0.86, ``internal_medecine`` 0.94; not
``astrology``/``pathology`` (0.78) or ``cardiology``/``neurology`` (0.63)."""


def close_names(given: str, names: Sequence[str]) -> list[str]:
    """The allowed names that ``given`` is most likely a slip for, best first, at most two: the
    same name written another way (``Visa``, ``general surgery``), the names it begins (at least
    four letters: ``citizen``, ``neuro``), else the one most alike, if alike enough."""
    key = "_".join(given.strip().lower().replace("-", " ").split())
    if key in names:
        return [key]
    if len(key) >= 4:
        begun = [name for name in names if name.startswith(key)]
        if begun:
            return begun[:2]
    return difflib.get_close_matches(key, names, n=1, cutoff=SIMILAR_ENOUGH)


def did_you_mean(matches: Sequence[str]) -> str:
    """``did you mean "score"?`` (or ``"a" or "b"``), or nothing when there is no match."""
    if not matches:
        return ""
    return "did you mean " + " or ".join(f'"{match}"' for match in matches) + "?"


def _choices(kind: Any) -> tuple[str, ...]:
    """The words a value of this type may be (the ``Literal`` choices in it), if any."""
    if typing.get_origin(kind) is typing.Literal:
        return tuple(a for a in typing.get_args(kind) if isinstance(a, str))
    if typing.get_origin(kind) is Union:
        return tuple(c for arg in typing.get_args(kind) for c in _choices(arg))
    return ()


def _with_suggestion(text: str, kind: Any, value: Any) -> str:
    """What is allowed, and the choice that a text value was most likely meant to be."""
    choices = _choices(kind)
    if not isinstance(value, str) or not choices:
        return text
    if set(SPECIALTIES) <= set(choices) and names_preliminary_track(value):
        return f"{text}; {PRELIMINARY_NOT_A_SPECIALTY}"
    hint = did_you_mean(close_names(value, choices))
    return f"{text}; {hint}" if hint else text


def _range_text(field: attrs.Attribute) -> str:
    low, high = field.metadata["range"]
    return f"from {low} to {high}"


def _details(owner: type | None, name: str, kind: Any) -> dict[str, Any]:
    """The allowed values as data, for a ``Problem``: the field's ``choices`` and ``range``,
    where it has them."""
    field = attrs.fields_dict(owner).get(name) if owner is not None else None
    details: dict[str, Any] = {}
    if _choices(kind):
        details["choices"] = _choices(kind)
    if field is not None and "range" in field.metadata:
        details["range"] = field.metadata["range"]
    return details


def _leaf_code(kind: Any, value: Any) -> str:
    """The code of a value that cattrs refused for ``kind``: missing, not one of its choices
    (a word where there are choices), or of the wrong type."""
    if value is MISSING:
        return "missing"
    return "not_one_of" if isinstance(value, str) and _choices(kind) else "wrong_type"


def _allowed(owner: type | None, name: str, kind: Any, value: Any = MISSING) -> str:
    field = attrs.fields_dict(owner).get(name) if owner is not None else None
    text = describe_type(kind)
    if field is not None and "range" in field.metadata:
        text += f" ({_range_text(field)})"
    return _with_suggestion(text, kind, value)


SCHEMA_KEY = "$schema"
"""The one top-level key that is not a field: where the profile's JSON Schema is, for editors
(``img-advisor example`` writes it); the reader checks that it is text and ignores it."""


def _unknown_field(cls: type, name: str) -> str:
    """The words for a field name that ``cls`` does not have: the closest names it has, or the
    objects inside it that have this field (``score`` at the top: ``step2ck.score``)."""
    names = [f.name for f in attrs.fields(cls)]
    hint = did_you_mean(close_names(name, names + ([SCHEMA_KEY] if cls is Profile else [])))
    if not hint:
        inside = [field.name for field in attrs.fields(attrs.resolve_types(cls))
                  if attrs.has(field.type) and name in attrs.fields_dict(field.type)]
        hint = did_you_mean([f"{object_name}.{name}" for object_name in inside])
    fields = f"{hint} The fields here are" if hint else "the fields here are"
    return f"there is no field of this name here; {fields}: {', '.join(names)}"


def show_path(path: Path_) -> str:
    """A path as every problem names a place, and as ``what_if`` and ``--set`` take one:
    ``usce[0].months``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _names_here(cls: type) -> tuple[str, ...]:
    """The names a mapping read as ``cls`` may have."""
    names = tuple(f.name for f in attrs.fields(cls))
    return (*names, SCHEMA_KEY) if cls is Profile else names


def _lookup(data: Any, path: Path_) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return MISSING
    return data


def _structure_problems(error: BaseException, data: Any, path: Path_,
                        owner: type | None = None) -> Iterator[Problem]:
    if isinstance(error, ForbiddenExtraKeysError):
        names = _names_here(error.cl)
        for number, extra in enumerate(sorted(error.extra_fields)):
            where = path + (extra,)
            # past the problems an error keeps, the closest name is not worth looking for
            words = _unknown_field(error.cl, extra) if number < MAX_PROBLEMS else \
                f"there is no field of this name here; the fields here are: "\
                f"{', '.join(f.name for f in attrs.fields(error.cl))}"
            yield Problem(show_path(where), _lookup(data, where), words, code="unknown_field",
                          choices=names)
        return
    if isinstance(error, ClassValidationError):
        owner = error.cl
    sub_errors = getattr(error, "exceptions", None)
    if sub_errors is None:
        yield Problem(show_path(path), _lookup(data, path), "a valid value", code="wrong_type")
        return
    for sub in sub_errors:
        note = next((n for n in getattr(sub, "__notes__", ())
                     if isinstance(n, (AttributeValidationNote, IterableValidationNote))), None)
        if isinstance(note, AttributeValidationNote):
            where = path + (note.name,)
            if getattr(sub, "exceptions", None) is not None:
                yield from _structure_problems(sub, data, where)
            else:
                value = _lookup(data, where)
                yield Problem(show_path(where), value,
                              _allowed(owner, note.name, note.type, value),
                              code=_leaf_code(note.type, value),
                              **_details(owner, note.name, note.type))
        elif isinstance(note, IterableValidationNote):
            where = path + (note.index,)
            if getattr(sub, "exceptions", None) is not None:
                yield from _structure_problems(sub, data, where)
            else:
                value = _lookup(data, where)
                yield Problem(show_path(where), value,
                              _with_suggestion(describe_type(note.type), note.type, value),
                              code=_leaf_code(note.type, value),
                              **_details(None, "", note.type))
        else:
            yield from _structure_problems(sub, data, path, owner)


def _range_problems(data: Any, cls: type, path: Path_ = ()) -> Iterator[Problem]:
    """Out-of-range numbers, found in the raw data so they are reported with type errors."""
    if not isinstance(data, Mapping):
        return
    for field, item_type in _range_checks(cls):
        if field.name not in data:
            continue
        value, where = data[field.name], path + (field.name,)
        if item_type is None:
            if _is_number(value):
                low, high = field.metadata["range"]
                if not low <= value <= high:
                    yield Problem(show_path(where), value,
                                  f"{describe_type(_number_type(field.type))} {_range_text(field)}",
                                  code="out_of_range", range=(low, high))
        elif _is_homogeneous_tuple(field.type):
            for index, item in enumerate(value if isinstance(value, list) else ()):
                yield from _range_problems(item, item_type, where + (index,))
        else:
            yield from _range_problems(value, item_type, where)


@caches.RANGE_CHECKS
def _range_checks(cls: type) -> tuple[tuple[attrs.Attribute, type | None], ...]:
    """The fields of ``cls`` that have a range (with None), or hold classes that may (with the
    class): what ``_range_problems`` looks at."""
    checks: list[tuple[attrs.Attribute, type | None]] = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        if "range" in field.metadata:
            checks.append((field, None))
        elif (item_type := _nested_class(field.type)) is not None:
            checks.append((field, item_type))
    return tuple(checks)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _number_type(kind: Any) -> type:
    return float if float in (kind, *typing.get_args(kind)) else int


def _nested_class(kind: Any) -> type | None:
    candidates = (kind, *typing.get_args(kind))
    return next((c for c in candidates if isinstance(c, type) and attrs.has(c)), None)


MAX_LIST_ITEMS = 100
"""The most items a list in a profile may have (``usce``, ``letters``): a career holds a few
dozen blocks of US experience and a handful of letters; a longer list is refused with one
problem, its items unread, so a huge list costs neither time nor a problem per item."""


def profile_from_dict(data: Any) -> Profile:
    """Validate plain data into a ``Profile``; raise ``ProfileError`` listing every problem.

    A ``Profile`` (or a ``Step1``, ``ClinicalExperience`` ... inside one, or inside a dict) is
    turned back into plain data first and checked exactly as a dict is: attrs lets one be
    built with any values."""
    problems: list[Problem] = []
    fields = _plain(data, Profile, (), problems)
    if not isinstance(fields, dict):
        raise ProfileError([Problem("", data, "an object (a mapping of field names to values)",
                                    code="wrong_type")])
    link = fields.pop(SCHEMA_KEY, "")
    if not isinstance(link, str):
        problems.append(Problem(SCHEMA_KEY, link, "text: the file name or address of the "
                                                  "profile's JSON Schema, for editors",
                                code="wrong_type"))
    problems += _range_problems(fields, Profile)
    try:
        profile = CONVERTER.structure(fields, Profile)
    except (ClassValidationError, ForbiddenExtraKeysError) as error:
        problems[:0] = _structure_problems(error, fields, ())
        raise ProfileError(_unique(problems)) from None
    for path, value, allowed in consistency_problems(profile):
        given = _given(fields, path, value)
        problems.append(Problem(path, given, allowed,
                                code="missing" if given is MISSING else "inconsistent",
                                **_details_at(path)))
    if problems:
        raise ProfileError(_unique(problems))
    return profile


def _plain(value: Any, cls: type, path: Path_, problems: list[Problem]) -> Any:
    """``value``, where an object of ``cls`` belongs, as the plain data the converter reads:
    an attrs instance as the dict of its fields, a mapping as a dict of its text keys (a key
    that is not text is a problem), and the same inside, for the fields that hold objects or
    lists of objects. A list longer than ``MAX_LIST_ITEMS`` is a problem and is left out."""
    if attrs.has(type(value)):
        value = {f.name: getattr(value, f.name) for f in attrs.fields(type(value))}
    if not isinstance(value, Mapping):
        return value
    nested_fields = _nested_fields(cls)
    plain: dict[str, Any] = {}
    for key, inner in value.items():
        if not isinstance(key, str):
            name = _name_of(key)
            problems.append(Problem(show_path((*path, name)), inner, _unknown_field(cls, name),
                                    code="unknown_field", choices=_names_here(cls)))
            continue
        nested, is_list = nested_fields.get(key, (None, False))
        if nested is None:
            plain[key] = inner
        elif not is_list:
            plain[key] = _plain(inner, nested, (*path, key), problems)
        elif not isinstance(inner, (list, tuple)):
            plain[key] = inner
        elif len(inner) > MAX_LIST_ITEMS:
            problems.append(Problem(show_path((*path, key)), inner,
                                    f"a list of at most {MAX_LIST_ITEMS} items (this one has "
                                    f"{len(inner):,})", code="too_many"))
        else:
            plain[key] = [_plain(item, nested, (*path, key, index), problems)
                          for index, item in enumerate(inner)]
    return plain


@caches.NESTED_FIELDS
def _nested_fields(cls: type) -> dict[str, tuple[type, bool]]:
    """The fields of ``cls`` that hold an object of a class, or a list of them: the class, and
    whether it is a list."""
    return {field.name: (nested, _is_homogeneous_tuple(field.type))
            for field in attrs.fields(attrs.resolve_types(cls))
            if (nested := _nested_class(field.type)) is not None}


def _name_of(key: Any) -> str:
    """A key that is not text, as a path names it: as Python writes it (``1``, ``None``)."""
    try:
        return repr(key)[:40]
    except Exception:  # an object whose repr fails
        return f"<{type(key).__name__}>"


def _details_at(path: str) -> dict[str, Any]:
    """``_details`` of the profile's field at a dotted path such as ``step2ck.score``."""
    owner: Any = Profile
    *parents, name = path.split(".")
    for parent in parents:
        owner = attrs.fields_dict(attrs.resolve_types(owner))[parent].type
    field = attrs.fields_dict(attrs.resolve_types(owner))[name]
    return _details(owner, name, field.type)


def _given(data: Mapping[str, Any], path: str, value: Any) -> Any:
    """The value at ``path`` as given: ``MISSING`` for a None that was never written."""
    if value is None and _lookup(data, tuple(path.split("."))) is MISSING:
        return MISSING
    return value


def _unique(problems: list[Problem]) -> list[Problem]:
    """One problem per path, the first found: type, then range, then consistency."""
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if problem.path not in seen:
            seen.add(problem.path)
            kept.append(problem)
    return kept


MAX_PROFILE_CHARS = 1_000_000
"""A profile is a few kilobytes; longer text is refused unparsed (and files are read no
further), so a huge or endless input costs neither time nor memory."""


def parse_text(text: str, fmt: str) -> Any:
    """Parse JSON or TOML text (``expert.inputs.text``: a BOM ignored, a key given twice, too
    deep a nesting refused); what cannot be read becomes a ``ProfileError``."""
    if len(text) > MAX_PROFILE_CHARS:
        raise ProfileError([Problem("", _excerpt(text), f"a profile of at most "
                                                        f"{MAX_PROFILE_CHARS:,} characters",
                                    code="too_long")])
    if fmt not in ("json", "toml"):
        raise ValueError(f"unknown profile format {fmt!r}; allowed: json, toml")
    try:
        return load_json(text) if fmt == "json" else load_toml(text)
    except Unreadable as error:
        raise ProfileError([Problem("", _excerpt(text), error.allowed, code=error.code)]) \
            from None


def profile_from_line(raw: bytes) -> Profile:
    """The profile on one line of a JSON Lines file (UTF-8 bytes)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProfileError([Problem("", repr(raw[:40]), f"UTF-8 text ({error})",
                                    code="bad_encoding")]) from None
    return profile_from_dict(parse_text(text, "json"))


def _excerpt(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def format_of(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".toml"):
        return suffix[1:]
    raise ProfileError([Problem("", os.fspath(path), "a file name ending in .json or .toml",
                                code="bad_file")])


def read_profile_file(path: str | os.PathLike[str], fmt: str | None = None) -> Profile:
    """Read and validate a profile from a file, ``.json`` or ``.toml`` unless ``fmt`` is given."""
    fmt = fmt or format_of(path)
    text = read_text(path, MAX_PROFILE_CHARS, error=ProfileError)
    return profile_from_dict(parse_text(text, fmt))


def to_profile(source: Profile | Mapping[str, Any] | str | os.PathLike[str]) -> Profile:
    """A ``Profile`` from a profile, a mapping, or the path of a JSON or TOML file."""
    if isinstance(source, (str, os.PathLike)):
        return read_profile_file(source)
    return profile_from_dict(source)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    return CONVERTER.unstructure(profile)
