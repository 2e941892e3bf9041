"""Pictures drawn from poses: what an editor reads when a pose is wrong, what the drawings
show, and the drawings themselves against golden files (UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from stretchsite.commands.new import write_new_stretch
from stretchsite.content.library import inspect_library, load_library
from stretchsite.content.messages import validate
from stretchsite.content.model import BodyArea, Stretch
from stretchsite.content.poses import Pictures, Pose
from stretchsite.content.yamlsource import parse_yaml
from stretchsite.figures.body import BODY_DEPTH, FEEL_AREAS, JOINTS, Base
from stretchsite.figures.drawing import AREAS
from stretchsite.figures.kinematics import CHAIR_BACK
from stretchsite.pages.pictures import stretch_pictures
from stretchsite.pages.pose_drawing import _between, draw
from stretchsite.pages.strings import strings

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden" / "pictures"
PATH = "content/stretches/knee-to-chest.yml"
STRETCH = (ROOT / PATH).read_text(encoding="utf-8")
END = (
    "  end:\n"
    "    base: lying-on-back\n"
    "    joints:\n"
    "      left_hip: 45\n"
    "      left_knee: 90\n"
    "      left_ankle: -45\n"
    "      right_hip: 105\n"
    "      right_knee: 120\n"
    "    hands:\n"
    "      left: right_thigh\n"
    "      right: right_thigh\n"
)
SEEDS = ["knee-to-chest", "hip-stretch", "piriformis-stretch", "hamstring-stretch"]


def problems_with_end(end: str) -> list[str]:
    """The content check's messages when the end pose is replaced."""
    assert END in STRETCH, "the knee-to-chest end pose changed: update END"
    document, problems = parse_yaml(STRETCH.replace(END, end, 1), PATH)
    assert document is not None
    _, found = validate(Stretch, document)
    return [str(p) for p in [*problems, *found]]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_seed_poses_are_valid() -> None:
    assert problems_with_end(END) == []
    for slug in SEEDS:
        assert load_library(ROOT).stretches[slug].pictures is not None


@pytest.mark.parametrize(
    ("joint", "angle", "allowed"),
    [
        ("right_knee", 170, "from -5 (straight) to 150 (fully bent) degrees"),
        ("right_knee", -20, "from -5 (straight) to 150 (fully bent) degrees"),
        ("right_hip", 140, "from -20 (leg behind you) to 130 (thigh to chest) degrees"),
        ("left_ankle", 45, "from -50 (toes pointed) to 20 (toes up) degrees"),
        ("right_elbow", -10, "from 0 (straight) to 150 (fully bent) degrees"),
        ("neck", 60, "from -45 (chin up) to 45 (chin to chest) degrees"),
        ("right_hip_out", 60, "from -20 (across) to 45 (wide) degrees"),
    ],
)
def test_an_angle_out_of_its_joints_range_names_the_range(
    joint: str, angle: int, allowed: str
) -> None:
    end = "  end:\n    base: lying-on-back\n    joints:\n      left_hip: 45\n"
    found = problems_with_end(end + f"      {joint}: {angle}\n")
    where = line_of(STRETCH, END) + 4  # end, base, joints, left_hip, then the joint
    assert found == [
        f"{PATH}:{where}: pictures.end.joints.{joint}: {angle} is out of range: "
        f"{joint} is {JOINTS[joint].what}, {allowed}"
    ]


def test_an_unknown_joint_lists_the_known_ones() -> None:
    found = problems_with_end("  end:\n    base: lying-on-back\n    joints: {right_knees: 90}\n")
    assert len(found) == 1
    assert found[0].startswith(
        f"{PATH}:{line_of(STRETCH, END) + 2}: pictures.end.joints.right_knees: unknown field "
        "(allowed here: left_hip, left_hip_out,"
    )
    assert "right_knee," in found[0]


def test_a_leg_through_the_floor_is_refused() -> None:
    # Lying on the back, a straight leg moved behind the body goes down into the floor.
    found = problems_with_end("  end:\n    base: lying-on-back\n    joints: {right_hip: -20}\n")
    assert found == [
        f"{PATH}:{line_of(STRETCH, END)}: pictures.end: the right leg goes through the floor "
        "(about 26 cm below it): change right_hip, right_knee, right_ankle"
    ]


def test_a_hand_that_cannot_reach_what_it_holds_is_refused() -> None:
    # The knee still by the floor, too far from the shoulders for the hands to hold it.
    knee_down = END.replace(
        "      right_hip: 105\n      right_knee: 120\n", "      right_hip: 20\n"
    )
    assert knee_down != END
    found = problems_with_end(knee_down)
    rules = [
        f"the {side} hand cannot reach what it holds (about {cm} cm short): bring it nearer "
        "with the joint angles, or change what it holds"
        for side, cm in (("left", 12), ("right", 9))
    ]
    assert found == [f"{PATH}:{line_of(STRETCH, END)}: pictures.end: {'; '.join(rules)}"]


