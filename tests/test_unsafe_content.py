"""Nothing unsafe is published: placeholders, addresses, links, finished pages and pictures.

Each protection is checked where an editor meets it (the exact `path:line: field: rule`) and
once through a real `mkdocs build` (a clear message, exit code 1, no traceback, in seconds).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, edit, errors, run_build
from stretchsite.build import build_content
from stretchsite.config import read_settings
from stretchsite.content.illustrations import svg_problems
from stretchsite.content.library import load_library
from stretchsite.content.model import placeholder_names
from stretchsite.pages.pictures import stretch_pictures
from stretchsite.pages.published_links import unsafe_links
from stretchsite.pages.strings import strings

SAFETY = "content/safety.yml"
STRETCH = "content/stretches/knee-to-chest.yml"
PICTURE = "content/illustrations/knee-to-chest.svg"
ALLOWED = (
    "allowed: {emergency_number}, {emergency_place}, {urgent_number}, {urgent_service}, "
    "{routine_contact}"
)
FILLED = "site_notice and the headings and items of when_to_get_help"
LINK_RULE = "links must start with https:// or point to a page on this site"
OWN_PART = 'a picture may refer only to its own parts, like href="#arm" or url(#shadow)'
FAST = 10  # seconds: a refused build must fail well within this


def refused_build(project: Path, site: Path) -> str:
    """Build, expecting a clear refusal; the build's whole output."""
    started = time.monotonic()
    result = run_build(project, site)
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert seconds < FAST, f"the refusal took {seconds:.1f} s"
    return output


# 1. Placeholders in safety text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "      - numbness or tingling",
            "      - call {emergency_numbr} for numbness or tingling",
            f"{SAFETY}:37: when_to_get_help.emergency.items[1]: unknown placeholder "
            f"{{emergency_numbr}}; {ALLOWED}",
            id="item",
        ),
        pytest.param(
            "Call {emergency_number} if your back",
            "Call {emergency_numbr} if your back",
            f"{SAFETY}:15: site_notice: unknown placeholder {{emergency_numbr}}; {ALLOWED}",
            id="site-notice",
        ),
        pytest.param(
            "heading: See {routine_contact} if",
            "heading: See {Routine_Contact} if",
            f"{SAFETY}:53: when_to_get_help.routine.heading: unknown placeholder "
            f"{{Routine_Contact}}; {ALLOWED}",
            id="capitals",
        ),
        pytest.param(
            "heading: See {routine_contact} if",
            "heading: See { routine_contact } if",
            f"{SAFETY}:53: when_to_get_help.routine.heading: unknown placeholder "
            f"{{ routine_contact }}; {ALLOWED}",
            id="spaces",
        ),
        pytest.param(
            "heading: See {routine_contact} if",
            'heading: "See {routine_contact} if {: .hidden}"',
            f"{SAFETY}:53: when_to_get_help.routine.heading: curly braces are allowed only "
            "around a placeholder, like {emergency_number} (found '{: .hidden}')",
            id="attribute-list",
        ),
        pytest.param(
            "Stretching should not hurt.",
            "Stretching should not hurt. Call {emergency_number} if it does.",
            f"{SAFETY}:9: warnings.stop-if-it-hurts.text: {{emergency_number}} is not filled "
            f"in here: placeholders work only in {FILLED}",
            id="not-filled-here",
        ),
        pytest.param(
            "Start gently.",
            "Start gently {emergency_numbr}.",
            f"{SAFETY}:23: progression: curly braces are not allowed here (found "
            f"'{{emergency_numbr}}'); placeholders like {{emergency_number}} work only in {FILLED}",
            id="typo-where-not-filled",
        ),
    ],
)
def test_placeholder_mistakes_name_line_and_rule(
    fixture_project: Path, old: str, new: str, expected: str
) -> None:
    edit(fixture_project, SAFETY, old, new)
    assert errors(fixture_project) == [expected]


