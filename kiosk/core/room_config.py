"""The room's settings, read once into one record: which broker, which room, which kiosk.

Plain Python (no Qt, no store): the kiosk link and the desk read it from the settings store's
``get``. The kiosk's id in topics is the slug of its name, or of the computer's name when the
admin gave none: two kiosks of one room must have different names (MQTT: one client per id).
"""

from __future__ import annotations

import socket
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

from kiosk.core.room_messages import MAX_NAME_CHARS, slug


class RoomConfig(NamedTuple):
    """Where to reach the room's broker and who this kiosk is there."""

    host: str
    port: int
    room: str  # a slug
    user: str
    password: str
    ca_file: str
    kiosk_name: str  # shown on the desk, at most MAX_NAME_CHARS
    kiosk_id: str  # a slug, in topics

    @property
    def enabled(self) -> bool:
        """False when no broker is set: the kiosk works alone, as before."""
        return bool(self.host) and bool(self.room) and bool(self.kiosk_id)

    @classmethod
    def from_settings(
        cls, get: Callable[[str], Any], computer: Callable[[], str] = socket.gethostname
    ) -> RoomConfig:
        """``get`` is ``SettingsStore.get``; ``computer`` gives the machine's name."""
        name = shown_name(str(get("kiosk_name"))) or shown_name(computer()) or "kiosque"
        return cls(
            host=str(get("room_broker_host")).strip(),
            port=int(get("room_broker_port")),
            room=slug(str(get("room_name"))),
            user=str(get("room_user")).strip(),
            password=str(get("room_password")),
            ca_file=str(get("room_tls_ca_file")).strip(),
            kiosk_name=name,
            kiosk_id=slug(name) or "kiosque",
        )


def shown_name(text: str) -> str:
    """``text`` as the schema accepts a name: one line, no invisible or control characters
    (Unicode categories C*, Zl, Zp), at most ``MAX_NAME_CHARS``; "" if nothing is left."""
    visible = "".join(c for c in text if not unicodedata.category(c).startswith("C"))
    return " ".join(visible.split())[:MAX_NAME_CHARS].strip()
