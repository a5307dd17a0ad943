"""The kiosk seen from the mediator's desk: what this window tells the room's link, and what
the desk's "J'arrive" does here.

Built after the first frame, only when the settings name a broker (``kiosk_link_for``): without
one the kiosk works alone, exactly as before. The link connects in the background and never
blocks the UI thread (kiosk.room.kiosk_link). Nothing typed and no name is ever given to it:
only where the person is (tutorial and step), help calls, the listening mode and troubles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from kiosk.core import i18n

if TYPE_CHECKING:
    from kiosk.room.kiosk_link import KioskLink
    from kiosk.ui.main_window import MainWindow

ROOM_SETTINGS = (
    "room_broker_host",
    "room_broker_port",
    "room_name",
    "room_user",
    "room_password",
    "room_tls_ca_file",
    "kiosk_name",
)
"""A change of one of these builds a new link (the old one says "offline" first)."""


class RoomPresence(QObject):
    """Connects ``link`` to ``shell``: the visit, the place on screen, help calls, the
    listening mode, speech and printer trouble; and "Une personne arrive" when the desk comes."""

    def __init__(self, shell: MainWindow, link: KioskLink) -> None:
        super().__init__(shell)
        self.shell, self.link = shell, link
        shell.help.calls.add_listener(link.on_help_call)
        link.person_coming.connect(self._person_coming)
        shell.stack.currentChanged.connect(self.show_place)
        shell.services.speech.unavailable.connect(lambda _r: link.set_trouble("speech", True))
        if shell.listening is not None:
            shell.listening.switched.connect(link.set_listening)
        if shell.session.active:
            link.visit_started()
        self.show_place()

    @Slot()
    def show_place(self, _index: int = 0) -> None:
        self.link.show_place(*self.shell.citizen.place_on_screen())

    def visit_started(self) -> None:
        self.link.visit_started()

    def visit_ended(self) -> None:
        self.link.visit_ended()

    def printer_finished(self, printed: bool) -> None:
        self.link.set_trouble("printer", not printed)

    @Slot(str)
    def _person_coming(self, _call_id: str) -> None:
        """The desk pressed "J'arrive": the banner says so, and the kiosk says it aloud."""
        banner = self.shell.help_banner
        banner.person_coming()
        self.shell.services.speech.speak(banner.speech_sentences(), i18n.current_language())

    def stop(self) -> None:
        """The kiosk closes (or the room changed): the desk reads "offline" at once."""
        self.link.stop()


def room_presence_for(shell: MainWindow) -> RoomPresence | None:
    """A presence in the room when the settings name a broker; None without one.

    The room's link (paho-mqtt, ssl: about 100 ms and 8 MiB) and even the room's settings
    and message schema (1 MiB) are imported only when the settings name a broker: a kiosk
    that works alone never loads them.
    """
    get = shell.services.settings.get
    if not str(get("room_broker_host")).strip():  # RoomConfig.enabled needs a host first
        return None
    from kiosk.core.room_config import RoomConfig

    if not RoomConfig.from_settings(get).enabled:
        return None
    from kiosk.room.kiosk_link import kiosk_link_for

    link = kiosk_link_for(shell.services.settings.get, parent=shell)
    return RoomPresence(shell, link) if link is not None else None