def test_a_placeholder_in_a_stretch_is_refused(fixture_project: Path) -> None:
    edit(fixture_project, STRETCH, "It should not hurt.", "If it hurts, call {emergency_number}.")
    assert errors(fixture_project) == [
        f"{STRETCH}:25: feel: {{emergency_number}} is not filled in here: placeholders work "
        f"only in {FILLED}"
    ]


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        pytest.param("  - Breathe normally. Count 1 { 2.", None, id="lone-brace"),
        pytest.param("  - Breathe normally. }{", None, id="braces-the-wrong-way"),
        pytest.param(
            "  - Breathe {normally}.",
            "curly braces are not allowed here (found '{normally}'); placeholders like "
            f"{{emergency_number}} work only in {FILLED}",
            id="word-in-braces",
        ),
        pytest.param(
            "  - Breathe [normally](https://www.nhs.uk/){onclick=alert(1)}.",
            "curly braces are not allowed here (found '{onclick=alert(1)}'); placeholders "
            f"like {{emergency_number}} work only in {FILLED}",
            id="event-handler-attribute",
        ),
        pytest.param(
            "  - Breathe [normally](https://www.nhs.uk/){href=javascript:alert(1)}.",
            "curly braces are not allowed here (found '{href=javascript:alert(1)}'); "
            f"placeholders like {{emergency_number}} work only in {FILLED}",
            id="address-attribute",
        ),
    ],
)
def test_curly_braces_in_other_text(fixture_project: Path, new: str, expected: str | None) -> None:
    edit(fixture_project, STRETCH, "  - Breathe normally.", new)
    assert errors(fixture_project) == ([f"{STRETCH}:34: do[3]: {expected}"] if expected else [])


def test_every_field_the_model_lets_hold_placeholders_is_filled(fixture_project: Path) -> None:
    """The model and the templates agree: no placeholder reaches a page unfilled."""
    for tier in ("numbness or tingling", "a high temperature", "your back pain is not getting"):
        edit(fixture_project, SAFETY, f"      - {tier}", f"      - ({{urgent_service}}) {tier}")
    edit(fixture_project, SAFETY, "Stop any stretch", "{urgent_service}: stop any stretch")
    settings, problems = read_settings(fixture_project)
    assert settings is not None, problems
    content = build_content(settings, dt.date(2026, 11, 24))
    assert content.errors == []
    texts = [
        *(page.markdown for page in content.pages.values()),
        *content.snippets.values(),
        *content.docs.values(),
        content.site_notice,
    ]
    names = "|".join(placeholder_names())
    assert not [t for t in texts if re.search(rf"\{{(?:{names})\}}", t)]
    assert content.site_notice.startswith("NHS 111: stop any stretch")
    help_page = content.pages["when-to-get-help.md"].markdown
    assert help_page.count("- (NHS 111) ") == 3


@pytest.mark.build
def test_a_placeholder_typo_stops_the_build(fixture_project: Path, tmp_path: Path) -> None:
    edit(
        fixture_project,
        SAFETY,
        "      - chest pain",
        "      - chest pain, then call {emergency_numbr}",
    )
    output = refused_build(fixture_project, tmp_path / "site")
    assert (
        f"{SAFETY}:41: when_to_get_help.emergency.items[5]: unknown placeholder "
        f"{{emergency_numbr}}; {ALLOWED}"
    ) in output
    assert "Content has 1 problem; nothing was built." in output
    assert not (tmp_path / "site").exists()


# 2. Addresses and links --------------------------------------------------------------------

