"""Every patient page reads at grade 8 or lower (Flesch-Kincaid) and SMOG 10 or lower."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchsite.checks.readability import main_text, score

pytestmark = pytest.mark.build
SEED = Path(__file__).parent / "fixtures" / "seed-stretching-for-back-pain.txt"  # the source text


def test_every_page_is_plain_enough(built_site: Path) -> None:
    too_hard = []
    for html_file in sorted(built_site.rglob("index.html")):
        text = main_text(html_file.read_text(encoding="utf-8"))
        if not text:
            continue
        result = score(text)
        page = "/" + html_file.parent.relative_to(built_site).as_posix().strip(".") + "/"
        if not result.plain_enough:
            too_hard.append(f"{page.replace('//', '/')}: {result}")
    assert too_hard == [], "pages above grade 8 or SMOG 10:\n" + "\n".join(too_hard)


def test_the_scorer_flags_the_seed_text_as_too_hard() -> None:
    result = score(SEED.read_text(encoding="utf-8"))
    assert not result.plain_enough
    assert result.grade > 10


def test_main_text_leaves_out_chrome_and_review_footer() -> None:
    html = (
        "<nav>Menu words</nav><article><h1>Knee</h1><p>Lie down</p>"
        '<div class="page-review"><p>Reviewed by someone</p></div>'
        '<div class="stretch-timer"><p>Hold</p></div><ul><li>Bend your knee</li></ul></article>'
    )
    assert main_text(html) == "Knee.\nLie down.\nBend your knee."
