"""Every patient page's prose reads at grade 6 or lower (Flesch-Kincaid) and SMOG 9 or lower;
headings, table cells, labels and the like are not scored as sentences; clinician pages are
not scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from stretchsite.checks.readability import (
    MAX_GRADE,
    MAX_SMOG,
    Score,
    is_patient_page,
    page_html,
    prose,
    readability_problems,
    score,
)
from stretchsite.languages import translation_folders

SEED = Path(__file__).parent / "fixtures" / "seed-stretching-for-back-pain.txt"  # the source text
# Three long sentences in everyday words: grade 7.3, under the old target of 8, over 6.
LONG_SENTENCES = (
    "When your back feels stiff in the morning, lie on the bed for a few minutes and then slowly "
    "bend both of your knees up to your chest. If the pain is still there after you have walked "
    "around the room for a while, sit down on a firm chair and rest for a bit. Most people find "
    "that their back feels a little better each day when they keep moving and do their stretches "
    "gently."
)
SHORT_SENTENCES = (
    "Is your back stiff in the morning? Lie on the bed for a few minutes. Then slowly bend your "
    "knees up to your chest. Is the pain still there? Sit on a firm chair and rest. Keep moving "
    "each day, and stretch gently."
)


def prose_of(page_markdown: str) -> list[str]:
    return prose(page_html(page_markdown)).splitlines()


NOT_FOR_PATIENTS = '<meta name="robots" content="noindex">'


def built_patient_pages(site: Path) -> list[tuple[str, Path]]:
    """(address, HTML file) of each built English page but the clinician pages in docs/
    (other languages are scored with their own formula: tests/test_languages.py)."""
    pages = []
    others = translation_folders(ROOT)
    for html_file in sorted(site.rglob("index.html")):
        folder = html_file.parent.relative_to(site).as_posix().strip(".")
        if folder.split("/")[0] in others:
            continue
        sources = [ROOT / "docs" / f"{folder}.md", ROOT / "docs" / folder / "index.md"]
        source = next((s for s in sources if folder and s.is_file()), None)
        if NOT_FOR_PATIENTS in html_file.read_text(encoding="utf-8"):
            continue  # the editors' picture gallery, and redirect pages
        if source is None or is_patient_page(source.read_text(encoding="utf-8")):
            pages.append((f"/{folder}/".replace("//", "/"), html_file))
    return pages


@pytest.mark.build
def test_every_patient_page_is_plain_enough(built_site: Path) -> None:
    too_hard = []
    for page, html_file in built_patient_pages(built_site):
        result = score(prose(html_file.read_text(encoding="utf-8")))
        if result.words and not result.plain_enough:
            too_hard.append(f"{page}: {result}")
    assert too_hard == [], "pages above grade 6 or SMOG 9:\n" + "\n".join(too_hard)


def test_the_targets_are_grade_6_and_smog_9() -> None:
    assert (MAX_GRADE, MAX_SMOG) == (6, 9)
    assert Score(grade=6.0, smog=9.0, words=100).plain_enough
    assert not Score(grade=6.1, smog=5.0, words=100).plain_enough
    assert not Score(grade=4.0, smog=9.1, words=100).plain_enough


def test_the_scorer_flags_the_seed_text_as_too_hard() -> None:
    result = score(SEED.read_text(encoding="utf-8"))
    assert not result.plain_enough
    assert result.grade > 10


def test_a_paragraph_of_long_sentences_fails_grade_6() -> None:
    long_page = f"# Mornings\n\n{LONG_SENTENCES}\n"
    assert MAX_GRADE < score(LONG_SENTENCES).grade <= 8  # passed the old target; fails the new
    problems = readability_problems([("content/tips.yml", "tips.md", long_page)])
    assert [(p.path, p.line) for p in problems] == [("content/tips.yml", 1)]
    assert problems[0].rule.startswith("page tips.md is too hard to read (Flesch-Kincaid grade 7")
    assert "aim for grade 6 and SMOG 9 or lower" in problems[0].rule
    short_page = f"# Mornings\n\n{SHORT_SENTENCES}\n"
    assert readability_problems([("content/tips.yml", "tips.md", short_page)]) == []


def test_headings_are_not_counted() -> None:
    page = "# Knee to chest\n\n## How much to do\n\nLie on your back.\n\n### Do\n"
    assert prose_of(page) == ["Lie on your back."]


def test_table_cells_are_not_counted() -> None:
    page = (
        "Lie on your back.\n\n"
        "| What to do | How much |\n| --- | --- |\n| **Hold** | 30 seconds |\n"
        "| **Repeat** | 5 to 10 times |\n\n"
        "<table><tr><td><p>Hold</p></td><td><p>30 seconds</p></td></tr></table>\n"
    )
    assert prose_of(page) == ["Lie on your back."]


def test_labels_are_not_counted() -> None:
    page = (
        "**Start position:** Lie on your back.\n\n"
        "**Take care:**\n\n"
        "- If you are pregnant, ask your midwife first.\n\n"
        "Note: Go slowly.\n\n"
        "It works on:\n\n"
        "- Muscles of your lower back\n\n"
        "**Stop if:** it hurts.\n\n"
        "- **[Hip stretch](hip-stretch.md)**: Stretch the outside of your hip.\n"
        "- [Knee to chest](knee-to-chest.md): Pull one knee to your chest.\n"
    )
    assert prose_of(page) == [
        "Lie on your back.",
        "If you are pregnant, ask your midwife first.",
        "Go slowly.",
        "Muscles of your lower back.",
        "it hurts.",
        "Stretch the outside of your hip.",
        "Pull one knee to your chest.",
    ]


def test_bold_sentences_and_long_lead_ins_are_prose() -> None:
    page = (
        "**Then repeat on the other side.**\n\n"
        "Ask for an urgent appointment if you have back pain and:\n\n- a high temperature\n"
    )
    assert prose_of(page) == [
        "Then repeat on the other side.",
        "Ask for an urgent appointment if you have back pain and.",
        "a high temperature.",
    ]


def test_timer_captions_buttons_print_address_and_review_footer_are_not_counted() -> None:
    page = (
        '<figure class="stretch-figure" markdown>\n'
        "![A person lies on their back.](knee.svg)\n"
        '<figcaption aria-hidden="true">A person lies on their back.</figcaption>\n'
        "</figure>\n\n"
        "Bend your knee.\n\n"
        '<div class="stretch-timer" data-hold-seconds="30">\n'
        '<p class="stretch-timer__fallback">Hold for 30 seconds.</p>\n</div>\n\n'
        "[More about the knee to chest stretch](knee-to-chest.md)\n\n"
        '<p><button type="button">Start</button></p>\n\n'
        '<div class="print-address"><p>Scan the code, or go to:<br>'
        "<strong>https://example.org/</strong></p></div>\n\n"
        '<div class="page-review" markdown>\n\n'
        '<p class="review-by"><strong>Reviewed by:</strong> Jane Smith (physiotherapist)</p>\n\n'
        "**Sources:**\n\n- [Back pain](https://www.nhs.uk/) (NHS)\n\n</div>\n"
    )
    assert prose_of(page) == ["Bend your knee."]


def test_a_list_item_is_a_sentence_and_a_line_break_ends_one() -> None:
    page = "- chest pain\n- pain in both legs\n\nLie down.<br>\nHold 30 seconds\n"
    assert prose_of(page) == ["chest pain.", "pain in both legs.", "Lie down.", "Hold 30 seconds."]


def test_a_whole_page_is_read_from_its_article_only() -> None:
    html = (
        "<nav>Menu words</nav><header><p>Site notice</p></header>"
        "<article><h1>Knee</h1><p>Lie down</p><ul><li>Bend your knee</li></ul></article>"
        "<footer><p>Copyright</p></footer>"
    )
    assert prose(html) == "Lie down.\nBend your knee."


def test_clinician_pages_are_exempt() -> None:
    hard = f"# Routine builder\n\n{LONG_SENTENCES}\n"
    for_clinicians = f"---\ntitle: Routine builder\naudience: clinicians\n---\n\n{hard}"
    for_patients = f"---\ntitle: Routine builder\n---\n\n{hard}"
    assert readability_problems([("docs/routine-builder.md", "routine-builder.md", hard)])
    assert readability_problems([("docs/x.md", "x.md", for_patients)])
    assert readability_problems([("docs/x.md", "x.md", for_clinicians)]) == []
    assert not is_patient_page(for_clinicians)


def test_an_unknown_audience_is_a_problem() -> None:
    page = "---\naudience: doctors\n---\n\nLie down.\n"
    problems = readability_problems([("docs/x.md", "x.md", page)])
    assert [str(p) for p in problems] == [
        "docs/x.md:1: audience: must be patients or clinicians (found 'doctors')"
    ]
