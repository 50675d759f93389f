"""One residency program on an applicant's list, and the facts the verdict rules read about it.

A ``Program`` holds what the applicant knows; every field but the name may be unknown (``None``).
``program_facts`` turns a program into ``Input`` facts whose paths start with ``program.``: one
per known field, plus a few derived from the program and the applicant together (how the
applicant's Step 2 CK compares with the program's figures, where the city stands for
desirability, which signal phrases the description uses). An unknown field gives no fact, so no
rule can read it as good or bad; the note rules say that it is unknown instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, Optional

import attrs

from knowledge_base.facts import Input, Scalar
from knowledge_base.inputs import SCORE_SPAN, Domain, domain_of
from knowledge_base.profile import Profile, Specialty, field

__all__ = ["DERIVED_PROGRAM_FIELDS", "JUDGED_FIELDS", "LESS_SOUGHT_AFTER_STATES", "LOCATIONS",
           "PROGRAM_INPUT_DOMAINS", "PROGRAM_TYPES", "READ_FIELDS", "SOUGHT_AFTER_CITIES",
           "SOUGHT_AFTER_STATES", "SPONSORSHIPS", "TEXAS_BIG_CITIES", "US_STATES", "WORDING",
           "Program", "ProgramType", "Sponsorship", "consistency_problems", "location",
           "program_facts", "unknown_fields", "wording"]

PROGRAM_TYPES = ("big_academic", "university_affiliated", "community", "rural")
ProgramType = Literal[PROGRAM_TYPES]  # type: ignore[valid-type]
SPONSORSHIPS = ("none", "j1", "j1_h1b")
Sponsorship = Literal[SPONSORSHIPS]  # type: ignore[valid-type]

US_STATES = (
    "AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH "
    "NJ NM NV NY OH OK OR PA PR RI SC SD TN TX UT VA VT WA WI WV WY"
).split()
"""Two-letter codes of the states, DC and Puerto Rico."""


def _state_code(_instance: object, _attribute: object, value: Optional[str]) -> None:
    if value is not None and value not in US_STATES:
        raise ValueError(f"state {value!r} is not a two-letter US state code")


@attrs.frozen
class Program:
    """A program as the applicant's list describes it; ``None`` means not known."""

    name: str = field("the program's name, unique on the list")
    state: Optional[str] = field("two-letter US state code", default=None,
                                 validator=_state_code)
    city: Optional[str] = field("city", default=None)
    type: Optional[ProgramType] = field("big_academic, university_affiliated, community or "
                                        "rural", default=None)
    specialty: Optional[Specialty] = field("the program's specialty", default=None)
    img_percent: Optional[float] = field("share of residents who are IMGs, in percent",
                                         range=(0, 100), default=None)
    visa: Optional[Sponsorship] = field("visas sponsored: none, j1 or j1_h1b", default=None)
    step2ck_min: Optional[int] = field("stated minimum Step 2 CK", range=(1, 300), default=None)
    step2ck_average: Optional[int] = field("average Step 2 CK of recent residents",
                                           range=(1, 300), default=None)
    region_imgs: Optional[int] = field("residents from the applicant's country or region in "
                                       "recent classes", range=(0, 500), default=None)
    description: Optional[str] = field("the program's own description, for signal phrases",
                                       default=None)
    interviewed: Optional[bool] = field("the applicant interviewed there", default=None)
    rank: Optional[int] = field("position on the rank list, 1 = first choice",
                                range=(1, 1000), default=None)
    notes: Optional[str] = field("the applicant's own notes; not read by the rules",
                                 default=None)


def consistency_problems(program: Program) -> Iterator[tuple[str, object, str]]:
    """Rules within one program, as (column, value, what is allowed)."""
    if program.rank is not None and program.interviewed is False:
        yield "rank", program.rank, "left out for a program that did not interview you " \
                                    "(interviewed is no)"


# ---------------------------------------------------------------------------------------------
# Location: safety_nets § Step 3 names where IMG-friendly places are scarce and where they are
# common. The lists read the document's names as states and cities; anything else is neither.

SOUGHT_AFTER_CITIES: dict[str, tuple[str, ...]] = {
    "NY": ("new york", "new york city", "manhattan", "brooklyn", "bronx", "queens",
           "staten island"),
    "MA": ("boston",),
    "WA": ("seattle",),
    "IL": ("chicago",),
    "FL": ("miami",),
    "CO": ("denver",),
    "HI": ("honolulu",),
}
"""NYC, Boston, Seattle, downtown Chicago and the tourist magnets (Miami, Denver, Honolulu);
all of California is sought after (the document names the state)."""
SOUGHT_AFTER_STATES = ("CA",)
LESS_SOUGHT_AFTER_STATES = (
    # Midwest (outside Chicago)
    "IA", "IL", "IN", "KS", "MI", "MN", "MO", "ND", "NE", "OH", "SD", "WI",
    # Deep South
    "AL", "GA", "LA", "MS", "SC",
)
TEXAS_BIG_CITIES = ("houston", "dallas", "san antonio", "austin", "fort worth")
"""Texas outside these is "smaller cities / towns in Texas"."""


