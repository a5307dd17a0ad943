"""What the mediator's desk knows of the room: each kiosk's status, call and answer.

Fed with the messages of ``kiosk.core.room_messages`` as they come (in any order, twice, or
late: MQTT delivers a QoS 1 message at least once, and a kiosk back on the network sends what
waited), it answers the desk's questions: which kiosks, which call waits and since when, to
which call someone is already coming. Plain Python; the times are seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.room_messages import Answer, CallEvent, KioskStatus

_RANK = {"made": 0, "answered": 1, "cancelled": 1}


@dataclass
class KioskOnBoard:
    """One kiosk as the desk sees it."""

    kiosk_id: str
    status: KioskStatus | None = None
    call: CallEvent | None = None
    answer: Answer | None = None

    @property
    def name(self) -> str:
        return self.status.name if self.status else self.kiosk_id

    @property
    def online(self) -> bool:
        return self.status is not None and self.status.state != "offline"

    @property
    def waiting_call(self) -> CallEvent | None:
        """The call that waits for a person (someone may already be coming), or None."""
        return self.call if self.call is not None and self.call.waiting else None

    @property
    def someone_coming(self) -> bool:
        """True when the desk said "j'arrive" to the call that waits."""
        call = self.waiting_call
        return call is not None and self.answer is not None and self.answer.call_id == call.call_id


class RoomBoard:
    """The kiosks of one room, by id."""

    def __init__(self) -> None:
        self.kiosks: dict[str, KioskOnBoard] = {}

    def _kiosk(self, kiosk_id: str) -> KioskOnBoard:
        return self.kiosks.setdefault(kiosk_id, KioskOnBoard(kiosk_id))

    def status_received(self, kiosk_id: str, status: KioskStatus) -> None:
        self._kiosk(kiosk_id).status = status

    def call_received(self, kiosk_id: str, call: CallEvent | None) -> None:
        """A call's event (None: the kiosk cleared its call when it started again).

        An event that comes after a later one of the same call (a copy sent again) is
        ignored: a call answered never waits again.
        """
        kiosk = self._kiosk(kiosk_id)
        known = kiosk.call
        if (
            call is not None
            and known is not None
            and known.call_id == call.call_id
            and _RANK[call.event] < _RANK[known.event]
        ):
            return
        kiosk.call = call

    def answer_received(self, kiosk_id: str, answer: Answer | None) -> None:
        self._kiosk(kiosk_id).answer = answer

    def in_order(self) -> list[KioskOnBoard]:
        """Every kiosk known, by name (then id): tiles keep their place."""
        return sorted(self.kiosks.values(), key=lambda k: (k.name.casefold(), k.kiosk_id))

    def waiting(self) -> list[KioskOnBoard]:
        """The kiosks with a waiting call, the one waiting longest first."""
        calling = [k for k in self.kiosks.values() if k.waiting_call is not None]
        return sorted(calling, key=lambda k: k.waiting_call.asked_at)


def waited_seconds(call: CallEvent, now: float) -> float:
    """How long ``call`` has waited at ``now`` (never less than 0: two clocks may differ)."""
    return max(0.0, now - call.asked_at)
