"""Writing exports to a folder the admin chooses (a USB stick), off the UI thread.

``FolderExport`` asks for the folder (a Qt dialog that starts on removable media), runs the
writing on a ``BackgroundTask`` and says in one sentence what was written or why not. The
statistics page uses it for its CSV files and for the mediator's activity reports;
``ActivityReportsExport`` is the second, ready for the mediator's panel too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from kiosk.core.activity_report import ActivityReportSource, reports_csv
from kiosk.core.i18n import _, ngettext
from kiosk.core.removable_media import removable_media_folder
from kiosk.ui.background_task import BackgroundTask

FolderChooser = Callable[[QWidget | None, str, str], str]
"""(parent, title, start folder) → the chosen folder, or "" when the admin cancelled."""


def choose_folder(parent: QWidget | None, title: str, start: str) -> str:
    """Qt's own folder dialog (not the desktop's: a kiosk in cage has no portal for it)."""
    return QFileDialog.getExistingDirectory(
        parent, title, start, QFileDialog.Option.DontUseNativeDialog
    )


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file in ``folder`` (created if needed), through a temporary name so that a
    pulled-out stick never holds half a file under the real name. Raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        partial = folder / (name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)
        written.append(path)
    return written


class FolderExport(QObject):
    """Choose a folder, then write there off the UI thread.

    Signals: done(str) (a sentence: what was written where), failed(str) (a sentence).
    ``chooser`` may be replaced (tests, another dialog).
    """

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser: FolderChooser = choose_folder
        self.task: BackgroundTask | None = None

    def run(self, title: str, files: Callable[[], dict[str, bytes]], subfolder: str = "") -> bool:
        """Ask for the folder, then write ``files()`` (called on the worker) into it, or into
        its ``subfolder``. False when the admin cancelled (nothing is written)."""
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        chosen = self.chooser(parent, title, str(removable_media_folder()))
        if not chosen:
            return False
        folder = Path(chosen) / subfolder if subfolder else Path(chosen)

        def work(_progress) -> tuple[int, str]:
            return len(write_files(folder, files())), str(folder)

        self.task = BackgroundTask(work, self)
        self.task.succeeded.connect(self._on_written)
        self.task.failed.connect(
            lambda _reason: self.failed.emit(
                _(
                    "Les fichiers n'ont pas pu être écrits dans {folder}. Vérifiez que la clé "
                    "est branchée et qu'il reste de la place, puis recommencez."
                ).format(folder=folder)
            )
        )
        self.task.start()
        return True

    def _on_written(self, result: tuple[int, str]) -> None:
        count, folder = result
        self.done.emit(
            ngettext(
                "{n} fichier écrit dans {folder}.", "{n} fichiers écrits dans {folder}.", count
            ).format(n=count, folder=folder)
        )


def reports_file_name(today: date) -> str:
    return f"comptes-rendus-{today.isoformat()}.csv"


class ActivityReportsExport(FolderExport):
    """ "Exporter les comptes rendus": every saved activity report (CRA) as one CSV file
    (``kiosk.core.activity_report.reports_csv``: UTF-8 with BOM, ``;``) in a chosen folder.

    For the mediator's panel as well: ``ActivityReportsExport(source, panel)``, connect
    ``done``/``failed`` to a label, call ``export()`` from a button."""

    def __init__(
        self,
        source: ActivityReportSource,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.today = today

    def export(self) -> bool:
        """Ask for a folder and write the reports there; False if the admin cancelled."""
        name = reports_file_name(self.today())
        return self.run(
            _("Où enregistrer les comptes rendus ?"),
            lambda: {name: reports_csv(self.source.reports())},
        )
