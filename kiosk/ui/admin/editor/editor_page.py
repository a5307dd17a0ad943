"""Admin mode → "Tutoriels": the list of tutorials, and the editor of the one opened."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.store.content_store import ContentStore
from kiosk.store.local_edits_store import LocalEditsStore
from kiosk.ui.admin.editor.tutorial_editor import TutorialEditor
from kiosk.ui.admin.editor.tutorial_list import TutorialList
from kiosk.ui.touch_scroll import reveal

EDITOR_HEIGHT = 720


class EditorPage(QWidget):
    """The section's page. ``editor`` is the tutorial editor open, or None."""

    def __init__(
        self,
        content: ContentStore,
        today: Callable[[], datetime.date] = datetime.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor-page")
        # The admin screen scrolls; the editor needs a screen's height to show the form and
        # the preview side by side (1024 × 768 and up), and is brought into view when opened.
        self.setFixedHeight(EDITOR_HEIGHT)
        self.content = content
        self.edits = LocalEditsStore(content.db)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        column.addWidget(self.stack)
        self.list = TutorialList(content, self.edits, today)
        self.list.open_requested.connect(self.open_tutorial)
        self.stack.addWidget(self.list)
        self.editor: TutorialEditor | None = None

    def open_tutorial(self, tutorial_id: str) -> TutorialEditor:
        self.close_editor()
        editor = TutorialEditor(self.content, self.edits, tutorial_id)
        editor.closed.connect(self.close_editor)
        editor.published.connect(lambda _id: self.list.refresh())
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        self.editor = editor
        reveal(self)
        return editor

    def close_editor(self) -> None:
        editor = self.editor
        if editor is None:
            return
        editor.save_draft()
        editor.finished_work()
        self.stack.setCurrentWidget(self.list)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        self.editor = None
        self.list.refresh()
