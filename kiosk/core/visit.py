"""One owner for what a person's visit chose, from the first touch to its end.

A visit holds the person's language, text size and contrast, whether a mediator turned on
reading aloud or helped, and where they stopped in each tutorial they left before its end (so
that "Accueil" never loses their place: "Reprendre à l'étape 4"). Nothing typed is ever here.
Widgets never keep these choices themselves: they listen to the visit. When the visit ends
(Terminer, idle time), ``forget`` puts every choice back to the kiosk's defaults and tells the
listeners, so the next person finds a fresh kiosk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.core.text_size import TEXT_SCALES

VisitListener = Callable[[str, Any], None]
"""Called with (choice, new value); choice is "language", "text_scale" or "high_contrast"."""


class Visit:
    """The choices of one visit. Steps are counted from 0; text scales are factors (1.0 =
    100 %); languages are codes of kiosk.core.languages."""

    def __init__(self, default_language: str = "fr") -> None:
        self.default_language = default_language
        self.language = default_language
        self.text_scale = TEXT_SCALES[0]
        self.high_contrast = False
        self.auto_read = False  # turned on by a mediator, for this visit only
        self.mediator_helped = False  # a mediator opened their panel during this visit
        self._places: dict[str, int] = {}
        self._listeners: list[VisitListener] = []
        self._forget_listeners: list[Callable[[], None]] = []

    # -- the person's choices, told to whoever listens -------------------------------------------
    def listen(self, listener: VisitListener) -> None:
        """Call ``listener(choice, value)`` after each change of language, size or contrast."""
        self._listeners.append(listener)

    def choose_language(self, language: str) -> None:
        self._choose("language", language)

    def choose_text_scale(self, scale: float) -> None:
        """Raises ValueError for a size the kiosk does not offer (kiosk.core.text_size)."""
        if scale not in TEXT_SCALES:
            raise ValueError(f"text scale {scale} is not one of {TEXT_SCALES}")
        self._choose("text_scale", scale)

    def choose_contrast(self, high: bool) -> None:
        self._choose("high_contrast", high)

    def _choose(self, choice: str, value: Any) -> None:
        setattr(self, choice, value)
        for listener in list(self._listeners):
            listener(choice, value)

    # -- places in tutorials ----------------------------------------------------------------------
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
        """The visit ended: every choice back to the defaults, each told to the listeners."""
        self._places.clear()
        self.auto_read = False
        self.mediator_helped = False
        self.choose_language(self.default_language)
        self.choose_text_scale(TEXT_SCALES[0])
        self.choose_contrast(False)
        for listener in list(self._forget_listeners):
            listener()

    def when_forgotten(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` at the end of every visit, after every choice went back (what a
        person chose outside this object, the voice's volume or the listening mode, goes back
        too)."""
        self._forget_listeners.append(listener)
