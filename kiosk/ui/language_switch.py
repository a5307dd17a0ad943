"""The interface language: our catalogs, Qt's own, and the reading direction, in one place.

Every widget that shows text retranslates itself through the one ``language_changed`` signal;
nothing else switches a language.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication
from shiboken6 import delete

from kiosk.core import i18n
from kiosk.core.languages import LANGUAGES


class LanguageSwitch(QObject):
    """Installs a language for the whole application.

    Signals: language_changed(str) after the catalogs and direction are in place (a code of
    kiosk.core.languages); direction_changed() when text now runs the other way (arrows must
    be drawn again); retranslated() once every listener of language_changed has run (what
    reads other widgets' texts, such as the window title, listens to this one).
    """

    language_changed = Signal(str)
    direction_changed = Signal()
    retranslated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._direction = QApplication.layoutDirection()  # the arrows drawn from now on
        self._qt_translator: QTranslator | None = None
        self._qt_translator_language: str | None = None

    def apply(self, language: str) -> None:
        """Install ``language`` (KeyError if the kiosk does not offer it), then tell everyone."""
        direction = (
            Qt.LayoutDirection.RightToLeft
            if LANGUAGES[language].right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        i18n.install(language)
        self._install_qt_catalog(language)
        QApplication.instance().setLayoutDirection(direction)
        # Compared with our own record, not the application's: installing Qt's Arabic catalog
        # already turns the application right to left.
        if self._direction != direction:
            self._direction = direction
            self.direction_changed.emit()
        self.language_changed.emit(language)
        self.retranslated.emit()

    def _install_qt_catalog(self, language: str) -> None:
        """Qt's own strings (the field's context menu…) come from Qt's qtbase catalogs."""
        if self._qt_translator_language == language:
            return  # every end of visit comes back to the default language
        app = QApplication.instance()
        if self._qt_translator is not None:
            # Deleted, not only removed: a translator kept as a child held its catalog
            # (about 1 MiB) for the life of the process, one more at each change.
            app.removeTranslator(self._qt_translator)
            # At once, not with deleteLater(): nothing of the translator is on the stack here,
            # and a deferred delete of a QtCore object crashed the soak test now and then
            # (SIGSEGV in Shiboken's releaseWrapper, docs/benchmarks.md).
            delete(self._qt_translator)
        self._qt_translator_language = language
        self._qt_translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        names = [f"qtbase_{language}", "qtbase_pt_BR" if language == "pt" else ""]
        if any(name and self._qt_translator.load(name, folder) for name in names):
            app.installTranslator(self._qt_translator)
