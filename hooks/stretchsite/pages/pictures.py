"""Each stretch's pictures as pages show them: the start and end drawn from its poses (with
words for people who cannot see them), or the one picture an editor drew."""

from __future__ import annotations

import re
from dataclasses import dataclass

from stretchsite.content.library import Library
from stretchsite.content.model import Stretch
from stretchsite.pages.pose_drawing import Move, draw
from stretchsite.pages.strings import Strings

FOLDER = "assets/illustrations"
_VIEW_BOX = re.compile(r'viewBox="([^"]+)"')
_SHOWN = 0.3  # a movement along a direction under this share of the largest is not named


@dataclass(frozen=True)
class Picture:
    file: str  # where the site publishes it, like assets/illustrations/knee-to-chest-start.svg
    svg: str
    label: str  # "Start", "End"; empty for a single drawn picture
    alt: str  # what it shows, for people who cannot see it
    scene: str  # under it: what it shows (not on paper, where the steps are beside it)
    caption: str  # under it: what the arrow or the band means

    @property
    def width(self) -> int:
        return round(float(self._view_box[2]))

    @property
    def height(self) -> int:
        return round(float(self._view_box[3]))

    @property
    def _view_box(self) -> list[str]:
        found = _VIEW_BOX.search(self.svg)
        return found.group(1).split() if found else ["0", "0", "400", "300"]


@dataclass(frozen=True)
class StretchPictures:
    pictures: list[Picture]
    motion: str | None = None  # the movement, an inline SVG the page animates on request
    key: bool = False  # has an arrow and an orange band that a key explains


def _direction(move: Move, lying: bool, t: Strings) -> str:
    """The way an arrow points, in words: "up and towards your head"."""
    # Lying down, a knee comes towards the chest; anything else towards the head.
    towards = "towards_chest" if move.part.endswith("_knee") else "towards_head"
    along_words = (towards, "towards_feet") if lying else ("forward", "back")
    rise = ("towards_ceiling", "towards_floor") if lying else ("up", "down")
    parts = [
        (abs(move.rise), t.directions[rise[0] if move.rise > 0 else rise[1]]),
        (abs(move.along), t.directions[along_words[0] if move.along > 0 else along_words[1]]),
    ]
    largest = max(size for size, _ in parts)
    named = [words for size, words in parts if size >= _SHOWN * largest]
    return f" {t.picture_and} ".join(named)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _listed(items: list[str], t: Strings) -> str:
    """ "a, b and c" in the page's language."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {t.picture_and} {items[-1]}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def drawn_pictures(slug: str, stretch: Stretch, t: Strings) -> StretchPictures:
    assert stretch.pictures is not None
    drawn = draw(stretch.pictures, stretch.hold_seconds)
    lying = stretch.pictures.start.base.lying
    movements = [
        f"{t.moving_parts[move.part]} {_direction(move, lying, t)}" for move in drawn.moves
    ]
    arrow = t(
        "picture_arrow" if len(movements) == 1 else "picture_arrows",
        movement=f", {t.picture_and} ".join(movements),
    )
    feel = t("picture_feel", where=_listed([_lower_first(m) for m in stretch.target_muscles], t))
    return StretchPictures(
        [
            Picture(
                f"{FOLDER}/{slug}-start.svg",
                drawn.start,
                t.picture_start,
                f"{_sentence(stretch.starting_position)} {arrow}",
                "",
                arrow,
            ),
            Picture(
                f"{FOLDER}/{slug}-end.svg",
                drawn.end,
                t.picture_end,
                f"{_sentence(stretch.illustration_alt)} {feel}",
                _sentence(stretch.illustration_alt),
                feel,
            ),
        ],
        drawn.motion,
        key=True,
    )


def stretch_pictures(library: Library, t: Strings) -> dict[str, StretchPictures]:
    """Every stretch's pictures by slug; a stretch with neither poses nor a picture has none."""
    found: dict[str, StretchPictures] = {}
    for slug, stretch in library.stretches.items():
        if stretch.pictures is not None:
            found[slug] = drawn_pictures(slug, stretch, t)
        elif slug in library.illustrations:
            svg = library.illustrations[slug].read_text("utf-8")
            found[slug] = StretchPictures(
                [
                    Picture(
                        f"{FOLDER}/{slug}.svg",
                        svg,
                        "",
                        _sentence(stretch.illustration_alt),
                        "",
                        _sentence(stretch.illustration_alt),  # printed too
                    )
                ]
            )
    return found
