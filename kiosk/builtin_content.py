"""The built-in pack under assets/content: imported at first start and when its version rises."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.core.pack_reader import PackError, read_pack
from kiosk.store.content_store import ContentStore

BUILTIN_PACK = Path(__file__).resolve().parents[1] / "assets" / "content"
log = logging.getLogger(__name__)


def ensure_builtin_content(content: ContentStore, folder: Path = BUILTIN_PACK) -> bool:
    """Install the built-in pack if it is new or newer; True when something was installed.

    A broken built-in pack is logged and skipped: the content already installed stays in use.
    """
    try:
        pack = read_pack(folder)
    except PackError as error:
        log.error("Le paquet intégré est refusé :\n%s", error)
        return False
    installed = content.installed_version(pack.id)
    if installed is not None and installed >= pack.version:
        return False
    content.install(pack)
    log.info("Paquet intégré %s version %s installé.", pack.id, pack.version)
    return True
