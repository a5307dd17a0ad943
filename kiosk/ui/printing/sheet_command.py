"""``kiosk sheet TUTORIAL --lang ar -o fiche.pdf``: the sheet to take home, without a window.

Qt draws the PDF; it needs a QGuiApplication for its fonts but no screen, so the command
uses the offscreen platform unless one is chosen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def run_sheet_command(
    tutorial_id: str, language: str, output: Path | None, db: Path, place: str | None = None
) -> int:
    """Write the sheet of ``tutorial_id`` in ``language`` to ``output``; exit code 0 or 1.

    The tutorial comes from the kiosk's database (the built-in pack is installed first if
    needed); the place is ``place``, or else the kiosk's ``place_name`` setting. Every
    failure is one sentence.
    """
    from kiosk.builtin_content import ensure_builtin_content
    from kiosk.core.take_home_sheet import build_sheet
    from kiosk.store.content_store import ContentStore
    from kiosk.store.database import DatabaseError, open_database
    from kiosk.store.settings_store import SettingsStore

    try:
        database = open_database(db)
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        content = ContentStore(database)
        ensure_builtin_content(content)
        tutorial = content.tutorial(tutorial_id)
        if tutorial is None:
            known = ", ".join(sorted(t.id for t in content.tutorials()))
            print(
                f"Le tutoriel « {tutorial_id} » n'existe pas. Tutoriels installés : {known}.",
                file=sys.stderr,
            )
            return 1
        if place is None:
            place = SettingsStore(database).get("place_name")
        sheet = build_sheet(tutorial, language, place)
    finally:
        database.close()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.printing.sheet_drawing import sheet_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    path = output or Path(f"{tutorial_id}-{language}.pdf")
    try:
        path.write_bytes(sheet_pdf(sheet))
    except OSError as error:
        print(f"Impossible d'écrire {path} : {error.strerror}.", file=sys.stderr)
        return 1
    print(f"Fiche écrite : {path}", file=sys.stderr)
    return 0
