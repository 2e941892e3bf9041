"""What a printed page carries besides its text: its web address and a QR code (made offline).

The code is encoded by zxing-cpp (C++, well under a millisecond a page) and drawn as one SVG
path, a horizontal stroke per run of dark modules. The page's Markdown holds a placeholder that
the build replaces after rendering, so Python-Markdown never has to parse the drawing.
"""

from __future__ import annotations

import functools
import re

import zxingcpp
from markupsafe import Markup, escape

from stretchsite.pages.strings import Strings, strings

QR_PLACEHOLDER = "<!-- qr-code -->"
QUIET_ZONE = 2  # modules of white around the code; scanners need some, print margins add more
_STROKES = re.compile(rb"\xff*\x00+")  # modules are bytes: 0 dark, 255 light


@functools.cache
def _stroke(modules: bytes) -> str:
    """Path text for some light modules (a move) then some dark ones (a line), on one row."""
    dark = modules.count(0)
    return f"m{len(modules) - dark} 0h{dark}"


def qr_code_svg(url: str, t: Strings | None = None) -> str:
    """An inline SVG QR code for `url` (error correction M), scalable, black on white for print.

    One horizontal stroke per run of dark modules; the viewBox crops zxing-cpp's wide quiet
    zone down to QUIET_ZONE modules.
    """
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=True)
    width = image.shape[1]
    modules = bytes(memoryview(image))
    margin = modules.find(0) // width  # rows (and columns) of zxing-cpp's quiet zone
    rows = (modules[y * width : (y + 1) * width] for y in range(margin, width - margin))
    path = [
        f"M0 {y + 0.5}" + "".join(map(_stroke, _STROKES.findall(row)))
        for y, row in enumerate(rows, start=margin)
    ]
    start, side = margin - QUIET_ZONE, width - 2 * (margin - QUIET_ZONE)
    t = t or strings()  # the build fills codes in after rendering, in English for now
    label = escape(t("qr_code_for", url=url))
    return (
        f'<svg role="img" aria-label="{label}" viewBox="{start} {start} {side} {side}" '
        f'class="qr-code"><path fill="#fff" d="M{start} {start}h{side}v{side}h-{side}z"/>'
        f'<path stroke="#000" d="{"".join(path)}"/></svg>'
    )


def print_address_block(url: str, qr_code: str, t: Strings) -> Markup:
    """Shown only on paper: the page's address in words and as a QR code (or its placeholder)."""
    return Markup(
        '<div class="print-address">'
        f"<p>{escape(t.print_address)}<br><strong>{escape(url)}</strong></p>"
        f"{qr_code}</div>"
    )


def fill_qr_code(html: str, qr_code: str | None) -> str:
    """Put a page's QR code where its print block left the placeholder."""
    if qr_code is None or QR_PLACEHOLDER not in html:
        return html
    return html.replace(QR_PLACEHOLDER, qr_code, 1)
