"""Long dates: the kiosk's written-down table says exactly what Babel says, every day."""

import datetime

import babel.dates
import pytest

from kiosk.core.dates import long_date, write_date_names
from kiosk.core.languages import LANGUAGES

DAYS = [datetime.date(2024, 1, 1) + datetime.timedelta(days=n) for n in range(366)]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_day_of_a_leap_year_is_written_as_babel_writes_it(language):
    for day in DAYS:
        assert long_date(day, language) == babel.dates.format_date(
            day, format="long", locale=language
        )


def test_the_table_is_what_the_generator_writes_today(tmp_path):
    """Fails when Babel's data or the languages change: run python -m kiosk.core.dates."""
    from kiosk.core.date_names import LONG_DATES

    written = tmp_path / "date_names.py"
    write_date_names(written)
    namespace: dict = {}
    exec(written.read_text(encoding="utf-8"), namespace)
    assert namespace["LONG_DATES"] == LONG_DATES


def test_a_date_in_french_reads_naturally():
    assert long_date(datetime.date(2026, 11, 20), "fr") == "20 novembre 2026"
    assert long_date(datetime.date(2026, 11, 1), "xx") == "1 novembre 2026"