SOURCE = "url: https://www.spine-health.com/wellness/exercise/stretching-back-pain-relief"
FULL = "must be a full https:// address"


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        pytest.param(
            "https://e.org/)[x](javascript:alert(1))",
            f"{FULL} with no spaces, brackets or quotes (found ')' in "
            "'https://e.org/)[x](javascript:alert(1))')",
            id="breaks-out-of-the-link",
        ),
        pytest.param(
            '"https://e.org/a b"',
            f"{FULL} with no spaces, brackets or quotes (found a space in 'https://e.org/a b')",
            id="space",
        ),
        pytest.param(
            "https://e.org/<x>",
            f"{FULL} with no spaces, brackets or quotes (found '<' in 'https://e.org/<x>')",
            id="angle-bracket",
        ),
        pytest.param(
            '"https://e.org/\'onmouseover=x"',
            f'{FULL} with no spaces, brackets or quotes (found "\'" in '
            '"https://e.org/\'onmouseover=x")',
            id="quote",
        ),
        pytest.param(
            '"https://e.org\\\\evil.org/"',
            f"{FULL} with no spaces, brackets or quotes (found '\\\\' in "
            "'https://e.org\\\\evil.org/')",
            id="backslash",
        ),
        pytest.param(
            '"https://www.nhs.uk\\u200b.evil.example/"',
            f"{FULL} with no spaces, brackets or quotes (found '\\u200b' in "
            "'https://www.nhs.uk\\u200b.evil.example/')",
            id="hidden-character",
        ),
        pytest.param(
            "javascript:alert(1)", f"{FULL} (found 'javascript:alert(1)')", id="javascript"
        ),
        pytest.param("http://e.org/", f"{FULL} (found 'http://e.org/')", id="http"),
        pytest.param("www.nhs.uk", f"{FULL} (found 'www.nhs.uk')", id="no-scheme"),
        pytest.param(
            "https:///back-pain",
            f"{FULL} with a site name, like https://www.nhs.uk/ (found 'https:///back-pain')",
            id="no-host",
        ),
        pytest.param(
            "https://www.nhs.uk@evil.example/",
            f"{FULL} without a user name (found 'https://www.nhs.uk@evil.example/')",
            id="user-name",
        ),
        pytest.param("https://e.org:port/", f"{FULL} (found 'https://e.org:port/')", id="bad-port"),
    ],
)
def test_source_addresses(fixture_project: Path, url: str, rule: str) -> None:
    edit(fixture_project, STRETCH, SOURCE, f"url: {url}")
    assert errors(fixture_project) == [f"{STRETCH}:55: sources[1].url: {rule}"]


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x]( JaVaScRiPt:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](< javascript:alert(1)>)",
        "[x]: javascript:alert(1)",
        "[x]:\n  javascript:alert(1)",
        "[x]: <javascript:alert(1)>",
        "<javascript:alert(1)>",
        "[x](java&#115;cript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](&#0000106avascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](java\tscript:alert(1))",
        "[x](java\nscript:alert(1))",
        "[x](javascript\\:alert(1))",
        "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](ftp://e.org/)",
    ],
)
def test_links_in_text_may_not_use_other_schemes(fixture_project: Path, text: str) -> None:
    edit(fixture_project, STRETCH, "  - Breathe normally.", f"  - {json.dumps(text)}")
    assert errors(fixture_project) == [f"{STRETCH}:34: do[3]: {LINK_RULE}"]


@pytest.mark.parametrize(
    "text",
    [
        "[NHS](https://www.nhs.uk/)",
        "[NHS](http://www.nhs.uk/)",
        "[email us](mailto:clinic@example.org)",
        "[call](tel:+441234567890)",
        "[tips](../../tips/)",
        "[steps](#steps)",
        "[x][nhs]\n\n[nhs]: https://www.nhs.uk/",
        "Note: hold [for 30 seconds]: then relax.",
        "Rest (note: this is fine).",
    ],
)
def test_links_that_are_fine(fixture_project: Path, text: str) -> None:
    edit(fixture_project, STRETCH, "  - Breathe normally.", f"  - {json.dumps(text)}")
    assert errors(fixture_project) == []


@pytest.mark.build
def test_a_source_address_that_breaks_out_stops_the_build(
    fixture_project: Path, tmp_path: Path
) -> None:
    edit(fixture_project, STRETCH, SOURCE, "url: https://e.org/)[x](javascript:alert(1))")
    output = refused_build(fixture_project, tmp_path / "site")
    assert (
        f"{STRETCH}:55: sources[1].url: {FULL} with no spaces, brackets or quotes "
        "(found ')' in 'https://e.org/)[x](javascript:alert(1))')"
    ) in output


@pytest.mark.build
def test_a_script_link_in_text_stops_the_build(fixture_project: Path, tmp_path: Path) -> None:
    edit(fixture_project, STRETCH, "  - Breathe normally.", '  - "[x]( JaVaScRiPt:alert(1))"')
    output = refused_build(fixture_project, tmp_path / "site")
    assert f"{STRETCH}:34: do[3]: {LINK_RULE}" in output


