"""What the button "Imprimer ma fiche" does: build the sheet, send it, tell the person.

Never a print dialog for a citizen: the sheet goes to the default printer as it is, through
a child process (``print_job``) that the screen never waits for. When there is no printer,
or it fails, or it does not answer in time (the ``print_timeout_seconds`` setting), the
person reads and hears "Demandez la fiche à la personne de l'accueil", and the PDF waits in
the queue folder for the mediator.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

import kiosk
from kiosk.core.i18n import _, current_language
from kiosk.core.take_home_sheet import TakeHomeSheet, build_sheet
from kiosk.ui.printing.print_job import (
    PRINTED,
    REASONS,
    queue_file_name,
    queue_folder,
    queue_sheet,
)
from kiosk.ui.theme import TITLE_PT, palette
from kiosk.ui.widgets import BigButton, TextLabel

if TYPE_CHECKING:
    from kiosk.speech.service import SpeechService
    from kiosk.store.content_store import ContentStore
    from kiosk.store.settings_store import SettingsStore
    from kiosk.ui.main_window import Services

log = logging.getLogger(__name__)


class PrintNotice(QFrame):
    """Covers the screen while the sheet prints, then says how it went. Signal: closed()."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("print_notice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 80, 80, 80)
        layout.setSpacing(32)
        layout.addStretch(1)
        self.message = TextLabel("title")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        self.button = BigButton("check", "primary")
        self.button.clicked.connect(self.close_notice)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def open_notice(self, message: str) -> None:
        """Show ``message`` over the whole window (the theme's colours of this moment)."""
        self.setStyleSheet(
            f"QFrame#print_notice {{ background-color: {palette().overlay}; }}"
            f"QFrame#print_notice QLabel {{ font-size: {TITLE_PT}pt; font-weight: bold; }}"
        )
        self.message.setText(message)
        self.button.set_text(_("D'accord"))
        self.button.refresh_icon()
        if self.parentWidget():
            self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        self.button.setFocus()

    @Slot()
    def close_notice(self) -> None:
        self.hide()
        self.closed.emit()


class SheetPrinter(QObject):
    """Prints a tutorial's sheet for the person in front of the kiosk.

    Signals: finished(bool printed) once a sheet went to the printer or to the queue.
    One sheet at a time: a second press while one is on its way does nothing.
    """

    finished = Signal(bool)

    def __init__(
        self,
        content: ContentStore,
        settings: SettingsStore,
        speech: SpeechService,
        queue_folder: Path,
        overlay_parent: QWidget,
    ) -> None:
        super().__init__(overlay_parent)
        self.content = content
        self.settings = settings
        self.speech = speech
        self.queue_folder = queue_folder
        self.notice = PrintNotice(overlay_parent)
        self._process: QProcess | None = None
        self._sheet: TakeHomeSheet | None = None
        self._queued: Path | None = None
        self._visit_ended = False  # the person left: the outcome is not shown to the next one
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    @classmethod
    def for_window(cls, services: Services, overlay_parent: QWidget) -> SheetPrinter:
        """The printer of a kiosk window: its stores, its speech, its database's folder."""
        folder = queue_folder(services.content.db.path)
        return cls(services.content, services.settings, services.speech, folder, overlay_parent)

    @property
    def busy(self) -> bool:
        return self._process is not None

    @Slot(str)
    def print_tutorial(self, tutorial_id: str, language: str | None = None) -> None:
        """Print the sheet of ``tutorial_id`` in ``language`` (a code of LANGUAGES), or in the
        language on screen now when None (the kiosk itself; the desk names the caller's)."""
        if self._process is not None:
            return
        tutorial = self.content.tutorial(tutorial_id)
        if tutorial is None:
            return
        sheet = build_sheet(
            tutorial, language or current_language(), self.settings.get("place_name")
        )
        self._sheet = sheet
        self._visit_ended = False
        self._queued = self.queue_folder / queue_file_name(sheet, datetime.datetime.now())
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", "kiosk.ui.printing.print_job", str(self._queued)])
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("QT_QPA_PLATFORM", "offscreen")  # it draws, it shows nothing
        package_root = str(Path(kiosk.__file__).resolve().parents[1])
        paths = [package_root, environment.value("PYTHONPATH")]
        environment.insert("PYTHONPATH", os.pathsep.join(p for p in paths if p))
        process.setProcessEnvironment(environment)
        data = json.dumps(sheet.to_dict()).encode()
        process.started.connect(lambda: (process.write(data), process.closeWriteChannel()))
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process = process
        self._say(_("Votre fiche s'imprime. Attendez un petit moment."))
        self._timer.start(int(self.settings.get("print_timeout_seconds") * 1000))
        process.start()

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None or self.sender() is not process:
            return
        printed = status == QProcess.ExitStatus.NormalExit and code == PRINTED
        output = bytes(process.readAllStandardOutput().data()).decode(errors="replace").strip()
        errors = bytes(process.readAllStandardError().data()).decode(errors="replace").strip()
        if printed:
            log.info("sheet %s printed on %s", self._sheet.tutorial_id, output)
        else:
            log.warning("sheet %s not printed (%s): %s", self._sheet.tutorial_id,
                        REASONS.get(code, f"exit {code}"), errors[-500:])  # fmt: skip
        self._end(printed)

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.sender() is self._process:
            log.error("the printing process could not start: %s", self._process.errorString())
            self._end(False)

    @Slot()
    def _on_timeout(self) -> None:
        if self._process is None:
            return
        log.warning("the printer did not answer in time; sheet %s stays queued",
                    self._sheet.tutorial_id)  # fmt: skip
        self._end(False)

    def _end(self, printed: bool) -> None:
        """The sheet is printed, or waits in the queue: say it, and be ready for the next."""
        self._timer.stop()
        process, self._process = self._process, None
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()  # the time-out: the child may be waiting for CUPS
        process.finished.connect(process.deleteLater)
        if process.state() == QProcess.ProcessState.NotRunning:
            process.deleteLater()
        if not printed:
            self._ensure_queued()
        if not self._visit_ended:
            if printed:
                self._say(_("Votre fiche est imprimée. Prenez-la dans l'imprimante."))
            else:
                self._say(_("Demandez la fiche à la personne de l'accueil."))
        self.finished.emit(printed)

    def _ensure_queued(self) -> None:
        """The child writes the PDF first; if it could not even do that, the kiosk does."""
        if self._queued is None or self._sheet is None:
            return
        self._queued.with_suffix(".part").unlink(missing_ok=True)  # a child stopped mid-write
        if self._queued.exists():
            return
        try:
            queue_sheet(self._sheet, self._queued)
        except OSError:
            log.exception("the sheet could not be queued in %s", self._queued.parent)

    def _say(self, message: str) -> None:
        """Show the message over the screen and read it aloud, as every text is."""
        self.notice.open_notice(message)
        self.speech.speak([message], current_language())

    def reset(self) -> None:
        """The visit ends: the notice goes; a sheet on its way still reaches paper or queue,
        but says nothing to the next person."""
        self._visit_ended = True
        self.notice.hide()
