"""Honest review status: a page says "last reviewed" only when a registered clinician checked it.

Until `review.reviewer.registration` records a clinician's professional registration, the page
footer says plainly that no clinician has checked it, `check` lists the page, and the about page
and the site-wide texts say no more than the pages do.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ROOT, UK, copy_project, edit, errors, run_check
from stretchsite.build import content_build
from stretchsite.checks.reviews import unreviewed_problems
from stretchsite.content.library import Library, load_library
from stretchsite.content.problems import errors_only
from stretchsite.pages.render import Renderer
from stretchsite.pages.strings import strings

SITE = "https://stretches.example.org/"
REGISTRATION = "HCPC PH123456"
TODAY = dt.date.today()
EN = strings()
UNREVIEWED = "review.reviewer.registration: not yet checked by a clinician"


@pytest.fixture
def project(project_copy: Path) -> Path:
    """A copy of the project; its decisions (optional, tested in test_review_pack) left out."""
    (project_copy / "content" / "decisions.yml").unlink(missing_ok=True)
    return project_copy


def content_files(project: Path) -> list[Path]:
    """Every content file with a review: one page footer each."""
    content = project / "content"
    folders = [*content.glob("stretches/*.yml"), *content.glob("routines/*.yml")]
    return sorted([*folders, content / "tips.yml", content / "safety.yml"])


def register(file: Path, registration: str = REGISTRATION) -> None:
    """Record a clinician's registration in a content file's `review.reviewer`."""
    text = file.read_text(encoding="utf-8")
    assert text.count("\n  reviewer:\n") == 1, file
    file.write_text(
        text.replace("\n  reviewer:\n", f"\n  reviewer:\n    registration: {registration}\n"),
        encoding="utf-8",
    )


def footers(library: Library) -> dict[str, str]:
    """Each generated page's review footer, by page."""
    found = {}
    for plan, markdown in Renderer(library, UK, SITE).pages():
        start = markdown.find('<div class="page-review"')
        if start >= 0:
            found[plan.edit_path] = markdown[start:]
    assert len(found) == len(library.reviews())  # every content file's page has one
    return found


def test_a_page_without_a_registration_never_says_last_reviewed(project: Path) -> None:
    library = load_library(project)
    for path, footer in footers(library).items():
        assert "last reviewed" not in footer.lower(), path
        assert EN.reviewed_by not in footer, path
        assert EN.not_checked in footer, path
        assert EN.next_check_due in footer, path
    # The stretch page as a whole never says it either (the structured data is not Markdown).
    page = dict(Renderer(library, UK, SITE).pages())
    assert all("last reviewed" not in markdown.lower() for markdown in page.values())


def test_a_page_with_a_registration_says_last_reviewed_by_whom(project: Path) -> None:
    registered = project / "content" / "stretches" / "knee-to-chest.yml"
    register(registered)
    library = load_library(project)
    reviewer = library.stretches["knee-to-chest"].review.reviewer
    for path, footer in footers(library).items():
        if path == "content/stretches/knee-to-chest.yml":
            assert EN.last_reviewed in footer
            assert f"{reviewer.name}, {reviewer.credentials} ({REGISTRATION})" in footer
            assert EN.not_checked not in footer
        else:
            assert "last reviewed" not in footer.lower(), path
            assert EN.not_checked in footer, path


def test_check_lists_every_page_no_clinician_has_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = content_files(project)
    _, lines = run_check(project, capsys, TODAY)
    listed = sorted(line.split(":")[0] for line in lines if UNREVIEWED in line)
    assert listed == [f.relative_to(project).as_posix() for f in files]
    # Warnings: they never stop the site being built, and the summary counts them.
    assert all(": warning: " in line for line in lines if UNREVIEWED in line)
    assert "no problems found" not in lines[-1]
    assert re.search(r"\b[1-9][0-9]* warning", lines[-1]), lines[-1]
    assert errors_only(unreviewed_problems(load_library(project))) == []

    register(files[0])  # the same rule as `check` runs, without its slower checks
    listed = sorted(p.path for p in unreviewed_problems(load_library(project)))
    assert listed == [f.relative_to(project).as_posix() for f in files[1:]]


def about_page(project: Path) -> str:
    content, problems = content_build(project, TODAY)
    assert content is not None and content.docs, problems
    return content.docs["about.md"]


def test_the_about_page_says_what_the_pages_say(project: Path) -> None:
    files = content_files(project)
    total = len(files)
    forms = EN.review_status
    assert forms["none"] in about_page(project)

    register(files[0])
    about = about_page(project)
    assert forms["some"].format(checked=1, total=total) in about
    assert forms["none"] not in about

    for file in files[1:]:
        register(file)
    about = about_page(project)
    assert forms["all"].format(checked=total, total=total) in about
    assert forms["none"] not in about


def test_the_site_wide_texts_claim_no_review() -> None:
    """mkdocs.yml's description and footer text, shown on every page, claim no review."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_texts = re.search(r"(?ms)^site_description:.*?^copyright:.*?(?=^\S)", config)
    assert site_texts is not None
    claims = re.compile(r"(?i)\breviewed by\b|clinical editors|\bsafe\b|approved")
    assert not claims.search(site_texts.group()), site_texts.group()
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    section = about.split("{ #reviews }", 1)[1].split("\n## ", 1)[0]
    assert "<!-- safety: review-status -->" in section  # the count comes from the content


@pytest.mark.parametrize("registration", ["pending", "n/a", "TBC", "HCPC"])
def test_a_registration_must_look_like_one(tmp_path: Path, registration: str) -> None:
    """Only a real registration makes a page say "last reviewed": a placeholder is refused."""
    root = copy_project(tmp_path)
    edit(
        root,
        "content/tips.yml",
        "\n  reviewer:\n",
        f"\n  reviewer:\n    registration: {registration}\n",
    )
    assert any("must be a professional registration" in line for line in errors(root))
