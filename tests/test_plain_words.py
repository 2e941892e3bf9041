"""Words a patient may not know are explained where a patient page first uses them, "JavaScript"
is never on a patient page, and each problem names the file and line to change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_readability import built_patient_pages

from conftest import edit
from stretchsite.checks.plain_words import (
    HARD_WORDS,
    SITE_NOTICE,
    findings,
    plain_words_problems,
)
from stretchsite.checks.readability import page_text
from stretchsite.commands.check import all_problems

STRETCH = """\
title: Pelvic tilt
why_it_helps: >-
  This stretch eases a stiff lower back. It moves your
  pelvis gently, and can help your posture.
"""
PAGE = """\
---
title: Pelvic tilt
---

# Pelvic tilt

This stretch eases a stiff lower back. It moves your pelvis gently, and can help your posture.
"""


def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "stretches").mkdir(parents=True)
    (tmp_path / "content" / "stretches" / "pelvic-tilt.yml").write_text(STRETCH)
    return tmp_path


def problems_on(root: Path, page: str, path: str = "content/stretches/pelvic-tilt.yml") -> list:
    return plain_words_problems(root, [(path, "stretches/pelvic-tilt.md", page)])


def test_an_unexplained_word_is_found_at_its_file_and_line(tmp_path: Path) -> None:
    problems = problems_on(project(tmp_path), PAGE)
    assert [(p.path, p.line) for p in problems] == [
        ("content/stretches/pelvic-tilt.yml", 4),
        ("content/stretches/pelvic-tilt.yml", 4),
    ]
    pelvis, posture = sorted(problems, key=lambda p: "posture" in p.rule)
    assert pelvis.rule == (
        'page stretches/pelvic-tilt.md: "pelvis" is not explained where the patient first reads '
        'it ("…lower back. It moves your pelvis gently, and can help your…"); explain '
        'it right there, for example "pelvis (the ring of bones between your hips)"'
    )
    assert 'for example "the way you stand and sit (your posture)"' in posture.rule


@pytest.mark.parametrize(
    "sentence",
    [
        "It moves your pelvis (the ring of bones between your hips) gently.",
        "It helps the way you stand and sit (your posture).",
        "Call 999 or go to A&E (the emergency department at a hospital) now.",
        "See a GP (your family doctor) if it does not get better.",
        "Ask a physiotherapist (a health worker who helps you move better).",
        "Write down your symptoms (what you feel, like pain or tingling).",
        "Do not try to run before you can walk.",  # no hard word at all
        "Tell your gp.",  # "gp" in lower case is not the abbreviation
    ],
)
def test_an_explained_word_passes(tmp_path: Path, sentence: str) -> None:
    page = f"# Pelvic tilt\n\n{sentence}\n"
    assert problems_on(project(tmp_path), page) == []


def test_only_the_first_use_must_be_explained() -> None:
    explained_first = "See a GP (your family doctor).\n\nYour GP can help."
    assert findings(page_text(f"<p>{explained_first}</p>")) == []
    explained_later = "<p>Your GP can help.</p><p>See a GP (your family doctor).</p>"
    [late] = findings(page_text(explained_later))
    assert late.rule.startswith('"GP" is not explained where the patient first reads it')


def test_headings_count_as_first_use() -> None:
    html = "<h2>See a GP if</h2><ul><li>it hurts</li></ul><p>A GP (your family doctor).</p>"
    assert [f.rule[:4] for f in findings(page_text(html))] == ['"GP"']


def test_every_suggested_explanation_passes() -> None:
    for word in HARD_WORDS:
        assert word.regex.search(word.explanation), word.word
        assert findings(word.explanation) == [], word.word


def test_javascript_is_flagged(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    page = (
        "# Your routine\n\n"
        '<div id="routine-view">\n<p class="no-script">This page needs JavaScript to show '
        "your routine.</p>\n</div>\n"
    )
    (docs / "my-routine.md").write_text(page)
    problems = plain_words_problems(tmp_path, [("docs/my-routine.md", "my-routine.md", page)])
    assert [(p.path, p.line) for p in problems] == [("docs/my-routine.md", 4)]
    assert problems[0].rule.startswith(
        'page my-routine.md: "JavaScript" is a word patients do not know; say what the patient '
        "can do instead"
    )
    assert [f.rule[:12] for f in findings("Turn on Javascript or java script.")] == [
        '"Javascript"',
        '"java script',
    ]


def test_clinician_pages_are_exempt(tmp_path: Path) -> None:
    page = "# Routine builder\n\nThe builder needs JavaScript. Ask the patient's GP.\n"
    for_clinicians = f"---\naudience: clinicians\n---\n\n{page}"
    triple = ("docs/routine-builder.md", "routine-builder.md")
    assert len(plain_words_problems(tmp_path, [(*triple, page)])) == 2
    assert plain_words_problems(tmp_path, [(*triple, for_clinicians)]) == []


def test_the_safety_notice_is_checked_once(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "safety.yml").write_text(
        "site_notice: >-\n  Stop if it hurts. See a GP if\n  it does not get better.\n"
    )
    notice = "Stop if it hurts. See a GP if it does not get better."
    [problem] = plain_words_problems(tmp_path, [], notice)
    assert (problem.path, problem.line) == ("content/safety.yml", 2)
    assert problem.rule.startswith(f'{SITE_NOTICE}: "GP" is not explained')


def test_one_source_line_on_many_pages_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "safety.yml").write_text("text: Then talk to your physiotherapist.\n")
    page = "# Stretch\n\nThen talk to your physiotherapist.\n"
    pages = [(f"content/stretches/s{i}.yml", f"stretches/s{i}.md", page) for i in range(5)]
    [problem] = plain_words_problems(tmp_path, pages)
    assert (problem.path, problem.line) == ("content/safety.yml", 1)
    assert problem.rule.startswith(
        "pages stretches/s0.md, stretches/s1.md, stretches/s2.md and 2 more: "
    )


def test_help_contacts_are_checked_as_the_page_shows_them(project_copy: Path) -> None:
    """A&E and GP come into pages from mkdocs.yml: the rendered page is checked, and the
    problem points at mkdocs.yml."""
    edit(project_copy, "mkdocs.yml", "A&E (the emergency department at a hospital)", "A&E")
    edit(project_copy, "mkdocs.yml", "a GP (your family doctor)", "a GP")
    lines = (project_copy / "mkdocs.yml").read_text().splitlines()
    place = next(n for n, line in enumerate(lines, 1) if "emergency_place:" in line)
    contact = next(n for n, line in enumerate(lines, 1) if "routine_contact:" in line)
    problems = [
        p for p in all_problems(project_copy, dt.date(2027, 6, 1)) if p.path == "mkdocs.yml"
    ]
    assert {(p.line, p.rule.split(": ", 1)[1][:5]) for p in problems} == {
        (place, '"A&E"'),
        (contact, '"GP" '),
    }
    assert all(p.rule.startswith("pages stretches/") for p in problems)  # every page shows it


@pytest.mark.build
def test_built_patient_pages_use_plain_words(built_site: Path) -> None:
    found = []
    for page, html_file in built_patient_pages(built_site):
        text = page_text(html_file.read_text(encoding="utf-8"))
        found += [f"{page}: {finding.rule}" for finding in findings(text)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    "sentence",
    [
        "See a GP (or call 111) if it does not get better.",
        "Ask a physiotherapist (if you can).",
        "Write down your symptoms (see below).",
        "Rest your pelvis (2 weeks).",
        "Ask a physiotherapist (GP).",
    ],
)
def test_brackets_that_do_not_explain_the_word_are_refused(tmp_path: Path, sentence: str) -> None:
    page = f"# Pelvic tilt\n\n{sentence}\n"
    assert len(problems_on(project(tmp_path), page)) >= 1
