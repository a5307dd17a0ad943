"""Python's cycle collector, paused while a pack is read (issue #19).

Reading a pack of 250 tutorials makes about 100,000 mappings, lists and texts in a few tenths
of a second. Each 700 new containers, the collector (``gc``, generation 0, and every tenth
time the older generations too) walks the containers still alive looking for reference
cycles: a pack's values have none, and they are freed by their reference counts as soon as
the pack's model is built. Measured on the test VM: 10 to 15 % of ``build_pack``'s CPU time,
and it grows with everything else the process holds (the kiosk's Qt objects). Paused, the
collector runs again, with everything it would have found, as soon as the reading ends.

The collector is one per process: while it is paused, another thread's cycles wait too (the
UI thread's, for as long as a pack is read: under a second). Pauses may nest and overlap
between threads: the collector is running again once the last one ends, if it was running
before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_running = False


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector for the ``with`` block (exceptions included); see above."""
    global _pauses, _was_running
    with _lock:
        if _pauses == 0:
            _was_running = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_running:
                gc.enable()


def set_aside_long_lived() -> int:
    """Collect once, then leave every object alive now out of all later collections
    (``gc.freeze``); how many objects were set aside.

    Called once, when the kiosk's screens are built (the end of the warm-up): they live as
    long as the process. A full collection walks every object it tracks; with the screens
    and five packs' worth of imports alive (about 50,000 objects), one took 22.5 ms on the UI
    thread while an admin typed, at a moment nobody chooses (docs/benchmarks.md, "Python's
    full collections"). Set aside, they are no longer walked; what is made later still is.
    A cycle among them that became garbage later would stay (the screens are never
    rebuilt); ``gc.unfreeze()`` undoes it (the tests do, between tests).
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
