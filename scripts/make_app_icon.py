"""Draw content/app-icon.png, the picture every app icon is made from (run once, by hand).

A white figure lying on a mat, hugging one knee to the chest (the knee-to-chest stretch), on the
site's indigo. It is a pictogram, not one of the site's drawn poses: a few thick strokes, the
head apart from the body, so it still reads at 48 pixels. It is drawn four times too large and
then shrunk, for smooth edges.

    .venv/bin/python scripts/make_app_icon.py [OUT]

A clinic may replace the file with its own square logo instead (see EDITING.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024  # the picture's side, in pixels
SUPERSAMPLE = 4
INDIGO = "#3f51b5"  # Material's indigo, the site's header (pages/app_manifest.py THEME_COLOUR)
FIGURE = "#ffffff"
MAT = "#9fa8da"  # Material's indigo 200: lighter than the background, darker than the figure

# The drawing, in units of a 100-unit square (y down): strokes as (width, points).
STROKES = [
    (4.0, [(9.0, 72.0), (91.0, 72.0)]),  # the mat
    (8.0, [(56.0, 62.0), (86.0, 62.0), (89.0, 53.0)]),  # the straight leg and its foot
    (12.0, [(30.0, 61.0), (56.0, 61.0)]),  # the body, lying flat
    (8.0, [(57.0, 60.0), (45.0, 36.0), (66.0, 33.0)]),  # thigh to the chest, shin bent back
    (6.0, [(31.0, 57.0), (33.0, 42.0), (46.0, 35.5)]),  # the arm, hands round the knee
]
HEAD = ((17.0, 57.0), 8.0)  # centre and radius
GAP = 2.5  # indigo between the head and the body


def draw(out: Path) -> None:
    side = SIZE * SUPERSAMPLE
    unit = side / 100

    def xy(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] * unit, point[1] * unit)

    def dot(centre: tuple[float, float], radius: float, colour: str) -> None:
        x, y = xy(centre)
        r = radius * unit
        pen.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    picture = Image.new("RGB", (side, side), INDIGO)
    pen = ImageDraw.Draw(picture)
    for index, (width, points) in enumerate(STROKES):
        colour = MAT if index == 0 else FIGURE
        pen.line([xy(p) for p in points], fill=colour, width=round(width * unit), joint="curve")
        for end in (points[0], points[-1]):  # round ends
            dot(end, width / 2, colour)
    centre, radius = HEAD
    dot(centre, radius + GAP, INDIGO)
    dot(centre, radius, FIGURE)
    picture.resize((SIZE, SIZE), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)


if __name__ == "__main__":
    draw(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("content/app-icon.png"))
