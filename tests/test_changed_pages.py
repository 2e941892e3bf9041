"""Changed files -> the patient pages they change, in every language, and the pull request's
preview comment that lists them with their reading level (on the real content)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_module
from stretchsite.build import content_build
from stretchsite.checks.readability import page_texts, score
from stretchsite.commands.changed_pages import (
    MARKER,
    BuiltPage,
    ChangedPages,
    built_pages,
    changed_pages,
    comment,
)

ROUTINE = "routines/four-stretches-for-lower-back-pain/"  # shows all four stretches
BASE = "https://clinic.github.io/stretches/pr-preview/pr-12/"
TODAY = dt.date(2026, 12, 1)


def addresses(*paths: str, root: Path = ROOT) -> tuple[str, ...]:
    return changed_pages(root, paths).addresses


@pytest.fixture(scope="module")
def pages() -> dict[str, BuiltPage]:
    return built_pages(ROOT, TODAY)


def test_an_english_stretch_changes_its_page_and_its_routines_in_every_language() -> None:
    changed = changed_pages(ROOT, ["content/stretches/hamstring-stretch.yml"])
    assert changed.addresses == (
        "stretches/hamstring-stretch/",
        ROUTINE,
        "es/stretches/hamstring-stretch/",
        f"es/{ROUTINE}",
    )
    assert changed.stretches == ("hamstring-stretch",)
    assert changed.every_page == ()


def test_a_translation_changes_only_its_own_language() -> None:
    assert addresses("content/es/stretches/hip-stretch.yml") == (
        "es/stretches/hip-stretch/",
        f"es/{ROUTINE}",
    )
    assert addresses("content/es/tips.yml") == ("es/tips/",)
    assert addresses("content/es/routines/four-stretches-for-lower-back-pain.yml") == (
        f"es/{ROUTINE}",
    )


def test_routines_tips_and_a_drawn_picture() -> None:
    assert addresses("content/routines/four-stretches-for-lower-back-pain.yml") == (
        ROUTINE,
        f"es/{ROUTINE}",
    )
    assert addresses("content/tips.yml") == ("tips/", "es/tips/")
    assert addresses("content/illustrations/knee-to-chest.svg") == (
        "stretches/knee-to-chest/",
        ROUTINE,
        "es/stretches/knee-to-chest/",
        f"es/{ROUTINE}",
    )


def test_the_safety_text_changes_the_help_page_and_the_notice_on_every_page() -> None:
    changed = changed_pages(ROOT, ["content/safety.yml"])
    assert changed.addresses == ("when-to-get-help/", "es/when-to-get-help/")
    assert changed.every_page == (
        (
            "content/safety.yml",
            "the safety text on every page: the notice at the top, the warning box, 'check "
            "first', how to build up, getting down to the floor and up, and when to get help",
        ),
    )
    spanish = changed_pages(ROOT, ["content/es/safety.yml"])
    assert spanish.addresses == ("es/when-to-get-help/",)
    assert spanish.every_page == (
        ("content/es/safety.yml", "the safety text on every page under es/"),
    )


def test_hand_written_pages() -> None:
    assert addresses("docs/about.md", "docs/index.md", "docs/es/for-clinics.md") == (
        "about/",
        "",
        "es/for-clinics/",
    )


def test_the_site_settings_code_and_theme_change_every_page_without_listing_it() -> None:
    paths = [
        "mkdocs.yml",
        "mkdocs.es.yml",
        "hooks/stretchsite/pages/templates/stretch.md.j2",
        "overrides/main.html",
        "docs/assets/stylesheets/site.css",
        "content/app-icon.png",
    ]
    changed = changed_pages(ROOT, paths)
    assert changed.addresses == ()
    assert [path for path, _ in changed.every_page] == paths
    assert dict(changed.every_page)["mkdocs.es.yml"] == "the settings of every page under es/"


def test_files_that_are_no_page() -> None:
    paths = [
        "README.md",
        "EDITING.md",
        "tests/test_build.py",
        ".github/workflows/pull-request.yml",
        "content/decisions.yml",
        "content/redirects.yml",
        "content/published-urls.txt",
        "content/stretches/notes.txt",
        "content/fr/stretches/hip-stretch.yml",  # not a language of the site
        "schemas/stretch.schema.json",
        "content/es",
        "docs/es/",
        "docs",
    ]
    assert changed_pages(ROOT, paths) == ChangedPages((), (), ())


@given(
    st.lists(
        st.lists(
            st.sampled_from(["content", "docs", "es", "stretches", "routines", "illustrations"])
            | st.text(min_size=0, max_size=12),
            max_size=4,
        ).map("/".join),
        max_size=6,
    )
)
@settings(max_examples=200, deadline=None)
def test_any_paths_at_all_map_without_failing(paths: list[str]) -> None:
    changed = changed_pages(ROOT, paths)
    assert all(not address.startswith("/") for address in changed.addresses)


def test_a_deleted_stretch_is_listed_as_gone(pages: dict[str, BuiltPage]) -> None:
    changed = changed_pages(ROOT, ["content/stretches/cat-stretch.yml", "  \n"])
    assert changed.addresses == ("stretches/cat-stretch/", "es/stretches/cat-stretch/")
    text = comment(changed, pages, BASE)
    assert "| *no page: removed or moved* | `/stretches/cat-stretch/` |  |" in text
    assert "editors/pictures" not in text


def test_a_stretch_dropped_from_a_routine_is_read_from_the_files_as_they_are(
    project_copy: Path,
) -> None:
    routine = project_copy / "content" / "routines" / "four-stretches-for-lower-back-pain.yml"
    routine.write_text(routine.read_text().replace("  - stretch: hip-stretch\n", ""))
    assert addresses("content/stretches/hip-stretch.yml", root=project_copy) == (
        "stretches/hip-stretch/",
        "es/stretches/hip-stretch/",
    )
    routine.write_text("stretches: [unclosed\n")  # unreadable: no routine, no crash
    assert addresses("content/stretches/knee-to-chest.yml", root=project_copy) == (
        "stretches/knee-to-chest/",
        "es/stretches/knee-to-chest/",
    )


def test_the_comment_links_each_page_with_its_reading_level(pages: dict[str, BuiltPage]) -> None:
    changed = changed_pages(ROOT, ["content/stretches/knee-to-chest.yml", "mkdocs.yml"])
    text = comment(changed, pages, BASE)
    lines = text.splitlines()
    assert lines[0] == MARKER
    assert f"The whole site as this change makes it: {BASE}" in lines
    content, _ = content_build(ROOT, TODAY)
    assert content is not None
    page = content.pages["stretches/knee-to-chest.md"]
    expected = score(page_texts(page.markdown).prose)  # as `make check` scores the page
    assert (
        f"| Knee to chest stretch | [/stretches/knee-to-chest/]({BASE}stretches/knee-to-chest/) "
        f"| grade {expected.grade:.1f}, SMOG {expected.smog:.1f}, plain enough |"
    ) in lines
    spanish = next(line for line in lines if "/es/stretches/knee-to-chest/" in line)
    assert re.search(r"\| Fernández-Huerta \d+, plain enough \|$", spanish), spanish
    assert f"[knee-to-chest]({BASE}editors/pictures/#knee-to-chest)" in text
    assert "- `mkdocs.yml`: the site's settings" in lines
    assert len([line for line in lines if line.startswith("| ")]) == 2 + 4  # heading + 4 pages
    # The clinical reviewer's checklist: a form's pull request has no template of its own.
    assert "**Before approving** (a registered clinician who did not make the change):" in lines
    assert "- [ ] Read each changed page on the preview, not in the form." in lines


def test_without_a_preview_the_comment_says_so_and_links_nothing(
    pages: dict[str, BuiltPage],
) -> None:
    changed = changed_pages(ROOT, ["content/tips.yml"])
    text = comment(changed, pages, None)
    assert text.startswith(f"{MARKER}\n")
    assert "**No preview**" in text
    assert "](" not in text
    assert "| Tips for stretching safely | `/tips/` | grade " in text


def test_the_command_reads_the_changed_files_and_prints_the_comment(tmp_path: Path) -> None:
    changed = tmp_path / "changed-files.txt"
    changed.write_text("content/tips.yml\nREADME.md\n")
    result = run_module(
        "stretchsite",
        "changed-pages",
        "--changed-file",
        str(changed),
        "--base-url",
        BASE.rstrip("/"),
        "--root",
        str(ROOT),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{MARKER}\n## Preview of this change\n")
    assert f"[/tips/]({BASE}tips/)" in result.stdout
    assert f"[/es/tips/]({BASE}es/tips/)" in result.stdout
