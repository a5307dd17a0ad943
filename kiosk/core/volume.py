"""The voice's volume a person chooses: ten steps, back to the admin's default after each visit.

EN 301 549 V3.2.1 clause 5.1.3.12 asks for a volume control usable without sight, in steps,
and 5.1.3.13 for the volume to go back to a moderate level after every use (a public kiosk
serves one stranger after another). The level is turned into espeak-ng's own volume
parameter (``espeakVOLUME``, 0 to 200, 100 its normal level): espeak-ng scales its samples
linearly up to about 180 and then limits the peaks instead of clipping them (measured on
French clips: RMS 2396 at 100, 4802 at 200), so every program that plays the clip (pw-play,
paplay, aplay, which has no volume option) plays it at the chosen level.
"""

from __future__ import annotations

LOWEST, HIGHEST = 1, 10
DEFAULT_LEVEL = 5
ESPEAK_STEP = 20  # espeak-ng volume per level: level 5 is espeak-ng's normal 100


def espeak_volume(level: int) -> int:
    """espeak-ng's volume (20 to 200) for a level (1 to 10; outside values are brought in)."""
    return ESPEAK_STEP * clamp(level)


def clamp(level: int) -> int:
    """``level`` brought into LOWEST..HIGHEST."""
    return max(LOWEST, min(HIGHEST, int(level)))


class Volume:
    """The level of this visit. ``louder()``/``softer()`` return False at the ends (nothing
    changed); ``reset()`` goes back to the admin's default."""

    def __init__(self, default: int = DEFAULT_LEVEL) -> None:
        self.default = clamp(default)
        self.level = self.default

    def louder(self) -> bool:
        if self.level >= HIGHEST:
            return False
        self.level += 1
        return True

    def softer(self) -> bool:
        if self.level <= LOWEST:
            return False
        self.level -= 1
        return True

    def reset(self, default: int | None = None) -> None:
        """Back to ``default`` (a new admin setting) or to the default given before."""
        if default is not None:
            self.default = clamp(default)
        self.level = self.default

    @property
    def espeak(self) -> int:
        return espeak_volume(self.level)
