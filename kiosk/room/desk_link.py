"""The mediator's desk's link to the room: every kiosk's status and call in, "j'arrive" out.

Subscribes to the three kinds of topic of its room (``kiosk.core.room_messages``) and keeps a
``RoomBoard``. Every message is checked by the schema first: one that is malformed, of another
room, on an unknown topic or too big is ignored with a log line, and the board never sees it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.room_board import RoomBoard
from kiosk.core.room_config import RoomConfig
from kiosk.core.room_messages import (
    Answer,
    CallEvent,
    KioskStatus,
    MessageError,
    decode,
    encode,
    read_topic,
    room_filter,
    topic,
)
from kiosk.room.connection import RoomConnection

log = logging.getLogger(__name__)


class DeskLink(QObject):
    """The room seen from the desk. Signals: changed(str kiosk_id), online_changed(bool)."""

    changed = Signal(str)
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
        self.board = RoomBoard()
        self._answers: dict[str, Answer] = {}  # sent again at each connection
        room = config.room
        self.connection = RoomConnection(
            config,
            client_id=f"pasapas-{room}-desk-{config.kiosk_id}-{os.getpid()}",
            subscriptions=[room_filter(room, kind) for kind in ("status", "calls", "answers")],
            max_reconnect_seconds=max_reconnect_seconds,
            parent=self,
        )
        self.connection.connected.connect(self._on_connected)
        self.connection.disconnected.connect(self._on_disconnected)
        self.connection.received.connect(self.message_received)

    @property
    def online(self) -> bool:
        return self.connection.online

    def start(self) -> bool:
        return self.connection.start()

    def stop(self) -> None:
        self.connection.stop()

    def say_coming(self, kiosk_id: str) -> bool:
        """ "J'arrive" to the call waiting at ``kiosk_id``; False when none waits."""
        kiosk = self.board.kiosks.get(kiosk_id)
        call = kiosk.waiting_call if kiosk else None
        if call is None:
            return False
        answer = Answer(call.call_id, "coming", self.clock())
        self.board.answer_received(kiosk_id, answer)  # shown at once
        self._answers[kiosk_id] = answer
        self._send_answer(kiosk_id, answer)  # now, or at the next connection
        self.changed.emit(kiosk_id)
        return True

    def _send_answer(self, kiosk_id: str, answer: Answer) -> None:
        self.connection.publish(topic(self.config.room, kiosk_id, "answers"), encode(answer))

    @Slot()
    def _on_connected(self) -> None:
        for kiosk_id, answer in self._answers.items():
            self._send_answer(kiosk_id, answer)
        self.online_changed.emit(True)

    @Slot()
    def _on_disconnected(self) -> None:
        self.online_changed.emit(False)

    @Slot(str, object)
    def message_received(self, topic_name: str, payload: bytes) -> None:
        """One message of the room, checked before the board sees it (UI thread)."""
        place = read_topic(self.config.room, topic_name)
        if place is None:
            log.warning("room: message on an unknown topic ignored: %r", topic_name[:120])
            return
        kiosk_id, kind = place
        if not payload and kind in ("calls", "answers"):  # a retained message cleared
            message = None
        else:
            try:
                message = decode(kind, payload)
            except MessageError as error:
                log.warning("room: message on %s ignored: %s", topic_name, error)
                return
        if kind == "status":
            assert isinstance(message, KioskStatus)
            self.board.status_received(kiosk_id, message)
        elif kind == "calls":
            assert message is None or isinstance(message, CallEvent)
            self.board.call_received(kiosk_id, message)
        else:
            assert message is None or isinstance(message, Answer)
            self.board.answer_received(kiosk_id, message)
        self.changed.emit(kiosk_id)
