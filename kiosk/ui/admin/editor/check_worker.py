"""The plain-language check in a worker process, for the editor (a QProcess, no thread).

Run on a thread, the check (pure Python, up to a second on a long tutorial) held the GIL and
stalled typing by about 100 ms (benchmarks/editor_timings.py). In its own process
(``python -m kiosk.core.plain_language_marks``) it shares nothing with the UI thread; the
requests and answers are JSON lines, read when Qt says the process wrote some.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from kiosk.core.plain_language_marks import check_from_json


class PlainLanguageChecker(QObject):
    """Signals: finished(object) with (generation, TutorialCheck); failed(str) a sentence.

    ``submit`` starts the worker the first time; a worker that died is started again.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self._buffer = b""

    def _start(self) -> QProcess:
        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        source = str(Path(__file__).resolve().parents[4])
        paths = [source, *filter(None, [os.environ.get("PYTHONPATH")])]
        environment.insert("PYTHONPATH", os.pathsep.join(paths))
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read)
        process.errorOccurred.connect(self._on_error)
        process.start(sys.executable, ["-m", "kiosk.core.plain_language_marks"])
        self.process = process
        self._buffer = b""
        return process

    def submit(self, generation: int, document: dict[str, Any]) -> None:
        process = self.process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            process = self._start()
        request = json.dumps({"generation": generation, "document": document}, ensure_ascii=False)
        process.write(request.encode("utf-8") + b"\n")

    def _read(self) -> None:
        if self.process is None:
            return
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            try:
                answer = json.loads(line)
                if "error" in answer:
                    raise ValueError(answer["error"])
                result = (answer["generation"], check_from_json(answer["check"]))
            except (KeyError, TypeError, ValueError):
                self.failed.emit("Le texte n'a pas pu être vérifié. Continuez : il le sera.")
                continue
            self.finished.emit(result)

    def _on_error(self, _error: QProcess.ProcessError) -> None:
        self.failed.emit("La vérification du langage clair s'est arrêtée. Elle va reprendre.")

    def stop(self) -> None:
        """End the worker (the editor is closed): it reads its end of input and quits."""
        process = self.process
        self.process = None
        if process is None:
            return
        process.errorOccurred.disconnect(self._on_error)
        process.closeWriteChannel()
        if not process.waitForFinished(2000):
            process.kill()
            process.waitForFinished(1000)
