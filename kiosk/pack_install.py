"""Installing a content pack you can trust, and going back to a kept version (issue #13).

One flow for the command line and the admin screen, in two parts so that the admin reads
what will change *before* anything changes:

1. ``open_offer``: read the pack once (a folder or a .zip), validate it, check its minisign
   signature against the trusted keys, and compute the change list; nothing is written.
2. ``install_offer``: install it in one transaction (content, kept version, signer, audit),
   refused when the signature policy says so, or when it is older and not confirmed.

The signature policy (``signatures_required``), documented in docs/content-format.md:

- a pack whose signature does not match its content (changed after signing, or an
  unreadable signature) is always refused, everywhere: it is not what its author made;
- in ``--kiosk`` mode and from the admin screen, an unsigned pack, or one signed by a key
  this kiosk does not trust, is refused unless the setting ``allow_unsigned_packs`` is on
  (a test kiosk);
- from the developer's command line (``kiosk pack import`` without ``--kiosk``) it is
  installed with a warning line. Whoever runs that command can already write the database
  file; refusing there would protect nothing and slow content authors down.

Plain Python, no Qt: the admin screen runs these functions on a worker thread, each with its
own SQLite connection (``*_in`` functions, which take the database's path).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core.i18n import _

if TYPE_CHECKING:
    from kiosk.core.content import Pack
    from kiosk.core.pack_changes import PackChanges
    from kiosk.core.pack_signature import SignatureCheck
    from kiosk.store.database import Database

Progress = Callable[[int, int], None]  # (done, in all), from the worker's thread


class PackRefusedError(Exception):
    """The pack is not installed; ``sentences`` say why, in French, for the admin."""

    def __init__(self, sentences: list[str]) -> None:
        super().__init__("\n".join(sentences))
        self.sentences = sentences


class PackOffer(NamedTuple):
    """A pack read and checked, not installed yet.

    ``archive``: the files read, as a zip (kept for a rollback); ``refusal``: why the
    signature policy refuses it (a French sentence), or None when it may be installed.
    """

    location: Path
    pack: Pack
    archive: bytes
    signature: SignatureCheck
    changes: PackChanges
    refusal: str | None


def signatures_required(kiosk_mode: bool, allow_unsigned: bool) -> bool:
    """Whether only packs signed by a trusted key go in: in kiosk mode (and the admin screen,
    which runs in it), unless the setting ``allow_unsigned_packs`` says this is a test kiosk."""
    return kiosk_mode and not allow_unsigned


def refusal(check: SignatureCheck, required: bool) -> str | None:
    """Why the signature policy refuses a pack with this verdict; None when it does not."""
    from kiosk.core.pack_signature import INVALID

    if check.status == INVALID:
        return check.sentence
    if required and not check.trusted:
        return (
            check.sentence
            + " "
            + _("Cette borne n'installe que des paquets signés par une clé de confiance.")
        )
    return None


def open_offer(
    location: Path, db: Database, require_signature: bool, progress: Progress | None = None
) -> PackOffer:
    """Read, validate and check the pack at ``location``, and list what installing it changes.

    Nothing is written. ``progress(done, total)``: tutorial files checked (build_pack).
    Raises PackRefusedError (the validation problems) when the pack is not valid; a
    signature refused by the policy is in ``refusal``, with the change list still computed
    so that the admin sees what was offered.
    """
    from kiosk.core.pack_changes import compare_packs
    from kiosk.core.pack_checks import PackError, Problem
    from kiosk.core.pack_files import PackFiles, PackFilesError
    from kiosk.core.pack_reader import build_pack
    from kiosk.core.pack_signature import check_signature, signature_path, signed_message
    from kiosk.store.content_store import ContentStore
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    location = Path(location)
    try:
        try:
            files = PackFiles.open(location)
        except PackFilesError as error:
            raise PackError([Problem(str(location), 0, "", str(error))]) from error
        pack = build_pack(files, progress=progress)
    except PackError as error:
        raise PackRefusedError([str(problem) for problem in error.problems]) from error
    check = check_signature(
        signed_message(files), signature_path(location), TrustedKeysStore(db).trusted()
    )
    content = ContentStore(db)
    changes = compare_packs(
        content.pack_tutorials(pack.id), content.installed_version(pack.id), pack
    )
    return PackOffer(
        location, pack, files.to_zip(), check, changes, refusal(check, require_signature)
    )


def install_offer(
    offer: PackOffer, db: Database, force: bool, by: str, progress: Progress | None = None
) -> None:
    """Install an offer in one transaction: content, kept version, signer and audit line.

    ``force``: the admin confirmed installing a lower version. ``by``: who, for the audit
    ("admin", "command line"). Raises PackRefusedError when the signature policy refused it,
    OlderPackError (a higher version is installed, not forced), PackConflictError,
    DatabaseError (kiosk.store); in every case nothing has changed. ``progress``: as
    ContentStore.install's.
    """
    from kiosk.core.pack_signature import SIGNED
    from kiosk.core.pins import AuditEntry
    from kiosk.store.content_store import ContentStore, InstallRecord

    if offer.refusal is not None:
        raise PackRefusedError([offer.refusal])
    pack, changes = offer.pack, offer.changes
    signer = offer.signature.key_id if offer.signature.status == SIGNED else None
    detail = f"{pack.id} {changes.version_from or '-'} → {pack.version}, " + (
        f"signé {signer}" if signer else "non signé"
    )
    record = InstallRecord(offer.archive, signer, AuditEntry(by, "pack installed", detail))
    ContentStore(db).install(pack, allow_older=force, record=record, progress=progress)


def rollback(
    db: Database, pack_id: str, version: int | None, by: str, progress: Progress | None = None
) -> tuple[int, int]:
    """Install a kept version again (``version``, or the one before the installed one).

    Returns (version left, version now installed). The kept files are read and checked again
    as at the first install, and installed with the signer recorded then. Raises PackRefusedError
    (no such kept version, or it no longer reads) and the errors of ContentStore.install.
    """
    from kiosk.core.pack_checks import PackError
    from kiosk.core.pack_files import PackFiles, PackFilesError
    from kiosk.core.pack_reader import build_pack
    from kiosk.core.pins import AuditEntry
    from kiosk.store.content_store import ContentStore, InstallRecord
    from kiosk.store.pack_versions_store import PackVersionsStore

    content = ContentStore(db)
    current = content.installed_version(pack_id)
    if current is None:
        raise PackRefusedError([_("Le paquet « {id} » n'est pas installé.").format(id=pack_id)])
    versions = PackVersionsStore(db).versions(pack_id)
    if version is None:
        target = next((v for v in versions if not v.installed), None)
    else:
        target = next((v for v in versions if v.version == version), None)
    if target is None or (version is None and target.installed):
        kept = ", ".join(str(v.version) for v in versions) or _("aucune")
        if version is None:
            sentence = _("Aucune version précédente du paquet « {id} » n'est gardée.")
        else:
            sentence = _("La version {version} du paquet « {id} » n'est pas gardée.")
        raise PackRefusedError(
            [
                sentence.format(id=pack_id, version=version),
                _("Versions gardées : {versions}.").format(versions=kept),
            ]
        )
    archive = PackVersionsStore(db).archive(pack_id, target.version)
    try:
        pack = build_pack(PackFiles.from_zip_data(archive or b"", f"{pack_id}-{target.version}"))
    except (PackError, PackFilesError) as error:
        raise PackRefusedError(
            [_("La version gardée ne peut plus être lue ({why}).").format(why=error)]
        ) from error
    detail = f"{pack_id} {current} → {target.version}"
    record = InstallRecord(
        archive or b"", target.signed_by, AuditEntry(by, "pack rolled back", detail)
    )
    content.install(pack, allow_older=True, record=record, progress=progress)
    return current, target.version


def failure_sentence(error: BaseException) -> str | None:
    """A sentence for what ``install_offer`` or ``rollback`` raised; None for a bug of ours."""
    from kiosk.store.content_store import PackConflictError
    from kiosk.store.database import DatabaseError, DiskFullError

    if isinstance(error, PackRefusedError):
        return " ".join(error.sentences)
    if isinstance(error, DiskFullError | sqlite3.Error | OSError):
        return write_failure_sentence(error)
    if isinstance(error, PackConflictError | DatabaseError):  # OlderPackError included
        return str(error)
    return None


def write_failure_sentence(error: BaseException) -> str:
    """A sentence for a database write that failed: full disk, read-only file, or else."""
    import errno

    from kiosk.store.database import is_disk_full

    causes: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(causes) < 10:  # a failed ROLLBACK hides the first error
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    for cause in causes:
        code = getattr(cause, "sqlite_errorcode", -1) & 0xFF  # the primary result code
        if is_disk_full(cause) or getattr(cause, "errno", None) == errno.ENOSPC:
            return _(
                "Le disque est plein : le paquet n'a pas pu être enregistré. "
                "Libérez de la place, puis recommencez."
            )
        if code == sqlite3.SQLITE_READONLY:
            return _(
                "La base de données est en lecture seule : le paquet n'a pas pu être "
                "enregistré. Vérifiez les droits du fichier."
            )
    return _("La base de données n'a pas pu enregistrer le paquet ({why}).").format(why=error)


# -- for a worker thread: its own connection, a sentence instead of an exception ----------------
class OfferOutcome(NamedTuple):
    """What the worker found: an ``offer``, or the ``problems`` that refuse the pack."""

    offer: PackOffer | None
    problems: list[str]


def offer_in(
    location: Path, database: Path, require_signature: bool, progress: Progress | None = None
) -> OfferOutcome:
    """``open_offer`` on a connection of the calling thread."""
    from kiosk.store.database import DatabaseError, open_database

    try:
        db = open_database(database)
    except DatabaseError as error:
        return OfferOutcome(None, [str(error)])
    try:
        return OfferOutcome(open_offer(location, db, require_signature, progress), [])
    except PackRefusedError as error:
        return OfferOutcome(None, error.sentences)
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()


def install_in(
    offer: PackOffer, database: Path, force: bool, by: str, progress: Progress | None = None
) -> str | None:
    """``install_offer`` on a connection of the calling thread; None, or why not."""
    return _in(database, lambda db: install_offer(offer, db, force, by, progress))


def rollback_in(
    pack_id: str,
    version: int | None,
    database: Path,
    by: str,
    progress: Progress | None = None,
) -> str | None:
    """``rollback`` on a connection of the calling thread; None, or why not."""
    return _in(database, lambda db: rollback(db, pack_id, version, by, progress))


def _in(database: Path, work) -> str | None:
    from kiosk.store.database import DatabaseError, open_database

    try:
        db = open_database(database)
    except DatabaseError as error:
        return str(error)
    try:
        work(db)
    except Exception as error:
        sentence = failure_sentence(error)
        if sentence is None:
            raise
        return sentence
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()
    return None
