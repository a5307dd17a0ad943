"""Admin mode → "Tutoriels": the list of tutorials, and the editor of the one opened."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.speech.service import SpeechService
from kiosk.store.content_store import ContentStore
from kiosk.store.local_edits_store import LocalEditsStore
from kiosk.ui.admin.editor.tutorial_editor import TutorialEditor
from kiosk.ui.admin.editor.tutorial_list import TutorialList
from kiosk.ui.widgets import BigButton, TextLabel


class EditorPage(QWidget):
    """The section's page. ``editor`` is the tutorial editor open, or None.

    Signals: whole_screen_wanted(bool): True when a tutorial is opened (the editor needs the
    whole 1280 × 800 screen for the form and the preview side by side, AdminScreen hides its
    title and section buttons), False when the list is shown again. The page scrolls by itself
    (the list and the editor's parts do): the admin screen does not put it in a scroll area.
    """

    whole_screen_wanted = Signal(bool)

    def __init__(
        self,
        content: ContentStore,
        today: Callable[[], datetime.date] = datetime.date.today,
        parent: QWidget | None = None,
        speech: SpeechService | None = None,
    ) -> None:
        super().__init__(parent)
        self.speech = speech  # the kiosk's voice, for the preview's "Écouter"
        self.setObjectName("editor-page")
        self.setProperty("scrolls_itself", True)
        self.content = content
        self.edits = LocalEditsStore(content.db)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        column.addWidget(self.stack)
        self.list = TutorialList(content, self.edits, today)
        self.list.open_requested.connect(self.open_tutorial)
        list_page = QWidget()
        list_column = QVBoxLayout(list_page)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(self.list, 1)
        export_row = QHBoxLayout()
        self.export_message = TextLabel("notice")
        self.export_message.setObjectName("editor-export-message")
        self.export_message.hide()
        self.export_button = BigButton("print")
        self.export_button.setObjectName("editor-export")
        self.export_button.set_text(
            "Exporter sur une clé USB", "Écrire les tutoriels publiés ici en paquet"
        )
        self.export_button.clicked.connect(self.choose_export_folder)
        export_row.addWidget(self.export_message, 1)
        export_row.addWidget(self.export_button)
        list_column.addLayout(export_row)
        self.list_page = list_page
        self.stack.addWidget(list_page)
        self.editor: TutorialEditor | None = None

    def hasHeightForWidth(self) -> bool:
        """False: the page takes the height it is given (its parts scroll by themselves).

        Its wrapped labels would otherwise make the admin screen's scrolling body ask for
        the page's *preferred* height for its width (every field at its full size), more
        than a 800-px screen, and an outer scroll bar would appear.
        """
        return False

    def open_tutorial(self, tutorial_id: str) -> TutorialEditor:
        self.close_editor()
        editor = TutorialEditor(self.content, self.edits, tutorial_id, speech=self.speech)
        editor.closed.connect(self.close_editor)
        editor.published.connect(lambda _id: self.list.refresh())
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        self.editor = editor
        self.whole_screen_wanted.emit(True)
        return editor

    def choose_export_folder(self) -> None:
        start = "/media" if Path("/media").is_dir() else str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Où écrire le paquet ?", start)
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, target: Path) -> list[Path]:
        """Write each pack with tutorials published here into ``target`` (one folder a pack,
        « <pack>-v<version>-borne »). Says what was done; an error is a sentence.

        The folder is not signed here, on purpose: a signing key (kiosk.core.pack_signature)
        must never be kept on a public kiosk, where anyone who reaches the admin screen or the
        disk could sign packs with it. The sentence says how to sign it on the author's own
        computer (``kiosk pack sign``); other kiosks then accept it like any signed pack."""
        rows = self.content.db.execute(
            "SELECT DISTINCT local_edits.pack_id, packs.version FROM local_edits "
            "JOIN packs ON packs.id = local_edits.pack_id WHERE published IS NOT NULL "
            "ORDER BY local_edits.pack_id"
        ).fetchall()
        if not rows:
            self._say("Rien à exporter : aucun tutoriel n'a été publié sur cette borne.")
            return []
        written: list[Path] = []
        try:
            for pack_id, version in rows:
                folder = self.edits.export_folder(pack_id, target / f"{pack_id}-v{version}-borne")
                written.append(folder)
        except (OSError, KeyError) as error:
            self._say(f"L'export n'a pas pu se faire ({error}). Vérifiez la clé USB.")
            return written
        names = ", ".join(path.name for path in written)
        self._say(
            f"Paquet écrit sur la clé : {names}. Il n'est pas encore signé : signez-le sur "
            "l'ordinateur qui garde votre clé de signature (kiosk pack sign DOSSIER --key "
            "VOTRE_CLE.key), jamais sur la borne. Les autres bornes l'accepteront alors."
        )
        return written

    def _say(self, sentence: str) -> None:
        self.export_message.setText(sentence)
        self.export_message.show()

    def close_editor(self) -> None:
        editor = self.editor
        if editor is None:
            return
        editor.save_draft()
        editor.finished_work()
        self.stack.setCurrentWidget(self.list_page)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        self.editor = None
        self.whole_screen_wanted.emit(False)
        self.list.refresh()
