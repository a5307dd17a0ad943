"""The admin's settings, generated from the one declarative list (kiosk.core.settings).

One row per setting, in its group: the French label and help, the value, big buttons to change
it (minus and plus for numbers, one button per choice, yes/no for switches, a field for text),
and "Enregistrer". A saved change applies at once (the store tells the window) and is written
to the audit table as the admin's. A wrong value gets a French sentence; nothing is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.settings import Setting, by_group
from kiosk.store.settings_store import SettingsStore
from kiosk.ui.widgets import BigButton, TextLabel


def number_step(setting: Setting) -> float:
    """How much one press of "+" adds: 1 on small ranges, 10 on wide ones (seconds, words)."""
    if setting.minimum is None or setting.maximum is None:
        return 1
    return 1 if setting.maximum - setting.minimum <= 30 else 10


class SettingRow(QWidget):
    """One setting: label, help, editor, "Enregistrer", and the sentence after saving.

    Signals: saved(str key) after a value was stored.
    """

    saved = Signal(str)

    def __init__(self, setting: Setting, store: SettingsStore) -> None:
        super().__init__()
        self.setting = setting
        self.store = store
        self.setObjectName(f"setting-{setting.key}")
        self.value: Any = store.get(setting.key)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 12, 0, 12)
        self.label = TextLabel("title")
        self.label.setText(setting.label)
        self.help = TextLabel()
        self.help.setText(setting.help)
        column.addWidget(self.label)
        column.addWidget(self.help)
        row = QHBoxLayout()
        self.field: QLineEdit | None = None
        self.shown = TextLabel("title")
        self.choice_buttons: dict[Any, BigButton] = {}
        self.minus_button = self.plus_button = None
        if setting.kind is bool or setting.choices:
            values = (True, False) if setting.kind is bool else setting.choices
            for value in values:
                button = BigButton()
                button.setCheckable(True)
                button.set_text(setting.shown(value) if setting.kind is bool else str(value))
                button.clicked.connect(lambda _c=False, v=value: self.choose(v))
                row.addWidget(button)
                self.choice_buttons[value] = button
        elif setting.kind in (int, float):
            self.minus_button = BigButton()
            self.minus_button.set_text("−", f"{setting.label} : moins")
            self.minus_button.guarded = False  # pressed several times in a row
            self.minus_button.clicked.connect(lambda: self.step(-1))
            self.plus_button = BigButton()
            self.plus_button.set_text("+", f"{setting.label} : plus")
            self.plus_button.guarded = False
            self.plus_button.clicked.connect(lambda: self.step(1))
            self.shown.setMinimumWidth(140)
            self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            row.addWidget(self.minus_button)
            row.addWidget(self.shown)
            row.addWidget(self.plus_button)
        else:
            self.field = QLineEdit()
            self.field.setObjectName(f"field-{setting.key}")
            self.field.setAccessibleName(setting.label)
            if setting.secret:
                self.field.setEchoMode(QLineEdit.EchoMode.Password)
                self.field.setPlaceholderText("Laisser vide pour garder le mot de passe")
            else:
                self.field.setText(str(self.value))
            self.field.textEdited.connect(self._edited)
            row.addWidget(self.field, 1)
        row.addStretch(1)
        self.save_button = BigButton("check", "primary")
        self.save_button.set_text("Enregistrer", f"Enregistrer : {setting.label}")
        self.save_button.setObjectName(f"save-{setting.key}")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        column.addLayout(row)
        self.outcome = TextLabel("notice")
        self.outcome.hide()
        column.addWidget(self.outcome)
        self._show_value(self.value)
        self.save_button.setEnabled(False)

    def choose(self, value: Any) -> None:
        self._show_value(value)
        self._edited()

    def step(self, direction: int) -> None:
        """One press of "−" (-1) or "+" (1), kept inside the setting's range."""
        setting = self.setting
        value = self.value + direction * number_step(setting)
        if setting.minimum is not None:
            value = max(value, setting.kind(setting.minimum))
        if setting.maximum is not None:
            value = min(value, setting.kind(setting.maximum))
        self._show_value(value)
        self._edited()

    def _show_value(self, value: Any) -> None:
        self.value = value
        for choice, button in self.choice_buttons.items():
            button.setChecked(choice == value)
        if self.minus_button is not None:
            self.shown.setText(str(value))

    def _edited(self, *_args: object) -> None:
        self.outcome.hide()
        self.save_button.setEnabled(True)

    def save(self) -> None:
        """Store the value shown (audited as the admin's); a wrong one is said, not stored."""
        raw = self.value
        if self.field is not None:
            raw = self.field.text()
            if self.setting.secret and not raw:
                return
        try:
            parsed = self.store.set(self.setting.key, raw, by="admin")
        except ValueError as error:
            self.outcome.setText(str(error))
        else:
            if self.field is not None and self.setting.secret:
                self.field.clear()
            self._show_value(parsed)
            self.outcome.setText("Enregistré. Le réglage s'applique dès maintenant.")
            self.save_button.setEnabled(False)
            self.saved.emit(self.setting.key)
        self.outcome.show()


class SettingsPage(QWidget):
    """Every setting, group after group, as rows generated from the declarative list."""

    def __init__(self, store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, SettingRow] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for group, settings in by_group():
            if not settings:
                continue
            heading = TextLabel("big_title")
            heading.setText(group)
            column.addWidget(heading)
            grid = QGridLayout()
            for index, setting in enumerate(settings):
                row = SettingRow(setting, store)
                grid.addWidget(row, index, 0)
                self.rows[setting.key] = row
            column.addLayout(grid)
        column.addStretch(1)
