"""Read aloud: the Listen button on stretch and routine pages, with a recording voice.

The browser's speechSynthesis is replaced before any page script runs by one that records what
it is asked to say (and how) and says it only when the test ends an utterance; its voices
arrive late, as in real browsers, with a `voiceschanged` event. Ending an utterance is what the
patient hears as "the voice finished that part".
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from conftest import ROOT
from stretchsite.content.library import load_library
from stretchsite.pages.catalogue import plain
from stretchsite.pages.strings import strings
from tests.browser.test_timer import tab_to

from .conftest import axe_violations

pytestmark = pytest.mark.browser
LIBRARY = load_library(ROOT)
EN = strings().browser
ES = strings("es").browser
KNEE = "/stretches/knee-to-chest/"
ROUTINE = "/routines/four-stretches-for-lower-back-pain/"
LIBRARY_FILE = re.compile(r"/routine-library\.json(\?|$)")
SHARED_LINK = "#v=2&s=hip-stretch:30:5-10:2,knee-to-chest:45:3-8:3,hamstring-stretch:30:5-10:1"
ENGLISH_VOICE = {"name": "Test English", "lang": "en-GB", "localService": True, "default": True}
SPANISH_VOICE = {"name": "Test Español", "lang": "es-ES", "localService": True, "default": False}
FRENCH_VOICE = {"name": "Test Français", "lang": "fr-FR", "localService": True, "default": True}

# A stand-in for the browser's speech: `window.__speech` records every utterance with the
# status and highlighted part at the moment it was spoken; finish() ends the one speaking.
STUB = """
(options) => {
  const log = { spoken: [], cancels: 0, queue: [], maxQueued: 0 };
  window.__speech = log;
  if (!options.present) {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    return;
  }
  let voices = options.lateMs === 0 ? options.voices : [];
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      this.text = text; this.lang = ''; this.voice = null; this.onend = null; this.onerror = null;
    }
    fire(type, error) {
      const event = new Event(type);
      if (error) event.error = error;
      this.dispatchEvent(event);
      if (typeof this['on' + type] === 'function') this['on' + type](event);
    }
  }
  class Synth extends EventTarget {
    constructor() { super(); this.onvoiceschanged = null; }
    get speaking() { return log.queue.length > 0; }
    get pending() { return log.queue.length > 1; }
    get paused() { return false; }
    getVoices() { return voices.slice(); }
    speak(u) {
      const status = document.querySelector('.read-aloud [role=status]');
      const current = document.querySelectorAll('.read-aloud-current');
      log.queue.push(u);
      log.maxQueued = Math.max(log.maxQueued, log.queue.length);
      log.spoken.push({
        text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null,
        status: status ? status.textContent.trim() : null,
        current: current.length === 1 ? current[0].textContent.replace(/\\s+/g, ' ').trim() : null,
      });
    }
    cancel() {
      log.cancels += 1;
      const dropped = log.queue;
      log.queue = [];
      dropped.forEach((u) => u.fire('error', 'interrupted'));  // as Chrome does
    }
    pause() {}
    resume() {}
  }
  const synth = new Synth();
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    value: Utterance, configurable: true,
  });
  log.finish = () => {
    const u = log.queue.shift();
    if (u) u.fire('end');
    return Boolean(u);
  };
  log.loadVoices = () => {
    voices = options.voices;
    const event = new Event('voiceschanged');
    synth.dispatchEvent(event);
    if (typeof synth.onvoiceschanged === 'function') synth.onvoiceschanged(event);
  };
  if (options.lateMs > 0) setTimeout(log.loadVoices, options.lateMs);
}
"""


def open_page(
    page: Page,
    url: str,
    voices: list[dict[str, Any]] | None = None,
    *,
    present: bool = True,
    late_ms: int | None = 100,
) -> list[str]:
    """Open `url` with the recording voice, whose voices come `late_ms` after loading (0: at
    once; None: when the test calls loadVoices). Returns the page's script errors."""
    options = {"voices": [ENGLISH_VOICE] if voices is None else voices}
    options |= {"present": present, "lateMs": -1 if late_ms is None else late_ms}
    page.add_init_script(script=f"({STUB})({json.dumps(options)})")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    return errors


