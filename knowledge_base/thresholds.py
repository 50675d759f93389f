"""The thresholds table (``thresholds.toml``), loaded once and checked: score bands for holes and
overlaps (``cover_problems``, which ``kb check`` reuses too), every other entry for its shape (a
whole number >= 0, or a range with min <= max). A malformed table raises ``ThresholdsError``
naming the entry."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any, TypeVar

import attrs

from knowledge_base.sources import Source

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["T", "THRESHOLDS", "Band", "Continuity", "CountRange", "Exams", "Letters", "MidSeason",
           "Narrative", "Programs", "RankList", "Research", "Scale", "Targeting", "Thresholds",
           "ThresholdsError", "Usce", "cover_problems", "load_thresholds", "parse_thresholds",
           "read_table"]

T = TypeVar("T", bound=attrs.AttrsInstance)

SCORE_MIN, SCORE_MAX = 1, 300
"""USMLE three-digit scores lie in this range."""


class ThresholdsError(ValueError):
    """The thresholds table is malformed (a knowledge-base defect, not bad user input)."""


@attrs.frozen
class Band:
    name: str
    low: int
    high: int
    """Exclusive upper bound."""


@attrs.frozen
class Scale:
    """Score bands for one exam, used by the specialties it lists (or by all others if default)."""

    id: str
    exam: str
    title: str
    default: bool
    specialties: tuple[str, ...]
    sources: tuple[Source, ...]
    bands: tuple[Band, ...]


@attrs.frozen
class CountRange:
    """A ``{min, max}`` range from the documents (programs, months, letters, points, percent)."""

    min: int
    max: int

    def __str__(self) -> str:
        return f"{self.min}–{self.max}"

    def as_dict(self) -> dict[str, int]:
        return {"min": self.min, "max": self.max}


# One class per table of thresholds.toml below the scales; the field types say how each entry
# is read and checked (see ``_PARSERS``).


@attrs.frozen
class Exams:
    step2ck_gain_over_step1: CountRange
    daily_questions: CountRange


@attrs.frozen
class Usce:
    state_univ_months: CountRange
    med_peds_months: CountRange
    med_psych_months: CountRange
    med_psych_rotations: CountRange
    med_psych_block_weeks: CountRange
    pmr_rotations: CountRange
    strong_hands_on_months: int


@attrs.frozen
class Letters:
    us_faculty: CountRange
    specialty_documents: CountRange


@attrs.frozen
class Research:
    role_months: CountRange


@attrs.frozen
class Continuity:
    explain_gap_years: int
    inactive_gap_years: int
    older_graduate_years: int


@attrs.frozen
class Narrative:
    follow_up_hours: CountRange


@attrs.frozen
class MidSeason:
    reasonable_interviews: CountRange
    expand_programs: CountRange
    interest_emails: CountRange
    email_sentences: CountRange


@attrs.frozen
class RankList:
    max_reach_on_top: int
    percent: dict[str, CountRange]
    """By tier, in the order advice lists them."""


@attrs.frozen
class Targeting:
    min_img_percent: CountRange
    recent_years: CountRange
    stale_roster_years: CountRange
    score_gap: int


@attrs.frozen
class Programs:
    few_img_percent: int
    below_range_points: int
    minimum_margin: int
    multiple_region_imgs: int
    top_of_list: int
    mostly_percent: int
    red_flag_percent: int
    few_img_heavy_community: int


@attrs.frozen
class Calendar:
    """Months of the cycle counted from ERAS opening (our estimates; see thresholds.toml)."""

    eras_opens_month: int
    interviews_end: int
    rank_list_opens: int
    rank_list_due: int
    match_week: int
    applying_month: int
    interviewing_month: int
    ranking_month: int


@attrs.frozen
class PlanTimes:
    step2ck_preparation_months: CountRange
    step3_preparation_months: CountRange


@attrs.frozen
class Thresholds:
    scales: tuple[Scale, ...]
    specialty_groups: dict[str, tuple[str, ...]]
    applications: dict[str, CountRange]
    step3_min_prep_months: int
    step3_unhurried_months: int
    step3_window_months: CountRange
    step3_target_score: int
    exams: Exams
    usce: Usce
    letters: Letters
    research: Research
    continuity: Continuity
    narrative: Narrative
    mid_season: MidSeason
    rank_list: RankList
    targeting: Targeting
    programs: Programs
    calendar: Calendar
    plan: PlanTimes

    def group(self, name: str) -> tuple[str, ...]:
        return self.specialty_groups[name]

    def scales_for(self, exam: str) -> tuple[Scale, ...]:
        return tuple(scale for scale in self.scales if scale.exam == exam)

    def default_scale(self, exam: str) -> Scale:
        return next(scale for scale in self.scales_for(exam) if scale.default)


def cover_problems(bands: Sequence[Band]) -> list[str]:
    """How score bands fail to cover every score from 1 to 300 exactly once (none: they do)."""
    problems = []
    covered_to = SCORE_MIN  # every score below this is in a band
    for band in sorted(bands, key=lambda b: (b.low, b.high)):
        if band.high <= band.low:
            problems.append(f"band {band.name} is empty ({band.low} to below {band.high})")
            continue
        if band.low > covered_to:
            problems.append(f"a hole: scores {covered_to}–{band.low - 1} are in no band")
        elif band.low < covered_to:
            problems.append(f"an overlap: scores {band.low}–{min(covered_to, band.high) - 1} "
                            f"are in band {band.name} and an earlier one")
        covered_to = max(covered_to, band.high)
    if covered_to <= SCORE_MAX:
        problems.append(f"a hole: scores {covered_to}–{SCORE_MAX} are in no band")
    elif covered_to > SCORE_MAX + 1:
        problems.append(f"bands run beyond {SCORE_MAX}, to {covered_to - 1}")
    return problems


def _bands(scale_id: str, raw: list[dict[str, Any]]) -> tuple[Band, ...]:
    starts = [entry["from"] for entry in raw]
    ends = starts[1:] + [SCORE_MAX + 1]
    bands = tuple(Band(e["band"], low, high) for e, low, high in zip(raw, starts, ends))
    problems = cover_problems(bands) if bands else ["no bands"]
    if problems:
        raise ThresholdsError(f"scale {scale_id}: {problems[0]} (band starts: {starts})")
    return bands


def _scale(raw: dict[str, Any]) -> Scale:
    return Scale(
        id=raw["id"],
        exam=raw["exam"],
        title=raw["title"],
        default=raw.get("default", False),
        specialties=tuple(raw.get("specialties", ())),
        sources=tuple(Source(doc, section) for doc, section in raw["sources"]),
        bands=_bands(f"{raw['exam']}/{raw['id']}", raw["bands"]),
    )


def _check_scale_cover(scales: tuple[Scale, ...]) -> None:
    for exam in sorted({s.exam for s in scales}):
        of_exam = [s for s in scales if s.exam == exam]
        if sum(s.default for s in of_exam) != 1:
            raise ThresholdsError(f"exam {exam}: exactly one default scale is needed")
        listed = [sp for s in of_exam for sp in s.specialties]
        if len(listed) != len(set(listed)):
            raise ThresholdsError(f"exam {exam}: a specialty is listed by two scales")


def _count(where: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ThresholdsError(f"{where}: need a whole number >= 0, got {value!r}")
    return value


def _range(where: str, value: Any, lowest: int = 0) -> CountRange:
    if not isinstance(value, dict) or value.keys() != {"min", "max"}:
        raise ThresholdsError(f"{where}: need {{ min, max }}, got {value!r}")
    low, high = _count(f"{where}.min", value["min"]), _count(f"{where}.max", value["max"])
    if not lowest <= low <= high:
        raise ThresholdsError(f"{where}: need {lowest} <= min <= max, got {value}")
    return CountRange(low, high)


def _ranges(where: str, value: Any, lowest: int = 0) -> dict[str, CountRange]:
    if not isinstance(value, dict):
        raise ThresholdsError(f"{where}: need a table of {{ min, max }} ranges, got {value!r}")
    return {name: _range(f"{where}.{name}", entry, lowest) for name, entry in value.items()}


_PARSERS: dict[str, Callable[..., Any]] = {
    "int": _count, "CountRange": _range, "dict[str, CountRange]": _ranges}
"""How an entry is read, by the type of its field (annotations are strings here)."""


def _table(cls: type[T], name: str, raw: dict[str, Any]) -> T:
    """Table ``name`` as ``cls``: exactly the class's entries, each checked by its field type."""
    table = raw.get(name)
    if not isinstance(table, dict):
        raise ThresholdsError(f"{name}: the table is missing")
    wanted = attrs.fields_dict(cls)
    missing = [key for key in wanted if key not in table]
    if missing:
        raise ThresholdsError(f"{name}.{missing[0]}: missing")
    unknown = [key for key in table if key not in wanted]
    if unknown:
        raise ThresholdsError(f"{name}.{unknown[0]}: unknown entry")
    return cls(**{key: _PARSERS[str(f.type)](f"{name}.{key}", table[key])
                  for key, f in wanted.items()})


