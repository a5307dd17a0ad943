"""The reference process: a bare PySide6 window with one button, closed after its first frame.

Run by ``run.py``; it prints ``READY_LINE`` when the frame is painted, like the kiosk launcher.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from qt_timing import FirstPaintWatcher, announce_first_paint, announce_peak_memory


def main() -> int:
    app = QApplication(sys.argv)
    window = QWidget()
    QVBoxLayout(window).addWidget(QPushButton("Commencer"))
    window.resize(1280, 800)  # the kiosk's window size: as many pixels to paint

    def painted() -> None:
        announce_first_paint()
        app.quit()

    FirstPaintWatcher(window, painted)
    window.show()
    code = app.exec()
    announce_peak_memory()
    return code


if __name__ == "__main__":
    sys.exit(main())
