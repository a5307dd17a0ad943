"""A second tap that comes too soon is not a second wish: it is one press, shaking or slow.

Seniors and people unused to touch screens often tap twice, or keep a finger down so that the
screen sees two taps. On a kiosk whose buttons change under the finger ("Commencer" becomes
"Suivant" at the same place), the second tap would skip a step. The navigation buttons of a
window share one guard: after a press is accepted, the next one within ``SECOND_TAP_SECONDS`` is
ignored, whichever button it lands on.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# 0.6 s: most unintended double taps of older adults come 0.1-0.4 s apart (the double-click
# interval of desktop systems, 0.4-0.5 s, is set for practised hands); reading a new screen
# before pressing again takes longer than 0.6 s.
SECOND_TAP_SECONDS = 0.6


class SecondTapGuard:
    """Accepts a press unless another one was accepted less than ``seconds`` before.

    ``clock`` returns seconds (monotonic); tests give a fake one.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, seconds: float = SECOND_TAP_SECONDS
    ) -> None:
        self.clock = clock
        self.seconds = seconds
        self._last: float | None = None

    def accept(self) -> bool:
        """True for a press to act on (and remember); False for a second tap to ignore."""
        now = self.clock()
        if self._last is not None and 0 <= now - self._last < self.seconds:
            return False
        self._last = now
        return True

    def forget(self) -> None:
        """The next press is accepted whatever its time (a new visit begins)."""
        self._last = None