def location(state: str | None, city: str | None) -> str | None:
    """``sought_after``, ``less_sought_after`` or ``elsewhere``; ``None`` when that cannot be
    told (no state, or a state whose sought-after cities need the city)."""
    if state is None:
        return None
    town = " ".join(city.lower().split()) if city else None
    if state in SOUGHT_AFTER_STATES:
        return "sought_after"
    if state in SOUGHT_AFTER_CITIES:
        if town is None:
            return None
        if town in SOUGHT_AFTER_CITIES[state]:
            return "sought_after"
    if state == "TX":
        if town is None:
            return None
        return "elsewhere" if town in TEXAS_BIG_CITIES else "less_sought_after"
    return "less_sought_after" if state in LESS_SOUGHT_AFTER_STATES else "elsewhere"


# ---------------------------------------------------------------------------------------------
# Signal phrases (safety_nets § Step 5: code words in program descriptions). Each pattern is
# matched, ignoring case, against the description with runs of spaces made single.

WORDING: dict[str, tuple[str, ...]] = {
    "score_rigid": (
        r"highly competitive applicants?",
        r"(?:step ?2|ck)\b[^.;]{0,25}?(?:>|≥|above|over|at least|of)\s*2\d\d\b[^.;]{0,15}?"
        r"(?:preferred|required|minimum)",
        r"minimum (?:usmle |step 2 ck |step 2 )?scores? (?:of|is|are)",
    ),
    "prefers_us_graduates": (
        r"preference (?:is )?given to (?:us|u\.s\.) (?:medical )?graduates",
        r"(?:us|u\.s\.) (?:medical )?graduates (?:are )?preferred",
        r"prefer(?:s|red)? (?:us|u\.s\.) (?:medical )?graduates",
    ),
    "welcomes_imgs": (
        r"welcomes? applications? from international (?:medical )?graduates",
        r"international (?:medical )?graduates (?:are )?welcome",
        r"holistic review",
        r"(?:long )?history of training (?:imgs|international (?:medical )?graduates)",
    ),
}
_WORDING = {name: re.compile("|".join(patterns), re.IGNORECASE)
            for name, patterns in WORDING.items()}


def wording(description: str | None) -> dict[str, str]:
    """The signal phrases a description uses: signal name -> the words as written."""
    if not description:
        return {}
    text = " ".join(description.split())
    found = {}
    for name, pattern in _WORDING.items():
        match = pattern.search(text)
        if match:
            found[name] = match.group(0)
    return found


# ---------------------------------------------------------------------------------------------
# Facts.

DERIVED_PROGRAM_FIELDS: dict[str, str] = {
    "program.location": "sought_after, less_sought_after or elsewhere, from state and city",
    "program.step2ck_over_minimum": "your Step 2 CK minus the program's stated minimum",
    "program.step2ck_below_average": "the program's average Step 2 CK minus yours",
    "program.wording.score_rigid": "words in the description that signal rigid score screens",
    "program.wording.prefers_us_graduates": "words in the description that favour US graduates",
    "program.wording.welcomes_imgs": "words in the description that welcome IMGs",
}
"""Program input paths computed from the program (and the applicant's Step 2 CK)."""

READ_FIELDS = ("name", "state", "city", "type", "specialty", "img_percent", "visa",
               "step2ck_min", "step2ck_average", "region_imgs")
"""Program fields that become facts. The description is read only for its signal phrases;
interview and rank matter to the list as a whole (``knowledge_base.program_list``)."""


def _fields(program: Program, applicant: Profile) -> Iterator[tuple[str, Scalar | None]]:
    for name in READ_FIELDS:
        yield f"program.{name}", getattr(program, name)
    yield "program.location", location(program.state, program.city)
    score = applicant.step2ck.score
    if score is not None and program.step2ck_min is not None:
        yield "program.step2ck_over_minimum", score - program.step2ck_min
    if score is not None and program.step2ck_average is not None:
        yield "program.step2ck_below_average", program.step2ck_average - score
    for signal, words in wording(program.description).items():
        yield f"program.wording.{signal}", words


LOCATIONS = ("sought_after", "less_sought_after", "elsewhere")

PROGRAM_INPUT_DOMAINS: dict[str, Domain] = {
    **{f"program.{name}": domain_of(attrs.fields_dict(attrs.resolve_types(Program))[name])
       for name in READ_FIELDS},
    "program.location": Domain(choices=LOCATIONS),
    "program.step2ck_over_minimum": Domain(low=-SCORE_SPAN, high=SCORE_SPAN),
    "program.step2ck_below_average": Domain(low=-SCORE_SPAN, high=SCORE_SPAN),
    **{path: Domain(text=True) for path in DERIVED_PROGRAM_FIELDS
       if path.startswith("program.wording.")},
}
"""Every program input path the rules can read, with the values it can take."""


def program_facts(program: Program, applicant: Profile) -> tuple[Input, ...]:
    """The program as ``Input`` facts, one per known field, in a fixed order."""
    return tuple(Input(path, value) for path, value in _fields(program, applicant)
                 if value is not None)


JUDGED_FIELDS = ("state", "city", "type", "specialty", "img_percent", "visa", "step2ck_min",
                 "step2ck_average", "region_imgs")
"""The fields a verdict turns on; when unknown, the verdict says so."""


def unknown_fields(program: Program) -> tuple[str, ...]:
    return tuple(name for name in JUDGED_FIELDS if getattr(program, name) is None)
