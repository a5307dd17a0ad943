"""``kiosk desk``: the mediator's desk window, the same app in desk mode (issue #18).

Reads the room's settings from the database (``--db``, as the kiosk), where ``--broker``,
``--port`` and ``--room`` may override them for this run; opens ``DeskWindow`` and connects
in the background. A desk without a broker, or a display that does not answer, gets one
sentence and exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.app.display import display_problem
from kiosk.core.room_config import RoomConfig
from kiosk.store.content_store import ContentStore
from kiosk.store.database import DatabaseError, default_database_path, open_database
from kiosk.store.settings_store import SettingsStore

NO_BROKER = (
    "Le bureau a besoin du serveur de la salle : donnez son adresse avec --broker, "
    "ou le réglage « Adresse du serveur de la salle » (docs/room.md)."
)


class QuietSpeech:
    """The desk is not read aloud: the sheet printer's sentences are shown, not spoken."""

    def speak(self, sentences: list[str], language: str | None = None) -> None:
        return None


def desk_config(settings: SettingsStore, args: argparse.Namespace) -> RoomConfig:
    """The room's settings, with this run's overrides."""
    overrides = {
        "room_broker_host": getattr(args, "broker", None),
        "room_broker_port": getattr(args, "port", None),
        "room_name": getattr(args, "room", None),
    }

    def get(key: str):
        value = overrides.get(key)
        return settings.get(key) if value is None else value

    return RoomConfig.from_settings(get)


def run_desk(args: argparse.Namespace) -> int:
    """Run the desk window until it is closed; the process's exit code."""
    problem = display_problem(os.environ)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    path = Path(getattr(args, "pack_db", None) or args.db or default_database_path())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = open_database(path)
    except (DatabaseError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    settings = SettingsStore(db)
    config = desk_config(settings, args)
    if not config.enabled:
        print(NO_BROKER, file=sys.stderr)
        db.close()
        return 1
    from kiosk.builtin_content import ensure_builtin_content

    content = ContentStore(db)
    ensure_builtin_content(content)
    from kiosk.room.desk_link import DeskLink
    from kiosk.ui.application import create_application
    from kiosk.ui.desk.desk_window import DeskWindow
    from kiosk.ui.printing.print_job import queue_folder
    from kiosk.ui.printing.sheet_printer import SheetPrinter

    app = create_application()
    link = DeskLink(config)
    window = DeskWindow(link, content)
    printer = SheetPrinter(
        content, settings, QuietSpeech(), queue_folder(db.path), window.centralWidget()
    )  # type: ignore[arg-type]
    window.print_sheet = printer.print_tutorial
    window.resize(1280, 800)
    window.show()
    link.start()
    code = app.exec()
    link.stop()
    db.close()
    return code
