"""A clinician builds a routine; the patient opens, uses and prints it; tampered links fail safe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT
from stretchsite.content.library import load_library
from stretchsite.pages.dose import Dose, routine_minutes
from stretchsite.pages.strings import strings

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def build_routine(page: Page, site_url: str) -> str:
    """As a clinician would: search, add, reorder, set a dose and a note, read the link."""
    page.goto(site_url + "/routine-builder/")
    page.get_by_label("Search the stretches").fill("knee to chest")
    expect(page.locator("#rb-count")).to_have_text("1 stretch found")
    page.get_by_role("button", name="Add Knee to chest stretch").click()
    page.get_by_label("Search the stretches").fill("")
    page.get_by_role("button", name="Add Hip stretch").click()
    page.get_by_role("button", name="Move up Hip stretch").click()
    expect(page.get_by_role("button", name="Move up Hip stretch")).to_be_disabled()
    page.locator("#rb-1-hold").fill("45")  # the knee stretch is second now
    page.get_by_label("Note for the patient about the whole routine (optional)").fill(
        "Do these after your walk."
    )
    link = page.get_by_label("Link for your patient").input_value()
    # Every number is in the link (version 2), so a later change of default cannot change it.
    assert re.search(r"#v=2&s=hip-stretch:30:5-10:\d,knee-to-chest:45:5-10:\d(&|$)", link)
    expect(page.locator(".rb-qr svg")).to_be_visible()
    return link


def test_clinician_to_patient_to_paper(browser: Browser, page: Page, site_url: str) -> None:
    link = build_routine(page, site_url)
    patient = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        view = patient.new_page()
        view.clock.install()
        view.goto(link)
        headings = view.locator(".routine-stretch h2")
        expect(headings).to_have_text(["1. Hip stretch", "2. Knee to chest stretch"])
        expect(view.locator(".routine-note").first).to_contain_text("Do these after your walk.")
        expect(view.locator(".routine-stretch").nth(1).locator(".dose-box")).to_contain_text(
            "45 seconds"
        )
        for image in view.locator(".routine-stretch img").all():
            assert image.get_attribute("alt")
        body = view.content()
        assert body.index("stretch-warning") < body.index("routine-stretch")
        timer = view.locator(".stretch-timer").nth(1)
        expect(timer.locator(".stretch-timer__time")).to_have_text("0:45")
        timer.locator(".stretch-timer__button--main").click()
        view.clock.run_for(10_500)
        expect(timer.locator(".stretch-timer__time")).to_have_text("0:35")
        pdf = view.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        view.emulate_media(media="print")
        expect(view.locator(".print-address svg")).to_be_visible()
        expect(view.locator(".md-header")).to_be_hidden()
    finally:
        patient.close()


def minutes_words(*doses: tuple[int, int, int]) -> str:
    """What the builder should say for two-sided stretches of (hold, fewest, most) repeats, by
    the site's own count (pages/dose.py)."""
    shortest, longest = routine_minutes(
        Dose(hold, least, most, both_sides=True, times_per_day=1, t=strings())
        for hold, least, most in doses
    )
    return f"This routine takes about {shortest} to {longest} minutes each time."


def test_builder_shows_the_total_time_as_the_dose_changes(page: Page, site_url: str) -> None:
    page.goto(site_url + "/routine-builder/")
    total = page.locator(".rb-total")
    expect(total).to_be_hidden()
    page.get_by_role("button", name="Add Knee to chest stretch").click()
    expect(total).to_have_text(minutes_words((30, 5, 10)))
    page.get_by_role("button", name="Add Hip stretch").click()
    expect(total).to_have_text(minutes_words((30, 5, 10), (30, 5, 10)))
    page.locator("#rb-0-hold").fill("60")
    expect(total).to_have_text(minutes_words((60, 5, 10), (30, 5, 10)))
    page.locator("#rb-1-max").fill("20")
    expect(total).to_have_text(minutes_words((60, 5, 10), (30, 5, 20)))
    page.locator("#rb-1-max").fill("")  # no valid dose: no time rather than a wrong one
    expect(total).to_be_hidden()


