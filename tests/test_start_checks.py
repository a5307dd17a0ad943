"""Start-up refusals are one sentence and exit code 1: a dead display, a second kiosk, a full
disk. Real processes, real sockets, real lock files."""

from __future__ import annotations

import _socket
import contextlib
import os
import random
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app.display import display_problem, x_display_answers
from kiosk.store import migrations
from kiosk.store.database import DiskFullError, open_database
from tests.kiosk_process import KioskProcess

REPO = Path(__file__).resolve().parents[1]


def free_display_number() -> int:
    """An X display number nobody listens on, here."""
    for number in [99, *random.Random(7).sample(range(100, 400), 50)]:
        if not x_display_answers(f":{number}"):
            return number
    raise AssertionError("every display number tried answers")


def test_a_dead_x_display_gets_a_sentence_not_an_abort():
    number = free_display_number()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = f":{number}"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk"], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 1  # not 134 (abort) any more
    assert done.stderr.strip() == (
        f"L'écran indiqué (DISPLAY=:{number}) ne répond pas : son serveur graphique est "
        "arrêté. Démarrez la session graphique, ou lancez Pas à pas sous Xvfb : xvfb-run kiosk."
    )


@pytest.mark.skipif(sys.platform != "linux", reason="abstract sockets are Linux's")
def test_a_display_that_answers_is_let_through():
    number = free_display_number()
    server = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    server.bind(f"\0/tmp/.X11-unix/X{number}")  # where an X server listens (abstract name)
    server.listen(1)
    try:
        assert display_problem({"DISPLAY": f":{number}.0"}) is None
        assert display_problem({"DISPLAY": f"unix:{number}"}) is None
    finally:
        server.close()
    assert display_problem({"DISPLAY": f":{number}"}) is not None


def test_a_remote_display_is_tried_on_its_tcp_port():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        if port < 6000:
            pytest.skip("the system gave a port below X's range")
        assert display_problem({"DISPLAY": f"127.0.0.1:{port - 6000}"}) is None
    assert display_problem({"DISPLAY": f"127.0.0.1:{port - 6000}"}) is not None


def test_other_platforms_and_no_display_at_all():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":3999"}) is None
    assert "ni DISPLAY ni WAYLAND_DISPLAY" in display_problem({})
    wayland = display_problem({"WAYLAND_DISPLAY": "wayland-77", "XDG_RUNTIME_DIR": "/nowhere"})
    assert "WAYLAND_DISPLAY=wayland-77" in wayland


def test_a_second_kiosk_on_the_same_database_is_refused(tmp_path):
    path = tmp_path / "kiosk.db"
    with KioskProcess(path, "--idle") as first:
        first.wait_for("READY")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        second = subprocess.run(
            [sys.executable, "-m", "kiosk", "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert second.returncode == 1
        assert second.stderr.strip() == (
            f"Pas à pas est déjà ouvert sur la base de données {path} "
            f"(processus {first.pid}). Un seul Pas à pas à la fois peut l'utiliser : fermez "
            "l'autre, ou choisissez une autre base avec --db."
        )
        first.kill()  # kill -9: the lock file stays behind
    assert Path(f"{path}.lock").exists()
    with KioskProcess(path, "--visits", "1") as third:  # and does not block the next start
        assert third.wait_for("VISIT")
        assert third.wait() == 0


def with_page_limit(limit: int):
    """migrations.apply on a connection that may not grow past ``limit`` pages: a full disk."""
    real_apply = migrations.apply

    def apply(connection: sqlite3.Connection) -> list[str]:
        connection.execute(f"PRAGMA max_page_count = {limit}")
        return real_apply(connection)

    return apply


def test_a_full_disk_at_start_gets_its_own_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(migrations, "apply", with_page_limit(3))
    with pytest.raises(DiskFullError) as refused:
        open_database(tmp_path / "kiosk.db")
    assert "est plein" in str(refused.value) and "droits" not in str(refused.value)


def test_a_full_disk_while_installing_the_built_in_pack(tmp_path, monkeypatch):
    from kiosk.app.start import open_with_content
    from kiosk.store.database import DatabaseError

    monkeypatch.setattr(migrations, "apply", with_page_limit(60))  # the schema fits, not the pack
    with pytest.raises(DatabaseError) as refused:
        open_with_content(tmp_path / "kiosk.db")
    assert "est plein" in str(refused.value)


def test_pack_import_on_a_full_disk_gets_a_sentence(tmp_path, monkeypatch, capsys):
    from kiosk import cli
    from kiosk.builtin_content import BUILTIN_PACK

    monkeypatch.setattr(migrations, "apply", with_page_limit(60))
    code = cli.main(["pack", "import", str(BUILTIN_PACK), "--db", str(tmp_path / "kiosk.db")])
    error = capsys.readouterr().err
    assert code == 1
    assert "est plein" in error and "Rien n'a été installé" in error


@pytest.fixture
def full_disk(tmp_path):
    """A real, tiny file system filled to the last byte (tmpfs: needs root, else skipped)."""
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
            while True:
                filler.write(bytes(4096))
                filler.flush()
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_kiosk_started_on_a_full_disk_says_so(full_disk):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", str(full_disk / "kiosk.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Le disque qui contient la base de données {full_disk / 'kiosk.db'} est plein. "
        "Libérez de la place, puis relancez Pas à pas."
    )


def test_a_list_of_platforms_is_let_through_by_any_display_that_answers(tmp_path):
    """The kiosk session's ``QT_QPA_PLATFORM=wayland;xcb``: Qt tries Wayland, then X11."""
    number = free_display_number()
    compositor = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    compositor.bind(str(tmp_path / "wayland-1"))  # where a compositor listens
    compositor.listen(1)
    both = {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": f":{number}"}
    try:
        assert (
            display_problem(
                {**both, "WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}
            )
            is None
        )
        # Only xcb asked for: the compositor's socket does not count.
        only_x = {**both, "QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-1"}
        assert f"DISPLAY=:{number}" in display_problem({**only_x, "XDG_RUNTIME_DIR": str(tmp_path)})
    finally:
        compositor.close()
    dead = display_problem(
        {**both, "WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}
    )
    assert f"(WAYLAND_DISPLAY=wayland-1 et DISPLAY=:{number})" in dead
    assert display_problem({"QT_QPA_PLATFORM": "wayland;offscreen"}) is None  # left to Qt
