"""Languages: a Spanish site from translations that hold only words, never a dose, and never go
stale silently."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import stretchsite.pages.strings as strings_module
from conftest import ROOT, run_build, run_check
from stretchsite.build import content_build
from stretchsite.checks.readability import readability_problems
from stretchsite.checks.spelling import spelling_problems
from stretchsite.cli import main as cli_main
from stretchsite.content.translations import ENGLISH_ONLY, changed_fields, record_of, words
from stretchsite.content.yamlsource import read_yaml
from stretchsite.pages.strings import strings

pytestmark = pytest.mark.build
TODAY = dt.date(2026, 12, 2)
KNEE = "content/stretches/knee-to-chest.yml"
KNEE_ES = "content/es/stretches/knee-to-chest.yml"
ROUTINE = "routines/four-stretches-for-lower-back-pain"
CATALOGUE_FOLDER = "hooks/stretchsite/pages/strings"


def edit(project: Path, name: str, old: str, new: str) -> None:
    file = project / name
    text = file.read_text(encoding="utf-8")
    assert old in text, (name, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_links_to_english(html: str, path: str) -> None:
    assert "Esta página todavía no está en español. Puede leerla en inglés." in html
    depth = "../" * (path.count("/") + 2)
    assert f'href="{depth}{path}/" hreflang="en">Léala en inglés</a>' in html


def says(lines: list[str], file: str, words: str) -> bool:
    """Whether the check's output has a line about `file` with `words` in it."""
    return any(line.startswith(f"{file}:") and words in line for line in lines)


def es_page(site: Path, path: str) -> str:
    return (site / "es" / path / "index.html").read_text(encoding="utf-8")


def test_every_english_file_has_its_spanish_words() -> None:
    """The Spanish site is whole: each file translates every English field, no more."""
    for english in sorted((ROOT / "content").glob("**/*.yml")):
        relative = english.relative_to(ROOT / "content")
        kind = relative.parts[0].removesuffix(".yml")
        if kind not in ENGLISH_ONLY:
            continue
        spanish, _ = read_yaml(ROOT / "content" / "es" / relative, str(relative))
        english_doc, _ = read_yaml(english, str(relative))
        assert spanish is not None and english_doc is not None, relative
        given = {k: v for k, v in spanish.data.items() if k != "translated_from"}
        assert (
            words(given, frozenset()).keys() == words(english_doc.data, ENGLISH_ONLY[kind]).keys()
        )


def test_the_spanish_catalogue_has_every_english_key_and_placeholder() -> None:
    names = re.compile(r"\{(\w+)\}")

    def compare(english: object, spanish: object, where: str) -> None:
        if isinstance(english, dict):
            assert isinstance(spanish, dict) and english.keys() == spanish.keys(), where
            for key in english:
                compare(english[key], spanish[key], f"{where}.{key}")
        else:
            assert set(names.findall(str(english))) == set(names.findall(str(spanish))), where

    compare(strings("en").entries, strings("es").entries, "strings")


