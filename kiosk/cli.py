"""Command line: start the kiosk window, or check and install content packs.

kiosk [--kiosk] [--db PATH] [--lang fr|en]
kiosk pack validate PATH
kiosk pack import PATH [--db PATH] [--force]       (kiosk --kiosk pack import: signed only)
kiosk pack keygen|sign|trust|versions|rollback …   (kiosk.pack_command)
kiosk settings list|get|set …                      (kiosk.settings_command)
kiosk sheet TUTORIAL [--lang ar] [-o fiche.pdf] [--place TEXT] [--db PATH]
kiosk pin set mediator|admin [--pin-from-stdin] [--db PATH]
kiosk pin status [--db PATH]
kiosk doctor [--db PATH]
kiosk stats export PATH [--db PATH]
kiosk stats merge FILE... --into PATH
kiosk desk [--db PATH] [--broker HOST] [--port N] [--room NAME]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import NoReturn

from kiosk.core.languages import LANGUAGES


class FriendlyParser(argparse.ArgumentParser):
    """argparse with one clear sentence instead of a terse error."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog} : cette commande n'est pas comprise ({message}).\n"
            f"Tapez « {self.prog} --help » pour voir les options.\n",
        )


def build_parser() -> FriendlyParser:
    parser = FriendlyParser(
        prog="kiosk", description="Pas à pas : apprendre les démarches en ligne, pas à pas."
    )
    parser.add_argument("--kiosk", action="store_true", help="plein écran, sans cadre (borne)")
    parser.add_argument("--db", type=Path, help="chemin de la base de données SQLite")
    parser.add_argument(
        "--lang", choices=sorted(LANGUAGES), help="langue de départ de chaque session"
    )
    commands = parser.add_subparsers(dest="command", parser_class=FriendlyParser)
    pack = commands.add_parser("pack", help="vérifier ou installer un paquet de contenu")
    pack_commands = pack.add_subparsers(dest="pack_command", required=True)
    validate = pack_commands.add_parser("validate", help="vérifier un paquet sans l'installer")
    validate.add_argument("path", type=Path)
    install = pack_commands.add_parser("import", help="vérifier puis installer un paquet")
    install.add_argument("path", type=Path)
    install.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    install.add_argument(
        "--force",
        action="store_true",
        help="installer même si une version plus récente du paquet est installée",
    )
    from kiosk.pack_command import add_pack_trust_commands

    add_pack_trust_commands(pack_commands)
    settings = commands.add_parser("settings", help="lire ou changer les réglages")
    settings_commands = settings.add_subparsers(dest="settings_command", required=True)
    settings_list = settings_commands.add_parser("list", help="tous les réglages et leur valeur")
    settings_get = settings_commands.add_parser("get", help="la valeur d'un réglage")
    settings_get.add_argument("key", help="le nom du réglage, par exemple idle_seconds")
    settings_set = settings_commands.add_parser("set", help="changer un réglage")
    settings_set.add_argument("key", help="le nom du réglage, par exemple idle_seconds")
    settings_set.add_argument("value", help="la nouvelle valeur, par exemple 240 ou oui")
    for sub in (settings_list, settings_get, settings_set):
        sub.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    content = commands.add_parser("content", help="relire les textes d'un paquet")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    lint = content_commands.add_parser(
        "lint", help="vérifier que les textes sont en langage clair (FALC)"
    )
    lint.add_argument("path", type=Path)
    sheet = commands.add_parser("sheet", help="écrire la fiche à emporter d'un tutoriel (PDF)")
    sheet.add_argument("tutorial", help="identifiant du tutoriel, par exemple ameli-attestation")
    sheet.add_argument(
        "--lang", dest="sheet_lang", choices=sorted(LANGUAGES), default="fr", help="langue"
    )
    sheet.add_argument(
        "-o", "--output", type=Path, help="fichier PDF (par défaut TUTORIEL-LANGUE.pdf)"
    )
    sheet.add_argument("--place", help="le lieu écrit sur la fiche (par défaut : le réglage)")
    sheet.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    pin = commands.add_parser("pin", help="donner un code au médiateur ou à l'administrateur")
    pin_commands = pin.add_subparsers(dest="pin_command", required=True)
    pin_set = pin_commands.add_parser("set", help="donner ou changer le code d'un rôle")
    pin_set.add_argument("role", choices=["mediator", "admin"], help="le rôle")
    pin_set.add_argument(
        "--pin-from-stdin", action="store_true", help="lire le code sur l'entrée (scripts)"
    )
    pin_set.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    pin_status = pin_commands.add_parser("status", help="quels rôles ont un code")
    pin_status.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    doctor = commands.add_parser("doctor", help="vérifier que ce PC est prêt pour le kiosque")
    doctor.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    stats = commands.add_parser("stats", help="statistiques anonymes : exporter, réunir")
    stats_commands = stats.add_subparsers(dest="stats_command", required=True)
    export = stats_commands.add_parser(
        "export", help="écrire les totaux par jour de cette borne (fichier SQLite)"
    )
    export.add_argument("path", type=Path, help="le fichier à écrire")
    export.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    merge = stats_commands.add_parser(
        "merge", help="réunir les fichiers de plusieurs bornes en un seul (pour Datasette)"
    )
    merge.add_argument("files", type=Path, nargs="+", help="les fichiers exportés")
    merge.add_argument("--into", type=Path, required=True, help="le fichier réuni")
    desk = commands.add_parser("desk", help="le bureau du médiateur : les kiosques de la salle")
    desk.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    desk.add_argument("--broker", help="adresse du serveur de la salle (par défaut : le réglage)")
    desk.add_argument("--port", type=int, help="port du serveur de la salle")
    desk.add_argument("--room", help="nom de la salle")
    return parser