def test_a_towel_needs_the_hands_that_hold_it() -> None:
    text = (ROOT / "content/stretches/hamstring-stretch.yml").read_text(encoding="utf-8")
    hands = "    hands:\n      left: towel\n      right: towel\n"
    changed = text.replace(f"{hands}    towel: right\n  end:", "  end:")
    assert changed != text
    assert hands in changed
    changed = changed.replace(hands, "", 1)
    document, _ = parse_yaml(changed, "content/stretches/hamstring-stretch.yml")
    assert document is not None
    _, found = validate(Stretch, document)
    assert [p.rule for p in found] == [
        "a towel is looped round a foot: say which hands hold it (hands)"
    ]


def test_start_and_end_must_share_a_base() -> None:
    found = problems_with_end("  end:\n    base: standing\n")
    assert found == [
        f"{PATH}:{line_of(STRETCH, 'pictures:')}: pictures: start and end must have the same "
        "base, so the movement between them can be drawn"
    ]


@pytest.fixture(scope="module")
def drawn() -> dict[str, tuple[str, str, str]]:
    library = load_library(ROOT)
    result = {}
    for slug in SEEDS:
        pictures = library.stretches[slug].pictures
        assert pictures is not None, f"{slug} has no poses"
        made = draw(pictures, library.stretches[slug].hold_seconds)
        result[slug] = (made.start, made.end, made.motion)
    return result


@pytest.mark.parametrize("slug", SEEDS)
@pytest.mark.parametrize("which", ["start", "end"])
def test_seed_pictures_match_golden(drawn: dict, slug: str, which: str) -> None:
    svg = drawn[slug][0 if which == "start" else 1]
    golden = GOLDEN / f"{slug}-{which}.svg"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(svg, encoding="utf-8")
    assert svg == golden.read_text(encoding="utf-8"), f"run UPDATE_GOLDEN=1 if {golden} changed"


@pytest.mark.parametrize("slug", SEEDS)
def test_start_has_the_arrow_and_end_the_band(drawn: dict, slug: str) -> None:
    start, end, _ = drawn[slug]
    blue, orange = 'stroke="#1d4ed8"', 'stroke="#c2410c"'
    assert blue in start and orange not in start
    assert orange in end and blue not in end
    # One frame for both, so the figure does not jump between them.
    assert (
        re.search(r'viewBox="[^"]+"', start).group()
        == re.search(  # type: ignore[union-attr]
            r'viewBox="[^"]+"', end
        ).group()
    )
    # A white card in either colour scheme, and nothing loaded from elsewhere.
    assert 'fill="#fff"' in start and "href" not in start + end and "<script" not in start + end


@pytest.mark.parametrize("slug", SEEDS)
def test_the_movement_goes_out_holds_and_comes_back(drawn: dict, slug: str) -> None:
    _, _, motion = drawn[slug]
    frames = re.findall(r'class="pose-frame pose-frame-(\d+)"', motion)
    assert frames == [str(n) for n in range(7)]
    cycle = float(re.search(r"animation:pose-frame-0 ([\d.]+)s", motion).group(1))  # type: ignore[union-attr]
    # 2 s rest, 3 s out, the 30 s hold, 3 s back.
    assert cycle == pytest.approx(2 + 3 + 30 + 3, abs=0.6)
    last = re.search(
        r"@keyframes pose-frame-6\{0%\{opacity:0\}([\d.]+)%\{opacity:1\}([\d.]+)%", motion
    )
    assert last is not None
    shown = (float(last.group(2)) - float(last.group(1))) / 100 * cycle
    assert shown >= 30, "the end position is held as long as the stretch"


ARROWS = {
    "knee-to-chest": "your right knee towards your chest",
    "piriformis-stretch": "your left knee up towards the ceiling and towards your chest",
    "hamstring-stretch": "your right foot up towards the ceiling",
    "hip-stretch": "your head and body down and forward, and your right foot back",
}


@pytest.mark.parametrize("slug", SEEDS)
def test_alt_text_says_the_start_the_movement_and_where_it_is_felt(slug: str) -> None:
    library = load_library(ROOT)
    stretch = library.stretches[slug]
    start, end = stretch_pictures(library, strings("en"))[slug].pictures
    assert start.alt.startswith(stretch.starting_position.split(".")[0])
    arrows = "arrows show" if slug == "hip-stretch" else "arrow shows"  # the step back too
    assert f"The blue {arrows} which way to move: {ARROWS[slug]}." in start.alt
    assert end.alt.startswith(stretch.illustration_alt.split(".")[0])
    assert "The orange band shows where you should feel the stretch: " in end.alt
    assert stretch.target_muscles[0].lower() in end.alt


