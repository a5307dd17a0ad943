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
                    ("packs", "Contenus", self._packs_page),
                    ("statistics", "Statistiques", self._statistics_page),
                    ("audit", "Journal", self._audit_page),
                    ("codes", "Codes", self._codes_page),
                    ("tutorials", "Tutoriels", self._editor_page),
                ],
                self.shell.centralWidget(),
            )
            screen.section_opened.connect(self._section_opened)
            screen.leave_requested.connect(self._leave_to_welcome)
            screen.exit_requested.connect(self.shell.admin_exit)
            self._screen = screen
        return self._screen

    def _settings_page(self) -> QWidget:
        from kiosk.ui.admin.settings_page import SettingsPage

        return SettingsPage(self.shell.services.settings)

    def _packs_page(self) -> QWidget:
        from kiosk.ui.admin.packs_page import PacksPage

        services = self.shell.services
        page = PacksPage(services.activity.db, services.settings)
        page.content_changed.connect(self.shell.content_changed)
        page.busy_changed.connect(self._busy)
        self.shell.language_switch.language_changed.connect(page.retranslate_ui)
        return page

    def _busy(self, busy: bool) -> None:
        """While a pack installs, the admin stays on the page: leaving or closing the kiosk
        would stop it half-way (it still ends whole or not at all: one transaction)."""
        screen = self.screen
        for button in (screen.leave_button, screen.exit_button, *screen.section_buttons.values()):
            button.setEnabled(not busy)

    def _statistics_page(self) -> QWidget:
        from kiosk.core.languages import pick
        from kiosk.store.activity_report_store import ActivityReportStore
        from kiosk.store.statistics_query import StatisticsQuery
        from kiosk.ui.admin.statistics_page import StatisticsPage

        services = self.shell.services
        db = services.activity.db
        tutorials = [
            (s.id, pick(s.title, "fr").text, s.step_count) for s in services.content.tutorials()
        ]
        page = StatisticsPage(
            StatisticsQuery(db), tutorials, ActivityReportStore(db), settings=services.settings
        )
        self.shell.language_switch.language_changed.connect(page.retranslate_ui)
        return page

    def _audit_page(self) -> QWidget:
        from kiosk.store.audit_store import AuditStore
        from kiosk.ui.admin.audit_page import AuditPage

        page = AuditPage(AuditStore(self.shell.services.activity.db), limit=200)
        self.shell.language_switch.language_changed.connect(page.retranslate_ui)
        return page

    def _section_opened(self, key: str, page: QWidget) -> None:
        """What a section shows is read again each time it is opened (the audit at once; the
        statistics on a worker thread, by the page itself the first time)."""
        if key == "audit":
            page.refresh()  # type: ignore[attr-defined]
        elif key == "statistics" and getattr(page, "stats", None) is not None:
            page.load()  # type: ignore[attr-defined]

    def _codes_page(self) -> QWidget:
        from kiosk.core.pins import PinBook
        from kiosk.store.pin_store import PinStore
        from kiosk.ui.admin.codes_page import CodesPage

        return CodesPage(PinBook(PinStore(self.shell.services.activity.db)))

    def _editor_page(self) -> QWidget:
        from kiosk.ui.admin.editor.editor_page import EditorPage

        services = self.shell.services
        return EditorPage(services.content, speech=services.speech)

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
