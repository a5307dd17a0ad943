"""The help call ("J'appelle une personne") and the quiet offer of help to a person who is stuck.

Issue #12: a call is asked, then answered by a mediator or cancelled; one open call per visit
at most (pressing the button again keeps the first call and its time). Each call is stored with
where the person was (tutorial, step, language), when, and how it came (the citizen's button,
or the stuck offer accepted); never anything typed.

Stuck detection is plain logic fed by events and a clock: a long time on one step
(``stuck_step_seconds``) or ``WRONG_TRIES_BEFORE_OFFER`` wrong tries in the step's practice make
``StuckWatch`` say once, and never again for that step in this visit, that the kiosk may ask
"Voulez-vous qu'une personne vienne vous aider ?". Nothing is offered while a call is open.

Times are seconds (``time.time`` by default; tests give a fake clock). No Qt here: the shell
asks ``StuckWatch.seconds_until_due`` to arm one single-shot timer, then calls ``due``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import NamedTuple, Protocol

HOW = ("button", "stuck_offer")  # the citizen's button; the stuck offer, accepted
WRONG_TRIES_BEFORE_OFFER = 3

Clock = Callable[[], float]


class HelpCall(NamedTuple):
    """One call. ``step`` counts from 0 as ``events.step``; times in seconds since the epoch.

    A NamedTuple, as ``StuckOffer``: the shell builds this module at start-up, and these are
    built ten times faster than dataclasses.
    """

    visit_id: int
    tutorial_id: str | None
    step: int | None
    language: str
    asked_at: float
    how: str = "button"
    answered_at: float | None = None
    cancelled_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self.answered_at is None and self.cancelled_at is None


class HelpCallStore(Protocol):
    """Where calls are kept (``kiosk.store.help_call_store.HelpCallStore``)."""

    def call_asked(self, call: HelpCall) -> None: ...
    def call_answered(self, visit_id: int, at: float) -> None: ...
    def call_cancelled(self, visit_id: int, at: float) -> None: ...


class HelpCalls:
    """The calls of this kiosk: at most one open call per visit.

    Listeners (``add_listener``) get the call each time it is asked, answered or cancelled:
    the shell shows or hides the coloured band and the banner from that, nothing else.
    """

    def __init__(self, store: HelpCallStore, clock: Clock = time.time) -> None:
        self.store = store
        self.clock = clock
        self._open: dict[int, HelpCall] = {}
        self._listeners: list[Callable[[HelpCall], None]] = []

    def add_listener(self, listener: Callable[[HelpCall], None]) -> None:
        self._listeners.append(listener)

    def _tell(self, call: HelpCall) -> None:
        for listener in self._listeners:
            listener(call)

    def open_call(self, visit_id: int) -> HelpCall | None:
        """The visit's call waiting for a person, or None."""
        return self._open.get(visit_id)

    def waiting(self) -> list[HelpCall]:
        """Every open call, oldest first (one kiosk has one visit; the desk view has more)."""
        return sorted(self._open.values(), key=lambda call: call.asked_at)

    def ask(
        self,
        visit_id: int,
        tutorial_id: str | None,
        step: int | None,
        language: str,
        how: str = "button",
        now: float | None = None,
    ) -> HelpCall:
        """Call a person for this visit; a call already open is returned unchanged.

        ``visit_id`` is a started session's id (``Session.start()`` first: the call's row
        refers to it). ``how`` is "button" or "stuck_offer"; raises ValueError for anything
        else.
        """
        if how not in HOW:
            raise ValueError(f"unknown way of calling {how!r}; known: {', '.join(HOW)}")
        existing = self._open.get(visit_id)
        if existing is not None:
            return existing
        at = self.clock() if now is None else now
        call = HelpCall(visit_id, tutorial_id, step, language, at, how)
        self._open[visit_id] = call
        self.store.call_asked(call)
        self._tell(call)
        return call

    def answer(self, visit_id: int, now: float | None = None) -> HelpCall | None:
        """A mediator came (after their PIN): the call closes. None when none was open."""
        call = self._open.pop(visit_id, None)
        if call is None:
            return None
        at = self.clock() if now is None else now
        call = call._replace(answered_at=at)
        self.store.call_answered(visit_id, at)
        self._tell(call)
        return call

    def cancel(self, visit_id: int, now: float | None = None) -> HelpCall | None:
        """The person pressed "Annuler", or the visit ended: the call closes unanswered."""
        call = self._open.pop(visit_id, None)
        if call is None:
            return None
        at = self.clock() if now is None else now
        call = call._replace(cancelled_at=at)
        self.store.call_cancelled(visit_id, at)
        self._tell(call)
        return call

    def visit_ended(self, visit_id: int, now: float | None = None) -> None:
        """Nobody is left to help: a call still open is cancelled."""
        self.cancel(visit_id, now)


class StuckOffer(NamedTuple):
    """Why and where to offer help: ``reason`` is "long_step" or "wrong_tries"."""

    reason: str
    tutorial_id: str
    step: int


class StuckWatch:
    """Decides when to offer a person help, at most once per step in a visit.

    Feed it ``step_shown`` at each step, ``wrong_try`` at each wrong answer of a practice,
    ``call_open``/``call_closed`` around a help call, and ``forget`` at the end of the visit.
    ``stuck_step_seconds`` is the setting of that name.
    """

    def __init__(self, stuck_step_seconds: float, clock: Clock = time.time) -> None:
        self.stuck_step_seconds = stuck_step_seconds
        self.clock = clock
        self._offered: set[tuple[str, int]] = set()
        self._place: tuple[str, int] | None = None
        self._since = 0.0
        self._wrong_tries = 0
        self._calling = False

    def _now(self, now: float | None) -> float:
        return self.clock() if now is None else now

    def step_shown(self, tutorial_id: str, step: int, now: float | None = None) -> None:
        """A step is on screen; the same step shown again keeps its time and tries."""
        if self._place == (tutorial_id, step):
            return
        self._place = (tutorial_id, step)
        self._since = self._now(now)
        self._wrong_tries = 0

    def left_tutorial(self) -> None:
        """No step on screen (home, search…): nothing to watch."""
        self._place = None

    def call_open(self) -> None:
        """A help call waits: no offer meanwhile."""
        self._calling = True

    def call_closed(self) -> None:
        self._calling = False

    def _offer(self, reason: str) -> StuckOffer | None:
        if self._place is None or self._calling or self._place in self._offered:
            return None
        self._offered.add(self._place)
        return StuckOffer(reason, *self._place)

    def wrong_try(self, now: float | None = None) -> StuckOffer | None:
        """A wrong answer in this step's practice; the offer at the third, else None."""
        if self._place is None:
            return None
        self._wrong_tries += 1
        if self._wrong_tries >= WRONG_TRIES_BEFORE_OFFER:
            return self._offer("wrong_tries")
        return None

    def seconds_until_due(self, now: float | None = None) -> float | None:
        """Seconds until ``due`` may offer (0 if now); None when nothing is to come."""
        if self._place is None or self._calling or self._place in self._offered:
            return None
        return max(0.0, self._since + self.stuck_step_seconds - self._now(now))

    def due(self, now: float | None = None) -> StuckOffer | None:
        """The offer when the step has been on screen ``stuck_step_seconds``, once; else None."""
        left = self.seconds_until_due(now)
        if left is None or left > 0:
            return None
        return self._offer("long_step")

    def forget(self) -> None:
        """The visit ended: the next person starts with every step offerable again."""
        self._offered.clear()
        self._place = None
        self._wrong_tries = 0
        self._calling = False
