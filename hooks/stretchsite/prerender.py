"""Generated pages rendered ahead of MkDocs: in a second process when the library is large.

MkDocs converts one page at a time on one core. Rendering a page's Markdown (Jinja) and its QR
code does not depend on that work, so for a large library a forked copy of the build process
renders the pages in build order while MkDocs converts the ones already delivered. Small
libraries, rebuilds under `mkdocs serve` (its server runs threads, and a process with threads
must not fork) and machines with one core render each page in this process when MkDocs asks for
it. Either way every page is rendered once, by the same code, into the same text.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Container, Iterator
from dataclasses import dataclass
from multiprocessing.pool import Pool

from .addresses import page_path
from .handout import QR_PLACEHOLDER, qr_code_svg
from .render import PagePlan, Renderer

BACKGROUND_FROM = 200  # pages; below this, starting a second process costs more than it saves
_CHUNK = 50  # pages sent back at a time

# The renderer of the second process, inherited through fork (never set in the build process).
_worker_renderer: Renderer | None = None


@dataclass(frozen=True)
class RenderedPage:
    markdown: str
    qr_code: str | None  # the QR code of the address the page prints, if it prints one


def render_page(renderer: Renderer, plan: PagePlan) -> RenderedPage:
    """The page's Markdown, and the QR code of its address if its print block asks for one."""
    markdown = renderer.render(plan)
    if QR_PLACEHOLDER not in markdown:
        return RenderedPage(markdown, None)
    address = renderer.address(page_path(plan.src_uri).lstrip("/"))
    return RenderedPage(markdown, qr_code_svg(address))


def _adopt(renderer: Renderer) -> None:
    global _worker_renderer
    _worker_renderer = renderer


def _render_chunk(plans: list[PagePlan]) -> list[RenderedPage]:
    assert _worker_renderer is not None, "the worker starts with the build's renderer"
    return [render_page(_worker_renderer, plan) for plan in plans]


def worth_a_second_process(pages: int) -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        pages >= BACKGROUND_FROM
        and (cores or 1) >= 2
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


class RenderedPages:
    """The Markdown and QR code of each planned page, each handed out once, in any order."""

    def __init__(self, renderer: Renderer, plans: list[PagePlan], background: bool) -> None:
        self._renderer = renderer
        self._plans = {plan.src_uri: plan for plan in plans}
        self._markdown: dict[str, str] = {}
        self._qr_codes: dict[str, str | None] = {}
        self._pool: Pool | None = None
        self._arriving: Iterator[tuple[list[PagePlan], list[RenderedPage]]] | None = None
        if background:
            # Forked after the content was loaded and frozen out of the garbage collector, the
            # worker shares the library with this process instead of loading or copying it.
            self._pool = multiprocessing.get_context("fork").Pool(
                1, initializer=_adopt, initargs=(renderer,)
            )
            chunks = [plans[start : start + _CHUNK] for start in range(0, len(plans), _CHUNK)]
            self._arriving = zip(chunks, self._pool.imap(_render_chunk, chunks), strict=True)

    def __contains__(self, src_uri: object) -> bool:
        return src_uri in self._plans

    def _wait_for(self, src_uri: str, store: Container[str]) -> None:
        """Until `store` holds the page: take what the second process sent, or render it here."""
        while src_uri not in store:
            if self._arriving is None:
                self._keep(self._plans[src_uri], render_page(self._renderer, self._plans[src_uri]))
                return
            try:
                plans, rendered = next(self._arriving)
            except StopIteration:
                self._arriving = None
                continue
            for plan, page in zip(plans, rendered, strict=True):
                self._keep(plan, page)

    def _keep(self, plan: PagePlan, page: RenderedPage) -> None:
        self._markdown[plan.src_uri] = page.markdown
        self._qr_codes[plan.src_uri] = page.qr_code

    def markdown(self, src_uri: str) -> str:
        """The page's Markdown (asked for once, when MkDocs reads the page)."""
        self._wait_for(src_uri, self._markdown)
        return self._markdown.pop(src_uri)

    def qr_code(self, src_uri: str) -> str | None:
        """The page's QR code (asked for once, when the finished page is checked)."""
        if src_uri not in self:
            return None
        self._wait_for(src_uri, self._qr_codes)
        return self._qr_codes.pop(src_uri)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None
