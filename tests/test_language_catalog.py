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


def test_a_change_of_language_reaches_every_text_without_qt_s_event(qtbot, qapp, window):
    """Qt's LanguageChange stops at the window (each screen retranslates itself through the
    one language_changed signal): the window gets it, no widget inside does, and every text
    still changes; Qt's own strings (a field's menu) come from Qt's catalog of the language."""
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[QObject] = []

        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.LanguageChange:
                self.seen.append(watched)
            return False

    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    counter = Counter()
    inside = [window.home.search_field, window.toolbar, window.centralWidget()]
    for widget in [window, *inside]:
        widget.installEventFilter(counter)
    window.visit.choose_language("en")
    qapp.processEvents()  # Qt posts its LanguageChange: delivered at the next turn
    assert window in counter.seen  # the event came, and stopped at the window
    assert not [widget for widget in inside if widget in counter.seen]
    assert window.home.search_button.text() == "Search"
    assert window.home_button.text() == "Home"
    window.visit.choose_language("uk")
    menu = window.home.search_field.createStandardContextMenu()
    texts = [action.text() for action in menu.actions() if action.text()]
    assert any("Копіювати" in text for text in texts), texts
    menu.deleteLater()
    for widget in [window, *inside]:
        widget.removeEventFilter(counter)