def window_options(argv: list[str]) -> argparse.Namespace | None:
    """The options of a window start (``--kiosk``, ``--db``, ``--lang``), read directly.

    Building the argparse parser takes about 8 ms (its sub-commands, and a gettext look-up on
    disk for each of its own messages), which every start of the kiosk paid. None for any
    other command line, or a wrong value: the full parser then answers, with its messages.
    """
    options = argparse.Namespace(command=None, kiosk=False, db=None, lang=None)
    words = iter(argv)
    for word in words:
        name, has_value, value = word.partition("=")
        if word == "--kiosk":
            options.kiosk = True
            continue
        if name not in ("--db", "--lang"):
            return None
        if not has_value:
            value = next(words, "")
        if not value or value.startswith("-"):  # argparse says what is missing
            return None
        if name == "--db":
            options.db = Path(value)
        elif value in LANGUAGES:
            options.lang = value
        else:
            return None
    return options


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    argv = sys.argv[1:] if argv is None else argv
    args = window_options(argv) or build_parser().parse_args(argv)
    command = args.command
    if command == "pack":
        return run_pack_command(args)
    if command == "settings":
        from kiosk.settings_command import run_settings_command

        return run_settings_command(
            args.settings_command,
            getattr(args, "key", None),
            getattr(args, "value", None),
            _database_path(args),
        )
    if command == "content":
        from kiosk.content_lint import run_lint

        return run_lint(args.path)
    if command == "pin":
        from kiosk.pin_command import run_pin_command

        return run_pin_command(
            args.pin_command,
            getattr(args, "role", None),
            _database_path(args),
            from_stdin=getattr(args, "pin_from_stdin", False),
        )
    if command == "sheet":
        from kiosk.ui.printing.sheet_command import run_sheet_command

        return run_sheet_command(
            args.tutorial, args.sheet_lang, args.output, _database_path(args), args.place
        )
    if command == "doctor":
        from kiosk.doctor import run_doctor

        return run_doctor(_database_path(args))
    if command == "stats":
        from kiosk.stats_command import run_stats_command

        return run_stats_command(
            args.stats_command,
            _database_path(args),
            getattr(args, "path", None),
            getattr(args, "files", ()),
            getattr(args, "into", None),
        )
    if command == "desk":
        from kiosk.app.desk import run_desk

        return run_desk(args)
    return run_kiosk(args)


def _database_path(args: argparse.Namespace) -> Path:
    from kiosk.store.database import default_database_path

    return getattr(args, "pack_db", None) or args.db or default_database_path()


def run_pack_command(args: argparse.Namespace) -> int:
    """``kiosk pack validate|import``: 0 when valid (and installed), 1 with sentences if not.

    Whatever the pack holds, the admin reads sentences on stderr, never a traceback.
    """
    from kiosk.core.pack_reader import PackError, read_pack
    from kiosk.pack_command import print_refusal, print_unexpected

    if args.pack_command != "validate":  # import, sign, keygen, trust, versions, rollback
        from kiosk.pack_command import run_pack_trust_command

        return run_pack_trust_command(args, _database_path(args))
    try:
        pack = read_pack(args.path)
    except PackError as error:
        print_refusal(args.path, [str(p) for p in error.problems], installing=False)
        return 1
    except Exception as error:  # a bug of ours: still a sentence for the admin
        print_unexpected(args.path, error)
        return 1
    count = len(pack.tutorials)
    summary = f"{pack.id} version {pack.version}, {count} tutoriel{'s' if count > 1 else ''}"
    print(f"Le paquet est correct : {summary}.", file=sys.stderr)
    return 0


def run_kiosk(args: argparse.Namespace) -> int:
    """The kiosk window (kiosk/app: start-up checks, crash handler, log, retention)."""
    from kiosk.app.start import run_kiosk as run

    return run(args)
