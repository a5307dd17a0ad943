"""The admin's statistics page and audit view, built on real stores over a real SQLite file:
the charts say what a scripted set of visits did; exports land in the chosen folder."""

from __future__ import annotations

import csv
import io

import pytest
from PySide6.QtCore import Qt

from kiosk.store.activity_report_store import ActivityReportStore
from kiosk.store.audit_store import AuditStore
from kiosk.store.settings_store import SettingsStore
from kiosk.store.statistics_query import StatisticsQuery
from kiosk.ui.admin.audit_page import AuditPage
from kiosk.ui.admin.statistics_page import StatisticsPage
from tests.conftest import press
from tests.statistics_visits import CARTE_GRISE, IMPOTS, TODAY, make_visits

TUTORIALS = [(IMPOTS, "Impôts : première connexion", 4), (CARTE_GRISE, "Carte grise", 2)]


@pytest.fixture
def page(qtbot, db):
    make_visits(db)
    widget = StatisticsPage(
        StatisticsQuery(db), TUTORIALS, ActivityReportStore(db), today=lambda: TODAY
    )
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def load(qtbot, page, button: str):
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        press(qtbot, page.period_buttons[button])
    return loaded.args[0]


def test_the_charts_say_what_the_visits_did(qtbot, page):
    load(qtbot, page, "7_days")
    assert page.summary.text() == "5 visites du 09/01/2027 au 15/01/2027."
    assert page.visits.title.text() == "Visites par jour"
    visits = page.visits.chart.bars
    assert len(visits) == 7 and visits[-1][:2] == ("15/01/2027", 3) and visits[-2][1] == 2
    assert [b[:2] for b in page.tutorials_view.chart.bars] == [
        ("Impôts : première connexion", 3),
        ("Carte grise", 1),
    ]
    assert page.tutorials_view.chart.bars[0][2] == "3 (terminé : 2)"
    assert page.tutorials_view.cell(0, 3) == 2  # the table: finished
    # The funnel of the first tutorial: opened, its 4 steps, finished.
    assert [b[1] for b in page.funnel.chart.bars] == [3, 3, 3, 2, 1, 2]
    assert page.funnel.chart.bars[0][0] == "Présentation"
    assert page.funnel.chart.bars[3][2] == "2 (67 %)"
    page.choose_tutorial(CARTE_GRISE)
    assert [b[1] for b in page.funnel.chart.bars] == [1, 1, 0, 0]
    assert page.help_calls.title.text() == "2 appels à une personne"
    assert [b[:2] for b in page.help_calls.chart.bars] == [
        ("Pris en charge", 1),
        ("Annulés par la personne", 1),
        ("Sans réponse", 0),
    ]
    assert [b[:2] for b in page.errors.chart.bars] == [("Trop court", 2), ("Mauvais choix", 1)]
    assert [b[:2] for b in page.languages.chart.bars] == [
        ("français", 3),
        ("arabe", 1),
        ("ukrainien", 1),
    ]
    assert "français : 3" in page.languages.chart.accessibleDescription()


def test_other_periods_chart_weeks_and_months(qtbot, page):
    month = load(qtbot, page, "30_days")
    assert month.visits == 6 and page.visits.title.text() == "Visites par semaine"
    assert sum(b[1] for b in page.visits.chart.bars) == 6
    assert page.visits.chart.bars[-1][0] == "semaine du 11/01/2027"
    load(qtbot, page, "12_months")
    assert page.summary.text().startswith("7 visites")
    assert page.visits.title.text() == "Visites par mois"
    assert len(page.visits.chart.bars) == 13 and page.visits.chart.bars[-1][:2] == ("01/2027", 5)


def test_one_visit_is_said_in_the_singular(qtbot, db):
    from kiosk.store.activity_store import ActivityStore
    from tests.conftest import FakeClock
    from tests.statistics_visits import NOW

    activity = ActivityStore(db, FakeClock(NOW))
    activity.end_session(activity.start_session("fr"), "finished")
    widget = StatisticsPage(StatisticsQuery(db), [], ActivityReportStore(db), lambda: TODAY)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.load("7_days")
    assert widget.summary.text() == "1 visite du 09/01/2027 au 15/01/2027."
    assert widget.help_calls.title.text() == "0 appel à une personne"
    assert widget.errors.chart.bars == []  # drawn as "Rien pendant cette période."
    widget.grab()  # paints without a fault, empty charts too


