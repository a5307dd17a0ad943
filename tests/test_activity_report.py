"""The CRA summary of a helped visit, from a real visit in SQLite, and its CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from kiosk.core.activity_report import (
    AUTONOMY_LEVELS,
    CATEGORY_THEMES,
    CSV_HEADER,
    DEMARCHE_THEMES,
    MEDIATION_THEMES,
    ActivityReport,
    TutorialSeen,
    VisitFacts,
    build_report,
    reports_csv,
    suggest_autonomy,
)
from kiosk.core.content import CATEGORIES
from kiosk.core.help_call import HelpCalls
from kiosk.store.activity_report_store import ActivityReportStore
from kiosk.store.activity_store import ActivityStore
from kiosk.store.help_call_store import HelpCallStore
from tests.conftest import written_id

T0 = 1_800_000_000.0  # 2027-01-15 08:00:00 UTC, the same day in France and anywhere in Europe


def test_every_category_has_themes_of_the_coop():
    assert set(CATEGORY_THEMES) == set(CATEGORIES)
    for demarche, mediation in CATEGORY_THEMES.values():
        assert demarche or mediation
        assert set(demarche) <= set(DEMARCHE_THEMES) and set(mediation) <= set(MEDIATION_THEMES)


def test_a_helped_visit_in_the_database_gives_the_right_theme_and_duration(db, content):
    activity = ActivityStore(db)
    visit = written_id(db, activity.start_session("ar"))
    activity.record(visit, "tutorial_opened", "impots-premiere-connexion")
    activity.record(visit, "step_viewed", "impots-premiere-connexion", 2)
    activity.record_attempt(visit, "impots-premiere-connexion", 2, "numero", "shown", True)
    activity.record(visit, "tutorial_completed", "impots-premiere-connexion")
    activity.record(visit, "tutorial_opened", "ameli-attestation")
    calls = HelpCalls(HelpCallStore(db))
    calls.ask(visit, "impots-premiere-connexion", 2, "ar")
    calls.answer(visit)
    db.flush()
    # The visit began 25 min 10 s before "now": 26 minutes started.
    (started,) = db.execute("SELECT started_at FROM sessions WHERE id = ?", [visit]).fetchone()
    store = ActivityReportStore(db)
    now = datetime.fromisoformat(started).timestamp() + 25 * 60 + 10
    facts = store.visit_facts(visit, now)
    assert facts.tutorials == (
        TutorialSeen("impots-premiere-connexion", "impots", True),
        TutorialSeen("ameli-attestation", "sante", False),
    )
    assert (facts.help_calls_answered, facts.answers_shown) == (1, 1)
    report = build_report(facts)
    assert report.minutes == 26
    assert report.day == datetime.fromisoformat(started).astimezone().date().isoformat()
    assert report.accompaniment == "demarche"
    assert report.demarche_themes == ("ArgentImpots", "SocialSante")
    assert report.mediation_themes == ("Sante",)
    assert report.finished and report.autonomy == "PartiellementAutonome"
    store.save(report)
    store.save(build_report(facts, autonomy="EntierementAccompagne"))  # the mediator corrects
    (kept,) = store.reports()
    assert (
        kept.autonomy == "EntierementAccompagne" and kept.demarche_themes == report.demarche_themes
    )
    assert store.visit_facts(visit + 1000, now) is None


def facts(**changes) -> VisitFacts:
    values = dict(visit_id=1, started_at=T0, ended_at=T0 + 600, language="fr")
    values.update(changes)
    return VisitFacts(**values)


@pytest.mark.parametrize(
    ("tutorials", "answered", "shown", "expected"),
    [
        ((TutorialSeen("carte-grise", "transport", True),), 1, 0, "Autonome"),
        ((TutorialSeen("carte-grise", "transport", True),), 1, 1, "PartiellementAutonome"),
        ((TutorialSeen("carte-grise", "transport", True),), 2, 0, "PartiellementAutonome"),
        ((TutorialSeen("carte-grise", "transport", True),), 1, 2, "EntierementAccompagne"),
        ((TutorialSeen("carte-grise", "transport", False),), 1, 0, "EntierementAccompagne"),
        ((), 1, 0, "EntierementAccompagne"),
    ],
)
def test_the_suggested_autonomy(tutorials, answered, shown, expected):
    visit = facts(tutorials=tutorials, help_calls_answered=answered, answers_shown=shown)
    assert suggest_autonomy(visit) == expected
    assert expected in AUTONOMY_LEVELS


def test_a_visit_on_the_basics_is_an_individual_accompaniment_of_at_least_a_minute():
    report = build_report(
        facts(ended_at=T0 + 5, tutorials=(TutorialSeen("bases-clavier", "bases", False),))
    )
    assert report.accompaniment == "individuel" and report.demarche_themes == ()
    assert report.mediation_themes == ("PrendreEnMainDuMateriel", "NavigationSurInternet")
    assert report.minutes == 1 and not report.finished
    with pytest.raises(ValueError, match="autonomy"):
        build_report(facts(), autonomy="Tres autonome")


def test_the_csv_opens_in_a_french_spreadsheet():
    reports = [
        build_report(
            facts(
                ended_at=T0 + 3600,
                tutorials=(
                    TutorialSeen("carte-grise", "transport", True),
                    TutorialSeen("securite-faux-sites", "securite", False),
                    TutorialSeen("carte-grise", "transport", True),
                ),
            ),
            autonomy="Autonome",
        ),
        ActivityReport(
            2, "2027-01-16", 12, "individuel", (), (), "Autonome", False, ("=1+1",), "uk"
        ),
    ]
    data = reports_csv(reports)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(CSV_HEADER)
    assert rows[1] == [
        "2027-01-15",
        "Aide aux démarches administratives",
        "60",
        "Transports - Mobilité",
        "Prévention en sécurité numérique",
        "L'usager a été plutôt autonome",
        "Oui",
        "carte-grise, securite-faux-sites",
        "fr",
    ]
    assert rows[2][7] == "'=1+1"  # never run as a formula
    assert len(rows) == 3


def test_a_report_has_no_room_for_personal_data(db):
    columns = {row["name"] for row in db.query("PRAGMA table_info(activity_reports)")}
    assert columns == {
        "id",
        "session_id",
        "day",
        "minutes",
        "accompaniment",
        "demarche_themes",
        "mediation_themes",
        "tutorials",
        "autonomy",
        "finished",
        "language",
    }
