"""The admin's statistics: a period, charts a non-specialist reads at a glance, tables beside
them, and exports to a USB stick.

Visits (per day over 7 days, per week over 30 days, per month over 12 months), tutorials
started and finished, the steps of one tutorial as a funnel, help calls, the kinds of wrong
answers in exercises, the languages. The query runs off the UI thread (``BackgroundTask``);
this page only shows what it returns and forwards nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.activity_report import ActivityReportSource
from kiosk.core.i18n import _, current_language, ngettext
from kiosk.core.statistics import (
    ERROR_KINDS,
    PERIODS,
    Figure,
    Period,
    Statistics,
    language_name,
    period_ending,
)
from kiosk.core.statistics_export import export_folder_name, statistics_files
from kiosk.ui.admin.every_row import show_every_row
from kiosk.ui.admin.export_folder import ActivityReportsExport, FolderExport
from kiosk.ui.background_task import BackgroundTask
from kiosk.ui.bar_chart import BarChart
from kiosk.ui.button_row import ButtonRow
from kiosk.ui.layout_hint import Container
from kiosk.ui.touch_scroll import TouchScrollArea
from kiosk.ui.widgets import BigButton, TextLabel

if TYPE_CHECKING:
    from kiosk.store.settings_store import SettingsStore

TOP_ROWS = 10  # tutorials and error kinds charted; the tables hold them all


class StatisticsSource(Protocol):
    """What the page asks (``kiosk.store.statistics_query.StatisticsQuery``); slow over
    months, so called on a worker thread."""

    def statistics(self, period: Period) -> Statistics: ...
    def all_figures(self) -> list[Figure]: ...


def _day(iso: str) -> str:
    """An ISO date as the admin reads it: 15/01/2027."""
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


SIDE_BY_SIDE_WIDTH = 1100  # px: narrower, the table goes under its chart


class ChartWithTable(QWidget):
    """A title, a chart and its table: side by side on a wide screen, the table under the
    chart on a narrow one or when it has more than two columns (1024 px at the kiosk's text
    size leaves each too little room)."""

    def __init__(self, funnel: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 16, 0, 0)
        self.title = TextLabel("title")
        layout.addWidget(self.title)
        self.header = QHBoxLayout()
        layout.addLayout(self.header)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row = row
        self.chart = BarChart(funnel)
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        # The first column (names) takes the room left and elides; numbers fit their column.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        row.addWidget(self.chart, 3)
        row.addWidget(self.table, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Side by side when there is room: a wide screen and a table of two columns."""
        wide = self.width() >= SIDE_BY_SIDE_WIDTH and self.table.columnCount() <= 2
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)

    def fill(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        bars: Sequence[tuple[str, int]],
        texts: Sequence[str] = (),
    ) -> None:
        self.chart.set_bars(bars, texts)
        table = self.table
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setRowCount(len(rows))
        self._arrange()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                table.setItem(r, c, item)
        # As tall as all its rows: the page scrolls, not a table inside it.
        show_every_row(table)

    def cell(self, row: int, column: int) -> object:
        item = self.table.item(row, column)
        return None if item is None else item.data(Qt.ItemDataRole.DisplayRole)


