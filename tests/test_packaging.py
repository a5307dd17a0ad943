"""The kiosk as deployed: keys that close a window do nothing in --kiosk mode, the cage session
passes the kiosk's exit code on to systemd, and the Debian package builds, installs, runs
``kiosk doctor`` and the kiosk inside a real cage, and removes cleanly (``make deb-test``).

The package tests need root, dpkg-deb, fakeroot, apt-get, cage, grim and a user other than
root (cage refuses root): elsewhere they are skipped, with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.store.activity_store import ActivityStore
from kiosk.store.settings_store import SettingsStore

ROOT = Path(__file__).resolve().parents[1]
SESSION = ROOT / "packaging" / "deb" / "kiosk-session"
PACKAGE = "pas-a-pas-kiosk"
DATABASE = Path("/var/lib/pas-a-pas/kiosk.db")


# -- the window in --kiosk mode --------------------------------------------------------------


@pytest.fixture
def kiosk_window(qtbot, db, content, speech):
    from kiosk.ui.main_window import MainWindow, Services

    services = Services(content, ActivityStore(db), SettingsStore(db), speech)
    window = MainWindow(services, kiosk_mode=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.admin_exit()  # closed before the database fixture closes its file


@pytest.mark.parametrize(
    ("text", "key", "modifier"),
    [
        ("Alt+F4", Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        ("Ctrl+Q", Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        ("Ctrl+W", Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_keys_that_close_windows_do_nothing_in_kiosk_mode(qtbot, kiosk_window, text, key, modifier):
    kiosk_window.start_session()
    screen = kiosk_window.current_screen()
    taken = [s for s in kiosk_window.swallowed_shortcuts if s.key().toString() == text]
    assert len(taken) == 1 and taken[0].isEnabled()
    with qtbot.waitSignal(taken[0].activated, timeout=2000):
        qtbot.keyClick(kiosk_window, key, modifier)
    assert kiosk_window.isVisible()
    assert kiosk_window.current_screen() is screen


def test_the_window_manager_cannot_close_the_kiosk_but_the_admin_exit_can(qtbot, kiosk_window):
    assert kiosk_window.close() is False
    assert kiosk_window.isVisible()
    kiosk_window.admin_exit()
    qtbot.waitUntil(lambda: not kiosk_window.isVisible())


def test_a_plain_window_leaves_those_keys_alone(qtbot, window):
    assert not any(s.isEnabled() for s in window.swallowed_shortcuts)
    assert window.close() is True


@pytest.mark.parametrize(("fault", "code"), [("admin-exit", 0), ("abort", -6)])
def test_the_kiosk_process_ends_with_zero_only_by_the_admin_exit(tmp_path, fault, code):
    """The real ``kiosk --kiosk`` process (Qt offscreen): code 0 after ``admin_exit()``,
    SIGABRT (-6) after an injected crash."""
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--kiosk", "--db", str(tmp_path / "kiosk.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_TEST_FAULT": fault},
    )
    assert done.returncode == code, done.stderr[-2000:]


# -- tools of the package tests ----------------------------------------------------------------


def _missing_tools() -> str | None:
    if os.geteuid() != 0:
        return "the package tests install a package: they need root"
    for tool in ("dpkg-deb", "fakeroot", "apt-get", "cage", "grim", "systemd-analyze", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (sh packaging/install-system-deps.sh)"
    return None


MISSING = _missing_tools()
needs_tools = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")


def _run_in_cage(user: str, command: list[str], env: dict[str, str], runtime: Path, seconds=60):
    """Run ``command`` as ``user`` with a headless cage's environment; the finished process."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "KIOSK_STATUS_DIR": str(runtime),
        **env,
    }
    words = [f"{name}={value}" for name, value in environment.items()]
    return subprocess.run(
        ["runuser", "-u", user, "--", "env", "-i", *words, *command],
        capture_output=True,
        text=True,
        timeout=seconds,
    )


