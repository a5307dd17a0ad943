"""The mediator's mode: after the PIN, a panel over the person's screen to answer the call,
jump to a step, show an answer, read aloud, print, prepare the kiosk and end the visit."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from kiosk.core.i18n import _
from kiosk.core.languages import pick
from kiosk.ui.modes.base import Mode

if TYPE_CHECKING:
    from kiosk.ui.admin.export_folder import ActivityReportsExport
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.mediator.panel import MediatorPanel
    from kiosk.ui.overlay import Overlay


class MediatorMode(Mode):
    """Built the first time a mediator's PIN is accepted (never at start-up)."""

    name = "mediator"
    role = "mediator"

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self._panel: MediatorPanel | None = None
        self.exporter: ActivityReportsExport | None = None  # built with the panel

    @property
    def panel(self) -> MediatorPanel:
        if self._panel is None:
            from kiosk.store.stuck_points_query import StuckPointsQuery
            from kiosk.ui.mediator.panel import MediatorPanel

            services = self.shell.services
            tutorials = [
                (s.id, pick(s.title, "fr").text, s.step_count) for s in services.content.tutorials()
            ]
            panel = MediatorPanel(
                tutorials,
                StuckPointsQuery(services.activity.db),
                self.shell.centralWidget(),
            )
            panel.answer_requested.connect(self._answer)
            panel.print_requested.connect(self._print)
            panel.step_requested.connect(self._go_to_step)
            panel.show_answer_requested.connect(self._show_answer)
            panel.auto_read_toggled.connect(self._set_auto_read)
            panel.end_visit_requested.connect(self._end_visit)
            panel.prepare_requested.connect(self.prepare_for_a_person)
            panel.leave_requested.connect(self.shell.leave_mode)
            panel.export_reports_requested.connect(self._export_reports)
            from kiosk.store.activity_report_store import ActivityReportStore
            from kiosk.ui.admin.export_folder import ActivityReportsExport

            self.exporter = ActivityReportsExport(ActivityReportStore(services.activity.db), panel)
            self.exporter.done.connect(panel.show_export_outcome)
            self.exporter.failed.connect(panel.show_export_outcome)
            self.shell.language_switch.language_changed.connect(panel.retranslate_ui)
            self._panel = panel
        return self._panel

    @property
    def showing(self) -> bool:
        return self._panel is not None and self._panel.isVisible()

    @Slot()
    def enter(self) -> None:
        """The panel over the person's screen, which stays as it was."""
        shell = self.shell
        visit, session = shell.visit, shell.session
        if session.visit_ids:  # someone is there, even between two tutorials
            visit.mediator_helped = True
        panel = self.panel
        call = shell.help.calls.open_call(session.id) if session.active else None
        tutorial_id, step = shell.citizen.place_on_screen()
        tutorial = shell.services.content.tutorial(tutorial_id) if tutorial_id else None
        if tutorial is not None and step is not None:
            place = _("La personne est à l'étape {n} de « {title} ».").format(
                n=step + 1, title=pick(tutorial.title, "fr").text
            )
        elif shell.current_screen() is shell.welcome:
            place = _("Personne n'utilise la borne.")
        else:
            place = _("La personne choisit un tutoriel.")
        practice = step is not None and shell.player.page is not None
        panel.show_situation(
            call.asked_at if call else None,
            place,
            len(tutorial.steps) if tutorial is not None and step is not None else 0,
            step,
            practice,
        )
        panel.auto_read_button.setChecked(visit.auto_read)
        panel.cover()

    def overlays(self) -> list[Overlay]:
        return [self._panel] if self._panel is not None else []

    def leave(self) -> None:
        if self._panel is not None:
            self._panel.hide()

    @Slot()
    def _export_reports(self) -> None:
        """Every compte rendu of this kiosk as one CSV, in a folder the mediator chooses."""
        self.exporter.export()

    @Slot()
    def _answer(self) -> None:
        self.shell.help.answer()
        self.enter()

    @Slot()
    def _print(self) -> None:
        """The sheet of the tutorial on screen, for the person (never with anything typed)."""
        tutorial_id, _step = self.shell.citizen.place_on_screen()
        self.shell.leave_mode()
        if tutorial_id is not None:
            self.shell.print_sheet(tutorial_id)

    @Slot(int)
    def _go_to_step(self, index: int) -> None:
        self.shell.leave_mode()
        self.shell.player.show_step(index)

    @Slot()
    def _show_answer(self) -> None:
        self.shell.leave_mode()
        if self.shell.player.page is not None:
            self.shell.player.page.reveal_answers()

    @Slot(bool)
    def _set_auto_read(self, on: bool) -> None:
        self.shell.visit.auto_read = on

    @Slot()
    def _end_visit(self) -> None:
        """End the visit, then show its compte rendu d'activité (kept for the export)."""
        from kiosk.core.activity_report import build_report
        from kiosk.store.activity_report_store import ActivityReportStore

        shell = self.shell
        visit, helped = list(shell.session.visit_ids), shell.visit.mediator_helped
        shell.end_session("finished")
        if not visit or not helped:
            return
        store = ActivityReportStore(shell.services.activity.db)
        facts = store.visit_facts(visit, time.time())
        if facts is None:
            return
        report = build_report(facts)
        store.save(report)
        panel = self.panel
        panel.show_situation(None, _("Personne n'utilise la borne."), 0, None, False)
        panel.show_report(report)
        panel.cover()

    @Slot(str, int, str)
    def prepare_for_a_person(self, tutorial_id: str, step: int, language: str) -> None:
        """Hand the kiosk over on ``step`` (from 0) of a tutorial, in ``language``."""
        shell = self.shell
        shell.leave_mode()
        if not shell.session.active:
            shell.start_session()
            shell.visit.mediator_helped = True
        shell.visit.choose_language(language)
        shell.start_tutorial(tutorial_id, step)
