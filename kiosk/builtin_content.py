"""The built-in pack under assets/content: imported at first start and when its version rises."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from kiosk.store.content_store import ContentStore

BUILTIN_PACK = Path(__file__).resolve().parents[1] / "assets" / "content"
log = logging.getLogger(__name__)
_TOP_LEVEL_ID = re.compile(r"^id:[ \t]*([a-z0-9-]+)[ \t]*(?:#.*)?$", re.MULTILINE)
_TOP_LEVEL_VERSION = re.compile(r"^version:[ \t]*([0-9]+)[ \t]*(?:#.*)?$", re.MULTILINE)


def ensure_builtin_content(content: ContentStore, folder: Path = BUILTIN_PACK) -> bool:
    """Install the built-in pack if it is new or newer; True when something was installed.

    A broken built-in pack is logged and skipped: the content already installed stays in use.
    On a usual start the version line of pack.yaml is enough: the pack is neither read nor
    checked, and the pack reader (YAML, validators) is not even imported.
    """
    header = pack_header(folder)
    if header is not None:
        installed = content.installed_version(header[0])
        if installed is not None and _up_to_date(content, installed, *header):
            return False
    from kiosk.core.pack_checks import PackError, Problem
    from kiosk.core.pack_files import PackFiles, PackFilesError
    from kiosk.core.pack_reader import build_pack
    from kiosk.store.content_store import InstallRecord

    try:
        try:
            files = PackFiles.open(folder)
        except PackFilesError as error:
            raise PackError([Problem(str(folder), 0, "", str(error))]) from error
        pack = build_pack(files)
    except PackError as error:
        log.error("Le paquet intégré est refusé :\n%s", error)
        return False
    installed = content.installed_version(pack.id)
    if installed is not None and _up_to_date(content, installed, pack.id, pack.version):
        return False
    # Kept as a version (kiosk.store.pack_versions_store), as an imported pack is: after an
    # import of a newer version of the same pack, the admin can go back to the built-in one.
    content.install(pack, record=InstallRecord(files.to_zip(), None))
    log.info("Paquet intégré %s version %s installé.", pack.id, pack.version)
    return True


def _up_to_date(content: ContentStore, installed: int, pack_id: str, version: int) -> bool:
    """Whether the installed version is newer, or this one and kept for a rollback (a kiosk
    installed before the built-in pack was kept gets it kept at its next start, once)."""
    if installed != version:
        return installed > version
    row = content.db.execute(
        "SELECT 1 FROM pack_versions WHERE pack_id = ? AND version = ?", [pack_id, version]
    ).fetchone()
    return row is not None


def pack_header(folder: Path) -> tuple[str, int] | None:
    """The pack's id and version from the top-level lines of pack.yaml, without a YAML parser.

    None when they cannot be read that way (quoted, missing): the full read then decides.
    """
    try:
        text = (folder / "pack.yaml").read_text(encoding="utf-8")
    except OSError:
        return None
    pack_id, version = _TOP_LEVEL_ID.search(text), _TOP_LEVEL_VERSION.search(text)
    if pack_id is None or version is None:
        return None
    return pack_id.group(1), int(version.group(1))
