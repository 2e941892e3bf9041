"""Generated pages: content read, checked and rendered beside MkDocs, for a large library in a
second process.

MkDocs converts one page at a time on one core. Reading the content files, rendering each page's
Markdown (Jinja), its structured data and its QR code do not depend on that work. So for a large
library a forked copy of the build process reads each content file when the first page needs
it, renders the pages in build order while MkDocs converts the ones already delivered, and
runs every check between files last; the build raises on any error before it writes a page.

Small libraries, rebuilds under `mkdocs serve` (its server runs threads, and a process with
threads must not fork) and machines with one core read and check everything first, in this
process, then render each page when MkDocs asks for it. Either way every page is rendered by the
same code, into the same text.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TypeVar

from .addresses import page_path
from .catalogue import catalogue_json
from .content import finish_content
from .errors import ContentError, Problem, errors_only
from .handout import QR_PLACEHOLDER, qr_code_svg
from .library import OpenLibrary
from .model import HelpContacts
from .render import PagePlan, Renderer

BACKGROUND_FROM = 200  # pages; below this, starting a second process costs more than it saves
_FIRST_CHUNK = 10  # pages in the first delivery, so that MkDocs starts converting early
_CHUNK = 50  # pages sent back at a time after that

T = TypeVar("T")


@dataclass(frozen=True)
class ContentSource:
    """Where the content is and what its pages are rendered with."""

    root: Path
    today: dt.date
    contacts: HelpContacts
    site_url: str


@dataclass(frozen=True)
class RenderedPage:
    markdown: str
    structured_data: str | None  # JSON-LD for stretch and routine pages
    qr_code: str | None  # the QR code of the address the page prints, if it prints one


@dataclass(frozen=True)
class SiteText:
    """Safety text that every page shows or hand-written pages include."""

    site_notice: str
    snippets: dict[str, str]


@dataclass(frozen=True)
class Outcome:
    """Every problem the content checks found, and the routine builder's catalogue."""

    problems: list[Problem]
    catalogue: str  # JSON; empty when the content has errors

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)


def render_page(renderer: Renderer, plan: PagePlan) -> RenderedPage:
    """The page's Markdown, structured data, and QR code if its print block asks for one."""
    markdown = renderer.render(plan)
    structured_data = renderer.structured_data(plan.src_uri)
    if QR_PLACEHOLDER not in markdown:
        return RenderedPage(markdown, structured_data, None)
    address = renderer.address(page_path(plan.src_uri).lstrip("/"))
    return RenderedPage(markdown, structured_data, qr_code_svg(address))


class ContentSession:
    """Reads content as pages need it, renders them, and runs every check when asked."""

    def __init__(self, source: ContentSource) -> None:
        self._today = source.today
        self._opened = OpenLibrary(source.root)
        library = self._opened.library
        self._renderer = (
            None
            if library is None
            else Renderer(library, source.contacts, source.site_url, inline_qr=False)
        )
        self._outcome: Outcome | None = None

    def site_text(self) -> SiteText | Outcome:
        """The site notice and safety snippets, or the outcome when safety or tips are broken."""
        if self._renderer is None:
            return self.outcome()
        return SiteText(self._renderer.site_notice(), dict(self._renderer.snippets()))

    def render(self, plans: list[PagePlan]) -> list[RenderedPage] | Outcome:
        """The pages, or the outcome when a file they need has errors."""
        if self._renderer is None:
            return self.outcome()
        try:
            return [render_page(self._renderer, plan) for plan in plans]
        except LookupError:  # a file or reference the page needs did not pass its checks
            if self.outcome().errors:
                return self.outcome()
            raise

    def outcome(self) -> Outcome:
        """Read what no page needed yet and run every check (once)."""
        if self._outcome is None:
            library, problems = finish_content(self._opened, self._today)
            catalogue = catalogue_json(library) if library is not None else ""
            self._outcome = Outcome(problems, catalogue)
        return self._outcome


# The session of the second process, made there when it starts (never set in the build process).
_worker_session: ContentSession | None = None


def _open(source: ContentSource) -> None:
    global _worker_session
    gc.freeze()  # what the build process held before the fork stays shared, unscanned
    _worker_session = ContentSession(source)


def _session() -> ContentSession:
    assert _worker_session is not None, "the worker opens the content when it starts"
    return _worker_session


def _site_text() -> SiteText | Outcome:
    return _session().site_text()


