"""The patient's shared routine (/my-routine/): what a patient reads on screen and on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from conftest import ROOT
from stretchsite.content.library import load_library
from stretchsite.content.model import Position
from stretchsite.pages.catalogue import plain
from stretchsite.pages.dose import LEAD_IN_SECONDS, Dose, routine_minutes
from stretchsite.pages.strings import strings

from .conftest import site_pages

pytestmark = pytest.mark.browser
LIBRARY = load_library(ROOT)
# Standing first, then lying: the floor steps belong before the knee to chest stretch.
LINK = "#v=2&s=hip-stretch:30:5-10:2,knee-to-chest:45:3-8:3,hamstring-stretch:30:5-10:1"
DOSES = [("hip-stretch", 30, 5, 10), ("knee-to-chest", 45, 3, 8), ("hamstring-stretch", 30, 5, 10)]
# Printed with version 1, when every stretch's default was once a day.
OLD_LINK = "#v=1&s=knee-to-chest,hip-stretch:40"


def open_routine(page: Page, site_url: str, link: str = LINK) -> None:
    page.goto(f"{site_url}/my-routine/{link}")
    expect(page.locator(".routine-stretch").first).to_be_visible()


def row(dose: Locator, label: str) -> Locator:
    """The dose table's row for `label`, like "Repeat"."""
    return dose.locator("tr").filter(has_text=re.compile(f"^{label}"))


def comes_before(page: Page, first: str, then: str) -> bool:
    """Whether the element `first` comes before `then` in the page."""
    return page.evaluate(
        "([a, b]) => Boolean(document.querySelector(a).compareDocumentPosition("
        "document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [first, then],
    )


def test_each_stretch_shows_its_own_cautions_before_its_steps(page: Page, site_url: str) -> None:
    open_routine(page, site_url)
    sections = page.locator(".routine-stretch")
    expect(sections).to_have_count(len(DOSES))
    assert comes_before(page, ".stretch-warning", ".routine-stretch ol")  # the stop rule first
    for n, (slug, *_) in enumerate(DOSES, start=1):
        section = f".routine-stretch:nth-of-type({n})"
        cautions = page.locator(f"{section} .stretch-cautions")
        expect(cautions).to_have_attribute("data-cautions-for", slug)
        expect(cautions.locator("li")).to_have_text(
            [plain(c) for c in LIBRARY.stretches[slug].cautions]
        )
        assert comes_before(
            page, f"{section} .stretch-cautions", f"{section} .routine-stretch__main > ol"
        )


def test_a_stretch_with_another_warning_shows_that_warning_too(page: Page, site_url: str) -> None:
    """The page's own warning covers the stretches that share it; any other is shown in full."""

    def other_warning(route: Route) -> None:
        library = route.fetch().json()
        library["warnings"]["other"] = {"title": "Careful now", "text": "Keep your knee low."}
        for stretch in library["stretches"]:
            if stretch["slug"] == "knee-to-chest":
                stretch["warning"] = "other"
        route.fulfill(json=library)

    page.route("**/routine-library.json?v=*", other_warning)
    open_routine(page, site_url)
    first, second = (
        page.locator(f".routine-stretch:nth-of-type({n}) .stretch-cautions") for n in (1, 2)
    )
    expect(first).not_to_contain_text("Careful now")
    expect(second.locator(".admonition-title")).to_have_text("Careful now")
    expect(second).to_contain_text("Keep your knee low.")
    expect(second).to_contain_text("Take care:")


def test_steps_sides_and_dose_say_one_order(page: Page, site_url: str) -> None:
    open_routine(page, site_url)
    view = page.locator("#routine-view")
    expect(view).to_contain_text("Do all your repeats on your right side, then on your left.")
    sides = row(view.locator(".dose-box").first, "Sides").locator("td").nth(1)
    expect(sides).to_have_text("All repeats on your right side, then on your left")
    expect(view).not_to_contain_text("one after the other")
    timers = view.locator(".stretch-timer")
    for n in range(len(DOSES)):
        expect(timers.nth(n)).to_have_attribute("data-lead-in-seconds", str(LEAD_IN_SECONDS))


def test_floor_steps_come_once_before_the_first_lying_stretch(page: Page, site_url: str) -> None:
    assert LIBRARY.stretches["hip-stretch"].position is Position.STANDING
    assert LIBRARY.stretches["knee-to-chest"].position is Position.LYING
    open_routine(page, site_url)
    floor = page.locator(".floor-steps")
    expect(floor).to_have_count(1)
    expect(page.locator(".routine-stretch").nth(1).locator(".floor-steps")).to_have_count(1)
    expect(floor.locator("ol").first.locator("li")).to_have_text(
        [plain(step) for step in LIBRARY.safety.floor.getting_down]
    )
    assert comes_before(
        page, ".floor-steps", ".routine-stretch:nth-of-type(2) .routine-stretch__main > ol"
    )


