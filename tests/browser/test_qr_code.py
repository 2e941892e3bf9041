"""The QR code on a printed page: drawn by Chromium, read back by a scanner library."""

from __future__ import annotations

import pytest
import zxingcpp
from playwright.sync_api import Page

from conftest import ROOT

pytestmark = pytest.mark.browser
SITE = "https://stretches.example.org/"  # site_url in mkdocs.yml: what a phone should open
PRINTED = [f"stretches/{p.stem}/" for p in sorted((ROOT / "content" / "stretches").glob("*.yml"))]
PRINTED += [f"routines/{p.stem}/" for p in sorted((ROOT / "content" / "routines").glob("*.yml"))]

# Draw the page's QR code as the browser renders it, 10 pixels a module, and return grey levels.
DRAW_QR_CODE = """async () => {
  const svg = document.querySelector('.print-address svg').cloneNode(true);
  const side = 370;
  svg.setAttribute('width', side);
  svg.setAttribute('height', side);
  const image = new Image();
  image.src = 'data:image/svg+xml;charset=utf-8,' +
    encodeURIComponent(new XMLSerializer().serializeToString(svg));
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = side;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0, side, side);
  const rgba = context.getImageData(0, 0, side, side).data;
  return {side, grey: Array.from({length: side * side}, (_, i) => rgba[4 * i])};
}"""


@pytest.mark.parametrize("path", PRINTED)
def test_printed_qr_code_scans_to_the_pages_address(page: Page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/{path}")
    drawn = page.evaluate(DRAW_QR_CODE)
    pixels = memoryview(bytes(drawn["grey"])).cast("B", (drawn["side"], drawn["side"]))
    found = zxingcpp.read_barcode(pixels, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found is not None, f"no QR code could be read on /{path}"
    assert found.text == SITE + path
