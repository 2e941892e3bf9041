"""Patient safety and clarity on the built pages: what a physiotherapist and a content designer
checked in review (issue 14). Each test reads the HTML a patient gets from the real content."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_build import ROUTINE, SEED_STRETCHES, article, visible_text

from conftest import ROOT, edit, run_build
from stretchsite.content.library import inspect_library
from stretchsite.pages.dose import Dose, routine_minutes
from stretchsite.pages.guard import missing_warning
from stretchsite.pages.strings import strings

pytestmark = pytest.mark.build
LIBRARY = inspect_library(ROOT)[0]
assert LIBRARY is not None

STRETCH_PAGES = [f"stretches/{slug}" for slug in SEED_STRETCHES]
GUARDED_PAGES = [*STRETCH_PAGES, ROUTINE]
STOP_RULE = (
    "A gentle pull or mild discomfort is normal. Stop if you get sharp pain, pain, tingling or "
    "numbness that spreads down your leg, or pain that is worse the next day."
)
LYING = ["knee-to-chest", "piriformis-stretch", "hamstring-stretch"]
HIP_BENDS_PAST_90 = ["knee-to-chest", "hip-stretch", "piriformis-stretch", "hamstring-stretch"]
BENDS_SPINE_FORWARD = ["knee-to-chest", "hip-stretch", "piriformis-stretch"]


def text_of(page_html: Callable[[str], str], path: str) -> str:
    return html_lib.unescape(visible_text(article(page_html(path))))


def cautions_of(page_html: Callable[[str], str], path: str, slug: str) -> str:
    """The text of the box of a stretch's own cautions on a page."""
    html = article(page_html(path))
    start = html.index(f'data-cautions-for="{slug}"')
    return visible_text(html[start : html.index("</div>", start)])


def stretch_section(page_html: Callable[[str], str], slug: str) -> str:
    """One stretch's part of the routine page, as text."""
    html = article(page_html(ROUTINE))
    start = html.index(f'id="{slug}"')
    return visible_text(html[start : html.index("</section>", start)])


# Safety text everywhere it is needed


@pytest.mark.parametrize("path", GUARDED_PAGES)
def test_every_stretch_and_routine_page_carries_all_three_tiers_and_check_first(
    page_html: Callable[[str], str], path: str
) -> None:
    text = text_of(page_html, path)
    assert "Call 999 or go to A&E" in text
    assert "Ask for an urgent appointment with a GP" in text
    assert "See a GP (your family doctor) if" in text
    assert "check with a doctor or a physiotherapist" in text
    assert STOP_RULE in text


@pytest.mark.parametrize("slug", SEED_STRETCHES)
def test_each_stretch_keeps_its_own_cautions_on_the_routine_page(
    page_html: Callable[[str], str], slug: str
) -> None:
    own = cautions_of(page_html, f"stretches/{slug}", slug)
    in_routine = cautions_of(page_html, ROUTINE, slug)
    for caution in LIBRARY.stretches[slug].cautions:
        words = " ".join(caution.split())
        assert words in own and words in in_routine


def test_the_routine_danger_box_holds_no_logistics_and_no_doubled_labels(
    page_html: Callable[[str], str],
) -> None:
    html = article(page_html(ROUTINE))
    box = visible_text(
        html[html.index("stretch-warning") : html.index("</div>", html.index("stretch-warning"))]
    )
    assert "lying on the floor" not in box
    text = visible_text(html)
    assert "Also for this" not in text
    assert not re.search(r"Stop if:\s*Stop if", text)


@pytest.mark.parametrize("slug", SEED_STRETCHES)
def test_physiotherapist_cautions_are_on_the_stretches_that_need_them(
    page_html: Callable[[str], str], slug: str
) -> None:
    cautions = cautions_of(page_html, f"stretches/{slug}", slug)
    assert ("If you are pregnant" in cautions) == (slug in LYING)
    assert "operation on your back, hip or knee recently" in cautions
    assert ("hip replacement" in cautions) == (slug in HIP_BENDS_PAST_90)
    assert ("osteoporosis" in cautions) == (slug in BENDS_SPINE_FORWARD)