def test_builder_shows_each_stretchs_cautions(page: Page, site_url: str) -> None:
    library = load_library(ROOT)
    page.goto(site_url + "/routine-builder/")
    results = page.locator(".rb-result")
    expect(results).to_have_count(len(library.stretches))
    for stretch in library.stretches.values():
        result = results.filter(has=page.get_by_text(stretch.title, exact=True))
        cautions = result.locator("details.rb-cautions")
        expect(cautions.locator("summary")).to_have_text(f"Cautions {stretch.title}")
        cautions.locator("summary").click()
        for caution in stretch.cautions:
            expect(cautions).to_contain_text(" ".join(caution.split()))


@pytest.mark.parametrize(
    ("hash_", "message"),
    [
        ("#v=1&s=not-a-stretch", "Stretch 1 is not a stretch on this site."),
        ("#v=1&s=knee-to-chest:99999", "Stretch 1: the hold must be 1 to 300 seconds."),
        ("#v=1&s=knee-to-chest::9-2", "repetitions must be 1 to 50"),
        ("#%E0%A4%A", "This link has parts this site does not know."),
        ("#" + "x" * 10_000, "This link is too long to be a routine."),
    ],
)
def test_tampered_links_show_a_clear_message(
    page: Page, site_url: str, hash_: str, message: str
) -> None:
    page.goto(site_url + "/my-routine/" + hash_)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("This routine link is broken or incomplete")
    expect(alert).to_contain_text(message)
    expect(page.locator(".routine-stretch")).to_have_count(0)


def test_script_in_a_note_is_shown_as_text(page: Page, site_url: str) -> None:
    note = (
        "%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E"
        "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"
    )
    page.goto(f"{site_url}/my-routine/#v=1&s=hip-stretch&n1={note}")
    expect(page.locator(".routine-note")).to_contain_text('<img src=x onerror="window.__pwned=1">')
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0


