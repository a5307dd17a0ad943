"""Text size steps for A+ / A−: from 100 % to 200 %, kept for the session only.

Three presses of A+ reach 200 %: people who need large text need it at once, and each step is
large enough to be seen (WCAG 1.4.4 asks that text can be doubled without loss).
"""

from __future__ import annotations

TEXT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 2.0)


def bigger(scale: float) -> float:
    return next((s for s in TEXT_SCALES if s > scale + 1e-9), TEXT_SCALES[-1])


def smaller(scale: float) -> float:
    return next((s for s in reversed(TEXT_SCALES) if s < scale - 1e-9), TEXT_SCALES[0])


def percent(scale: float) -> int:
    """The size as people read it: 1.5 → 150."""
    return round(scale * 100)
