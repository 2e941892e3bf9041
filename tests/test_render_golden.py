"""Rendered Markdown against golden files. Run with UPDATE_GOLDEN=1 to rewrite them on purpose."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, UK
from stretchsite.content.library import load_library
from stretchsite.pages.render import Renderer

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    # As the build renders: the QR code is put in after MkDocs (tests/browser/test_qr_code.py
    # scans it).
    library = load_library(FIXTURES / "library")
    return Renderer(library, UK, "https://stretches.example.org/")


def pages(renderer: Renderer) -> dict[str, str]:
    return {plan.src_uri: markdown for plan, markdown in renderer.pages()}


@pytest.mark.parametrize(
    "src_uri",
    [
        "stretches/knee-to-chest.md",
        "stretches/index.md",
        "routines/index.md",
        "routines/four-stretches-for-lower-back-pain.md",
        "tips.md",
        "when-to-get-help.md",
    ],
)
def test_rendered_markdown_matches_golden(renderer: Renderer, src_uri: str) -> None:
    rendered = pages(renderer)[src_uri]
    golden = GOLDEN / src_uri
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_every_generated_page_names_its_content_file(renderer: Renderer) -> None:
    edit_paths = {plan.src_uri: plan.edit_path for plan, _ in renderer.pages()}
    assert edit_paths["stretches/knee-to-chest.md"] == "content/stretches/knee-to-chest.yml"
    assert edit_paths["tips.md"] == "content/tips.yml"
    assert edit_paths["when-to-get-help.md"] == "content/safety.yml"


def test_phone_numbers_come_from_configuration() -> None:
    us = UK.model_copy(update={"emergency_number": "911", "emergency_place": "the emergency room"})
    renderer = Renderer(load_library(FIXTURES / "library"), us, "https://stretches.example.org/")
    page = dict(pages(renderer))["when-to-get-help.md"]
    assert "Call 911 or go to the emergency room now" in page
    assert "999" not in page
