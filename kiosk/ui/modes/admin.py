"""The admin's mode: after the admin's PIN, the admin screen over the kiosk.

Built the first time the admin's PIN is accepted. Its sections: the settings generated from
kiosk.core.settings, the PIN codes, and the pieces that content packs and statistics add.
"Revenir à l'accueil", Escape or idle time lead back to the citizen's welcome screen;
"Fermer la borne" is the only way out of ``--kiosk`` mode (exit code 0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from kiosk.ui.modes.base import Mode

if TYPE_CHECKING:
    from kiosk.ui.admin.admin_screen import AdminScreen
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.overlay import Overlay


class AdminMode(Mode):
    name = "admin"
    role = "admin"

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self._screen: AdminScreen | None = None

    @property
    def screen(self) -> AdminScreen:
        if self._screen is None:
            from kiosk.ui.admin.admin_screen import AdminScreen

            screen = AdminScreen(
                [
                    ("settings", "Réglages", self._settings_page),
                    ("codes", "Codes", self._codes_page),
                    ("tutorials", "Tutoriels", self._editor_page),
                ],
                self.shell.centralWidget(),
            )
            screen.leave_requested.connect(self._leave_to_welcome)
            screen.exit_requested.connect(self.shell.admin_exit)
            self._screen = screen
        return self._screen

    def _settings_page(self) -> QWidget:
        from kiosk.ui.admin.settings_page import SettingsPage

        return SettingsPage(self.shell.services.settings)

    def _codes_page(self) -> QWidget:
        from kiosk.core.pins import PinBook
        from kiosk.store.pin_store import PinStore
        from kiosk.ui.admin.codes_page import CodesPage

        return CodesPage(PinBook(PinStore(self.shell.services.activity.db)))

    def _editor_page(self) -> QWidget:
        from kiosk.ui.admin.editor.editor_page import EditorPage

        return EditorPage(self.shell.services.content)

    @property
    def showing(self) -> bool:
        return self._screen is not None and self._screen.isVisible()

    def overlays(self) -> list[Overlay]:
        return [self._screen] if self._screen is not None else []

    def enter(self) -> None:
        """The admin screen covers the kiosk; a visit under way ends first (nothing of the
        person may be seen by staff who did not help them)."""
        shell = self.shell
        if shell.session.active:
            shell.end_session("finished")
        self.screen.open_screen()

    def leave(self) -> None:
        if self._screen is not None:
            self._screen.hide()

    @Slot()
    def _leave_to_welcome(self) -> None:
        self.shell.leave_mode()
        self.shell.show_screen(self.shell.welcome)
