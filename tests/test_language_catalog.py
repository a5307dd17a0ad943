"""Qt's own catalog follows the language, and the one left is deleted at once, not later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from shiboken6 import isValid


def test_the_catalog_left_is_deleted_at_once(qtbot, window):
    """A deferred delete of the old QTranslator crashed the soak test now and then
    (docs/benchmarks.md); it is gone as soon as another language is chosen."""
    switch = window.language_switch
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    window.visit.choose_language("en")
    first = switch._qt_translator
    window.visit.choose_language("uk")
    assert first is not None and not isValid(first)  # no event loop turn in between
    assert isValid(switch._qt_translator)
    assert switch._qt_translator_language == "uk"
