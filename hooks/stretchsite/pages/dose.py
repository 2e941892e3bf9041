"""How much of a stretch to do, in numbers and in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from stretchsite.content.model import RoutineItem, Sides, Stretch

_TIMES = {1: "Once a day", 2: "Twice a day"}


@dataclass(frozen=True)
class Dose:
    hold_seconds: int
    reps_min: int
    reps_max: int
    both_sides: bool
    times_per_day: int

    @classmethod
    def of(cls, stretch: Stretch, item: RoutineItem | None = None) -> Dose:
        """The stretch's own dose, with a routine's overrides applied when given."""
        reps = (item.repetitions if item else None) or stretch.repetitions
        return cls(
            hold_seconds=(item.hold_seconds if item else None) or stretch.hold_seconds,
            reps_min=reps.min,
            reps_max=reps.max,
            both_sides=stretch.sides is Sides.BOTH,
            times_per_day=(item.times_per_day if item else None) or stretch.times_per_day,
        )

    @property
    def hold(self) -> str:
        minutes, seconds = divmod(self.hold_seconds, 60)
        parts = []
        if minutes:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        if seconds:
            parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
        return " ".join(parts)

    @property
    def repeats(self) -> str:
        if self.reps_min == self.reps_max:
            return f"{self.reps_min} time{'s' if self.reps_min != 1 else ''}"
        return f"{self.reps_min} to {self.reps_max} times"

    @property
    def sides(self) -> str:
        return "Both sides, one after the other" if self.both_sides else "Not needed"

    @property
    def how_often(self) -> str:
        return _TIMES.get(self.times_per_day, f"{self.times_per_day} times a day")

    @property
    def summary(self) -> str:
        """One plain sentence pair, shown when the timer cannot run (no JavaScript, print)."""
        each = " on each side" if self.both_sides else ""
        return f"Hold for {self.hold}. Repeat {self.repeats}{each}."
