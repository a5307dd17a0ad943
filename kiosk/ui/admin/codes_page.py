"""The admin gives or changes the mediator's and the admin's PINs (4 to 8 digits).

The new code is typed twice, never shown, and stored as a scrypt hash on a worker thread
(kiosk.core.pins.PinBook.set_pin, about 0.1 s); the change is written to the audit table.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QGridLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.pins import ROLE_NAMES, ROLES, PinBook, pin_problem
from kiosk.ui.background_task import BackgroundTask
from kiosk.ui.widgets import BigButton, TextLabel


class CodeRow(QWidget):
    """A new code for one role: typed twice, then "Enregistrer le code"."""

    def __init__(self, role: str, book: PinBook) -> None:
        super().__init__()
        self.role, self.book = role, book
        self._task: BackgroundTask | None = None
        column = QVBoxLayout(self)
        title = TextLabel("title")
        title.setText(f"Code du {ROLE_NAMES[role]}")
        column.addWidget(title)
        grid = QGridLayout()
        self.first = self._pin_field("Nouveau code (4 à 8 chiffres)")
        self.second = self._pin_field("Le même code, encore une fois")
        for column_index, field in enumerate((self.first, self.second)):
            label = TextLabel()
            label.setText(field.accessibleName())
            grid.addWidget(label, 0, column_index)
            grid.addWidget(field, 1, column_index)
        self.save_button = BigButton("check", "primary")
        self.save_button.setObjectName(f"save-pin-{role}")
        self.save_button.set_text(
            "Enregistrer le code", f"Enregistrer le code du {ROLE_NAMES[role]}"
        )
        self.save_button.clicked.connect(self.save)
        grid.addWidget(self.save_button, 1, 2)
        column.addLayout(grid)
        self.outcome = TextLabel("notice")
        self.outcome.hide()
        column.addWidget(self.outcome)

    def _pin_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setValidator(QIntValidator(0, 99_999_999, field))
        field.setMaxLength(8)
        field.setAccessibleName(name)
        field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        return field

    def save(self) -> None:
        pin = self.first.text()
        if pin != self.second.text():
            self._say("Les deux codes ne sont pas les mêmes. Rien n'a été changé.")
            return
        problem = pin_problem(pin)
        if problem:
            self._say(f"{problem} Rien n'a été changé.")
            return
        self.save_button.setEnabled(False)
        self._say("Enregistrement…")
        self._task = BackgroundTask(lambda _progress: self.book.set_pin(self.role, pin, "admin"))
        self._task.succeeded.connect(lambda _r: self._done("Le code est enregistré."))
        self._task.failed.connect(self._done)
        self._task.start()

    def _done(self, sentence: str) -> None:
        self.first.clear()
        self.second.clear()
        self.save_button.setEnabled(True)
        self._say(sentence)

    def _say(self, sentence: str) -> None:
        self.outcome.setText(sentence)
        self.outcome.show()


class CodesPage(QWidget):
    def __init__(self, book: PinBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.rows = {role: CodeRow(role, book) for role in ROLES}
        for row in self.rows.values():
            column.addWidget(row)
        column.addStretch(1)
