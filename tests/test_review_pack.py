"""The clinical review pack: every patient page, decision and pending red flag, and a sign-off box.

Built from a copy of the project with fixture decisions and a fixture red flag, so the tests do
not depend on what content/decisions.yml holds today.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from pathlib import Path

import pytest

from conftest import copy_project, edit
from stretchsite.build import ContentBuild, content_build
from stretchsite.commands import review_pack
from stretchsite.content.library import inspect_library

TODAY = dt.date.today()
DECISIONS = """\
decisions:
  fixture-hold-time:
    about: "Fixture: how long to hold"
    files:
      - content/stretches/knee-to-chest.yml
    decision: The fixture decision says to hold each stretch for 30 seconds.
    why: The fixture reason is that the source gives no time.
    sources:
      - title: Fixture source
        publisher: NHS inform
        url: https://www.nhsinform.scot/
  fixture-signed:
    about: "Fixture: a decision already signed off"
    files:
      - content/safety.yml
      - content/tips.yml
    decision: The second fixture decision changes the tips.
    why: The second fixture reason.
    status: signed-off
"""
RED_FLAG_TEXT = "fixture sign that waits for a clinician, call {urgent_number}"
RED_FLAG_WHY = "The fixture reason this sign should be on the list."
RED_FLAG = f"""\
  routine:
    awaiting_sign_off:
      - text: {RED_FLAG_TEXT}
        why: {RED_FLAG_WHY}
"""


def copy_of_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return copy_project(folder)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_of_project(tmp_path_factory.mktemp("pack") / "project")
    (root / "content" / "decisions.yml").write_text(DECISIONS, encoding="utf-8")
    edit(root, "content/safety.yml", "  routine:\n", RED_FLAG)
    return root


@pytest.fixture(scope="module")
def content(project: Path) -> ContentBuild:
    built, problems = content_build(project, TODAY)
    assert built is not None and built.library is not None, problems
    return built


@pytest.fixture(scope="module")
def pack(content: ContentBuild) -> str:
    return review_pack.pack_html(content, TODAY)


def text(value: str) -> str:
    """Plain text as it appears in the pack's HTML."""
    return html.escape(value, quote=False)


def test_the_pack_holds_every_stretch_step_and_picture(content: ContentBuild, pack: str) -> None:
    library = content.library
    assert library is not None and library.stretches
    for slug, stretch in library.stretches.items():
        assert text(stretch.title) in pack, slug
        for step in stretch.steps:
            assert text(step) in pack, (slug, step)
    for svg in content.picture_files().values():  # the start and end of each stretch
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        assert f"data:image/svg+xml;base64,{data}" in pack
    # Every page the build renders is in it: generated pages and the hand-written ones.
    assert pack.count('<article class="page-part"') == len(content.pages) + len(content.docs)
    for src_uri, page in content.pages.items():
        assert f"<strong>Content file:</strong> {page.plan.edit_path}" in pack, src_uri
    for src_uri in content.docs:
        assert f"<strong>Content file:</strong> {content.shown_docs[src_uri]}" in pack, src_uri
    assert "assets/illustrations/" not in pack  # pictures are in the file, not linked


def test_the_pack_holds_each_decision(content: ContentBuild, pack: str) -> None:
    decisions = content.library.decisions if content.library else {}
    assert list(decisions) == ["fixture-hold-time", "fixture-signed"]
    for decision in decisions.values():
        for value in (decision.about, decision.decision, decision.why, *decision.files):
            assert text(value) in pack, value
    assert "Fixture source (NHS inform)" in pack
    assert "Awaiting sign-off" in pack and "Signed off" in pack


def test_the_pack_holds_each_pending_red_flag_with_its_tier(pack: str) -> None:
    filled = RED_FLAG_TEXT.replace("{urgent_number}", "111")
    assert text(filled) in pack
    assert text(RED_FLAG_WHY) in pack
    row = rf"<td>R\d+\. {re.escape(review_pack.TIERS['routine'])}: {re.escape(filled)}</td>"
    assert re.search(row, pack[pack.index('id="sign-off"') :])  # its tick row in the sign-off
    assert "{urgent_number}" not in pack


