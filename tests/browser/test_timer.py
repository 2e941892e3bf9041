"""The hold timer, used with the keyboard alone, on a fake clock (no waiting in real time).

The knee to chest stretch: a 5 second lead-in (LEAD_IN_SECONDS), a 30 second hold, 5 to 10
repeats on each side, all on the right side first, then the same number on the left.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser
KNEE = "/stretches/knee-to-chest/"
LEAD_IN_MS = 5_000
HOLD_MS = 30_000
ONE_REPEAT_MS = LEAD_IN_MS + HOLD_MS + 500
CLOCK_START = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=datetime.UTC)


def tab_to(page: Page, label: str, limit: int = 80) -> None:
    """Press Tab until the focused element is the button with this label, as a keyboard user."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.tagName + ':' + document.activeElement.textContent.trim()"
        )
        if focused == f"BUTTON:{label}":
            return
    pytest.fail(f"could not reach the {label} button with the Tab key")


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def goto_with_stopped_clock(page: Page, url: str) -> None:
    """Load the page on a fake clock, then stop the clock: from then on only `run_for` moves it,
    so that a slow test machine cannot move the timer on while a check waits."""
    page.clock.install(time=CLOCK_START)
    page.goto(url)
    page.clock.pause_at(CLOCK_START + datetime.timedelta(minutes=1))


def open_knee_timer(page: Page, site_url: str) -> Locator:
    goto_with_stopped_clock(page, site_url + KNEE)
    return page.locator(".stretch-timer").first


def add_timer(page: Page, id_: str, **attributes: str) -> Locator:
    """A timer with these data- attributes, added after loading as the shared routine page does."""
    page.evaluate(
        """([id, attributes]) => {
            const root = document.createElement('div');
            root.className = 'stretch-timer';
            root.id = id;
            for (const [name, value] of Object.entries(attributes)) root.setAttribute(name, value);
            const fallback = document.createElement('p');
            fallback.className = 'stretch-timer__fallback';
            fallback.textContent = 'Hold for 10 seconds.';
            root.append(fallback);
            document.querySelector('article').append(root);
            window.StretchTimers.init();
        }""",
        [id_, {f"data-{name.replace('_', '-')}": value for name, value in attributes.items()}],
    )
    return page.locator(f"#{id_}")


def test_start_counts_down_the_lead_in_before_the_hold(page: Page, site_url: str) -> None:
    timer = open_knee_timer(page, site_url)
    live = timer.locator("[role=status]")
    status = timer.locator(".stretch-timer__status")
    time = timer.locator(".stretch-timer__time")
    expect(time).to_have_text("0:30")
    expect(status).to_have_text("Press Start. You then have 5 seconds to get into position.")

    tab_to(page, "Start")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Right side. Get into position. The hold starts in 5 seconds.")
    expect(status).to_have_text("Get into position: 5")
    expect(time).to_have_text("0:05")
    expect(timer.locator(".stretch-timer__time-label")).to_have_text("until the hold starts")
    page.clock.run_for(2_100)
    expect(status).to_have_text("Get into position: 3")
    expect(time).to_have_text("0:03")
    page.clock.run_for(2_500)  # 4.6 seconds in: still getting into position
    expect(time).to_have_text("0:01")
    expect(live).to_have_text("Right side. Get into position. The hold starts in 5 seconds.")

    page.clock.run_for(500)  # the lead-in is over: the whole hold is still to come
    expect(live).to_have_text("Hold now, for 30 seconds.")
    expect(status).to_have_text("Hold the stretch gently. Keep breathing.")
    expect(time).to_have_text("0:30")
    expect(timer.locator(".stretch-timer__time-label")).to_have_text("time left")
    page.clock.run_for(15_000)
    expect(live).to_have_text("Halfway. 15 seconds left.")
    page.clock.run_for(15_000)
    expect(timer.locator(".stretch-timer__count")).to_have_text("Right side: 1 of 5 done")
    expect(live).to_have_text(
        "Hold finished. Right side: 1 of 5 done. Relax. Press Start for the next one."
    )
    assert focused_text(page) == "Start"  # focus stayed on the same button


