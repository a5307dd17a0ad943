"""The activity reports (CRA) of helped visits, and the facts of a visit they are built from.

``kiosk.core.activity_report.ActivityReportSource`` over the database; every call uses a
connection of the calling thread's own, so the UI may run them on a worker.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kiosk.core.activity_report import ActivityReport, TutorialSeen, VisitFacts
from kiosk.store.database import Database
from kiosk.store.thread_connection import own_connection


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


class ActivityReportStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def visit_facts(self, visit_ids: int | Sequence[Any], now: float) -> VisitFacts | None:
        """What the database knows of a visit (its end is ``now`` while it goes on); None for
        an unknown visit. Waits for the events still being written.

        ``visit_ids``: the id of each recorded session of the visit, first one first (a visit
        that finished a tutorial and went on has several); the report is the first one's.
        """
        ids = list(visit_ids) if isinstance(visit_ids, list | tuple) else [visit_ids]
        if not ids:
            return None
        self.db.flush()
        with own_connection(self.db) as connection:
            return self._visit_facts(connection, ids, now)

    @staticmethod
    def _visit_facts(
        connection: sqlite3.Connection, ids: list[Any], now: float
    ) -> VisitFacts | None:
        marks = ", ".join("?" * len(ids))
        sessions = connection.execute(
            f"SELECT started_at, ended_at, language FROM sessions WHERE id IN ({marks}) "
            "ORDER BY id",
            ids,
        ).fetchall()
        if not sessions:
            return None
        started, _ended, language = sessions[0]
        last_ended = sessions[-1][1]
        rows = connection.execute(
            "SELECT e.tutorial_id, coalesce(t.category, ''), "
            "max(e.kind = 'tutorial_completed') FROM events e "
            "LEFT JOIN tutorials t ON t.id = e.tutorial_id "
            f"WHERE e.session_id IN ({marks}) AND e.tutorial_id IS NOT NULL "
            "GROUP BY e.tutorial_id ORDER BY min(e.id)",
            ids,
        ).fetchall()
        (answered,) = connection.execute(
            f"SELECT count(*) FROM help_calls WHERE session_id IN ({marks}) "
            "AND answered_at IS NOT NULL",
            ids,
        ).fetchone()
        (shown,) = connection.execute(
            f"SELECT count(*) FROM practice_attempts WHERE session_id IN ({marks}) "
            "AND outcome = 'shown'",
            ids,
        ).fetchone()
        return VisitFacts(
            visit_id=int(getattr(ids[0], "value", ids[0])),  # a RowId, written by now
            started_at=_seconds(started),
            ended_at=_seconds(last_ended) if last_ended else now,
            language=language,
            tutorials=tuple(TutorialSeen(t, c, bool(done)) for t, c, done in rows),
            help_calls_answered=answered,
            answers_shown=shown,
        )

    def save(self, report: ActivityReport) -> None:
        """Keep the report (a visit has one: saving again replaces it, e.g. a new autonomy)."""
        columns = {
            "session_id": report.visit_id,
            "day": report.day,
            "minutes": report.minutes,
            "accompaniment": report.accompaniment,
            "demarche_themes": json.dumps(list(report.demarche_themes)),
            "mediation_themes": json.dumps(list(report.mediation_themes)),
            "tutorials": json.dumps(list(report.tutorials)),
            "autonomy": report.autonomy,
            "finished": int(report.finished),
            "language": report.language,
        }
        updates = ", ".join(f"{name} = excluded.{name}" for name in columns)
        with own_connection(self.db) as connection:
            connection.execute(
                f"INSERT INTO activity_reports ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))}) "
                f"ON CONFLICT(session_id) DO UPDATE SET {updates}",
                list(columns.values()),
            )

    def reports(self, since_day: str = "") -> list[ActivityReport]:
        """The saved reports from ``since_day`` (an ISO date; all when empty), oldest first."""
        with own_connection(self.db) as connection:
            cursor = connection.execute(
                "SELECT * FROM activity_reports WHERE day >= ? ORDER BY day, id", [since_day]
            )
            names = [column[0] for column in cursor.description]
            rows = [dict(zip(names, values, strict=True)) for values in cursor]
        return [
            ActivityReport(
                visit_id=row["session_id"],
                day=row["day"],
                minutes=row["minutes"],
                accompaniment=row["accompaniment"],
                demarche_themes=tuple(json.loads(row["demarche_themes"])),
                mediation_themes=tuple(json.loads(row["mediation_themes"])),
                autonomy=row["autonomy"],
                finished=bool(row["finished"]),
                tutorials=tuple(json.loads(row["tutorials"])),
                language=row["language"],
            )
            for row in rows
        ]