def listen(page: Page, words: dict[str, Any] = EN) -> Locator:
    return page.get_by_role("button", name=words["read_aloud_listen"], exact=True)


def control(page: Page, key: str, words: dict[str, Any] = EN) -> Locator:
    return page.locator(".read-aloud").get_by_role("button", name=words[key], exact=True)


def spoken(page: Page) -> list[dict[str, Any]]:
    return page.evaluate("window.__speech.spoken")


def speaking(page: Page) -> list[str]:
    """What the voice is saying or still has to say right now."""
    return page.evaluate("window.__speech.queue.map((u) => u.text)")


def cancels(page: Page) -> int:
    return page.evaluate("window.__speech.cancels")


def finish(page: Page) -> bool:
    """The voice finishes what it is saying; False if it was saying nothing."""
    return page.evaluate("window.__speech.finish()")


def read_to_the_end(page: Page, limit: int = 400) -> list[dict[str, Any]]:
    for _ in range(limit):
        if not finish(page):
            return spoken(page)
    pytest.fail("the voice never stopped")


def status(entry: dict[str, Any]) -> str:
    return entry["status"].replace("\u00a0", "")


def parts(entries: list[dict[str, Any]]) -> list[str]:
    """The statuses announced, one per part read (a part may take several utterances)."""
    found: list[str] = []
    for entry in entries:
        if not found or found[-1] != status(entry):
            found.append(status(entry))
    return found


def said(entries: list[dict[str, Any]], wanted: str) -> str:
    """Everything the voice said while the status was `wanted`."""
    return " ".join(e["text"] for e in entries if status(e) == wanted)


def live_status(page: Page) -> Locator:
    return page.locator(".read-aloud [role=status]")


def stretch_expectations(slug: str) -> tuple[list[str], str, list[str]]:
    stretch = LIBRARY.stretches[slug]
    steps = [
        EN["read_aloud_step_said"].format(n=n, text=plain(step))
        for n, step in enumerate(stretch.steps, 1)
    ]
    start = f"{EN['start_position']} {plain(stretch.starting_position)}"
    return [plain(c) for c in stretch.cautions], start, steps


def step_status(n: int, total: int) -> str:
    return EN["read_aloud_reading_step"].format(n=n, total=total)


def routine_parts(slugs: list[str]) -> list[str]:
    """The statuses of a routine read aloud: its warning, then each stretch in order."""
    expected = [EN["read_aloud_reading_warning"]]
    for n, slug in enumerate(slugs, 1):
        expected.append(EN["read_aloud_reading_stretch"].format(n=n, total=len(slugs)))
        expected.append(EN["read_aloud_reading_cautions"])
        expected.append(EN["read_aloud_reading_start"])
        total = len(LIBRARY.stretches[slug].steps)
        expected += [step_status(i, total) for i in range(1, total + 1)]
        expected.append(EN["read_aloud_reading_sides"])
    return expected