def _check_percent_mix(where: str, mix: dict[str, CountRange]) -> None:
    if not sum(r.min for r in mix.values()) <= 100 <= sum(r.max for r in mix.values()):
        got = ", ".join(f"{name} {span}" for name, span in mix.items())
        raise ThresholdsError(f"{where}: the ranges cannot add up to 100, got {got}")


def _check_percents(where: str, table: Any) -> None:
    for name, value in attrs.asdict(table).items():
        if name.endswith("_percent") and value > 100:
            raise ThresholdsError(f"{where}.{name}: a percentage must be at most 100, got {value}")


def parse_thresholds(raw: dict[str, Any]) -> Thresholds:
    scales = tuple(_scale(entry) for entry in raw["scale"])
    _check_scale_cover(scales)
    rank_list = _table(RankList, "rank_list", raw)
    _check_percent_mix("rank_list.percent", rank_list.percent)
    programs = _table(Programs, "programs", raw)
    _check_percents("programs", programs)
    calendar = _table(Calendar, "calendar", raw)
    if not 1 <= calendar.eras_opens_month <= 12:
        raise ThresholdsError(f"calendar.eras_opens_month: need a month from 1 to 12, got "
                              f"{calendar.eras_opens_month}")
    return Thresholds(
        scales=scales,
        specialty_groups={k: tuple(v) for k, v in raw["specialty_groups"].items()},
        applications=_ranges("applications", raw["applications"], lowest=1),
        step3_min_prep_months=_count("step3.min_prep_months", raw["step3"]["min_prep_months"]),
        step3_unhurried_months=_count("step3.unhurried_months", raw["step3"]["unhurried_months"]),
        step3_window_months=_range("step3.window_months", raw["step3"]["window_months"]),
        step3_target_score=_count("step3.target_score", raw["step3"]["target_score"]),
        exams=_table(Exams, "exams", raw),
        usce=_table(Usce, "usce", raw),
        letters=_table(Letters, "letters", raw),
        research=_table(Research, "research", raw),
        continuity=_table(Continuity, "continuity", raw),
        narrative=_table(Narrative, "narrative", raw),
        mid_season=_table(MidSeason, "mid_season", raw),
        rank_list=rank_list,
        targeting=_table(Targeting, "targeting", raw),
        programs=programs,
        calendar=calendar,
        plan=_table(PlanTimes, "plan", raw),
    )


def read_table() -> dict[str, Any]:
    """``thresholds.toml`` as parsed TOML, unchecked."""
    text = resources.files("knowledge_base").joinpath("thresholds.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_thresholds() -> Thresholds:
    return parse_thresholds(read_table())


THRESHOLDS = load_thresholds()
