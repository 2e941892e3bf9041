"""The closed content schema: what a stretch, routine, tip list and safety text may contain.

Every model forbids unknown fields and validates strictly (no "5" for 5, no "no" for false).
Units live in field names (`hold_seconds`); choices are enums. Rules that need more than one
file (references between files) live in `library.py`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import urllib.parse
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from stretchsite.content.closed import Closed
from stretchsite.content.poses import Pictures

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A professional registration: the register's letters, then the number, like "HCPC PH123456",
# "GMC 1234567" or "NMC 12A3456E". Words such as "pending" or "n/a" are refused.
REGISTRATION_PATTERN = r"^[A-Z][A-Z-]{1,9} [A-Z0-9 -]*[0-9]{3,}[A-Z0-9]*$"
MAX_REVIEW_YEARS = 3
MAX_STEP_SENTENCE_WORDS = 20
_RAW_HTML = re.compile(r"<\s*[A-Za-z!/?]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

# Links: the schemes content and published pages may link to; anything else (javascript:,
# data:, vbscript:, ...) could run script or hide what a link does.
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
# Where Markdown reads a link target: inline links and images `](`, reference definitions
# `[x]: target`, and autolinks `<scheme:...>`.
_LINK_START = re.compile(r"\]\(|\]:|<(?=[A-Za-z][A-Za-z0-9+.\-]*:)")
_TARGET = re.compile(r"[^)>\"' ]*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*(?=:)")
_BLANK = "".join(map(chr, range(0x21)))  # space and control characters
_DROPPED = re.compile(r"[\t\n\r\\]")  # dropped inside an address by browsers, \ by Markdown

# Placeholders in safety text, filled from mkdocs.yml `extra.help_contacts` (`HelpContacts`).
PLACEHOLDER_PATTERN = r"\{([a-z][a-z0-9_]*)\}"
_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)
_PLACEHOLDER_LIKE = re.compile(r"\{([A-Za-z0-9_\- ]*[A-Za-z0-9][A-Za-z0-9_\- ]*)\}")
# Markdown's attr_list reads `{...}` as HTML attributes (`{onclick=...}`, `{href=...}`).
_BRACES = re.compile(r"\{[^\n]*?\}")
_FILLED_FIELDS = "site_notice and the headings and items of when_to_get_help"

# Invisible characters that change how text reads (control characters, bidi overrides) or that
# HTML forbids (noncharacters); a newline or tab is fine.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)
_URL_FORBIDDEN = re.compile(r"[\s()\[\]<>\"'\\`{}\x00-\x1f\x7f]")


def _no_todo(text: str) -> str:
    if "TODO" in text:
        raise ValueError("still says TODO: write the real text")
    return text


def link_scheme(target: str) -> str | None:
    """The scheme a browser reads at the start of a Markdown link target, lowercased, like
    "javascript"; None for a link to a page on this site (`../tips/`, `#steps`).

    Character references are decoded and tabs, newlines and backslashes dropped first, as a
    browser or Markdown would: `java&#115;cript:` and `java<newline>script:` are javascript.
    """
    target = target.lstrip(_BLANK).removeprefix("<").lstrip(_BLANK)
    match = _TARGET.match(target)
    address = _DROPPED.sub("", html.unescape(match.group() if match else "")).lstrip(_BLANK)
    scheme = _SCHEME.match(address)
    return scheme.group().lower() if scheme else None


def has_unsafe_link(text: str) -> bool:
    """Whether Markdown text links anywhere but an http(s), mailto or tel address or a page of
    this site; a protocol-relative `//host` link counts as unsafe (it hides its scheme)."""
    for start in _LINK_START.finditer(text):
        target = text[start.end() :].lstrip(_BLANK).removeprefix("<").lstrip(_BLANK)
        if target.replace("\\", "/").startswith("//"):
            return True
        if link_scheme(target) not in (None, *LINK_SCHEMES):
            return True
    return False


def placeholder_names() -> list[str]:
    """The placeholders safety text may use: the fields of `HelpContacts`."""
    return list(HelpContacts.model_fields)


def _no_braces(text: str) -> None:
    found = _BRACES.search(text)
    if found and found.group()[1:-1] in placeholder_names():
        raise ValueError(
            f"{found.group()} is not filled in here: placeholders work only in {_FILLED_FIELDS}"
        )
    if found:
        raise ValueError(
            f"curly braces are not allowed here (found {found.group()!r}); placeholders "
            f"like {{emergency_number}} work only in {_FILLED_FIELDS}"
        )


def _plain_markdown(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be empty")
    _no_todo(text)
    if has_unsafe_link(text):
        raise ValueError("links must start with https:// or point to a page on this site")
    if "![" in text:
        raise ValueError(
            "pictures are not allowed in the text; a stretch's picture goes in "
            "content/illustrations/"
        )
    if _CONTROL.search(text):
        raise ValueError(
            "contains an invisible control or text-direction character; retype this text"
        )
    if _RAW_HTML.search(text):
        raise ValueError("raw HTML is not allowed; write plain text or Markdown")
    _no_braces(text)
    return text.strip()


def _filled_markdown(text: str) -> str:
    """Text that `pages/words.py fill` fills in: only known `{placeholders}` in curly braces."""
    allowed = placeholder_names()
    for found in _PLACEHOLDER_LIKE.finditer(text):
        if found.group(1) not in allowed:
            names = ", ".join(f"{{{name}}}" for name in allowed)
            raise ValueError(f"unknown placeholder {found.group()}; allowed: {names}")
    filled = _PLACEHOLDER.sub("x", text)  # the text as `fill` leaves it, for the other rules
    other = _BRACES.search(filled)
    if other:
        raise ValueError(
            "curly braces are allowed only around a placeholder, like {emergency_number} "
            f"(found {other.group()!r})"
        )
    _plain_markdown(filled)
    return text.strip()


def _https_address(url: str) -> str:
    """A full https:// address that cannot break out of a Markdown link or hide its host."""
    if not url.startswith("https://"):
        raise ValueError(f"must be a full https:// address (found {url!r})")
    bad = _URL_FORBIDDEN.search(url) or next((c for c in url if not c.isprintable()), None)
    if bad:
        char = bad if isinstance(bad, str) else bad.group()
        what = "a space" if char.isspace() else repr(char)
        raise ValueError(
            f"must be a full https:// address with no spaces, brackets or quotes "
            f"(found {what} in {url!r})"
        )
    parts = urllib.parse.urlsplit(url)
    try:
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        raise ValueError(f"must be a full https:// address (found {url!r})") from None
    if not parts.hostname:
        raise ValueError(
            f"must be a full https:// address with a site name, like https://www.nhs.uk/ "
            f"(found {url!r})"
        )
    if "@" in parts.netloc:
        raise ValueError(f"must be a full https:// address without a user name (found {url!r})")
    return url


