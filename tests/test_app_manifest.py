"""The web app manifest and its icons (pages/app_manifest.py): what a phone needs to install the
site, made from one picture, the same bytes on every build."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image, ImageCms, ImageDraw
from PIL.PngImagePlugin import PngInfo

from conftest import ROOT
from stretchsite.pages import app_manifest
from stretchsite.pages.app_manifest import (
    ICONS,
    MIN_SIDE,
    SOURCE,
    app_icons,
    icon_problems,
    manifest_json,
)
from stretchsite.pages.strings import CATALOGUES, strings

PICTURE = ROOT / SOURCE
LANGUAGES = sorted(file.stem for file in CATALOGUES.glob("*.yml"))
SITES = ["https://stretches.example.org/", "https://clinic.example.org/patients/stretches/"]
INDIGO = (0x3F, 0x51, 0xB5)
CHROMIUM = Path("/usr/bin/chromium")


def language_site(site: str, language: str) -> str:
    return site if language == "en" else f"{site}{language}/"


def manifest(language: str, site: str = SITES[0]) -> dict:
    return json.loads(manifest_json(strings(language), language_site(site, language)))


def opened(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def chunks(data: bytes) -> list[str]:
    """The PNG's chunk types, in order."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        found.append(kind.decode("ascii"))
        at += 12 + size
    return found


def picture_file(folder: Path, picture: Image.Image, name: str = "icon.png", **options) -> Path:
    path = folder / name
    picture.save(path, **options)
    return path


def disc(size: int, colour: str, background: str | tuple[int, ...]) -> Image.Image:
    """A logo whose content reaches the picture's edges: a filled disc, almost as wide."""
    mode = "RGBA" if isinstance(background, tuple) else "RGB"
    picture = Image.new(mode, (size, size), background)
    ImageDraw.Draw(picture).ellipse((2, 2, size - 3, size - 3), fill=colour)
    return picture


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    app_manifest._icons.cache_clear()


# The icons


def test_the_project_picture_is_usable_and_large() -> None:
    assert icon_problems(PICTURE) == []
    with Image.open(PICTURE) as picture:
        assert picture.format == "PNG"
        assert picture.width == picture.height >= 1024


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_icon_is_the_size_and_type_the_manifest_says(language: str) -> None:
    icons = app_icons(PICTURE)
    assert set(icons) == {icon.path for icon in ICONS}
    listed = manifest(language)["icons"]
    assert {icon["purpose"] for icon in listed} == {"any", "maskable"}
    for entry in listed:
        picture = opened(icons[entry["src"]])
        assert entry["type"] == "image/png" and picture.format == "PNG"
        assert entry["sizes"] == f"{picture.width}x{picture.height}"
    sizes = {path: opened(data).size for path, data in icons.items()}
    assert sizes == {icon.path: (icon.size, icon.size) for icon in ICONS}
    assert sizes["assets/icons/apple-touch-icon.png"] == (180, 180)
    assert {sizes["assets/icons/favicon-32.png"], sizes["assets/icons/favicon-48.png"]} == {
        (32, 32),
        (48, 48),
    }


def outside_safe_zone(picture: Image.Image) -> set[tuple[int, ...]]:
    """The colours of the maskable icon outside the safe zone (a circle, 40 % of its side)."""
    side = picture.width
    ring = Image.new("L", picture.size, 255)
    middle, radius = side / 2, 0.4 * side
    box = (middle - radius, middle - radius, middle + radius, middle + radius)
    ImageDraw.Draw(ring).ellipse(box, fill=0)
    unseen = (1, 2, 3)
    outside = Image.new("RGB", picture.size, unseen)
    outside.paste(picture.convert("RGB"), mask=ring)
    return {colour for _, colour in outside.getcolors(side * side) or []} - {unseen}


def maskable(icons: dict[str, bytes]) -> Image.Image:
    [path] = [icon.path for icon in ICONS if icon.purpose == "maskable"]
    return opened(icons[path])


def test_the_maskable_icon_keeps_the_figure_in_the_safe_zone() -> None:
    icons = app_icons(PICTURE)
    picture = maskable(icons)
    assert outside_safe_zone(picture) == {INDIGO}  # the picture's own background, all round
    assert picture.getpixel((0, 0)) == INDIGO
    white = picture.convert("L").point(lambda v: 255 if v > 250 else 0)
    assert white.getbbox() is not None  # the figure is there
    # The "any" icon shows the whole picture, whose figure reaches beyond the safe zone.
    assert outside_safe_zone(opened(icons["assets/icons/icon-512.png"])) != {INDIGO}


@pytest.mark.parametrize(
    ("background", "expected"),
    [("#ffffff", (255, 255, 255)), ((0, 0, 0, 0), (255, 255, 255))],
    ids=["white logo", "transparent logo"],
)
def test_a_logo_reaching_its_edges_is_shrunk_into_the_safe_zone(
    tmp_path: Path, background: str | tuple[int, ...], expected: tuple[int, ...]
) -> None:
    source = picture_file(tmp_path, disc(600, "#b00020", background))
    icons = app_icons(source)
    assert outside_safe_zone(maskable(icons)) == {expected}
    apple = opened(icons["assets/icons/apple-touch-icon.png"])
    assert apple.mode == "RGB" and apple.getpixel((0, 0)) == expected  # iOS: never transparent
    if background != "#ffffff":  # the icons a browser shows as they are keep the transparency
        assert opened(icons["assets/icons/icon-192.png"]).getpixel((0, 0))[3] == 0


