"""The mediator at the kiosk, after the PIN: answer the call, help on the spot, prepare a
tutorial for someone, see where people get stuck, end a visit with its activity summary.

It covers the citizen's screen as an overlay (the person's place stays underneath) and speaks
to a trained adult: short words, still big buttons. The window does the actions; this panel
only shows the choices and forwards them (signals).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QTableWidget, QTableWidgetItem, QWidget

from kiosk.core.activity_report import CSV_HEADER, ActivityReport
from kiosk.core.i18n import _, ngettext
from kiosk.core.languages import LANGUAGES
from kiosk.core.stuck_points import StuckPoint, StuckPointsSource, sort_points
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import BigButton, TextLabel, WrappingButton

STEP_COLUMNS = 6
BAR = "█"


class StuckPointsLoader(QObject):
    """Runs the stuck-points query (months of events) off the UI thread. Signals: loaded(list)."""

    loaded = Signal(list)

    def __init__(self, source: StuckPointsSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source

    def load(self, days: int) -> None:
        def work() -> None:
            self.loaded.emit(self.source.stuck_points(days, time.time()))

        threading.Thread(target=work, name="stuck-points", daemon=True).start()


class MediatorPanel(Overlay):
    """Signals: answer_requested(), print_requested() (the sheet of the tutorial on screen),
    step_requested(int), show_answer_requested(),
    auto_read_toggled(bool), end_visit_requested(), prepare_requested(str tutorial id,
    int step, str language), leave_requested().
    """

    answer_requested = Signal()
    print_requested = Signal()
    step_requested = Signal(int)
    show_answer_requested = Signal()
    auto_read_toggled = Signal(bool)
    end_visit_requested = Signal()
    prepare_requested = Signal(str, int, str)
    leave_requested = Signal()
    export_reports_requested = Signal()

    def __init__(
        self,
        tutorials: list[tuple[str, str, int]],
        stuck_source: StuckPointsSource,
        parent: QWidget | None = None,
    ) -> None:
        """``tutorials``: (id, title, number of steps) of every installed tutorial."""
        super().__init__("mediator_panel", parent)
        self.tutorials = tutorials
        self.loader = StuckPointsLoader(stuck_source, self)
        self.loader.loaded.connect(self._show_stuck_points)
        layout = self.body
        self.title = TextLabel("title")
        self.status = TextLabel()
        self.status.setObjectName("mediator_status")
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        self.answer_button = BigButton("person", "primary")
        self.answer_button.setObjectName("mediator-answer")
        self.answer_button.clicked.connect(self.answer_requested)
        layout.addWidget(self.answer_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Help on the spot: jump to a step, show the answer, read aloud, end the visit.
        self.steps_label = TextLabel()
        layout.addWidget(self.steps_label)
        self.steps_grid = QGridLayout()
        self.steps_grid.setSpacing(8)
        layout.addLayout(self.steps_grid)
        self.step_buttons: list[BigButton] = []
        row = QHBoxLayout()
        self.show_answer_button = BigButton("help")
        self.show_answer_button.setObjectName("mediator-show-answer")
        self.show_answer_button.clicked.connect(self.show_answer_requested)
        self.auto_read_button = BigButton("listen")
        self.auto_read_button.setCheckable(True)
        self.auto_read_button.setObjectName("mediator-auto-read")
        self.auto_read_button.toggled.connect(self.auto_read_toggled)
        self.print_button = BigButton("print")
        self.print_button.setObjectName("mediator-print")
        self.print_button.clicked.connect(self.print_requested)
        row.addWidget(self.show_answer_button)
        row.addWidget(self.auto_read_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        # Prepare a tutorial for someone: which one, at which step, in which language.
        self.prepare_title = TextLabel("title")
        layout.addWidget(self.prepare_title)
        self.tutorial_grid = QGridLayout()
        self.tutorial_grid.setSpacing(8)
        self.tutorial_buttons: dict[str, WrappingButton] = {}
        for index, (tutorial_id, title, _steps) in enumerate(tutorials):
            button = WrappingButton()  # long titles go to the next line, not off the panel
            button.set_text(title)
            button.setObjectName(f"prepare-{tutorial_id}")
            button.clicked.connect(lambda _c=False, t=tutorial_id: self.choose_tutorial(t))
            self.tutorial_grid.addWidget(button, index // 2, index % 2)
            self.tutorial_buttons[tutorial_id] = button
        layout.addLayout(self.tutorial_grid)
        self.prepare_choice = TextLabel("notice")
        self.prepare_choice.hide()
        layout.addWidget(self.prepare_choice)
        self.prepare_steps_grid = QGridLayout()
        self.prepare_steps_grid.setSpacing(8)
        layout.addLayout(self.prepare_steps_grid)
        self.prepare_step_buttons: list[BigButton] = []
        language_row = QHBoxLayout()
        self.language_buttons: dict[str, BigButton] = {}
        for code, language in LANGUAGES.items():
            button = BigButton()
            button.setCheckable(True)
            button.set_text(language.native_name)
            button.setObjectName(f"prepare-language-{code}")
            button.clicked.connect(lambda _c=False, c=code: self.choose_language(c))
            language_row.addWidget(button)
            self.language_buttons[code] = button
        language_row.addStretch(1)
        layout.addLayout(language_row)
        self.hand_over_button = BigButton("next", "primary")
        self.hand_over_button.setObjectName("prepare-hand-over")
        self.hand_over_button.clicked.connect(self._hand_over)
        layout.addWidget(self.hand_over_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Where people get stuck on this kiosk.
        self.stuck_title = TextLabel("title")
        layout.addWidget(self.stuck_title)
        period_row = QHBoxLayout()
        self.period_buttons: dict[int, BigButton] = {}
        for days in (7, 30):
            button = BigButton()
            button.setCheckable(True)
            button.setObjectName(f"stuck-{days}-days")
            button.clicked.connect(lambda _c=False, d=days: self.load_stuck_points(d))
            period_row.addWidget(button)
            self.period_buttons[days] = button
        period_row.addStretch(1)
        layout.addLayout(period_row)
        self.stuck_table = QTableWidget(0, 6)
        self.stuck_table.setObjectName("stuck_points")
        self.stuck_table.setSortingEnabled(True)
        self.stuck_table.setMinimumHeight(320)
        layout.addWidget(self.stuck_table)
        self.report = TextLabel()
        self.report.setObjectName("activity_summary")
        layout.addWidget(self.report)
        # Every compte rendu kept on this kiosk, as one CSV on a USB stick (UTF-8 BOM, ";").
        self.export_button = BigButton("export")
        self.export_button.setObjectName("mediator-export-reports")
        self.export_button.clicked.connect(self.export_reports_requested)
        self.export_outcome = TextLabel("notice")
        self.export_outcome.hide()
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.export_outcome)
        bottom = QHBoxLayout()
        self.end_visit_button = BigButton("finish")
        self.end_visit_button.setObjectName("mediator-end-visit")
        self.end_visit_button.clicked.connect(self.end_visit_requested)
        self.leave_button = BigButton("previous", "primary")
        self.leave_button.setObjectName("mediator-leave")
        self.leave_button.clicked.connect(self.leave_requested)
        bottom.addWidget(self.end_visit_button)
        bottom.addStretch(1)
        bottom.addWidget(self.leave_button)
        layout.addLayout(bottom)
        self._prepared: tuple[str | None, int, str] = (None, 0, "fr")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Accompagnant"))
        self.answer_button.set_text(_("J'arrive : l'appel est pris"))
        self.steps_label.setText(_("Aller à l'étape :"))
        self.show_answer_button.set_text(_("Montrer la réponse"))
        self.export_button.set_text(_("Exporter les comptes rendus"))
        self.auto_read_button.set_text(_("Lire chaque étape"))
        self.print_button.set_text(_("Imprimer sa fiche"))
        self.prepare_title.setText(_("Préparer pour une personne"))
        self.hand_over_button.set_text(_("Laisser la place à la personne"))
        self.stuck_title.setText(_("Où les personnes bloquent"))
        for days, button in self.period_buttons.items():
            button.set_text(_("{n} jours").format(n=days))
        self.stuck_table.setHorizontalHeaderLabels(
            [
                _("Tutoriel"),
                _("Étape"),
                _("Appels"),
                _("Abandons"),
                _("Erreurs"),
                _("Difficulté"),
            ]
        )
        self.end_visit_button.set_text(_("Terminer la visite"))
        self.leave_button.set_text(_("Revenir à la personne"))

    # -- what the window tells the panel -----------------------------------------------------
    def show_situation(
        self, waiting_since: float | None, place: str, steps: int, step: int | None, practice: bool
    ) -> None:
        """The call (``waiting_since``: seconds since the epoch, or None), where the person is
        (``place``: a sentence), the tutorial's step count and current step (from 0)."""
        lines = []
        if waiting_since is not None:
            minutes = max(0, int((time.time() - waiting_since) // 60))
            lines.append(
                ngettext(
                    "Une personne attend depuis {n} minute.",
                    "Une personne attend depuis {n} minutes.",
                    minutes,
                ).format(n=minutes)
            )
        else:
            lines.append(_("Aucun appel en attente."))
        lines.append(place)
        self.status.setText("\n".join(lines))
        self.answer_button.setVisible(waiting_since is not None)
        self._fill_steps(self.steps_grid, self.step_buttons, steps, step, self.step_requested.emit)
        self.steps_label.setVisible(steps > 0)
        self.show_answer_button.setVisible(practice)
        self.print_button.setVisible(steps > 0)
        self.report.clear()

    def _fill_steps(self, grid, buttons: list, count: int, current: int | None, signal) -> None:
        while buttons:
            button = buttons.pop()
            grid.removeWidget(button)
            button.deleteLater()
        for index in range(count):
            button = BigButton()
            button.guarded = False
            button.setCheckable(True)
            button.setChecked(index == current)
            button.set_text(str(index + 1))
            button.setAccessibleName(_("Étape {n}").format(n=index + 1))
            button.clicked.connect(lambda _c=False, i=index: signal(i))
            grid.addWidget(button, index // STEP_COLUMNS, index % STEP_COLUMNS)
            button.show()  # added to a panel already shown
            buttons.append(button)

    def show_report(self, report: ActivityReport) -> None:
        """The compte rendu d'activité of the visit just ended, field by field."""
        lines = [f"{name} : {value}" for name, value in zip(CSV_HEADER, report.row(), strict=True)]
        self.report.setText(_("Compte rendu d'activité :") + "\n" + "\n".join(lines))

    # -- prepare for a person ----------------------------------------------------------------
    def choose_tutorial(self, tutorial_id: str) -> None:
        title, steps = next((ti, s) for t, ti, s in self.tutorials if t == tutorial_id)
        self.prepare_choice.setText(_("Tutoriel choisi : {title}").format(title=title))
        self.prepare_choice.show()
        self._prepared = (tutorial_id, 0, self._prepared[2])
        self._fill_steps(
            self.prepare_steps_grid, self.prepare_step_buttons, steps, 0, self.choose_step
        )

    def choose_step(self, step: int) -> None:
        tutorial_id, _step, language = self._prepared
        self._prepared = (tutorial_id, step, language)
        for index, button in enumerate(self.prepare_step_buttons):
            button.setChecked(index == step)

    def choose_language(self, code: str) -> None:
        tutorial_id, step, _language = self._prepared
        self._prepared = (tutorial_id, step, code)
        for key, button in self.language_buttons.items():
            button.setChecked(key == code)

    def _hand_over(self) -> None:
        tutorial_id, step, language = self._prepared
        if tutorial_id is not None:
            self.prepare_requested.emit(tutorial_id, step, language)

    # -- where people get stuck --------------------------------------------------------------
    def load_stuck_points(self, days: int) -> None:
        for key, button in self.period_buttons.items():
            button.setChecked(key == days)
        self.loader.load(days)

    def _show_stuck_points(self, points: list[StuckPoint]) -> None:
        points = sort_points(points, "weight")
        table = self.stuck_table
        table.setSortingEnabled(False)
        table.setRowCount(len(points))
        for row, point in enumerate(points):
            values: list[object] = [
                point.tutorial_id,
                point.step + 1,
                point.help_calls,
                point.abandons,
                point.wrong_tries,
                f"{BAR * min(point.weight, 20)} {point.weight}",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                table.setItem(row, column, item)
        table.setSortingEnabled(True)
        table.resizeColumnsToContents()

    def focus_first(self) -> None:
        target = self.answer_button if self.answer_button.isVisible() else self.leave_button
        target.setFocus()

    def show_export_outcome(self, sentence: str) -> None:
        """What became of "Exporter les comptes rendus" (written, or why not)."""
        self.export_outcome.setText(sentence)
        self.export_outcome.show()

    def dismiss(self) -> None:
        self.leave_requested.emit()
