"""The bad edits an editor really makes, each through a plain `mkdocs build` of a project whose
site was already published: a clear `path:line: field: rule`, no traceback, within 10 seconds,
and the published site exactly as it was. Edits that are safe to publish are published right."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, run_build, run_module

pytestmark = pytest.mark.build

STRETCH = "content/stretches/knee-to-chest.yml"
SAFETY = "content/safety.yml"
PICTURE = "content/illustrations/knee-to-chest.svg"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)


def line_of(relative: str, needle: str) -> int:
    """The line of the real content file on which `needle`, found once there, starts."""
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert text.count(needle) == 1, f"{relative} does not hold {needle!r} exactly once"
    return text[: text.index(needle)].count("\n") + 1


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        file = project / relative
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{relative} no longer holds {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def in_turn(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        for one in edits:
            one(project)

    return edit


def drawn_picture(inside: str) -> Callable[[Path], None]:
    """The stretch's poses replaced by a picture an editor drew, with `inside` in it."""

    def edit(project: Path) -> None:
        file = project / STRETCH
        text = file.read_text(encoding="utf-8")
        without = re.sub(r"\npictures:\n(?:  .*\n)+", "\n", text)
        assert without != text, f"{STRETCH} has no pictures block"
        file.write_text(without, encoding="utf-8")
        picture = project / PICTURE
        picture.parent.mkdir(exist_ok=True)
        picture.write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{inside}\n</svg>\n',
            encoding="utf-8",
        )

    return edit