def test_the_csv_export_writes_to_the_chosen_folder(qtbot, page, tmp_path):
    load(qtbot, page, "7_days")
    page.csv_export.chooser = lambda parent, title, start: str(tmp_path)
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        press(qtbot, page.export_button)
    folder = tmp_path / "statistiques-2027-01-09-2027-01-15"
    assert said.args[0] == f"7 fichiers écrits dans {folder}."
    assert page.notice.text() == said.args[0] and page.notice.isVisible()
    data = (folder / "tutoriels.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == [IMPOTS, "Impôts : première connexion", "< 11", "< 11", "< 11"]
    assert not list(folder.glob("*.partial"))


def test_a_cancelled_chooser_writes_nothing(qtbot, page, tmp_path):
    load(qtbot, page, "7_days")
    assert page.export_button.isEnabled()
    page.csv_export.chooser = lambda parent, title, start: ""
    assert page.export_csv() is False
    assert not page.notice.isVisible()


def test_a_folder_that_cannot_be_written_gets_a_sentence(qtbot, page, tmp_path):
    load(qtbot, page, "7_days")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    page.csv_export.chooser = lambda parent, title, start: str(blocked)
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        page.export_csv()
    assert said.args[0].startswith("Les fichiers n'ont pas pu être écrits")


def test_the_activity_reports_are_exported_as_csv(qtbot, page, db, tmp_path):
    from kiosk.core.activity_report import CSV_HEADER, ActivityReport

    ActivityReportStore(db).save(
        ActivityReport(
            1,
            "2027-01-15",
            12,
            "demarche",
            ("ArgentImpots",),
            (),
            "Autonome",
            True,
            (IMPOTS,),
            "fr",
        )
    )
    page.reports_export.chooser = lambda parent, title, start: str(tmp_path)
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        press(qtbot, page.reports_button)
    assert said.args[0] == f"1 fichier écrit dans {tmp_path}."
    data = (tmp_path / "comptes-rendus-2027-01-15.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert data.startswith(b"\xef\xbb\xbf") and rows[0] == list(CSV_HEADER)
    assert rows[1][2] == "12" and rows[1][6] == "Oui"


def test_the_page_speaks_english_when_asked(qtbot, page):
    from kiosk.core import i18n

    load(qtbot, page, "7_days")
    i18n.install("en")
    page.retranslate_ui()
    assert page.export_button.text() == "Export (CSV)"
    assert page.summary.text().startswith("5 visits")
    assert ("French", 3) in [b[:2] for b in page.languages.chart.bars]


def test_the_audit_page_shows_who_changed_what(qtbot, db):
    from kiosk.core.pins import PinBook
    from kiosk.store.pin_store import PinStore

    SettingsStore(db).set("idle_seconds", 240, by="admin")
    PinBook(PinStore(db)).set_pin("mediator", "482915", by="command_line")
    page = AuditPage(AuditStore(db))
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() == 2
    latest, first = page.row(0), page.row(1)
    assert first[1:] == [
        "Administrateur",
        "Réglage changé",
        "Temps sans geste avant l'avertissement (secondes) : 240",
    ]
    assert latest[1:] == ["Ligne de commande", "Code donné", "Médiateur"]
    assert len(first[0]) == len("29/11/2026 19:35")
    SettingsStore(db).set("kiosk_name", "Rezé 1", by="admin")
    with qtbot.waitSignal(page.refreshed) as refreshed:
        press(qtbot, page.refresh_button)
    assert refreshed.args == [3]
    assert page.row(0)[3] == "Nom de cette borne : Rezé 1"


def test_the_folder_chooser_starts_on_removable_media_or_home(tmp_path):
    import getpass

    from kiosk.core.removable_media import removable_media_folder

    media, run_media, home = tmp_path / "media", tmp_path / "run-media", tmp_path / "home"
    assert removable_media_folder((media, run_media), home) == home  # nothing there
    (run_media / getpass.getuser()).mkdir(parents=True)  # udisks2's folder, no stick yet
    assert removable_media_folder((media, run_media), home) == run_media / getpass.getuser()


def test_a_late_answer_for_an_older_period_is_not_shown(qtbot, page):
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        page.load("12_months")
        older = page._task
        page.load("7_days")
    assert loaded.args[0].visits == 5
    assert older.wait(10)  # the year's numbers came too, later or not: they are dropped
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()  # its queued answer, if any, arrives now
    assert page.summary.text().startswith("5 visites") and page.stats.visits == 5


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_the_bars_are_drawn_to_scale_and_mirrored_in_arabic(qtbot, direction):
    from PySide6.QtGui import QColor

    from kiosk.ui.bar_chart import BarChart
    from kiosk.ui.theme import palette

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.setLayoutDirection(direction)
    chart.set_bars([("Impôts", 20), ("Carte grise", 10), ("Rien", 0)])
    chart.resize(800, chart.sizeHint().height())
    assert chart.sizeHint().height() == 3 * chart.row_height() + 8
    image = chart.grab().toImage()
    row = chart.row_height()
    primary = QColor(palette().primary).rgb()

    def bar_length(index: int) -> int:
        y = index * row + row // 2
        return sum(image.pixel(x, y) == primary for x in range(image.width()))

    full, half, none = bar_length(0), bar_length(1), bar_length(2)
    assert full > 100 and abs(half - full / 2) <= 2 and none == 0
    left_half = sum(image.pixel(x, row // 2) == primary for x in range(image.width() // 2))
    mirrored = direction == Qt.LayoutDirection.RightToLeft
    assert (left_half > full / 2) == mirrored  # bars start from the names' side


def test_the_totals_for_the_network_go_on_the_stick_and_merge(qtbot, db, tmp_path):
    import sqlite3

    from kiosk.store.statistics_file import merge_into

    make_visits(db)
    settings = SettingsStore(db)
    page = StatisticsPage(
        StatisticsQuery(db), TUTORIALS, ActivityReportStore(db), lambda: TODAY, settings=settings
    )
    qtbot.addWidget(page)
    page.show()
    assert page.totals_button.isVisible()
    page.csv_export.chooser = lambda parent, title, start: str(tmp_path)
    with qtbot.waitSignal(page.message, timeout=10_000):
        press(qtbot, page.totals_button)
    name = settings.get("kiosk_name")
    assert name.startswith("borne-")
    assert AuditStore(db).entries()[0]["role"] == "admin"
    (exported,) = tmp_path.glob("borne-*-2027-01-15.sqlite")
    merge_into(tmp_path / "all.sqlite", exported)
    connection = sqlite3.connect(tmp_path / "all.sqlite")
    rows = connection.execute("SELECT kiosk, count FROM daily_totals").fetchall()
    connection.close()
    assert rows and {kiosk for kiosk, _count in rows} == {name}
    assert {count for _kiosk, count in rows} == {None}  # a small kiosk: every count hidden
