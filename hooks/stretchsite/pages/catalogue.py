"""The stretch library as JSON, for the routine builder and the shared-routine page.

Text is plain (Markdown marks removed) because the browser puts it in with textContent only.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from stretchsite.content.library import Library
from stretchsite.pages.dose import (
    LEAD_IN_SECONDS,
    SIDE_CHANGE_SECONDS,
    STRETCH_CHANGE_SECONDS,
    Dose,
)
from stretchsite.pages.pictures import StretchPictures
from stretchsite.pages.strings import Strings, strings
from stretchsite.pages.versions import versioned

# The most a routine link may ask of a patient each time and in a day, in minutes
# (routine-link.js refuses a link past either, in the builder and on the patient page). Basis:
# no more than the site's own content asks for. Its longest is the four-stretch routine at its
# most: 50 minutes each time, 149 minutes a day (3 times a day: the default that
# content/decisions.yml `how-often` asks a clinician to confirm); every stretch's and routine's
# own dose today is within both (tests/test_routine_link.py checks). Lower them when that
# default is signed off lower.
MAX_MINUTES_EACH_TIME = 50
MAX_MINUTES_A_DAY = 150


def daily_minutes(doses: Iterable[Dose]) -> int:
    """Minutes a day at the most repeats, every time a day, as Dose.seconds counts them."""
    return math.ceil(sum(dose.seconds(dose.reps_max) * dose.times_per_day for dose in doses) / 60)


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|_|`)")


def plain(text: str) -> str:
    """Markdown to plain text: links keep their words, emphasis marks go."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", text)).split())


def plain_list(texts: list[str]) -> list[str]:
    return [plain(text) for text in texts]


def catalogue(
    library: Library,
    pictures: Mapping[str, StretchPictures],
    t: Strings,
    help_numbers: Iterable[str],
    languages: Iterable[dict[str, str]] = (),
) -> dict[str, Any]:
    """Everything the builder and the shared-routine page need, keyed by stretch slug.

    `help_numbers` are the site's emergency and urgent numbers, which no note in a link may
    name: only the site's safety text says when to call them. `languages` are the site's
    languages ({code, name, prefix}), for the builder to link to a patient's page in any."""
    safety = library.safety
    stretches = []
    for slug, stretch in sorted(library.stretches.items(), key=lambda kv: kv[1].title):
        dose = Dose.of(stretch, t=t)
        stretches.append(
            {
                "slug": slug,
                "title": plain(stretch.title),
                "summary": plain(stretch.summary),
                "area": t.body_areas[stretch.body_area],
                "position": str(stretch.position),
                "warning": stretch.warning,
                "cautions": plain_list(stretch.cautions),
                "starting_position": plain(stretch.starting_position),
                "steps": plain_list(stretch.steps),
                "feel": plain(stretch.feel),
                "do": plain_list(stretch.do),
                "dont": plain_list(stretch.dont),
                "remember": plain_list(stretch.remember),
                "hold_seconds": dose.hold_seconds,
                "reps_min": dose.reps_min,
                "reps_max": dose.reps_max,
                "both_sides": dose.both_sides,
                "times_per_day": dose.times_per_day,
                "pictures": [
                    {
                        "src": versioned(picture.file, picture.svg.encode()),
                        "alt": plain(picture.alt),
                        "label": picture.label,
                        "scene": plain(picture.scene),
                        "caption": plain(picture.caption),
                        "width": picture.width,
                        "height": picture.height,
                    }
                    for picture in (pictures[slug].pictures if slug in pictures else [])
                ],
                "picture_key": slug in pictures and pictures[slug].key,
                "page": f"stretches/{slug}/",
            }
        )
    return {
        "version": 2,  # 2: per-stretch warnings, cautions, feel, do, dont, remember; timing
        "warnings": {
            slug: {"title": plain(warning.title), "text": plain(warning.text)}
            for slug, warning in safety.warnings.items()
        },
        # The warning that pages include with `<!-- safety: warning -->` (Renderer.snippets):
        # a stretch with another warning shows its own as well.
        "page_warning": next(iter(safety.warnings)),
        "floor": {
            "title": plain(safety.floor.title),
            "getting_down": plain_list(safety.floor.getting_down),
            "getting_up": plain_list(safety.floor.getting_up),
        },
        # How long a routine takes, as pages/dose.py counts it (Dose.seconds).
        "timing": {
            "lead_in_seconds": LEAD_IN_SECONDS,
            "side_change_seconds": SIDE_CHANGE_SECONDS,
            "stretch_change_seconds": STRETCH_CHANGE_SECONDS,
        },
        # What a routine link may ask for (see MAX_MINUTES_A_DAY) and what its notes may not name.
        "limits": {
            "max_minutes_each_time": MAX_MINUTES_EACH_TIME,
            "max_minutes_a_day": MAX_MINUTES_A_DAY,
            "help_numbers": list(help_numbers),
        },
        "language": t.language,
        "languages": list(languages),
        "stretches": stretches,
    }


def catalogue_json(
    library: Library,
    pictures: Mapping[str, StretchPictures],
    help_numbers: Iterable[str],
    language: str = "en",
    languages: Iterable[dict[str, str]] = (),
) -> str:
    data = catalogue(library, pictures, strings(language), help_numbers, languages)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
