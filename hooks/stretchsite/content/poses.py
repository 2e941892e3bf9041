"""A stretch's pictures as content: its start and end positions, in words an editor can read.

    pictures:
      view: right                # the side of the body the reader sees
      feel: right back-of-thigh  # where the stretch is felt, drawn in orange
      start:
        base: lying-on-back
        joints: {left_hip: 45, left_knee: 90, right_hip: 45, right_knee: 90}
      end:
        base: lying-on-back
        joints: {left_hip: 45, left_knee: 90, right_hip: 80, right_knee: 0}
        hands: {left: towel, right: towel}
        towel: right

Each angle is checked against its joint's range, and each pose against the floor.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, create_model, field_validator, model_validator

from stretchsite.content.closed import Closed
from stretchsite.figures import body
from stretchsite.figures.body import FEEL_AREAS, JOINTS, MIDDLE_AREAS, Base
from stretchsite.figures.kinematics import HOLDS, Figure, length, pose_figure, sub

FLOOR_TOLERANCE = 0.02  # of height: about 3 cm, the give of a mat or a soft bed
REACH_TOLERANCE = 0.02
STILL = 0.02  # of height: start and end closer than this everywhere show no movement
Side = Literal["left", "right"]
Prop = Literal["mat", "chair"]
ArrowPart = Literal[
    "right_knee", "left_knee", "right_foot", "left_foot", "right_hand", "left_hand", "head"
]  # a chair a hand holds is drawn anyway


def joint_rule(name: str) -> str:
    joint = JOINTS[name]
    return (
        f"{name} is {joint.what}, from {joint.low} ({joint.ends[0]}) "
        f"to {joint.high} ({joint.ends[1]}) degrees"
    )


def _cm(fraction: float) -> int:
    return round(fraction * body.HEIGHT_CM)


def _in_range_or_none(name: str, value: float | None) -> float | None:
    joint = JOINTS[name]
    if value is not None and not joint.low <= value <= joint.high:
        raise ValueError(f"{value:g} is out of range: {joint_rule(name)}")
    return value


# One optional field per joint, so an unknown joint or an angle out of range is reported on its
# own line, with the joint's range.
Joints = create_model(  # type: ignore[call-overload]
    "Joints",
    __base__=Closed,
    **{
        name: (
            Annotated[float | None, AfterValidator(partial(_in_range_or_none, name))],
            Field(default=None, description=joint_rule(name)),
        )
        for name in JOINTS
    },
)


class Pose(Closed):
    """One position: a base, the joint angles that differ from it, and what the hands hold."""

    base: Annotated[Base, Field(strict=False)]
    joints: Joints = Joints()  # type: ignore[valid-type]
    hands: dict[Side, str] = {}
    feet: dict[Side, str] = {}  # a foot resting on the other leg, like right: left_thigh_front
    towel: Side | None = None  # the foot a towel is looped round
    stand_on: Literal["left", "right", "both"] = "both"  # the foot that stays in place

    @field_validator("hands")
    @classmethod
    def _known_holds(cls, hands: dict[str, str]) -> dict[str, str]:
        for side, hold in hands.items():
            if hold not in HOLDS:
                raise ValueError(
                    f"the {side} hand cannot hold {hold!r}; it can hold: {', '.join(HOLDS)}"
                )
        return hands

    @field_validator("feet")
    @classmethod
    def _known_rests(cls, feet: dict[str, str]) -> dict[str, str]:
        for side, rest in feet.items():
            other = "left" if side == "right" else "right"
            allowed = [f"{other}_{part}" for part in ("above_knee", "knee", "shin")]
            if rest not in allowed:
                raise ValueError(
                    f"the {side} foot cannot rest on {rest!r}; it can rest on: {', '.join(allowed)}"
                )
        return feet

    @model_validator(mode="after")
    def _drawable(self) -> Pose:
        holding_towel = "towel" in self.hands.values()
        if holding_towel and list(self.hands.values()) != ["towel", "towel"]:
            raise ValueError("a towel is held in both hands: hands: {left: towel, right: towel}")
        if holding_towel and self.towel is None:
            raise ValueError("a hand holds the towel: say which foot it loops round (towel: right)")
        if self.towel is not None and not holding_towel:
            raise ValueError("a towel is looped round a foot: say which hands hold it (hands)")
        problems = floor_problems(self.figure())
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def angles(self) -> dict[str, float]:
        return {
            name: float(value)
            for name, value in self.joints.model_dump().items()
            if value is not None
        }

    def figure(self, props: frozenset[str] = frozenset()) -> Figure:
        return pose_figure(
            self.base,
            self.angles,
            dict(self.hands),
            props,
            self.towel,
            self.stand_on,
            dict(self.feet),
        )


_LIMBS = {
    "knee": ("leg", "hip, {side}_hip_out, {side}_knee"),
    "ankle": ("leg", "hip, {side}_knee, {side}_ankle"),
    "heel": ("leg", "hip, {side}_knee, {side}_ankle"),
    "toes": ("leg", "hip, {side}_knee, {side}_ankle"),
    "elbow": ("arm", "shoulder, {side}_shoulder_out, {side}_elbow"),
    "hand": ("arm", "shoulder, {side}_shoulder_out, {side}_elbow"),
}


def floor_problems(figure: Figure) -> list[str]:
    """The limbs of a posed figure that go through the floor, and the hands that cannot reach
    what they hold, as rules an editor can act on."""
    deepest: dict[str, tuple[float, str]] = {}
    for name, point in figure.points.items():
        side, _, part = name.partition("_")
        if part in _LIMBS:
            limb, joints = _LIMBS[part]
            key, change = f"{side} {limb}", f"{side}_{joints.format(side=side)}"
        elif name == "head":
            key, change = "head", "back, neck or lean_forward"
        else:
            continue
        low = point[1] - (body.HEAD_RADIUS if name == "head" else 0.0)
        if low < -FLOOR_TOLERANCE and low < deepest.get(key, (0.0, ""))[0]:
            deepest[key] = (low, change)
    problems = [
        f"the {part} goes through the floor (about {_cm(-low)} cm below it): change {change}"
        for part, (low, change) in deepest.items()
    ]
    for part, short in figure.reach_short.items():
        if short > REACH_TOLERANCE:
            what = "holds" if part.endswith("hand") else "rests on"
            problems.append(
                f"the {part.replace('_', ' ')} cannot reach what it {what} (about {_cm(short)} "
                f"cm short): bring it nearer with the joint angles, or change what it {what}"
            )
    return problems


class Pictures(Closed):
    """A stretch's start and end positions, drawn as two pictures and a movement."""

    view: Side = "right"
    turn: Annotated[int, Field(ge=-60, le=60)] = 0  # degrees towards the figure's feet
    tilt: Annotated[int, Field(ge=0, le=60)] = 0  # degrees looking down from above
    feel: str
    # The part the arrow follows (its path comes from the poses): the one the steps move, like
    # left_knee for "pull your left thigh towards your chest". Without it, the part that moves
    # furthest.
    arrow: ArrowPart | None = None
    props: list[Prop] = []
    start: Pose
    end: Pose

    @field_validator("feel")
    @classmethod
    def _known_area(cls, feel: str) -> str:
        side, _, area = feel.rpartition(" ")
        middle = area in MIDDLE_AREAS and side in ("", "left", "right")
        if not middle and (area not in FEEL_AREAS or side not in ("left", "right")):
            areas = ", ".join(FEEL_AREAS)
            raise ValueError(
                f'must be a side and an area, like "right back-of-thigh", or lower-back ({areas})'
            )
        return feel

    @model_validator(mode="after")
    def _drawable(self) -> Pictures:
        if self.start.base is not self.end.base:
            raise ValueError(
                "start and end must have the same base, so the movement between them can be drawn"
            )
        start, end = self.start.figure(self.prop_set), self.end.figure(self.prop_set)
        moved = max(length(sub(end.points[name], start.points[name])) for name in start.points)
        if moved < STILL:
            raise ValueError(
                "start and end are the same position: change a joint so the pictures show "
                "the movement"
            )
        return self

    @property
    def prop_set(self) -> frozenset[str]:
        return frozenset(self.props)

    @property
    def feel_side(self) -> str:
        """The side the stretch is felt on; the stretched side for an area in the middle."""
        return self.feel.rpartition(" ")[0] or self.view

    @property
    def feel_area(self) -> str:
        return self.feel.rpartition(" ")[2]
