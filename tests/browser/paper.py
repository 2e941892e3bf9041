"""Printed pages as a patient holds them: Chromium's PDF, drawn and read back with PDFium.

Each side gives its text, the boxes its text sits in, and the QR codes a scanner (zxing-cpp)
finds on it, all in millimetres from the top left corner of the paper.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2
import zxingcpp

SCANNER = 300  # dots per inch: a good office scanner
PHONE = 150  # about what a phone camera sees of a handout held at reading distance
MM_PER_POINT = 25.4 / 72
QUIET_ZONE = 4  # light modules a QR code needs around it (ISO/IEC 18004)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


@dataclass(frozen=True)
class QrCode:
    text: str
    version: int  # 1 to 40: the code's size in modules is 17 + 4 * version
    symbol: Box  # the dark modules' square
    with_quiet_zone: Box

    @property
    def side_mm(self) -> float:
        return self.symbol.right - self.symbol.left


@dataclass(frozen=True)
class Side:
    text: str  # words separated by single spaces
    text_boxes: list[Box]
    height_mm: float
    qr_codes: list[QrCode]

    @property
    def lowest_text_mm(self) -> float:
        return max((box.bottom for box in self.text_boxes), default=0.0)


def _qr_codes(page: pypdfium2.PdfPage, dots_per_inch: int) -> list[QrCode]:
    bitmap = page.render(scale=dots_per_inch / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data = bytes(bitmap.buffer)
    rows = b"".join(data[y * stride : y * stride + width] for y in range(height))
    mm = 25.4 / dots_per_inch
    codes = []
    for found in zxingcpp.read_barcodes(
        memoryview(rows).cast("B", (height, width)), formats=zxingcpp.BarcodeFormat.QRCode
    ):
        corners = [found.position.top_left, found.position.top_right]
        corners += [found.position.bottom_left, found.position.bottom_right]
        xs, ys = [p.x * mm for p in corners], [p.y * mm for p in corners]
        symbol = Box(min(xs), min(ys), max(xs), max(ys))
        version = int(found.extra["Version"])
        margin = QUIET_ZONE * (symbol.right - symbol.left) / (17 + 4 * version)
        quiet = Box(
            symbol.left - margin, symbol.top - margin, symbol.right + margin, symbol.bottom + margin
        )
        codes.append(QrCode(found.text, version, symbol, quiet))
    return codes


def printed_sides(pdf: bytes, dots_per_inch: int = SCANNER) -> list[Side]:
    """Every side of a printed PDF, with its text, text boxes and the QR codes a scanner
    reading it at `dots_per_inch` finds."""
    sides = []
    document = pypdfium2.PdfDocument(pdf)
    try:
        for page in document:
            _, height = page.get_size()
            text_page = page.get_textpage()
            boxes = []
            for index in range(text_page.count_rects()):
                left, bottom, right, top = text_page.get_rect(index)
                boxes.append(
                    Box(
                        left * MM_PER_POINT,
                        (height - top) * MM_PER_POINT,
                        right * MM_PER_POINT,
                        (height - bottom) * MM_PER_POINT,
                    )
                )
            # PDFium writes a hyphen that ends a line as U+FFFE.
            text = " ".join(text_page.get_text_range().replace("\ufffe", "-").split())
            sides.append(Side(text, boxes, height * MM_PER_POINT, _qr_codes(page, dots_per_inch)))
    finally:
        document.close()
    return sides
