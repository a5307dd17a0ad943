"""A kiosk's link to the room: its status and its help calls out, the desk's "j'arrive" in.

Built only when a broker is set (``RoomConfig.enabled``); without one, or while the broker is
away, the kiosk works exactly as before: nothing here ever waits for the network (see
``kiosk.room.connection``).

What goes out (``kiosk.core.room_messages``), each a retained state sent when it changes and
again at each connection (``kiosk.room.connection`` says why):
- the status; the broker publishes "offline" for us if we vanish (the Last Will), we publish
  it ourselves when we stop;
- the latest event of the help call (made, answered, cancelled), or an empty message when this
  run has had no call (a call left retained before a crash is cleared: it went with its visit).
  A call made while the broker is away is sent when it is back; one made and closed meanwhile
  arrives closed: the desk never has to act on it. A call belongs to a visit and a visit ends
  with its process, so the kiosk's memory is enough (the help_calls table keeps every call).

What comes in: the desk's answer "coming" for the call that waits. ``person_coming`` is then
emitted once for that call; answers to older calls (retained) are ignored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.help_call import HelpCall
from kiosk.core.room_config import RoomConfig
from kiosk.core.room_messages import (
    TROUBLES,
    Answer,
    CallEvent,
    KioskStatus,
    MessageError,
    call_id,
    decode,
    encode,
    topic,
)
from kiosk.room.connection import RoomConnection

log = logging.getLogger(__name__)


class KioskLink(QObject):
    """Tells the room where this kiosk is and which help call waits.

    Feed it: ``visit_started()``/``visit_ended()``, ``show_place(tutorial, step)`` at every
    screen, ``set_listening(bool)``, ``set_trouble("speech"|"printer", bool)``, and the help
    calls through ``on_help_call`` (a ``HelpCalls`` listener). ``clock`` gives seconds.

    Signals: person_coming(str call_id): the desk answered "j'arrive" to the waiting call;
    online_changed(bool).
    """

    person_coming = Signal(str)
    online_changed = Signal(bool)

    def __init__(
        self,
        config: RoomConfig,
        clock: Callable[[], float] = time.time,
        max_reconnect_seconds: int = 30,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.clock = clock
        self._in_visit = False
        self._tutorial: str | None = None
        self._step: int | None = None
        self._listening = False
        self._trouble: set[str] = set()
        self._sent_status: KioskStatus | None = None
        self._last_call: CallEvent | None = None
        self._announced: set[str] = set()
        self._call_ids: dict[float, str] = {}
        self._status_topic = topic(config.room, config.kiosk_id, "status")
        self._calls_topic = topic(config.room, config.kiosk_id, "calls")
        self._answers_topic = topic(config.room, config.kiosk_id, "answers")
        offline = KioskStatus(config.kiosk_name, "offline", at=clock())
        self.connection = RoomConnection(
            config,
            client_id=f"pasapas-{config.room}-{config.kiosk_id}",
            subscriptions=[self._answers_topic],
            will=(self._status_topic, encode(offline)),
            max_reconnect_seconds=max_reconnect_seconds,
            parent=self,
        )
        self.connection.connected.connect(self._on_connected)
        self.connection.disconnected.connect(self._on_disconnected)
        self.connection.received.connect(self._on_received)

    @property
    def online(self) -> bool:
        return self.connection.online

    @property
    def waiting_call_id(self) -> str | None:
        call = self._last_call
        return call.call_id if call is not None and call.waiting else None

    def start(self) -> None:
        """Connect in the background; everything is sent once connected."""
        self.connection.start()

    def stop(self) -> None:
        """The kiosk closes: the desk reads "offline" at once (not after the keep-alive)."""
        if self.connection.online:
            offline = KioskStatus(self.config.kiosk_name, "offline", at=self.clock())
            self.connection.publish(self._status_topic, encode(offline))
        self.connection.stop()

    # -- the status -------------------------------------------------------------------------------
    def visit_started(self) -> None:
        self._in_visit = True
        self._publish_status()

    def visit_ended(self) -> None:
        self._in_visit = False
        self._tutorial = self._step = None
        self._listening = False
        self._publish_status()

    def show_place(self, tutorial_id: str | None, step: int | None) -> None:
        """The tutorial and step (from 0) on screen; (None, None) elsewhere."""
        self._tutorial, self._step = tutorial_id, step
        self._publish_status()

    def set_listening(self, on: bool) -> None:
        self._listening = bool(on)
        self._publish_status()

    def set_trouble(self, kind: str, present: bool) -> None:
        """``kind`` is "speech" or "printer"; raises ValueError for anything else."""
        if kind not in TROUBLES:
            raise ValueError(f"unknown trouble {kind!r}; known: {', '.join(TROUBLES)}")
        if present:
            self._trouble.add(kind)
        else:
            self._trouble.discard(kind)
        self._publish_status()

    def status(self) -> KioskStatus:
        """What the desk is told now."""
        visit = self._in_visit
        return KioskStatus(
            name=self.config.kiosk_name,
            state="visit" if visit else "free",
            tutorial=self._tutorial if visit else None,
            step=self._step if visit and self._tutorial else None,
            listening=self._listening,
            trouble=tuple(t for t in TROUBLES if t in self._trouble),
            at=self.clock(),
        )

    def _publish_status(self, force: bool = False) -> None:
        status = self.status()
        if not force and self._sent_status is not None and status[:-1] == self._sent_status[:-1]:
            return
        self._sent_status = status
        self.connection.publish(self._status_topic, encode(status))

    # -- help calls -------------------------------------------------------------------------------
    def on_help_call(self, call: HelpCall) -> None:
        """A ``HelpCalls`` listener: each event of a call goes to the room, in order."""
        if call.answered_at is not None:
            event, at = "answered", call.answered_at
        elif call.cancelled_at is not None:
            event, at = "cancelled", call.cancelled_at
        else:
            event, at = "made", call.asked_at
        message = CallEvent(
            call_id=self._call_id(call),
            event=event,
            tutorial=call.tutorial_id,
            step=call.step if call.tutorial_id else None,
            language=call.language,
            asked_at=call.asked_at,
            at=at,
        )
        try:
            payload = encode(message)
        except MessageError as error:  # a tutorial id the schema refuses: the call still goes
            log.warning("room: call sent without its place (%s)", error)
            message = message._replace(tutorial=None, step=None)
            payload = encode(message)
        self._last_call = message
        self.connection.publish(self._calls_topic, payload)

    def _call_id(self, call: HelpCall) -> str:
        """The same id for every event of one call. The window's visit id may still be a
        placeholder (``RowId``) when the call is made, written by SQLite only a moment later:
        the id is fixed at the first event, with 0 for a visit not written yet (the time of
        the call, in ms, tells calls of one kiosk apart)."""
        known = self._call_ids.get(call.asked_at)
        if known is None:
            visit = getattr(call.visit_id, "value", call.visit_id)
            known = call_id(visit if isinstance(visit, int) else 0, call.asked_at)
            self._call_ids = {call.asked_at: known}  # one open call per visit: the last one
        return known

    # -- from the broker (UI thread) --------------------------------------------------------------
    @Slot()
    def _on_connected(self) -> None:
        """Everything again: the broker may have restarted without its retained messages."""
        self._publish_status(force=True)
        call = self._last_call
        self.connection.publish(self._calls_topic, encode(call) if call is not None else b"")
        self.online_changed.emit(True)

    @Slot()
    def _on_disconnected(self) -> None:
        self.online_changed.emit(False)

    @Slot(str, object)
    def _on_received(self, topic_name: str, payload: bytes) -> None:
        if topic_name != self._answers_topic or not payload:
            return
        try:
            answer = decode("answers", payload)
        except MessageError as error:
            log.warning("room: message on %s ignored: %s", topic_name, error)
            return
        assert isinstance(answer, Answer)
        if answer.call_id != self.waiting_call_id or answer.call_id in self._announced:
            return
        self._announced.add(answer.call_id)
        self.person_coming.emit(answer.call_id)


def kiosk_link_for(get: Callable[[str], Any], parent: QObject | None = None) -> KioskLink | None:
    """The started link of a kiosk whose settings name a broker; None without one.

    ``get`` is ``SettingsStore.get``. Connecting goes on in the background: this returns at
    once, whether the broker answers or not.
    """
    config = RoomConfig.from_settings(get)
    if not config.enabled:
        return None
    link = KioskLink(config, parent=parent)
    link.start()
    return link
