"""The web app manifest, and the icons a phone needs, so a patient can add the site to their
home screen and open it like an app.

Every icon is made at build time from one square picture, `content/app-icon.png`, so a clinic
replaces one file to brand the app. Icons are plain PNGs with no metadata: the same picture
gives the same bytes on every build. The manifest's words come from the strings catalogue.
"""

from __future__ import annotations

import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageChops

from stretchsite.content.problems import Problem
from stretchsite.languages import ENGLISH
from stretchsite.pages.strings import Strings

SOURCE = "content/app-icon.png"  # below the project's root
MIN_SIDE = 512  # pixels: the largest icon is never enlarged
THEME_COLOUR = "#3f51b5"  # Material's indigo, the header's colour (mkdocs.yml palette: indigo)
BACKGROUND_COLOUR = "#ffffff"  # the page's background, shown while the app opens
SAFE_ZONE = 0.38  # a maskable icon's content stays within this radius, of its side (spec: 0.4)
MANIFEST = "manifest.webmanifest"  # at each language site's root


@dataclass(frozen=True)
class Icon:
    path: str  # below a language site's root
    size: int  # pixels, square
    purpose: str  # in the manifest: "any" or "maskable"; "" for those the pages link to


ICONS = (
    Icon("assets/icons/icon-192.png", 192, "any"),
    Icon("assets/icons/icon-512.png", 512, "any"),
    Icon("assets/icons/icon-maskable-512.png", 512, "maskable"),
    Icon("assets/icons/apple-touch-icon.png", 180, ""),  # <link rel="apple-touch-icon">
    Icon("assets/icons/favicon-32.png", 32, ""),  # <link rel="icon" sizes="32x32">
    Icon("assets/icons/favicon-48.png", 48, ""),
)


def icon_problems(source: Path, shown: str = SOURCE) -> list[Problem]:
    """What is wrong with the app icon's picture, as `path:1: rule` problems (none if usable)."""
    wanted = f"a square PNG picture at least {MIN_SIDE} pixels wide"
    if not source.is_file():
        return [Problem(shown, 1, "", f"file is missing: add the app's icon, {wanted}")]
    try:
        with Image.open(source) as picture:
            kind, (width, height) = picture.format, picture.size
            picture.load()  # a cut-off file fails here, not in the middle of the build
    except (OSError, Image.DecompressionBombError):
        return [Problem(shown, 1, "", f"cannot be read as a picture: save it as {wanted}")]
    if kind != "PNG":
        return [Problem(shown, 1, "", f"is a {kind} picture: save it as {wanted}")]
    problems = []
    if width != height:
        rule = f"must be square (found {width} by {height} pixels): crop it, or add a border"
        problems.append(Problem(shown, 1, "", rule))
    if min(width, height) < MIN_SIDE:
        rule = (
            f"must be at least {MIN_SIDE} by {MIN_SIDE} pixels (found {width} by {height}): "
            "use a larger picture, or icons would be blurred"
        )
        problems.append(Problem(shown, 1, "", rule))
    return problems


def app_icons(source: Path) -> dict[str, bytes]:
    """Every icon (ICONS) as PNG bytes, by its path below the site's root. Raises ValueError
    with icon_problems' words if the picture cannot be used."""
    problems = icon_problems(source, str(source))
    if problems:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return dict(_icons(source.read_bytes()))


@functools.lru_cache(maxsize=4)  # by the picture's bytes: each language's build reuses them
def _icons(data: bytes) -> tuple[tuple[str, bytes], ...]:
    with Image.open(io.BytesIO(data)) as opened:
        picture = opened.convert("RGBA")
    picture.info.clear()  # no colour profile, resolution or text carried into the icons
    fill = _background(picture)
    flat = Image.new("RGBA", picture.size, fill)
    flat.alpha_composite(picture)
    flat = flat.convert("RGB")  # on its background: for launchers that mask or fill in black
    opaque = picture.getextrema()[3][0] == 255
    own = flat if opaque else picture  # "any" icons and favicons keep a transparent background
    made = []
    for icon in ICONS:
        if icon.purpose == "maskable":
            made.append((icon.path, _png(_maskable(flat, fill, icon.size))))
        elif icon.path.endswith("apple-touch-icon.png"):  # iOS shows transparency as black
            made.append((icon.path, _png(_resized(flat, icon.size))))
        else:
            made.append((icon.path, _png(_resized(own, icon.size))))
    return tuple(made)


def _background(picture: Image.Image) -> tuple[int, int, int]:
    """The picture's own background (its four corners, when they agree and are opaque), so a
    maskable icon's border matches it; otherwise BACKGROUND_COLOUR."""
    right, bottom = picture.width - 1, picture.height - 1
    corners = {picture.getpixel(xy) for xy in ((0, 0), (right, 0), (0, bottom), (right, bottom))}
    colour = corners.pop()
    if corners or not isinstance(colour, tuple) or colour[3] != 255:
        return _rgb(BACKGROUND_COLOUR)
    return (colour[0], colour[1], colour[2])


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _resized(picture: Image.Image, size: int) -> Image.Image:
    return picture.resize((size, size), Image.Resampling.LANCZOS)


def _maskable(flat: Image.Image, fill: tuple[int, int, int], size: int) -> Image.Image:
    """The picture's content (what differs from its background) centred and shrunk into the
    safe zone, the circle every launcher's mask keeps; its background all round."""
    box = ImageChops.difference(flat, Image.new("RGB", flat.size, fill)).getbbox()
    icon = Image.new("RGB", (size, size), fill)
    if box is None:  # a plain square: nothing to keep in
        return icon
    left, top, right, bottom = box
    reach = ((right - left) ** 2 + (bottom - top) ** 2) ** 0.5 / 2  # centre to a corner
    scale = min(size / flat.width, SAFE_ZONE * size / reach)  # never larger than in "any"
    width, height = max(1, round((right - left) * scale)), max(1, round((bottom - top) * scale))
    content = flat.resize((width, height), Image.Resampling.LANCZOS, box=box)
    icon.paste(content, ((size - width) // 2, (size - height) // 2))
    return icon


def _png(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)  # only IHDR, IDAT and IEND: no time, no text
    return out.getvalue()


def manifest_json(t: Strings, site_url: str, direction: str = "ltr") -> str:
    """The manifest of one language's site, to be written at its root as MANIFEST.

    `site_url` is that language's address (English at the site's root, Spanish at `es/`).
    `scope` is the site's root for every language, so switching language in the installed app
    stays in it: the Spanish manifest at /es/ has scope "../". `id` is the language site's
    path: each language installs as its own app, and moving `start_url` later keeps it.
    """
    root = "./" if t.language == ENGLISH else "../"  # every other language is one folder down
    manifest = {
        "id": urlsplit(site_url).path or "/",
        "name": t.app_name,
        "short_name": t.app_short_name,
        "description": t.app_description,
        "lang": t.language,
        "dir": direction,
        "start_url": "./",
        "scope": root,
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {
                "src": icon.path,
                "sizes": f"{icon.size}x{icon.size}",
                "type": "image/png",
                "purpose": icon.purpose,
            }
            for icon in ICONS
            if icon.purpose
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
