"""The Spanish site in a browser: a language menu that keeps the page, hreflang pairs, and a
clinician's routine link in the patient's language, on screen and on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from .conftest import indexed_pages
from .paper import printed_sides

pytestmark = pytest.mark.browser
SITE = "https://stretches.example.org/"  # site_url in mkdocs.yml


def choose_language(page: Page, name: str) -> None:
    """As a reader does: open the language menu in the header, pick a language."""
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=name, exact=True).click()


@pytest.mark.parametrize(
    "path", ["/", "/stretches/knee-to-chest/", "/routines/", "/when-to-get-help/", "/tips/"]
)
def test_the_language_menu_lands_on_the_same_page(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    english_title = page.locator("h1").inner_text()
    choose_language(page, "Español")
    expect(page).to_have_url(site_url + "/es" + path)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.locator("h1").inner_text() != english_title
    choose_language(page, "English")
    expect(page).to_have_url(site_url + path)
    expect(page.locator("h1")).to_have_text(english_title)


def test_every_page_and_its_translation_name_each_other(built_site: Path) -> None:
    """hreflang pairs, in each language's sitemap: every page names itself and its other
    language, that page names it back, and the English page is the default."""
    entry = re.compile(r"<url>\s*<loc>([^<]+)</loc>(.*?)</url>", re.S)
    alternate = re.compile(r'<xhtml:link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"/>')
    named = {}
    for sitemap in ("sitemap.xml", "es/sitemap.xml"):
        for loc, links in entry.findall((built_site / sitemap).read_text(encoding="utf-8")):
            named[loc] = dict(alternate.findall(links))
    pages = [SITE + path.lstrip("/") for path in indexed_pages(built_site)]
    assert sorted(named) == sorted(pages)
    assert sum("/es/" in loc for loc in named) * 2 == len(named)  # every page in both
    for loc, links in named.items():
        english = loc.replace(f"{SITE}es/", SITE)
        assert links == {
            "en": english,
            "es": english.replace(SITE, f"{SITE}es/"),
            "x-default": english,
        }
        assert named[links["es"]] == named[links["en"]] == links  # each names the other back


def test_a_routine_link_in_spanish_opens_prints_and_scans_in_spanish(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        builder = context.new_page()
        builder.goto(site_url + "/routine-builder/#v=2&s=knee-to-chest:30:5-10:3")
        builder.get_by_label("Language of the patient's page").select_option(label="Español")
        link = builder.get_by_label("Link for your patient").input_value()
        assert link == site_url + "/es/my-routine/#v=2&s=knee-to-chest:30:5-10:3"
        with context.expect_page() as opened:
            builder.get_by_role("link", name="Open the patient page to print it").click()
        patient = opened.value
        expect(patient.locator(".routine-stretch h2")).to_have_text(
            ["1. Estiramiento de rodilla al pecho"]
        )
        expect(patient.locator(".dose-box").first).to_contain_text("30 segundos")
        expect(patient.get_by_role("button", name="Imprimir esta rutina")).to_be_visible()
        sides = printed_sides(patient.pdf(format="A4"))
        [code] = [code for side in sides for code in side.qr_codes]
        assert code.text == link
        paper = " ".join(side.text for side in sides)
        assert "Escanee el código para abrir esta rutina" in paper
        assert "Llame al 999" in paper
    finally:
        context.close()


def test_the_spanish_builder_speaks_spanish_and_links_either_language(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "/es/routine-builder/#v=2&s=hip-stretch:30:5-10:3")
    expect(page.get_by_role("heading", name="1. Elija los estiramientos")).to_be_visible()
    field = page.get_by_label("Idioma de la página del paciente")
    expect(field).to_have_value("es")
    link = page.locator("#rb-link")
    expect(link).to_have_value(site_url + "/es/my-routine/#v=2&s=hip-stretch:30:5-10:3")
    field.select_option("en")
    expect(link).to_have_value(site_url + "/my-routine/#v=2&s=hip-stretch:30:5-10:3")


def test_the_builder_refuses_a_stretch_the_patients_language_lacks(
    page: Page, site_url: str
) -> None:
    def without_hip(route: Route) -> None:
        library = route.fetch().json()
        library["stretches"] = [s for s in library["stretches"] if s["slug"] != "hip-stretch"]
        route.fulfill(json=library)

    page.route("**/es/assets/routine-library.json", without_hip)
    page.goto(site_url + "/routine-builder/#v=2&s=hip-stretch:30:5-10:3")
    expect(page.locator(".rb-qr svg")).to_be_visible()
    page.get_by_label("Language of the patient's page").select_option(label="Español")
    expect(page.locator(".rb-summary")).to_contain_text(
        "Hip stretch is not yet in Español: choose another language, or remove it."
    )
    expect(page.locator(".rb-qr svg")).to_have_count(0)
    page.get_by_label("Language of the patient's page").select_option(label="English")
    expect(page.locator(".rb-qr svg")).to_be_visible()
