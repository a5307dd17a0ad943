"""``kiosk pin set|status``: real processes on a real database, typed on a real terminal."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.app import start
from kiosk.core.pins import PinBook
from kiosk.pin_command import closed_modes_notice, run_pin_command
from kiosk.store.audit_store import AuditStore
from kiosk.store.database import open_database
from kiosk.store.pin_store import PinStore

REPO = Path(__file__).resolve().parents[1]


def kiosk(*argv: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_a_script_sets_the_mediator_pin_and_the_audit_says_so(db_path):
    done = kiosk("pin", "set", "mediator", "--pin-from-stdin", "--db", str(db_path), stdin="2468\n")
    assert done.returncode == 0, done.stderr
    assert "Le code médiateur est enregistré" in done.stderr
    status = kiosk("pin", "status", "--db", str(db_path))
    assert status.returncode == 0
    assert "Médiateur : code défini (5 essais avant blocage)." in status.stdout
    assert "Administrateur : aucun code, le mode est fermé." in status.stdout
    assert "kiosk pin set admin" in status.stdout
    db = open_database(db_path)
    try:
        assert PinBook(PinStore(db)).check("mediator", "2468").ok
        (entry,) = AuditStore(db).entries()
        assert (entry["role"], entry["action"], entry["detail"]) == (
            "command_line",
            "pin_set",
            "mediator",
        )
    finally:
        db.close()


def test_a_weak_pin_is_refused_with_a_sentence_and_nothing_changes(db_path):
    refused = kiosk("pin", "set", "admin", "--pin-from-stdin", "--db", str(db_path), stdin="1234")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Ce code est trop facile à deviner : ses chiffres se suivent. Choisissez-en un autre. "
        "Rien n'a été changé."
    )
    assert "Traceback" not in refused.stderr
    db = open_database(db_path)
    try:
        assert not PinBook(PinStore(db)).has_pin("admin") and AuditStore(db).entries() == []
    finally:
        db.close()


def test_a_wrong_role_gets_the_usual_sentence():
    wrong = kiosk("pin", "set", "citizen")
    assert wrong.returncode == 2 and "cette commande n'est pas comprise" in wrong.stderr


def read_until(fd: int, text: str, seconds: float = 30) -> str:
    seen = b""
    deadline = time.monotonic() + seconds
    while text.encode() not in seen:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"no {text!r} in {seen!r}")
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    return seen.decode(errors="replace")


@pytest.mark.parametrize(("second", "code"), [("2468", 0), ("2469", 1)])
def test_the_pin_is_typed_twice_on_a_terminal_without_showing(db_path, second, code):
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the kiosk's command on a terminal of its own
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "kiosk", "pin", "set", "admin",
                                  "--db", str(db_path)])  # fmt: skip
    try:
        read_until(terminal, "Nouveau code")
        os.write(terminal, b"2468\n")
        read_until(terminal, "encore une fois")
        os.write(terminal, second.encode() + b"\n")
        said = read_until(terminal, "\x00", seconds=30)  # everything until the end
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == code
    assert "2468" not in said  # never echoed
    if code:
        assert "Les deux codes ne sont pas les mêmes. Rien n'a été changé." in said
    else:
        assert "Le code administrateur est enregistré" in said


def test_end_of_input_while_asking_is_a_sentence(db_path, capsys):
    def closed(_prompt: str) -> str:
        raise EOFError

    assert run_pin_command("set", "mediator", db_path, ask=closed) == 1
    assert "Aucun code n'a été tapé. Rien n'a été changé." in capsys.readouterr().err


def test_an_unwritable_database_is_a_sentence(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("")
    code = run_pin_command("set", "mediator", blocked / "kiosk.db", True, io.StringIO("2468"))
    assert code == 1
    err = capsys.readouterr().err
    assert "Impossible de créer le dossier" in err and "Traceback" not in err


def test_a_locked_role_says_until_when_and_how_to_unlock(db, capsys):
    book = PinBook(PinStore(db), scrypt_n=2**10)
    book.set_pin("mediator", "2468")
    for _ in range(5):
        book.check("mediator", "1357")
    from kiosk.pin_command import print_status

    print_status(book)
    out = capsys.readouterr().out
    assert "Médiateur : bloqué après trop d'essais, jusqu'à" in out
    assert "Pour débloquer tout de suite : kiosk pin set mediator" in out


def test_the_log_says_how_to_open_the_closed_modes(db, caplog):
    book = PinBook(PinStore(db), scrypt_n=2**10)
    assert closed_modes_notice(PinStore(db).roles_with_pin()) == (
        "Modes médiateur et administrateur fermés : aucun code n'est défini. "
        "Pour les ouvrir : kiosk pin set mediator ; kiosk pin set admin"
    )
    book.set_pin("mediator", "2468")
    start.log_closed_modes(db)
    assert "Mode administrateur fermé" in caplog.text and "kiosk pin set admin" in caplog.text
    book.set_pin("admin", "97531")
    assert closed_modes_notice(PinStore(db).roles_with_pin()) is None
