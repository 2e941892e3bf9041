"""A full `mkdocs build --strict` of the real content, asserting on the HTML patients get."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import copy_project_with_stretches, patient_html, run_build
from stretchsite.pages.qrcode import QR_PLACEHOLDER

pytestmark = pytest.mark.build

SEED_STRETCHES = {
    "knee-to-chest": "Knee to chest stretch",
    "hip-stretch": "Hip stretch",
    "piriformis-stretch": "Buttock stretch (piriformis)",
    "hamstring-stretch": "Back of thigh stretch (hamstring)",
}
ROUTINE = "routines/four-stretches-for-lower-back-pain"


def article(html: str) -> str:
    start = html.index("<article")
    return html[start : html.index("</article>", start)]


def visible_text(html: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


@pytest.mark.parametrize(("slug", "title"), SEED_STRETCHES.items())
def test_each_seed_stretch_has_its_page(
    page_html: Callable[[str], str], slug: str, title: str
) -> None:
    html = page_html(f"stretches/{slug}")
    assert "<h1" in html and f">{title}</h1>" in html
    body = article(html)
    warning_at = body.index('class="admonition danger stretch-warning"')
    assert warning_at < body.index("<ol>"), "the warning must come before the first step"
    assert warning_at < body.index('id="steps"')
    assert "30 seconds" in body
    assert "5 to 10 times" in body
    assert "Do all your repeats on your right side, then on your left." in body
    assert 'id="warning"' in body and "When to stop" in body


def test_edit_link_opens_the_content_file(page_html: Callable[[str], str]) -> None:
    html = page_html("stretches/knee-to-chest")
    assert re.search(r'href="[^"]*/edit/main/content/stretches/knee-to-chest\.yml"', html)
    assert re.search(r'href="[^"]*/edit/main/docs/about\.md"', page_html("about"))


def test_stretch_page_sections_come_in_patient_order(page_html: Callable[[str], str]) -> None:
    body = article(page_html("stretches/hip-stretch"))
    order = [
        'id="warning"',
        'id="steps"',
        'id="dose"',
        'id="remember"',
        'id="what-you-should-feel"',
        'id="do-and-dont"',
        'id="why-it-helps"',
        'id="related"',
        'id="tick-chart"',
        'id="get-help"',
        "Not yet checked by a clinician",
    ]
    positions = [body.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_routine_page_lists_its_stretches_in_order(page_html: Callable[[str], str]) -> None:
    body = article(page_html(ROUTINE))
    assert body.index('class="admonition danger stretch-warning"') < body.index("<ol>")
    # Standing first, then the three on the floor: the patient gets down to the floor once.
    order = ["hip-stretch", "knee-to-chest", "piriformis-stretch", "hamstring-stretch"]
    positions = [body.index(f'id="{slug}"') for slug in order]
    assert positions == sorted(positions)
    assert body.count('class="stretch-timer"') == 4


def test_every_dont_line_starts_with_do_not(page_html: Callable[[str], str]) -> None:
    for slug in SEED_STRETCHES:
        body = article(page_html(f"stretches/{slug}"))
        donts = body[body.index('class="dont-list"') :]
        donts = donts[: donts.index("</ul>")]
        items = re.findall(r"<li>(.*?)</li>", donts)
        assert items and all(item.startswith("Do not ") for item in items)


def test_when_to_get_help_has_three_tiers_announced_by_words(
    page_html: Callable[[str], str],
) -> None:
    body = article(page_html("when-to-get-help"))
    for hidden in ("Immediate action required", "Urgent advice", "Non-urgent advice"):
        assert f'<span class="visually-hidden">{hidden}: </span>' in body
    assert "Call 999 or go to A&amp;E (the emergency department at a hospital) now" in body
    assert "call 111" in body


def test_every_page_shows_the_site_notice(built_site: Path) -> None:
    for html_file in patient_html(built_site):
        html = html_file.read_text()
        if 'http-equiv="refresh"' in html:
            continue
        spanish = html_file.relative_to(built_site).parts[0] == "es"
        notice = (
            "Pare si nota dolor punzante. Llame al 999 si le duele la espalda"
            if spanish
            else "Stop if you get sharp pain. Call 999 if back pain comes with numbness"
        )
        assert notice in html, html_file


def test_no_third_party_requests(built_site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(https?:)?//', re.I)
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text()
        found = [m.group(0) for m in pattern.finditer(html) if 'rel="canonical"' not in m.group(0)]
        assert found == [], f"{html_file}: {found}"
        assert "fonts.googleapis" not in html


def test_navigation_does_not_list_every_stretch(page_html: Callable[[str], str]) -> None:
    html = page_html("about")
    for slug in SEED_STRETCHES:
        assert f"stretches/{slug}/" not in html


SEED_FACTS = {
    "": [
        "tough cords that join muscles to bones (tendons)",
        "hold bones together (ligaments)",
        "made to move",
        "weeks or months",
        "legs and buttocks",
    ],
    "tips": [
        "Wear comfortable clothes",
        "a gentle pull, not pain",
        "Mild discomfort is normal",
        "Do not force your body",
        "do not bounce",
        "tear your muscles",
        "at least 30 seconds",
        "Repeat each stretch 5 to 10 times",
        "chiropractor",
    ],
    ROUTINE: ["hip flexors", "Everything is connected", "another area may feel better"],
    "stretches/knee-to-chest": ["both hands behind your right knee", "heels on the floor"],
    "stretches/hip-stretch": [
        "shoulder-width apart",
        "half step back with your right foot",
        "Bend your left knee",
        "right hip",
        "outside of your right hip",
        "gluteus",
    ],
    "stretches/piriformis-stretch": [
        "runs through your buttock",
        "back pain or leg pain",
        "rest your right ankle on your left thigh",
        "towards your chest",
    ],
    "stretches/hamstring-stretch": [
        "back of each thigh",
        "pelvis",
        "posture",
        "ease the strain on your lower back",
    ],
}


@pytest.mark.parametrize("path", SEED_FACTS)
def test_every_part_of_the_seed_reaches_the_site(
    page_html: Callable[[str], str], path: str
) -> None:
    text = visible_text(page_html(path))
    missing = [fact for fact in SEED_FACTS[path] if fact not in text]
    assert missing == []


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_broken_content_aborts_with_the_editor_message_and_keeps_the_site(
    fixture_project: Path,
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    assert run_build(fixture_project, site).returncode == 0
    before = snapshot(site)
    stretch = fixture_project / "content" / "stretches" / "knee-to-chest.yml"
    stretch.write_text(stretch.read_text().replace("hold_seconds: 30", "hold_seconds: 1:30"))
    result = run_build(fixture_project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert 'content/stretches/knee-to-chest.yml:19: hold_seconds: "1:30"' in output
    assert "Content has 1 problem; nothing was built." in output
    assert "Traceback" not in output
    assert snapshot(site) == before, "a plain `mkdocs build` with bad content emptied the site"


def test_a_stretch_page_without_its_warning_is_never_published(
    project_copy: Path,
    tmp_path: Path,
) -> None:
    template = project_copy / "hooks" / "stretchsite" / "pages" / "templates" / "stretch.md.j2"
    text = template.read_text()
    block = "{{ blocks.warning_block(warning, stretch.cautions, t.take_care, slug) }}"
    assert block in text
    template.write_text(text.replace(block, ""))
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert "the safety warning is missing; every stretch and routine page must show it" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_unknown_safety_block_in_docs_names_file_and_line(
    project_copy: Path,
    tmp_path: Path,
) -> None:
    about = project_copy / "docs" / "about.md"
    about.write_text(about.read_text() + "\n<!-- safety: stop-now -->\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(
        r'docs/about\.md:\d+: unknown safety block "stop-now" \(known: check-first, '
        r"emergency, help-tiers, progression, review-status, warning\)",
        result.stderr,
    )


def test_broken_internal_link_fails_the_strict_build(project_copy: Path, tmp_path: Path) -> None:
    about = project_copy / "docs" / "about.md"
    about.write_text(
        about.read_text() + "\n[gone](stretches/no-such-stretch.md)\n"
        "[bad anchor](tips.md#no-such-anchor)\n"
    )
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert "no-such-stretch.md" in result.stderr
    assert "no-such-anchor" in result.stderr


LARGE = 250  # stretches: more than almost any clinic site holds


def test_a_large_library_builds_each_page_with_its_own_text_and_qr_code(tmp_path: Path) -> None:
    project = copy_project_with_stretches(LARGE, tmp_path / "project")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    built = sorted((site / "stretches").glob("*/index.html"))
    assert len(built) == LARGE
    for page in built[:: LARGE // 7]:
        html = page.read_text(encoding="utf-8")
        number = re.search(r"-(\d{5})$", page.parent.name)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html)
        assert title is not None and (number is None or title[1].endswith(number[1]))
        address = f"https://stretches.example.org/stretches/{page.parent.name}/"
        assert f'aria-label="QR code for {address}"' in html
        assert QR_PLACEHOLDER not in html and 'class="admonition danger stretch-warning"' in html
        assert f'"url":"{address}"' in html  # its own structured data
        assert "Safety:</strong> Stop if you get sharp pain." in html  # the site notice
    catalogue = json.loads((site / "assets" / "routine-library.json").read_text(encoding="utf-8"))
    assert len(catalogue["stretches"]) == LARGE


@pytest.mark.parametrize(
    "breakage",
    ["the last stretch", "a picture no page needs", "a docs page's safety block"],
)
def test_a_large_library_with_an_error_keeps_the_previous_site(
    tmp_path: Path, breakage: str
) -> None:
    project = copy_project_with_stretches(LARGE, tmp_path / "project")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    before = snapshot(site)
    if breakage == "a picture no page needs":
        (project / "content" / "illustrations").mkdir(exist_ok=True)
        (project / "content" / "illustrations" / "not-a-stretch.svg").write_text("<svg/>")
        expected = r"content/illustrations/not-a-stretch\.svg:1: no stretch called"
    elif breakage == "a docs page's safety block":
        about = project / "docs" / "about.md"
        about.write_text(about.read_text() + "\n<!-- safety: stop-now -->\n")
        expected = r'docs/about\.md:\d+: unknown safety block "stop-now"'
    else:
        last = sorted((project / "content" / "stretches").glob("*.yml"))[-1]
        last.write_text(last.read_text().replace("hold_seconds: 30", "hold_seconds: 1:30"))
        expected = rf'content/stretches/{last.stem}\.yml:\d+: hold_seconds: "1:30"'
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert re.search(expected, output)
    assert "Content has 1 problem; nothing was built." in output
    assert "Traceback" not in output
    assert snapshot(site) == before