def test_nothing_speaks_until_listen_then_the_warning_comes_before_the_steps(
    page: Page, site_url: str
) -> None:
    errors = open_page(page, site_url + KNEE)
    expect(listen(page)).to_be_visible()
    expect(listen(page)).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(300)
    assert spoken(page) == []  # nothing speaks without a press

    listen(page).click()
    expect(listen(page)).to_have_attribute("aria-pressed", "true")
    first = spoken(page)
    assert len(first) == 1  # one utterance at a time, never the whole page queued
    warning = LIBRARY.safety.warnings[LIBRARY.stretches["knee-to-chest"].warning]
    assert first[0]["text"].startswith(warning.title)
    assert first[0]["status"] == EN["read_aloud_reading_warning"]
    assert first[0]["current"].startswith(warning.title)  # the warning box is highlighted

    entries = read_to_the_end(page)
    cautions, start, steps = stretch_expectations("knee-to-chest")
    total = len(steps)
    assert parts(entries) == [
        EN["read_aloud_reading_warning"],
        EN["read_aloud_reading_start"],
        *[step_status(n, total) for n in range(1, total + 1)],
        EN["read_aloud_reading_sides"],
    ]
    warning_words = said(entries, EN["read_aloud_reading_warning"])
    for words in [warning.text, *cautions]:
        assert words in warning_words
    assert said(entries, EN["read_aloud_reading_start"]) == start
    for n, step in enumerate(steps, 1):
        [entry] = [e for e in entries if status(e) == step_status(n, total)]
        assert entry["text"] == step  # one step per utterance
        assert step.endswith(entry["current"])  # and that step is the one highlighted
    assert said(entries, EN["read_aloud_reading_sides"]) == EN["repeat_other_side"]
    assert all(e["lang"] == "en" and e["voice"] == ENGLISH_VOICE["name"] for e in entries)
    assert page.evaluate("window.__speech.maxQueued") == 1

    # At the end: the controls close and say so, politely and briefly.
    expect(listen(page)).to_have_attribute("aria-pressed", "false")
    expect(control(page, "read_aloud_pause")).to_be_hidden()
    expect(live_status(page)).to_have_text(EN["read_aloud_finished"])
    expect(page.locator(".read-aloud-current")).to_have_count(0)
    assert errors == []


def test_next_previous_and_pause(page: Page, site_url: str) -> None:
    open_page(page, site_url + KNEE)
    _, start, steps = stretch_expectations("knee-to-chest")
    listen(page).click()
    assert speaking(page)[0].startswith("When to stop")

    control(page, "read_aloud_next").click()
    assert speaking(page) == [start]  # the warning was cut off, not queued behind
    expect(live_status(page)).to_have_text(EN["read_aloud_reading_start"])
    control(page, "read_aloud_next").click()
    control(page, "read_aloud_next").click()
    assert speaking(page) == [steps[1]]
    expect(page.locator(".read-aloud-current")).to_have_text(
        plain(LIBRARY.stretches["knee-to-chest"].steps[1])
    )
    control(page, "read_aloud_previous").click()
    assert speaking(page) == [steps[0]]
    expect(live_status(page)).to_have_text(step_status(1, len(steps)))

    before = len(spoken(page))
    control(page, "read_aloud_pause").click()
    assert speaking(page) == []  # silent at once
    expect(control(page, "read_aloud_resume")).to_be_visible()
    expect(live_status(page)).to_have_text(EN["read_aloud_paused"])
    page.wait_for_timeout(200)
    assert len(spoken(page)) == before  # nothing more while paused
    control(page, "read_aloud_resume").click()
    assert speaking(page) == [steps[0]]  # the same step again
    expect(control(page, "read_aloud_pause")).to_be_visible()

    finish(page)
    assert speaking(page) == [steps[1]]  # and then on, in order


def test_a_timer_cue_pauses_the_reading_instead_of_being_cut_off(page: Page, site_url: str) -> None:
    open_page(page, site_url + KNEE)
    listen(page).click()
    assert speaking(page)[0].startswith("When to stop")
    page.evaluate("document.dispatchEvent(new Event('stretch-timer-speaks'))")  # "Hold."
    assert speaking(page) == []
    expect(control(page, "read_aloud_resume")).to_be_visible()
    control(page, "read_aloud_resume").click()
    assert speaking(page)[0].startswith("When to stop")  # carries on where it was


def test_no_button_without_speech_in_the_browser(page: Page, site_url: str) -> None:
    errors = open_page(page, site_url + KNEE, present=False)
    expect(page.locator(".stretch-timer__button--main")).to_be_visible()  # the page's scripts ran
    page.wait_for_timeout(300)
    expect(page.locator(".read-aloud")).to_have_count(0)
    expect(listen(page)).to_have_count(0)
    assert errors == []


def test_no_button_without_a_voice_for_the_pages_language(page: Page, site_url: str) -> None:
    open_page(page, site_url + KNEE, voices=[FRENCH_VOICE, {**SPANISH_VOICE, "default": True}])
    page.wait_for_function("window.speechSynthesis.getVoices().length > 0")
    page.wait_for_timeout(300)
    expect(page.locator(".read-aloud")).to_have_count(0)