def _no_markdown(text: str) -> str:
    """For text the theme shows as it is (the site notice): Markdown marks would show."""
    marks = sorted({mark for mark in "[]*_`#" if mark in _PLACEHOLDER.sub("", text)})
    if marks:
        raise ValueError(f"is shown as plain text: remove the Markdown marks {' '.join(marks)}")
    return text


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


def _starts_with_do_not(text: str, info: ValidationInfo) -> str:
    """A Don't starts with the language's "Do not" (`dont_starts_with` in its strings,
    passed by content/translations.py as validation context)."""
    words = (info.context or {}).get("dont_starts_with", "Do not")
    if not text.startswith(f"{words} "):
        raise ValueError(f'every line in "dont" must start with "{words}"')
    return text


Text = Annotated[str, AfterValidator(_plain_markdown)]
Line = Annotated[
    str, Field(max_length=160), AfterValidator(_plain_markdown), AfterValidator(_one_line)
]
FilledLine = Annotated[
    str, Field(max_length=160), AfterValidator(_filled_markdown), AfterValidator(_one_line)
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
Url = Annotated[
    str,
    Field(json_schema_extra={"pattern": r"^https://[^\s<>\"]+$"}),  # for editors' editors
    AfterValidator(_https_address),
    AfterValidator(_no_todo),
]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class BodyArea(StrEnum):
    LOWER_BACK = "lower-back"
    HIPS_AND_BUTTOCKS = "hips-and-buttocks"
    LEGS = "legs"  # names for patients: body_areas in pages/strings/en.yml


class Sides(StrEnum):
    ONE = "one"
    BOTH = "both"


class Position(StrEnum):
    """How a stretch is done: lying stretches get the steps to get down to the floor and up."""

    LYING = "lying"
    STANDING = "standing"


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
    """Who last checked a page. A page says "last reviewed" only when `registration` records a
    clinician's professional registration (like "HCPC PH123456"); until then it says plainly
    that no clinician has checked it yet."""

    name: Line
    credentials: Line
    registration: (
        Annotated[
            str,
            Field(
                max_length=40,
                pattern=REGISTRATION_PATTERN,
                description="Only the reviewing clinician's registration (like HCPC "
                "PH123456), copied from a signed review pack; never your own for a change you "
                "made. If your change alters what the page tells patients to do, delete it: the "
                "page will then say it is not yet checked.",
                json_schema_extra={"examples": ["HCPC PH123456", "GMC 1234567"]},
            ),
        ]
        | None
    ) = None


class Review(Closed):
    last_reviewed: Annotated[
        dt.date,
        Field(
            description="The date a clinician signed this page off, like 2026-11-24. Do not "
            "change it when you edit the page."
        ),
    ]
    next_review_due: Annotated[
        dt.date,
        Field(
            description="Set by the reviewing clinician: at most "
            f"{MAX_REVIEW_YEARS} years after last_reviewed."
        ),
    ]
    reviewer: Reviewer

    @property
    def by_registered_clinician(self) -> bool:
        """Whether a named clinician with a professional registration has checked the page:
        only then does the page (and its structured data) say "last reviewed"."""
        return self.reviewer.registration is not None

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
# The "Remember" box of key points (PEMAT item 11): two or three short lines.
KeyPoints = Annotated[list[Line], Field(min_length=2, max_length=3)]


class Stretch(Closed):
    title: Annotated[
        Title, Field(description="The stretch's name in plain words, like Knee to chest stretch.")
    ]
    summary: Annotated[
        Line, Field(description="One line: what the patient does and what it stretches.")
    ]
    body_area: Annotated[
        BodyArea, Field(strict=False, description="Where it is felt: groups the stretches list.")
    ]
    target_muscles: Annotated[
        list[Line], Field(min_length=1, description="The muscles it stretches, in plain words.")
    ]
    why_it_helps: Annotated[Text, Field(description="Why it helps, in short sentences.")]
    starting_position: Annotated[Text, Field(description="How to get into position before step 1.")]
    steps: Annotated[
        list[StepText],
        Field(
            min_length=2,
            description="One action per step, at most 2 sentences of up to 20 words each. "
            "The pictures are drawn from poses the form cannot change: if you change what the "
            "body does, say so in the pull request and check the pictures on its preview.",
        ),
    ]
    hold_seconds: Annotated[
        int,
        Field(
            ge=1,
            le=300,
            description="How long to hold the stretch, in seconds, as its sources say. Change "
            "it only with a clinician's approval.",
        ),
    ]
    repetitions: Annotated[
        Repetitions,
        Field(
            description="Times on each side. The page's advice on building up says start "
            "at 5 and go up to 10: other numbers need a clinician to check that advice too."
        ),
    ]
    sides: Annotated[
        Sides,
        Field(
            strict=False,
            description="both: all repeats on the right, then the left. Write the steps for "
            "the right side.",
        ),
    ]
    position: Annotated[
        Position,
        Field(
            strict=False,
            description="lying: the page adds how to get down to the floor and back up. "
            "Choose it for any stretch done on the floor or a bed; lying stretches need the "
            "pregnancy caution.",
        ),
    ]
    times_per_day: Annotated[
        int,
        Field(
            ge=1,
            le=6,
            description="How many times a day. Another number than the sources give only if a "
            "clinician sets it.",
        ),
    ]
    feel: Annotated[Text, Field(description="What the patient should feel, and what is too much.")]
    cautions: Annotated[
        list[Text],
        Field(
            min_length=1,
            description="Who should ask first, and any 'stop if' only this stretch needs; "
            "shown in the warning before the steps. See EDITING.md for the cautions every "
            "stretch needs (a recent operation; pregnancy for lying stretches; a hip "
            "replacement; weak bones). Remove one only with a clinician's sign-off.",
        ),
    ]
    do: Annotated[list[Text], Field(min_length=1, description="Things to do while stretching.")]
    dont: Annotated[
        list[DontText], Field(min_length=1, description='Each line starts with "Do not".')
    ]
    remember: Annotated[
        KeyPoints, Field(description="2 or 3 short key points for the Remember box.")
    ]
    related: Annotated[list[Slug], Field(description="Other stretches to suggest.")] = []
    warning: Annotated[
        Slug, Field(description="The safety warning shown first, from content/safety.yml.")
    ]
    pictures: Pictures | None = None  # drawn from poses; or content/illustrations/<slug>.svg
    illustration_alt: Annotated[
        AltText, Field(description="What the pictures show, for people who cannot see them.")
    ]
    review: Review
    sources: Sources


_OWN_DOSE = "Leave empty to use the stretch's own. A different dose needs a clinician's approval."


class RoutineItem(Closed):
    stretch: Annotated[Slug, Field(description="Which stretch (its file name).")]
    hold_seconds: Annotated[
        int | None,
        Field(
            ge=1,
            le=300,
            description=_OWN_DOSE,
        ),
    ] = None
    repetitions: Annotated[
        Repetitions | None,
        Field(description=_OWN_DOSE),
    ] = None
    times_per_day: Annotated[
        int | None,
        Field(
            ge=1,
            le=6,
            description=_OWN_DOSE,
        ),
    ] = None
    note: Annotated[Line | None, Field(description="A short note shown with this stretch.")] = None


class Routine(Closed):
    title: Title
    summary: Line
    introduction: Text
    cautions: Annotated[
        list[Text], Field(min_length=1, description="Shown before the first stretch.")
    ]
    warning: Annotated[
        Slug, Field(description="The safety warning shown first, from content/safety.yml.")
    ]
    remember: KeyPoints
    stretches: Annotated[list[RoutineItem], Field(min_length=1)]
    review: Review
    sources: Sources

    @field_validator("stretches")
    @classmethod
    def _each_stretch_once(cls, items: list[RoutineItem]) -> list[RoutineItem]:
        slugs = [item.stretch for item in items]
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if repeated:
            raise ValueError(
                f"lists {', '.join(repeated)} more than once; list each stretch once (change "
                "its repeats instead)"
            )
        return items


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


class PendingRedFlag(Closed):
    """A red flag a clinician has proposed that is not yet on the site: it waits in the review
    pack until a clinician signs it off (then an editor moves `text` into the tier's items)."""

    text: FilledLine
    why: Text


class HelpTier(Closed):
    heading: FilledLine
    items: Annotated[
        list[FilledLine],
        Field(
            min_length=1,
            description="A sign that needs this level of help. Remove or reword one only with "
            "a clinician's sign-off. Write {emergency_number}, {urgent_number} or another "
            "placeholder, never a phone number.",
        ),
    ]
    awaiting_sign_off: Annotated[
        list[PendingRedFlag],
        Field(
            description="Proposed red flags, not shown to patients. Move one into items only "
            "after a clinician has signed it off in the review pack."
        ),
    ] = []


class WhenToGetHelp(Closed):
    title: Title
    summary: Line
    introduction: Text
    emergency: HelpTier
    urgent: HelpTier
    routine: HelpTier


_FLOOR_HINT = (
    "Shown with every lying stretch. One action per step. Any change needs a clinician's approval."
)


class FloorSteps(Closed):
    """How to get down to the floor and back up, shown with every lying stretch."""

    title: Title
    getting_down: Annotated[list[StepText], Field(min_length=2, description=_FLOOR_HINT)]
    getting_up: Annotated[list[StepText], Field(min_length=2, description=_FLOOR_HINT)]


class Safety(Closed):
    warnings: Annotated[dict[Slug, SafetyWarning], Field(min_length=1)]
    # Above every page: up to 180 characters as written (about five lines on a small phone),
    # room for languages that need more words than English.
    site_notice: Annotated[
        str,
        Field(max_length=180, description="Above every page: when to call for help."),
        AfterValidator(_filled_markdown),
        AfterValidator(_one_line),
        AfterValidator(_no_markdown),
    ]
    check_first: Text
    progression: Text
    floor: FloorSteps
    when_to_get_help: WhenToGetHelp
    review: Review
    sources: Sources


class DecisionStatus(StrEnum):
    AWAITING_SIGN_OFF = "awaiting-sign-off"
    SIGNED_OFF = "signed-off"


class Decision(Closed):
    """A content decision a clinician must sign off: where the site goes beyond or changes the
    source text (a gap filled, a step reworded, a default chosen)."""

    about: Line  # what it changes, like "Buttock stretch (piriformis): steps"
    files: Annotated[list[Line], Field(min_length=1)]  # the content files it touches
    decision: Text
    why: Text
    sources: list[Source] = []
    status: Annotated[DecisionStatus, Field(strict=False)] = DecisionStatus.AWAITING_SIGN_OFF


class Decisions(Closed):
    """content/decisions.yml: the decisions listed in the clinical review pack."""

    decisions: Annotated[dict[Slug, Decision], Field(min_length=1)]


class HelpContacts(Closed):
    """Site configuration (`extra.help_contacts` in mkdocs.yml): numbers differ by country."""

    emergency_number: Annotated[str, Field(pattern=r"^[0-9][0-9 ]{0,10}[0-9]$")]
    emergency_place: Line
    urgent_number: Annotated[str, Field(pattern=r"^[0-9][0-9 ]{0,10}[0-9]$")]
    urgent_service: Line
    routine_contact: Line

    @property
    def help_numbers(self) -> tuple[str, str]:
        """The numbers only the site's safety text may tell a patient to call."""
        return (self.emergency_number, self.urgent_number)


class EditorSettings(Closed):
    """Site configuration (`extra.editor` in mkdocs.yml): where the form editor at /admin/ opens
    its pull requests, and the sign-in service it uses (EDITING.md, "Editing in a form")."""

    repo: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")] | None = None
    branch: Annotated[str, Field(pattern=r"^[A-Za-z0-9._/-]+$")] = "main"
    base_url: Url | None = None  # the sign-in (OAuth) service; unset: Netlify's
    auth_endpoint: Annotated[str, Field(pattern=r"^[A-Za-z0-9._/-]+$")] | None = None
