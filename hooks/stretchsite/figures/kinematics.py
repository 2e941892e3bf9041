"""Where every part of the figure is, in three dimensions, for a base and its joint angles.

Units are the figure's height (1.0). The world's y axis points up, x to the right of the
picture and z towards the reader. Seen from its right side, a figure standing upright faces
the right of the picture; lying on its back, its head is on the left.

A hand may hold something instead of hanging from its joint angles: a knee, a thigh, a foot,
a chair or a towel. The arm then reaches for it (two segments, the elbow bending outwards).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from stretchsite.figures import body
from stretchsite.figures.body import SIDES, Base

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # columns: forward, up, right of the body part

X: Vec = (1.0, 0.0, 0.0)
Y: Vec = (0.0, 1.0, 0.0)
Z: Vec = (0.0, 0.0, 1.0)


def add(a: Vec, b: Vec, k: float = 1.0) -> Vec:
    return (a[0] + k * b[0], a[1] + k * b[1], a[2] + k * b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def length(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    size = length(a)
    return scale(a, 1 / size) if size > 1e-9 else (0.0, 0.0, 0.0)


def rotate(v: Vec, axis: Vec, degrees: float) -> Vec:
    """`v` turned about the unit `axis` (right-hand rule)."""
    angle = math.radians(degrees)
    c, s = math.cos(angle), math.sin(angle)
    return add(add(scale(v, c), cross(axis, v), s), axis, dot(axis, v) * (1 - c))


def _mix(a: Vec, ka: float, b: Vec, kb: float) -> Vec:
    return (a[0] * ka + b[0] * kb, a[1] * ka + b[1] * kb, a[2] * ka + b[2] * kb)


@dataclass(frozen=True)
class Frame:
    """A body part's own directions: forward (the front of it), up, and the body's right."""

    forward: Vec
    up: Vec
    right: Vec

    def turned(self, axis: str, degrees: float) -> Frame:
        """Turned about its own forward, up or right direction (right-hand rule). The axis
        stays; the other two turn in their plane, as forward x up = right."""
        angle = math.radians(degrees)
        c, s = math.cos(angle), math.sin(angle)
        f, u, r = self.forward, self.up, self.right
        if axis == "right":  # forward towards up
            return Frame(_mix(f, c, u, s), _mix(u, c, f, -s), r)
        if axis == "forward":  # up towards right
            return Frame(f, _mix(u, c, r, s), _mix(r, c, u, -s))
        return Frame(_mix(f, c, r, -s), u, _mix(r, c, f, s))  # up: right towards forward


GRIP = 0.06  # wrist to where the fingers close round what the hand holds

# Where a hand can hold: a point on the body, or a prop.
HOLDS = (
    *(
        f"{side}_{part}"
        for side in SIDES
        for part in ("knee", "shin", "thigh", "thigh_front", "foot")
    ),
    "chair",
    "towel",
)


@dataclass
class Figure:
    """A posed figure: named points, the directions of its parts, and its props."""

    points: dict[str, Vec] = field(default_factory=dict)
    frames: dict[str, Frame] = field(default_factory=dict)
    props: dict[str, Vec] = field(default_factory=dict)  # chair: top of its back; towel: its loop
    reach_short: dict[str, float] = field(default_factory=dict)  # hand -> how far short it falls
    towel_foot: str | None = None  # the foot a towel loops round


def _leg(figure: Figure, side: str, pelvis: Frame, hip: Vec, angle: dict[str, float]) -> None:
    out = _out(side)
    thigh = pelvis.turned("right", angle[f"{side}_hip"])
    thigh = thigh.turned("forward", -out * angle[f"{side}_hip_out"])
    thigh = thigh.turned("up", -out * angle[f"{side}_hip_turn_out"])
    knee = add(hip, thigh.up, -body.THIGH)
    shin = thigh.turned("right", -angle[f"{side}_knee"])
    ankle = add(knee, shin.up, -body.SHIN)
    foot = shin.turned("right", angle[f"{side}_ankle"])
    sole = add(ankle, foot.up, -body.ANKLE_HEIGHT)
    figure.points.update(
        {
            f"{side}_hip": hip,
            f"{side}_knee": knee,
            f"{side}_ankle": ankle,
            f"{side}_heel": add(sole, foot.forward, -body.HEEL * 0.6),
            f"{side}_toes": add(sole, foot.forward, body.TOES),
        }
    )
    figure.frames.update({f"{side}_thigh": thigh, f"{side}_shin": shin})


def _arm_from_angles(
    figure: Figure, side: str, chest: Frame, shoulder: Vec, angle: dict[str, float]
) -> None:
    out = _out(side)
    upper = chest.turned("right", angle[f"{side}_shoulder"])
    upper = upper.turned("forward", -out * angle[f"{side}_shoulder_out"])
    elbow = add(shoulder, upper.up, -body.UPPER_ARM)
    fore = upper.turned("right", angle[f"{side}_elbow"])
    wrist = add(elbow, fore.up, -body.FOREARM)
    figure.points.update({f"{side}_elbow": elbow, f"{side}_hand": add(wrist, fore.up, -GRIP)})


def hold_point(figure: Figure, hold: str) -> Vec:
    """Where a hand holds `hold` on the posed figure (its legs already placed)."""
    if hold in figure.props:
        return figure.props[hold]
    side, _, part = hold.partition("_")
    points, frames = figure.points, figure.frames
    knee, hip, ankle = points[f"{side}_knee"], points[f"{side}_hip"], points[f"{side}_ankle"]
    thigh, shin = frames[f"{side}_thigh"], frames[f"{side}_shin"]
    if part == "knee":  # just below the kneecap, on the front of the shin
        return add(add(knee, sub(ankle, knee), 0.12), shin.forward, 0.045)
    if part == "shin":
        return add(add(knee, sub(ankle, knee), 0.45), shin.forward, 0.04)
    if part == "thigh":  # the back of the thigh, towards the knee
        return add(add(hip, sub(knee, hip), 0.6), thigh.forward, -0.045)
    if part == "thigh_front":
        return add(add(hip, sub(knee, hip), 0.45), thigh.forward, 0.05)
    if part == "above_knee":  # on the front of the thigh, just above the knee
        return add(add(hip, sub(knee, hip), 0.85), thigh.forward, 0.05)
    return points[f"{side}_toes"]  # foot


def _two_segments(
    root: Vec, target: Vec, first: float, second: float, pole: Vec
) -> tuple[Vec, Vec, float]:
    """A limb of two segments from `root` towards `target`, its middle joint bending towards
    `pole`: (middle joint, end, how far short of the target the end falls)."""
    to_target = sub(target, root)
    along = unit(to_target)
    most = first + second - 1e-6
    distance = min(max(length(to_target), abs(first - second) + 1e-6), most)
    end = add(root, along, distance)
    side_way = unit(sub(pole, scale(along, dot(pole, along))))
    cos_a = (first**2 + distance**2 - second**2) / (2 * first * distance)
    sin_a = math.sqrt(max(0.0, 1 - cos_a**2))
    middle = add(add(root, along, first * cos_a), side_way, first * sin_a)
    return middle, end, max(0.0, length(to_target) - most)


def _reach(figure: Figure, side: str, chest: Frame, shoulder: Vec, target: Vec) -> None:
    """The arm reaches for `target`, the elbow bending outwards and down, away from the body."""
    out = _out(side)
    pole = add(add(scale(chest.right, out), chest.up, -0.6), chest.forward, -0.3)
    elbow, hand, short = _two_segments(shoulder, target, body.UPPER_ARM, body.FOREARM + GRIP, pole)
    if short:
        figure.reach_short[f"{side}_hand"] = short
    figure.points.update({f"{side}_elbow": elbow, f"{side}_hand": hand})


def _rest_foot(figure: Figure, side: str, pelvis: Frame, target: Vec) -> None:
    """A leg placed so its ankle rests on `target`, the knee turned out to the side: the
    crossed leg of a figure-4."""
    out = _out(side)
    pole = add(scale(pelvis.right, out), pelvis.forward, 0.1)  # the knee falls out to the side
    hip = figure.points[f"{side}_hip"]
    knee, ankle, short = _two_segments(hip, target, body.THIGH, body.SHIN, pole)
    if short:
        figure.reach_short[f"{side}_foot"] = short
    # The foot hangs past the other thigh, its toes pointing across the body.
    toes_way = unit(add(unit(sub(ankle, knee)), pelvis.forward, 0.3))
    figure.points.update(
        {
            f"{side}_knee": knee,
            f"{side}_ankle": ankle,
            f"{side}_heel": add(ankle, pelvis.forward, -body.ANKLE_HEIGHT),
            f"{side}_toes": add(ankle, toes_way, body.TOES),
        }
    )


def pose_figure(
    base: Base,
    angles: dict[str, float],
    hands: dict[str, str],
    props: frozenset[str] = frozenset(),
    towel: str | None = None,
    stand_on: str = "both",
    feet: dict[str, str] | None = None,
) -> Figure:
    """Place every part for a base, the angles that differ from it, and what the hands hold
    and the feet rest on."""
    shape = body.BASES[base]
    angle = {name: 0.0 for name in body.JOINTS} | shape.angles | angles
    pelvis = Frame(X, Y, Z).turned("right", -(shape.tilt + angle["lean_forward"]))
    figure = Figure()
    centre: Vec = (0.0, 0.0, 0.0)
    for side in SIDES:
        hip = add(centre, pelvis.right, _out(side) * body.HIP_APART / 2)
        _leg(figure, side, pelvis, hip, angle)
    for side, rest in (feet or {}).items():
        _rest_foot(figure, side, pelvis, hold_point(figure, rest))
    # The back bends in two halves, so a rounded back reads as a curve.
    middle = add(centre, pelvis.up, body.TRUNK / 2)
    chest = pelvis.turned("right", -angle["back"])
    neck = add(middle, chest.up, body.TRUNK / 2)
    head = add(neck, chest.turned("right", -angle["neck"]).up, body.NECK + body.HEAD_RADIUS)
    figure.points.update({"pelvis": centre, "waist": middle, "neck": neck, "head": head})
    figure.frames["pelvis"] = pelvis
    for side in SIDES:  # the arms by their angles first: hands can bear weight (hands-and-knees)
        shoulder = add(neck, chest.right, _out(side) * body.SHOULDERS_APART / 2)
        figure.points[f"{side}_shoulder"] = shoulder
        _arm_from_angles(figure, side, chest, shoulder, angle)
    _place(figure, shape, stand_on)
    if "chair" in props or "chair" in hands.values() or base is Base.SITTING:
        figure.props["chair"] = _chair_top(figure, base, hands)
    if towel is not None:
        figure.props["towel"] = _towel_grip(figure, towel)
        figure.towel_foot = towel
    for side, hold in hands.items():
        shoulder = figure.points[f"{side}_shoulder"]
        _reach(figure, side, chest, shoulder, hold_point(figure, hold))
    return figure


def _out(side: str) -> int:
    """+1 for the right side of the body, -1 for the left."""
    return 1 if side == "right" else -1


def _place(figure: Figure, shape: body.BaseShape, stand_on: str) -> None:
    """Move the posed figure so it rests on the floor (y = 0) in the same place each time:
    standing, with the feet it stands on at the same spot; lying, with the pelvis on the floor."""
    points = figure.points
    if shape.grounded:
        lowest = min(points[name][1] for name in shape.support)
        feet = [f"{side}_ankle" for side in SIDES if stand_on in (side, "both")]
        across = sum(points[name][0] for name in feet) / len(feet)
        shift: Vec = (-across, -lowest, 0.0)
    else:
        shift = (0.0, body.BODY_DEPTH, 0.0)
    for name, point in points.items():
        points[name] = add(point, shift)


CHAIR_SEAT = 0.27  # of height: a dining chair's seat, 46 cm for a person of 170 cm
CHAIR_BACK = 0.25  # from the seat to the top of the back


def _chair_top(figure: Figure, base: Base, hands: dict[str, str]) -> Vec:
    """The top of a chair's back. Sitting, the chair is under the pelvis, its back behind it;
    standing, it stands still beside the hip of the hand that holds it."""
    pelvis = figure.points["pelvis"]
    if base is Base.SITTING:
        behind = add(pelvis, figure.frames["pelvis"].forward, -0.1)
        seat = pelvis[1] - body.BODY_DEPTH
        return (behind[0], seat + CHAIR_BACK, 0.0)
    side = next((s for s, hold in hands.items() if hold == "chair"), "left")
    return (0.05, CHAIR_SEAT + CHAIR_BACK, _out(side) * 0.25)


def _towel_grip(figure: Figure, foot: str) -> Vec:
    """Where the hands hold a towel looped round `foot`: as far up it as the arms reach
    comfortably, on the line from the shoulders to the sole."""
    sole = figure.points[f"{foot}_toes"]
    middle = scale(add(figure.points["left_shoulder"], figure.points["right_shoulder"]), 0.5)
    reach = (body.UPPER_ARM + body.FOREARM) * 0.9
    to_sole = sub(sole, middle)
    return add(middle, unit(to_sole), min(reach, length(to_sole) * 0.9))