def test_red_flags_follow_the_nhs_page_and_unsigned_ones_stay_off_the_site(
    page_html: Callable[[str], str], built_site: Path
) -> None:
    help_text = text_of(page_html, "when-to-get-help")
    assert "pain, tingling, weakness or numbness in both legs" in help_text
    assert "your pain is very bad or getting worse over time" in help_text
    help_ = LIBRARY.safety.when_to_get_help
    tiers = (help_.emergency, help_.urgent, help_.routine)
    pending = [flag.text for tier in tiers for flag in tier.awaiting_sign_off]
    assert pending, "the red flags awaiting sign-off are recorded in safety.yml"
    for html_file in built_site.rglob("*.html"):
        page = visible_text(html_file.read_text(encoding="utf-8"))
        for flag in pending:
            assert flag not in page, f"{flag!r} is on {html_file} before sign-off"


def test_no_page_says_any_pain_means_stop(built_site: Path) -> None:
    for html_file in built_site.rglob("*.html"):
        text = visible_text(html_file.read_text(encoding="utf-8"))
        assert "Stop any stretch that hurts" not in text
        assert "Stop the stretch if it causes pain" not in text
        assert "every few days" not in text


@pytest.mark.parametrize("slug", SEED_STRETCHES)
def test_lying_stretches_show_how_to_get_down_and_up(
    page_html: Callable[[str], str], slug: str
) -> None:
    text = text_of(page_html, f"stretches/{slug}")
    assert ("Getting down to the floor and back up" in text) == (slug in LYING)
    if slug in LYING:
        assert "Roll onto your side" in text


def test_the_routine_shows_getting_down_and_up_once(page_html: Callable[[str], str]) -> None:
    assert text_of(page_html, ROUTINE).count("Getting down to the floor and back up") == 1


# Clear doses and steps


@pytest.mark.parametrize("path", GUARDED_PAGES)
def test_sides_are_one_order_everywhere(page_html: Callable[[str], str], path: str) -> None:
    text = text_of(page_html, path)
    assert "Do all your repeats on your right side, then on your left." in text
    assert "All repeats on your right side, then on your left" in text  # the dose box
    assert "one after the other" not in text


def test_how_often_is_cited_and_building_up_is_exact(page_html: Callable[[str], str]) -> None:
    text = text_of(page_html, "stretches/knee-to-chest")
    assert "3 times a day" in text
    assert "Exercises for back pain (how many and how often)" in text  # the cited default
    assert "add 1 or 2 more repeats every 2 or 3 days, up to 10" in text


def test_the_routine_says_how_long_it_takes(page_html: Callable[[str], str]) -> None:
    assert "This routine takes about 27 to 50 minutes each time." in text_of(page_html, ROUTINE)


def test_routine_time_counts_holds_repeats_sides_and_changes() -> None:
    t = strings("en")
    both = Dose(hold_seconds=30, reps_min=5, reps_max=10, both_sides=True, times_per_day=1, t=t)
    one = Dose(hold_seconds=60, reps_min=2, reps_max=2, both_sides=False, times_per_day=1, t=t)
    # (5 s lead-in + 30 s hold) x 5 repeats x 2 sides + 15 s side change + 30 s to get in
    assert both.seconds(5) == 395
    assert one.seconds(2) == 2 * 65 + 30
    assert routine_minutes([both, one]) == (10, 16)  # 555 s and 905 s, rounded up


def test_facts_and_the_routine_introduction_are_right(page_html: Callable[[str], str]) -> None:
    home = text_of(page_html, "")
    assert "tough cords that join muscles to bones (tendons)" in home
    assert "hold bones together (ligaments)" in home
    intro = text_of(page_html, ROUTINE)
    assert "They do not stretch the front of your hips." in intro


