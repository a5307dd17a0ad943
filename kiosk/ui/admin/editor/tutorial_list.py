"""The tutorials the admin may edit: search, theme, and how long ago each was checked."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.store.content_store import ContentStore
from kiosk.store.local_edits_store import LocalEditsStore
from kiosk.ui.touch_scroll import enable_swipe
from kiosk.ui.widgets import BigButton, TextLabel

# Shown in French: the admin screen is French only (kiosk.ui.admin.admin_screen).
CATEGORY_NAMES = {
    "identite": "Identité et papiers",
    "impots": "Impôts",
    "sante": "Santé",
    "emploi": "Emploi",
    "famille": "Famille",
    "logement": "Logement",
    "transport": "Transport",
    "bases": "Les bases de l'ordinateur",
    "securite": "Sécurité sur Internet",
}
# Facts on public sites change: a check older than this is flagged (service-public.fr pages
# show their own "Vérifié le" date and are reviewed about once a year).
STALE_MONTHS = 12


def checked_age(checked: str, today: datetime.date) -> tuple[str, bool]:
    """« vérifié il y a 3 mois » and whether it is time to check again; a wrong date says so."""
    try:
        day = datetime.date.fromisoformat(checked)
    except ValueError:
        return "date de vérification illisible", True
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    age = "vérifié ce mois-ci" if months < 1 else f"vérifié il y a {months} mois"
    stale = months >= STALE_MONTHS
    return (f"{age} ({day:%d/%m/%Y}) : à vérifier de nouveau" if stale else age), stale


class TutorialList(QWidget):
    """Signals: open_requested(str tutorial id)."""

    open_requested = Signal(str)

    def __init__(
        self,
        content: ContentStore,
        edits: LocalEditsStore,
        today: Callable[[], datetime.date] = datetime.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.edits = edits
        self.today = today
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("editor-search")
        self.search.setPlaceholderText("Chercher un tutoriel")
        self.search.setAccessibleName("Chercher un tutoriel")
        self.search.textChanged.connect(self.refresh)
        self.category = QComboBox()
        self.category.setAccessibleName("Thème")
        self.category.setMinimumHeight(64)
        self.category.addItem("Tous les thèmes", "")
        for key, name in CATEGORY_NAMES.items():
            self.category.addItem(name, key)
        self.category.currentIndexChanged.connect(self.refresh)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.category, 1)
        column.addLayout(filters)
        self.items = QListWidget()
        self.items.setObjectName("editor-tutorials")
        self.items.setWordWrap(True)
        self.items.setSpacing(4)
        # A finger moves the list (a tap still opens the tutorial under it).
        self.items.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        enable_swipe(self.items)
        self.items.itemActivated.connect(self._open_item)
        self.items.itemClicked.connect(self._open_item)
        column.addWidget(self.items, 1)
        self.count = TextLabel()
        self.open_button = BigButton("next", "primary")
        self.open_button.set_text("Modifier ce tutoriel")
        self.open_button.clicked.connect(lambda: self._open_item(self.items.currentItem()))
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.open_button)
        column.addLayout(row)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Read the list again (the search, the theme, or a publication changed it)."""
        query = self.search.text().strip()
        category = self.category.currentData()
        ids = [s.id for s in self.content.search(query, limit=200)] if query else None
        rows = self.content.db.execute(
            "SELECT id, title, category, json_extract(document, '$.checked') FROM tutorials "
            "ORDER BY category, pack_id, position"
        ).fetchall()
        by_id = {row[0]: row for row in rows}
        order = ids if ids is not None else [row[0] for row in rows]
        edited = self.edits.edited_ids()
        self.items.clear()
        today = self.today()
        for tutorial_id in order:
            row = by_id.get(tutorial_id)
            if row is None or (category and row[2] != category):
                continue
            title = json.loads(row[1]).get("fr", tutorial_id)
            age, stale = checked_age(str(row[3]), today)
            mark = " · modifié sur cette borne" if tutorial_id in edited else ""
            item = QListWidgetItem(f"{title}\n{CATEGORY_NAMES.get(row[2], row[2])} · {age}{mark}")
            item.setData(Qt.ItemDataRole.UserRole, tutorial_id)
            if stale:
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "à vérifier de nouveau")
            self.items.addItem(item)
        shown = self.items.count()
        self.count.setText(f"{shown} tutoriel{'s' if shown > 1 else ''}")
        if shown:
            self.items.setCurrentRow(0)
        self.open_button.setEnabled(bool(shown))

    def ids(self) -> list[str]:
        return [
            self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
        ]

    def _open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
