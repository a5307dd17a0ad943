"""Long dates ("20 novembre 2026") in the kiosk's languages, from Babel's CLDR data.

Babel's ``format_date`` loads a whole CLDR locale (about 5 MiB resident) to print one date on
the completion screen. What the kiosk's languages need of it, the long pattern and the month
names, is written down once in ``date_names.py`` by ``python -m kiosk.core.dates``;
a test compares every day of a year, in every language, with Babel itself.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from kiosk.core.date_names import LONG_DATES

FIELDS = {"d", "MMMM", "y"}  # what the long patterns of the kiosk's languages use
GENERATED = Path(__file__).with_name("date_names.py")


def long_date(date: datetime.date, language: str) -> str:
    """The date as a sentence writes it in ``language`` (French when the language is unknown)."""
    pattern, months = LONG_DATES.get(language, LONG_DATES["fr"])
    return pattern % {"d": str(date.day), "MMMM": months[date.month - 1], "y": str(date.year)}


def write_date_names(path: Path = GENERATED) -> None:
    """Write ``date_names.py`` from Babel; refuses a pattern with fields we do not fill."""
    import re

    import babel.dates

    from kiosk.core.languages import LANGUAGES

    table = {}
    for code in LANGUAGES:
        pattern = babel.dates.get_date_format("long", locale=code).format
        fields = set(re.findall(r"%\((\w+)\)s", pattern))
        if not fields <= FIELDS:
            raise ValueError(f"{code}: the long date uses {sorted(fields - FIELDS)}, not handled")
        names = babel.dates.get_month_names("wide", context="format", locale=code)
        table[code] = (pattern, tuple(names[month] for month in range(1, 13)))
    lines = [
        '"""Long date patterns and month names, written by ``python -m kiosk.core.dates``."""',
        "",
        "# Generated from Babel's CLDR data: do not edit, run the command again.",
        f"LONG_DATES: dict[str, tuple[str, tuple[str, ...]]] = {table!r}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    write_date_names(Path(sys.argv[1]) if len(sys.argv) > 1 else GENERATED)
