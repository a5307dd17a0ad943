"""Statistics worth reading: what the kiosk's anonymous daily figures say over a period.

A *figure* is one count of one day: visits, visits per language, tutorials opened, started
and finished, each step reached, help calls and practice errors. The store
(``kiosk.store.statistics_query``) makes them from the detailed tables and from the daily
totals that old details were folded into; this module sums them over a period for the admin's
charts and tables, and turns them into exports. Plain data, no Qt.

Days are UTC days, as every time in the database.

Statistical secrecy: an export never shows a count from 1 to 10 (``SMALL_COUNT_LIMIT``). The
threshold is the small-numbers rule of results drawn from France's national health data system
(SNDS): no published cell may count fewer than 11 persons (the SNDS documentation of the Health
Data Hub, documentation-snds.health-data-hub.fr, "petits effectifs"); issue #13 asks for it. A
kiosk's visitors of a day are few and often known to the staff: one Ukrainian-speaking visit on
a Tuesday names a person. Zero is shown (it names nobody). Only the cells themselves are hidden
(primary suppression, no complementary cells): exports carry no totals of hidden cells, but a
hidden day may still be narrowed down from a week's total (docs/statistics.md says so).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from kiosk.core.i18n import N_

SMALL_COUNT_LIMIT = 11
"""Counts below this (1 to 10) are never exported; see the module docstring for the rule."""
HIDDEN = "< 11"

MEASURES = (
    "visits",  # sessions started that day
    "language",  # subject: the language the visit started in
    "tutorial_opened",  # subject: tutorial id; visits that opened its overview
    "tutorial_started",  # visits that saw at least one of its steps
    "tutorial_finished",  # visits that reached its end ("Bravo !")
    "step_reached",  # detail: the step (from 0); visits that saw it
    "help_call",  # detail: answered, cancelled or unanswered
    "practice_error",  # detail: the kind of wrong answer ("too_short"…)
)
HELP_CALL_OUTCOMES = ("answered", "cancelled", "unanswered")

PERIODS = ("7_days", "30_days", "12_months")
"""The periods the admin chooses from, ending today."""


class Figure(NamedTuple):
    """One count of one day (``day``: ISO date, UTC); ``subject`` and ``detail`` per measure."""

    day: str
    measure: str
    subject: str = ""
    detail: str = ""
    count: int = 0


class Period(NamedTuple):
    """Days from ``first`` to ``last``, both included (ISO dates)."""

    first: str
    last: str

    @property
    def days(self) -> list[str]:
        start, end = date.fromisoformat(self.first), date.fromisoformat(self.last)
        return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]

    @property
    def end(self) -> str:
        """The day after the last one: the period is ``first <= time < end``."""
        return (date.fromisoformat(self.last) + timedelta(days=1)).isoformat()


def period_ending(choice: str, today: date) -> Period:
    """The period ``choice`` (one of ``PERIODS``) that ends with ``today``.

    "7_days" and "30_days" count ``today`` as their last day; "12_months" starts the day after
    the same date a year before. Raises ValueError for another choice.
    """
    if choice == "7_days":
        return Period((today - timedelta(days=6)).isoformat(), today.isoformat())
    if choice == "30_days":
        return Period((today - timedelta(days=29)).isoformat(), today.isoformat())
    if choice == "12_months":
        try:
            year_before = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_before = today.replace(year=today.year - 1, day=28)
        return Period((year_before + timedelta(days=1)).isoformat(), today.isoformat())
    raise ValueError(f"unknown period {choice!r}; known: {', '.join(PERIODS)}")


def week_of(day: str) -> str:
    """The Monday (ISO date) of the ISO 8601 week holding ``day``."""
    moment = date.fromisoformat(day)
    return (moment - timedelta(days=moment.weekday())).isoformat()


@dataclass(frozen=True)
class TutorialUse:
    """How many visits opened, started (saw a step of) and finished one tutorial."""

    tutorial_id: str
    opened: int = 0
    started: int = 0
    finished: int = 0


@dataclass
class Statistics:
    """The figures of a period, summed for charts and tables. Lists are in reading order."""

    period: Period
    visits_by_day: list[tuple[str, int]] = field(default_factory=list)  # every day, zeros too
    visits_by_week: list[tuple[str, int]] = field(default_factory=list)  # Monday of each week
    visits_by_month: list[tuple[str, int]] = field(default_factory=list)  # "YYYY-MM"
    tutorials: list[TutorialUse] = field(default_factory=list)  # most started first
    steps: dict[str, dict[int, int]] = field(default_factory=dict)  # tutorial → step → visits
    help_calls: dict[str, int] = field(default_factory=dict)  # each of HELP_CALL_OUTCOMES
    error_kinds: list[tuple[str, int]] = field(default_factory=list)  # most frequent first
    languages: list[tuple[str, int]] = field(default_factory=list)  # most used first

    @property
    def visits(self) -> int:
        return sum(count for _day, count in self.visits_by_day)

    @property
    def help_calls_asked(self) -> int:
        return sum(self.help_calls.values())

    def tutorial(self, tutorial_id: str) -> TutorialUse:
        return next(
            (t for t in self.tutorials if t.tutorial_id == tutorial_id), TutorialUse(tutorial_id)
        )

    def funnel(self, tutorial_id: str, step_count: int) -> list[int]:
        """Visits at each stage of one tutorial: opened, each of its ``step_count`` steps, then
        finished; ``step_count + 2`` numbers."""
        use = self.tutorial(tutorial_id)
        reached = self.steps.get(tutorial_id, {})
        return [use.opened, *(reached.get(step, 0) for step in range(step_count)), use.finished]


def _ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def summarize(figures: Iterable[Figure], period: Period) -> Statistics:
    """Sum ``figures`` (any order, the same key may come twice: detailed and folded) over
    ``period``; figures outside it are ignored. Unknown measures are ignored too (a file
    merged from a newer kiosk)."""
    by_day: dict[str, int] = dict.fromkeys(period.days, 0)
    languages: dict[str, int] = defaultdict(int)
    uses: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    steps: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    calls: dict[str, int] = dict.fromkeys(HELP_CALL_OUTCOMES, 0)
    errors: dict[str, int] = defaultdict(int)
    for figure in figures:
        if figure.day not in by_day:
            continue
        measure, count = figure.measure, figure.count
        if measure == "visits":
            by_day[figure.day] += count
        elif measure == "language":
            languages[figure.subject] += count
        elif measure in ("tutorial_opened", "tutorial_started", "tutorial_finished"):
            uses[figure.subject][measure.removeprefix("tutorial_")] += count
        elif measure == "step_reached" and figure.detail.isdigit():
            steps[figure.subject][int(figure.detail)] += count
        elif measure == "help_call" and figure.detail in calls:
            calls[figure.detail] += count
        elif measure == "practice_error":
            errors[figure.detail] += count
    weeks: dict[str, int] = {}
    months: dict[str, int] = {}
    for day, count in by_day.items():
        weeks[week_of(day)] = weeks.get(week_of(day), 0) + count
        months[day[:7]] = months.get(day[:7], 0) + count
    tutorials = [TutorialUse(t, u["opened"], u["started"], u["finished"]) for t, u in uses.items()]
    tutorials.sort(key=lambda t: (-t.started, -t.opened, t.tutorial_id))
    return Statistics(
        period=period,
        visits_by_day=list(by_day.items()),
        visits_by_week=list(weeks.items()),
        visits_by_month=list(months.items()),
        tutorials=tutorials,
        steps={t: dict(sorted(s.items())) for t, s in steps.items()},
        help_calls=calls,
        error_kinds=_ranked(errors),
        languages=_ranked(languages),
    )


def shown_count(count: int) -> str:
    """A count as an export may show it: "< 11" from 1 to 10 (statistical secrecy), else
    the number."""
    return HIDDEN if 0 < count < SMALL_COUNT_LIMIT else str(count)


def exported_count(count: int) -> int | None:
    """A count as an anonymous SQLite export keeps it: None (hidden) from 1 to 10."""
    return None if 0 < count < SMALL_COUNT_LIMIT else count


ERROR_KINDS: dict[str, str] = {
    "too_short": N_("Trop court"),
    "too_long": N_("Trop long"),
    "empty": N_("Case vide"),
    "not_digits": N_("Pas seulement des chiffres"),
    "bad_start": N_("Mauvais début"),
    "bad_format": N_("Mauvaise forme"),
    "bad_key": N_("Un chiffre ne va pas"),
    "bad_department": N_("Département de naissance"),
    "bad_month": N_("Mois de naissance"),
    "letter_for_digit": N_("Une lettre pour un chiffre"),
    "has_space": N_("Un espace en trop"),
    "edge_space": N_("Espace au début ou à la fin"),
    "not_a_date": N_("Date impossible"),
    "short_year": N_("Année sur 2 chiffres"),
    "not_french": N_("Numéro pas français"),
    "with_city": N_("Ville ajoutée au code postal"),
    "no_at": N_("E-mail sans @"),
    "two_at": N_("E-mail avec deux @"),
    "comma": N_("Virgule dans l'e-mail"),
    "bad_dots": N_("Point mal placé"),
    "weak_password": N_("Mot de passe trop faible"),
    "not_persona": N_("Pas la personne de l'exercice"),
    "wrong_choice": N_("Mauvais choix"),
}
"""What each kind of wrong answer (``practice_attempts.outcome``) means, for the admin."""


def language_name(code: str, in_language: str = "fr") -> str:
    """The name of the language ``code`` written in ``in_language`` ("uk" → "ukrainien"),
    from the Unicode CLDR data that Babel carries; the code itself if it has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(in_language).languages.get(code, code)
    except (ValueError, UnknownLocaleError):
        return code
