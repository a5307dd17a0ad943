"""WORKAROUND for PySide6 6.12.0 on Python 3.11: bindings that give back references they never took.

With 6.12.0, every call of a wrapped C++ method returning ``void`` (``QLabel.setText``…) drops
one reference to ``None``, and every ``Signal.emit()`` drops one to ``True``. Python 3.12 made
these objects immortal, so nothing shows there; on 3.11 the count reaches zero after a few
thousand calls and the interpreter aborts ("Fatal Python error: none_dealloc"). PySide6 6.11.3
does not do it. The benchmark makes tens of thousands of such calls in one process, so it holds
enough extra references to last, and reports the loss so that the kiosk's own bug is seen.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 100  # few enough to be safe: True has only ~600 references at start
EXTRA_REFERENCES = 1_000_000


class _Emitter(QObject):
    fired = Signal()


def references_lost() -> dict[str, int]:
    """References to None and True lost per 100 void calls and emits (0 when healthy)."""
    label, emitter = QLabel(), _Emitter()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("x")
    lost_none = before - sys.getrefcount(None)
    before = sys.getrefcount(True)
    for _ in range(CALLS):
        emitter.fired.emit()
    lost_true = before - sys.getrefcount(True)
    return {"none_per_100_void_calls": lost_none, "true_per_100_emits": lost_true}


def hold_extra_references() -> None:
    """Keep ``None``, ``True`` and ``False`` alive for the rest of the process.

    A tuple of constants only is untracked by the garbage collector after its first pass, so it
    adds no work to later collections (which would show up as UI stalls). It is given one
    reference that nothing owns, so it is never freed: freeing it at exit would hand back the
    lost references a second time and abort the interpreter.
    """
    ballast = tuple([None, True, False] * EXTRA_REFERENCES)
    ctypes.pythonapi.Py_IncRef.argtypes = [ctypes.py_object]
    ctypes.pythonapi.Py_IncRef(ballast)
