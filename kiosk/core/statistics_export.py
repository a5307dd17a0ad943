"""The statistics of a period as CSV files for a spreadsheet, small counts hidden.

One file per table, in French (the admin's reports go to French authorities and elected
people), written by ``kiosk.core.spreadsheet_csv`` (UTF-8 with BOM, ``;``). Every count from 1
to 10 is written "< 11" (``kiosk.core.statistics.SMALL_COUNT_LIMIT``, and its source); no
file has a total row, which would let a hidden cell be worked out.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.core.spreadsheet_csv import csv_bytes
from kiosk.core.statistics import ERROR_KINDS, Statistics, language_name, shown_count

HELP_CALL_NAMES = {
    "answered": "Pris en charge",
    "cancelled": "Annulés par la personne",
    "unanswered": "Sans réponse",
}


def statistics_files(
    stats: Statistics, titles: Mapping[str, str] | None = None
) -> dict[str, bytes]:
    """File name → CSV bytes, one per table of ``stats``. ``titles``: tutorial id → title
    (French), written beside each id when known."""
    titles = titles or {}
    visits_by_day = [(day, shown_count(n)) for day, n in stats.visits_by_day]
    visits_by_week = [(week, shown_count(n)) for week, n in stats.visits_by_week]
    tutorials = [
        (
            use.tutorial_id,
            titles.get(use.tutorial_id, ""),
            shown_count(use.opened),
            shown_count(use.started),
            shown_count(use.finished),
        )
        for use in stats.tutorials
    ]
    steps = [
        (tutorial_id, titles.get(tutorial_id, ""), step + 1, shown_count(count))
        for tutorial_id, reached in sorted(stats.steps.items())
        for step, count in reached.items()
    ]
    calls = [(HELP_CALL_NAMES[key], shown_count(n)) for key, n in stats.help_calls.items()]
    errors = [(kind, ERROR_KINDS.get(kind, kind), shown_count(n)) for kind, n in stats.error_kinds]
    languages = [(code, language_name(code), shown_count(n)) for code, n in stats.languages]
    return {
        "visites-par-jour.csv": csv_bytes(("Jour", "Visites"), visits_by_day),
        "visites-par-semaine.csv": csv_bytes(("Semaine du lundi", "Visites"), visits_by_week),
        "tutoriels.csv": csv_bytes(
            ("Tutoriel", "Titre", "Ouvert", "Commencé", "Terminé"), tutorials
        ),
        "etapes.csv": csv_bytes(("Tutoriel", "Titre", "Étape", "Visites"), steps),
        "appels-a-l-aide.csv": csv_bytes(("Appels", "Nombre"), calls),
        "erreurs-d-exercice.csv": csv_bytes(("Type", "Erreur", "Nombre"), errors),
        "langues.csv": csv_bytes(("Code", "Langue", "Visites"), languages),
    }


def export_folder_name(stats: Statistics) -> str:
    """The folder the files go in, named after the period: "statistiques-2026-11-23-2026-11-29"."""
    return f"statistiques-{stats.period.first}-{stats.period.last}"