def test_a_new_stretch_starts_with_a_pose_that_draws(tmp_path: Path) -> None:
    (tmp_path / "content" / "stretches").mkdir(parents=True)
    file = write_new_stretch(tmp_path, "Cat stretch", BodyArea.LOWER_BACK, dt.date(2026, 12, 2))
    document, problems = parse_yaml(file.read_text("utf-8"), "content/stretches/cat-stretch.yml")
    assert document is not None and problems == []
    _, found = validate(Stretch, document)
    assert not [p for p in found if p.field.startswith("pictures")]


@pytest.mark.parametrize("base", list(Base))
def test_every_base_stands_on_the_floor_as_it_is(base: Base) -> None:
    """A base with no angles of its own is a valid pose: nothing through the floor."""
    figure = Pose.model_validate({"base": base.value}).figure()
    lowest = min(point[1] for point in figure.points.values())
    assert -0.02 <= lowest <= 0.06, base


@pytest.mark.parametrize(
    ("end", "rule"),
    [
        pytest.param(
            "  end:\n    base: lying-on-back\n    joints:\n      left_hip: 45\n"
            "      left_knee: 90\n      left_ankle: -45\n      right_hip: 45\n"
            "      right_knee: 90\n      right_ankle: -45\n",
            "pictures: start and end are the same position: change a joint so the pictures show "
            "the movement",
            id="no-movement",
        ),
        pytest.param(
            "  end:\n    base: lying-on-back\n    hands: {left: towel}\n    towel: right\n",
            "pictures.end: a towel is held in both hands: hands: {left: towel, right: towel}",
            id="towel-in-one-hand",
        ),
        pytest.param(
            "  end:\n    base: lying-on-back\n    joints: {right_hip: forty}\n",
            "pictures.end.joints.right_hip: must be a number, like 45",
            id="angle-in-words",
        ),
        pytest.param(
            "  end:\n    base: lying-on-back\n    feet: {right: right_knee}\n",
            "pictures.end.feet: the right foot cannot rest on 'right_knee'; it can rest on: "
            "left_above_knee, left_knee, left_shin",
            id="foot-on-its-own-knee",
        ),
        pytest.param(
            "  end:\n    base: lying-on-back\n    hands: {left: right_elbow}\n",
            "pictures.end.hands: the left hand cannot hold 'right_elbow'; it can hold: ",
            id="unknown-hold",
        ),
    ],
)
def test_what_an_editor_reads_for_a_pose_that_cannot_be_drawn(end: str, rule: str) -> None:
    found = problems_with_end(end)
    assert len(found) == 1, found
    assert rule in found[0]
    assert found[0].startswith(f"{PATH}:")


def test_a_side_is_needed_except_in_the_middle_of_the_body() -> None:
    assert problems_with_end(END) == []
    text = STRETCH.replace("  feel: lower-back", "  feel: back-of-thigh", 1)
    document, _ = parse_yaml(text, PATH)
    assert document is not None
    _, found = validate(Stretch, document)
    assert [p.field for p in found] == ["pictures.feel"]
    assert 'like "right back-of-thigh"' in found[0].rule


def test_every_area_an_editor_can_name_has_a_band() -> None:
    assert set(AREAS) == set(FEEL_AREAS)


def test_a_sitting_figure_sits_on_a_chair() -> None:
    figure = Pose.model_validate({"base": "sitting"}).figure()
    back_top = figure.props["chair"]
    seat = back_top[1] - CHAIR_BACK
    pelvis = figure.points["pelvis"]
    assert seat == pytest.approx(pelvis[1] - BODY_DEPTH)  # the pelvis rests on the seat
    assert back_top[0] < pelvis[0]  # its back behind the person


def test_a_stretch_drawn_from_poses_needs_no_picture_file_and_refuses_one(
    project_copy: Path,
) -> None:
    _, problems = inspect_library(project_copy)
    assert not [p for p in problems if "no picture yet" in p.rule]
    drawing = project_copy / "content" / "illustrations" / "knee-to-chest.svg"
    drawing.parent.mkdir(exist_ok=True)
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    library, problems = inspect_library(project_copy)
    assert library is None
    assert [str(p) for p in problems if p.severity == "error"] == [
        "content/illustrations/knee-to-chest.svg:1: stretches/knee-to-chest.yml draws its "
        "pictures from its poses (pictures); remove this file, or the poses to use this drawing "
        "instead"
    ]


def test_the_movement_passes_between_the_two_poses_even_for_a_joint_one_leaves_out() -> None:
    """Sitting, the knee is bent 90 degrees by the base: a start that straightens it and an end
    that leaves it out move the foot smoothly back under the knee, not in one jump at the last
    frame."""
    pictures = Pictures.model_validate(
        {
            "feel": "right back-of-thigh",
            "start": {"base": "sitting", "joints": {"right_knee": 0}},
            "end": {"base": "sitting"},
        }
    )
    start, end = pictures.start.figure(), pictures.end.figure()
    middle = _between(pictures, 0.5)
    forward = [f.points["right_heel"][0] for f in (start, middle, end)]
    assert forward[0] > forward[1] > forward[2]
    assert abs(forward[1] - (forward[0] + forward[2]) / 2) < 0.1
