"""Checks across files: references, unique titles, file names, missing files, one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, errors
from stretchsite.content.library import load_library
from stretchsite.content.problems import ContentError


def test_the_real_content_has_no_errors(project_copy: Path) -> None:
    assert errors(project_copy) == []


def test_related_stretch_must_exist(fixture_project: Path) -> None:
    edit(
        fixture_project,
        "content/stretches/hip-stretch.yml",
        "  - piriformis-stretch\n",
        "  - piriformis\n",
    )
    assert errors(fixture_project) == [
        'content/stretches/hip-stretch.yml:43: related[1]: no stretch called "piriformis" '
        "(known: hamstring-stretch, hip-stretch, knee-to-chest, piriformis-stretch)"
    ]


def test_a_stretch_is_not_related_to_itself(fixture_project: Path) -> None:
    edit(
        fixture_project,
        "content/stretches/hip-stretch.yml",
        "  - piriformis-stretch\n",
        "  - hip-stretch\n",
    )
    assert errors(fixture_project) == [
        "content/stretches/hip-stretch.yml:43: related[1]: a stretch cannot be related to itself"
    ]


def test_missing_safety_reference_is_an_error(fixture_project: Path) -> None:
    edit(
        fixture_project,
        "content/stretches/knee-to-chest.yml",
        "warning: stop-if-it-hurts",
        "warning: be-careful",
    )
    assert errors(fixture_project) == [
        'content/stretches/knee-to-chest.yml:42: warning: no safety warning called "be-careful" '
        "(known: stop-if-it-hurts)"
    ]


def test_routine_stretches_must_exist(fixture_project: Path) -> None:
    edit(
        fixture_project,
        "content/routines/four-stretches-for-lower-back-pain.yml",
        "  - stretch: hip-stretch",
        "  - stretch: hips",
    )
    assert errors(fixture_project) == [
        "content/routines/four-stretches-for-lower-back-pain.yml:16: stretches[2].stretch: "
        'no stretch called "hips" (known: hamstring-stretch, hip-stretch, knee-to-chest, '
        "piriformis-stretch)"
    ]


def test_titles_are_unique(fixture_project: Path) -> None:
    edit(
        fixture_project,
        "content/stretches/hip-stretch.yml",
        "title: Hip stretch",
        "title: Knee to chest stretch",
    )
    assert errors(fixture_project) == [
        'content/stretches/knee-to-chest.yml:1: title: "Knee to chest stretch" is already the '
        "title of content/stretches/hip-stretch.yml; titles must be unique"
    ]


def test_file_names_become_addresses(fixture_project: Path) -> None:
    stretches = fixture_project / "content" / "stretches"
    (stretches / "knee-to-chest.yml").rename(stretches / "Knee To Chest.yml")
    (stretches / "hip-stretch.yml").rename(stretches / "hip-stretch.yaml")
    found = errors(fixture_project)
    assert (
        "content/stretches/Knee To Chest.yml:1: file name becomes the page address: use "
        "lowercase words joined by hyphens, like knee-to-chest.yml" in found
    )
    assert (
        "content/stretches/hip-stretch.yaml:1: content files end in .yml; rename this file" in found
    )


@pytest.mark.parametrize("folder", ["stretches", "routines"])
def test_no_content_file_takes_the_address_of_a_list_page(
    fixture_project: Path, folder: str
) -> None:
    """stretches/index.yml would be published at /stretches/, where the list of stretches is."""
    files = sorted((fixture_project / "content" / folder).glob("*.yml"))
    files[-1].rename(files[-1].with_name("index.yml"))
    assert (
        f"content/{folder}/index.yml:1: index.yml would take the address of the list page; "
        "choose another name"
    ) in errors(fixture_project)


def test_missing_safety_file_is_named(fixture_project: Path) -> None:
    (fixture_project / "content" / "safety.yml").unlink()
    assert "content/safety.yml:1: file is missing" in errors(fixture_project)


def test_every_problem_is_reported_in_one_pass(fixture_project: Path) -> None:
    edit(
        fixture_project,
        "content/stretches/knee-to-chest.yml",
        "hold_seconds: 30",
        "hold_seconds: 0",
    )
    edit(
        fixture_project,
        "content/stretches/hip-stretch.yml",
        "  - piriformis-stretch\n",
        "  - nowhere\n",
    )
    edit(fixture_project, "content/tips.yml", "title: Tips", "titel: Tips")
    with pytest.raises(ContentError) as raised:
        load_library(fixture_project)
    message = str(raised.value)
    assert message.count("\n") == 4  # four problems (tips: unknown + missing), then a summary
    assert message.endswith("Content has 4 problems; nothing was built.")
    assert "content/tips.yml:1: titel: unknown field" in message
    assert "content/tips.yml:1: title: is required" in message