# Steps a patient can do as written


def test_the_buttock_stretch_says_where_the_ankle_rests_and_what_each_hand_does(
    page_html: Callable[[str], str],
) -> None:
    text = text_of(page_html, "stretches/piriformis-stretch")
    assert "rest your right ankle on your left thigh, just above the knee" in text
    assert "Put your right hand through the gap between your right leg and your left thigh." in text
    assert "If you cannot reach, use the towel." in text
    assert "with your head on the floor" in text
    summary = page_html("stretches/piriformis-stretch")
    assert "pull one knee in" not in summary


def test_the_hip_stretch_uses_one_hand_to_hold_on_and_one_to_reach(
    page_html: Callable[[str], str],
) -> None:
    text = text_of(page_html, "stretches/hip-stretch")
    assert "Hold the wall or chair with your left hand." in text
    assert "slide your right hand down the front of your right leg" in text
    assert "with your hands" not in text


# Actionable on paper too


@pytest.mark.parametrize("path", GUARDED_PAGES)
def test_remember_box_has_two_or_three_key_points(
    page_html: Callable[[str], str], path: str
) -> None:
    html = article(page_html(path))
    start = html.index('class="remember-box"')
    box = html[start : html.index("</div>", start)]
    assert 'id="remember"' in box
    assert 2 <= box.count("<li>") <= 3


@pytest.mark.parametrize(("path", "sessions"), [("stretches/hip-stretch", 3), (ROUTINE, 3)])
def test_weekly_tick_chart_has_a_row_a_day_and_a_box_per_session(
    page_html: Callable[[str], str], path: str, sessions: int
) -> None:
    html = article(page_html(path))
    start = html.index('class="tick-chart print-only"')
    chart = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", chart, re.S)
    assert len(rows) == 1 + 7
    assert all(row.count("<td") == 2 + sessions for row in rows[1:])


# The page guard


_PAGE = (
    '<article><div class="admonition danger stretch-warning" data-cautions-for="a">warn</div>'
    '<div class="check-first"></div><h2 id="steps">Steps</h2><ol><li>step</li></ol>'
    '<div class="care-card--emergency"></div><div class="care-card--urgent"></div>'
    '<div class="care-card--routine"></div></article>'
)


def test_guard_passes_a_complete_page() -> None:
    assert missing_warning("stretches/a.md", _PAGE, ["a"]) is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('class="care-card--urgent"', 'class="x"'), "the urgent signs missing"),
        (('class="care-card--routine"', 'class="x"'), "signs to see a doctor soon missing"),
        (('class="check-first"', 'class="x"'), '"check first" advice missing'),
        ((' data-cautions-for="a"', ""), "the cautions of a are missing"),
    ],
)
def test_guard_refuses_a_page_without_each_safety_part(
    change: tuple[str, str], message: str
) -> None:
    problem = missing_warning("stretches/a.md", _PAGE.replace(*change), ["a"])
    assert problem is not None and message in problem


def test_guard_refuses_a_routine_stretch_whose_cautions_come_after_its_steps() -> None:
    routine = _PAGE.replace(
        "</article>",
        '<h2 id="b">B</h2><ol><li>step</li></ol><div data-cautions-for="b"></div></article>',
    )
    problem = missing_warning("routines/r.md", routine, ["a", "b"])
    assert problem == "the cautions of b must come before its steps"


def test_the_build_fails_when_a_routine_drops_a_stretchs_cautions(
    project_copy: Path, tmp_path: Path
) -> None:
    edit(
        project_copy,
        "hooks/stretchsite/pages/templates/routine.md.j2",
        "{{ blocks.stretch_cautions(stretch, item.stretch, "
        "own_warning if stretch.warning != routine.warning else none) }}",
        "",
    )
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "the cautions of hip-stretch are missing" in result.stdout + result.stderr
