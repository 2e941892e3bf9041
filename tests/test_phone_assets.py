"""What a phone downloads: files named with their version, the site's own scripts and styles
minified and joined, and the offline service worker's settings (pages/versions.py,
pages/assets.py, pages/offline.py). Their behaviour in Chromium: tests/browser/test_offline.py."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from stretchsite.pages.assets import (
    inline_script,
    joined,
    minified,
    palette_colours,
    palette_for,
)
from stretchsite.pages.offline import SERVICE_WORKER, service_worker
from stretchsite.pages.strings import strings
from stretchsite.pages.versions import version_of, versioned, with_versions

VERSIONS = {
    "assets/stylesheets/site.min.css": "aaaaaaaaaa",
    "assets/illustrations/knee-to-chest-start.svg": "bbbbbbbbbb",
    "assets/routine-library.json": "cccccccccc",
}

OFFLINE = {"": (strings("en"), "Call 999."), "es/": (strings("es"), "Llame al 999.")}


def test_a_file_s_version_changes_with_its_bytes_only() -> None:
    assert version_of(b"body{}") == version_of(b"body{}")
    assert version_of(b"body{}") != version_of(b"body{ }")
    assert re.fullmatch(r"[0-9a-f]{10}", version_of(b""))
    assert versioned("assets/x.svg", b"<svg/>") == f"assets/x.svg?v={version_of(b'<svg/>')}"


def test_a_page_names_the_versions_of_the_files_it_loads() -> None:
    page = (
        '<link rel="stylesheet" href="../../assets/stylesheets/site.min.css">'
        '<img src="../../assets/illustrations/knee-to-chest-start.svg" alt="">'
        '<div data-library="../../assets/routine-library.json"></div>'
    )
    out = with_versions(page, "stretches/knee-to-chest/", VERSIONS)
    assert 'href="../../assets/stylesheets/site.min.css?v=aaaaaaaaaa"' in out
    assert 'src="../../assets/illustrations/knee-to-chest-start.svg?v=bbbbbbbbbb"' in out
    assert 'data-library="../../assets/routine-library.json?v=cccccccccc"' in out
    home = with_versions('<link href="assets/stylesheets/site.min.css">', "", VERSIONS)
    assert home == '<link href="assets/stylesheets/site.min.css?v=aaaaaaaaaa">'


def test_links_to_pages_other_sites_and_unknown_files_are_left_alone() -> None:
    page = (
        '<a href="../hamstring-stretch/">next</a>'
        '<a href="https://www.nhs.uk/">NHS</a>'
        '<link href="/assets/stylesheets/site.min.css">'  # absolute (404.html): left as it is
        '<img src="../../assets/illustrations/unknown.svg">'
        '<img src="../../assets/illustrations/knee-to-chest-start.svg?v=old">'
        '<a href="#steps">steps</a>'
    )
    assert with_versions(page, "stretches/knee-to-chest/", VERSIONS) == page


def test_the_site_s_own_scripts_and_styles_are_minified_and_joined_in_order() -> None:
    script = "/* a long comment for editors */\nfunction a() {\n  return 1; // one\n}\n"
    assert minified("x.js", script) == "function a(){return 1;}"
    assert minified("x.css", "/* note */\nbody {\n  color: red;\n}\n") == "body{color:red}"
    assert minified("x.svg", "<svg> </svg>") == "<svg> </svg>"
    # Two scripts without a final semicolon still run as two statements, in order.
    both = joined("all.js", ["(function () { window.order = [1] })()", "window.order.push(2)"])
    result = subprocess.run(
        ["node", "-e", f"var window = {{}}; {both}; console.log(window.order.join())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "1,2"
    assert joined("all.css", ["a{color:red}", "b{color:blue}"]) == "a{color:red}\nb{color:blue}\n"


def test_the_service_worker_gets_a_new_version_whenever_a_file_changes() -> None:
    offline = OFFLINE
    first = service_worker(VERSIONS, offline)
    assert first == service_worker(dict(VERSIONS), offline)  # the same site: the same worker
    changed = service_worker(VERSIONS | {"assets/stylesheets/site.min.css": "dddddddddd"}, offline)

    def version(worker: str) -> str:
        settings = re.search(r"var SETTINGS = (\{.*\});", worker)
        assert settings, "SETTINGS not filled in"
        return str(json.loads(settings.group(1))["version"])

    assert version(first) != version(changed)
    assert SERVICE_WORKER == "sw.js"


def test_the_not_saved_page_is_in_each_language() -> None:
    worker = service_worker(VERSIONS, OFFLINE)
    settings = json.loads(re.search(r"var SETTINGS = (\{.*\});", worker).group(1))  # type: ignore[union-attr]
    assert '<html lang="en">' in settings["offline"][""]
    assert "No internet connection" in settings["offline"][""]
    assert "<strong>Safety:</strong> Call 999." in settings["offline"][""]  # first, offline too
    assert "Llame al 999." in settings["offline"]["es/"]
    assert '<html lang="es">' in settings["offline"]["es/"]
    assert "No tiene conexión a internet" in settings["offline"]["es/"]
    assert all("__HOME__" in page for page in settings["offline"].values())
    assert all("<script" not in page for page in settings["offline"].values())


def test_the_built_site_has_one_worker_at_its_root(built_site: Path) -> None:
    assert (built_site / "sw.js").is_file()
    assert not (built_site / "es" / "sw.js").exists()
    page = (built_site / "es" / "stretches" / "knee-to-chest" / "index.html").read_text("utf-8")
    assert '<meta name="service-worker" content="../../../sw.js">' in page
    assert re.search(r'src="[./]*assets/javascripts/site\.min\.js\?v=[0-9a-f]{10}"', page)
    assert re.search(r'href="[./]*assets/stylesheets/site\.min\.css\?v=[0-9a-f]{10}"', page)


def test_a_script_that_could_end_its_script_element_is_refused(tmp_path: Path) -> None:
    script = tmp_path / "x.js"
    script.write_text("var a = '</script><img src=x onerror=alert(1)>';", "utf-8")
    with pytest.raises(ValueError, match="cannot be written inside a <script> element"):
        inline_script(script)
    script.write_text("/* fine */ var a = 1;", "utf-8")
    assert inline_script(script) == "var a=1;"


def test_the_palette_keeps_only_the_site_s_colours_as_material_reads_them() -> None:
    assert palette_colours([{"primary": "indigo", "accent": "deep purple"}]) == {
        "indigo",
        "deep-purple",
    }
    assert palette_colours({"scheme": "slate"}) == {"indigo"}  # one scheme; unset: indigo
    assert palette_colours(None) == {"indigo"}
    css = (
        "[data-md-color-primary=red]{--a:1}"
        "[data-md-color-primary=indigo],[data-md-color-primary=pink]{--a:2}"
        "@media screen{[data-md-color-scheme=slate]{--b:3}[data-md-color-accent=red] a{--c:4}}"
    )
    assert palette_for(css, {"indigo"}) == (
        "[data-md-color-primary=indigo]{--a:2}@media screen{[data-md-color-scheme=slate]{--b:3}}"
    )


def test_only_pages_with_the_routine_scripts_carry_their_words(built_site: Path) -> None:
    def words(page: str) -> dict[str, object]:
        html = (built_site / page / "index.html").read_text("utf-8")
        block = re.search(r'<script type="application/json" id="site-strings">(.*?)</script>', html)
        assert block, page
        return dict(json.loads(block.group(1)))

    stretch, builder = words("stretches/knee-to-chest"), words("routine-builder")
    assert "timer_start" in stretch and "builder_add" not in stretch and "link_empty" not in stretch
    assert {"builder_add", "link_empty", "routine_print", "timer_start"} <= builder.keys()
    assert "routine_print" in words("my-routine")
