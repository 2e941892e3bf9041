"""A stretch's drawn pictures: the start with an arrow (which way to move), the end with an
orange band (where you should feel it), and the movement from start to end and back as frames
at the pace of the stretch, for the page to show on request."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from stretchsite.content.poses import Pictures, Pose
from stretchsite.figures.body import ARROW_PARTS, BASES, Base
from stretchsite.figures.drawing import (
    Box,
    Camera,
    feel_band,
    figure_svg,
    floor_svg,
    frame_box,
    movement_arrow,
    svg_document,
)
from stretchsite.figures.kinematics import Figure, Vec, pose_figure, sub

FRAMES = 7  # drawings from start to end, both included
MOVE_SECONDS = 3.0  # each way: slow
REST_SECONDS = 2.0  # at the start, before moving again
LONGEST_HOLD_SHOWN = 60
STEP = 0.08  # of height: a standing foot that moves further than this has stepped


@dataclass(frozen=True)
class Move:
    part: str  # the part an arrow follows, as editors name it: "right_knee", "right_foot"
    rise: float  # how far it moves up (+) or down, in figure heights
    along: float  # how far towards the head (+) or feet (lying), or forward (standing)


@dataclass(frozen=True)
class Drawn:
    start: str  # SVG documents
    end: str
    motion: str  # an inline <svg> whose frames the page's style sheet animates
    moves: tuple[Move, ...]  # what the arrows show: the movement, then a step if there is one


def _between(pictures: Pictures, t: float) -> Figure:
    start, end = pictures.start, pictures.end
    own = BASES[start.base].angles  # a joint a pose leaves out keeps its base's angle
    first, last = own | start.angles, own | end.angles
    angles = {
        name: (1 - t) * first.get(name, 0.0) + t * last.get(name, 0.0)
        for name in set(first) | set(last)
    }
    held = end if end.hands else start
    return pose_figure(
        start.base,
        angles,
        dict(held.hands),
        pictures.prop_set,
        held.towel,
        end.stand_on if t > 0.5 else start.stand_on,
        dict(end.feet if t > 0.5 else start.feet),
    )


def _mover(pictures: Pictures, start: Figure, end: Figure, camera: Camera) -> str:
    """The part the arrow follows: the one the editor names (`arrow`), or else the part that
    moves furthest in the picture. A hand that holds something follows it (or is getting
    ready), so only a free hand counts."""
    if pictures.arrow is not None:
        return ARROW_PARTS[pictures.arrow]

    def moved(name: str) -> float:
        a, b = camera.project(start.points[name]), camera.project(end.points[name])
        return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5

    movers = [
        name
        for name in ARROW_PARTS.values()
        if not name.endswith("_hand")
        or not (pictures.start.hands.get(name[:-5]) or pictures.end.hands.get(name[:-5]))
    ]
    return max(movers, key=moved)


def _schedule(frames: int, hold: float) -> tuple[float, list[list[tuple[float, float]]]]:
    """The cycle's length and, for each frame, when it shows (seconds from, to)."""
    step = MOVE_SECONDS / (frames - 1)
    shows: list[list[tuple[float, float]]] = [[] for _ in range(frames)]
    time = 0.0
    shows[0].append((time, REST_SECONDS))
    time = REST_SECONDS
    for index in range(1, frames - 1):
        shows[index].append((time, time + step))
        time += step
    shows[-1].append((time, time + step + hold))
    time += step + hold
    for index in range(frames - 2, 0, -1):
        shows[index].append((time, time + step))
        time += step
    shows[0].append((time, time + step))
    time += step
    return time, shows


def _motion(pictures: Pictures, figures: list[Figure], camera: Camera, box: Box, hold: int) -> str:
    cycle, shows = _schedule(len(figures), float(min(hold, LONGEST_HOLD_SHOWN)))
    styles = []
    groups = []
    for index, (figure, times) in enumerate(zip(figures, shows, strict=True)):
        stops = [] if times[0][0] == 0 else ["0%{opacity:0}"]
        for begin, finish in times:
            stops.append(f"{100 * begin / cycle:.2f}%{{opacity:1}}")
            stops.append(f"{100 * finish / cycle:.2f}%{{opacity:0}}")
        stops.append("100%{opacity:0}")
        styles.append(
            f"@keyframes pose-frame-{index}{{{''.join(stops)}}}"
            f".pose-frame-{index}{{animation:pose-frame-{index} {cycle:.2f}s step-end infinite}}"
        )
        groups.append(
            f'<g class="pose-frame pose-frame-{index}">'
            f"{figure_svg(figure, camera, box, pictures.prop_set, ground=False)}</g>"
        )
    ground = floor_svg(figures[0], camera, box, "mat" in pictures.prop_set)
    shapes, classes = _compact(ground + "".join(groups))
    return (
        f'<svg class="pose-motion__frames" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{box.view_box}" aria-hidden="true" focusable="false">'
        f"<style>{''.join(styles)}{classes}</style>"
        f'<rect x="{box.left:.1f}" y="{box.top:.1f}" width="{box.width:.1f}" '
        f'height="{box.height:.1f}" fill="#fff"/>{shapes}</svg>'
    )


