"""Draw posed figures as SVG: the start and end of a stretch in one style, the movement as an
arrow, where the stretch is felt as an orange band, and the movement itself as frames.

Parts nearer the reader are drawn last and darker; parts on the far side are drawn first and
lighter, so two crossing legs read as near and far. Every picture of a stretch shares one frame
(viewBox), so the start and end line up and the figure does not jump between them.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stretchsite.figures import body
from stretchsite.figures.body import SIDES
from stretchsite.figures.kinematics import CHAIR_BACK, Figure, Vec, add, rotate, scale, sub, unit

SCALE = 200  # picture units per figure height
MIN_ASPECT = 1.0  # the narrowest a picture may be, as a share of its height: square
INK = "#1f2933"
SKIN = "#e8ecf1"
FAR_INK = "#8795a1"
FAR_SKIN = "#f7f8fa"
FEEL = "#c2410c"  # orange: where you should feel it
MOVE = "#1d4ed8"  # blue: which way to move
HEAD_LENGTH = 18.0  # an arrow's head, in picture units
FLOOR = "#cfd6de"
MAT = "#a9c4dd"
PROP = "#6b4f2a"
TOWEL = "#0f766e"

# Where a stretch is felt (body.FEEL_AREAS): the points the band lies between, how far along
# (from, to), the part whose front it is measured from, and how far off the centre line towards
# that front (+) or back (-), in figure heights.
AREAS: dict[str, tuple[str, str, float, float, str, float]] = {
    "lower-back": ("pelvis", "waist", 0.05, 0.95, "pelvis", -0.02),
    "buttock": ("pelvis", "{side}_knee", -0.05, 0.28, "pelvis", -0.035),
    "outside-of-hip": ("{side}_hip", "{side}_knee", -0.05, 0.3, "{side}_thigh", 0.0),
    "back-of-thigh": ("{side}_hip", "{side}_knee", 0.2, 0.85, "{side}_thigh", -0.03),
    "front-of-thigh": ("{side}_hip", "{side}_knee", 0.2, 0.85, "{side}_thigh", 0.03),
    "calf": ("{side}_knee", "{side}_ankle", 0.15, 0.7, "{side}_shin", -0.03),
}


@dataclass(frozen=True)
class Camera:
    """Which side of the body the reader sees, turned and tipped to show crossing limbs."""

    side: str = "right"
    turn: float = 0.0  # degrees towards the figure's feet (lying) or front (standing)
    tilt: float = 0.0  # degrees looking down from above

    @functools.cached_property
    def _rows(self) -> tuple[Vec, Vec, Vec]:
        """The picture's x, y (up) and depth directions in the world: the view turned about
        the vertical, then tipped about the picture's x."""
        turn = (180.0 if self.side == "left" else 0.0) - self.turn
        axes = [
            rotate(axis, (0.0, 1.0, 0.0), turn) for axis in ((1.0, 0, 0), (0, 1.0, 0), (0, 0, 1.0))
        ]
        tipped = [rotate(axis, (1.0, 0.0, 0.0), self.tilt) for axis in axes]
        # Column i of the matrix is where world axis i goes; its rows are what we need.
        return (
            (tipped[0][0], tipped[1][0], tipped[2][0]),
            (tipped[0][1], tipped[1][1], tipped[2][1]),
            (tipped[0][2], tipped[1][2], tipped[2][2]),
        )

    def project(self, point: Vec) -> Vec:
        """Picture x, y (down) and depth (towards the reader)."""
        across, up, depth = self._rows
        x, y, z = point
        return (
            (across[0] * x + across[1] * y + across[2] * z) * SCALE,
            -(up[0] * x + up[1] * y + up[2] * z) * SCALE,
            depth[0] * x + depth[1] * y + depth[2] * z,
        )


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def view_box(self) -> str:
        return f"{_n(self.left)} {_n(self.top)} {_n(self.width)} {_n(self.height)}"


def _middle(
    low: tuple[float, float], high: tuple[float, float], bend: tuple[float, float]
) -> tuple[float, float]:
    """A side of the trunk at the waist: halfway up, moved by `bend` as the back rounds."""
    return ((low[0] + high[0]) / 2 + bend[0], (low[1] + high[1]) / 2 + bend[1])


def _xy(projected: Vec) -> tuple[float, float]:
    return (projected[0], projected[1])


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace("-0", "0") if value else "0"


def _path(points: Sequence[tuple[float, float]]) -> str:
    start, *rest = points
    return f"M{_n(start[0])} {_n(start[1])}" + "".join(f"L{_n(x)} {_n(y)}" for x, y in rest)


def _stroke(
    points: Sequence[tuple[float, float]], colour: str, width: float, extra: str = ""
) -> str:
    return f'<path d="{_path(points)}" stroke="{colour}" stroke-width="{_n(width)}"{extra}/>'


def _limb(points: Sequence[tuple[float, float]], width: float, far: bool) -> str:
    ink, skin = (FAR_INK, FAR_SKIN) if far else (INK, SKIN)
    return _stroke(points, ink, width + 5) + _stroke(points, skin, width)


