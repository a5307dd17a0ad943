"""What one person's visit must remember while they move around the kiosk.

Today: where they stopped in each tutorial they left before its end, so that "Accueil" never
loses their place ("Reprendre à l'étape 4"). Forgotten, with everything else, when the visit
ends (Terminer, idle time).
"""

from __future__ import annotations

from collections.abc import Callable


class Visit:
    """The places kept during one visit. Steps are counted from 0.

    Listeners given to ``when_forgotten`` are called after each ``forget()``: what a person
    chose outside this object (the voice's volume, the listening mode) goes back too.
    """

    def __init__(self) -> None:
        self._places: dict[str, int] = {}
        self._forget_listeners: list[Callable[[], None]] = []

    def keep_place(self, tutorial_id: str, step_index: int) -> None:
        """Remember the step shown; step 0 is no place to come back to."""
        if step_index > 0:
            self._places[tutorial_id] = step_index
        else:
            self._places.pop(tutorial_id, None)

    def place(self, tutorial_id: str) -> int:
        """The step to resume at, 0 when there is none."""
        return self._places.get(tutorial_id, 0)

    def finished(self, tutorial_id: str) -> None:
        """A tutorial done to its end has no place to resume."""
        self._places.pop(tutorial_id, None)

    def forget(self) -> None:
        self._places.clear()
        for listener in list(self._forget_listeners):
            listener()

    def when_forgotten(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` at the end of every visit, after the places are forgotten."""
        self._forget_listeners.append(listener)
