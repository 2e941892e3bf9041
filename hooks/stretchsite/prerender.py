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

import gc
from collections import deque
from collections.abc import Container
from typing import TypeVar, cast

from .render import PagePlan
from .secondprocess import SecondProcess, in_chunks
from .session import ContentSession, ContentSource, Outcome, RenderedPage, SiteText

T = TypeVar("T")


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
        self._worker: SecondProcess | None = None
        # What the second process sent so far, in the order it sends it.
        self._site_text: SiteText | Outcome | None = None
        self._coming: deque[list[PagePlan]] = deque()
        self._outcome: Outcome | None = None
        self._failed: Outcome | None = None  # the outcome, once a page could not be rendered
        if background:
            self._coming.extend(in_chunks(plans))
            self._worker = SecondProcess(source, list(self._coming))
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