def frame_box(
    figures: Iterable[Figure], camera: Camera, extra: Iterable[tuple[float, float]] = ()
) -> Box:
    """One frame that holds every figure given (the start, the end and the frames between)
    and the `extra` picture points (the arrow)."""
    xs = [x for x, _ in extra]
    ys = [y for _, y in extra]
    for figure in figures:
        for point in [*figure.points.values(), *figure.props.values()]:
            x, y, _ = camera.project(point)
            xs.append(x)
            ys.append(y)
    margin = 0.07 * SCALE
    top = min(ys) - margin
    bottom = max(max(ys), 0.0) + margin
    # Never narrower than MIN_ASPECT: a standing figure 5 cm wide on paper is 5 cm tall.
    width = max(max(xs) - min(xs) + 2 * margin, (bottom - top) * MIN_ASPECT)
    left = (min(xs) + max(xs)) / 2 - width / 2
    return Box(left, top, width, bottom - top)


class _Scene:
    def __init__(self, figure: Figure, camera: Camera) -> None:
        self.figure = figure
        self.camera = camera
        self.projected = {name: camera.project(point) for name, point in figure.points.items()}

    def xy(self, point: Vec) -> tuple[float, float]:
        x, y, _ = self.camera.project(point)
        return (x, y)

    def at(self, name: str) -> tuple[float, float]:
        """Where a named point of the figure is in the picture."""
        x, y, _ = self.projected[name]
        return (x, y)

    def depth(self, names: Iterable[str]) -> float:
        found = [self.projected[name][2] for name in names]
        return sum(found) / len(found)

    def parts(self) -> list[tuple[float, str]]:
        """Every body part as (depth, SVG), to be drawn far to near."""
        far_side = "left" if self.camera.side == "right" else "right"
        drawn: list[tuple[float, str]] = []
        for side in SIDES:
            far = side == far_side
            leg = [self.at(f"{side}_{name}") for name in ("hip", "knee", "ankle")]
            foot = [self.at(f"{side}_heel"), self.at(f"{side}_toes")]
            leg_svg = _limb(leg, 0.062 * SCALE, far) + _limb(foot, 0.028 * SCALE, far)
            drawn.append((self.depth([f"{side}_hip", f"{side}_knee", f"{side}_ankle"]), leg_svg))
            arm = [self.at(f"{side}_{name}") for name in ("shoulder", "elbow", "hand")]
            arm_svg = _limb(arm, 0.036 * SCALE, far)
            drawn.append((self.depth([f"{side}_elbow", f"{side}_hand"]) + 0.001, arm_svg))
        # The trunk: a band from the hips to the shoulders, through the waist so a rounded
        # back bends, drawn thick so it reads as a body from the side and as a back from above.
        pelvis, waist, neck = self.at("pelvis"), self.at("waist"), self.at("neck")
        bend = (waist[0] - (pelvis[0] + neck[0]) / 2, waist[1] - (pelvis[1] + neck[1]) / 2)
        outline_points = [
            self.at("left_hip"),
            self.at("right_hip"),
            _middle(self.at("right_hip"), self.at("right_shoulder"), bend),
            self.at("right_shoulder"),
            self.at("left_shoulder"),
            _middle(self.at("left_hip"), self.at("left_shoulder"), bend),
        ]
        shape = _path(outline_points) + "Z"
        width = 0.1 * SCALE
        trunk = (
            f'<path d="{shape}" fill="{SKIN}" stroke="{INK}" stroke-width="{_n(width + 5)}"/>'
            f'<path d="{shape}" fill="{SKIN}" stroke="{SKIN}" stroke-width="{_n(width)}"/>'
        )
        drawn.append((self.depth(["pelvis", "neck"]), trunk))
        head_x, head_y = self.at("head")
        head = (
            f'<circle cx="{_n(head_x)}" cy="{_n(head_y)}" r="{_n(body.HEAD_RADIUS * SCALE)}" '
            f'fill="{SKIN}" stroke="{INK}" stroke-width="3.5"/>'
        )
        drawn.append((self.depth(["head"]), head))
        return drawn

    def chair(self) -> tuple[float, str]:
        """A chair seen from the side: its back, its seat reaching forward, two legs."""
        top = self.figure.props["chair"]
        seat = top[1] - CHAIR_BACK
        corners = {
            "back_top": top,
            "back_seat": (top[0], seat, top[2]),
            "front_seat": (top[0] + 0.14, seat, top[2]),
            "back_foot": (top[0], 0.0, top[2]),
            "front_foot": (top[0] + 0.14, 0.0, top[2]),
        }
        c = {name: self.xy(point) for name, point in corners.items()}
        lines = [
            [c["back_top"], c["back_foot"]],
            [c["back_seat"], c["front_seat"], c["front_foot"]],
        ]
        svg = "".join(_stroke(line, PROP, 7, ' stroke-opacity=".85"') for line in lines)
        return (self.camera.project(top)[2], svg)

    def towel(self, foot: str) -> str:
        """A towel from one hand round the sole of `foot` to the other hand."""
        p = self.figure.points
        heel, toes = p[f"{foot}_heel"], p[f"{foot}_toes"]
        sole = add(scale(add(toes, heel), 0.5), sub(toes, heel), 0.25)
        loop = [self.at("left_hand"), self.xy(sole), self.at("right_hand")]
        return _stroke(loop, TOWEL, 6)