def test_a_changed_english_step_marks_the_spanish_file_stale_until_it_is_updated(
    project_copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    edit(project_copy, KNEE, "Stop when you feel a gentle stretch", "Stop when you feel a stretch")
    _, lines = run_check(project_copy, capsys, TODAY)
    stale = [line for line in lines if line.startswith(KNEE_ES)]
    assert len(stale) == 1
    assert "warning: translated from an older English version; changed: steps[3]" in stale[0]
    site = tmp_path / "site"
    assert run_build(project_copy, site).returncode == 0
    notice = "Esta página se tradujo de una versión anterior de la página en inglés."
    assert notice in es_page(site, "stretches/knee-to-chest")
    assert notice not in es_page(site, "stretches/hip-stretch")
    # The translator updates the words, then records that they follow today's English.
    assert cli_main(["translated", "--root", str(project_copy), str(project_copy / KNEE_ES)]) == 0
    _, lines = run_check(project_copy, capsys, TODAY)
    assert not [line for line in lines if line.startswith(KNEE_ES)]


def test_a_changed_list_is_named_item_by_item_or_whole() -> None:
    then = {("steps", i): f"Step {i}" for i in range(5)} | {("title",): "Knee to chest"}
    recorded = record_of(then)
    reworded = dict(then) | {("steps", 2): "Step two, slowly"}
    assert changed_fields(recorded, reworded) == ["steps[3]"]
    longer = dict(then) | {("steps", 5): "Step 5"}
    assert changed_fields(recorded, longer) == ["steps"]
    retitled = dict(then) | {("title",): "Knee hug"}
    assert changed_fields(recorded, retitled) == ["title"]
    assert changed_fields(recorded, then) == []


def test_an_english_item_with_no_translation_leaves_the_spanish_page_out(
    project_copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """English can change without waiting for a translator: until the Spanish is translated
    again, its page says so and links to the English page."""
    edit(project_copy, KNEE, "  - Breathe normally.\n", "  - Breathe normally.\n  - Go slowly.\n")
    code, lines = run_check(project_copy, capsys, TODAY)
    assert code == 0
    assert says(
        lines,
        KNEE_ES,
        "warning: do[4]: is missing: translate the English again (the page is left out",
    ), lines
    site = tmp_path / "site"
    assert run_build(project_copy, site).returncode == 0
    assert_links_to_english(es_page(site, "stretches/knee-to-chest"), "stretches/knee-to-chest")


def test_the_english_dose_reaches_the_spanish_page_at_once(
    project_copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    edit(project_copy, KNEE, "hold_seconds: 30", "hold_seconds: 45")
    _, lines = run_check(project_copy, capsys, TODAY)
    assert not [line for line in lines if line.startswith(KNEE_ES)]  # a number is not words
    site = tmp_path / "site"
    assert run_build(project_copy, site).returncode == 0
    assert "45 segundos" in es_page(site, "stretches/knee-to-chest")


def test_a_translation_cannot_set_its_own_dose(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project_copy, KNEE_ES, "steps:\n", "hold_seconds: 90\nsteps:\n")
    code, lines = run_check(project_copy, capsys, TODAY)
    assert code == 1
    assert says(
        lines,
        KNEE_ES,
        "hold_seconds: comes from content/stretches/knee-to-chest.yml; remove it here",
    ), lines


def cut(project: Path, name: str, old: str) -> None:
    """Remove a field: its line and every line indented under it."""
    text = (project / name).read_text(encoding="utf-8")
    start = text.index(old)
    indent = len(old) - len(old.lstrip())
    rest = text[start + len(old) :].splitlines(keepends=True)
    kept = 0
    while kept < len(rest) and (
        not rest[kept].strip() or len(rest[kept]) - len(rest[kept].lstrip()) > indent
    ):
        kept += 1
    (project / name).write_text(text[:start] + "".join(rest[kept:]), encoding="utf-8")


def test_safety_text_missing_from_a_translation_stops_the_build_and_names_it(
    project_copy: Path, tmp_path: Path
) -> None:
    cut(project_copy, "content/es/safety.yml", "  stop-if-it-hurts:\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "content/es/safety.yml" in result.stderr
    assert "warnings.stop-if-it-hurts.title: is missing" in result.stderr


def test_a_stretch_whose_cautions_are_missing_is_never_shown_without_them(
    project_copy: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cut(project_copy, KNEE_ES, "cautions:\n")
    _, lines = run_check(project_copy, capsys, TODAY)
    assert says(lines, KNEE_ES, "cautions[1]: is missing"), lines
    site = tmp_path / "site"
    assert run_build(project_copy, site).returncode == 0
    html = es_page(site, "stretches/knee-to-chest")
    assert_links_to_english(html, "stretches/knee-to-chest")
    assert "embarazada" not in html  # no half of the page: none of it


def test_a_translation_keeps_the_sites_phone_numbers(project_copy: Path, tmp_path: Path) -> None:
    """A translator cannot drop the number the site fills in."""
    edit(project_copy, "content/es/safety.yml", "Llame al {emergency_number}", "Llame a urgencias")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "site_notice: must keep {emergency_number}" in result.stderr


def test_words_left_in_english_are_flagged(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = "Slowly pull your right knee towards your chest."
    edit(project_copy, KNEE_ES, "Tire despacio de la rodilla derecha hacia el pecho.", english)
    _, lines = run_check(project_copy, capsys, TODAY)
    assert any(
        line.startswith(f"{KNEE_ES}:") and "warning: steps[2]: is the same as in" in line
        for line in lines
    ), lines


def test_a_language_without_its_safety_file_publishes_nothing(
    project_copy: Path, tmp_path: Path
) -> None:
    (project_copy / "content" / "es" / "safety.yml").unlink()
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "content/es/safety.yml" in result.stderr and "file is missing" in result.stderr


def test_an_untranslated_stretch_is_left_out_with_a_link_to_the_english_page(
    project_copy: Path, tmp_path: Path
) -> None:
    (project_copy / "content" / "es" / "stretches" / "hip-stretch.yml").unlink()
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    # Its Spanish address (and its routine's, as one of its stretches is in English only)
    # says it is not yet in Spanish, and links to the English page.
    for path in ("stretches/hip-stretch", ROUTINE):
        assert_links_to_english(es_page(site, path), path)
    link = '<a href="../../stretches/hip-stretch/" hreflang="en" lang="en">Hip stretch</a>'
    assert f"{link} (en inglés)" in es_page(site, "stretches")
    # The English page offers no Spanish page that does not exist.
    english = (site / "stretches" / "hip-stretch" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="es"' not in english
    assert "/es/stretches/hip-stretch/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_spanish_words_are_not_english_misspellings(project_copy: Path) -> None:
    """codespell reads "hace" as a misspelling of "have": it reads English only."""
    for name in ("docs/es/about.md", "docs/about.md"):
        with (project_copy / name).open("a", encoding="utf-8") as page:
            page.write("\nhace\n")
    flagged = {problem.path for problem in spelling_problems(project_copy)}
    assert flagged == {"docs/about.md"}


def test_spanish_pages_are_scored_with_a_spanish_formula() -> None:
    easy = "Acuéstese boca arriba. Doble las rodillas. Respire con calma."
    hard = (
        "La rehabilitación musculoesquelética requiere consideraciones biomecánicas "
        "extraordinariamente pormenorizadas, especialmente cuando la sintomatología "
        "neurológica concomitante evidencia compromiso radicular."
    )
    pages = [("docs/es/easy.md", "easy.md", easy), ("docs/es/hard.md", "hard.md", hard)]
    problems = readability_problems(pages, "es")
    assert [p.path for p in problems] == ["docs/es/hard.md"]
    assert "Fernández-Huerta" in problems[0].rule


def test_every_spanish_patient_page_reads_fairly_easily() -> None:
    content, problems = content_build(ROOT, TODAY, "mkdocs.es.yml")
    assert content is not None, problems
    pages = [(p.plan.edit_path, p.plan.src_uri, p.markdown) for p in content.pages.values()]
    pages += [(content.shown_docs[uri], uri, text) for uri, text in content.docs.items()]
    english, _ = content_build(ROOT, TODAY)
    assert english is not None
    assert len(pages) == len(english.pages) + len(english.docs)  # every page is in Spanish
    assert readability_problems(pages, "es") == []


def test_spanish_pages_say_their_language_and_their_review_status(
    page_html: Callable[[str], str], built_site: Path
) -> None:
    html = es_page(built_site, "stretches/knee-to-chest")
    assert '<html lang="es"' in html
    assert '<meta property="og:locale" content="es_ES">' in html
    assert '"inLanguage": "es"' in html or '"inLanguage":"es"' in html
    assert "Ningún traductor médico cualificado ha revisado todavía esta traducción." in html
    assert "Llame al 999" in html  # the country's numbers, in the language's words
    english = page_html("stretches/knee-to-chest")
    assert "traductor" not in english
    assert (built_site / "es" / "search" / "search_index.json").is_file()
    assert (built_site / "es" / "sitemap.xml").is_file()


def test_a_new_language_starts_from_the_english_and_says_what_is_left_to_translate(
    project_copy: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cli_main(["new-language", "fr", "Français", "--root", str(project_copy)]) == 0
    # The copy's own catalogues, as its build reads them (its hooks/ folder).
    monkeypatch.setattr(strings_module, "CATALOGUES", project_copy / CATALOGUE_FOLDER)
    strings.cache_clear()
    for made in (
        "mkdocs.fr.yml",
        "content/fr/safety.yml",
        "content/fr/tips.yml",
        "docs/fr/index.md",
    ):
        assert (project_copy / made).is_file(), made
    assert (project_copy / "hooks/stretchsite/pages/strings/fr.yml").is_file()
    _, lines = run_check(project_copy, capsys, TODAY)
    left = [line for line in lines if line.startswith("content/fr/")]
    assert any("no record of the English it was translated from" in line for line in left)
    assert any("is the same as in content/safety.yml: translate it" in line for line in left)
    site = tmp_path / "site"
    assert run_build(project_copy, site).returncode == 0
    # Not yet translated: each stretch's French address says so, and links to English.
    stub = (site / "fr" / "stretches" / "knee-to-chest" / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in stub and 'href="../../../stretches/knee-to-chest/"' in stub
    strings.cache_clear()
