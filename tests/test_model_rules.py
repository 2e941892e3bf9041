"""Every schema rule, with the exact message an editor reads (table-driven)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchsite.content.messages import validate
from stretchsite.content.model import Routine, Stretch
from stretchsite.content.yamlsource import parse_yaml

FIXTURE = Path(__file__).parent / "fixtures" / "library" / "content"
STRETCH = (FIXTURE / "stretches" / "knee-to-chest.yml").read_text()
ROUTINE = (FIXTURE / "routines" / "four-stretches-for-lower-back-pain.yml").read_text()
PATH = "content/stretches/knee-to-chest.yml"


def problems_after(old: str, new: str, text: str = STRETCH, model: type = Stretch) -> list[str]:
    assert old in text, f"fixture no longer contains {old!r}"
    document, problems = parse_yaml(text.replace(old, new, 1), PATH)
    assert document is not None
    _, found = validate(model, document)
    return [str(p) for p in [*problems, *found]]


def test_the_fixture_stretch_is_valid() -> None:
    assert problems_after("title:", "title:") == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "title: Knee to chest stretch\n",
            "",
            f"{PATH}:1: title: is required",
            id="missing-field",
        ),
        pytest.param(
            "hold_seconds: 30",
            "hold_seconds: 30\nhold: 30",
            f"{PATH}:20: hold: unknown field (allowed here: title, summary, body_area, "
            "target_muscles, why_it_helps, starting_position, steps, hold_seconds, "
            "repetitions, sides, position, times_per_day, feel, cautions, do, dont, "
            "remember, related, warning, pictures, illustration_alt, review, sources)",
            id="unknown-key",
        ),
        pytest.param(
            "hold_seconds: 30",
            "hold_seconds: 0",
            f"{PATH}:19: hold_seconds: must be at least 1 (found 0)",
            id="hold-under-1s",
        ),
        pytest.param(
            "hold_seconds: 30",
            'hold_seconds: "30"',
            f"{PATH}:19: hold_seconds: must be a whole number, like 30",
            id="number-as-text",
        ),
        pytest.param(
            "hold_seconds: 30",
            "hold_seconds: 30.5",
            f"{PATH}:19: hold_seconds: must be a whole number, like 30",
            id="fraction",
        ),
        pytest.param(
            "  - Put both hands behind one knee.",
            '  - ""',
            f"{PATH}:14: steps[1]: must not be empty",
            id="empty-step",
        ),
        pytest.param(
            "steps:\n  - Put both hands behind one knee.\n  - Slowly pull that knee towards your "
            "chest.\n  - Stop when you feel a gentle stretch in your lower back.\n  - Hold the "
            "stretch and breathe normally.\n  - Slowly lower your foot back to the floor.",
            "steps:\n  - Put both hands behind one knee.",
            f"{PATH}:13: steps: must have at least 2 items",
            id="too-few-steps",
        ),
        pytest.param(
            "  - Put both hands behind one knee.",
            "  - Put both hands behind one knee and then slowly pull that knee up towards "
            "your chest until you feel a stretch in your back.",
            f"{PATH}:14: steps[1]: a sentence has 24 words; keep step sentences to 20 "
            "words or fewer",
            id="long-step",
        ),
        pytest.param(
            "  - Put both hands behind one knee.",
            "  - Lie down. Bend your knees. Hold one knee.",
            f"{PATH}:14: steps[1]: one action per step: split this step into separate steps",
            id="many-actions",
        ),
        pytest.param(
            "  max: 10",
            "  max: 3",
            f"{PATH}:22: repetitions.max: must be at least min (5)",
            id="reps-order",
        ),
        pytest.param(
            "sides: both",
            "sides: left",
            f"{PATH}:23: sides: must be one of: one or both (found 'left')",
            id="bad-choice",
        ),
        pytest.param(
            "body_area: lower-back",
            "body_area: neck",
            f"{PATH}:3: body_area: must be one of: lower-back, hips-and-buttocks or legs "
            "(found 'neck')",
            id="bad-area",
        ),
        pytest.param(
            "  - Do not bounce.",
            "  - Never bounce.",
            f'{PATH}:37: dont[2]: every line in "dont" must start with "Do not"',
            id="dont-wording",
        ),
        pytest.param(
            "  - Breathe normally.",
            "  - Breathe <b>normally</b>.",
            f"{PATH}:34: do[3]: raw HTML is not allowed; write plain text or Markdown",
            id="raw-html",
        ),
        pytest.param(
            "  - Breathe normally.",
            "  - Breathe [normally](javascript:alert(1)).",
            f"{PATH}:34: do[3]: links must start with https:// or point to a page on this site",
            id="script-link",
        ),
        pytest.param(
            "summary: Pull one knee",
            "summary: |\n  Pull one knee\n  two lines",
            f"{PATH}:2: summary: must be a single line",
            id="multi-line-summary",
        ),
        pytest.param(
            "  next_review_due: 2029-11-24",
            "  next_review_due: 2030-11-24",
            f"{PATH}:48: review.next_review_due: must be within 3 years of "
            "last_reviewed (by 2029-11-24)",
            id="review-too-far",
        ),
        pytest.param(
            "  next_review_due: 2029-11-24",
            "  next_review_due: 2026-01-01",
            f"{PATH}:48: review.next_review_due: must be after last_reviewed",
            id="review-before",
        ),
        pytest.param(
            "  last_reviewed: 2026-11-24",
            "  last_reviewed: last week",
            f"{PATH}:47: review.last_reviewed: must be a date like 2026-11-24",
            id="bad-date",
        ),
        pytest.param(
            "    url: https://www.spine-health.com",
            "    url: http://www.spine-health.com",
            f"{PATH}:55: sources[1].url: must be a full https:// address (found "
            "'http://www.spine-health.com/wellness/exercise/stretching-back-pain-relief')",
            id="http-source",
        ),
        pytest.param(
            "sources:\n",
            "sources: []\nx:\n",
            f"{PATH}:52: sources: must have at least 1 item",
            id="no-sources",
        ),
        pytest.param(
            "related:\n  - piriformis-stretch",
            "related:\n  - Piriformis Stretch",
            f"{PATH}:40: related[1]: must be lowercase words joined by hyphens, like "
            "knee-to-chest (found 'Piriformis Stretch')",
            id="bad-slug",
        ),
        pytest.param(
            "cautions:\n",
            "cautions: Stop if it hurts\nx:\n",
            f"{PATH}:27: cautions: must be a list (lines starting with '- ')",
            id="list-as-text",
        ),
    ],
)
def test_stretch_rule_messages(old: str, new: str, expected: str) -> None:
    assert expected in problems_after(old, new)


def test_routine_dose_override_is_checked() -> None:
    found = problems_after(
        "  - stretch: knee-to-chest",
        "  - stretch: knee-to-chest\n    hold_seconds: 0",
        ROUTINE,
        Routine,
    )
    assert found == [
        "content/stretches/knee-to-chest.yml:16: stretches[1].hold_seconds: must be at least 1 "
        "(found 0)"
    ]
