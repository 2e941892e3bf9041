"""How much of a stretch to do, in numbers and in plain words."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from stretchsite.content.model import RoutineItem, Sides, Stretch
from stretchsite.pages.strings import Strings

# How long a routine takes. The timer counts down LEAD_IN_SECONDS before each hold, so the
# patient can get into position; changing sides and moving to the next stretch take time too.
# The routine builder's script reads the same numbers from the stretch library JSON.
LEAD_IN_SECONDS = 5
SIDE_CHANGE_SECONDS = 15
STRETCH_CHANGE_SECONDS = 30


@dataclass(frozen=True)
class Dose:
    hold_seconds: int
    reps_min: int
    reps_max: int
    both_sides: bool
    times_per_day: int
    t: Strings = field(repr=False, compare=False)

    @classmethod
    def of(cls, stretch: Stretch, item: RoutineItem | None = None, *, t: Strings) -> Dose:
        """The stretch's own dose, with a routine's overrides applied when given."""
        reps = (item.repetitions if item else None) or stretch.repetitions
        return cls(
            hold_seconds=(item.hold_seconds if item else None) or stretch.hold_seconds,
            reps_min=reps.min,
            reps_max=reps.max,
            both_sides=stretch.sides is Sides.BOTH,
            times_per_day=(item.times_per_day if item else None) or stretch.times_per_day,
            t=t,
        )

    @property
    def hold(self) -> str:
        minutes, seconds = divmod(self.hold_seconds, 60)
        parts = []
        if minutes:
            parts.append(self.t("minutes", n=minutes))
        if seconds:
            parts.append(self.t("seconds", n=seconds))
        return " ".join(parts)

    @property
    def repeats(self) -> str:
        if self.reps_min == self.reps_max:
            return self.t("times", n=self.reps_min)
        return self.t("times_range", min=self.reps_min, max=self.reps_max)

    @property
    def how_often(self) -> str:
        return self.t("times_a_day", n=self.times_per_day)

    @property
    def summary(self) -> str:
        """One plain sentence pair, shown when the timer cannot run (no JavaScript, print)."""
        key = "dose_summary_both_sides" if self.both_sides else "dose_summary"
        return self.t(key, hold=self.hold, repeats=self.repeats)

    def seconds(self, repeats: int) -> int:
        """How long this stretch takes at `repeats` repeats: each hold with its lead-in, on each
        side, plus changing sides and getting into position."""
        sides = 2 if self.both_sides else 1
        holds = sides * repeats * (LEAD_IN_SECONDS + self.hold_seconds)
        return holds + (sides - 1) * SIDE_CHANGE_SECONDS + STRETCH_CHANGE_SECONDS


def routine_minutes(doses: Iterable[Dose]) -> tuple[int, int]:
    """How many minutes a routine takes each time, at the fewest and the most repeats."""
    doses = list(doses)
    shortest = sum(dose.seconds(dose.reps_min) for dose in doses)
    longest = sum(dose.seconds(dose.reps_max) for dose in doses)
    return math.ceil(shortest / 60), math.ceil(longest / 60)
