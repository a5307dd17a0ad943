"""The PIN pad of the mediator and the admin: big keys, dots for the digits, never letters.

Reached by a discreet gesture (three taps within two seconds on the empty part of the toolbar,
or Ctrl+Alt+M): a citizen cannot stumble into it, and a wrong PIN only ever says so calmly.
The check (scrypt, about 0.1 s) runs on a worker thread: the pad never freezes. Two big
toggles above the keys say whose code is typed: the mediator's (chosen first) or the admin's.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.core.i18n import _, ngettext
from kiosk.core.pins import ROLES, PinBook, PinResult
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import BigButton, TextLabel

MAX_DIGITS = 8
PIN_KEY_WIDTH = 200  # px: a key as wide as "Effacer" and "Valider"


class PinChecker(QObject):
    """Runs ``PinBook.check`` on a thread of its own. Signals: checked(PinResult)."""

    checked = Signal(object)

    def __init__(self, book: PinBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book

    def check(self, role: str, pin: str) -> None:
        def work() -> None:
            self.checked.emit(self.book.check(role, pin))  # queued to the UI thread

        threading.Thread(target=work, name="pin-check", daemon=True).start()


class PinPad(Overlay):
    """Signals: accepted(str role), dismissed()."""

    accepted = Signal(str)

    def __init__(self, book: PinBook, parent: QWidget | None = None) -> None:
        super().__init__("pin_pad", parent)
        self.book = book
        self.checker = PinChecker(book, self)
        self.checker.checked.connect(self._on_checked)
        self.digits = ""
        self.role = "mediator"
        self._checked_role = self.role
        layout = self.body
        self.title = TextLabel("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        roles = QHBoxLayout()
        roles.addStretch(1)
        self.role_buttons: dict[str, BigButton] = {}
        for role in ROLES:
            button = BigButton()
            button.setObjectName(f"pin-role-{role}")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, r=role: self.choose_role(r))
            roles.addWidget(button)
            self.role_buttons[role] = button
        roles.addStretch(1)
        layout.addLayout(roles)
        self.shown = TextLabel("big_title")
        self.shown.setObjectName("pin_dots")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = TextLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.title, self.shown, self.message):
            layout.addWidget(widget)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, BigButton] = {}
        for index, digit in enumerate("1234567890"):
            key = BigButton()
            key.guarded = False  # digits are typed quickly
            key.setText(digit)
            key.setAccessibleName(digit)
            key.setObjectName(f"pin-{digit}")
            key.setMinimumWidth(PIN_KEY_WIDTH)  # three equal columns, whatever the labels
            key.clicked.connect(lambda _c=False, d=digit: self.type_digit(d))
            row, column = (index // 3, index % 3) if digit != "0" else (3, 1)
            grid.addWidget(key, row, column)
            self.keys[digit] = key
        self.erase_button = BigButton("erase")
        self.erase_button.guarded = False
        self.erase_button.setMinimumWidth(PIN_KEY_WIDTH)
        self.erase_button.clicked.connect(self.erase)
        grid.addWidget(self.erase_button, 3, 0)
        self.ok_button = BigButton("check", "primary")
        self.ok_button.setObjectName("pin-ok")
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.ok_button, 3, 2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(grid)
        row.addStretch(1)
        layout.addLayout(row)
        self.cancel_button = BigButton("previous")
        self.cancel_button.clicked.connect(self.dismiss)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.role == "admin":
            self.title.setText(_("Code de l'administrateur"))
        else:
            self.title.setText(_("Code de l'accompagnant"))
        self.role_buttons["mediator"].set_text(_("Accompagnant"))
        self.role_buttons["admin"].set_text(_("Administrateur"))
        for role, button in self.role_buttons.items():
            button.setChecked(role == self.role)
        self.erase_button.set_text(_("Effacer"))
        self.ok_button.set_text(_("Valider"))
        self.cancel_button.set_text(_("Annuler"))
        self._show_digits()

    def open_pad(self, role: str = "mediator") -> None:
        """Show the pad, empty, for ``role`` ("mediator" or "admin")."""
        self.choose_role(role)
        self.cover()

    def choose_role(self, role: str) -> None:
        """Whose code is typed now; the digits typed so far are dropped."""
        self.role = role
        self.digits = ""
        self.message.clear()
        self._show_digits()
        self.retranslate_ui()
        if self.book.status(role).no_pin:
            self.message.setText(
                _("Aucun code n'est encore choisi.")
                + " "
                + _("L'administrateur le choisit avec « kiosk pin set {role} ».").format(role=role)
            )

    def focus_first(self) -> None:
        self.keys["1"].setFocus()

    def type_digit(self, digit: str) -> None:
        if len(self.digits) < MAX_DIGITS:
            self.digits += digit
            self._show_digits()

    def erase(self) -> None:
        self.digits = self.digits[:-1]
        self._show_digits()

    def _show_digits(self) -> None:
        self.shown.setText("•" * len(self.digits) if self.digits else "—")
        self.ok_button.setEnabled(len(self.digits) >= 4)

    def submit(self) -> None:
        if len(self.digits) < 4:
            return
        pin, self.digits = self.digits, ""
        self._show_digits()
        self.ok_button.setEnabled(False)
        self.message.setText(_("Vérification…"))
        self._checked_role = self.role  # the role the answer is for
        self.checker.check(self.role, pin)

    def _on_checked(self, result: PinResult) -> None:
        import time

        if result.ok:
            self.message.clear()
            self.hide()
            self.accepted.emit(self._checked_role)
        elif result.no_pin:
            self.message.setText(_("Aucun code n'est encore choisi pour ce mode."))
        elif result.locked_until:
            minutes = max(1, round(result.wait_seconds(time.time()) / 60))
            self.message.setText(
                ngettext(
                    "Trop d'essais. Réessayez dans {n} minute.",
                    "Trop d'essais. Réessayez dans {n} minutes.",
                    minutes,
                ).format(n=minutes)
            )
        else:
            self.message.setText(
                ngettext(
                    "Ce n'est pas le bon code. Encore {n} essai.",
                    "Ce n'est pas le bon code. Encore {n} essais.",
                    result.tries_left,
                ).format(n=result.tries_left)
            )
