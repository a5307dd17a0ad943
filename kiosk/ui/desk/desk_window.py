"""The mediator's desk: one large tile per kiosk of the room, a waiting call in colour.

A tile says the kiosk's name, whether it is free, in a visit (which tutorial, which step),
in listening mode, in trouble (speech, printer) or offline; a help call that waits is drawn
in the help band's colour with how long it has waited, counted every second, and a big
"J'arrive" that the kiosk says aloud ("Une personne arrive"). "Imprimer la fiche" prints the
sheet of the tutorial on that kiosk's screen, at the desk's printer.

The window only shows ``DeskLink``'s board; it reads no message itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.i18n import _
from kiosk.core.languages import LANGUAGES, pick
from kiosk.core.room_board import KioskOnBoard, waited_seconds
from kiosk.ui.theme import application_style, palette, reading_style
from kiosk.ui.touch_scroll import enable_swipe
from kiosk.ui.widgets import BigButton, TextLabel, restyle

if TYPE_CHECKING:
    from kiosk.room.desk_link import DeskLink
    from kiosk.store.content_store import ContentStore

COLUMNS = 3
REFRESH_MS = 1_000  # the waiting times count in seconds


def waited_text(seconds: float) -> str:
    """ "45 s", "2 min 05 s", "1 h 02 min": short enough to read across a desk, never cut
    between a number and its unit (no-break spaces, as French typography wants)."""
    return _waited_words(int(seconds)).replace(" ", "\u00a0")


def _waited_words(seconds: int) -> str:
    if seconds < 60:
        return _("{seconds} s").format(seconds=seconds)
    if seconds < 3600:
        return _("{minutes} min {seconds} s").format(
            minutes=seconds // 60, seconds=f"{seconds % 60:02d}"
        )
    return _("{hours} h {minutes} min").format(
        hours=seconds // 3600, minutes=f"{seconds // 60 % 60:02d}"
    )


class KioskTile(QFrame):
    """One kiosk. Signals: coming_pressed(str kiosk_id), print_pressed(str tutorial_id,
    str language): the language is the one of the person's call, French without a call."""

    coming_pressed = Signal(str)
    print_pressed = Signal(str, str)

    def __init__(self, kiosk_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kiosk_id = kiosk_id
        self.tutorial_id: str | None = None
        self.language = "fr"
        self.setObjectName("kiosk_tile")
        self.setProperty("calling", False)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(10)
        self.name = TextLabel("title")
        self.name.setObjectName("tile_name")
        self.state = TextLabel()
        self.state.setObjectName("tile_state")
        self.place = TextLabel()
        self.call_box = QFrame()
        self.call_box.setObjectName("call_box")
        box = QVBoxLayout(self.call_box)
        box.setContentsMargins(28, 12, 16, 12)  # past the 12 px coloured edge
        self.call_text = TextLabel()
        self.call_text.setObjectName("call_text")
        self.waited = TextLabel()
        self.waited.setObjectName("call_waited")
        box.addWidget(self.call_text)
        box.addWidget(self.waited)
        self.coming_button = BigButton("person", "primary")
        self.coming_button.setObjectName("desk-coming")
        self.coming_button.clicked.connect(lambda: self.coming_pressed.emit(self.kiosk_id))
        box.addWidget(self.coming_button)
        self.print_button = BigButton("print")
        self.print_button.setObjectName("desk-print")
        self.print_button.clicked.connect(self._print)
        for widget in (self.name, self.state, self.place, self.call_box):
            column.addWidget(widget)
        column.addStretch(1)  # the print buttons of a row of tiles on one line
        column.addWidget(self.print_button)

    @Slot()
    def _print(self) -> None:
        if self.tutorial_id:
            self.print_pressed.emit(self.tutorial_id, self.language)

    def show_kiosk(self, kiosk: KioskOnBoard, title: str | None, now: float) -> None:
        """Draw ``kiosk`` as it is at ``now``; ``title`` is its tutorial's title, if known."""
        status = kiosk.status
        self.name.setText(kiosk.name)
        if status is None or status.state == "offline":
            state = _("Hors ligne")
        elif status.state == "visit":
            state = _("Une visite en cours")
        else:
            state = _("Libre")
        details = [state]
        if status is not None and status.state != "offline":
            if status.listening:
                details.append(_("Mode écoute"))
            if "speech" in status.trouble:
                details.append(_("Problème : la voix"))
            if "printer" in status.trouble:
                details.append(_("Problème : l'imprimante"))
        self.state.setText("\n".join(details))
        self.tutorial_id = status.tutorial if status and status.state == "visit" else None
        place = ""
        if self.tutorial_id:
            place = title or self.tutorial_id
            if status.step is not None:
                place += " · " + _("étape {number}").format(number=status.step + 1)
        self.place.setText(place)
        self.place.setVisible(bool(place))
        self.print_button.set_text(_("Imprimer la fiche"))
        self.print_button.setEnabled(self.tutorial_id is not None)
        call = kiosk.waiting_call
        calling = call is not None
        if calling:
            self.language = call.language
        elif self.tutorial_id is None:
            self.language = "fr"  # the visit ended: the next person's language is not known
        self.call_box.setVisible(calling)
        if calling:
            language = LANGUAGES.get(call.language)
            text = _("Appel à l'aide")
            if language is not None and call.language != "fr":
                text += " · " + language.native_name
            self.call_text.setText(text)
            self.waited.setText(
                _("Attend depuis {duration}").format(
                    duration=waited_text(waited_seconds(call, now))
                )
            )
            coming = kiosk.someone_coming
            self.coming_button.set_text(_("Vous arrivez") if coming else _("J'arrive"))
            self.coming_button.setEnabled(not coming)
        if self.property("calling") != calling:
            restyle(self, "calling", calling)


def desk_style() -> str:
    p = palette()
    return f"""
    QFrame#kiosk_tile {{ border: 3px solid {p.border}; border-radius: 16px;
                         background-color: {p.soft_background}; }}
    QFrame#kiosk_tile QLabel {{ background-color: {p.soft_background}; }}
    QFrame#kiosk_tile[calling="true"] {{ border: 8px solid {p.focus}; }}
    QFrame#call_box {{ background-color: {p.warning_background};
                       border-left: 12px solid {p.focus}; }}
    QFrame#call_box QLabel {{ background-color: {p.warning_background}; font-weight: bold; }}
    QLabel#desk_connection[online="false"] {{ background-color: {p.warning_background};
                                              padding: 12px; }}
    """


class DeskWindow(QMainWindow):
    """The desk view of one room. ``print_sheet(tutorial_id, language)`` prints a tutorial's
    sheet in the language of the person who called from that kiosk (French without a call)."""

    def __init__(
        self,
        link: DeskLink,
        content: ContentStore | None = None,
        print_sheet: Callable[[str, str], None] | None = None,
        clock: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.content = content
        self.print_sheet = print_sheet
        self.clock = clock
        self.tiles: dict[str, KioskTile] = {}
        self._titles: dict[str, str | None] = {}
        self.setStyleSheet(application_style() + desk_style())
        central = QWidget()
        central.setStyleSheet(reading_style(1.0))
        column = QVBoxLayout(central)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(12)
        self.title = TextLabel("title")
        self.connection_line = TextLabel()
        self.connection_line.setObjectName("desk_connection")
        self.empty_line = TextLabel()
        column.addWidget(self.title)
        column.addWidget(self.connection_line)
        column.addWidget(self.empty_line)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(16)
        for number in range(COLUMNS):
            self.grid.setColumnStretch(number, 1)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        holder = QWidget()  # the tiles at the top, as tall as their content
        rows = QVBoxLayout(holder)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.grid_host)
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        enable_swipe(scroll)
        column.addWidget(scroll, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(1024, 700)
        link.changed.connect(self._on_changed)
        link.online_changed.connect(self._show_connection)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        room = self.link.config.room
        self.title.setText(_("Bureau du médiateur · salle {room}").format(room=room))
        self.setWindowTitle(self.title.text())
        self._show_connection(self.link.online)
        self.refresh()

    @Slot(bool)
    def _show_connection(self, online: bool) -> None:
        if online:
            text = _("Connecté aux kiosques de la salle.")
        else:
            text = _("Pas de connexion au serveur de la salle. Nouvel essai tout seul.")
        self.connection_line.setText(text)
        restyle(self.connection_line, "online", online)

    def _title(self, tutorial_id: str | None) -> str | None:
        if not tutorial_id or self.content is None:
            return None
        if tutorial_id not in self._titles:
            tutorial = self.content.tutorial(tutorial_id)
            self._titles[tutorial_id] = pick(tutorial.title, "fr").text if tutorial else None
        return self._titles[tutorial_id]

    @Slot(str)
    def _on_changed(self, kiosk_id: str) -> None:
        if kiosk_id not in self.tiles:
            tile = KioskTile(kiosk_id)
            tile.coming_pressed.connect(self.say_coming)
            tile.print_pressed.connect(self._print)
            self.tiles[kiosk_id] = tile
            self._place_tiles()
            tile.show()  # now, not at the layout's next turn of the event loop
        self.refresh()

    def _place_tiles(self) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for number, kiosk in enumerate(self.link.board.in_order()):
            tile = self.tiles.get(kiosk.kiosk_id)
            if tile is not None:
                self.grid.addWidget(tile, number // COLUMNS, number % COLUMNS)

    @Slot()
    def refresh(self) -> None:
        """Draw every tile again (the waiting times move on)."""
        now = self.clock()
        board = self.link.board
        for kiosk_id, tile in self.tiles.items():
            kiosk = board.kiosks[kiosk_id]
            status = kiosk.status
            tutorial = status.tutorial if status is not None else None
            tile.show_kiosk(kiosk, self._title(tutorial), now)
        self.empty_line.setVisible(not self.tiles)
        self.empty_line.setText(_("Aucun kiosque de la salle ne s'est encore montré."))

    @Slot(str)
    def say_coming(self, kiosk_id: str) -> None:
        self.link.say_coming(kiosk_id)

    @Slot(str, str)
    def _print(self, tutorial_id: str, language: str) -> None:
        if self.print_sheet is not None:
            self.print_sheet(tutorial_id, language)

    def closeEvent(self, event) -> None:
        self._timer.stop()
        self.link.stop()
        super().closeEvent(event)
