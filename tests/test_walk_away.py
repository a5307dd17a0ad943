"""A shared kiosk keeps no trace: what one person typed is nowhere once they walk away.

The walk-away test types a sentinel into every field the kiosk has (the search and every field
of every practice), lets the idle time end the visit, then looks for it everywhere: the SQLite
file, its WAL and shared memory, the temporary folder, the home folder, every widget, the
clipboard and the PRIMARY selection. A second test does the same in a real X server (Xvfb),
where PRIMARY exists, and reads both from outside the kiosk with xclip.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.conftest import REPO, press
from tests.test_journey import all_widget_texts

SENTINEL = "zorglubwalkaway"


def files_holding(folder: Path, needle: bytes, since: float) -> list[Path]:
    """Files under ``folder`` changed after ``since`` (epoch seconds) that contain ``needle``.

    Other programs create and remove files there meanwhile: what vanishes is skipped, and so
    are named pipes, sockets and devices (reading a pipe another program left would wait for
    a writer forever).
    """
    found = []
    for root, _folders, names in os.walk(folder, onerror=lambda _error: None):
        for name in names:
            path = Path(root) / name
            try:
                status = path.lstat()
                if not stat.S_ISREG(status.st_mode) or status.st_mtime < since:
                    continue
                if needle in path.read_bytes():
                    found.append(path)
            except OSError:
                continue
    return found


def test_the_search_for_traces_reads_files_only(tmp_path):
    """A named pipe left in /tmp by another program must not hang the search (it did once)."""
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "note.txt").write_bytes(b"... SENTINEL ...")
    assert files_holding(tmp_path, b"SENTINEL", 0) == [tmp_path / "note.txt"]


def type_everywhere(qtbot, window, sentinel: str) -> int:
    """The sentinel in the search and in every field of every practice; how many fields."""
    press(qtbot, window.welcome.start_button)
    qtbot.keyClicks(window.home.search_field, sentinel)
    typed = 1
    content = window.services.content
    for summary in content.tutorials():
        tutorial = content.tutorial(summary.id)
        for index, step in enumerate(tutorial.steps):
            if step.practice is None or step.practice.kind != "form":
                continue
            window.start_tutorial(tutorial.id, index)
            page = window.player.page
            for row in page.rows:
                qtbot.keyClicks(row.edit, sentinel)
                typed += 1
            page.submit()
            # What a person might do to carry it away: select it, copy it.
            edit = page.rows[-1].edit
            edit.selectAll()
            qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClick(edit, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    return typed


def test_ctrl_c_in_a_field_copies_nothing(qtbot, window):
    press(qtbot, window.welcome.start_button)
    field = window.home.search_field
    qtbot.keyClicks(field, "secret")
    field.selectAll()
    QApplication.clipboard().setText("before")
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "before"
    assert field.text() == "secret"  # Ctrl+X did not cut it either
    assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_the_end_of_a_visit_empties_the_clipboard(qtbot, window):
    press(qtbot, window.welcome.start_button)
    QApplication.clipboard().setText("pasted by the previous person")
    window.end_session("idle")
    assert QApplication.clipboard().text(QClipboard.Mode.Clipboard) == ""


def test_walk_away_leaves_no_trace(qtbot, window, db_path, tmp_path, monkeypatch):
    started = time.time() - 1
    typed = type_everywhere(qtbot, window, SENTINEL)
    assert typed > 10
    assert SENTINEL in all_widget_texts(window)
    window.idle._on_idle()  # nobody touches the screen: the warning, then its end
    window.idle_warning.expired.emit()
    assert window.current_screen() is window.welcome
    assert window.services.activity.sessions()[0]["end_reason"] == "idle"  # writes are done

    assert SENTINEL not in all_widget_texts(window)
    for field in window.findChildren(QLineEdit):
        assert SENTINEL not in field.text() and SENTINEL not in field.placeholderText()
    clipboard = QApplication.clipboard()
    assert SENTINEL not in clipboard.text(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        assert SENTINEL not in clipboard.text(QClipboard.Mode.Selection)
    needle = SENTINEL.encode()
    for path in db_path.parent.glob(db_path.name + "*"):  # the file, its WAL, shared memory
        assert needle not in path.read_bytes(), path.name
    assert files_holding(Path(tempfile.gettempdir()), needle, started) == []
    assert files_holding(Path.home(), needle, started) == []


WALK_AWAY_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QSocketNotifier, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from kiosk.builtin_content import ensure_builtin_content
from kiosk.speech.service import SpeechService
from kiosk.store.activity_store import ActivityStore
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from kiosk.store.settings_store import SettingsStore
from kiosk.ui.application import create_application
from kiosk.ui.main_window import MainWindow, Services

app = create_application()


def wait_for_the_test():
    # Until the test writes a line; the event loop runs, so X can ask us for PRIMARY.
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    lines = []
    notifier.activated.connect(lambda *_: lines.append(sys.stdin.readline()))
    while not lines:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


db = open_database(Path(sys.argv[1]))
content = ContentStore(db)
ensure_builtin_content(content)
window = MainWindow(Services(content, ActivityStore(db), SettingsStore(db), SpeechService()))
window.tap_guard.seconds = 0.0
window.resize(1280, 800)
window.show()
QTest.qWaitForWindowExposed(window)
window.start_session()
field = window.home.search_field
field.setFocus()
QTest.keyClicks(field, sys.argv[2])
# Select it with the mouse, as a person would, then try to copy it.
QTest.mouseDClick(field, Qt.MouseButton.LeftButton)
field.selectAll()
QTest.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
QTest.keyClick(field, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)
QTest.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
QTest.qWait(200)
print("typed", flush=True)
wait_for_the_test()  # it reads PRIMARY and the clipboard now
window.end_session("idle")
QTest.qWait(200)
print("reset", flush=True)
wait_for_the_test()
"""


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xclip")), reason="needs Xvfb and xclip"
)
def test_walk_away_in_a_real_x_server_leaves_nothing_to_paste(tmp_path):
    """X11 has a PRIMARY selection that a middle click pastes; offscreen Qt has none."""
    # -displayfd: the server writes its display number once it accepts clients.
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        text=True,
    )
    display = ":" + server.stdout.readline().strip()
    environment = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}

    def read(selection: str) -> str:
        result = subprocess.run(
            ["xclip", "-o", "-selection", selection],
            capture_output=True,
            text=True,
            env=environment,
            timeout=10,
            check=False,
        )
        return result.stdout

    try:
        kiosk = subprocess.Popen(
            [sys.executable, "-c", WALK_AWAY_SCRIPT, str(tmp_path / "k.db"), SENTINEL],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=REPO,
        )
        assert kiosk.stdout.readline().strip() == "typed"
        assert SENTINEL not in read("primary"), "selected text reached PRIMARY"
        assert SENTINEL not in read("clipboard"), "Ctrl+C reached the clipboard"
        kiosk.stdin.write("\n")
        kiosk.stdin.flush()
        assert kiosk.stdout.readline().strip() == "reset"
        assert SENTINEL not in read("primary") and SENTINEL not in read("clipboard")
        kiosk.stdin.write("\n")
        kiosk.stdin.flush()
        assert kiosk.wait(timeout=20) == 0
    finally:
        server.terminate()
        server.wait(timeout=10)