def test_the_routine_says_how_long_it_takes_and_defers_to_the_clinic(
    page: Page, site_url: str
) -> None:
    open_routine(page, site_url)
    shortest, longest = routine_minutes(
        Dose(hold, least, most, both_sides=True, times_per_day=1, t=strings())
        for _, hold, least, most in DOSES
    )
    expect(page.locator(".routine-time")).to_have_text(
        f"This routine takes about {shortest} to {longest} minutes each time."
    )
    # The general "5 repeats at first" rule would contradict the clinic's 3 to 8.
    expect(page.locator("article")).not_to_contain_text("Do 5 repeats")
    expect(page.locator("#routine-view")).to_contain_text("Do the amounts your clinic chose")


def test_print_shows_all_three_tiers_of_help(page: Page, site_url: str) -> None:
    open_routine(page, site_url)
    page.emulate_media(media="print")
    help_ = LIBRARY.safety.when_to_get_help
    for level, tier in (
        ("emergency", help_.emergency),
        ("urgent", help_.urgent),
        ("routine", help_.routine),
    ):
        card = page.locator(f".care-card--{level}")
        expect(card).to_be_visible()
        expect(card.locator("li")).to_have_count(len(tier.items))


def test_print_has_a_tick_chart_a_row_a_day_a_box_a_session(page: Page, site_url: str) -> None:
    open_routine(page, site_url)
    chart = page.locator(".tick-chart")
    expect(chart).to_be_hidden()  # paper only
    page.emulate_media(media="print")
    expect(chart).to_be_visible()
    rows = chart.locator("tbody tr")
    expect(rows).to_have_count(7)
    expect(rows.locator("th")).to_have_text([f"Day {n}" for n in range(1, 8)])
    sessions = 3  # the most times a day in LINK
    expect(chart.locator("thead th")).to_have_text(
        ["Day", "Date", *(f"Time {n}" for n in range(1, sessions + 1))]
    )
    for row in rows.all():
        expect(row.locator("td")).to_have_count(1 + sessions)


