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

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import queue
import threading
import traceback
from collections import deque
from collections.abc import Container
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar, cast

from .addresses import page_path
from .catalogue import catalogue_json
from .content import finish_content
from .errors import Problem, errors_only
from .handout import QR_PLACEHOLDER, qr_code_svg
from .library import OpenLibrary
from .model import HelpContacts
from .render import PagePlan, Renderer

BACKGROUND_FROM = 200  # pages; below this, starting a second process costs more than it saves
_FIRST_CHUNK = 10  # pages in the first delivery, so that MkDocs starts converting early
_CHUNK = 50  # pages sent back at a time after that
_MESSAGES_AHEAD = 8  # received and not yet filed, at most; the rest wait in the other process

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


@dataclass(frozen=True)
class _Stopped:
    """The second process stopped before it sent everything: why."""

    reason: str


_Message = SiteText | Outcome | list[RenderedPage] | _Stopped


def _serve(source: ContentSource, chunks: list[list[PagePlan]], sending: Connection) -> None:
    """The second process: send the site text, each chunk of pages in order, then the outcome;
    or stop after the first outcome that a page could not be rendered without."""
    gc.freeze()  # what the build process held before the fork stays shared, unscanned
    try:
        session = ContentSession(source)
        text = session.site_text()
        sending.send(text)
        if isinstance(text, Outcome):
            return
        for plans in chunks:
            pages = session.render(plans)
            sending.send(pages)
            if isinstance(pages, Outcome):
                return
        sending.send(session.outcome())
    except BrokenPipeError:
        pass  # the build stopped listening
    except Exception:
        with contextlib.suppress(OSError):
            sending.send(_Stopped(traceback.format_exc()))
    finally:
        sending.close()


class _SecondProcess:
    """A forked process that runs `_serve`, and a thread here that receives what it sends."""

    def __init__(self, source: ContentSource, chunks: list[list[PagePlan]]) -> None:
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(source, chunks, sending), daemon=True)
        self._process.start()
        sending.close()
        self._inbox: queue.Queue[_Message] = queue.Queue(maxsize=_MESSAGES_AHEAD)
        self._closing = threading.Event()
        self._stopped: str | None = None
        self._receiver = threading.Thread(target=self._receive_all, args=(receiving,), daemon=True)
        self._receiver.start()

    def _receive_all(self, receiving: Connection) -> None:
        """The thread: take each message as it arrives, a few ahead of the build."""
        with receiving:
            while not self._closing.is_set():
                message: _Message
                try:
                    message = receiving.recv()
                except EOFError:
                    message = _Stopped("")  # the build process adds the exit code
                except BaseException as error:
                    message = _Stopped(f"what it sent could not be read: {error!r}")
                while not self._closing.is_set():
                    try:
                        self._inbox.put(message, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if isinstance(message, _Stopped):
                    return

    def next(self) -> SiteText | Outcome | list[RenderedPage]:
        """The next message; raises (every time) once the process has stopped early."""
        if self._stopped is None:
            message = self._inbox.get()
            if not isinstance(message, _Stopped):
                return message
            self._process.join(timeout=5)
            self._stopped = message.reason or f"it exited with code {self._process.exitcode}"
        raise RuntimeError(f"the process that renders pages stopped: {self._stopped}")

    def close(self) -> None:
        self._closing.set()
        self._process.terminate()
        self._process.join()
        self._receiver.join()
        self._process.close()


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

    When the content has errors, the pages from the first one that cannot be rendered on are
    blank: the outcome lists every error, and the build stops on it before writing anything.
    """

    def __init__(self, source: ContentSource, plans: list[PagePlan], background: bool) -> None:
        self.background = background
        self._plans = {plan.src_uri: plan for plan in plans}
        self._markdown: dict[str, str] = {}
        self._structured_data: dict[str, str | None] = {}
        self._qr_codes: dict[str, str | None] = {}
        self._session: ContentSession | None = None
        self._worker: _SecondProcess | None = None
        # What the second process sent so far, in the order it sends it.
        self._site_text: SiteText | Outcome | None = None
        self._coming: deque[list[PagePlan]] = deque()
        self._outcome: Outcome | None = None
        self._failed: Outcome | None = None  # the outcome, once a page could not be rendered
        if background:
            self._coming.extend(_chunks(plans))
            self._worker = _SecondProcess(source, list(self._coming))
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

    def _receive(self) -> None:
        """File the next message from the second process where it belongs."""
        assert self._worker is not None
        message = self._worker.next()
        if self._site_text is None:
            self._site_text = cast(SiteText | Outcome, message)
        elif self._coming:
            self._keep(self._coming.popleft(), cast(list[RenderedPage] | Outcome, message))
        else:
            self._outcome = cast(Outcome, message)

    def site_text(self) -> SiteText | None:
        """The site notice and safety snippets; None when safety or tips have errors."""
        if self._session is not None and self._site_text is None:
            self._site_text = self._session.site_text()  # once: every hand-written page asks
        while self._site_text is None:
            self._receive()
        if isinstance(self._site_text, Outcome):
            self._failed = self._site_text
            return None
        return self._site_text

    def outcome(self) -> Outcome:
        """Every problem found in the content, and the catalogue (once everything was read)."""
        if self._session is not None:
            return self._session.outcome()
        while self._outcome is None and self._failed is None:
            self._receive()
        return self._failed or cast(Outcome, self._outcome)

    def _wait_for(self, src_uri: str, store: Container[str]) -> None:
        """Until `store` holds the page (or a page failed): take what the second process sent,
        or render it here."""
        while src_uri not in store and self._failed is None:
            plan = self._plans[src_uri]
            if self._session is not None:
                self._keep([plan], self._session.render([plan]))
            elif self._outcome is not None:
                raise LookupError(f"{src_uri}: this part of the page was handed out already")
            else:
                self._receive()

    def _keep(self, plans: list[PagePlan], rendered: list[RenderedPage] | Outcome) -> None:
        if isinstance(rendered, Outcome):
            self._failed = rendered
            return
        for plan, page in zip(plans, rendered, strict=True):
            self._markdown[plan.src_uri] = page.markdown
            self._structured_data[plan.src_uri] = page.structured_data
            self._qr_codes[plan.src_uri] = page.qr_code

    def _take(self, src_uri: str, store: dict[str, T], blank: T) -> T:
        if src_uri not in self:
            return blank
        self._wait_for(src_uri, store)
        return store.pop(src_uri, blank)

    def markdown(self, src_uri: str) -> str:
        """The page's Markdown (asked for once, when MkDocs reads the page)."""
        return self._take(src_uri, self._markdown, "")

    def structured_data(self, src_uri: str) -> str | None:
        """The page's JSON-LD (asked for once, when its template is filled)."""
        return self._take(src_uri, self._structured_data, None)

    def qr_code(self, src_uri: str) -> str | None:
        """The page's QR code (asked for once, when the finished page is checked)."""
        return self._take(src_uri, self._qr_codes, None)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None
        if self._session is not None:
            gc.unfreeze()
