"""The hold timer heard and felt: tones, spoken words and vibration, on a fake clock.

The browser's sound, speech and vibration are replaced by stand-ins that record what would have
been played, said and vibrated, and when (`window.__cues`). A patient lying on the floor hears a
tone as each hold starts and a different one as it ends, can have "Hold", "10 seconds left" and
"Relax" said out loud in the page's language, feels the phone vibrate, and can switch it all off.

The knee to chest stretch: a 5 second lead-in, then a 30 second hold, on the right side first.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import axe_violations
from .test_timer import CLOCK_START, KNEE, add_timer

pytestmark = pytest.mark.browser
KNEE_ES = "/es/stretches/knee-to-chest/"
ROUTINE = "/routines/four-stretches-for-lower-back-pain/"
LEAD_IN_MS = 5_000
HOLD_MS = 30_000
STORE_KEY = "stretch-timer-sound"
HOLD = "Hold the stretch gently. Keep breathing."
RIGHT_HOLD = f"Right side. {HOLD}"
RELAX = "Done. Slowly go back to the start position."
EN_VOICE = {"lang": "en-GB", "name": "English", "localService": True}
ES_VOICE = {"lang": "es-ES", "name": "Español", "localService": True}
LATE_MS = 400  # a cue may come up to a tick (250 ms) after its moment
THEME_STORAGE = "__md_get"  # Material's own storage reads, which fail when storage is blocked

# Stand-ins for Web Audio, speech and vibration. Each records what a patient would notice, with
# the page's (fake) clock time. A stand-in voice goes on speaking until it is cancelled, so any
# words said over other words show up as `over: true`.
STUBS = """
(() => {
  const config = %s;
  const cues = [];
  window.__cues = cues;
  const now = () => Date.now();
  const activated = () => !!(navigator.userActivation && navigator.userActivation.isActive);

  class Param {
    constructor(value) { this.value = value; this.peak = value; }
    setValueAtTime(value) { this.value = value; this.peak = value; return this; }
    linearRampToValueAtTime(value) { this.peak = Math.max(this.peak, value); return this; }
    exponentialRampToValueAtTime(value) { this.peak = Math.max(this.peak, value); return this; }
    setTargetAtTime(value) { this.peak = Math.max(this.peak, value); return this; }
    cancelScheduledValues() { return this; }
  }
  class Node {
    connect(node) { this.out = node; return node; }
    disconnect() { this.out = null; }
  }
  class FakeAudioContext {
    constructor() {
      this.state = 'running';
      this.destination = new Node();
      this.born = performance.now();
      cues.push({ kind: 'context', at: now(), activated: activated() });
    }
    get currentTime() { return (performance.now() - this.born) / 1000; }
    resume() {
      cues.push({ kind: 'resume', at: now(), activated: activated() });
      this.state = 'running';
      return Promise.resolve();
    }
    suspend() { this.state = 'suspended'; return Promise.resolve(); }
    close() { this.state = 'closed'; return Promise.resolve(); }
    createGain() { const gain = new Node(); gain.gain = new Param(1); return gain; }
    createOscillator() {
      const context = this;
      const osc = new Node();
      osc.type = 'sine';
      osc.frequency = new Param(440);
      osc.start = (when) => {
        const gain = osc.out;
        osc.cue = {
          kind: 'tone', at: now(), frequency: osc.frequency.value, type: osc.type,
          delay: Math.max(0, (when || 0) - context.currentTime), startAt: when || 0,
          audible: !!gain && gain.out === context.destination,
          volume: gain && gain.gain ? gain.gain.peak : 1,
        };
        cues.push(osc.cue);
      };
      osc.stop = (when) => { if (osc.cue) osc.cue.length = (when || 0) - osc.cue.startAt; };
      return osc;
    }
  }
  if (config.audio) {
    window.AudioContext = FakeAudioContext;
    window.webkitAudioContext = FakeAudioContext;
  } else {
    delete window.AudioContext;
    delete window.webkitAudioContext;
  }

  const voices = config.voices.map((voice) => Object.assign({ default: false }, voice));
  const synth = new EventTarget();
  synth.speaking = false;
  synth.pending = false;
  synth.paused = false;
  synth.getVoices = () => voices.slice();
  synth.speak = (utterance) => {
    cues.push({
      kind: 'say', at: now(), text: utterance.text, lang: utterance.lang,
      voice: utterance.voice ? utterance.voice.lang : null,
      volume: utterance.volume, over: synth.speaking,
    });
    synth.speaking = utterance.text !== '';
  };
  synth.cancel = () => { cues.push({ kind: 'cancel', at: now() }); synth.speaking = false; };
  synth.pause = () => {};
  synth.resume = () => {};
  window.__addVoice = (voice) => {
    voices.push(voice);
    synth.dispatchEvent(new Event('voiceschanged'));
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.volume = 1; }
  };

  if (config.vibrate) {
    const vibrate = (pattern) => {
      cues.push({ kind: 'vibrate', at: now(), pattern: [].concat(pattern) });
      return true;
    };
    Object.defineProperty(Navigator.prototype, 'vibrate', { value: vibrate, configurable: true });
  } else {
    delete Navigator.prototype.vibrate;
  }

  if (config.blockStorage) {  // as a browser set to block all site data does
    window.__storageTries = [];
    Object.defineProperty(window, 'localStorage', {
      get() {
        const error = new Error('The storage is blocked.');
        error.name = 'SecurityError';
        window.__storageTries.push(error.stack);
        throw error;
      },
      configurable: true,
    });
  }
})();
"""


def stub(
    page: Page,
    voices: list[dict[str, Any]] | None = None,
    vibrate: bool = True,
    audio: bool = True,
    block_storage: bool = False,
) -> None:
    config = {
        "voices": [EN_VOICE, ES_VOICE] if voices is None else voices,
        "vibrate": vibrate,
        "audio": audio,
        "blockStorage": block_storage,
    }
    page.add_init_script(STUBS % json.dumps(config))


@pytest.fixture
def errors(page: Page) -> Iterator[list[str]]:
    """The page's uncaught errors: none is allowed by the end of the test."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"{error.message}\n{error.stack}"))
    yield found
    assert found == []


