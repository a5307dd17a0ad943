"""Both versions side by side when the base pack changed a text edited on this kiosk."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.local_edits import Conflict, Key
from kiosk.ui.widgets import BigButton, TextLabel


def shown_value(value: Any) -> str:
    """A field's value as the admin reads it."""
    if value is None:
        return "(rien : supprimé)"
    if isinstance(value, str):
        return value or "(vide)"
    return json.dumps(value, ensure_ascii=False)


class ConflictRow(QWidget):
    """One conflict: where, the admin's text, the new one, and a button under each."""

    chosen = Signal()

    def __init__(
        self, conflict: Conflict, step_names: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.choice: str | None = None
        grid = QGridLayout(self)
        where = TextLabel("title")
        where.setText(
            f"Le paquet a changé {conflict.describe(step_names)}, que vous aviez modifié."
        )
        grid.addWidget(where, 0, 0, 1, 2)
        self.local_text = TextLabel()
        self.local_text.setObjectName("conflict-local")
        self.local_text.setText(f"Votre version :\n{shown_value(conflict.local)}")
        self.base_text = TextLabel()
        self.base_text.setObjectName("conflict-base")
        self.base_text.setText(f"Nouvelle version du paquet :\n{shown_value(conflict.base)}")
        grid.addWidget(self.local_text, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.base_text, 1, 1, Qt.AlignmentFlag.AlignTop)
        self.keep_button = BigButton()
        self.keep_button.setCheckable(True)
        self.keep_button.set_text("Garder la mienne")
        self.keep_button.clicked.connect(lambda: self.choose("local"))
        self.take_button = BigButton()
        self.take_button.setCheckable(True)
        self.take_button.set_text("Prendre la nouvelle")
        self.take_button.clicked.connect(lambda: self.choose("base"))
        grid.addWidget(self.keep_button, 2, 0)
        grid.addWidget(self.take_button, 2, 1)

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.keep_button.setChecked(choice == "local")
        self.take_button.setChecked(choice == "base")
        self.chosen.emit()


class ConflictView(QWidget):
    """Signals: resolved(dict key → "local" or "base") once every conflict has a choice
    and "Appliquer mes choix" is pressed."""

    resolved = Signal(object)

    def __init__(
        self,
        conflicts: tuple[Conflict, ...],
        step_names: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor-conflicts")
        column = QVBoxLayout(self)
        heading = TextLabel("big_title")
        count = len(conflicts)
        heading.setText(
            f"{count} texte{'s' if count > 1 else ''} à choisir : le paquet de base a été mis "
            "à jour"
        )
        column.addWidget(heading)
        self.rows = [ConflictRow(conflict, step_names or {}) for conflict in conflicts]
        for row in self.rows:
            row.chosen.connect(self._update)
            column.addWidget(row)
        bottom = QHBoxLayout()
        self.apply_button = BigButton("check", "primary")
        self.apply_button.setObjectName("conflicts-apply")
        self.apply_button.set_text("Appliquer mes choix")
        self.apply_button.clicked.connect(self._apply)
        bottom.addStretch(1)
        bottom.addWidget(self.apply_button)
        column.addLayout(bottom)
        column.addStretch(1)  # the rows at the top, not spread over a tall screen
        self._update()

    def _update(self) -> None:
        self.apply_button.setEnabled(all(row.choice for row in self.rows))

    def _apply(self) -> None:
        choices: dict[Key, str] = {row.conflict.key: row.choice or "local" for row in self.rows}
        self.resolved.emit(choices)
