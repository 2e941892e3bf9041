"""Link previews, search-engine metadata and the printed address, asserted on the built HTML."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, patient_html
from stretchsite.content.library import inspect_library
from stretchsite.pages.jsonld import stretch_data

pytestmark = pytest.mark.build
SITE = "https://stretches.example.org/"


def meta(html: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert found, f"no {name} meta tag"
    return found.group(1)


def structured(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD"
    return json.loads(found.group(1))


def test_titles_and_descriptions_are_unique(built_site: Path) -> None:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for html_file in patient_html(built_site):
        html = html_file.read_text()
        title = re.search(r"<title>(.*?)</title>", html).group(1)  # type: ignore[union-attr]
        description = meta(html, "name", "description")
        page = str(html_file.relative_to(built_site))
        assert title not in titles, f"{page} and {titles.get(title)} share the title {title}"
        assert description not in descriptions, f"{page} repeats a description"
        titles[title] = page
        descriptions[description] = page


def test_stretch_page_previews_show_name_and_summary(page_html: Callable[[str], str]) -> None:
    html = page_html("stretches/knee-to-chest")
    assert meta(html, "property", "og:title") == "Knee to chest stretch"
    assert meta(html, "property", "og:description") == (
        "Pull one knee gently towards your chest to ease a stiff lower back."
    )
    assert meta(html, "property", "og:url") == f"{SITE}stretches/knee-to-chest/"
    assert f'<link rel="canonical" href="{SITE}stretches/knee-to-chest/">' in html


def test_stretch_page_structured_data(page_html: Callable[[str], str]) -> None:
    data = structured(page_html("stretches/knee-to-chest"))
    assert data["@type"] == "MedicalWebPage"
    assert data["dateModified"] == "2026-11-24"
    assert "lastReviewed" not in data and "reviewedBy" not in data, "no clinician has checked it"
    assert data["audience"]["audienceType"] == "Patient"
    steps = data["mainEntity"]["step"]
    assert data["mainEntity"]["@type"] == "HowTo"
    assert steps[1] == {
        "@type": "HowToStep",
        "position": 2,
        "text": "Put both hands behind your right knee.",
    }


def test_routine_structured_data_lists_each_stretch(page_html: Callable[[str], str]) -> None:
    data = structured(page_html("routines/four-stretches-for-lower-back-pain"))
    names = [section["name"] for section in data["mainEntity"]["step"]]
    assert names[0] == "Hip stretch" and len(names) == 4


def test_print_block_carries_address_and_qr_code(page_html: Callable[[str], str]) -> None:
    html = page_html("stretches/hip-stretch")
    block = html[html.index('<div class="print-address">') :]
    assert f"<strong>{SITE}stretches/hip-stretch/</strong>" in block[:400]
    assert f'<svg role="img" aria-label="QR code for {SITE}stretches/hip-stretch/"' in block


def test_sitemap_lists_every_stretch(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text()
    for slug in ("knee-to-chest", "hip-stretch", "piriformis-stretch", "hamstring-stretch"):
        assert f"<loc>{SITE}stretches/{slug}/</loc>" in sitemap


def test_stretch_page_html_stays_light(built_site: Path) -> None:
    """Cheap phones on slow data: the page's own HTML (with its QR code) stays under 56 KB, and
    under 14 KB as it travels (gzip). The safety text every page carries (three tiers, cautions,
    getting down to the floor, the tick chart) is most of it; the movement drawn from the poses
    (seven frames, shown on request) adds about 10 KB, 1.5 KB compressed."""
    html = (built_site / "stretches" / "hip-stretch" / "index.html").read_bytes()
    assert len(html) < 56_000
    assert len(gzip.compress(html, 9)) < 14_000


def test_structured_data_claims_a_review_only_with_a_registration() -> None:
    library, _ = inspect_library(ROOT)
    assert library is not None
    stretch = library.stretches["knee-to-chest"]
    reviewer = stretch.review.reviewer.model_copy(update={"registration": "HCPC PH123456"})
    review = stretch.review.model_copy(update={"reviewer": reviewer})
    checked = stretch.model_copy(update={"review": review})
    data = stretch_data(checked, library, f"{SITE}stretches/knee-to-chest/")
    assert data["lastReviewed"] == "2026-11-24"
    assert "HCPC PH123456" in data["reviewedBy"]["description"]
    assert "lastReviewed" not in stretch_data(stretch, library, SITE)