def test_the_button_comes_when_the_voices_load(page: Page, site_url: str) -> None:
    open_page(page, site_url + KNEE, late_ms=None)
    expect(page.locator(".stretch-timer__button--main")).to_be_visible()
    page.wait_for_timeout(300)
    expect(page.locator(".read-aloud")).to_have_count(0)  # no voice yet
    page.evaluate("window.__speech.loadVoices()")
    expect(listen(page)).to_be_visible()
    assert spoken(page) == []


def test_the_spanish_page_is_read_in_spanish(page: Page, site_url: str) -> None:
    open_page(page, site_url + "/es" + KNEE, voices=[ENGLISH_VOICE, FRENCH_VOICE, SPANISH_VOICE])
    button = listen(page, ES)
    expect(button).to_be_visible()
    expect(page.get_by_role("group", name=ES["read_aloud_label"])).to_contain_text(
        ES["read_aloud_listen"]
    )
    button.click()
    expect(control(page, "read_aloud_pause", ES)).to_be_visible()
    title = page.locator(".stretch-warning .admonition-title").text_content()
    assert speaking(page)[0].startswith(title)
    entries = read_to_the_end(page)
    assert {(e["lang"], e["voice"]) for e in entries} == {("es", SPANISH_VOICE["name"])}
    assert status(entries[0]) == ES["read_aloud_reading_warning"]
    step_1 = ES["read_aloud_step_said"].format(
        n=1, text=page.locator(".stretch-warning ~ ol li").first.text_content()
    )
    assert step_1 in [e["text"] for e in entries]
    assert any(e["text"].startswith(ES["start_position"]) for e in entries)


def test_a_routine_is_read_stretch_by_stretch_after_its_warning(page: Page, site_url: str) -> None:
    errors = open_page(page, site_url + ROUTINE)
    listen(page).click()
    entries = read_to_the_end(page)
    routine = LIBRARY.routines["four-stretches-for-lower-back-pain"]
    slugs = [item.stretch for item in routine.stretches]
    assert parts(entries) == routine_parts(slugs)
    assert entries[0]["text"].startswith(LIBRARY.safety.warnings[routine.warning].title)
    names = said(entries, EN["read_aloud_reading_stretch"].format(n=2, total=4))
    assert names == f"2. {LIBRARY.stretches[slugs[1]].title}"
    # Each stretch's own cautions between its name and its start position.
    cautions = [e["text"] for e in entries if status(e) == EN["read_aloud_reading_cautions"]]
    spoken_cautions = " ".join(cautions)
    for slug in slugs:
        for caution in stretch_expectations(slug)[0]:
            assert caution in spoken_cautions
    assert errors == []


def test_a_shared_routine_is_read_once_it_is_shown(browser: Browser, site_url: str) -> None:
    # No service worker: the routine's library must come through page.route to be held back.
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        held: list[Route] = []
        page.route(LIBRARY_FILE, lambda route: held.append(route))
        errors = open_page(page, site_url + "/my-routine/" + SHARED_LINK, late_ms=0)
        page.wait_for_timeout(300)
        assert len(held) == 1
        expect(page.locator(".read-aloud")).to_have_count(0)  # its warning, but no steps yet
        held[0].continue_()
        page.unroute(LIBRARY_FILE)
        expect(page.locator(".routine-stretch").first).to_be_visible()
        expect(listen(page)).to_be_visible()
        listen(page).click()
        entries = read_to_the_end(page)
        shared = ["hip-stretch", "knee-to-chest", "hamstring-stretch"]
        assert parts(entries) == routine_parts(shared)
        assert entries[0]["text"].startswith("When to stop")
        knee = stretch_expectations("knee-to-chest")
        assert said(entries, step_status(2, len(knee[2]))).count(knee[2][1]) == 1
        assert errors == []

        # A broken link shows no routine: nothing to read, no button.
        page.goto(site_url + "/my-routine/#v=2&s=not-a-stretch:30:5-10:2")
        expect(page.locator(".routine-problem")).to_be_visible()
        page.wait_for_timeout(300)
        expect(page.locator(".read-aloud")).to_have_count(0)
    finally:
        context.close()