# 3. Every finished page --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<a href="javascript:alert(1)">',
            '<a href="javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<A HREF=" JaVaScRiPt:alert(1)">',
            '<a href=" JaVaScRiPt:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<a href="java&#115;cript:alert(1)">',
            '<a href="javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<a href="java&Tab;script:alert(1)">',
            '<a href="java\tscript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            "<a href=javascript&colon;alert(1)>",
            '<a href="javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
            '<img src="data:image/svg+xml;base64,PHN2Zz4=">: the data: scheme is not allowed',
        ),
        (
            '<img srcset="a.png 1x, data:image/png;base64,AA 2x">',
            '<img srcset="a.png 1x, data:image/png;base64,AA 2x">: the data: scheme is not allowed',
        ),
        (
            '<form action="javascript:alert(1)">',
            '<form action="javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<button formaction="vbscript:x">',
            '<button formaction="vbscript:x">: the vbscript: scheme is not allowed',
        ),
        (
            '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
            '<a xlink:href="javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<video poster="javascript:alert(1)">',
            '<video poster="javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<object data="data:text/html,x">',
            '<object data="data:text/html,x">: the data: scheme is not allowed',
        ),
        (
            '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
            '<meta content="0; url=javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<iframe srcdoc="&lt;a href=&quot;javascript:x&quot;&gt;"></iframe>',
            '<iframe srcdoc>: <a href="javascript:x">: the javascript: scheme is not allowed',
        ),
        (
            '<a href="//evil.example/">',
            '<a href="//evil.example/">: a protocol-relative address (//host): write the full '
            "https:// address",
        ),
        (
            '<img src="\\\\evil.example/p.png">',
            '<img src="\\\\evil.example/p.png">: a protocol-relative address (//host): write '
            "the full https:// address",
        ),
        ('<p onclick="alert(1)">', "<p onclick>: event handler attributes are not allowed"),
        (
            '<meta content="0; url=javascript:alert(1)" http-equiv="refresh">',
            '<meta content="0; url=javascript:alert(1)">: the javascript: scheme is not allowed',
        ),
        (
            '<a href="x" title="<" onclick="y">',
            "<a onclick>: event handler attributes are not allowed",
        ),
        (
            '<p>only = one</p><a title="a > b" href="java&#115;cript:x">',
            '<a href="javascript:x">: the javascript: scheme is not allowed',
        ),
    ],
)
def test_unsafe_links_in_html(html: str, expected: str) -> None:
    assert unsafe_links(html) == [expected]


@pytest.mark.parametrize(
    "html",
    [
        '<a href="https://www.nhs.uk/">',
        '<a href="http://www.nhs.uk/">',
        '<a href="mailto:clinic@example.org">',
        '<a href="tel:999">',
        '<a href="../tips/">',
        '<a href="#steps">',
        '<a href="?q=1">',
        "<a href>",
        '<a data-href="javascript:x" title="javascript:x">javascript:alert(1)</a>',
        "<script>location.href='javascript:void(0)'</script>",
        '<!-- <a href="javascript:x"> -->',
        '<meta http-equiv="refresh" content="0; url=../stretches/">',
        '<meta property="og:image" content="https://stretches.example.org/x.png">',
        "<p>Breathe in: one=1, only = slow ones, then src=home</p>",
        '<a href="../tips/">only = once</a>',
    ],
)
def test_safe_links_in_html(html: str) -> None:
    assert unsafe_links(html) == []


@pytest.mark.build
def test_an_unsafe_link_from_the_theme_stops_the_build(project_copy: Path, tmp_path: Path) -> None:
    """Content and docs/ are checked before the build; this catches what templates write."""
    main = project_copy / "overrides" / "main.html"
    text = main.read_text()
    assert "{% block announce %}\n" in text
    main.write_text(
        text.replace(
            "{% block announce %}\n",
            '{% block announce %}\n<a href="java&#115;cript:alert(1)">x</a>\n',
        )
    )
    output = refused_build(project_copy, tmp_path / "site")
    assert (
        'index.md: unsafe link <a href="javascript:alert(1)">: the javascript: scheme is not '
        "allowed"
    ) in output


