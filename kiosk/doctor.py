"""``kiosk doctor``: is this PC ready to be a kiosk? One line per check, in French, with the fix.

For the town hall's technician, after installing the package or when something seems wrong.
Each check gives a ``Finding``: ``ok``, ``attention`` (the kiosk works, but something is
missing that an admin should know) or ``problème`` (a citizen would notice: no voice, no
sound, no screen, no Arabic letters, no database). The command's exit code is 1 when there is
at least one ``problème``, else 0.

The checks only read: nothing is created or written, not even the database (it is opened
read-only), so running the doctor as root never leaves a file the kiosk cannot write.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.languages import LANGUAGES

OK = "ok"
WARNING = "attention"
PROBLEM = "problème"

MINIMUM_FREE_BYTES = 100 * 1024 * 1024  # a day of events is a few MB; a pack up to 50 MB
COMMAND_SECONDS = 5  # a CUPS server that never answers must not hang the doctor

LANGUAGE_NAMES_FR = {
    "fr": "français",
    "en": "anglais",
    "ar": "arabe",
    "uk": "ukrainien",
    "es": "espagnol",
    "pt": "portugais",
}


@dataclass(frozen=True)
class Finding:
    """The result of one check: its level (OK, WARNING, PROBLEM), its subject, its sentence."""

    level: str
    subject: str
    text: str

    def line(self) -> str:
        return f"[{self.level}] {self.subject} : {self.text}"


def _run(command: list[str]) -> str | None:
    """The standard output of a short command, None when it is missing, fails or hangs."""
    environment = {**os.environ, "LC_ALL": "C"}  # answers read in English, whatever the locale
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
            env=environment,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def check_speech() -> Finding:
    """espeak-ng's library loads and has a voice for each language the kiosk offers."""
    from kiosk.speech.synthesizer import EspeakSynthesizer, SpeechUnavailableError

    subject = "Voix (espeak-ng)"
    try:
        synthesizer = EspeakSynthesizer()
    except SpeechUnavailableError:
        return Finding(
            PROBLEM,
            subject,
            "la lecture à voix haute ne marche pas. "
            "Installez : apt install espeak-ng libespeak-ng1",
        )
    missing = [code for code in LANGUAGES if synthesizer.voice_for(code) is None]
    if missing:
        names = ", ".join(LANGUAGE_NAMES_FR.get(code, code) for code in missing)
        return Finding(
            PROBLEM,
            subject,
            f"pas de voix pour : {names}. Réinstallez : apt install --reinstall espeak-ng-data",
        )
    names = ", ".join(LANGUAGE_NAMES_FR.get(code, code) for code in LANGUAGES)
    return Finding(OK, subject, f"une voix pour chaque langue ({names}).")


def check_sound(
    cards_text: str | None = None, which: Callable[[str], str | None] = shutil.which
) -> Finding:
    """A sound card in ``/proc/asound/cards`` and a program to play the clips (aplay…)."""
    from kiosk.speech.players import (
        PLAY_COMMANDS,
        choose_play_commands,
        has_sound_card,
        read_sound_cards,
    )

    subject = "Son"
    cards = read_sound_cards() if cards_text is None else cards_text
    if cards is None or not has_sound_card(cards):
        return Finding(
            PROBLEM,
            subject,
            "aucune carte son. Branchez des haut-parleurs ou un casque, "
            "puis vérifiez avec : aplay -l",
        )
    with_cards = choose_play_commands(cards, which)
    if not with_cards:
        programs = ", ".join(command[0] for command in PLAY_COMMANDS)
        return Finding(
            PROBLEM, subject, f"aucun lecteur ({programs}). Installez : apt install alsa-utils"
        )
    return Finding(OK, subject, f"carte son présente, lecteur {Path(with_cards[0][0]).name}.")


def _qt_plugin_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms"