def test_a_new_link_on_the_shared_routine_stops_the_old_one(page: Page, site_url: str) -> None:
    open_page(page, site_url + "/my-routine/" + SHARED_LINK)
    listen(page).click()
    control(page, "read_aloud_next").click()
    page.evaluate("location.hash = '#v=2&s=knee-to-chest:45:3-8:3'")
    expect(page.locator(".routine-stretch")).to_have_count(1)
    expect(listen(page)).to_have_attribute("aria-pressed", "false")
    assert speaking(page) == []


def test_keyboard_alone(page: Page, site_url: str) -> None:
    open_page(page, site_url + KNEE)
    _, start, steps = stretch_expectations("knee-to-chest")
    expect(listen(page)).to_be_visible()
    tab_to(page, EN["read_aloud_listen"], limit=150)
    page.keyboard.press("Enter")
    expect(listen(page)).to_have_attribute("aria-pressed", "true")
    assert len(speaking(page)) == 1

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == EN["read_aloud_pause"]
    page.keyboard.press("Space")
    expect(control(page, "read_aloud_resume")).to_be_focused()
    assert speaking(page) == []
    page.keyboard.press("Space")
    expect(control(page, "read_aloud_pause")).to_be_focused()
    assert len(speaking(page)) == 1

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(control(page, "read_aloud_next")).to_be_focused()
    page.keyboard.press("Enter")
    assert speaking(page) == [start]
    page.keyboard.press("Enter")
    assert speaking(page) == [steps[0]]

    page.keyboard.press("Tab")
    expect(control(page, "read_aloud_stop")).to_be_focused()
    page.keyboard.press("Enter")
    assert speaking(page) == []
    expect(listen(page)).to_be_focused()  # the focus is not lost with the closed controls
    expect(listen(page)).to_have_attribute("aria-pressed", "false")
    expect(live_status(page)).to_have_text(EN["read_aloud_stopped"])

    page.keyboard.press("Enter")  # Listen again, then Escape
    assert len(speaking(page)) == 1
    page.keyboard.press("Escape")
    assert speaking(page) == []
    expect(listen(page)).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_with_the_controls_open(
    browser: Browser, site_url: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        open_page(page, site_url + KNEE)
        wanted = "slate" if scheme == "dark" else "default"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", wanted)
        listen(page).click()
        for _ in range(3):
            control(page, "read_aloud_next").click()  # a step highlighted
        expect(page.locator("li.read-aloud-current")).to_have_count(1)
        page.wait_for_timeout(600)  # the gentle scroll settles
        assert axe_violations(page) == []
        control(page, "read_aloud_pause").click()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_big_buttons_no_inline_styles_and_not_on_paper(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, site_url + KNEE)
    listen(page).click()
    buttons = page.locator(".read-aloud button")
    expect(buttons).to_have_count(5)
    for box in [buttons.nth(i).bounding_box() for i in range(5)]:
        assert box and box["width"] >= 44 and box["height"] >= 44
    assert page.locator(".read-aloud [style], .read-aloud-current[style]").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.emulate_media(media="print")
    expect(page.locator(".read-aloud")).to_be_hidden()


def test_stop_listen_again_leaving_and_hiding_the_page_silence_the_voice(
    page: Page, site_url: str
) -> None:
    open_page(page, site_url + KNEE)

    listen(page).click()
    control(page, "read_aloud_stop").click()
    assert speaking(page) == []
    expect(page.locator(".read-aloud-current")).to_have_count(0)
    count = len(spoken(page))
    assert not finish(page) and len(spoken(page)) == count  # nothing carries on

    listen(page).click()
    assert len(speaking(page)) == 1
    listen(page).click()  # pressing it again stops it
    assert speaking(page) == []
    expect(listen(page)).to_have_attribute("aria-pressed", "false")

    listen(page).click()
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    assert speaking(page) == []
    expect(listen(page)).to_have_attribute("aria-pressed", "false")

    listen(page).click()
    page.evaluate(
        "Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'))"
    )
    assert speaking(page) == []
    expect(control(page, "read_aloud_resume")).to_be_visible()  # back in the tab: Resume