# 4. Illustration pictures ------------------------------------------------------------------


def test_the_drawn_pictures_pass_the_checks_an_editors_drawing_must(tmp_path: Path) -> None:
    """The pictures drawn from poses are held to the same rules as a picture an editor draws:
    no script, nothing loaded from elsewhere."""
    library = load_library(ROOT)
    files = stretch_pictures(library, strings("en"))
    pictures = [picture for found in files.values() for picture in found.pictures]
    assert len(pictures) >= 8
    for picture in pictures:
        saved = tmp_path / Path(picture.file).name
        saved.write_text(picture.svg, encoding="utf-8")
        assert svg_problems(saved, saved.name) == [], picture.file


END = "</svg>"
ROOT_TAG = 'role="img"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            END,
            "<script>alert(1)</script></svg>",
            ["31: <script> is not allowed: a picture must not run code"],
            id="script",
        ),
        pytest.param(
            END,
            '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>',
            ["31: <s:script> is not allowed: a picture must not run code"],
            id="script-under-another-prefix",
        ),
        pytest.param(
            END,
            '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>',
            ["31: <h:script> is not allowed: a picture must not run code"],
            id="html-script",
        ),
        pytest.param(
            END,
            '<x:thing xmlns:x="urn:example"/></svg>',
            ["31: <x:thing> is not an SVG element: draw the picture with SVG shapes only"],
            id="other-namespace",
        ),
        pytest.param(
            ROOT_TAG,
            f'{ROOT_TAG} onload="alert(1)"',
            ["1: the onload attribute is not allowed: a picture must not run code"],
            id="onload",
        ),
        pytest.param(
            END,
            "<foreignObject><p>x</p></foreignObject></svg>",
            ["31: <foreignObject> is not allowed: draw the picture with SVG shapes only"],
            id="foreign-object",
        ),
        pytest.param(
            END,
            '<image href="https://tracker.example/p.png"/></svg>',
            [
                f'31: <image href="https://tracker.example/p.png"> is an external reference: '
                f"{OWN_PART}"
            ],
            id="remote-image",
        ),
        pytest.param(
            END,
            f'<image {XLINK} xlink:href="data:image/png;base64,AAAA"/></svg>',
            [
                f'31: <image xlink:href="data:image/png;base64,AAAA"> is a data: reference: '
                f"{OWN_PART}"
            ],
            id="data-image",
        ),
        pytest.param(
            END,
            '<a href="javascript:alert(1)"><circle r="5"/></a></svg>',
            ['31: <a href="javascript:alert(1)"> is not allowed: a picture must not run code'],
            id="script-link",
        ),
        pytest.param(
            END,
            '<use href="other.svg#arm"/></svg>',
            [f'31: <use href="other.svg#arm"> is an external reference: {OWN_PART}'],
            id="use-another-file",
        ),
        pytest.param(
            'fill="#fff"',
            'fill="url(https://tracker.example/p.svg#x)"',
            [
                f"8: url(https://tracker.example/p.svg#x) in fill= is an external reference: "
                f"{OWN_PART}"
            ],
            id="url-in-attribute",
        ),
        pytest.param(
            'fill="#fff"',
            "style=\"fill: url('data:image/png;base64,AA')\"",
            [f"8: url('data:image/png;base64,AA') in style= is an external reference: {OWN_PART}"],
            id="url-in-style",
        ),
        pytest.param(
            END,
            '<style>@import "https://e.org/x.css";</style></svg>',
            [f"31: @import in <style> is an external reference: {OWN_PART}"],
            id="import",
        ),
        pytest.param(
            END,
            "<style>rect { fill: u\\72 l(https://e.org/x) }</style></svg>",
            ["31: a backslash in <style> is not allowed: CSS escapes can hide addresses"],
            id="css-escape",
        ),
        pytest.param(
            END,
            '<a href="#arm"><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
            [
                '31: <set attributeName="href"> is not allowed: animation must not change where '
                "a link goes"
            ],
            id="animated-link",
        ),
        pytest.param(
            ROOT_TAG,
            f'{ROOT_TAG} xml:base="https://e.org/"',
            [f"1: xml:base is not allowed: {OWN_PART}"],
            id="xml-base",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg"',
            '<?xml-stylesheet href="https://e.org/x.css"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg"',
            ["1: <?xml-stylesheet ...?> is not allowed in a picture: it can load a style sheet"],
            id="style-sheet",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg"',
            '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
            '<svg xmlns="http://www.w3.org/2000/svg"',
            ["2: <!DOCTYPE> is not allowed in a picture: it can define entities; remove it"],
            id="doctype",
        ),
        pytest.param(
            "</g>",
            "</gg>",
            [
                "26: the picture is not well-formed XML (mismatched tag): check the tags on "
                "this line"
            ],
            id="not-well-formed",
        ),
        pytest.param(
            "<title",
            "<title>&nbsp;</title><title",
            [
                "2: the picture is not well-formed XML (undefined entity): check the tags on this "
                "line"
            ],
            id="undefined-entity",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg"',
            "<svg",
            [
                '1: a picture must be an <svg> element with xmlns="http://www.w3.org/2000/svg" '
                "(found <svg> without it)"
            ],
            id="no-namespace",
        ),
    ],
)
def test_unsafe_pictures_are_refused(
    fixture_project: Path, old: str, new: str, expected: list[str]
) -> None:
    edit(fixture_project, PICTURE, old, new)
    assert errors(fixture_project) == [f"{PICTURE}:{line}" for line in expected]