def test_all_repeats_on_the_right_side_then_as_many_on_the_left(page: Page, site_url: str) -> None:
    timer = open_knee_timer(page, site_url)
    live = timer.locator("[role=status]")
    side = timer.locator(".stretch-timer__side")
    count = timer.locator(".stretch-timer__count")
    status = timer.locator(".stretch-timer__status")
    change = timer.locator(".stretch-timer__button--side")
    expect(timer.locator(".stretch-timer__aim")).to_have_text(
        "Aim for 5 to 10. Do them all on your right side, then the same number on your left."
    )
    expect(side).to_have_text("Right side")
    expect(count).to_have_text("Right side: 0 of 5 done")
    expect(change).to_be_hidden()

    tab_to(page, "Start")
    for done in range(1, 5):
        page.keyboard.press("Enter")
        expect(live).to_contain_text("Right side. Get into position.")
        page.clock.run_for(ONE_REPEAT_MS)
        expect(side).to_have_text("Right side")
        expect(count).to_have_text(f"Right side: {done} of 5 done")
        expect(status).to_have_text("Relax. Press Start for the next one.")
        expect(change).to_be_hidden()  # not before the fewest are done

    page.keyboard.press("Enter")
    page.clock.run_for(ONE_REPEAT_MS)
    expect(side).to_have_text("Right side")
    expect(count).to_have_text("Right side: 5 of 10 done")
    choice = "You can change to your left side now, or press Start to do more, up to 10."
    expect(status).to_have_text(choice)
    expect(change).to_be_visible()
    box = change.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44

    page.keyboard.press("Enter")  # one more on the right side
    expect(live).to_have_text("Right side. Get into position. The hold starts in 5 seconds.")
    expect(change).to_be_hidden()
    page.clock.run_for(ONE_REPEAT_MS)
    expect(count).to_have_text("Right side: 6 of 10 done")
    expect(status).to_have_text(choice)

    tab_to(page, "Change to left side")
    page.keyboard.press("Enter")
    expect(side).to_have_text("Left side")
    expect(status).to_have_text("Change to your left side. Press Start when you are ready.")
    expect(live).to_have_text("Change to your left side. Press Start when you are ready.")
    expect(count).to_have_text("Left side: 0 of 6 done")  # as many as on the right side
    expect(change).to_be_hidden()
    assert focused_text(page) == "Start"  # the focus is not lost with the hidden button

    for done in range(1, 6):
        page.keyboard.press("Enter")
        expect(live).to_have_text("Left side. Get into position. The hold starts in 5 seconds.")
        page.clock.run_for(ONE_REPEAT_MS)
        expect(side).to_have_text("Left side")
        expect(count).to_have_text(f"Left side: {done} of 6 done")
        expect(status).to_have_text("Relax. Press Start for the next one.")
    page.keyboard.press("Enter")
    page.clock.run_for(ONE_REPEAT_MS)
    expect(count).to_have_text("Left side: 6 of 6 done")
    expect(status).to_have_text("All done. Well done.")
    expect(timer.locator(".stretch-timer__button--main")).to_have_text("Start again")


def test_after_the_most_on_the_right_side_the_timer_changes_to_the_left(
    page: Page, site_url: str
) -> None:
    goto_with_stopped_clock(page, site_url + KNEE)
    timer = add_timer(
        page,
        "two-each-side",
        lead_in_seconds="5",
        hold_seconds="10",
        reps_min="2",
        reps_max="2",
        sides="both",
    )
    live = timer.locator("[role=status]")
    main = timer.locator(".stretch-timer__button--main")
    main.click()
    page.clock.run_for(15_500)
    expect(timer.locator(".stretch-timer__count")).to_have_text("Right side: 1 of 2 done")
    main.click()
    page.clock.run_for(15_500)
    expect(live).to_have_text(
        "Hold finished. Right side: 2 of 2 done."
        " Change to your left side. Press Start when you are ready."
    )
    expect(timer.locator(".stretch-timer__side")).to_have_text("Left side")
    expect(timer.locator(".stretch-timer__count")).to_have_text("Left side: 0 of 2 done")
    expect(timer.locator(".stretch-timer__button--side")).to_be_hidden()  # nothing to choose


