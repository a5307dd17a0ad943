"""Each tutorial's "vérifié le" date, and whether it is too old to be trusted.

A procedure online changes (a new login page, a form moved): a tutorial checked long ago may
no longer match it. The admin sees every date, and those older than the setting
``verified_max_age_days`` flagged, so that someone checks them again.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple


class TutorialCheck(NamedTuple):
    """One tutorial's check: ``checked`` is None when the date cannot be read; ``overdue``
    when it is older than the allowed age (or unreadable)."""

    tutorial_id: str
    pack_id: str
    title: str
    checked: datetime.date | None
    overdue: bool


def is_overdue(checked: datetime.date | None, today: datetime.date, max_age_days: int) -> bool:
    """True when ``checked`` is more than ``max_age_days`` days before ``today``, or unknown."""
    return checked is None or (today - checked).days > max_age_days


def tutorial_checks(
    rows: list[tuple[str, str, dict[str, str], str]], today: datetime.date, max_age_days: int
) -> list[TutorialCheck]:
    """The checks of (tutorial id, pack id, title per language, "YYYY-MM-DD") rows, as
    ContentStore.checked_dates gives them; titles in French, every pack's language."""
    checks = []
    for tutorial_id, pack_id, title, day in rows:
        try:
            checked: datetime.date | None = datetime.date.fromisoformat(day)
        except ValueError:
            checked = None
        checks.append(
            TutorialCheck(
                tutorial_id,
                pack_id,
                title.get("fr", tutorial_id),
                checked,
                is_overdue(checked, today, max_age_days),
            )
        )
    return checks