_PAINT = re.compile(r'((?:fill|stroke)="[^"]+"(?: [a-z-]+="[^"]+")*)/>')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]+)"')
_DECIMAL = re.compile(r"(?<=[ML ])(-?\d+\.\d)")


def _compact(shapes: str) -> tuple[str, str]:
    """The frames with whole-unit coordinates and one class per paint (stroke and width)
    instead of the same attributes on every shape: the movement sits in the page's HTML."""
    names: dict[str, str] = {}

    def named(found: re.Match[str]) -> str:
        paint = found.group(1)
        names.setdefault(paint, f"pm{len(names)}")
        return f'class="{names[paint]}"/>'

    shapes = _DECIMAL.sub(
        lambda found: str(round(float(found.group(1)))), _PAINT.sub(named, shapes)
    )
    rules = "".join(
        f".pose-motion__frames .{name}{{"
        + ";".join(f"{key}:{value}" for key, value in _ATTRIBUTE.findall(paint))
        + "}"
        for paint, name in names.items()
    )
    return shapes, rules


def draw(pictures: Pictures, hold_seconds: int) -> Drawn:
    """Every picture of one stretch, in one frame so they line up. Each language's build
    draws the same poses, and `mkdocs serve` redraws only the stretches that changed."""
    return _drawn(pictures.model_dump_json(), hold_seconds)


@functools.lru_cache(maxsize=2048)
def _drawn(poses: str, hold_seconds: int) -> Drawn:
    return _draw(Pictures.model_validate_json(poses), hold_seconds)


def _draw(pictures: Pictures, hold_seconds: int) -> Drawn:
    camera = Camera(pictures.view, pictures.turn, pictures.tilt)
    start = pictures.start.figure(pictures.prop_set)
    end = pictures.end.figure(pictures.prop_set)
    between = [_between(pictures, i / (FRAMES - 1)) for i in range(1, FRAMES - 1)]
    figures = [start, *between, end]
    parts = [_mover(pictures, start, end, camera), *_steps(pictures, start, end)]
    # Arrows stand off the body: away from the pelvis, or above the floor for a step.
    below = (0.0, -10.0, 0.0)
    arrows = [
        movement_arrow(
            [figure.points[part] for figure in figures],
            camera,
            below if part.endswith("_toes") and index else start.points["pelvis"],
        )
        for index, part in enumerate(parts)
    ]
    box = frame_box(figures, camera, [point for _, points in arrows for point in points])
    band = feel_band(end, camera, pictures.feel_area, pictures.feel_side)
    arrow = "".join(svg for svg, _ in arrows)
    moves = []
    for part in parts:
        moved = sub(end.points[part], start.points[part])
        name = next(name for name, point in ARROW_PARTS.items() if point == part)
        moves.append(Move(name, moved[1], _along(pictures.start, start, moved)))
    return Drawn(
        start=svg_document(box, figure_svg(start, camera, box, pictures.prop_set, arrow)),
        end=svg_document(box, figure_svg(end, camera, box, pictures.prop_set, band)),
        motion=_motion(pictures, figures, camera, box, hold_seconds),
        moves=tuple(moves),
    )


def _steps(pictures: Pictures, start: Figure, end: Figure) -> list[str]:
    """The feet a standing figure moves to a new place (a step back), for an arrow each."""
    if pictures.start.base is not Base.STANDING:
        return []
    return [
        f"{side}_toes"
        for side in ("right", "left")
        if abs(end.points[f"{side}_heel"][0] - start.points[f"{side}_heel"][0]) > STEP
    ]


def _along(pose: Pose, figure: Figure, moved: Vec) -> float:
    """How far a movement goes along the body: towards the head when lying, forward when not."""
    frame = figure.frames["pelvis"]
    direction = frame.up if pose.base.lying else frame.forward
    horizontal = (direction[0], 0.0, direction[2])
    return moved[0] * horizontal[0] + moved[2] * horizontal[2]
