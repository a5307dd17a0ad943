"""The core stays plain Python: it must never pull in Qt."""

from pathlib import Path

from tests.fresh_interpreter import modules_loaded

KIOSK = Path(__file__).resolve().parents[1] / "kiosk"
# Modules outside core/ and store/ that must stay Qt-free too (the CLI reuses them).
ALSO_QT_FREE = [
    "kiosk.builtin_content",
    "kiosk.speech.synthesizer",
    "kiosk.cli",
    "kiosk.pin_command",
    "kiosk.stats_command",
]


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
    code = f"import importlib\nfor name in {modules!r}: importlib.import_module(name)\n"
    assert modules_loaded(code, ("PySide6", "shiboken6")) == []
