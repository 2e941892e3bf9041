"""Pages rendered in a second process are the same pages, each handed out when MkDocs asks."""

from __future__ import annotations

import pytest

from conftest import ROOT
from stretchsite.editorial import site_contacts
from stretchsite.handout import QR_PLACEHOLDER
from stretchsite.library import load_library
from stretchsite.prerender import RenderedPages, worth_a_second_process
from stretchsite.render import Renderer


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(
        load_library(ROOT), site_contacts(ROOT), "https://stretches.example.org/", inline_qr=False
    )


def handed_out(renderer: Renderer, background: bool) -> dict[str, tuple[str, str | None]]:
    plans = renderer.page_plan()
    pages = RenderedPages(renderer, plans, background)
    try:
        # MkDocs reads pages in its own order: ask from the last page back to the first.
        return {
            plan.src_uri: (pages.markdown(plan.src_uri), pages.qr_code(plan.src_uri))
            for plan in reversed(plans)
        }
    finally:
        pages.close()


def test_a_second_process_renders_exactly_what_this_one_does(renderer: Renderer) -> None:
    here = handed_out(renderer, background=False)
    assert handed_out(renderer, background=True) == here
    assert len(here) == len(renderer.page_plan())


def test_every_printed_page_gets_its_qr_code_and_no_other_page_does(renderer: Renderer) -> None:
    for src_uri, (markdown, qr_code) in handed_out(renderer, background=False).items():
        if QR_PLACEHOLDER in markdown:
            address = f"https://stretches.example.org/{src_uri.removesuffix('.md')}/"
            assert qr_code is not None and f'aria-label="QR code for {address}"' in qr_code
        else:
            assert qr_code is None, src_uri


def test_small_libraries_render_in_the_build_process() -> None:
    assert not worth_a_second_process(20)
