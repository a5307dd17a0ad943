"""The Qt binding must not leak references: PySide6 6.12.0 did, and the kiosk aborted."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class Emitter(QObject):
    fired = Signal()


def test_void_calls_and_signals_keep_none_and_true_alive(qapp):
    label = QLabel()
    emitter = Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        label.setText("Suivant")
        emitter.fired.emit()
    assert sys.getrefcount(None) > none_before - 50
    assert sys.getrefcount(True) > true_before - 50
