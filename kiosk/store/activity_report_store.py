"""The activity reports (CRA) of helped visits, and the facts of a visit they are built from."""

from __future__ import annotations

import json
from datetime import datetime

from kiosk.core.activity_report import ActivityReport, TutorialSeen, VisitFacts
from kiosk.store.database import Database


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


class ActivityReportStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def visit_facts(self, visit_id: int, now: float) -> VisitFacts | None:
        """What the database knows of a visit (its end is ``now`` while it goes on); None for
        an unknown visit. Waits for the events still being written."""
        self.db.flush()
        session = self.db.execute(
            "SELECT started_at, ended_at, language FROM sessions WHERE id = ?", [visit_id]
        ).fetchone()
        if session is None:
            return None
        started, ended, language = session
        rows = self.db.execute(
            "SELECT e.tutorial_id, coalesce(t.category, ''), "
            "max(e.kind = 'tutorial_completed') FROM events e "
            "LEFT JOIN tutorials t ON t.id = e.tutorial_id "
            "WHERE e.session_id = ? AND e.tutorial_id IS NOT NULL "
            "GROUP BY e.tutorial_id ORDER BY min(e.id)",
            [visit_id],
        ).fetchall()
        (answered,) = self.db.execute(
            "SELECT count(*) FROM help_calls WHERE session_id = ? AND answered_at IS NOT NULL",
            [visit_id],
        ).fetchone()
        (shown,) = self.db.execute(
            "SELECT count(*) FROM practice_attempts WHERE session_id = ? AND outcome = 'shown'",
            [visit_id],
        ).fetchone()
        return VisitFacts(
            visit_id=visit_id,
            started_at=_seconds(started),
            ended_at=_seconds(ended) if ended else now,
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
        self.db.execute(
            f"INSERT INTO activity_reports ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT(session_id) DO UPDATE SET {updates}",
            list(columns.values()),
        )

    def reports(self, since_day: str = "") -> list[ActivityReport]:
        """The saved reports from ``since_day`` (an ISO date; all when empty), oldest first."""
        rows = self.db.query(
            "SELECT * FROM activity_reports WHERE day >= ? ORDER BY day, id", [since_day]
        )
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
