"""``kiosk doctor``: one French line per check with its fix, exit code 1 when a citizen would
notice. Run on this machine for real (espeak-ng, fontconfig, Qt's plug-ins, SQLite files);
the sound card and cage are also given as text, to see both answers on any machine."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from kiosk import doctor
from kiosk.doctor import PROBLEM, WARNING, Finding, exit_code

CARDS = " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n                      HDA Intel PCH\n"


def test_the_command_prints_one_line_per_check_in_french(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "doctor", "--db", str(tmp_path / "kiosk.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = done.stdout.splitlines()
    subjects = [line.split("] ", 1)[1].split(" : ")[0] for line in lines[:-1]]
    assert subjects == [
        "Voix (espeak-ng)",
        "Son",
        "Écran",
        "Impression",
        "Polices",
        "Base de données",
        "Clés de signature",
        "cage",
    ]
    assert "Traceback" not in done.stderr
    problems = [line for line in lines if line.startswith("[problème]")]
    assert done.returncode == (1 if problems else 0)
    assert not (tmp_path / "kiosk.db").exists()  # the doctor only reads


def test_the_trusted_keys_are_read_from_the_kiosks_database(tmp_path: Path, db) -> None:
    """No key: a warning (nothing new can be installed), never a problem for the citizen; a
    key trusted with ``kiosk pack trust``: named; unsigned packs allowed: said."""
    import io

    from kiosk.core.pack_signature import read_public_key
    from kiosk.pack_command import run_keygen
    from kiosk.store.settings_store import SettingsStore
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    assert doctor.check_signing_keys(tmp_path / "none.db").level == WARNING
    finding = doctor.check_signing_keys(db.path)
    assert finding.level == WARNING and "aucune clé de confiance" in finding.text
    author = tmp_path / "mairie"
    assert run_keygen(author, "Mairie de Rezé", True, False, io.StringIO()) == 0
    TrustedKeysStore(db).trust(read_public_key(author.with_suffix(".pub")), "admin")
    finding = doctor.check_signing_keys(db.path)
    assert finding.level == "ok" and "1 clé de confiance" in finding.text, finding.line()
    SettingsStore(db).set("allow_unsigned_packs", True)
    assert "non signés sont acceptés" in doctor.check_signing_keys(db.path).text


def test_every_language_has_a_voice_here() -> None:
    finding = doctor.check_speech()
    assert finding.level == "ok", finding.line()
    assert "arabe" in finding.text and "ukrainien" in finding.text


def test_no_sound_card_is_a_problem_with_its_fix() -> None:
    finding = doctor.check_sound("--- no soundcards ---\n")
    assert finding.level == PROBLEM
    assert "aplay -l" in finding.text
    no_player = doctor.check_sound(CARDS, which=lambda _name: None)
    assert no_player.level == PROBLEM and "apt install alsa-utils" in no_player.text
    playing = doctor.check_sound(CARDS, which=lambda name: f"/usr/bin/{name}")
    assert playing.level == "ok" and "pw-play" in playing.text


def test_fonts_without_arabic_letters_are_a_problem() -> None:
    finding = doctor.check_fonts(lambda language: [] if language == "ar" else ["DejaVu Sans"])
    assert finding.level == PROBLEM
    assert "arabes" in finding.text and "cyrilliques" not in finding.text
    assert "fonts-noto-ui-core" in finding.text
    assert doctor.check_fonts().level == "ok"  # this machine has them


def test_a_qt_platform_plugin_can_reach_a_screen_here() -> None:
    finding = doctor.check_display({})
    assert finding.level == "ok", finding.line()
    assert "aucun écran dans cette session" in finding.text
    assert "Wayland" in doctor.check_display({"WAYLAND_DISPLAY": "wayland-0"}).text.split("ici")[1]


def test_database_checks_read_only(tmp_path: Path) -> None:
    fresh = doctor.check_database(tmp_path / "kiosk.db")
    assert fresh.level == "ok" and "sera créée" in fresh.text
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    assert doctor.check_database(damaged).level == PROBLEM
    good = tmp_path / "good.db"
    with sqlite3.connect(good) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    before = good.read_bytes()
    assert doctor.check_database(good).level == "ok"
    assert good.read_bytes() == before


def test_a_folder_the_user_cannot_write_is_a_problem(tmp_path: Path) -> None:
    import os

    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    if os.geteuid() == 0:  # root may write anywhere: answer as the kiosk user would
        finding = doctor.check_database(locked / "kiosk.db", writable=lambda path: False)
    else:
        finding = doctor.check_database(locked / "kiosk.db")
    assert finding.level == PROBLEM
    assert "n'est pas modifiable" in finding.text and "chown" in finding.text


def test_cage_version_is_read() -> None:
    assert doctor.check_cage("Cage version 0.1.4\n").text == "version 0.1.4."
    assert doctor.check_cage("").level == WARNING


def test_exit_code_is_one_only_for_problems() -> None:
    assert exit_code([Finding("ok", "a", "b"), Finding(WARNING, "c", "d")]) == 0
    assert exit_code([Finding("ok", "a", "b"), Finding(PROBLEM, "c", "d")]) == 1
