"""Where a file chooser starts for an export: the USB stick, if one is plugged in.

Desktop Linux mounts removable media under ``/run/media/<user>/<label>`` (udisks2) or
``/media/<user>/<label>`` (Debian and Ubuntu, udisks2 configured so) and older systems under
``/media/<label>``. The first mounted folder found there is the stick; without one, the home
folder.
"""

from __future__ import annotations

import getpass
from pathlib import Path

MEDIA_ROOTS = (Path("/media"), Path("/run/media"))


def _mounted(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and p.is_mount())
    except OSError:
        return []


def removable_media_folder(roots: tuple[Path, ...] = MEDIA_ROOTS, home: Path | None = None) -> Path:
    """The first mounted stick under ``roots`` (per user first), else a root that has
    folders, else ``home`` (the user's home by default)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    for root in roots:
        for folder in (root / user, root) if user else (root,):
            mounted = _mounted(folder)
            if mounted:
                return mounted[0]
    for root in roots:
        if _mounted(root / user) or (root / user).is_dir():
            return root / user
    return home or Path.home()