def test_empty_link_explains_what_to_do(page: Page, site_url: str) -> None:
    page.goto(site_url + "/my-routine/")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("No routine in this link")
    expect(alert.get_by_role("link", name="routine builder")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_builder_and_routine_pass_axe(
    browser: Browser, site_url: str, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        link = build_routine(page, site_url)
        found = []
        for target in (None, link):
            if target:
                page.goto(target)
                expect(page.locator(".routine-stretch")).to_have_count(2)
            found += axe_violations(page)
        assert found == []
    finally:
        context.close()


CLINICIANS = "For clinicians: make a patient routine"


def test_clinicians_find_the_builder_from_home_and_the_menu(page: Page, site_url: str) -> None:
    """One click from the home page, one from any page's menu: visible labels only."""
    page.goto(site_url + "/")
    page.get_by_role("link", name=CLINICIANS).filter(visible=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routine builder for clinics")
    page.goto(site_url + "/tips/")
    page.get_by_role("link", name=CLINICIANS).filter(visible=True).first.click()
    expect(page.get_by_label("Search the stretches")).to_be_visible()


def expect_built_routine(page: Page) -> None:
    """The routine build_routine made, in the builder's fields."""
    expect(page.locator(".rb-item h3")).to_have_text(["Hip stretch", "Knee to chest stretch"])
    expect(page.locator("#rb-1-hold")).to_have_value("45")
    expect(
        page.get_by_label("Note for the patient about the whole routine (optional)")
    ).to_have_value("Do these after your walk.")


def test_reload_back_and_a_routine_link_keep_the_work(page: Page, site_url: str) -> None:
    link = build_routine(page, site_url)
    builder = page.url
    assert builder.split("#", 1)[1] == link.split("#", 1)[1]  # a bookmark keeps the routine
    page.reload()
    expect_built_routine(page)
    # The patient page opens in a new tab; the builder stays as it was.
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Open the patient page to print it").click()
    expect(popup.value.locator(".routine-stretch")).to_have_count(2)
    popup.value.close()
    expect_built_routine(page)
    # Had the clinician gone to the patient page in this tab, Back brings the routine back.
    page.goto(link)
    expect(page.locator(".routine-stretch")).to_have_count(2)
    page.go_back()
    expect_built_routine(page)
    # "Edit this routine" on a shared routine opens its hash in the builder.
    page.goto(site_url + "/")
    page.goto(site_url + "/routine-builder/#" + link.split("#", 1)[1])
    expect_built_routine(page)
    # A broken address is said, not silently dropped.
    page.goto(site_url + "/routine-builder/#v=2&s=knee-to-chest:99999:1-1:1")
    expect(page.locator(".rb-status")).to_contain_text("could not be opened")
    expect(page.locator(".rb-item")).to_have_count(0)


def test_feedback_is_at_the_control(browser: Browser, site_url: str) -> None:
    """Added at the Add button (no duplicates), copied at Copy, each error at its field."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(site_url + "/routine-builder/")
        page.get_by_role("button", name="Add Knee to chest stretch").click()
        added = page.get_by_role("button", name="Added ✓ Knee to chest stretch")
        expect(added).to_be_disabled()
        added.click(force=True)  # pressed again anyway: still one
        expect(page.locator(".rb-item")).to_have_count(1)
        page.get_by_role("button", name="Remove Knee to chest stretch").click()
        expect(page.get_by_role("button", name="Add Knee to chest stretch")).to_be_enabled()
        page.get_by_role("button", name="Add Knee to chest stretch").click()
        page.get_by_role("button", name="Add Hip stretch").click()

        copy = page.get_by_role("button", name="Copy link")
        copy.click()
        expect(copy.locator("xpath=following-sibling::*[1]")).to_have_text("Link copied.")

        hold = page.locator("#rb-1-hold")
        hold.fill("999")
        error = page.locator("#" + hold.get_attribute("aria-describedby"))
        expect(error).to_have_text("Stretch 2: the hold must be 1 to 300 seconds.")
        expect(hold).to_have_attribute("aria-invalid", "true")
        assert hold.evaluate("(f, e) => f.parentElement.contains(e)", error.element_handle())
        expect(page.locator("#rb-0-hold")).not_to_have_attribute("aria-invalid", "true")
        page.locator("#rb-0-min").fill("12")  # more than "at most" (10)
        for field in ("#rb-0-min", "#rb-0-max"):
            expect(page.locator(field)).to_have_accessible_description(
                re.compile("Stretch 1: repetitions must be 1 to 50")
            )
        summary = page.locator(".rb-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("The link cannot be made yet")
        expect(summary).to_contain_text("Stretch 2: the hold must be 1 to 300 seconds.")
        assert summary.evaluate(
            "s => s.compareDocumentPosition(document.getElementById('rb-link')) & 4"
        )  # before the (hidden) link
        hold.fill("45")
        page.locator("#rb-0-min").fill("5")
        expect(summary).to_be_hidden()
        expect(hold).not_to_have_attribute("aria-invalid", "true")
        expect(page.locator(".rb-field-error:visible")).to_have_count(0)
    finally:
        context.close()


def test_an_exact_number_of_repeats_is_one_field(page: Page, site_url: str) -> None:
    """3 repeats is "Repeats: 3", not "at least 3" and "at most 3"; a range stays possible."""
    page.goto(site_url + "/routine-builder/")
    page.get_by_role("button", name="Add Back of thigh stretch (hamstring)").click()
    give_range = page.get_by_label("Give a range of repeats (at least, at most)")
    expect(give_range).to_be_checked()  # the stretch's own 5 to 10
    give_range.uncheck()
    expect(page.locator("#rb-0-max")).to_be_hidden()
    page.get_by_label("Repeats", exact=True).fill("3")
    link = page.get_by_label("Link for your patient").input_value()
    assert re.search(r"s=hamstring-stretch:\d+:3-3:\d", link)
    page.reload()
    expect(page.get_by_label("Repeats", exact=True)).to_have_value("3")
    expect(give_range).not_to_be_checked()
    give_range.check()
    expect(page.get_by_label("Repeat at most")).to_have_value("3")
    page.get_by_label("Repeat at most").fill("4")
    expect(page.get_by_label("Link for your patient")).to_have_value(
        re.compile(r"s=hamstring-stretch:\d+:3-4:\d")
    )


def test_the_builder_refuses_a_note_the_patient_page_would_leave_out(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "/routine-builder/#v=2&s=knee-to-chest:30:5-10:3")
    expect(page.locator(".rb-qr svg")).to_be_visible()
    page.get_by_label("Note for the patient about this stretch (optional)").fill("Do not call 999.")
    expect(page.locator(".rb-summary")).to_contain_text("names a phone number for help")
    expect(page.get_by_label("Link for your patient")).to_be_hidden()
    expect(page.locator(".rb-qr svg")).to_have_count(0)