def test_icons_are_the_same_bytes_on_every_build() -> None:
    first = app_icons(PICTURE)
    app_manifest._icons.cache_clear()
    assert app_icons(PICTURE) == first


def test_icons_carry_no_metadata_from_the_picture(tmp_path: Path) -> None:
    info = PngInfo()
    info.add_text("Software", "a drawing program")
    info.add_text("Creation Time", "2026-01-01T12:00:00")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = picture_file(
        tmp_path,
        disc(MIN_SIDE, "#005eb8", (0, 0, 0, 0)),
        pnginfo=info,
        icc_profile=profile,
        dpi=(300, 300),
    )
    assert {"tEXt", "iCCP", "pHYs"} <= set(chunks(source.read_bytes()))
    for path, data in app_icons(source).items():
        assert set(chunks(data)) <= {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"}, path


def test_a_changed_picture_gives_new_icons(tmp_path: Path) -> None:
    source = picture_file(tmp_path, disc(MIN_SIDE, "#005eb8", "#ffffff"))
    before = app_icons(source)
    picture_file(tmp_path, disc(MIN_SIDE, "#007f3b", "#ffffff"))  # the same file, new bytes
    after = app_icons(source)
    assert before.keys() == after.keys()
    assert all(before[path] != after[path] for path in before)


# The manifest


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_manifest_meets_chromiums_installability_criteria(language: str, site: str) -> None:
    found = manifest(language, site)
    assert found["name"] and found["short_name"]
    assert found["start_url"] and found["display"] == "standalone"
    assert any(
        icon["type"] == "image/png"
        and "any" in icon["purpose"].split()
        and int(icon["sizes"].split("x")[0]) >= 144
        for icon in found["icons"]
    )
    assert found["theme_color"] == "#3f51b5" and found["background_color"] == "#ffffff"
    assert found["lang"] == language and found["dir"] == "ltr"
    assert found["description"] == strings(language).app_description


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_stays_inside_the_installed_app(language: str, site: str) -> None:
    """The manifest sits at its language site's root; its addresses resolve from there."""
    here = language_site(site, language)
    found = manifest(language, site)
    address = urljoin(here, "manifest.webmanifest")
    scope = urljoin(address, found["scope"])
    start = urljoin(address, found["start_url"])
    assert start == here
    for other in LANGUAGES:  # switching language keeps the patient in the app
        assert language_site(site, other).startswith(scope)
    assert scope == site  # and nothing outside the site is in it
    # id resolves against the start's origin: each language is its own app, on any host.
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    assert urljoin(origin, found["id"]) == here


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_short_name_fits_under_a_home_screen_icon(language: str) -> None:
    assert 0 < len(manifest(language)["short_name"]) <= 12


def test_the_manifest_is_plain_utf8_json() -> None:
    text = manifest_json(strings("es"), "https://stretches.example.org/es/")
    assert "Estiramientos de espalda" in text  # not \\u escapes
    assert text.endswith("}\n") and text == manifest_json(
        strings("es"), "https://stretches.example.org/es/"
    )


# A picture the build cannot use: a clear `path:line: rule`, never a traceback


def test_a_missing_picture_is_named(tmp_path: Path) -> None:
    [problem] = icon_problems(tmp_path / "app-icon.png")
    assert str(problem) == (
        f"{SOURCE}:1: file is missing: add the app's icon, a square PNG picture at least "
        f"{MIN_SIDE} pixels wide"
    )
    with pytest.raises(ValueError, match="file is missing"):
        app_icons(tmp_path / "app-icon.png")


def test_a_small_picture_is_refused(tmp_path: Path) -> None:
    source = picture_file(tmp_path, disc(MIN_SIDE - 1, "#005eb8", "#ffffff"))
    [problem] = icon_problems(source)
    assert str(problem) == (
        f"{SOURCE}:1: must be at least 512 by 512 pixels (found 511 by 511): use a larger "
        "picture, or icons would be blurred"
    )
    with pytest.raises(ValueError, match="must be at least 512"):
        app_icons(source)


def test_a_picture_that_is_not_square_is_refused(tmp_path: Path) -> None:
    source = picture_file(tmp_path, Image.new("RGB", (800, 600), "#ffffff"))
    [problem] = icon_problems(source, "content/app-icon.png")
    assert str(problem) == (
        "content/app-icon.png:1: must be square (found 800 by 600 pixels): crop it, or add a border"
    )
    both = icon_problems(picture_file(tmp_path, Image.new("RGB", (600, 300), "#ffffff")))
    assert [p.rule.split(" (")[0] for p in both] == [
        "must be square",
        "must be at least 512 by 512 pixels",
    ]


def test_a_picture_that_is_not_png_is_refused(tmp_path: Path) -> None:
    picture = disc(MIN_SIDE, "#005eb8", "#ffffff")
    source = picture_file(tmp_path, picture, "icon.png", format="JPEG")
    [problem] = icon_problems(source)
    assert (
        problem.rule
        == f"is a JPEG picture: save it as a square PNG picture at least {MIN_SIDE} pixels wide"
    )


@pytest.mark.parametrize(
    "data",
    [b"", b"not a picture", PICTURE.read_bytes()[:2000]],
    ids=["empty", "text", "cut off"],
)
def test_a_file_that_is_not_a_picture_is_refused(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "app-icon.png"
    source.write_bytes(data)
    [problem] = icon_problems(source)
    assert problem.rule.startswith("cannot be read as a picture: save it as a square PNG")
    with pytest.raises(ValueError, match="cannot be read"):
        app_icons(source)
