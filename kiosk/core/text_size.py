"""Text size steps for A+ / A−: from 100 % to 200 %, kept for the session only."""

from __future__ import annotations

TEXT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 1.75, 2.0)


def bigger(scale: float) -> float:
    return next((s for s in TEXT_SCALES if s > scale + 1e-9), TEXT_SCALES[-1])


def smaller(scale: float) -> float:
    return next((s for s in reversed(TEXT_SCALES) if s < scale - 1e-9), TEXT_SCALES[0])
