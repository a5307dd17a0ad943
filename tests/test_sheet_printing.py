""" "Imprimer ma fiche" in the real window: no printer, a printer that never answers, a real
CUPS queue (cups-pdf) where CUPS can run, and a start that loads nothing of printing.

CUPS is reached through libcups, which reads CUPS_SERVER on each new thread: every print
job runs on its own thread, so a test chooses its CUPS server with that variable alone.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core import i18n
from tests.fresh_interpreter import modules_loaded
from tests.test_sheet import qr_codes

NO_PRINTER_MESSAGE = "Demandez la fiche à la personne de l'accueil."


def queued(window) -> list[Path]:
    return sorted(window.sheet_printer.queue_folder.glob("*.pdf"))


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: run packaging/install-system-deps.sh (poppler-utils)")
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout


@pytest.fixture
def no_cups(monkeypatch, tmp_path):
    """A CUPS server address where nothing listens: the kiosk finds no printer at all."""
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cups-here.sock"))


def test_no_printer_the_person_is_sent_to_the_desk_and_the_sheet_waits(qtbot, window, no_cups):
    window.start_session()
    window.open_tutorial("ameli-attestation")
    button = window.overview.print_button
    assert button.text() == "Imprimer ma fiche" and button.isVisible()
    finished = qtbot.waitSignal(window.sheet_printer.finished, timeout=20_000)
    with finished:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.sheet_printer.notice.message.text() == (
            "Votre fiche s'imprime. Attendez un petit moment."
        )
    assert finished.args == [False]
    notice = window.sheet_printer.notice
    assert notice.isVisible() and notice.message.text() == NO_PRINTER_MESSAGE
    [sheet] = queued(window)
    assert sheet.name.endswith("-ameli-attestation-fr.pdf")
    assert sheet.parent == window.services.content.db.path.parent / "fiches-a-imprimer"
    assert "Télécharger son attestation de droits" in pdf_text(sheet)
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()


def test_from_the_completion_screen_in_arabic(qtbot, window, no_cups):
    window.start_session()
    window.visit.choose_language("ar")
    tutorial = window.services.content.tutorial("franceconnect")
    window.completion.show_tutorial(tutorial)
    window.show_screen(window.completion)
    button = window.completion.print_button
    assert button.text() == i18n._("Imprimer ma fiche") != "Imprimer ma fiche"
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.sheet_printer.notice.message.text() == i18n._(NO_PRINTER_MESSAGE)
    [sheet] = queued(window)
    assert sheet.name.endswith("-franceconnect-ar.pdf")


def test_the_desk_prints_the_sheet_in_the_language_of_the_person_who_called(qtbot, window, no_cups):
    """The desk's "Imprimer la fiche" names the caller's language (tests/test_desk.py); the
    same printer prints in it although the screen it runs beside is in French."""
    assert i18n.current_language() == "fr"
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=20_000):
        window.sheet_printer.print_tutorial("franceconnect", "en")
    [sheet] = queued(window)
    assert sheet.name.endswith("-franceconnect-en.pdf")
    assert "The address of the real website:" in pdf_text(sheet)


def test_a_second_press_while_a_sheet_is_on_its_way_prints_nothing_more(qtbot, window, no_cups):
    window.start_session()
    window.open_tutorial("franceconnect")
    button = window.overview.print_button
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(queued(window)) == 1


def test_ending_the_visit_takes_the_notice_away(qtbot, window, no_cups):
    window.start_session()
    window.open_tutorial("franceconnect")
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=20_000):
        qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    window.end_session("finished")
    assert not window.sheet_printer.notice.isVisible()
    assert len(queued(window)) == 1  # the mediator still has it


@pytest.fixture
def silent_cups(monkeypatch, tmp_path):
    """A CUPS server that takes the connection and never answers (a printer asleep)."""
    path = tmp_path / "silent.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(8)
    monkeypatch.setenv("CUPS_SERVER", str(path))
    yield
    server.close()  # the waiting job gets an error and its thread ends


def test_a_printer_that_never_answers_sends_the_person_to_the_desk_in_time(
    qtbot, make_window, silent_cups
):
    window = make_window(print_timeout_seconds=1)
    window.start_session()
    window.open_tutorial("franceconnect")
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=10_000) as finished:
        qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    assert finished.args == [False]
    assert window.sheet_printer.notice.message.text() == NO_PRINTER_MESSAGE
    assert len(queued(window)) == 1
    assert not window.sheet_printer.busy  # the next press is served


def test_a_sheet_still_on_its_way_when_the_visit_ends_says_nothing_to_the_next_person(
    qtbot, make_window, silent_cups
):
    window = make_window(print_timeout_seconds=1)
    window.start_session()
    window.open_tutorial("franceconnect")
    qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=10_000):
        window.end_session("finished")
    assert window.current_screen() is window.welcome
    assert not window.sheet_printer.notice.isVisible()
    assert len(queued(window)) == 1


# -- a real CUPS queue -----------------------------------------------------------------------
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")


def cups_problem() -> str | None:
    """Why a private CUPS server with a cups-pdf queue cannot run here, or None."""
    if os.geteuid() != 0:
        return "a private cupsd needs root (cups-pdf's backend runs as root)"
    missing = [
        name
        for name, found in (
            ("cupsd", shutil.which("cupsd")),
            ("lpadmin", shutil.which("lpadmin")),
            ("cups-pdf (printer-driver-cups-pdf)", CUPS_PDF_PPD.exists()),
            ("the cups-pdf backend", CUPS_PDF_BACKEND.exists()),
            ("cups' filters (cups)", Path("/usr/lib/cups/filter/pdftopdf").exists()),
            ("pdfinfo (poppler-utils)", shutil.which("pdfinfo")),
        )
        if not found
    ]
    if missing:
        return f"missing {', '.join(missing)}: run packaging/install-system-deps.sh"
    return None


@pytest.fixture
def cups_pdf_queue(monkeypatch):
    """A private cupsd (its own folder and socket) whose default queue is a cups-pdf printer.

    cups-pdf reads its settings from /etc/cups/cups-pdf-<name>.conf: one is written for this
    queue alone, sending its PDFs to a temporary folder, and removed afterwards.
    """
    problem = cups_problem()
    if problem:
        pytest.skip(problem)
    # Not under pytest's folders (0700): CUPS' filters run as lp and must reach the spool.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
    root.chmod(0o755)
    for name in ("spool", "cache", "state", "out"):
        (root / name).mkdir()
    (root / "tmp").mkdir(mode=0o1777)
    (root / "tmp").chmod(0o1777)  # filters run as lp
    sock = root / "cups.sock"
    (root / "cupsd.conf").write_text(
        textwrap.dedent(f"""\
            Listen {sock}
            LogLevel warn
            Browsing Off
            WebInterface No
            DefaultAuthType None
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              <Limit All>
                Order deny,allow
              </Limit>
            </Policy>
            """)
    )
    (root / "cups-files.conf").write_text(
        textwrap.dedent(f"""\
            ServerRoot {root}
            RequestRoot {root}/spool
            TempDir {root}/tmp
            CacheDir {root}/cache
            StateDir {root}/state
            AccessLog {root}/access_log
            ErrorLog {root}/error_log
            PageLog {root}/page_log
            Group lp
            SystemGroup root
            """)
    )
    name = f"kiosktest{uuid.uuid4().hex[:8]}"
    config = Path(f"/etc/cups/cups-pdf-{name}.conf")
    config.write_text(f"Out {root}/out\nLabel 0\nGrp root\n")
    daemon = subprocess.Popen(
        ["cupsd", "-f", "-c", root / "cupsd.conf", "-s", root / "cups-files.conf"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not sock.exists() and daemon.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # an outside daemon starting: no signal to wait on but its socket
        admin = ["lpadmin", "-h", str(sock)]
        added = subprocess.run(
            [*admin, "-p", name, "-E", "-v", f"cups-pdf:/{name}", "-P", CUPS_PDF_PPD],
            capture_output=True,
            text=True,
        )
        if daemon.poll() is not None or not sock.exists():
            log = root / "error_log"
            said = log.read_text(errors="replace")[-400:].strip() if log.exists() else "no log"
            pytest.skip(f"cupsd could not start here: {said}")
        assert added.returncode == 0, added.stderr
        subprocess.run([*admin, "-d", name], check=True)
        monkeypatch.setenv("CUPS_SERVER", str(sock))
        yield root / "out"
    finally:
        daemon.terminate()
        daemon.wait(10)
        config.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


def test_the_sheet_comes_out_of_a_real_cups_printer(qtbot, window, cups_pdf_queue):
    window.start_session()
    window.open_tutorial("ameli-attestation")
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=30_000) as finished:
        qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    assert finished.args == [True]
    assert window.sheet_printer.notice.message.text() == (
        "Votre fiche est imprimée. Prenez-la dans l'imprimante."
    )
    assert queued(window) == []  # printed: nothing left for the mediator

    def pdf_info() -> str:
        """pdfinfo of the printed file once cups-pdf has written it whole, or ''."""
        files = list(cups_pdf_queue.glob("*.pdf"))
        if not files:
            return ""
        info = subprocess.run(["pdfinfo", files[0]], capture_output=True, text=True)
        return info.stdout if info.returncode == 0 else ""

    qtbot.waitUntil(lambda: bool(pdf_info()), timeout=30_000)
    info = pdf_info()
    assert re.search(r"^Pages:\s+1$", info, re.M)  # cups-pdf made it again with Ghostscript
    assert re.search(r"^Page size:\s+595 x 842 pts \(A4\)", info, re.M)
    [printed] = cups_pdf_queue.glob("*.pdf")
    page = subprocess.run(
        ["pdftoppm", "-r", "72", "-gray", "-singlefile", printed], capture_output=True
    ).stdout
    assert qr_codes(page) == ["https://www.ameli.fr"]  # the code still reads once printed


def test_a_stopped_printer_sends_the_person_to_the_desk(qtbot, window, cups_pdf_queue):
    """CUPS stops a queue after a paper jam or a printer off: nothing is sent there."""
    server = os.environ["CUPS_SERVER"]
    subprocess.run(["cupsdisable", "-h", server, default_queue(server)], check=True)
    window.start_session()
    window.open_tutorial("ameli-attestation")
    with qtbot.waitSignal(window.sheet_printer.finished, timeout=30_000) as finished:
        qtbot.mouseClick(window.overview.print_button, Qt.MouseButton.LeftButton)
    assert finished.args == [False]
    assert window.sheet_printer.notice.message.text() == NO_PRINTER_MESSAGE
    assert len(queued(window)) == 1
    assert not list(cups_pdf_queue.glob("*.pdf"))


def default_queue(server: str) -> str:
    said = subprocess.run(["lpstat", "-h", server, "-d"], capture_output=True, text=True).stdout
    return said.rsplit(":", 1)[1].strip()


# -- nothing of it at start ------------------------------------------------------------------
def test_neither_a_start_nor_a_print_loads_segno_or_qt_print_support(db_path, tmp_path):
    """They load in the printing process only: not a byte of them in the kiosk."""
    script = textwrap.dedent(f"""\
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["CUPS_SERVER"] = {str(tmp_path / "nothing.sock")!r}
        from PySide6.QtCore import QEventLoop
        from kiosk.builtin_content import ensure_builtin_content
        from kiosk.store.activity_store import ActivityStore
        from kiosk.store.content_store import ContentStore
        from kiosk.store.database import open_database
        from kiosk.store.settings_store import SettingsStore
        from kiosk.ui.application import create_application, create_window
        db = open_database({str(db_path)!r})
        content = ContentStore(db)
        ensure_builtin_content(content)
        app = create_application()
        window = create_window(content, ActivityStore(db), SettingsStore(db))
        while "completion" not in window.warm_up_seconds:
            app.processEvents()
        window.open_tutorial("franceconnect")
        loop = QEventLoop()
        window.sheet_printer.finished.connect(loop.quit)
        window.overview.print_button.click()
        loop.exec()
        assert len(list(window.sheet_printer.queue_folder.glob("*.pdf"))) == 1
        """)
    loaded = modules_loaded(script, ("segno", "PySide6"))
    assert [name for name in loaded if name == "segno" or "PrintSupport" in name] == []
