"""A clinician's printed handout of a shared routine, read back from the PDF Chromium prints.

The issue's first visit: knee to chest, and the hamstring held 20 seconds, 3 repeats, twice a
day, with a note; from the home page to paper by visible labels only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from conftest import ROOT, run_build

from .conftest import _QuietHandler, _serving
from .paper import PHONE, Side, printed_sides

pytestmark = pytest.mark.browser
CLINICIANS = "For clinicians: make a patient routine"
# window.print() as the page calls it: counted, never a real dialog.
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"
TOO_LONG_FOR_A_CODE = "This routine is too long to fit in a QR code."


@pytest.fixture
def clinic(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_PRINTS)
    yield context
    context.close()


def typed_address(link: str) -> str:
    """What the handout asks a patient to type if the code fails: the link without its notes."""
    parts = urlsplit(link)
    routine = "&".join(p for p in parts.fragment.split("&") if not re.match(r"n\d*=", p))
    return f"{parts.netloc}{parts.path}#{routine}"


def page_of(sides: list[Side], text: str) -> int:
    found = [n for n, side in enumerate(sides) if text in side.text]
    assert found, f"{text!r} is not on the handout"
    return found[0]


def assert_code_prints_right(sides: list[Side], link: str) -> int:
    """One QR code, at least 30 mm, that scans to the link, with its quiet zone clear of text;
    its version."""
    codes = [(side, code) for side in sides for code in side.qr_codes]
    assert len(codes) == 1, f"{len(codes)} QR codes found on the handout"
    side, code = codes[0]
    assert code.text == link
    assert code.side_mm >= 30, f"the QR code is {code.side_mm:.1f} mm"
    covered = [box for box in side.text_boxes if box.overlaps(code.with_quiet_zone)]
    assert covered == [], f"text inside the QR code's area: {covered[:3]}"
    assert typed_address(link) in side.text.replace(" ", "")
    return code.version


def test_from_the_home_page_to_a_printed_handout_in_ten_actions(
    clinic: BrowserContext, site_url: str
) -> None:
    page = clinic.new_page()
    page.goto(site_url + "/")
    page.get_by_role("link", name=CLINICIANS).filter(visible=True).first.click()  # 1
    page.get_by_role("button", name="Add Knee to chest stretch").click()  # 2
    page.get_by_role("button", name="Add Back of thigh stretch (hamstring)").click()  # 3
    hamstring = page.locator(".rb-item").filter(has_text="Back of thigh stretch")
    hamstring.get_by_label("Hold (seconds)").fill("20")  # 4
    hamstring.get_by_label("Give a range of repeats (at least, at most)").uncheck()  # 5
    hamstring.get_by_label("Repeats", exact=True).fill("3")  # 6
    hamstring.get_by_label("Times a day").fill("2")  # 7
    hamstring.get_by_label("Note for the patient about this stretch (optional)").fill(
        "Keep your knee soft."
    )  # 8
    link = page.get_by_label("Link for your patient").input_value()
    assert re.search(r"s=knee-to-chest:\d+:\d+-\d+:\d,hamstring-stretch:20:3-3:2(&|$)", link)
    assert "n2=Keep+your+knee+soft." in link
    with clinic.expect_page() as opened:
        page.get_by_role("link", name="Open the patient page to print it").click()  # 9
    handout = opened.value
    expect(handout.get_by_role("heading", name="2. Back of thigh stretch")).to_be_visible()
    handout.get_by_role("button", name="Print this routine").click()  # 10
    assert handout.evaluate("window.__prints") == 1  # one print dialog per click

    sides = printed_sides(handout.pdf(format="A4"))
    assert_code_prints_right(sides, link)
    first = sides[page_of(sides, "Scan the code")].text
    assert "Given to you by Clinic Clinician Date" in first  # a line each to write on
    # Each stretch whole: its heading, its own cautions, steps and dose on one page.
    for parts in (
        (
            "1. Knee to chest stretch",
            "It bends your back forward.",
            "Slowly lower your right foot",
            "Hold: 30 seconds",
        ),
        (
            "2. Back of thigh stretch",
            "Stop if you feel tingling or numbness in your leg or foot.",
            "Slowly bend your right knee",
            "Hold: 20 seconds",
        ),
    ):
        pages = {page_of(sides, text) for text in parts}
        assert len(pages) == 1, f"{parts[0]} is split over pages {sorted(pages)}"
    # No half-empty pages: every page but the last is filled at least two thirds of the way.
    for number, side in enumerate(sides[:-1], start=1):
        assert side.lowest_text_mm > side.height_mm * 2 / 3, f"page {number} is half empty"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_code_prints_in_its_own_area_on_both_papers(
    clinic: BrowserContext, site_url: str, paper: str
) -> None:
    page = clinic.new_page()
    routine = "#v=2&s=knee-to-chest:30:5-10:3,hamstring-stretch:20:3-3:2"
    link = f"{site_url}/my-routine/{routine}"
    # Opened as a messaging app passes it on: the code is still the link the builder checked.
    page.goto(f"{site_url}/my-routine/?utm_source=sms{routine}")
    expect(page.locator(".routine-stretch").first).to_be_visible()
    assert_code_prints_right(printed_sides(page.pdf(format=paper)), link)


# The longest routine the builder allows: four stretches, their notes lengthened a letter (one
# byte) at a time until one more would not fit the QR code the handout prints. No spaces or
# dots in the filler: a space costs nothing at the end of a note, and a dot can look like a
# web address.
LONGEST_ROUTINE = """(base) => {
  const ui = window.RoutineUI, link = window.RoutineLink;
  const slugs = ['hip-stretch', 'knee-to-chest', 'hamstring-stretch', 'piriformis-stretch'];
  const routine = {note: '', stretches: slugs.map(slug => (
    {slug, hold: 30, repsMin: 5, repsMax: 10, times: 1, note: ''}))};
  const words = 'Breathe-out-and-go-slowly-';
  const notes = [routine].concat(routine.stretches);
  const fits = () => ui.qrSvg(base + link.encode(routine), 'code') !== null;
  let last = null;
  for (let index = 0; index < notes.length; index += 1) {
    const holder = notes[index];
    while (holder.note.length < link.LIMITS.note) {
      holder.note += words[holder.note.length % words.length];
      if (!fits()) return {longest: last, tooLong: link.encode(routine), field: index};
      last = link.encode(routine);
    }
  }
  return {longest: last, tooLong: null, field: null};
}"""


def test_the_longest_routine_prints_a_code_that_scans_and_one_more_letter_is_refused(
    clinic: BrowserContext, site_url: str
) -> None:
    builder = clinic.new_page()
    builder.goto(site_url + "/routine-builder/")
    expect(builder.get_by_role("heading", name="1. Choose stretches")).to_be_visible()
    base = f"{site_url}/my-routine/"
    routines = builder.evaluate(LONGEST_ROUTINE, base)
    longest, too_long, field = routines["longest"], routines["tooLong"], routines["field"]
    assert too_long, "every note is full and the link still fits: the limit is never reached"

    builder.goto(f"{site_url}/routine-builder/{longest}")
    expect(builder.get_by_label("Link for your patient")).to_have_value(base + longest)
    expect(builder.locator(".rb-qr svg")).to_be_visible()
    # One more letter in the note being written: refused at once, and the old code is gone.
    note = builder.locator("#rb-note" if field == 0 else f"#rb-{field - 1}-note")
    note.press("End")
    note.type("x")
    expect(builder.get_by_text(TOO_LONG_FOR_A_CODE)).to_be_visible()
    expect(builder.locator(".rb-qr svg")).to_have_count(0)
    expect(builder.get_by_label("Link for your patient")).to_be_hidden()
    builder.goto(f"{site_url}/routine-builder/{too_long}")
    expect(builder.get_by_text(TOO_LONG_FOR_A_CODE)).to_be_visible()
    expect(builder.locator(".rb-qr svg")).to_have_count(0)

    patient = clinic.new_page()
    patient.goto(base + longest)
    expect(patient.locator(".routine-stretch")).to_have_count(4)
    pdf = patient.pdf(format="A4")
    assert assert_code_prints_right(printed_sides(pdf), base + longest) == 20  # the limit's
    # Still read as a phone camera sees the page, about 150 dots an inch.
    assert assert_code_prints_right(printed_sides(pdf, PHONE), base + longest) == 20


@pytest.mark.build
def test_a_printed_preview_says_it_is_a_draft_and_a_printed_page_does_not(
    browser: Browser, site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A pull request's preview (PREVIEW=true) keeps its draft line on paper, first, so a
    printed draft is never handed out as a handout; the published site's prints never say it."""
    preview = tmp_path_factory.mktemp("preview")
    built = run_build(ROOT, preview, extra_env={"PREVIEW": "true"})
    assert built.returncode == 0, built.stderr
    draft = "Draft for review: a proposed change, not yet checked by a clinician."
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    try:
        with _serving(functools.partial(_QuietHandler, directory=str(preview))) as preview_url:
            for base, drafted in ((preview_url, True), (site_url, False)):
                page.goto(f"{base}/stretches/knee-to-chest/")
                first = printed_sides(page.pdf(format="A4"))[0].text
                assert first.startswith(draft) is drafted, first[:200]
    finally:
        context.close()
