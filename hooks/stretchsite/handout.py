"""What a printed page carries besides its text: its web address and a QR code (made offline)."""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_code_svg(url: str) -> Markup:
    """An inline SVG QR code for `url`, scalable (no fixed size), black on white for print."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        omitsize=True, border=2, dark="#000", light="#fff", svgclass="qr-code", lineclass=None
    )
    label = escape(f"QR code for {url}")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def print_address_block(url: str) -> Markup:
    """Shown only on paper: the page's address in words and as a QR code."""
    return Markup(
        '<div class="print-address">'
        f"<p>Scan the code, or go to:<br><strong>{escape(url)}</strong></p>"
        f"{qr_code_svg(url)}</div>"
    )