@pytest.fixture
def shared_tmp():
    """A folder other users can read (pytest's own is root's only)."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="pas-a-pas-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _runtime_dir(tmp_path: Path, user: str) -> Path:
    entry = pwd.getpwnam(user)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    os.chown(runtime, entry.pw_uid, entry.pw_gid)
    return runtime


def _program(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@needs_tools
@pytest.mark.parametrize(
    ("body", "expected"),
    [("exit 0", 0), ("exit 3", 3), ("kill -ABRT $$", 134)],
    ids=["admin-exit", "error", "crash"],
)
def test_the_cage_session_exits_with_the_kiosk_code(shared_tmp, body, expected):
    """cage 0.1.4 itself always exits with 0: the session script gives systemd the real code."""
    runtime = _runtime_dir(shared_tmp, "nobody")
    kiosk = _program(shared_tmp, "kiosk", body)
    session = shared_tmp / "kiosk-session"
    shutil.copy(SESSION, session)
    session.chmod(0o755)
    done = _run_in_cage("nobody", [str(session)], {"KIOSK_COMMAND": str(kiosk)}, runtime)
    assert done.returncode == expected, done.stderr[-2000:]
    assert not list(runtime.glob("kiosk-status.*"))  # the status file is cleaned up


def _missing_cage() -> str | None:
    if os.geteuid() != 0:
        return "cage refuses root: running it as another user needs root"
    for tool in ("cage", "grim", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (sh packaging/install-system-deps.sh)"
    return None


NO_CAGE = _missing_cage()
needs_cage = pytest.mark.skipif(NO_CAGE is not None, reason=NO_CAGE or "")


def _session_copy(folder: Path) -> Path:
    session = folder / "kiosk-session"
    shutil.copy(SESSION, session)
    session.chmod(0o755)
    return session


@needs_cage
def test_the_session_asks_qt_for_wayland_first(shared_tmp):
    """Inside cage the kiosk gets ``QT_QPA_PLATFORM=wayland;xcb`` and cage's Wayland display:
    Qt's Wayland plug-in, whose window cage makes full screen, with X11 (Xwayland) as fallback."""
    runtime = _runtime_dir(shared_tmp, "nobody")
    seen = shared_tmp / "seen"
    seen.mkdir()
    os.chown(seen, pwd.getpwnam("nobody").pw_uid, -1)
    kiosk = _program(shared_tmp, "kiosk", f'env > {seen}/env.txt; echo "$@" > {seen}/args.txt')
    session = _session_copy(shared_tmp)
    done = _run_in_cage("nobody", [str(session)], {"KIOSK_COMMAND": str(kiosk)}, runtime)
    assert done.returncode == 0, done.stderr[-2000:]
    environment = dict(
        line.split("=", 1) for line in (seen / "env.txt").read_text().splitlines() if "=" in line
    )
    assert environment["QT_QPA_PLATFORM"] == "wayland;xcb"
    assert environment["WAYLAND_DISPLAY"]
    assert (seen / "args.txt").read_text().split() == ["--kiosk"]
    assert "kiosk-session: QT_QPA_PLATFORM=wayland;xcb WAYLAND_DISPLAY=wayland-" in done.stderr