def test_the_pack_ends_with_a_sign_off_box(pack: str) -> None:
    sign_off = pack[pack.index('id="sign-off"') :]
    for field in ("Reviewer's name", "Profession", "Professional registration number", "Date"):
        assert f"<th>{field}" in sign_off, field
    assert '<th>Signature</th><td class="signature"></td>' in sign_off
    assert "D1. Fixture: how long to hold" in sign_off
    assert "D2. Fixture: a decision already signed off" in sign_off
    assert sign_off.count('<span class="tick"></span>Agree') == 2
    assert sign_off.count('<span class="tick"></span>Change') == 2
    assert "review.reviewer" in pack and "registration" in pack  # how a sign-off is published


def test_the_pack_shows_each_page_review_status(project: Path, tmp_path: Path) -> None:
    copy = copy_of_project(tmp_path / "project")
    (copy / "content" / "decisions.yml").unlink(missing_ok=True)  # optional: none is fine
    edit(
        copy,
        "content/tips.yml",
        "\n  reviewer:\n",
        "\n  reviewer:\n    registration: HCPC PH123456\n",
    )
    built, problems = content_build(copy, TODAY)
    assert built is not None and built.library is not None, problems
    assert built.library.decisions == {}
    pack = review_pack.pack_html(built, TODAY)
    assert "(HCPC PH123456)" in pack
    unchecked = len(built.library.stretches) + len(built.library.routines) + 1  # and safety.yml
    assert pack.count('<span class="status-unchecked">') == 2 * unchecked  # table and page heads
    assert "There are no content decisions" in pack


def test_decisions_are_checked_with_file_and_line(tmp_path: Path) -> None:
    root = copy_of_project(tmp_path / "project")
    bad = DECISIONS.replace("    status: signed-off", "    status: maybe")
    (root / "content" / "decisions.yml").write_text(bad, encoding="utf-8")
    library, problems = inspect_library(root)
    shown = [str(p) for p in problems if p.path == "content/decisions.yml"]
    assert library is None
    assert any(
        line.startswith("content/decisions.yml:19: decisions.fixture-signed.status:")
        for line in shown
    ), shown


def test_decisions_name_files_that_exist(tmp_path: Path) -> None:
    root = copy_of_project(tmp_path / "project")
    bad = DECISIONS.replace("content/tips.yml", "content/no-such-file.yml")
    (root / "content" / "decisions.yml").write_text(bad, encoding="utf-8")
    library, problems = inspect_library(root)
    assert library is not None, "a stale file name warns; it does not stop a rename"
    assert [str(p) for p in problems if p.path == "content/decisions.yml"] == [
        "content/decisions.yml:16: warning: decisions.fixture-signed.files[2]: no file called "
        '"content/no-such-file.yml" in the project (renamed or removed?); name it like '
        "content/tips.yml"
    ]


def test_without_chromium_the_pack_says_so_plainly(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pack"
    missing = tmp_path / "no-chromium-here"
    assert review_pack.run(project, out, TODAY, chromium=missing) == 1
    said = capsys.readouterr()
    assert "Chromium is missing" in said.err and "make browser" in said.err
    assert "Traceback" not in said.out + said.err
    assert (out / review_pack.HTML_NAME).is_file()
    assert not (out / review_pack.PDF_NAME).exists()


@pytest.mark.browser
def test_the_pack_prints_to_a_real_pdf_of_several_pages(project: Path, tmp_path: Path) -> None:
    if review_pack.find_chromium() is None:
        pytest.skip("Chromium is not installed (make browser)")
    out = tmp_path / "pack"
    assert review_pack.run(project, out, TODAY) == 0
    pdf = (out / review_pack.PDF_NAME).read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert review_pack.pdf_pages(pdf) > 1
