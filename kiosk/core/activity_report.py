"""The summary of a visit helped by a mediator, in the fields of the "compte rendu d'activité".

Conseillers numériques and other mediators report each accompaniment in a "compte rendu
d'activité" (CRA) on the Coop de la médiation numérique (coop-numerique.anct.gouv.fr, the
successor of conseiller-numerique.gouv.fr). Its fields and their values are public: the
Coop's source code, inclusion-numerique/coop-mediation-numerique on GitHub,
``apps/web/src/cra/cra.ts`` (read at commit 99042ec) and ``CraIndividuelValidation.ts`` /
``CraDemarcheAdministrativeValidation.ts``: date, durée (minutes), type d'accompagnement,
thématiques (médiation numérique, and démarches administratives for an "aide aux démarches"),
niveau d'autonomie (three levels), and whether the démarche could be finished. The values here
carry the Coop's own keys (``ArgentImpots``…) so that a mediator copies them without guessing.

Nothing personal is in a report: no name, age or address of the person, nothing typed; only
the day, the duration, themes, the tutorials' ids, the autonomy level, finished or not, and the
language of the visit. The CSV is UTF-8 with a byte order mark and ``;`` between fields, which
is what a spreadsheet set to French (LibreOffice, Excel) opens without an import dialog.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.core.spreadsheet_csv import csv_bytes

CRA_SOURCE = (
    "https://github.com/inclusion-numerique/coop-mediation-numerique/blob/main/"
    "apps/web/src/cra/cra.ts"
)

# "Thématiques démarches administratives", keys and labels as in the Coop.
DEMARCHE_THEMES: dict[str, str] = {
    "PapiersElectionsCitoyennete": "Papiers - Élections Citoyenneté",
    "FamilleScolarite": "Famille - Scolarité",
    "SocialSante": "Social - Santé",
    "TravailFormation": "Travail - Formation",
    "Logement": "Logement",
    "TransportsMobilite": "Transports - Mobilité",
    "ArgentImpots": "Argent - Impôts",
    "Justice": "Justice",
    "EtrangersEurope": "Étrangers - Europe",
    "LoisirsSportsCulture": "Loisirs - Sports Culture",
}
# The "thématiques d'accompagnement de médiation numérique" our tutorials touch.
MEDIATION_THEMES: dict[str, str] = {
    "PrendreEnMainDuMateriel": "Prendre en main du matériel",
    "NavigationSurInternet": "Navigation sur internet",
    "Email": "E-mail",
    "Sante": "Santé",
    "InsertionProfessionnelle": "Insertion professionnelle",
    "SecuriteNumerique": "Prévention en sécurité numérique",
}
AUTONOMY_LEVELS: dict[str, str] = {
    "EntierementAccompagne": "L'usager a été entièrement accompagné",
    "PartiellementAutonome": "L'usager a participé à l'accompagnement",
    "Autonome": "L'usager a été plutôt autonome",
}
ACCOMPANIMENT_TYPES: dict[str, str] = {
    "individuel": "Accompagnement individuel",
    "demarche": "Aide aux démarches administratives",
}

# Our categories (kiosk.core.content.CATEGORIES, every one: a test checks) → (démarche
# themes, médiation themes).
# Ours, from the Coop's hints for each theme: "Carte vitale… ameli.fr" under Social - Santé,
# "Carte grise, Permis de conduire… ANTS" under Transports - Mobilité, "Reconnaître les sites
# et messages frauduleux" under Prévention en sécurité numérique.
CATEGORY_THEMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "identite": (("PapiersElectionsCitoyennete",), ()),
    "impots": (("ArgentImpots",), ()),
    "sante": (("SocialSante",), ("Sante",)),
    "emploi": (("TravailFormation",), ("InsertionProfessionnelle",)),
    "famille": (("FamilleScolarite",), ()),
    "logement": (("Logement",), ()),
    "transport": (("TransportsMobilite",), ()),
    "bases": ((), ("PrendreEnMainDuMateriel", "NavigationSurInternet")),
    "securite": ((), ("SecuriteNumerique",)),
}

CSV_HEADER = (
    "Date",
    "Type d'accompagnement",
    "Durée (minutes)",
    "Thématiques démarches administratives",
    "Thématiques médiation numérique",
    "Niveau d'autonomie",
    "Démarche finalisée",
    "Tutoriels",
    "Langue",
)


@dataclass(frozen=True)
class TutorialSeen:
    """A tutorial opened during the visit: its id, its category, done to its end or not."""

    tutorial_id: str
    category: str
    completed: bool = False


@dataclass(frozen=True)
class VisitFacts:
    """What the kiosk knows of a visit; times in seconds since the epoch."""

    visit_id: int
    started_at: float
    ended_at: float
    language: str
    tutorials: tuple[TutorialSeen, ...] = ()
    help_calls_answered: int = 0
    answers_shown: int = 0  # "Montrez-moi", or the mediator's "show the answer"


@dataclass(frozen=True)
class ActivityReport:
    """One CRA line. ``day`` is the kiosk's local date (ISO); themes and autonomy use the
    Coop's keys."""

    visit_id: int
    day: str
    minutes: int
    accompaniment: str
    demarche_themes: tuple[str, ...]
    mediation_themes: tuple[str, ...]
    autonomy: str
    finished: bool
    tutorials: tuple[str, ...]
    language: str

    def row(self) -> tuple[str, ...]:
        """The CSV row, in French labels, in the order of ``CSV_HEADER``."""
        return (
            self.day,
            ACCOMPANIMENT_TYPES[self.accompaniment],
            str(self.minutes),
            ", ".join(DEMARCHE_THEMES[key] for key in self.demarche_themes),
            ", ".join(MEDIATION_THEMES[key] for key in self.mediation_themes),
            AUTONOMY_LEVELS[self.autonomy],
            "Oui" if self.finished else "Non",
            ", ".join(self.tutorials),
            self.language,
        )


