"""schema.org metadata: a MedicalWebPage for patients, with the steps as a HowTo.

Search engines no longer show HowTo rich results; this is honest machine-readable metadata.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from stretchsite.content.model import Review, Routine, Stretch

if TYPE_CHECKING:
    from stretchsite.content.library import Library

PATIENTS = {"@type": "MedicalAudience", "audienceType": "Patient"}


def _page(title: str, summary: str, url: str, review: Review, language: str) -> dict[str, Any]:
    """A page's description; it claims a review (lastReviewed, reviewedBy) only when a clinician
    with a professional registration is recorded, as the page itself does."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": summary,
        "url": url,
        "inLanguage": language,
        "audience": PATIENTS,
        "dateModified": review.last_reviewed.isoformat(),
    }
    reviewer = review.reviewer
    if review.by_registered_clinician:
        data["lastReviewed"] = review.last_reviewed.isoformat()
        data["reviewedBy"] = {
            "@type": "Person",
            "name": reviewer.name,
            "description": f"{reviewer.credentials} ({reviewer.registration})",
        }
    return data


def _steps(texts: list[str]) -> list[dict[str, Any]]:
    return [{"@type": "HowToStep", "position": i, "text": text} for i, text in enumerate(texts, 1)]


def stretch_data(stretch: Stretch, library: Library, url: str) -> dict[str, Any]:
    data = _page(stretch.title, stretch.summary, url, stretch.review, library.language)
    data["mainEntity"] = {
        "@type": "HowTo",
        "name": stretch.title,
        "description": stretch.summary,
        "step": _steps([stretch.starting_position, *stretch.steps]),
    }
    return data


def routine_data(routine: Routine, library: Library, url: str) -> dict[str, Any]:
    stretches = library.stretches
    data = _page(routine.title, routine.summary, url, routine.review, library.language)
    data["mainEntity"] = {
        "@type": "HowTo",
        "name": routine.title,
        "step": [
            {
                "@type": "HowToSection",
                "position": i,
                "name": stretches[item.stretch].title,
                "itemListElement": _steps(list(stretches[item.stretch].steps)),
            }
            for i, item in enumerate(routine.stretches, 1)
        ],
    }
    return data


def as_script_text(data: dict[str, Any]) -> str:
    """JSON safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")
