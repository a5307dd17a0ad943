"""Command line: start the kiosk window, or check and install content packs.

kiosk [--kiosk] [--db PATH] [--lang fr|en]
kiosk pack validate PATH
kiosk pack import PATH [--db PATH]
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
    content = commands.add_parser("content", help="relire les textes d'un paquet")
    content_commands = content.add_subparsers(dest="content_command", required=True)
    lint = content_commands.add_parser(
        "lint", help="vérifier que les textes sont en langage clair (FALC)"
    )
    lint.add_argument("path", type=Path)
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
    if command == "content":
        from kiosk.content_lint import run_lint

        return run_lint(args.path)
    return run_kiosk(args)


def _database_path(args: argparse.Namespace) -> Path:
    from kiosk.store.database import default_database_path

    return getattr(args, "pack_db", None) or args.db or default_database_path()


def run_pack_command(args: argparse.Namespace) -> int:
    from kiosk.core.pack_reader import PackError, read_pack

    try:
        pack = read_pack(args.path)
    except PackError as error:
        count = len(error.problems)
        print(
            f"Le paquet {args.path} est refusé ({count} problème{'s' if count > 1 else ''}) :",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"- {problem}", file=sys.stderr)
        if args.pack_command == "import":
            print("Rien n'a été installé : le contenu actuel reste en place.", file=sys.stderr)
        return 1
    summary = f"{pack.id} version {pack.version}, {len(pack.tutorials)} tutoriel(s)"
    if args.pack_command == "validate":
        print(f"Le paquet est correct : {summary}.", file=sys.stderr)
        return 0
    from kiosk.store.content_store import ContentStore, PackConflictError
    from kiosk.store.database import DatabaseError, open_database

    try:
        db = open_database(_database_path(args))
        ContentStore(db).install(pack)
    except (DatabaseError, PackConflictError) as error:
        print(f"{error}\nRien n'a été installé.", file=sys.stderr)
        return 1
    print(f"Paquet installé : {summary}.", file=sys.stderr)
    return 0


def run_kiosk(args: argparse.Namespace) -> int:
    """The kiosk window (kiosk/app: start-up checks, crash handler, log, retention)."""
    from kiosk.app.start import run_kiosk as run

    return run(args)
