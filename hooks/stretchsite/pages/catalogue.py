"""The stretch library as JSON, for the routine builder and the shared-routine page.

Text is plain (Markdown marks removed) because the browser puts it in with textContent only.
"""

from __future__ import annotations

import json
import re
from typing import Any

from stretchsite.content.library import Library
from stretchsite.pages.dose import Dose
from stretchsite.pages.strings import Strings, strings

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|_|`)")


def plain(text: str) -> str:
    """Markdown to plain text: links keep their words, emphasis marks go."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", text)).split())


def catalogue(library: Library, illustration_url: str, t: Strings) -> dict[str, Any]:
    """Everything the builder and the shared-routine page need, keyed by stretch slug."""
    warning = next(iter(library.safety.warnings.values()))
    stretches = []
    for slug, stretch in sorted(library.stretches.items(), key=lambda kv: kv[1].title):
        dose = Dose.of(stretch, t=t)
        stretches.append(
            {
                "slug": slug,
                "title": plain(stretch.title),
                "summary": plain(stretch.summary),
                "area": t.body_areas[stretch.body_area],
                "starting_position": plain(stretch.starting_position),
                "steps": [plain(step) for step in stretch.steps],
                "cautions": [plain(caution) for caution in stretch.cautions],
                "hold_seconds": dose.hold_seconds,
                "reps_min": dose.reps_min,
                "reps_max": dose.reps_max,
                "both_sides": dose.both_sides,
                "times_per_day": dose.times_per_day,
                "illustration": (
                    illustration_url.format(slug=slug) if slug in library.illustrations else None
                ),
                "illustration_alt": plain(stretch.illustration_alt),
                "page": f"stretches/{slug}/",
            }
        )
    return {
        "version": 1,
        "warning": {"title": plain(warning.title), "text": plain(warning.text)},
        "progression": plain(library.safety.progression),
        "stretches": stretches,
    }


def catalogue_json(library: Library, language: str = "en") -> str:
    data = catalogue(library, "assets/illustrations/{slug}.svg", strings(language))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