def open_page(page: Page, url: str) -> None:
    """Load the page on a fake clock, then stop the clock: only `run_for` moves it on."""
    page.clock.install(time=CLOCK_START)
    page.goto(url)
    page.clock.pause_at(CLOCK_START + datetime.timedelta(minutes=1))


def cues(page: Page, *kinds: str) -> list[dict[str, Any]]:
    return [cue for cue in page.evaluate("window.__cues") if not kinds or cue["kind"] in kinds]


def said(page: Page) -> list[dict[str, Any]]:
    """The words said out loud (a silent, empty utterance that wakes speech on a tap aside)."""
    return [cue for cue in cues(page, "say") if cue["text"] and cue["volume"] > 0]


def now(page: Page) -> int:
    return page.evaluate("Date.now()")


def tones_between(page: Page, start: int, end: int) -> list[dict[str, Any]]:
    return [cue for cue in cues(page, "tone") if start <= cue["at"] <= end]


def option(timer: Locator, name: str) -> Locator:
    return timer.get_by_role("checkbox", name=name)


def knee_timer(page: Page) -> Locator:
    return page.locator(".stretch-timer").first


def tap_start(timer: Locator) -> int:
    """Tap the main button; returns the page's clock time of the tap."""
    moment = now(timer.page)
    timer.locator(".stretch-timer__button--main").click()
    return moment


BEEP = "Beep when each hold starts (1 beep) and ends (2 beeps)"
SPEAK = "Say out loud when each hold starts and ends"
VIBRATE = "Vibrate when each hold starts and ends"
QUIET = "Quiet: no sound or vibration"


