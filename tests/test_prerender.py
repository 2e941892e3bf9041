"""Pages rendered in a second process are the same pages, and bad content stops them either way."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, copy_project_with_stretches
from stretchsite import secondprocess
from stretchsite.content import inspect_content
from stretchsite.editorial import site_contacts
from stretchsite.errors import Problem, errors_only
from stretchsite.handout import QR_PLACEHOLDER
from stretchsite.prerender import GeneratedPages
from stretchsite.render import PagePlan, plan_pages
from stretchsite.secondprocess import BACKGROUND_FROM, worth_a_second_process
from stretchsite.session import ContentSession, ContentSource

URL = "https://stretches.example.org/"
Handed = dict[str, tuple[str | None, str | None, str | None]]


def source_of(root: Path) -> ContentSource:
    return ContentSource(root, dt.date.today(), site_contacts(ROOT), URL)


def handed_out(root: Path, background: bool) -> tuple[Handed, str, str]:
    """Every page part, the site notice and the catalogue, asked for from the last page back."""
    plans = plan_pages(root)
    pages = GeneratedPages(source_of(root), plans, background)
    try:
        parts = {
            plan.src_uri: (
                pages.markdown(plan.src_uri),
                pages.structured_data(plan.src_uri),
                pages.qr_code(plan.src_uri),
            )
            for plan in reversed(plans)
        }
        text = pages.site_text()
        assert text is not None
        return parts, text.site_notice, pages.outcome().catalogue
    finally:
        pages.close()


def test_a_second_process_renders_exactly_what_this_one_does() -> None:
    here = handed_out(ROOT, background=False)
    assert handed_out(ROOT, background=True) == here
    assert len(here[0]) == len(plan_pages(ROOT))
    assert '"@type":"HowTo"' in str(here[0]["stretches/knee-to-chest.md"][1])
    assert '"knee-to-chest"' in here[2] and "Call 999" in here[1]


def test_every_printed_page_gets_its_qr_code_and_no_other_page_does() -> None:
    for src_uri, (markdown, _, qr_code) in handed_out(ROOT, background=False)[0].items():
        if QR_PLACEHOLDER in str(markdown):
            address = f"{URL}{src_uri.removesuffix('.md')}/"
            assert qr_code is not None and f'aria-label="QR code for {address}"' in qr_code
        else:
            assert qr_code is None, src_uri


def test_small_libraries_render_in_the_build_process() -> None:
    assert not worth_a_second_process(20)


def pages_then_errors(root: Path, background: bool) -> tuple[dict[str, str], list[Problem]]:
    """Every page's Markdown as MkDocs asks for it, then the errors the build stops on."""
    plans = plan_pages(root)
    pages = GeneratedPages(source_of(root), plans, background)
    try:
        markdown = {plan.src_uri: pages.markdown(plan.src_uri) for plan in plans}
        return markdown, pages.outcome().errors
    finally:
        pages.close()


@pytest.mark.parametrize("background", [True, False])
def test_a_broken_file_blanks_the_pages_and_the_build_stops_on_every_error_make_check_lists(
    tmp_path: Path, background: bool
) -> None:
    project = copy_project_with_stretches(BACKGROUND_FROM + 10, tmp_path / "project")
    first = sorted((project / "content" / "stretches").glob("*.yml"))[0]
    first.write_text(first.read_text().replace("hold_seconds: 30", "hold_seconds: 1:30"))
    stray = project / "content" / "illustrations" / "not-a-stretch.svg"
    stray.write_text("<svg/>")
    expected = errors_only(inspect_content(project, dt.date.today())[1])
    assert [p.path for p in expected] == [
        "content/illustrations/not-a-stretch.svg",
        f"content/stretches/{first.name}",
    ]
    markdown, errors = pages_then_errors(project, background)
    assert errors == expected
    if background:  # the broken stretch's page comes first: nothing is rendered from it on
        assert set(markdown.values()) == {""}


def test_an_error_no_page_needs_is_still_found_once_every_page_is_rendered(
    tmp_path: Path,
) -> None:
    project = copy_project_with_stretches(BACKGROUND_FROM + 10, tmp_path / "project")
    (project / "content" / "illustrations" / "not-a-stretch.svg").write_text("<svg/>")
    markdown, errors = pages_then_errors(project, background=True)
    assert "" not in markdown.values()
    assert [str(p) for p in errors] == [
        "content/illustrations/not-a-stretch.svg:1: "
        'no stretch called "not-a-stretch" for this picture; name it <slug>.svg'
    ]


def _exit_at_once(self: ContentSession, plans: list[PagePlan]) -> object:
    os._exit(3)


def _fail_at_once(self: ContentSession, plans: list[PagePlan]) -> object:
    raise RuntimeError("a template bug")


@pytest.mark.parametrize(
    ("stop", "reason"),
    [(_exit_at_once, "it exited with code 3"), (_fail_at_once, "RuntimeError: a template bug")],
)
def test_the_build_is_told_when_the_second_process_stops_instead_of_waiting_forever(
    monkeypatch: pytest.MonkeyPatch, stop: Callable[..., object], reason: str
) -> None:
    monkeypatch.setattr(ContentSession, "render", stop)  # the forked process inherits it
    plans = plan_pages(ROOT)
    pages = GeneratedPages(source_of(ROOT), plans, background=True)
    try:
        with pytest.raises(RuntimeError, match="the process that renders pages stopped") as raised:
            pages.markdown(plans[0].src_uri)
        assert reason in str(raised.value)
    finally:
        pages.close()


def test_a_build_that_stops_early_leaves_no_thread_or_process_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Say a hand-written page has an error: the build stops while pages are still coming."""
    monkeypatch.setattr(secondprocess, "_MESSAGES_AHEAD", 1)  # the receiving thread blocks at once
    threads = threading.active_count()
    plans = plan_pages(ROOT)
    pages = GeneratedPages(source_of(ROOT), plans, background=True)
    pages.markdown(plans[0].src_uri)
    time.sleep(0.5)
    pages.close()
    assert threading.active_count() == threads  # so the next build may fork again
    assert multiprocessing.active_children() == []
