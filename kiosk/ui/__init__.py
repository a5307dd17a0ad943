"""Qt widgets and screens: they present state and forward what the person asks for.

WORKAROUND for PySide6's ``__feature__`` import hook (PYSIDE-2029): to know whether a module
uses PySide6, it calls ``inspect.getsource()`` on every module imported after PySide6, and
``linecache`` then keeps each whole source for the life of the process (about 80 files and
3 MiB in the kiosk). The same question, answered from the file's bytes, caches nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 (installs the hook replaced below)


def _stop_pyside_caching_sources() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:  # another PySide6 version: leave it alone
        return

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    feature._mod_uses_pyside = mod_uses_pyside


_stop_pyside_caching_sources()
