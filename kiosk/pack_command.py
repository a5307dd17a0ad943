"""``kiosk pack import|keygen|sign|trust|keys|distrust|versions|rollback``: packs you can
trust, from the command line (``kiosk pack validate`` stays in kiosk.cli).

For content authors: ``keygen`` makes a minisign key pair, ``sign`` writes the signature
beside a pack (docs/content-format.md, "Signer un paquet"). For the admin: ``trust`` adds an
author's public key, ``import`` shows what will change then installs, ``versions`` and
``rollback`` go back to a kept version. Sentences on stderr, lists on stdout, exit code 0 when
done and 1 when nothing changed; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

AUDIT_BY = "command line"
NOTHING_INSTALLED = "Rien n'a été installé : le contenu actuel reste en place."
MAX_PROBLEMS_SHOWN = 50


def add_pack_trust_commands(pack_commands: argparse._SubParsersAction) -> None:
    """Add keygen, sign, trust, keys, distrust, versions and rollback under ``kiosk pack``."""
    keygen = pack_commands.add_parser(
        "keygen", help="créer une paire de clés pour signer des paquets (auteurs)"
    )
    keygen.add_argument(
        "--out",
        type=Path,
        default=Path("pas-a-pas"),
        help="début du nom des fichiers : OUT.key (secrète) et OUT.pub (publique)",
    )
    keygen.add_argument(
        "--name", default="", help="à qui est la clé, par exemple « Ville de Rezé »"
    )
    keygen.add_argument(
        "--no-password", action="store_true", help="clé secrète sans mot de passe (déconseillé)"
    )
    keygen.add_argument(
        "--password-from-stdin", action="store_true", help="lire le mot de passe sur l'entrée"
    )
    sign = pack_commands.add_parser("sign", help="signer un paquet (dossier ou .zip)")
    sign.add_argument("path", type=Path)
    sign.add_argument("--key", type=Path, required=True, help="le fichier de la clé secrète (.key)")
    sign.add_argument(
        "--password-from-stdin", action="store_true", help="lire le mot de passe sur l'entrée"
    )
    trust = pack_commands.add_parser(
        "trust", help="faire confiance à la clé publique (.pub) d'un auteur de paquets"
    )
    trust.add_argument("public_key", type=Path, help="le fichier de la clé publique (.pub)")
    trust.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    keys = pack_commands.add_parser("keys", help="les clés de confiance de cette borne")
    keys.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    distrust = pack_commands.add_parser(
        "distrust", help="ne plus faire confiance à une clé (les paquets installés restent)"
    )
    distrust.add_argument("key_id", help="l'identifiant de la clé (kiosk pack keys)")
    distrust.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    versions = pack_commands.add_parser("versions", help="les versions gardées d'un paquet")
    versions.add_argument("pack_id", help="identifiant du paquet")
    versions.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")
    rollback = pack_commands.add_parser("rollback", help="revenir à une version gardée")
    rollback.add_argument("pack_id", help="identifiant du paquet")
    rollback.add_argument(
        "--to", type=int, dest="to_version", help="la version (par défaut : la précédente)"
    )
    rollback.add_argument("--db", type=Path, dest="pack_db", help="chemin de la base")


def run_pack_trust_command(
    args: argparse.Namespace, database: Path, stdin: TextIO | None = None
) -> int:
    """Run one of the commands above (or ``import``); the exit code."""
    command = args.pack_command
    if command == "import":
        return run_import(args.path, database, args.force, getattr(args, "kiosk", False))
    if command == "keygen":
        return run_keygen(
            args.out, args.name, args.no_password, args.password_from_stdin, stdin or sys.stdin
        )
    if command == "sign":
        return run_sign(args.path, args.key, args.password_from_stdin, stdin or sys.stdin)
    return _with_database(database, lambda db: _DATABASE_COMMANDS[command](db, args))


def print_refusal(path: Path, problems: list[str], installing: bool) -> None:
    """The refusal of a pack: how many problems, each (the first 50), and what is left."""
    count = len(problems)
    print(
        f"Le paquet {path} est refusé ({count} problème{'s' if count > 1 else ''}) :",
        file=sys.stderr,
    )
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"- {problem}", file=sys.stderr)
    if count > MAX_PROBLEMS_SHOWN:
        print(f"- … et {count - MAX_PROBLEMS_SHOWN} autres problèmes.", file=sys.stderr)
    if installing:
        print(NOTHING_INSTALLED, file=sys.stderr)


def print_unexpected(path: Path, error: Exception) -> None:
    """A bug of ours while reading a pack: still a sentence for the admin (details in the log)."""
    logging.getLogger(__name__).debug("pack reading failed", exc_info=error)
    print(
        f"Le paquet {path} n'a pas pu être vérifié (erreur inattendue : "
        f"{type(error).__name__}). Signalez-le aux développeurs de Pas à pas.",
        file=sys.stderr,
    )


def _with_database(database: Path, work: Callable) -> int:
    from kiosk.command_database import open_for_command

    db = open_for_command(database)
    if db is None:
        return 1
    try:
        return work(db)
    except (sqlite3.Error, OSError) as error:
        print(f"La base de données n'a pas pu être lue ou écrite ({error}).", file=sys.stderr)
        return 1
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()


# -- import ------------------------------------------------------------------------------------
def run_import(path: Path, database: Path, force: bool, kiosk_mode: bool) -> int:
    """Check the pack and its signature, print what will change, then install it."""
    return _with_database(database, lambda db: _import(db, path, force, kiosk_mode))


def _import(db, path: Path, force: bool, kiosk_mode: bool) -> int:
    from kiosk.core.pack_signature import SIGNED
    from kiosk.pack_install import (
        PackRefusedError,
        failure_sentence,
        install_offer,
        open_offer,
        signatures_required,
    )
    from kiosk.store.content_store import OlderPackError
    from kiosk.store.settings_store import SettingsStore

    allow_unsigned = SettingsStore(db).get("allow_unsigned_packs")
    required = signatures_required(kiosk_mode, allow_unsigned)
    try:
        offer = open_offer(path, db, required)
    except PackRefusedError as error:
        print_refusal(path, error.sentences, installing=True)
        return 1
    except Exception as error:  # a bug of ours: still a sentence for the admin
        print_unexpected(path, error)
        return 1
    if offer.refusal is not None:
        print(
            f"Le paquet {path} est refusé : {offer.refusal}\n{NOTHING_INSTALLED}", file=sys.stderr
        )
        return 1
    if offer.signature.status == SIGNED:
        print(offer.signature.sentence, file=sys.stderr)
    else:
        why = (
            "le réglage allow_unsigned_packs le permet"
            if kiosk_mode
            else "hors du mode kiosque, il est accepté"
        )
        print(
            f"Attention : {offer.signature.sentence} Il est installé quand même ({why}).",
            file=sys.stderr,
        )
    print("Ce qui change :", file=sys.stderr)
    for sentence in offer.changes.sentences():
        print(f"- {sentence}", file=sys.stderr)
    try:
        install_offer(offer, db, force, AUDIT_BY)
    except OlderPackError as error:
        print(
            f"{error} Pour l'installer quand même, ajoutez --force.\n{NOTHING_INSTALLED}",
            file=sys.stderr,
        )
        return 1
    except Exception as error:
        sentence = failure_sentence(error)
        if sentence is None:
            raise
        print(f"{sentence}\n{NOTHING_INSTALLED}", file=sys.stderr)
        return 1
    pack = offer.pack
    print(
        f"Paquet installé : {pack.id} version {pack.version}, "
        f"{len(pack.tutorials)} tutoriel{'s' if len(pack.tutorials) > 1 else ''}.",
        file=sys.stderr,
    )
    return 0


# -- for content authors -------------------------------------------------------------------------
def _read_password(from_stdin: bool, stdin: TextIO, twice: bool) -> str | None:
    if from_stdin:
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mot de passe de la clé secrète (il ne s'affiche pas) : ")
    if twice and getpass.getpass("Tapez-le encore une fois : ") != first:
        print("Les deux mots de passe ne sont pas les mêmes. Rien n'a été créé.", file=sys.stderr)
        return None
    return first


def run_keygen(
    out: Path, name: str, no_password: bool, password_from_stdin: bool, stdin: TextIO
) -> int:
    """Write OUT.key (secret, readable by its owner only) and OUT.pub; never overwrite."""
    from kiosk.core.pack_signature import KeyFileError, generate_key_pair

    secret_path, public_path = Path(f"{out}.key"), Path(f"{out}.pub")
    for existing in (secret_path, public_path):
        if existing.exists():
            print(
                f"Le fichier {existing} existe déjà : il n'est pas remplacé (une clé perdue ne "
                "se retrouve pas). Choisissez un autre nom avec --out.",
                file=sys.stderr,
            )
            return 1
    password = None
    if not no_password:
        try:
            password = _read_password(password_from_stdin, stdin, twice=True)
        except (EOFError, KeyboardInterrupt):
            print("\nAucun mot de passe n'a été tapé. Rien n'a été créé.", file=sys.stderr)
            return 1
        if password is None:
            return 1
        if not password:
            print("Le mot de passe est vide. Rien n'a été créé.", file=sys.stderr)
            return 1
    try:
        pair = generate_key_pair(name or out.name, password)
    except KeyFileError as error:
        print(f"{error} Rien n'a été créé.", file=sys.stderr)
        return 1
    try:
        descriptor = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(pair.secret)
        public_path.write_bytes(pair.public)
    except OSError as error:
        print(f"Les clés n'ont pas pu être écrites ({error.strerror}).", file=sys.stderr)
        return 1
    print(
        f"Clé {pair.key_id} créée.\n"
        f"- {secret_path} : la clé secrète. Gardez-la pour vous (et une copie en lieu sûr).\n"
        f"- {public_path} : la clé publique. Donnez-la aux bornes : kiosk pack trust {public_path}",
        file=sys.stderr,
    )
    return 0


def run_sign(path: Path, key: Path, password_from_stdin: bool, stdin: TextIO) -> int:
    """Validate the pack (its YAML, in full), write its compact form in it (compact.json:
    kiosk.core.pack_compact, what kiosks import fast), then write its signature beside it
    (pack.zip.minisig, folder.minisig), which covers the compact form too."""
    import zipfile

    from kiosk.core.pack_checks import PackError, Problem
    from kiosk.core.pack_compact import compact_of, store_compact
    from kiosk.core.pack_files import PackFiles, PackFilesError
    from kiosk.core.pack_reader import build_pack
    from kiosk.core.pack_signature import (
        KeyFileError,
        is_encrypted_key,
        sign,
        signature_path,
        signed_message,
    )

    try:
        try:
            files = PackFiles.open(path)
        except PackFilesError as error:
            raise PackError([Problem(str(path), 0, "", str(error))]) from error
        pack = build_pack(files, use_compact=False)
    except PackError as error:
        print_refusal(path, [str(p) for p in error.problems], installing=False)
        print("Il n'est pas signé : corrigez-le d'abord.", file=sys.stderr)
        return 1
    compact = compact_of(files)
    if compact is not None:
        try:
            store_compact(path, compact)
            files = PackFiles.open(path)
        except (OSError, zipfile.BadZipFile, PackFilesError) as error:
            print(
                f"La forme compacte n'a pas pu être écrite dans {path} ({error}). "
                "Rien n'a été signé.",
                file=sys.stderr,
            )
            return 1
    password = None
    if is_encrypted_key(key):
        try:
            password = _read_password(password_from_stdin, stdin, twice=False)
        except (EOFError, KeyboardInterrupt):
            print("\nAucun mot de passe n'a été tapé. Rien n'a été signé.", file=sys.stderr)
            return 1
    target = signature_path(path)
    try:
        signature = sign(signed_message(files), key, password, Path(path).resolve().name)
        target.write_bytes(signature)
    except KeyFileError as error:
        print(f"{error} Rien n'a été signé.", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"La signature n'a pas pu être écrite dans {target} ({error.strerror}).",
            file=sys.stderr,
        )
        return 1
    print(
        f"Paquet {pack.id} version {pack.version} signé : {target}\n"
        "Copiez ce fichier avec le paquet, à côté de lui. Tout changement du paquet après "
        "la signature le fera refuser : signez à nouveau après chaque changement.",
        file=sys.stderr,
    )
    return 0


# -- for the admin -------------------------------------------------------------------------------
def _trust(db, args: argparse.Namespace) -> int:
    from kiosk.core.pack_signature import KeyFileError, read_public_key
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    try:
        key = read_public_key(args.public_key)
    except KeyFileError as error:
        print(f"{error} Aucune clé n'a été ajoutée.", file=sys.stderr)
        return 1
    if not TrustedKeysStore(db).trust(key, AUDIT_BY):
        print(f"La clé {key.key_id} ({key.name}) est déjà de confiance.", file=sys.stderr)
        return 0
    print(
        f"Clé de confiance ajoutée : {key.key_id} ({key.name}). Les paquets qu'elle signe "
        "peuvent maintenant être installés.",
        file=sys.stderr,
    )
    return 0


def _keys(db, _args: argparse.Namespace) -> int:
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    keys = TrustedKeysStore(db).trusted()
    if not keys:
        print(
            "Aucune clé de confiance : ajoutez-en une avec « kiosk pack trust FICHIER.pub ».",
            file=sys.stderr,
        )
    for key in keys:
        print(f"{key.key_id}  {key.name}")
    return 0


def _distrust(db, args: argparse.Namespace) -> int:
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    key_id = args.key_id.strip().upper()
    if not TrustedKeysStore(db).distrust(key_id, AUDIT_BY):
        print(f"La clé {key_id} n'est pas une clé de confiance de cette borne.", file=sys.stderr)
        return 1
    print(
        f"La clé {key_id} n'est plus de confiance : les paquets qu'elle signe seront refusés. "
        "Les paquets déjà installés restent.",
        file=sys.stderr,
    )
    return 0


def _versions(db, args: argparse.Namespace) -> int:
    from kiosk.store.content_store import ContentStore
    from kiosk.store.pack_versions_store import PackVersionsStore

    versions = PackVersionsStore(db).versions(args.pack_id)
    if not versions:
        installed = ContentStore(db).installed_version(args.pack_id)
        if installed is None:
            print(f"Le paquet « {args.pack_id} » n'est pas installé.", file=sys.stderr)
            return 1
        print(
            f"Le paquet « {args.pack_id} » est en version {installed}, aucune version n'est "
            "gardée (il a été installé avec la borne).",
            file=sys.stderr,
        )
        return 0
    for kept in versions:
        mark = "installée" if kept.installed else "gardée"
        signer = f"signée {kept.signed_by}" if kept.signed_by else "non signée"
        tutorials = f"{kept.tutorials} tutoriel{'s' if kept.tutorials > 1 else ''}"
        print(
            f"version {kept.version}  {mark}  {tutorials}  {signer}  "
            f"installée le {kept.installed_at}"
        )
    return 0


def _rollback(db, args: argparse.Namespace) -> int:
    from kiosk.pack_install import failure_sentence, rollback

    try:
        left, now = rollback(db, args.pack_id, args.to_version, AUDIT_BY)
    except Exception as error:
        sentence = failure_sentence(error)
        if sentence is None:
            raise
        print(f"{sentence} Rien n'a changé.", file=sys.stderr)
        return 1
    print(
        f"Le paquet « {args.pack_id} » est revenu de la version {left} à la version {now}.",
        file=sys.stderr,
    )
    return 0


_DATABASE_COMMANDS = {
    "trust": _trust,
    "keys": _keys,
    "distrust": _distrust,
    "versions": _versions,
    "rollback": _rollback,
}
