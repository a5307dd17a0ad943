"""The core stays plain Python: it must never pull in Qt."""

import subprocess
import sys
from pathlib import Path

KIOSK = Path(__file__).resolve().parents[1] / "kiosk"
# Modules outside core/ and store/ that must stay Qt-free too (the CLI reuses them).
ALSO_QT_FREE = ["kiosk.builtin_content", "kiosk.speech.synthesizer", "kiosk.cli"]


def qt_free_modules() -> list[str]:
    names = list(ALSO_QT_FREE)
    for package in ("core", "store"):
        for path in sorted((KIOSK / package).rglob("*.py")):
            parts = path.relative_to(KIOSK.parent).with_suffix("").parts
            names.append(".".join(p for p in parts if p != "__init__"))
    return names


def test_core_store_and_cli_import_no_qt():
    modules = qt_free_modules()
    assert "kiosk.core.pack_reader" in modules and "kiosk.core.practice.validators" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
