"""The figure every stretch picture is drawn with: its proportions, its joints and how far each
joint may bend, and the positions a pose starts from.

Proportions are fractions of standing height (H), from Drillis and Contini's segment lengths as
printed in D. A. Winter, "Biomechanics and Motor Control of Human Movement" (4th ed., 2009),
figure 4.1: shoulder 0.818 H, hip 0.530 H, knee 0.285 H, ankle 0.039 H, upper arm 0.186 H,
forearm 0.146 H, hand 0.108 H (drawn to the grip), foot 0.152 H, head and neck 0.182 H.

Joint ranges are the normal active ranges of the American Academy of Orthopaedic Surgeons
(Greene and Heckman, "The Clinical Measurement of Joint Motion", 1994), widened where a
stretch's passive hold goes further (a hip pulled to the chest) and never past a few degrees
of hyperextension.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Segment lengths and widths, as fractions of height.
TRUNK = 0.818 - 0.530  # hip joint to shoulder joint
THIGH = 0.530 - 0.285
SHIN = 0.285 - 0.039
ANKLE_HEIGHT = 0.039
HEEL = 0.045  # ankle to the back of the heel
TOES = 0.107  # ankle to the tip of the toes: the foot is 0.152 H long
UPPER_ARM = 0.186
FOREARM = 0.146
NECK = 0.052  # shoulder line to chin
HEAD_RADIUS = 0.065  # the head is 0.130 H from chin to crown
HIP_APART = 0.09  # between the hip joints' centres (hip breadth is 0.191 H)
SHOULDERS_APART = 0.20  # between the shoulder joints (shoulder breadth is 0.259 H)
BODY_DEPTH = 0.055  # half the depth of the pelvis and back: how high they lie above the floor
HEIGHT_CM = 170  # only to say distances in centimetres in messages


@dataclass(frozen=True)
class Joint:
    """One way a joint moves, in degrees from standing upright with arms by the sides."""

    low: int
    high: int
    what: str  # what the number measures, for messages
    ends: tuple[str, str]  # what the lowest and highest numbers look like


# Both sides have the same joints: `left_knee` and `right_knee` are each a knee.
SIDED_JOINTS: dict[str, Joint] = {
    "hip": Joint(-20, 130, "how far the thigh comes forward", ("leg behind you", "thigh to chest")),
    "hip_out": Joint(-20, 45, "how far the leg moves out to the side", ("across", "wide")),
    "hip_turn_out": Joint(-45, 45, "how far the knee turns out", ("knee in", "knee out")),
    "knee": Joint(-5, 150, "how far the knee bends", ("straight", "fully bent")),
    "ankle": Joint(-50, 20, "how far the toes come up", ("toes pointed", "toes up")),
    "shoulder": Joint(-60, 180, "how far the arm comes forward", ("arm behind", "arm overhead")),
    "shoulder_out": Joint(0, 180, "how far the arm moves out to the side", ("down", "overhead")),
    "elbow": Joint(0, 150, "how far the elbow bends", ("straight", "fully bent")),
}
BODY_JOINTS: dict[str, Joint] = {
    "back": Joint(-25, 80, "how far the back rounds forward", ("arched", "rounded")),
    "neck": Joint(-45, 45, "how far the head tips forward", ("chin up", "chin to chest")),
    # Not a joint: how far the whole body tips forward from its base, like a hinge at the hips.
    "lean_forward": Joint(-30, 90, "how far the body tips forward", ("back", "flat")),
}
SIDES = ("left", "right")
JOINTS: dict[str, Joint] = {
    **{f"{side}_{name}": joint for side in SIDES for name, joint in SIDED_JOINTS.items()},
    **BODY_JOINTS,
}


# Where a stretch can be felt, drawn as an orange band (figures/drawing.py AREAS). An area in
# the middle of the body needs no side.
FEEL_AREAS = ("lower-back", "buttock", "outside-of-hip", "back-of-thigh", "front-of-thigh", "calf")
MIDDLE_AREAS = ("lower-back",)
# The parts an arrow can follow, as editors name them, and the point of the figure it follows.
ARROW_PARTS = {
    **{
        f"{side}_{part}": f"{side}_{part}"
        for side in ("right", "left")
        for part in ("knee", "hand")
    },
    "right_foot": "right_toes",
    "left_foot": "left_toes",
    "head": "head",
}


class Base(StrEnum):
    """The position a pose starts from, before its own joint angles."""

    LYING_ON_BACK = "lying-on-back"
    LYING_ON_FRONT = "lying-on-front"
    STANDING = "standing"
    SITTING = "sitting"
    KNEELING = "kneeling"
    HANDS_AND_KNEES = "hands-and-knees"

    @property
    def lying(self) -> bool:
        return self in (Base.LYING_ON_BACK, Base.LYING_ON_FRONT)


@dataclass(frozen=True)
class BaseShape:
    tilt: float  # degrees the body's up axis is turned forward from upright (90: face down)
    angles: dict[str, float]  # the base's own joint angles
    grounded: bool  # True: the lowest support point touches the floor; False: the pelvis lies on it
    support: tuple[str, ...]  # the points that rest on the floor


def _both(**angles: float) -> dict[str, float]:
    return {f"{side}_{name}": value for side in SIDES for name, value in angles.items()}


BASES: dict[Base, BaseShape] = {
    Base.LYING_ON_BACK: BaseShape(-90, {}, False, ()),
    Base.LYING_ON_FRONT: BaseShape(90, _both(ankle=-50), False, ()),  # toes pointed, on the floor
    Base.STANDING: BaseShape(0, {}, True, ("left_heel", "left_toes", "right_heel", "right_toes")),
    Base.SITTING: BaseShape(
        0, _both(hip=90, knee=90), True, ("left_heel", "left_toes", "right_heel", "right_toes")
    ),
    Base.KNEELING: BaseShape(
        0, _both(knee=90, ankle=-45), True, ("left_knee", "right_knee", "left_toes", "right_toes")
    ),
    Base.HANDS_AND_KNEES: BaseShape(
        90,
        _both(hip=90, knee=90, ankle=-45, shoulder=90),
        True,
        ("left_knee", "right_knee", "left_toes", "right_toes", "left_hand", "right_hand"),
    ),
}
