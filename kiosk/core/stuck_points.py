"""Where people get stuck on this kiosk: one row per tutorial and step, for the mediator.

Each row counts, over a period (7 or 30 days): help calls asked on that step, abandons (visits
that ended, by "Terminer" or idle time, with that step last on screen and the tutorial not
done), wrong tries by kind (``practice_attempts`` outcomes such as "too_short",
"wrong_choice"), hints shown and "Montrez-moi" used. Plain data: the store fills it, the
mediator's view sorts it and draws bars from ``weight``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

PERIODS_DAYS = (7, 30)
SORT_KEYS = ("weight", "help_calls", "abandons", "wrong_tries", "hints", "shown", "place")


@dataclass(frozen=True)
class StuckPoint:
    """One step's counts. ``step`` counts from 0, as ``events.step``."""

    tutorial_id: str
    step: int
    help_calls: int = 0
    abandons: int = 0
    wrong_by_kind: dict[str, int] = field(default_factory=dict)
    hints: int = 0
    shown: int = 0

    @property
    def wrong_tries(self) -> int:
        return sum(self.wrong_by_kind.values())

    @property
    def weight(self) -> int:
        """One number for the bar chart and the default order: how much people struggled.

        Ours: a help call or an abandon counts 3 (a person gave up or needed someone), a
        "Montrez-moi" 2, a hint or a wrong try 1.
        """
        return (
            3 * (self.help_calls + self.abandons) + 2 * self.shown + self.hints + self.wrong_tries
        )

    def as_row(self) -> dict[str, object]:
        """The row as plain values, e.g. for a table model or an export."""
        return {
            "tutorial_id": self.tutorial_id,
            "step": self.step,
            "help_calls": self.help_calls,
            "abandons": self.abandons,
            "wrong_tries": self.wrong_tries,
            "wrong_by_kind": dict(self.wrong_by_kind),
            "hints": self.hints,
            "shown": self.shown,
            "weight": self.weight,
        }


class StuckPointsSource(Protocol):
    """What the mediator's view asks (``kiosk.store.stuck_points_query.StuckPointsQuery``);
    slow over months of events, so called off the UI thread."""

    def stuck_points(self, days: int, now: float) -> list[StuckPoint]: ...


def sort_points(
    points: Iterable[StuckPoint], key: str = "weight", descending: bool = True
) -> list[StuckPoint]:
    """The rows in the order the mediator chose; ties stay in tutorial and step order.

    ``key`` is one of ``SORT_KEYS`` ("place" is tutorial then step); raises ValueError else.
    """
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}; known: {', '.join(SORT_KEYS)}")
    by_place = sorted(points, key=lambda p: (p.tutorial_id, p.step))
    if key == "place":
        return by_place[::-1] if descending else by_place
    return sorted(by_place, key=lambda p: getattr(p, key), reverse=descending)