def test_a_tone_and_a_vibration_as_each_hold_starts_and_a_different_one_as_it_ends(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    expect(option(timer, BEEP)).to_be_checked()  # on until switched off
    expect(option(timer, VIBRATE)).to_be_checked()
    expect(option(timer, SPEAK)).not_to_be_checked()  # spoken words are optional
    expect(option(timer, QUIET)).not_to_be_checked()

    tapped = tap_start(timer)
    page.clock.run_for(LEAD_IN_MS - 500)
    assert cues(page, "tone", "vibrate") == []  # nothing while getting into position
    page.clock.run_for(600)
    hold_start = tapped + LEAD_IN_MS
    start_tones = tones_between(page, hold_start, hold_start + LATE_MS)
    assert len(start_tones) == 1
    assert [c["pattern"] for c in cues(page, "vibrate")] == [[200]]

    page.clock.run_for(HOLD_MS - 1_000)
    assert len(cues(page, "tone")) == 1  # nothing more during the hold
    page.clock.run_for(1_000)
    hold_end = hold_start + HOLD_MS
    end_tones = tones_between(page, hold_end, hold_end + LATE_MS)
    assert len(end_tones) == 2
    assert len(cues(page, "tone")) == 3
    assert [c["pattern"] for c in cues(page, "vibrate")] == [[200], [150, 120, 150]]
    expect(timer.locator("[role=status]")).to_have_text(  # screen readers still get the words
        "Hold finished. Right side: 1 of 5 done. Relax. Press Start for the next one."
    )

    for tone in start_tones + end_tones:  # short, gentle sine tones that reach the speaker
        assert tone["type"] == "sine" and tone["audible"]
        assert 0.15 <= tone["length"] <= 0.4
        assert 0 < tone["volume"] <= 0.3
    # One tone to start, two to end (the second lower and later): told apart without looking.
    assert end_tones[0]["delay"] < end_tones[1]["delay"]
    assert end_tones[1]["frequency"] < end_tones[0]["frequency"]
    assert said(page) == []  # spoken words were not switched on


def test_hold_ten_seconds_left_and_relax_are_said_at_the_right_moments(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    option(timer, SPEAK).check()
    assert said(page) == []  # choosing spoken words says nothing yet

    page.evaluate(
        "window.__told = 0; document.addEventListener('stretch-timer-speaks', () => __told++)"
    )
    tapped = tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + HOLD_MS + 500)
    words = said(page)
    assert [w["text"] for w in words] == [RIGHT_HOLD, "10 seconds left.", RELAX]
    assert page.evaluate("window.__told") == 3  # read-aloud.js pauses its reading for each
    moments = [tapped + LEAD_IN_MS, tapped + LEAD_IN_MS + HOLD_MS - 10_000]
    moments.append(tapped + LEAD_IN_MS + HOLD_MS)
    for word, moment in zip(words, moments, strict=True):
        assert moment <= word["at"] <= moment + LATE_MS, word
        assert word["lang"] == "en" and word["voice"] == "en-GB"
    # The stand-in voice is still talking when the next words come: they replace it.
    assert not any(cue["over"] for cue in cues(page, "say"))
    expect(timer.locator("[role=status]")).to_contain_text("Hold finished.")

    # Pause stops the words at once; nothing is said while paused.
    timer.locator(".stretch-timer__button--main").click()
    page.clock.run_for(LEAD_IN_MS + 21_000)  # 10 seconds into the next hold
    timer.locator(".stretch-timer__button--main").click()  # Pause
    assert page.evaluate("window.speechSynthesis.speaking") is False
    page.clock.run_for(60_000)
    assert [w["text"] for w in said(page)][3:] == [RIGHT_HOLD, "10 seconds left."]


def test_a_short_hold_has_no_ten_seconds_left_and_one_side_says_no_side(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + KNEE)
    option(knee_timer(page), SPEAK).check()
    timer = add_timer(
        page, "short", hold_seconds="15", reps_min="1", reps_max="1", sides="one"
    )  # no lead-in: the hold starts with the tap
    tap_start(timer)
    page.clock.run_for(16_000)
    assert [w["text"] for w in said(page)] == [HOLD, RELAX]


def test_after_the_phone_slept_only_the_cues_still_true_are_given(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    option(timer, SPEAK).check()
    tap_start(timer)
    # Asleep from the tap until 7 seconds before the end of the hold: the page's clock jumps and
    # its timers run once. "Hold" and "10 seconds left" would now be wrong; "Relax" is not.
    page.clock.fast_forward(LEAD_IN_MS + HOLD_MS - 7_000)
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:07")
    assert cues(page, "tone", "vibrate") == [] and said(page) == []
    page.clock.run_for(7_500)
    assert len(cues(page, "tone")) == 2  # the end's two tones
    assert [c["pattern"] for c in cues(page, "vibrate")] == [[150, 120, 150]]
    assert [w["text"] for w in said(page)] == [RELAX]

    tap_start(timer)  # asleep through the whole of the next hold: only that it has ended
    page.clock.fast_forward(LEAD_IN_MS + HOLD_MS + 5_000)
    expect(timer.locator(".stretch-timer__count")).to_have_text("Right side: 2 of 5 done")
    assert len(cues(page, "tone")) == 4
    assert [w["text"] for w in said(page)] == [RELAX, RELAX]


def test_the_spanish_page_speaks_spanish(page: Page, site_url: str, errors: list[str]) -> None:
    stub(page)
    open_page(page, site_url + KNEE_ES)
    assert page.evaluate("document.documentElement.lang") == "es"
    timer = knee_timer(page)
    expect(timer.get_by_role("group", name="Sonido y vibración")).to_be_visible()
    spoken = option(timer, "Avisos de voz al empezar y al terminar cada estiramiento")
    spoken.check()
    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + HOLD_MS + 500)
    words = said(page)
    assert [w["text"] for w in words] == [
        "Lado derecho. Mantenga el estiramiento con suavidad. Siga respirando.",
        "Quedan 10 segundos.",
        "Ya está. Vuelva despacio a la posición inicial.",
    ]
    assert {(w["lang"], w["voice"]) for w in words} == {("es", "es-ES")}


def test_nothing_sounds_and_no_audio_is_made_before_the_first_tap_on_start(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    page.add_init_script(  # every cue switched on, as a patient may have left them
        f"localStorage.setItem('{STORE_KEY}', "
        "JSON.stringify({quiet: false, tones: true, speech: true, vibrate: true}))"
    )
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    expect(option(timer, SPEAK)).to_be_checked()
    page.clock.run_for(120_000)
    option(timer, BEEP).uncheck()  # taps that are not Start make no sound either
    option(timer, BEEP).check()
    timer.get_by_role("button", name="Reset").click()
    assert cues(page) == []  # no AudioContext, no tone, no words, no vibration

    tapped = tap_start(timer)
    made = cues(page, "context", "resume")
    assert made and made[0]["kind"] == "context" and made[0]["at"] == tapped
    assert all(cue["activated"] for cue in made)  # inside the tap, as autoplay rules ask
    page.clock.run_for(LEAD_IN_MS + 500)
    assert len(cues(page, "tone")) == 1
    assert [w["text"] for w in said(page)] == [RIGHT_HOLD]


def test_quiet_switches_every_sound_and_vibration_off(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    option(timer, SPEAK).check()
    option(timer, QUIET).check()
    for name in (BEEP, SPEAK, VIBRATE):  # shown off, and left alone until Quiet is off
        expect(option(timer, name)).not_to_be_checked()
        expect(option(timer, name)).to_be_disabled()

    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + HOLD_MS + 500)
    expect(timer.locator("[role=status]")).to_contain_text("Hold finished.")  # still for readers
    assert cues(page, "context", "tone", "say", "vibrate") == []

    option(timer, QUIET).uncheck()  # the choices come back as they were
    for name in (BEEP, SPEAK, VIBRATE):
        expect(option(timer, name)).to_be_checked()
        expect(option(timer, name)).to_be_enabled()


def test_the_choices_are_remembered_on_this_device(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + KNEE)
    theme_keys = page.evaluate("Object.keys(localStorage)")  # Material's own, if any
    assert STORE_KEY not in theme_keys  # nothing is stored until a choice is made
    timer = knee_timer(page)
    option(timer, BEEP).focus()  # with the keyboard: Space ticks and unticks
    page.keyboard.press("Space")
    option(timer, SPEAK).focus()
    page.keyboard.press("Space")
    expect(option(timer, BEEP)).not_to_be_checked()
    expect(option(timer, SPEAK)).to_be_checked()

    page.reload()
    timer = knee_timer(page)
    expect(option(timer, BEEP)).not_to_be_checked()
    expect(option(timer, SPEAK)).to_be_checked()
    expect(option(timer, VIBRATE)).to_be_checked()
    expect(option(timer, QUIET)).not_to_be_checked()
    stored = set(page.evaluate("Object.keys(localStorage)")) - set(theme_keys)
    assert stored == {STORE_KEY}  # one small key
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE_KEY}')"))
    assert saved == {"quiet": False, "tones": False, "speech": True, "vibrate": True}

    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + 500)
    assert cues(page, "tone") == []
    assert [w["text"] for w in said(page)] == [RIGHT_HOLD]