def test_a_picture_whose_root_is_not_svg(fixture_project: Path) -> None:
    (fixture_project / PICTURE).write_text('<html xmlns="http://www.w3.org/1999/xhtml"/>\n')
    assert errors(fixture_project) == [
        f'{PICTURE}:1: a picture must be an <svg> element with xmlns="http://www.w3.org/2000/svg" '
        "(found <html>)"
    ]


def test_an_empty_picture(fixture_project: Path) -> None:
    (fixture_project / PICTURE).write_text("")
    assert errors(fixture_project) == [
        f"{PICTURE}:1: the picture is not well-formed XML (no element found): check the tags on "
        "this line"
    ]


def test_internal_references_and_styles_are_fine(fixture_project: Path) -> None:
    edit(
        fixture_project,
        PICTURE,
        END,
        '<style>circle { fill: url(#a) }</style><use href="#a"/>'
        '<rect width="5" height="5" style="fill: url( \'#a\' )" transform="rotate(5)"/></svg>',
    )
    assert errors(fixture_project) == []


SVG_SOUP = [
    '<svg xmlns="http://www.w3.org/2000/svg">',
    "</svg>",
    "<g>",
    "</g>",
    "<style>",
    "</style>",
    "<script>",
    "<!DOCTYPE svg>",
    '<!ENTITY a "b">',
    "&a;",
    "&amp;",
    "<?x y?>",
    '<a href="',
    'xlink:href="',
    '" onload="',
    'style="',
    "url(",
    "#a",
    "https://e.org/",
    ")",
    '"',
    "/>",
    ">",
    "\n",
    "\\",
    "@import",
    "\x00",
    "\udcff",
    "\u212a",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SVG_SOUP), max_size=30).map("".join))
def test_any_picture_gives_problems_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    picture = tmp_path_factory.mktemp("picture") / "x.svg"
    picture.write_bytes(text.encode("utf-8", "surrogateescape"))
    problems = svg_problems(picture, "content/illustrations/x.svg")
    assert all(str(p).startswith("content/illustrations/x.svg:") for p in problems)


@pytest.mark.build
def test_a_script_in_a_picture_stops_the_build(fixture_project: Path, tmp_path: Path) -> None:
    edit(fixture_project, PICTURE, END, "<script>alert(1)</script></svg>")
    output = refused_build(fixture_project, tmp_path / "site")
    assert f"{PICTURE}:31: <script> is not allowed: a picture must not run code" in output
    assert not (tmp_path / "site").exists()
