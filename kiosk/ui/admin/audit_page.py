"""The audit view: who (a role, never a person) changed what on this kiosk, and when.

Reads ``kiosk.store.audit_store.AuditStore.entries()`` (the newest first): PINs given or
changed, settings changed (with the setting's French label and its new value as the admin
reads it; secrets are never in the audit table). A short query on an indexed table: it runs
on the UI thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kiosk.core.i18n import N_, _
from kiosk.core.settings import SETTINGS
from kiosk.ui.admin.every_row import show_every_row
from kiosk.ui.widgets import BigButton, TextLabel

ROLES = {
    "admin": N_("Administrateur"),
    "mediator": N_("Médiateur"),
    "command_line": N_("Ligne de commande"),
}
ACTIONS = {
    "pin_set": N_("Code donné"),
    "pin_changed": N_("Code changé"),
    "setting changed": N_("Réglage changé"),
}


class AuditSource(Protocol):
    def entries(self, limit: int = 200) -> list[dict[str, Any]]: ...


def when(iso: str) -> str:
    """An ISO UTC time as the kiosk's local date and time: "29/11/2026 19:35"."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def what(action: str, detail: str) -> str:
    """The change in words: a setting by its label ("Nom de cette borne… : Rezé"), a PIN by
    its role."""
    if action == "setting changed":
        key, _sep, value = detail.partition(" = ")
        if key in SETTINGS:
            return f"{SETTINGS[key].label} : {value}"
    if action in ("pin_set", "pin_changed") and detail in ROLES:
        return _(ROLES[detail])
    return detail


class AuditPage(QWidget):
    """Signals: refreshed(int) (how many rows are shown). ``refresh()`` reads the newest
    rows again: call it each time the page is shown (the "Mettre à jour" button does too).

    ``audit``: ``AuditStore`` or anything with ``entries(limit)``.
    """

    refreshed = Signal(int)

    def __init__(self, audit: AuditSource, limit: int = 200, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_page")
        self.audit = audit
        self.limit = limit
        layout = QVBoxLayout(self)
        self.title = TextLabel("title")
        layout.addWidget(self.title)
        self.intro = TextLabel()
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("audit_table")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # long details wrap
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # "Mettre à jour" above the table: the table shows all its rows (up to ``limit``), and
        # the button under the 200th would be a long swipe away.
        self.refresh_button = BigButton("refresh")
        self.refresh_button.setObjectName("audit-refresh")
        self.refresh_button.clicked.connect(self.refresh)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self._rows: list[dict[str, Any]] = []
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Journal des changements"))
        self.intro.setText(
            _("Qui a changé quoi sur cette borne, et quand. Le plus récent d'abord.")
        )
        self.refresh_button.set_text(_("Mettre à jour"))
        self.table.setHorizontalHeaderLabels([_("Quand"), _("Qui"), _("Quoi"), _("Détail")])
        self._fill()

    def refresh(self) -> None:
        self._rows = self.audit.entries(self.limit)
        self._fill()
        self.refreshed.emit(len(self._rows))

    def _fill(self) -> None:
        table = self.table
        table.setRowCount(len(self._rows))
        for r, entry in enumerate(self._rows):
            role, action = entry["role"], entry["action"]
            values = (
                when(entry["at"]),
                _(ROLES[role]) if role in ROLES else role,
                _(ACTIONS[action]) if action in ACTIONS else action,
                what(action, entry["detail"]),
            )
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))
        # The first three columns fit their texts; the detail takes the rest of the width and
        # wraps (measuring it too set it to its longest line, wider than the table: the table
        # then scrolled sideways until the next resize).
        for column in range(3):
            table.resizeColumnToContents(column)
        self._fit_rows()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Wrapped details take the lines they need, once the table has its new width.
        QTimer.singleShot(0, self, self._fit_rows)  # dropped if the page is gone by then

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        show_every_row(self.table)  # the page scrolls, rows and all

    def row(self, index: int) -> list[str]:
        """The texts of one row as shown (for tests and screenshots)."""
        return [self.table.item(index, c).text() for c in range(self.table.columnCount())]
