"""What a printed page carries besides its text: its web address and a QR code (made offline).

Encoding a QR code takes a few milliseconds, the largest cost of a build after MkDocs' own. A
large build therefore makes them in a second process while MkDocs converts Markdown, and each
page gets its code after rendering, where the print block left a placeholder.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import segno
from markupsafe import Markup, escape

QR_PLACEHOLDER = "<!-- qr-code -->"
BACKGROUND_FROM = 40  # addresses; below this a second process costs more than it saves
_CHUNK = 100


def qr_code_svg(url: str) -> str:
    """An inline SVG QR code for `url`, scalable (no fixed size), black on white for print."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        omitsize=True, border=2, dark="#000", light="#fff", svgclass="qr-code", lineclass=None
    )
    label = escape(f"QR code for {url}")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _qr_codes(urls: list[str]) -> list[str]:
    return [qr_code_svg(url) for url in urls]


def print_address_block(url: str, qr_code: str = QR_PLACEHOLDER) -> Markup:
    """Shown only on paper: the page's address in words and as a QR code (or its placeholder)."""
    return Markup(
        '<div class="print-address">'
        f"<p>Scan the code, or go to:<br><strong>{escape(url)}</strong></p>"
        f"{qr_code}</div>"
    )


class QrCodes:
    """QR codes for a build's addresses, made in the background when there are many."""

    def __init__(self, urls: Iterable[str]) -> None:
        self._ready: dict[str, str] = {}
        self._pending: dict[str, Future[list[str]]] = {}
        self._chunks: dict[int, list[str]] = {}
        self._pool: ProcessPoolExecutor | None = None
        wanted = list(dict.fromkeys(urls))
        if len(wanted) < BACKGROUND_FROM:
            return
        context = multiprocessing.get_context("spawn")  # safe beside MkDocs' server threads
        # MkDocs imports hooks with their folder on sys.path only while loading them; the
        # worker is told where this package lives before it unpickles its first task.
        here = str(Path(__file__).resolve().parent.parent)
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=exec,
            initargs=(f"import sys; sys.path.insert(0, {here!r})",),
        )
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            future = self._pool.submit(_qr_codes, chunk)
            self._chunks[id(future)] = chunk
            for url in chunk:
                self._pending[url] = future

    def svg(self, url: str) -> str:
        if url not in self._ready:
            future = self._pending.pop(url, None)
            if future is None:
                self._ready[url] = qr_code_svg(url)
            else:
                self._ready.update(
                    zip(self._chunks.pop(id(future), []), future.result(), strict=True)
                )
                self._ready.setdefault(url, qr_code_svg(url))
        return self._ready[url]

    def fill(self, html: str, url: str) -> str:
        """Put the QR code for `url` where the print block left its placeholder."""
        if QR_PLACEHOLDER not in html:
            return html
        return html.replace(QR_PLACEHOLDER, self.svg(url), 1)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