def floor_svg(figure: Figure, camera: Camera, box: Box, mat: bool) -> str:
    """The floor across the picture, and a mat under the figure."""
    y = camera.project((0.0, 0.0, 0.0))[1]
    floor = (
        f'<rect x="{_n(box.left)}" y="{_n(y)}" width="{_n(box.width)}" '
        f'height="{_n(box.top + box.height - y)}" fill="{FLOOR}"/>'
    )
    if not mat:
        return floor
    xs = [camera.project(point)[0] for point in figure.points.values()]
    return floor + (
        f'<rect x="{_n(min(xs) - 14)}" y="{_n(y - 4)}" width="{_n(max(xs) - min(xs) + 28)}" '
        f'height="8" rx="4" fill="{MAT}"/>'
    )


def figure_svg(
    figure: Figure,
    camera: Camera,
    box: Box,
    props: frozenset[str],
    overlay: str = "",
    ground: bool = True,
) -> str:
    """The figure's shapes (no <svg> wrapper), props and `overlay` (arrow or feel band) on top;
    with the floor (and mat) under it unless `ground` is False."""
    scene = _Scene(figure, camera)
    drawn = scene.parts()
    if "chair" in figure.props:
        drawn.append(scene.chair())
    shapes = "".join(svg for _, svg in sorted(drawn, key=lambda item: item[0]))
    towel = scene.towel(figure.towel_foot) if figure.towel_foot else ""
    return (
        (floor_svg(figure, camera, box, "mat" in props) if ground else "")
        + f'<g fill="none" stroke-linecap="round" stroke-linejoin="round">{shapes}{towel}'
        + f"{overlay}</g>"
    )


def feel_band(figure: Figure, camera: Camera, area: str, side: str) -> str:
    """An orange band over the part where the stretch is felt."""
    start_name, end_name, start, end, part, off = AREAS[area]
    a = figure.points[start_name.format(side=side)]
    b = figure.points[end_name.format(side=side)]
    forward = figure.frames[part.format(side=side)].forward
    along = [add(add(a, sub(b, a), k), forward, off) for k in (start, end)]
    points = [_xy(camera.project(point)) for point in along]
    return _stroke(points, FEEL, 0.07 * SCALE, ' stroke-opacity=".85"')


def movement_arrow(
    path: Sequence[Vec], camera: Camera, away_from: Vec
) -> tuple[str, list[tuple[float, float]]]:
    """A blue arrow along the path a part moves, set a little off the limb; and its points.
    None for a part that hardly moves."""
    centre = camera.project(away_from)
    shifted = []
    for x, y, _ in (camera.project(point) for point in path):
        away = unit((x - centre[0], y - centre[1], 0.0))
        shifted.append((x + away[0] * 0.07 * SCALE, y + away[1] * 0.07 * SCALE))
    lengths = [math.dist(shifted[i], shifted[i + 1]) for i in range(len(shifted) - 1)]
    if sum(lengths) < HEAD_LENGTH * 1.5:
        return "", []
    # The line stops where the head begins, and the head points along the path's last stretch.
    line, left = list(shifted), HEAD_LENGTH
    while lengths and lengths[-1] <= left:
        left -= lengths.pop()
        line.pop()
    base = _towards(line[-1], line[-2], left) if len(line) > 1 else line[-1]
    line[-1] = base
    tip = shifted[-1]
    c, s = _unit_2d(base, tip)
    head = [tip, (base[0] + 9 * s, base[1] - 9 * c), (base[0] - 9 * s, base[1] + 9 * c)]
    svg = (
        _stroke(line, "#fff", 11)
        + _stroke(line, MOVE, 5)
        + f'<path d="{_path(head)}Z" fill="{MOVE}" stroke="#fff" stroke-width="1.5" '
        'stroke-linejoin="round"/>'
    )
    return svg, shifted


def _unit_2d(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The direction from a to b as (cos, sin)."""
    d = math.dist(a, b) or 1.0
    return ((b[0] - a[0]) / d, (b[1] - a[1]) / d)


def _towards(a: tuple[float, float], b: tuple[float, float], by: float) -> tuple[float, float]:
    d = math.dist(a, b)
    return a if d == 0 else (a[0] + (b[0] - a[0]) * by / d, a[1] + (b[1] - a[1]) * by / d)


def svg_document(box: Box, inner: str) -> str:
    """A standalone picture: white card, the shapes, nothing loaded from elsewhere."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{box.view_box}">'
        f'<rect x="{_n(box.left)}" y="{_n(box.top)}" width="{_n(box.width)}" '
        f'height="{_n(box.height)}" fill="#fff"/>{inner}</svg>\n'
    )