def _missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries ``ldd`` cannot find for a Qt plug-in (its own dependencies)."""
    output = _run(["ldd", str(plugin)]) or ""
    return sorted(set(re.findall(r"^\s*(\S+) => not found", output, re.MULTILINE)))


def check_display(environment: dict[str, str] | None = None) -> Finding:
    """Qt can reach a screen: its Wayland (cage) or X11 plug-in finds all its libraries."""
    environment = dict(os.environ) if environment is None else environment
    subject = "Écran"
    platforms = _qt_plugin_dir()
    if platforms is None:
        return Finding(
            PROBLEM, subject, "PySide6 est absent. Réinstallez le paquet pas-a-pas-kiosk."
        )
    usable, broken = [], []
    # Qt 6.10 renamed libqwayland-generic.so to libqwayland.so.
    for name, pattern in (("Wayland", "libqwayland*.so"), ("X11", "libqxcb.so")):
        found = sorted(platforms.glob(pattern))
        missing = _missing_libraries(found[0]) if found else [pattern]
        (broken if missing else usable).append((name, missing))
    if not usable:
        libraries = " ".join(sorted({lib for _name, missing in broken for lib in missing}))
        return Finding(
            PROBLEM,
            subject,
            f"Qt ne peut ouvrir ni Wayland ni X11 (il manque : {libraries}). "
            "Installez les paquets indiqués par : apt install -f",
        )
    names = " et ".join(name for name, _missing in usable)
    session = (
        "Wayland"
        if environment.get("WAYLAND_DISPLAY")
        else "X11"
        if environment.get("DISPLAY")
        else "aucun écran dans cette session (normal par SSH ; le service en ouvre un)"
    )
    return Finding(OK, subject, f"Qt peut utiliser {names} ; ici : {session}.")


def check_printing() -> Finding:
    """libcups loads, and CUPS names a default printer that is not stopped.

    A stopped queue (a paper jam) counts as no printer, as for the sheet (README, "printed").
    """
    subject = "Impression"
    if ctypes.util.find_library("cups") is None:
        return Finding(
            PROBLEM,
            subject,
            "libcups manque : la fiche ne peut pas être imprimée. Installez : apt install libcups2",
        )
    if shutil.which("lpstat"):
        answer = _run(["lpstat", "-d"]) or ""  # "system default destination: NAME"
        name = answer.partition(":")[2].strip() if ":" in answer else ""
    else:
        name = _default_printer_from_libcups() or ""
    if not name:
        return Finding(
            WARNING,
            subject,
            "aucune imprimante par défaut : la fiche sera gardée pour l'accueil. "
            "Ajoutez-en une : lpadmin -d NOM, ou http://localhost:631",
        )
    state = _run(["lpstat", "-p", name]) or "" if shutil.which("lpstat") else ""
    if "disabled" in state:
        return Finding(
            WARNING,
            subject,
            f"l'imprimante {name} est arrêtée (papier coincé ?). Relancez-la : cupsenable {name}",
        )
    return Finding(OK, subject, f"imprimante par défaut : {name}.")


def _default_printer_from_libcups() -> str | None:
    """cupsGetDefault() in a child process, so that a CUPS that never answers costs 5 s."""
    program = (
        "import ctypes, ctypes.util; lib = ctypes.CDLL(ctypes.util.find_library('cups')); "
        "lib.cupsGetDefault.restype = ctypes.c_char_p; "
        "print((lib.cupsGetDefault() or b'').decode(errors='replace'))"
    )
    output = _run([sys.executable, "-c", program])
    return output.strip() if output and output.strip() else None


def check_fonts(
    families: Callable[[str], list[str]] | None = None,
) -> Finding:
    """Fonts with Arabic and Cyrillic letters (fontconfig's ``:lang=ar`` and ``:lang=uk``)."""
    subject = "Polices"
    families = families or _font_families
    missing = []
    for language, script in (("ar", "arabes"), ("uk", "cyrilliques")):
        if not families(language):
            missing.append(script)
    if missing:
        return Finding(
            PROBLEM,
            subject,
            f"pas de lettres {' ni '.join(missing)} : des mots s'afficheront en carrés. "
            "Installez : apt install fonts-noto-ui-core fonts-dejavu-core",
        )
    return Finding(OK, subject, "lettres latines, arabes et cyrilliques présentes.")


def _font_families(language: str) -> list[str]:
    output = _run(["fc-list", f":lang={language}", "family"]) or ""
    return [line for line in output.splitlines() if line.strip()]


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def check_database(path: Path, writable: Callable[[Path], bool] = _writable) -> Finding:
    """The database (or its folder, before the first start) is writable, with free space.

    ``writable`` tells whether the current user may write a path (``os.access``).
    """
    subject = "Base de données"
    existing = path if path.exists() else next((p for p in path.parents if p.exists()), None)
    if existing is None:
        return Finding(PROBLEM, subject, f"{path} : aucun dossier parent n'existe.")
    writable_place = path if path.exists() else existing
    if not writable(writable_place) or (path.exists() and not writable(path.parent)):
        return Finding(
            PROBLEM,
            subject,
            f"{writable_place} n'est pas modifiable par l'utilisateur {_user_name()}. "
            "Corrigez : chown -R kiosk:kiosk /var/lib/pas-a-pas",
        )
    free = shutil.disk_usage(existing if existing.is_dir() else existing.parent).free
    if free < MINIMUM_FREE_BYTES:
        return Finding(
            PROBLEM,
            subject,
            f"il reste {free // (1024 * 1024)} Mo sur le disque (il faut au moins "
            f"{MINIMUM_FREE_BYTES // (1024 * 1024)} Mo). Libérez de la place.",
        )
    if path.exists():
        try:
            with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
                result = connection.execute("PRAGMA quick_check").fetchone()[0]
            connection.close()
        except sqlite3.Error as error:
            result = str(error)
        if result != "ok":
            return Finding(
                PROBLEM,
                subject,
                f"{path} est abîmée ({result}). Le kiosque la mettra de côté au prochain "
                "démarrage : redémarrez-le (systemctl restart pas-a-pas-kiosk).",
            )
    state = "présente" if path.exists() else "sera créée au premier démarrage"
    return Finding(OK, subject, f"{path} {state}, modifiable, {free // (1024 * 1024)} Mo libres.")


def _user_name() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


def check_signing_keys(database: Path) -> Finding:
    """The public keys that content packs must be signed with (``kiosk pack trust``), read from
    the kiosk's database without writing to it; and whether unsigned packs are allowed."""
    subject = "Clés de signature"
    if not database.exists():
        return Finding(WARNING, subject, "pas encore de base : aucune clé de confiance.")
    try:
        with contextlib.closing(
            sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=COMMAND_SECONDS)
        ) as connection:
            names = [row[0] for row in connection.execute("SELECT name FROM trusted_keys")]
            row = connection.execute(
                "SELECT value FROM settings WHERE key = 'allow_unsigned_packs'"
            ).fetchone()
    except sqlite3.Error:
        return Finding(
            WARNING,
            subject,
            "la base ne connaît pas encore les clés. Lancez la borne une fois pour la mettre "
            "à jour, puis : kiosk pack trust CLE.pub",
        )
    unsigned = row is not None and row[0].strip().lower() in ("1", "true", "oui", "yes", "on")
    if unsigned:
        return Finding(
            WARNING,
            subject,
            "les paquets non signés sont acceptés (borne d'essai). Sur une borne publique : "
            "kiosk settings set allow_unsigned_packs non",
        )
    if not names:
        return Finding(
            WARNING,
            subject,
            "aucune clé de confiance : aucun nouveau paquet ne pourra être installé. "
            "Ajoutez la clé de votre réseau : kiosk pack trust CLE.pub",
        )
    count = len(names)
    keys = f"{count} clé{'s' if count > 1 else ''} de confiance"
    return Finding(OK, subject, f"{keys} ({', '.join(names)}).")