def _render_chunk(plans: list[PagePlan]) -> list[RenderedPage] | Outcome:
    return _session().render(plans)


def _outcome() -> Outcome:
    return _session().outcome()


def worth_a_second_process(pages: int) -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        pages >= BACKGROUND_FROM
        and (cores or 1) >= 2
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _chunks(plans: list[PagePlan]) -> list[list[PagePlan]]:
    first = plans[:_FIRST_CHUNK]
    rest = plans[_FIRST_CHUNK:]
    return [first, *(rest[start : start + _CHUNK] for start in range(0, len(rest), _CHUNK))]


class GeneratedPages:
    """The generated pages, each part handed out once in any order, and the content's outcome.

    Raises ContentError (listing every error) when the content has errors: in the background,
    as soon as a page cannot be rendered or when the outcome is asked for.
    """

    def __init__(self, source: ContentSource, plans: list[PagePlan], background: bool) -> None:
        self.background = background
        self._plans = {plan.src_uri: plan for plan in plans}
        self._markdown: dict[str, str] = {}
        self._structured_data: dict[str, str | None] = {}
        self._qr_codes: dict[str, str | None] = {}
        self._session: ContentSession | None = None
        self._pool: Pool | None = None
        self._arriving: Iterator[tuple[list[PagePlan], list[RenderedPage] | Outcome]] | None
        self._arriving = None
        self._site_text: AsyncResult[SiteText | Outcome] | None = None
        self._outcome: AsyncResult[Outcome] | None = None
        if background:
            self._pool = multiprocessing.get_context("fork").Pool(
                1, initializer=_open, initargs=(source,)
            )
            # One worker takes its tasks in the order given: site text, pages, outcome.
            self._site_text = self._pool.apply_async(_site_text)
            chunks = _chunks(plans)
            self._arriving = zip(chunks, self._pool.imap(_render_chunk, chunks), strict=True)
            self._outcome = self._pool.apply_async(_outcome)
        else:
            self._session = ContentSession(source)
            # Read and check everything now; what it reads lives for the whole build, so the
            # garbage collector neither walks it while it grows nor again afterwards.
            gc.disable()
            try:
                self._session.outcome()
            finally:
                gc.enable()
            gc.freeze()

    def __contains__(self, src_uri: object) -> bool:
        return src_uri in self._plans

    def _ask(self, here: Callable[[ContentSession], T], there: AsyncResult[T] | None) -> T:
        """Ask the session in this process, or wait for the second process's answer."""
        if self._session is not None:
            return here(self._session)
        assert there is not None
        return there.get()

    def site_text(self) -> SiteText:
        text = self._ask(ContentSession.site_text, self._site_text)
        if isinstance(text, Outcome):
            raise ContentError(text.errors)
        return text

    def outcome(self) -> Outcome:
        return self._ask(ContentSession.outcome, self._outcome)

    def _wait_for(self, src_uri: str, store: Container[str]) -> None:
        """Until `store` holds the page: take what the second process sent, or render it here."""
        while src_uri not in store:
            if self._session is not None:
                self._keep([self._plans[src_uri]], self._session.render([self._plans[src_uri]]))
                continue
            assert self._arriving is not None
            self._keep(*next(self._arriving))

    def _keep(self, plans: list[PagePlan], rendered: list[RenderedPage] | Outcome) -> None:
        if isinstance(rendered, Outcome):
            raise ContentError(rendered.errors)
        for plan, page in zip(plans, rendered, strict=True):
            self._markdown[plan.src_uri] = page.markdown
            self._structured_data[plan.src_uri] = page.structured_data
            self._qr_codes[plan.src_uri] = page.qr_code

    def _take(self, src_uri: str, store: dict[str, T]) -> T | None:
        if src_uri not in self:
            return None
        self._wait_for(src_uri, store)
        return store.pop(src_uri)

    def markdown(self, src_uri: str) -> str | None:
        """The page's Markdown (asked for once, when MkDocs reads the page)."""
        return self._take(src_uri, self._markdown)

    def structured_data(self, src_uri: str) -> str | None:
        """The page's JSON-LD (asked for once, when its template is filled)."""
        return self._take(src_uri, self._structured_data)

    def qr_code(self, src_uri: str) -> str | None:
        """The page's QR code (asked for once, when the finished page is checked)."""
        return self._take(src_uri, self._qr_codes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None
        if self._session is not None:
            gc.unfreeze()