class StatisticsPage(QWidget):
    """Signals: loaded(object) (the ``Statistics`` shown), message(str) (a sentence shown on
    the page too: an export written, or why not).

    ``tutorials``: (id, title, number of steps) of every installed tutorial. ``today``: the
    kiosk's date (tests give their own). ``reports``: the activity reports to export.
    ``settings``: for the kiosk's name in the network export; without it, that button is
    hidden.
    """

    loaded = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        source: StatisticsSource,
        tutorials: Sequence[tuple[str, str, int]],
        reports: ActivityReportSource,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
        settings: SettingsStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statistics_page")
        self.setProperty("scrolls_itself", True)  # self.scroll: the admin screen adds none
        self.source = source
        self.settings = settings
        self.tutorials = list(tutorials)
        self.titles = {t: title for t, title, _steps in self.tutorials}
        self.today = today
        self.period_choice = "7_days"
        self.stats: Statistics | None = None
        self._task: BackgroundTask | None = None
        self._asked = 0  # the newest load asked; an older one that ends later is ignored
        self.csv_export = FolderExport(self)
        self.reports_export = ActivityReportsExport(reports, self, today)
        for export in (self.csv_export, self.reports_export):
            export.done.connect(self._say)
            export.failed.connect(self._say)

        content = Container()
        layout = QVBoxLayout(content)
        self.title = TextLabel("title")
        layout.addWidget(self.title)
        periods = QHBoxLayout()
        self.period_buttons: dict[str, BigButton] = {}
        for choice in PERIODS:
            button = BigButton()
            button.setCheckable(True)
            button.setObjectName(f"period-{choice}")
            button.clicked.connect(lambda _c=False, p=choice: self.load(p))
            periods.addWidget(button)
            self.period_buttons[choice] = button
        periods.addStretch(1)
        layout.addLayout(periods)
        self.summary = TextLabel()
        self.summary.setObjectName("statistics_summary")
        layout.addWidget(self.summary)
        self.export_button = BigButton("export")
        self.export_button.setObjectName("statistics-export-csv")
        self.export_button.clicked.connect(self.export_csv)
        self.export_button.setEnabled(False)  # until there are statistics to export
        self.reports_button = BigButton("export")
        self.reports_button.setObjectName("statistics-export-reports")
        self.reports_button.clicked.connect(self.reports_export.export)
        self.totals_button = BigButton("export")
        self.totals_button.setObjectName("statistics-export-totals")
        self.totals_button.clicked.connect(self.export_totals)
        self.totals_button.setVisible(settings is not None)
        # Two lines when the three do not fit side by side (1024 px).
        exports = ButtonRow(
            [self.export_button, self.totals_button], [self.reports_button], margins=(0, 8, 0, 8)
        )
        exports.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(exports)
        self.notice = TextLabel("notice")
        self.notice.setObjectName("statistics_notice")
        self.notice.hide()
        layout.addWidget(self.notice)
        self.visits = ChartWithTable()
        self.tutorials_view = ChartWithTable()
        self.funnel = ChartWithTable(funnel=True)
        self.tutorial_chooser = QComboBox()
        self.tutorial_chooser.setObjectName("funnel_tutorial")
        self.tutorial_chooser.setMinimumHeight(64)
        for tutorial_id, title, _steps in self.tutorials:
            self.tutorial_chooser.addItem(title, tutorial_id)
        self.tutorial_chooser.currentIndexChanged.connect(self._show_funnel)
        self.funnel.header.addWidget(self.tutorial_chooser, 1)
        self.help_calls = ChartWithTable()
        self.errors = ChartWithTable()
        self.languages = ChartWithTable()
        self.sections = (
            self.visits,
            self.tutorials_view,
            self.funnel,
            self.help_calls,
            self.errors,
            self.languages,
        )
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = TouchScrollArea(content)
        outer.addWidget(self.scroll)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Statistiques"))
        names = {"7_days": _("7 jours"), "30_days": _("30 jours"), "12_months": _("12 mois")}
        for choice, button in self.period_buttons.items():
            button.set_text(names[choice])
        self.export_button.set_text(_("Exporter (CSV)"))
        self.reports_button.set_text(_("Exporter les comptes rendus"))
        self.totals_button.set_text(_("Exporter pour le réseau"))
        self.totals_button.setAccessibleDescription(
            _("Les totaux par jour de cette borne, sans les petits nombres, pour les réunir.")
        )
        self.tutorials_view.title.setText(_("Tutoriels commencés"))
        self.funnel.title.setText(_("Jusqu'où vont les personnes"))
        self.help_calls.title.setText(_("Appels à une personne"))
        self.errors.title.setText(_("Erreurs dans les exercices"))
        self.languages.title.setText(_("Langues"))
        for section in self.sections:
            section.chart.empty_text = _("Rien pendant cette période.")
        if self.stats is not None:
            self.show_statistics(self.stats)

    # -- loading -----------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        """The first time the page is shown, it loads the default period by itself."""
        super().showEvent(event)
        if self.stats is None and self._task is None:
            self.load()

    def load(self, choice: str | None = None) -> None:
        """Ask for the statistics of a period (one of ``PERIODS``; the current one if None)
        on a worker thread; ``loaded`` is emitted once they are shown."""
        self.period_choice = choice or self.period_choice
        for key, button in self.period_buttons.items():
            button.setChecked(key == self.period_choice)
        period = period_ending(self.period_choice, self.today())
        self._asked += 1
        asked = self._asked
        self.summary.setText(_("Calcul en cours…"))
        task = BackgroundTask(lambda _progress: self.source.statistics(period), self)
        task.succeeded.connect(lambda stats: self._on_loaded(asked, stats))
        task.failed.connect(lambda _reason: self._on_failed(asked))
        self._task = task
        task.start()

    def _on_loaded(self, asked: int, stats: Statistics) -> None:
        if asked != self._asked:
            return
        self.show_statistics(stats)
        self.loaded.emit(stats)

    def _on_failed(self, asked: int) -> None:
        if asked == self._asked:
            self.summary.setText(
                _("Les statistiques n'ont pas pu être calculées. Réessayez dans un moment.")
            )

    # -- showing -----------------------------------------------------------------------------
    def show_statistics(self, stats: Statistics) -> None:
        """Fill every chart and table from ``stats``."""
        self.stats = stats
        self.export_button.setEnabled(True)
        period = stats.period
        self.summary.setText(
            ngettext(
                "{n} visite du {first} au {last}.",
                "{n} visites du {first} au {last}.",
                stats.visits,
            ).format(n=stats.visits, first=_day(period.first), last=_day(period.last))
        )
        self._show_visits(stats)
        uses = stats.tutorials
        self.tutorials_view.fill(
            [_("Tutoriel"), _("Ouvert"), _("Commencé"), _("Terminé")],
            [(self._title(u.tutorial_id), u.opened, u.started, u.finished) for u in uses],
            [(self._title(u.tutorial_id), u.started) for u in uses[:TOP_ROWS]],
            [
                _("{started} (terminé : {finished})").format(started=u.started, finished=u.finished)
                for u in uses[:TOP_ROWS]
            ],
        )
        self._show_funnel()
        call_names = {
            "answered": _("Pris en charge"),
            "cancelled": _("Annulés par la personne"),
            "unanswered": _("Sans réponse"),
        }
        calls = [(call_names[key], n) for key, n in stats.help_calls.items()]
        self.help_calls.title.setText(
            ngettext(
                "{n} appel à une personne", "{n} appels à une personne", stats.help_calls_asked
            ).format(n=stats.help_calls_asked)
        )
        self.help_calls.fill([_("Appels"), _("Nombre")], calls, calls)
        errors = [(_(ERROR_KINDS[k]) if k in ERROR_KINDS else k, n) for k, n in stats.error_kinds]
        self.errors.fill([_("Erreur"), _("Nombre")], errors, errors[:TOP_ROWS])
        languages = [(language_name(code, current_language()), n) for code, n in stats.languages]
        self.languages.fill([_("Langue"), _("Visites")], languages, languages)

    def _title(self, tutorial_id: str) -> str:
        return self.titles.get(tutorial_id, tutorial_id)

    def _show_visits(self, stats: Statistics) -> None:
        if self.period_choice == "12_months":
            title = _("Visites par mois")
            rows = [
                (date.fromisoformat(m + "-01").strftime("%m/%Y"), n)
                for m, n in stats.visits_by_month
            ]
        elif self.period_choice == "30_days":
            title = _("Visites par semaine")
            rows = [(_("semaine du {day}").format(day=_day(w)), n) for w, n in stats.visits_by_week]
        else:
            title = _("Visites par jour")
            rows = [(_day(d), n) for d, n in stats.visits_by_day]
        self.visits.title.setText(title)
        self.visits.fill([_("Quand"), _("Visites")], rows, rows)

    @Slot()
    def _show_funnel(self) -> None:
        if self.stats is None:
            return
        index = self.tutorial_chooser.currentIndex()
        if index < 0:
            self.funnel.fill([_("Étape"), _("Visites")], [], [])
            return
        tutorial_id, _title, steps = self.tutorials[index]
        counts = self.stats.funnel(tutorial_id, steps)
        names = [
            _("Présentation"),
            *(_("Étape {n}").format(n=n + 1) for n in range(steps)),
            _("Terminé"),
        ]
        rows = list(zip(names, counts, strict=True))
        first = max(counts[:2]) or 1
        texts = [f"{n} ({round(100 * n / first)} %)" for n in counts]
        self.funnel.fill([_("Étape"), _("Visites")], rows, rows, texts)

    def choose_tutorial(self, tutorial_id: str) -> None:
        """Show the funnel of ``tutorial_id`` (as the chooser does)."""
        index = self.tutorial_chooser.findData(tutorial_id)
        if index >= 0:
            self.tutorial_chooser.setCurrentIndex(index)

    # -- exports -----------------------------------------------------------------------------
    def export_csv(self) -> bool:
        """Ask for a folder and write the CSV files of the statistics shown; False if there
        is nothing shown yet or the admin cancelled."""
        stats = self.stats
        if stats is None:
            return False
        titles = dict(self.titles)
        return self.csv_export.run(
            _("Où enregistrer les statistiques ?"),
            lambda: statistics_files(stats, titles),
            export_folder_name(stats),
        )

    def export_totals(self) -> bool:
        """Ask for a folder and write this kiosk's anonymous daily totals there, as
        ``kiosk stats export`` does (docs/statistics.md); False if the admin cancelled."""
        from kiosk.store.statistics_file import export_bytes, export_file_name, kiosk_name

        if self.settings is None:
            return False
        name = kiosk_name(self.settings, by="admin")  # on the UI thread: it may be set now
        file_name = export_file_name(name, self.today().isoformat())
        source = self.source
        return self.csv_export.run(
            _("Où enregistrer les totaux de la borne ?"),
            lambda: {file_name: export_bytes(name, source.all_figures())},
        )

    @Slot(str)
    def _say(self, sentence: str) -> None:
        self.notice.setText(sentence)
        self.notice.show()
        self.message.emit(sentence)