def test_every_timer_on_a_page_shows_the_same_choices(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page)
    open_page(page, site_url + ROUTINE)
    timers = page.locator(".stretch-timer")
    expect(timers).to_have_count(4)
    option(timers.nth(2), QUIET).check()
    for number in range(4):
        expect(option(timers.nth(number), QUIET)).to_be_checked()
    ids = page.evaluate("[...document.querySelectorAll('.stretch-timer input')].map(i => i.id)")
    assert len(ids) == len(set(ids)) == 16  # each label names its own checkbox


def test_with_storage_blocked_the_timer_and_its_choices_still_work(
    page: Page, site_url: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error.message}\n{error.stack}"))
    stub(page, block_storage=True)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    expect(option(timer, BEEP)).to_be_checked()
    option(timer, BEEP).uncheck()
    option(timer, SPEAK).check()
    expect(option(timer, SPEAK)).to_be_checked()
    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + 500)
    assert cues(page, "tone") == []
    assert [w["text"] for w in said(page)] == [RIGHT_HOLD]
    # The theme's own reads (__md_get) fail uncaught; the timer tried, and caught its failures.
    tries = page.evaluate("window.__storageTries")
    assert sum(THEME_STORAGE not in stack for stack in tries) >= 2  # read, then a choice saved
    assert [error for error in errors if THEME_STORAGE not in error] == []