class ActivityReportSource(Protocol):
    """What the mediator's view asks (``kiosk.store.activity_report_store``)."""

    def visit_facts(self, visit_id: int, now: float) -> VisitFacts | None: ...
    def save(self, report: ActivityReport) -> None: ...
    def reports(self, since_day: str = "") -> list[ActivityReport]: ...


def suggest_autonomy(facts: VisitFacts) -> str:
    """A first guess of the autonomy level, for the mediator to confirm or change.

    Ours: the person finished alone after at most one call and saw no answer → "Autonome";
    two answers or more shown, or nothing finished after the mediator came → "Entièrement
    accompagné"; otherwise "Partiellement autonome".
    """
    finished = any(t.completed for t in facts.tutorials)
    if finished and facts.help_calls_answered <= 1 and facts.answers_shown == 0:
        return "Autonome"
    if facts.answers_shown >= 2 or not finished:
        return "EntierementAccompagne"
    return "PartiellementAutonome"


def build_report(facts: VisitFacts, autonomy: str | None = None) -> ActivityReport:
    """The CRA summary of a helped visit. ``autonomy``: a key of ``AUTONOMY_LEVELS``, or None
    for ``suggest_autonomy``. Raises ValueError for an unknown autonomy key."""
    autonomy = autonomy or suggest_autonomy(facts)
    if autonomy not in AUTONOMY_LEVELS:
        raise ValueError(f"unknown autonomy level {autonomy!r}")
    demarche: list[str] = []
    mediation: list[str] = []
    for seen in facts.tutorials:
        themes = CATEGORY_THEMES.get(seen.category, ((), ()))
        demarche += [key for key in themes[0] if key not in demarche]
        mediation += [key for key in themes[1] if key not in mediation]
    seconds = max(0.0, facts.ended_at - facts.started_at)
    return ActivityReport(
        visit_id=facts.visit_id,
        day=datetime.fromtimestamp(facts.started_at).date().isoformat(),  # the kiosk's day
        minutes=max(1, math.ceil(seconds / 60)),
        accompaniment="demarche" if demarche else "individuel",
        demarche_themes=tuple(demarche),
        mediation_themes=tuple(mediation),
        autonomy=autonomy,
        finished=any(t.completed for t in facts.tutorials),
        tutorials=tuple(dict.fromkeys(t.tutorial_id for t in facts.tutorials)),
        language=facts.language,
    )


def reports_csv(reports: Iterable[ActivityReport]) -> bytes:
    """Every report as one CSV file: UTF-8 with BOM, ``;`` separators, CRLF line ends
    (``kiosk.core.spreadsheet_csv``). A report is one accompaniment, with no count in it:
    statistical secrecy (``kiosk.core.statistics``) hides small counts, not these lines, which
    are the mediator's own record for the Coop."""
    return csv_bytes(CSV_HEADER, (report.row() for report in reports))


def total_minutes(reports: Sequence[ActivityReport]) -> int:
    """The time spent helping, in minutes, for a heading above the list."""
    return sum(report.minutes for report in reports)