def check_cage(version_text: str | None = None) -> Finding:
    """cage, the Wayland kiosk compositor the systemd unit starts, and its version."""
    subject = "cage"
    if version_text is None:
        if shutil.which("cage") is None:
            return Finding(
                PROBLEM,
                subject,
                "absent : le service ne peut pas afficher le kiosque. Installez : apt install cage",
            )
        version_text = _run(["cage", "-v"]) or ""
    found = re.search(r"(\d+)\.(\d+)\.(\d+)", version_text)
    if not found:
        return Finding(WARNING, subject, f"version inconnue ({version_text.strip()!r}).")
    version = found.group(0)
    return Finding(OK, subject, f"version {version}.")


CHECKS: tuple[Callable[..., Finding], ...] = (
    check_speech,
    check_sound,
    check_display,
    check_printing,
    check_fonts,
    check_cage,
)


def run_checks(database: Path) -> list[Finding]:
    """Every check, in the order of the report; the database check takes its path."""
    findings = [check() for check in CHECKS]
    findings.insert(5, check_database(database))
    findings.insert(6, check_signing_keys(database))
    return findings


def exit_code(findings: Iterable[Finding]) -> int:
    """1 when a citizen would notice something (a ``problème``), else 0."""
    return 1 if any(finding.level == PROBLEM for finding in findings) else 0


def run_doctor(database: Path) -> int:
    """Print one line per check on stdout, then a summary; return the exit code."""
    findings = run_checks(database)
    for finding in findings:
        print(finding.line())
    problems = sum(finding.level == PROBLEM for finding in findings)
    if problems:
        print(f"{problems} problème(s) : corrigez-les, puis relancez « kiosk doctor ».")
    else:
        print("Ce PC est prêt pour le kiosque.")
    return exit_code(findings)