def test_the_spoken_option_is_hidden_without_a_voice_for_the_page_language(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page, voices=[ES_VOICE, {"lang": "en-US", "name": "Online", "localService": False}])
    page.add_init_script(f"localStorage.setItem('{STORE_KEY}', JSON.stringify({{speech: true}}))")
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    expect(timer.get_by_role("group", name="Sound and vibration")).to_be_visible()
    expect(option(timer, BEEP)).to_be_visible()
    expect(timer.locator(".stretch-timer__option", has_text=SPEAK)).to_be_hidden()
    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + 500)
    assert said(page) == []  # not in a Spanish voice, nor sent to an online one

    # Browsers may list their voices a moment after the page loads.
    page.evaluate("window.__addVoice({lang: 'en-GB', name: 'English', localService: true})")
    expect(option(timer, SPEAK)).to_be_visible()
    expect(option(timer, SPEAK)).to_be_checked()


def test_the_vibration_option_is_hidden_where_the_phone_cannot_vibrate(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page, vibrate=False)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    assert page.evaluate("typeof navigator.vibrate") == "undefined"
    expect(option(timer, BEEP)).to_be_visible()
    expect(timer.locator(".stretch-timer__option", has_text=VIBRATE)).to_be_hidden()
    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + HOLD_MS + 500)
    assert len(cues(page, "tone")) == 3


def test_with_nothing_to_offer_the_choices_are_hidden(
    page: Page, site_url: str, errors: list[str]
) -> None:
    stub(page, voices=[], vibrate=False, audio=False)
    open_page(page, site_url + KNEE)
    timer = knee_timer(page)
    expect(timer.locator(".stretch-timer__sound")).to_be_hidden()
    tap_start(timer)
    page.clock.run_for(LEAD_IN_MS + HOLD_MS + 500)
    expect(timer.locator("[role=status]")).to_contain_text("Hold finished.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_choices_are_accessible_and_large_enough_to_tap(
    browser: Browser, site_url: str, scheme: str
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, color_scheme=scheme
    )
    try:
        page = context.new_page()
        stub(page)
        page.goto(site_url + KNEE)
        material = "slate" if scheme == "dark" else "default"
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material)
        timer = knee_timer(page)
        labels = timer.locator(".stretch-timer__option")
        expect(labels).to_have_count(4)
        for label in labels.all():
            box = label.bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44
        assert axe_violations(page) == []
        option(timer, QUIET).check()  # the other choices shown off and unavailable
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_choices_are_not_printed(page: Page, site_url: str) -> None:
    stub(page)
    page.goto(site_url + KNEE)
    sound = knee_timer(page).locator(".stretch-timer__sound")
    expect(sound).to_be_visible()
    page.emulate_media(media="print")
    expect(sound).to_be_hidden()