def append(relative: str, extra: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        file = project / relative
        file.write_text(file.read_text(encoding="utf-8") + extra, encoding="utf-8")

    return edit


def write(relative: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        (project / relative).write_text(text, encoding="utf-8")

    return edit


REFUSED = {
    "a typo in a safety placeholder": (
        replace(SAFETY, "Call {emergency_number} if", "Call {emergency_numbr} if"),
        rf"content/safety\.yml:{line_of(SAFETY, 'site_notice:')}: "
        r"site_notice: unknown placeholder \{emergency_numbr\}",
    ),
    "an alias that loops": (
        append(STRETCH, "loop: &l [*l]\n"),
        rf"{STRETCH}:\d+: loop: anchors and aliases",
    ),
    "nested aliases (a billion laughs)": (
        write(STRETCH, BOMB),
        rf"{STRETCH}:1: a: anchors and aliases",
    ),
    "a tag": (
        replace(STRETCH, "hold_seconds: 30", "hold_seconds: !!python/object:os.system 30"),
        rf"{STRETCH}:{line_of(STRETCH, 'hold_seconds:')}: hold_seconds: tags",
    ),
    "nesting ten thousand deep": (
        write(STRETCH, "[" * 10_000 + "]" * 10_000),
        rf"{STRETCH}:1: ",
    ),
    "a huge number": (
        replace(STRETCH, "hold_seconds: 30", "hold_seconds: 1" + "0" * 400),
        rf"{STRETCH}:{line_of(STRETCH, 'hold_seconds:')}: hold_seconds: ",
    ),
    "a source address that smuggles a script link": (
        replace(
            STRETCH,
            "url: https://www.spine-health.com/wellness/exercise/stretching-back-pain-relief",
            "url: https://e.org/)[x](javascript:alert(1))",
        ),
        rf"{STRETCH}:{line_of(STRETCH, 'url: https://www.spine-health.com/')}: "
        r"sources\[1\]\.url: must be a full https:// address",
    ),
    "a script in a drawn picture": (
        drawn_picture("<script>alert(1)</script>"),
        rf"{PICTURE}:\d+: .*script",
    ),
    "a remote image in a drawn picture": (
        drawn_picture('<image href="https://tracker.example/p.png"/>'),
        rf"{PICTURE}:\d+: .*(external|remote)",
    ),
    "a knee bent past its range": (
        replace(
            STRETCH,
            "      right_hip: 105\n      right_knee: 120\n",
            "      right_hip: 105\n      right_knee: 170\n",
        ),
        rf"{STRETCH}:{line_of(STRETCH, '      right_knee: 120')}: "
        r"pictures\.end\.joints\.right_knee: 170 is out of range: .* from -5 "
        r"\(straight\) to 150 \(fully bent\) degrees",
    ),
    "a leg through the floor": (
        replace(STRETCH, "      right_hip: 45\n", "      right_hip: -20\n"),
        rf"{STRETCH}:{line_of(STRETCH, '  start:')}: "
        r"pictures\.start: the right leg goes through the floor",
    ),
    "an emergency number of spaces in mkdocs.yml": (
        replace("mkdocs.yml", 'emergency_number: "999"', 'emergency_number: "   "'),
        r"mkdocs\.yml:\d+: extra\.help_contacts\.emergency_number: must be a phone number",
    ),
    "no site address in mkdocs.yml": (
        replace("mkdocs.yml", 'site_url: !ENV [SITE_URL, "https://stretches.example.org/"]\n', ""),
        r"mkdocs\.yml:\d+: site_url: is required",
    ),
    "a script in a hand-written page": (
        append("docs/about.md", "\n<script>alert(1)</script>\n"),
        r"docs/about\.md:\d+: scripts are not allowed in pages",
    ),
    "a script link in a hand-written page": (
        append("docs/about.md", "\n[Say hello](javascript:alert(1))\n"),
        r"docs/about\.md:\d+: links must start with https://",
    ),
    "an event handler in a hand-written page": (
        append("docs/about.md", "\nHello\n{ onclick=alert(1) }\n"),
        r"docs/about\.md:\d+: inline event handlers",
    ),
    "a text-direction override in a stretch": (
        replace(
            STRETCH,
            "summary: Pull one knee gently towards your chest to ease a stiff lower back.",
            'summary: "Pull one knee \\u202etowards your chest."',
        ),
        rf"{STRETCH}:{line_of(STRETCH, 'summary:')}: "
        r"summary: contains an invisible control or text-direction character",
    ),
    "Markdown in the safety notice, shown as it is": (
        # Quoted, as the form editor writes it: a plain value cannot start with `*`.
        in_turn(
            replace(
                SAFETY,
                "site_notice: Stop if you get sharp pain.",
                'site_notice: "**Stop** if it is sharp.',
            ),
            replace(SAFETY, "control pee or poo.\n", 'control pee or poo."\n'),
        ),
        rf"content/safety\.yml:{line_of(SAFETY, 'site_notice:')}: "
        r"site_notice: is shown as plain text: remove the Markdown marks \*",
    ),
    "a remote picture in a stretch's text": (
        replace(STRETCH, "  - Breathe normally.", '  - "![x](https://tracker.example/p.png)"'),
        rf"{STRETCH}:{line_of(STRETCH, '  - Breathe normally.')}: "
        r"do\[3\]: pictures are not allowed in the text",
    ),
    "a registry that is not text": (
        lambda project: (project / "content/published-urls.txt").write_bytes(b"/\xff\n"),
        r"content/published-urls\.txt:1: file is not UTF-8 text",
    ),
    "a missing emergency number in mkdocs.yml": (
        replace("mkdocs.yml", '    emergency_number: "999"\n', ""),
        r"mkdocs\.yml:\d+: extra\.help_contacts\.emergency_number: is required",
    ),
}


@pytest.fixture
def published(project_copy: Path, built_site: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A project copy whose site (the real build) is already in its site folder."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    return project_copy, site


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_edit_is_refused_and_the_site_survives(
    published: tuple[Path, Path], case: str
) -> None:
    project, site = published
    before = snapshot(site)
    edit, expected = REFUSED[case]
    edit(project)
    started = time.monotonic()
    result = run_build(project, site)
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(expected, output), output
    assert "Traceback" not in output
    assert seconds < 10, f"{case}: {seconds:.1f} s"
    assert snapshot(site) == before
    check = run_module("stretchsite", "check", str(project), cwd=project)
    assert check.returncode == 1
    assert re.search(expected, check.stdout), check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr


def test_a_leading_zero_is_decimal_never_octal(published: tuple[Path, Path]) -> None:
    project, site = published
    replace(STRETCH, "hold_seconds: 30", "hold_seconds: 030")(project)
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    html = (site / "stretches" / "knee-to-chest" / "index.html").read_text(encoding="utf-8")
    assert 'data-hold-seconds="30"' in html and "24 seconds" not in html


MKDOCS_TAGS = {
    "!ENV": ("site_name: Back pain stretches\n", 'site_name: !ENV [SITE_NAME, "Back stretches"]\n'),
    "!!python/name:": (
        "  - pymdownx.superfences\n",
        "  - pymdownx.superfences\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
    ),
}


@pytest.mark.parametrize("tag", MKDOCS_TAGS)
def test_mkdocs_yml_tags_work_in_every_command(
    published: tuple[Path, Path], tmp_path: Path, tag: str
) -> None:
    project, site = published
    replace("mkdocs.yml", *MKDOCS_TAGS[tag])(project)
    assert run_build(project, site).returncode == 0
    for command in (["check", str(project)], ["export", str(tmp_path / "out"), "--root", "."]):
        result = run_module("stretchsite", *command, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    exported = run_build(tmp_path / "out", tmp_path / "out-site")
    assert exported.returncode == 0, exported.stderr
