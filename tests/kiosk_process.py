"""A real kiosk process (``tests/kiosk_driver.py``) whose printed lines the test can wait for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

DRIVER = Path(__file__).resolve().parent / "kiosk_driver.py"
REPO = DRIVER.parents[1]


class KioskProcess:
    """Starts the driver on ``database``; ``wait_for`` a line, ``kill`` it as a power cut would.

    Lines are read on a thread, so a wait has a deadline and never blocks on a silent child.
    """

    def __init__(self, database: Path, *options: str) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self._process = subprocess.Popen(
            [sys.executable, str(DRIVER), "--db", str(database), *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        self.pid = self._process.pid
        self.lines: list[str] = []
        self.stderr = ""
        self._new_line = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._errors = threading.Thread(target=self._read_errors, daemon=True)
        self._errors.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            with self._new_line:
                self.lines.append(line.strip())
                self._new_line.notify_all()
        with self._new_line:
            self._closed = True
            self._new_line.notify_all()

    def _read_errors(self) -> None:
        assert self._process.stderr is not None
        self.stderr = self._process.stderr.read()

    def wait_for(self, word: str, timeout: float = 60.0) -> str:
        """The first line starting with ``word``; AssertionError if the process ends first."""
        with self._new_line:
            found = self._new_line.wait_for(
                lambda: self._closed or any(line.startswith(word) for line in self.lines),
                timeout,
            )
            matching = [line for line in self.lines if line.startswith(word)]
        assert found and matching, f"no {word!r} line; stderr:\n{self.stderr}"
        return matching[0]

    def visits(self) -> list[int]:
        """The session ids of the visits the process said were committed."""
        with self._new_line:
            return [int(line.split()[1]) for line in self.lines if line.startswith("VISIT")]

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when the power goes."""
        self._process.send_signal(signal.SIGKILL)
        self._process.wait(timeout=30)
        self._reader.join(timeout=30)

    def wait(self, timeout: float = 60.0) -> int:
        code = self._process.wait(timeout=timeout)
        self._reader.join(timeout=30)
        self._errors.join(timeout=30)
        return code

    def __enter__(self) -> KioskProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._process.poll() is None:
            self.kill()