def test_the_routine_fits_a_small_phone_without_sideways_scrolling(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        open_routine(page, site_url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_an_old_printed_link_keeps_once_a_day(page: Page, site_url: str) -> None:
    assert LIBRARY.stretches["knee-to-chest"].times_per_day != 1  # the default has changed
    open_routine(page, site_url, OLD_LINK)
    doses = page.locator(".dose-box")
    for n in range(2):
        expect(row(doses.nth(n), "How often")).to_contain_text("Once a day")
    expect(row(doses.nth(1), "Hold")).to_contain_text("40 seconds")
    expect(row(doses.nth(0), "Repeat")).to_contain_text("5 to 10 times")
    page.emulate_media(media="print")
    expect(page.locator(".tick-chart thead th")).to_have_text(["Day", "Date", "Time 1"])


def test_no_page_tells_a_patient_about_javascript(
    browser: Browser, site_url: str, built_site: Path
) -> None:
    """Where a script cannot run, the page says what to do, not the name of a technology."""
    found = []
    for scripts in (False, True):
        context = browser.new_context(java_script_enabled=scripts)
        try:
            page = context.new_page()
            for path in [*site_pages(built_site), "/my-routine/" + LINK]:
                page.goto(site_url + path)
                if not scripts and path.startswith(("/my-routine/", "/routine-builder/")):
                    expect(page.locator("[class$='__no-script']")).to_be_visible()
                if "javascript" in page.locator("body").inner_text().lower():
                    found.append((path, scripts))
        finally:
            context.close()
    assert found == []


# Links no one can abuse: anyone can make a link, so a link asks for nothing a clinician would
# not, and its notes are plain words, labelled for what they are, under the site's own safety.
ABSURD_DOSES = {
    "absurd daily time": (
        "#v=2&s=knee-to-chest:30:10-10:6,hip-stretch:30:10-10:6,hamstring-stretch:30:10-10:6",
        "minutes a day",
    ),
    "absurd session": ("#v=2&s=knee-to-chest:120:20-20:1", "minutes each time"),
}
# A note that breaks a rule is left out, and the routine shown: a printed link keeps working.
TAMPERED_NOTES = {
    "a note with a link": (
        "n1=Tingling%20is%20normal.%20See%20backcure.example",
        "has a web address in it",
        "backcure",
    ),
    "a phone number": (
        "n=Questions%3F%20Ring%2001632%20960%20001",
        "has a phone number in it",
        "01632",
    ),
    "do not call 999": (
        "n=Tingling%20is%20normal.%20Do%20not%20call%20999.",
        "names a phone number for help",
        "Tingling is normal",
    ),
    "a bidi override": (
        "n=Stop%20%E2%80%AEif%20it%20hurts",
        "has hidden characters that change how it reads",
        "if it hurts",
    ),
}


def expect_safety_first(page: Page) -> None:
    expect(page.locator("#routine-view")).not_to_contain_text("stretch library")
    expect(page.locator("article .stretch-warning")).to_be_visible()
    expect(page.locator("article .care-card--emergency")).to_be_visible()


@pytest.mark.parametrize(("link", "message"), ABSURD_DOSES.values(), ids=ABSURD_DOSES.keys())
def test_absurd_doses_are_refused_with_a_clear_message(
    page: Page, site_url: str, link: str, message: str
) -> None:
    page.goto(f"{site_url}/my-routine/{link}")
    problem = page.locator(".routine-problem")
    expect(problem).to_be_visible()
    expect(problem.locator(".admonition-title")).to_have_text(
        "This routine link is broken or incomplete"
    )
    expect(problem.locator("li")).to_contain_text([message])
    expect(page.locator(".routine-stretch")).to_have_count(0)
    expect_safety_first(page)


@pytest.mark.parametrize(
    ("note", "message", "words"), TAMPERED_NOTES.values(), ids=TAMPERED_NOTES.keys()
)
def test_tampered_notes_are_left_out_and_the_routine_stays(
    page: Page, site_url: str, note: str, message: str, words: str
) -> None:
    page.goto(f"{site_url}/my-routine/#v=2&s=knee-to-chest:30:5-10:3&{note}")
    expect(page.locator(".routine-stretch")).to_have_count(1)
    left_out = page.locator(".routine-note--left-out")
    expect(left_out).to_have_count(1)
    expect(left_out).to_contain_text("A note was left out here.")
    expect(left_out).to_contain_text(message)
    expect(page.locator("article")).not_to_contain_text(words)
    expect_safety_first(page)


# Every note, and the site's own warning and emergency box: whether each comes first.
ABOVE_EVERY_NOTE = """(selectors) => {
  const notes = [...document.querySelectorAll('.routine-note')];
  return selectors.map(s => {
    const box = document.querySelector(s);
    return Boolean(box) && notes.length > 0 && notes.every(note =>
      box.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
}"""


def test_a_note_is_labelled_for_what_it_is_below_the_sites_own_safety(
    page: Page, site_url: str
) -> None:
    open_routine(page, site_url, LINK + "&n=After%20walks&n3=Keep%20your%20knee%20soft")
    notes = page.locator(".routine-note")
    expect(notes).to_have_count(2)
    label = "Note added to this link by the person who gave it to you:"
    for n, words in enumerate(("After walks", "Keep your knee soft")):
        expect(notes.nth(n).locator("strong")).to_have_text(label)
        expect(notes.nth(n)).to_contain_text(words)
        expect(notes.nth(n)).to_contain_text(
            "If this note says something different from the safety advice on this page, follow "
            "the safety advice."
        )
    expect(page.locator("article")).not_to_contain_text("Note from your clinic")
    assert page.evaluate(
        ABOVE_EVERY_NOTE, ["article .stretch-warning", "article .care-card--emergency"]
    ) == [True, True]
    page.emulate_media(media="print")  # on paper as well
    expect(page.locator("article .care-card--emergency")).to_be_visible()
    expect(page.locator("article .stretch-warning")).to_be_visible()


def test_clinicians_can_edit_the_routine_after_it(page: Page, site_url: str) -> None:
    open_routine(page, site_url)
    edit = page.get_by_role("link", name="Edit this routine")
    expect(edit).to_be_visible()
    expect(edit).to_have_attribute("href", f"{site_url}/routine-builder/{LINK}")
    expect(page.locator(".routine-edit")).to_have_text(
        "For clinicians: Edit this routine in the routine builder."
    )
    assert comes_before(page, ".routine-stretch:last-of-type", ".routine-edit")
    page.emulate_media(media="print")
    expect(edit).to_be_hidden()


# The longest link a routine can be, within every limit: too long for a QR code.
LONGEST = (
    "#v=2&s="
    + ",".join(["hip-stretch:1:1-1:1"] * 20)
    + "".join(f"&n{n}=" + "Slowly%20and%20gently" * 8 for n in range(1, 21))
)


def test_a_routine_too_long_for_a_code_still_shows_and_blames_no_library(
    page: Page, site_url: str
) -> None:
    assert 3500 < len(LONGEST) <= 4000
    open_routine(page, site_url, LONGEST)
    expect(page.locator(".routine-stretch")).to_have_count(20)
    expect(page.locator("#routine-view")).not_to_contain_text("stretch library")
    expect(page.locator(".print-address")).to_contain_text(
        "This routine is too long for a code to scan."
    )
    expect(page.locator(".print-address svg")).to_have_count(0)


def test_only_a_library_that_did_not_load_is_blamed_on_the_library(
    page: Page, site_url: str
) -> None:
    page.route("**/routine-library.json?v=*", lambda route: route.abort())
    page.goto(f"{site_url}/my-routine/{LINK}")
    expect(page.locator(".routine-problem .admonition-title")).to_have_text(
        "The stretch library could not be loaded"
    )