def test_pause_and_reset_work_while_getting_into_position(page: Page, site_url: str) -> None:
    timer = open_knee_timer(page, site_url)
    live = timer.locator("[role=status]")
    time = timer.locator(".stretch-timer__time")
    main = timer.locator(".stretch-timer__button--main")
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    page.clock.run_for(2_000)
    page.keyboard.press("Enter")
    expect(main).to_have_text("Resume")
    expect(live).to_have_text("Paused. Press Resume to carry on.")
    page.clock.run_for(60_000)  # the hold does not start on its own
    expect(live).to_have_text("Paused. Press Resume to carry on.")
    expect(time).to_have_text("0:05")  # the whole lead-in again, after a pause
    expect(timer.locator(".stretch-timer__count")).to_have_text("Right side: 0 of 5 done")

    page.keyboard.press("Enter")
    expect(live).to_have_text("Right side. Get into position. The hold starts in 5 seconds.")
    page.clock.run_for(4_500)
    expect(time).to_have_text("0:01")
    page.clock.run_for(600)
    expect(live).to_have_text("Hold now, for 30 seconds.")

    page.clock.run_for(HOLD_MS)
    page.keyboard.press("Enter")  # the next repeat, reset while getting into position
    page.clock.run_for(1_000)
    tab_to(page, "Reset")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Timer reset. Right side: 0 of 5 done.")
    page.clock.run_for(10_000)
    expect(time).to_have_text("0:30")
    expect(main).to_have_text("Start")
    expect(timer.locator(".stretch-timer__status")).to_have_text(
        "Press Start. You then have 5 seconds to get into position."
    )


def test_timer_pauses_resumes_and_resets(page: Page, site_url: str) -> None:
    timer = open_knee_timer(page, site_url)
    live = timer.locator("[role=status]")
    tab_to(page, "Start")
    page.keyboard.press("Enter")
    page.clock.run_for(LEAD_IN_MS + 10_000)
    page.keyboard.press("Enter")
    expect(timer.locator(".stretch-timer__button--main")).to_have_text("Resume")
    expect(live).to_have_text("Paused. 20 seconds left.")
    page.clock.run_for(60_000)
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:20")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Resumed. 20 seconds left.")
    tab_to(page, "Reset")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Timer reset. Right side: 0 of 5 done.")
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:30")


def test_a_missing_or_bad_lead_in_means_none_and_a_long_one_is_cut_to_30_seconds(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + KNEE)
    one_side = {"hold_seconds": "10", "reps_min": "3", "reps_max": "3", "sides": "one"}
    for number, lead_in in enumerate([None, "soon", "-3", "2.5", "0"]):
        extra = {} if lead_in is None else {"lead_in_seconds": lead_in}
        timer = add_timer(page, f"no-lead-in-{number}", **one_side, **extra)
        expect(timer.locator(".stretch-timer__status")).to_have_text(
            "Get into position, then press Start."
        )
        timer.locator(".stretch-timer__button--main").click()
        expect(timer.locator("[role=status]")).to_have_text("Hold for 10 seconds.")

    timer = add_timer(page, "long-lead-in", lead_in_seconds="999", **one_side)
    expect(timer.locator(".stretch-timer__status")).to_have_text(
        "Press Start. You then have 30 seconds to get into position."
    )
    expect(timer.locator(".stretch-timer__side")).to_have_count(0)  # one side: the plain count
    expect(timer.locator(".stretch-timer__count")).to_have_text("Done: 0 of 3")
    expect(timer.locator(".stretch-timer__aim")).to_have_text("Aim for 3.")
    timer.locator(".stretch-timer__button--main").click()
    expect(timer.locator("[role=status]")).to_have_text(
        "Get into position. The hold starts in 30 seconds."
    )
    expect(timer.locator(".stretch-timer__time")).to_have_text("0:30")


def test_timer_buttons_are_large_enough_to_tap(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + KNEE)
        buttons = page.locator(".stretch-timer button:visible").all()
        assert len(buttons) >= 2
        for button in buttons:
            box = button.bounding_box()
            assert box is not None and box["height"] >= 44 and box["width"] >= 44
    finally:
        context.close()


def test_without_javascript_the_dose_is_plain_text(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + KNEE)
        fallback = page.locator(".stretch-timer__fallback").first
        expect(fallback).to_be_visible()
        expect(fallback).to_have_text("Hold for 30 seconds. Repeat 5 to 10 times on each side.")
        expect(page.locator(".stretch-timer button")).to_have_count(0)
    finally:
        context.close()


def test_every_routine_stretch_has_its_own_timer(page: Page, site_url: str) -> None:
    page.goto(site_url + "/routines/four-stretches-for-lower-back-pain/")
    expect(page.locator(".stretch-timer [role=status]")).to_have_count(4)
