"""Exports: CSV files a French spreadsheet opens (BOM, ``;``) with small counts hidden, and the
anonymous SQLite file that ``kiosk stats merge`` gathers from many kiosks, idempotently."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.core.statistics import Figure, exported_count, period_ending
from kiosk.core.statistics_export import statistics_files
from kiosk.store.settings_store import SettingsStore
from kiosk.store.statistics_query import StatisticsQuery
from tests.statistics_visits import CARTE_GRISE, IMPOTS, TODAY, make_visits


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM
    assert b"\r\n" in data
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))


@pytest.fixture
def visits(db):
    make_visits(db)
    return db


def test_the_csv_files_open_with_their_columns_and_hide_small_counts(visits):
    stats = StatisticsQuery(visits).statistics(period_ending("7_days", TODAY))
    files = statistics_files(stats, {IMPOTS: "Impôts : première connexion"})
    assert set(files) == {
        "visites-par-jour.csv",
        "visites-par-semaine.csv",
        "tutoriels.csv",
        "etapes.csv",
        "appels-a-l-aide.csv",
        "erreurs-d-exercice.csv",
        "langues.csv",
    }
    days = read_csv(files["visites-par-jour.csv"])
    assert days[0] == ["Jour", "Visites"] and len(days) == 8
    assert days[-1] == [TODAY.isoformat(), "< 11"]  # 3 visits: hidden
    assert ["2027-01-10", "0"] in days  # nobody: zero names nobody
    tutorials = read_csv(files["tutoriels.csv"])
    assert tutorials[0] == ["Tutoriel", "Titre", "Ouvert", "Commencé", "Terminé"]
    assert tutorials[1] == [IMPOTS, "Impôts : première connexion", "< 11", "< 11", "< 11"]
    assert tutorials[2] == [CARTE_GRISE, "", "< 11", "< 11", "0"]
    steps = read_csv(files["etapes.csv"])
    assert steps[0] == ["Tutoriel", "Titre", "Étape", "Visites"]
    assert [IMPOTS, "Impôts : première connexion", "1", "< 11"] in steps
    assert read_csv(files["langues.csv"])[1] == ["fr", "français", "< 11"]
    assert read_csv(files["erreurs-d-exercice.csv"])[1] == ["too_short", "Trop court", "< 11"]
    calls = read_csv(files["appels-a-l-aide.csv"])
    assert calls == [
        ["Appels", "Nombre"],
        ["Pris en charge", "< 11"],
        ["Annulés par la personne", "< 11"],
        ["Sans réponse", "0"],
    ]
    counts = {"Visites", "Ouvert", "Commencé", "Terminé", "Nombre"}
    for data in files.values():  # no count from 1 to 10 anywhere
        header, *rows = read_csv(data)
        columns = [i for i, name in enumerate(header) if name in counts]
        assert columns
        for row in rows:
            assert all(row[i] == "< 11" or int(row[i]) == 0 or int(row[i]) >= 11 for i in columns)


def test_large_counts_are_shown(db):
    from kiosk.store.activity_store import ActivityStore
    from tests.conftest import FakeClock
    from tests.statistics_visits import NOW

    activity = ActivityStore(db, FakeClock(NOW))
    for _ in range(12):
        activity.end_session(activity.start_session("pt"), "finished")
    stats = StatisticsQuery(db).statistics(period_ending("7_days", TODAY))
    files = statistics_files(stats)
    assert read_csv(files["visites-par-jour.csv"])[-1] == [TODAY.isoformat(), "12"]
    assert read_csv(files["langues.csv"])[1] == ["pt", "portugais", "12"]


def test_a_cell_that_looks_like_a_formula_stays_text():
    from kiosk.core.spreadsheet_csv import csv_bytes

    rows = read_csv(csv_bytes(["a", "b"], [["=1+1", 3], ["-x", "@y"]]))
    assert rows[1:] == [["'=1+1", "3"], ["'-x", "'@y"]]


def test_the_activity_reports_follow_the_same_rules():
    from kiosk.core.activity_report import CSV_HEADER, ActivityReport, reports_csv

    report = ActivityReport(
        1, "2027-01-15", 12, "demarche", ("ArgentImpots",), (), "Autonome", True, (IMPOTS,), "fr"
    )
    rows = read_csv(reports_csv([report]))
    assert rows[0] == list(CSV_HEADER)
    assert rows[1][:3] == ["2027-01-15", "Aide aux démarches administratives", "12"]


def export(db_path, path, name):
    from kiosk.store.database import open_database

    db = open_database(db_path)
    SettingsStore(db).set("kiosk_name", name)
    db.close()
    assert main(["stats", "export", str(path), "--db", str(db_path)]) == 0


def merged_totals(path) -> tuple[list, list]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT kiosk, day, measure, subject, detail, count FROM daily_totals "
            "ORDER BY 1, 2, 3, 4, 5"
        ).fetchall()
        by_day = connection.execute("SELECT * FROM visits_by_day ORDER BY day").fetchall()
    finally:
        connection.close()
    return rows, by_day


def test_two_kiosks_merged_twice_give_the_same_totals(tmp_path, capsys):
    from kiosk.store.activity_store import ActivityStore
    from kiosk.store.database import open_database
    from tests.conftest import FakeClock
    from tests.statistics_visits import NOW

    first, second = tmp_path / "a.db", tmp_path / "b.db"
    db = open_database(first)
    make_visits(db)
    db.close()
    db = open_database(second)
    activity = ActivityStore(db, FakeClock(NOW))
    for _ in range(15):  # a busy day: shown
        activity.end_session(activity.start_session("fr"), "finished")
    db.close()
    export(first, tmp_path / "rezé.sqlite", "Rezé")
    export(second, tmp_path / "nantes.sqlite", "Nantes")
    into = tmp_path / "réunies.sqlite"
    files = [str(tmp_path / "rezé.sqlite"), str(tmp_path / "nantes.sqlite")]

    assert main(["stats", "merge", *files, "--into", str(into)]) == 0
    once = merged_totals(into)
    assert main(["stats", "merge", *files, "--into", str(into)]) == 0
    assert merged_totals(into) == once  # a second import changes nothing

    rows, by_day = once
    assert {r[0] for r in rows} == {"Rezé", "Nantes"}
    assert ("Nantes", TODAY.isoformat(), "visits", "", "", 15) in rows
    assert ("Rezé", TODAY.isoformat(), "visits", "", "", None) in rows  # 3: hidden
    assert all(r[5] is None or r[5] >= 11 for r in rows)
    # Today: Nantes' 15 are summed, Rezé's hidden cell is counted, not guessed.
    assert (TODAY.isoformat(), 15, 1, 2) in by_day
    assert "réunies.sqlite" in capsys.readouterr().err


def test_a_newer_export_of_a_kiosk_replaces_its_days_and_an_older_one_does_not(tmp_path):
    from kiosk.store.activity_store import ActivityStore
    from kiosk.store.database import open_database
    from tests.conftest import FakeClock
    from tests.statistics_visits import NOW

    path = tmp_path / "kiosk.db"
    db = open_database(path)
    activity = ActivityStore(db, FakeClock(NOW))
    for _ in range(11):
        activity.end_session(activity.start_session("fr"), "finished")
    db.close()
    export(path, tmp_path / "monday.sqlite", "Rezé")
    db = open_database(path)
    activity = ActivityStore(db, FakeClock(NOW))
    for _ in range(9):
        activity.end_session(activity.start_session("fr"), "finished")
    db.close()
    export(path, tmp_path / "tuesday.sqlite", "Rezé")
    # Times to the second: make the second file surely newer.
    connection = sqlite3.connect(tmp_path / "tuesday.sqlite")
    connection.execute("UPDATE kiosk_days SET exported_at = '2999-01-01T00:00:00+00:00'")
    connection.commit()
    connection.close()
    into = tmp_path / "all.sqlite"
    visits = ("Rezé", TODAY.isoformat(), "visits", "", "")
    for order in (["monday", "tuesday"], ["tuesday", "monday"]):
        into.unlink(missing_ok=True)
        for name in order:
            assert (
                main(["stats", "merge", str(tmp_path / f"{name}.sqlite"), "--into", str(into)]) == 0
            )
        assert (*visits, 20) in merged_totals(into)[0], order


def test_a_file_that_is_not_an_export_is_refused_with_a_sentence(tmp_path, capsys):
    wrong = tmp_path / "notes.txt"
    wrong.write_text("bonjour")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    into = tmp_path / "all.sqlite"
    code = main(
        [
            "stats",
            "merge",
            str(wrong),
            str(other),
            str(tmp_path / "missing.sqlite"),
            "--into",
            str(into),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "n'est pas un fichier de statistiques" in err and "n'existe pas" in err
    assert "Traceback" not in err


def test_the_export_names_the_kiosk_once_and_keeps_the_name(tmp_path, db_path, capsys):
    from kiosk.store.audit_store import AuditStore
    from kiosk.store.database import open_database

    assert main(["stats", "export", str(tmp_path / "a.sqlite"), "--db", str(db_path)]) == 0
    assert main(["stats", "export", str(tmp_path / "b.sqlite"), "--db", str(db_path)]) == 0
    db = open_database(db_path)
    name = SettingsStore(db).get("kiosk_name")
    assert name.startswith("borne-")
    assert [e["detail"] for e in AuditStore(db).entries()] == [f"kiosk_name = {name}"]
    db.close()
    assert f"« {name} »" in capsys.readouterr().err


figure_lists = st.lists(
    st.builds(
        Figure,
        day=st.sampled_from(["2027-01-13", "2027-01-14", "2027-01-15"]),
        measure=st.sampled_from(["visits", "language", "help_call"]),
        subject=st.sampled_from(["", "fr", "ar"]),
        detail=st.sampled_from(["", "answered"]),
        count=st.integers(min_value=1, max_value=40),
    ),
    max_size=12,
    unique_by=lambda f: f[:4],
)


@settings(max_examples=15, deadline=None)
@given(first=figure_lists, second=figure_lists, order=st.permutations([0, 0, 1, 1]))
def test_merging_in_any_order_any_number_of_times_gives_one_result(first, second, order):
    import tempfile
    from pathlib import Path

    from kiosk.store.statistics_file import merge_into, write_export

    with tempfile.TemporaryDirectory() as folder:
        files = [Path(folder) / "a.sqlite", Path(folder) / "b.sqlite"]
        write_export(files[0], "A", first)
        write_export(files[1], "B", second)
        merge_into(Path(folder) / "once.sqlite", files[0])
        merge_into(Path(folder) / "once.sqlite", files[1])
        for index in order:
            merge_into(Path(folder) / "many.sqlite", files[index])
        once, many = (merged_totals(Path(folder) / n)[0] for n in ("once.sqlite", "many.sqlite"))
    assert once == many
    assert (
        sorted(
            (k, *f[:4], exported_count(f.count))
            for k, fs in (("A", first), ("B", second))
            for f in fs
        )
        == once
    )


def test_merging_into_a_file_that_is_not_a_statistics_file_is_refused(tmp_path, db_path, capsys):
    from kiosk.store.database import open_database

    open_database(db_path).close()  # the kiosk's own database, given by mistake
    export_path = tmp_path / "a.sqlite"
    assert main(["stats", "export", str(export_path), "--db", str(db_path)]) == 0
    before = db_path.read_bytes()
    assert main(["stats", "merge", str(export_path), "--into", str(db_path)]) == 1
    assert "n'est pas un fichier de statistiques" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_an_export_to_a_folder_that_does_not_exist_gets_a_sentence(tmp_path, db_path, capsys):
    code = main(
        ["stats", "export", str(tmp_path / "no" / "such" / "a.sqlite"), "--db", str(db_path)]
    )
    err = capsys.readouterr().err
    assert code == 1 and "n'a pas pu être écrit" in err and "Traceback" not in err
