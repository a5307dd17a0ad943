"""The core stays plain Python: it must never pull in Qt."""

import subprocess
import sys

CORE_MODULES = [
    "kiosk.core.content",
    "kiosk.core.contrast",
    "kiosk.core.i18n",
    "kiosk.core.languages",
    "kiosk.core.pack_files",
    "kiosk.core.pack_reader",
    "kiosk.core.reading",
    "kiosk.core.search_terms",
    "kiosk.core.session",
    "kiosk.core.settings",
    "kiosk.core.text_size",
    "kiosk.core.yaml_lines",
    "kiosk.store.database",
    "kiosk.store.content_store",
    "kiosk.store.activity_store",
    "kiosk.store.settings_store",
    "kiosk.builtin_content",
    "kiosk.speech.synthesizer",
]


def test_core_and_store_import_no_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_every_core_module_is_checked():
    from pathlib import Path

    import kiosk.core

    folder = Path(kiosk.core.__file__).parent
    modules = {f"kiosk.core.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
    assert modules <= set(CORE_MODULES)
