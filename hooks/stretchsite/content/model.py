"""The closed content schema: what a stretch, routine, tip list and safety text may contain.

Every model forbids unknown fields and validates strictly (no "5" for 5, no "no" for false).
Units live in field names (`hold_seconds`); choices are enums. Rules that need more than one
file (references between files) live in `library.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_REVIEW_YEARS = 3
MAX_STEP_SENTENCE_WORDS = 20
_RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_SCRIPT_LINK = re.compile(r"\]\(\s*(?:javascript|data|vbscript):", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _no_todo(text: str) -> str:
    if "TODO" in text:
        raise ValueError("still says TODO: write the real text")
    return text


def _plain_markdown(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    _no_todo(text)
    if _RAW_HTML.search(text):
        raise ValueError("raw HTML is not allowed; write plain text or Markdown")
    if _SCRIPT_LINK.search(text):
        raise ValueError("links must start with https:// or point to a page on this site")
    return text.strip()


def _one_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("must be a single line")
    return text


def _one_action(text: str) -> str:
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    if len(sentences) > 2:
        raise ValueError("one action per step: split this step into separate steps")
    for sentence in sentences:
        words = len(sentence.split())
        if words > MAX_STEP_SENTENCE_WORDS:
            raise ValueError(
                f"a sentence has {words} words; keep step sentences to "
                f"{MAX_STEP_SENTENCE_WORDS} words or fewer"
            )
    return text


def _starts_with_do_not(text: str) -> str:
    if not text.startswith("Do not "):
        raise ValueError('every line in "dont" must start with "Do not"')
    return text


Text = Annotated[str, AfterValidator(_plain_markdown)]
Line = Annotated[
    str, Field(max_length=160), AfterValidator(_plain_markdown), AfterValidator(_one_line)
]
Title = Annotated[
    str, Field(max_length=70), AfterValidator(_plain_markdown), AfterValidator(_one_line)
]
StepText = Annotated[str, AfterValidator(_plain_markdown), AfterValidator(_one_action)]
DontText = Annotated[str, AfterValidator(_plain_markdown), AfterValidator(_starts_with_do_not)]
AltText = Annotated[
    str, Field(max_length=400), AfterValidator(_plain_markdown), AfterValidator(_one_line)
]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]
Url = Annotated[str, Field(pattern=r"^https://[^\s<>\"]+$"), AfterValidator(_no_todo)]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Closed(BaseModel):
    """Base for every content model: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class BodyArea(StrEnum):
    LOWER_BACK = "lower-back"
    HIPS_AND_BUTTOCKS = "hips-and-buttocks"
    LEGS = "legs"

    @property
    def label(self) -> str:
        return {
            BodyArea.LOWER_BACK: "Lower back",
            BodyArea.HIPS_AND_BUTTOCKS: "Hips and buttocks",
            BodyArea.LEGS: "Back of the thighs",
        }[self]


class Sides(StrEnum):
    ONE = "one"
    BOTH = "both"


class Repetitions(Closed):
    min: Annotated[int, Field(ge=1, le=50)]
    max: Annotated[int, Field(ge=1, le=50)]

    @field_validator("max")
    @classmethod
    def _ordered(cls, value: int, info: ValidationInfo) -> int:
        low = info.data.get("min")
        if low is not None and value < low:
            raise ValueError(f"must be at least min ({low})")
        return value


class Reviewer(Closed):
    name: Line
    credentials: Line


class Review(Closed):
    last_reviewed: dt.date
    next_review_due: dt.date
    reviewer: Reviewer

    @field_validator("next_review_due")
    @classmethod
    def _due_within_three_years(cls, due: dt.date, info: ValidationInfo) -> dt.date:
        last = info.data.get("last_reviewed")
        if last is None:
            return due
        if due <= last:
            raise ValueError("must be after last_reviewed")
        limit = add_years(last, MAX_REVIEW_YEARS)
        if due > limit:
            raise ValueError(
                f"must be within {MAX_REVIEW_YEARS} years of last_reviewed (by {limit.isoformat()})"
            )
        return due


class Source(Closed):
    title: Line
    publisher: Line
    url: Url


Sources = Annotated[list[Source], Field(min_length=1)]


class Stretch(Closed):
    title: Title
    summary: Line
    body_area: Annotated[BodyArea, Field(strict=False)]
    target_muscles: Annotated[list[Line], Field(min_length=1)]
    why_it_helps: Text
    starting_position: Text
    steps: Annotated[list[StepText], Field(min_length=2)]
    hold_seconds: Annotated[int, Field(ge=1, le=300)]
    repetitions: Repetitions
    sides: Annotated[Sides, Field(strict=False)]
    times_per_day: Annotated[int, Field(ge=1, le=6)]
    feel: Text
    cautions: Annotated[list[Text], Field(min_length=1)]
    do: Annotated[list[Text], Field(min_length=1)]
    dont: Annotated[list[DontText], Field(min_length=1)]
    related: list[Slug] = []
    warning: Slug
    illustration_alt: AltText
    review: Review
    sources: Sources


class RoutineItem(Closed):
    stretch: Slug
    hold_seconds: Annotated[int | None, Field(ge=1, le=300)] = None
    repetitions: Repetitions | None = None
    times_per_day: Annotated[int | None, Field(ge=1, le=6)] = None
    note: Line | None = None


class Routine(Closed):
    title: Title
    summary: Line
    introduction: Text
    cautions: Annotated[list[Text], Field(min_length=1)]
    warning: Slug
    stretches: Annotated[list[RoutineItem], Field(min_length=1)]
    review: Review
    sources: Sources


class Tip(Closed):
    tip: Line
    detail: Text


class Tips(Closed):
    title: Title
    summary: Line
    introduction: Text
    tips: Annotated[list[Tip], Field(min_length=1)]
    review: Review
    sources: Sources


class SafetyWarning(Closed):
    title: Title
    text: Text


class HelpTier(Closed):
    heading: Line
    items: Annotated[list[Line], Field(min_length=1)]


class WhenToGetHelp(Closed):
    title: Title
    summary: Line
    introduction: Text
    emergency: HelpTier
    urgent: HelpTier
    routine: HelpTier


class Safety(Closed):
    warnings: Annotated[dict[Slug, SafetyWarning], Field(min_length=1)]
    site_notice: Line
    check_first: Text
    progression: Text
    when_to_get_help: WhenToGetHelp
    review: Review
    sources: Sources


class HelpContacts(Closed):
    """Site configuration (`extra.help_contacts` in mkdocs.yml): numbers differ by country."""

    emergency_number: Annotated[str, Field(pattern=r"^[0-9 ]{2,12}$")]
    emergency_place: Line
    urgent_number: Annotated[str, Field(pattern=r"^[0-9 ]{2,12}$")]
    urgent_service: Line
    routine_contact: Line
