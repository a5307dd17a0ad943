"""A PIN check as the PIN pad will run it: ``PinBook.check`` on a real database file. No Qt.

The reference is the scrypt hash alone (``hashlib.scrypt`` with the same parameters): what is
left is the store (a connection of the thread's own, one read) and the lock.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from kiosk.core import pins
from kiosk.core.pins import PinBook
from kiosk.store.database import open_database
from kiosk.store.pin_store import PinStore


def pin_check_times(scratch: Path, count: int) -> tuple[list[float], list[float]]:
    """Seconds of ``count`` right-PIN checks, and of ``count`` bare scrypt hashes, alternated."""
    db = open_database(scratch / "pins.db")
    try:
        book = PinBook(PinStore(db))
        book.set_pin("mediator", "2468")
        book.check("mediator", "2468")  # warm: hashlib loaded, file cached
        checks, hashes = [], []
        for _ in range(count):
            start = time.perf_counter()
            if not book.check("mediator", "2468").ok:
                raise RuntimeError("the PIN set just before was refused")
            checks.append(time.perf_counter() - start)
            start = time.perf_counter()
            hashlib.scrypt(
                b"2468",
                salt=os.urandom(pins.SALT_BYTES),
                n=pins.SCRYPT_N,
                r=pins.SCRYPT_R,
                p=pins.SCRYPT_P,
                maxmem=pins.SCRYPT_MAXMEM,
                dklen=pins.HASH_BYTES,
            )
            hashes.append(time.perf_counter() - start)
        return checks, hashes
    finally:
        db.close()
