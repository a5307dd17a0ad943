"""A citizen's session: from the first touch to "Terminer", completion or idle time.

It holds only what the person chose (language, text size, where they are); nothing typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.core.text_size import TEXT_SCALES

SessionKey = Any  # what the recorder gives at the start, handed back with each event


class ActivityRecorder(Protocol):
    """Where a session's anonymous events go (``kiosk.store.activity_store.ActivityStore``).

    ``start_session`` returns a key that stands for the session's id: the store writes on a
    background thread and the id comes from SQLite once the row is written, so the key may be
    a placeholder (``kiosk.store.database.RowId``), never a number counted here.
    """

    def start_session(self, language: str) -> SessionKey: ...
    def end_session(self, session_id: SessionKey, reason: str) -> None: ...
    def record(
        self,
        session_id: SessionKey,
        kind: str,
        tutorial_id: str | None = None,
        step: int | None = None,
    ) -> None: ...
    def record_attempt(
        self,
        session_id: SessionKey,
        tutorial_id: str,
        step: int,
        field: str,
        outcome: str,
        hint: bool,
    ) -> None: ...


@dataclass
class Session:
    """One person's visit. ``id`` is None before the first touch and after the end."""

    recorder: ActivityRecorder
    default_language: str = "fr"
    id: SessionKey | None = None
    language: str = "fr"
    text_scale: float = TEXT_SCALES[0]
    # The recorded sessions of this person's visit, first one first: finishing a tutorial
    # closes one and the next touch opens another, until "Terminer" or idle time.
    visit_ids: list[SessionKey] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.language = self.default_language

    @property
    def active(self) -> bool:
        return self.id is not None

    def start(self) -> None:
        if self.id is None:
            self.id = self.recorder.start_session(self.language)
            self.visit_ids.append(self.id)

    def record(self, kind: str, tutorial_id: str | None = None, step: int | None = None) -> None:
        if self.id is not None:
            self.recorder.record(self.id, kind, tutorial_id, step)

    def record_attempt(
        self, tutorial_id: str, step: int, field: str, outcome: str, hint_used: bool
    ) -> None:
        if self.id is not None:
            self.recorder.record_attempt(self.id, tutorial_id, step, field, outcome, hint_used)

    def end(self, reason: str, forget: bool = True) -> None:
        """Close the recorded session; ``forget`` also drops the person's choices.

        A finished tutorial closes the record but keeps the choices (the person is still
        there); "Terminer" and idle time forget everything, for the next person.
        """
        if self.id is not None:
            self.recorder.end_session(self.id, reason)
        self.id = None
        if forget:
            self.visit_ids = []
            self.language = self.default_language
            self.text_scale = TEXT_SCALES[0]
