"""Statistics worth reading: a scripted set of visits in a real SQLite file, counted over
7 days, 30 days and 12 months, the same before and after retention folds them."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from kiosk.core.statistics import (
    Figure,
    Period,
    exported_count,
    period_ending,
    shown_count,
    summarize,
    week_of,
)
from kiosk.store.retention import fold_old_details
from kiosk.store.statistics_query import StatisticsQuery
from tests.statistics_visits import CARTE_GRISE, IMPOTS, TODAY, make_visits


@pytest.fixture
def visits(db):
    make_visits(db)
    return db


def yesterday() -> str:
    return (TODAY - timedelta(days=1)).isoformat()


def check_last_seven_days(stats) -> None:
    assert stats.visits == 5
    by_day = dict(stats.visits_by_day)
    assert len(by_day) == 7 and by_day[TODAY.isoformat()] == 3 and by_day[yesterday()] == 2
    assert sum(by_day.values()) == 5
    assert stats.languages == [("fr", 3), ("ar", 1), ("uk", 1)]
    impots, carte = stats.tutorial(IMPOTS), stats.tutorial(CARTE_GRISE)
    assert (impots.opened, impots.started, impots.finished) == (3, 3, 2)
    assert (carte.opened, carte.started, carte.finished) == (1, 1, 0)
    assert [t.tutorial_id for t in stats.tutorials] == [IMPOTS, CARTE_GRISE]
    # The ar visit saw step 0 twice: one visit. Opened, steps 1 to 4, finished.
    assert stats.funnel(IMPOTS, 4) == [3, 3, 3, 2, 1, 2]
    assert stats.help_calls == {"answered": 1, "cancelled": 1, "unanswered": 0}
    assert stats.error_kinds == [("too_short", 2), ("wrong_choice", 1)]  # not "ok", "shown"


def test_the_last_seven_days(visits):
    stats = StatisticsQuery(visits).statistics(period_ending("7_days", TODAY))
    check_last_seven_days(stats)


@pytest.mark.parametrize("choice", ["7_days", "30_days", "12_months"])
def test_the_screen_sums_a_period_as_the_daily_figures_do(visits, choice):
    """The screen counts tutorials over the period at once; exports and folds day by day."""
    query, period = StatisticsQuery(visits), period_ending(choice, TODAY)
    assert query.statistics(period) == summarize(query.figures(period), period)


def test_thirty_days_and_twelve_months_reach_further_back(visits):
    query = StatisticsQuery(visits)
    month = query.statistics(period_ending("30_days", TODAY))
    assert month.visits == 6 and ("es", 1) in month.languages
    assert month.tutorial(IMPOTS).started == 4 and month.tutorial(IMPOTS).opened == 3
    assert month.help_calls["unanswered"] == 1
    assert sum(n for _week, n in month.visits_by_week) == 6
    year = query.statistics(period_ending("12_months", TODAY))
    assert year.visits == 7  # not the visit of 400 days ago
    assert year.tutorial(IMPOTS).started == 5 and year.funnel(IMPOTS, 1)[:2] == [4, 5]
    assert len(year.visits_by_month) == 13  # a year from tomorrow's date: 13 calendar months
    assert all(week == week_of(week) for week, _n in year.visits_by_week)


def test_folded_days_read_the_same(visits, db_path):
    """Retention folds every detail into daily totals: the numbers do not move."""
    query = StatisticsQuery(visits)
    periods = [period_ending(p, TODAY) for p in ("7_days", "30_days", "12_months")]
    before = [query.statistics(p) for p in periods]
    everything_before = query.all_figures()
    connection = sqlite3.connect(db_path, isolation_level=None)
    from datetime import UTC, datetime

    report = fold_old_details(connection, datetime(2100, 1, 1, tzinfo=UTC))
    connection.close()
    assert report.sessions == 8
    assert visits.execute("SELECT count(*) FROM events").fetchone() == (0,)
    assert visits.execute("SELECT count(*) FROM help_calls").fetchone() == (0,)
    assert [query.statistics(p) for p in periods] == before
    assert query.all_figures() == everything_before
    check_last_seven_days(query.statistics(periods[0]))


def test_an_empty_kiosk_has_zeros_everywhere(db):
    stats = StatisticsQuery(db).statistics(period_ending("7_days", TODAY))
    assert stats.visits == 0 and len(stats.visits_by_day) == 7 and stats.tutorials == []
    assert stats.funnel(IMPOTS, 3) == [0, 0, 0, 0, 0]


def test_the_query_runs_on_a_worker_thread(visits):
    from concurrent.futures import ThreadPoolExecutor

    query = StatisticsQuery(visits)
    with ThreadPoolExecutor(1) as worker:
        stats = worker.submit(query.statistics, period_ending("7_days", TODAY)).result(30)
    check_last_seven_days(stats)


def test_periods_end_today():
    assert period_ending("7_days", TODAY) == Period("2027-01-09", "2027-01-15")
    assert period_ending("30_days", TODAY).first == "2026-12-17"
    assert period_ending("12_months", TODAY).first == "2026-01-16"
    from datetime import date

    assert period_ending("12_months", date(2028, 2, 29)).first == "2027-03-01"
    with pytest.raises(ValueError, match="period"):
        period_ending("week", TODAY)


def test_figures_outside_the_period_or_unknown_are_ignored():
    period = Period("2027-01-01", "2027-01-02")
    stats = summarize(
        [
            Figure("2026-12-31", "visits", count=5),
            Figure("2027-01-01", "visits", count=2),
            Figure("2027-01-02", "visits", count=1),
            Figure("2027-01-02", "weather", count=9),
            Figure("2027-01-02", "step_reached", IMPOTS, "x", 9),
        ],
        period,
    )
    assert stats.visits_by_day == [("2027-01-01", 2), ("2027-01-02", 1)]
    assert stats.steps == {}


@pytest.mark.parametrize(
    ("count", "shown", "kept"),
    [(0, "0", 0), (1, "< 11", None), (10, "< 11", None), (11, "11", 11), (250, "250", 250)],
)
def test_counts_from_one_to_ten_are_hidden(count, shown, kept):
    assert shown_count(count) == shown
    assert exported_count(count) == kept
