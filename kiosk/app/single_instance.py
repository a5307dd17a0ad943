"""One kiosk per database: a lock file beside it that a killed kiosk does not leave stuck.

Two kiosks on one file mixed two people's visits. ``QLockFile`` writes the holder's process id,
host and program name in ``kiosk.db.lock``; a later start whose holder no longer runs (killed
with ``kill -9``, power cut) finds the lock stale and takes it over. Its default stale time
(30 s) is turned off: a kiosk runs for months, and an old lock of a running kiosk is not stale.
An ``fcntl`` lock would also free itself on ``kill -9``, but ``QLockFile`` also says who
holds the lock, and works the same on Windows. (``QLocalServer`` alone does not do: a second
``listen()`` may succeed, and a stale socket blocks.)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


class KioskLock:
    """The lock of one database file; ``acquire()`` once at start, ``release()`` at the end."""

    def __init__(self, database: Path) -> None:
        self.path = Path(f"{database}.lock")
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age

    def acquire(self) -> bool:
        """True when this process now holds the lock; False when another kiosk does.

        Raises OSError when the lock file cannot be written (no rights, no room).
        """
        if self._lock.tryLock(0):
            return True
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return False
        raise OSError(f"the lock file {self.path} cannot be written ({self._lock.error().name})")

    def holder(self) -> int | None:
        """The process id written in the lock file by the kiosk that holds it."""
        info = self._lock.getLockInfo()  # PySide6: (pid, hostname, appname), pid 0 if unknown
        return info[0] or None if info else None

    def release(self) -> None:
        self._lock.unlock()


def already_running_sentence(database: Path, pid: int | None) -> str:
    who = f" (processus {pid})" if pid else ""
    return (
        f"Pas à pas est déjà ouvert sur la base de données {database}{who}. "
        "Un seul Pas à pas à la fois peut l'utiliser : fermez l'autre, "
        "ou choisissez une autre base avec --db."
    )