def _python_for(user: str, env: dict[str, str]) -> str | None:
    """A Python ``user`` can run that imports this worktree's kiosk and PySide6 (the venv's,
    or Debian's of the same version on the venv's packages); ``env`` gets its PYTHONPATH."""
    import sysconfig

    search_path = f"{ROOT}:{sysconfig.get_paths()['purelib']}"
    as_user = ["runuser", "-u", user, "--", "env", "-i", f"PYTHONPATH={search_path}"]
    probe = "import sys, PySide6, kiosk; print(sys.version_info[:2])"
    for python in (os.path.realpath(sys.executable), "/usr/bin/python3"):
        check = subprocess.run(
            [*as_user, python, "-c", probe],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if check.returncode == 0 and check.stdout.strip() == str(sys.version_info[:2]):
            env["PYTHONPATH"] = search_path
            return python
    return None


def _fills_the_output(picture: Path) -> bool:
    """True when no corner of the screenshot is black: the kiosk covers the whole output."""
    from PySide6.QtGui import QImage

    image = QImage(str(picture))
    if image.isNull():
        return False
    right, bottom = image.width() - 1, image.height() - 1
    corners = [(0, 0), (right, 0), (0, bottom), (right, bottom)]
    return all(image.pixelColor(x, y).lightness() > 40 for x, y in corners)


@needs_cage
def test_the_kiosk_fills_the_cage_output_through_qt_wayland(qtbot, shared_tmp):
    """This worktree's kiosk, in the session script, in a real headless cage 1280×720: Qt
    reports the Wayland platform and grim sees the kiosk in every corner of the output.

    The output is turned by 180° (``-r -r``, grim turns it back) so that cage composes every
    frame: the direct scan-out it does otherwise on a headless output leaves grim a stale
    picture (docs/deploy.md, "The screenshot").
    """
    runtime = _runtime_dir(shared_tmp, "nobody")
    data = shared_tmp / "data"
    data.mkdir()
    os.chown(data, pwd.getpwnam("nobody").pw_uid, -1)
    env: dict[str, str] = {}
    python = _python_for("nobody", env)
    if python is None:
        pytest.skip(f"no Python the nobody user can run imports {ROOT}'s kiosk and PySide6")
    kiosk = _program(shared_tmp, "kiosk", f'exec {python} -m kiosk --db {data}/kiosk.db "$@"')
    session = _session_copy(shared_tmp)
    words = [
        f"{name}={value}"
        for name, value in {
            "PATH": "/usr/bin:/bin",
            "HOME": str(data),
            "XDG_RUNTIME_DIR": str(runtime),
            "WLR_BACKENDS": "headless",
            "WLR_RENDERER": "pixman",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "KIOSK_STATUS_DIR": str(runtime),
            "KIOSK_COMMAND": str(kiosk),
            "CAGE_OPTIONS": "-r -r",
            **env,
        }.items()
    ]
    running = subprocess.Popen(
        ["runuser", "-u", "nobody", "--", "env", "-i", *words, str(session)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # one process group: runuser, the session, cage, the kiosk
    )
    log = data / "kiosk.log"
    picture = data / "shot.png"  # grim writes as nobody
    grim = ["runuser", "-u", "nobody", "--", "env", "-i", f"XDG_RUNTIME_DIR={runtime}"]
    grim += ["WAYLAND_DISPLAY=wayland-0", "grim", str(picture)]

    def shot_fills_output() -> bool:
        picture.unlink(missing_ok=True)
        subprocess.run(grim, capture_output=True, timeout=20)
        return picture.exists() and _fills_the_output(picture)

    try:
        qtbot.waitUntil(lambda: log.exists() and "Qt platform" in log.read_text(), timeout=45_000)
        assert "Qt platform wayland, screen 1280×720" in log.read_text()
        qtbot.waitUntil(shot_fills_output, timeout=20_000)
    finally:
        import signal

        os.killpg(running.pid, signal.SIGTERM)
        try:
            running.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(running.pid, signal.SIGKILL)
            running.communicate()


# -- the Debian package (make deb-test) -------------------------------------------------------


@pytest.fixture(scope="module")
def built_package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deb")
    done = subprocess.run(
        ["sh", "packaging/build-deb.sh", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "DEB_COMPRESSION": "zstd", "DEB_LEVEL": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return Path(done.stdout.strip().splitlines()[-1])


def _apt(*words: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", "--no-install-recommends", *words],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


@needs_tools
def test_the_package_installs_runs_and_removes_cleanly(built_package, shared_tmp):
    package = ROOT / built_package if not built_package.is_absolute() else built_package
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(package)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Package: {PACKAGE}" in fields
    for needed in (
        "espeak-ng",
        "libcups2",
        "alsa-utils",
        "cage",
        "xwayland",
        "fonts-noto-ui-core",
        "libxcb-cursor0",
        "libwayland-client0",
        "python3 (>= 3.11)",
    ):
        assert needed in fields.split("Depends:")[1].split("\n")[0], needed
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(package)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./usr/bin/kiosk",
        "./usr/lib/pas-a-pas/kiosk-session",
        "./lib/systemd/system/pas-a-pas-kiosk.service",
        "./usr/share/applications/pas-a-pas.desktop",
        "./usr/share/icons/hicolor/scalable/apps/pas-a-pas.svg",
        "./opt/pas-a-pas/app/assets/content/pack.yaml",
        "./opt/pas-a-pas/app/translations/ar/LC_MESSAGES/kiosk.mo",
        "./opt/pas-a-pas/venv/bin/python",
    ):
        assert f" {path}" in listing, path
    assert "./var/lib/pas-a-pas/" not in listing  # the data is never the package's

    # One install at a time on this machine: another worktree's test would remove ours.
    import fcntl

    lock = open("/tmp/pas-a-pas-deb-test.lock", "w")  # noqa: SIM115 - held to the end
    fcntl.flock(lock, fcntl.LOCK_EX)
    # A database left by another worktree's package (a newer schema, say) is not this test's
    # subject: it checks a fresh install, so it starts without one.
    for leftover in DATABASE.parent.glob(DATABASE.name + "*"):
        leftover.unlink()
    installed = _apt("install", "--reinstall", str(package))
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    try:
        assert pwd.getpwnam("kiosk").pw_dir == "/var/lib/pas-a-pas"
        verify = subprocess.run(
            ["systemd-analyze", "verify", f"/lib/systemd/system/{PACKAGE}.service"],
            capture_output=True,
            text=True,
        )
        assert verify.returncode == 0, verify.stderr
        doctor = subprocess.run(["kiosk", "doctor"], capture_output=True, text=True, timeout=60)
        lines = doctor.stdout.splitlines()
        assert len(lines) == 9 and "Traceback" not in doctor.stderr, doctor.stdout + doctor.stderr
        assert doctor.returncode == (1 if any("[problème]" in x for x in lines) else 0)
        assert "[ok] Voix (espeak-ng)" in lines[0]

        runtime = _runtime_dir(shared_tmp, "kiosk")
        session = "/usr/lib/pas-a-pas/kiosk-session"
        env = {"HOME": "/var/lib/pas-a-pas"}
        crashed = _run_in_cage("kiosk", [session], {**env, "KIOSK_TEST_FAULT": "abort"}, runtime)
        assert crashed.returncode == 134, crashed.stderr[-2000:]  # SIGABRT: systemd restarts
        left = _run_in_cage("kiosk", [session], {**env, "KIOSK_TEST_FAULT": "admin-exit"}, runtime)
        assert left.returncode == 0, left.stderr[-2000:]  # the admin exit: no restart
        packs_installed = _count_packs(DATABASE)
        assert packs_installed >= 1  # the installed kiosk put its built-in content there
    finally:
        removed = _apt("remove", PACKAGE)
        lock.close()
    assert removed.returncode == 0, removed.stderr[-3000:]
    assert not Path("/usr/bin/kiosk").exists()
    assert not Path("/opt/pas-a-pas").exists()
    assert _count_packs(DATABASE) == packs_installed  # removing the package keeps the data


def _count_packs(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as connection:
        count = connection.execute("SELECT count(*) FROM packs").fetchone()[0]
    connection.close()
    return count
