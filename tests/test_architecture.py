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
    "kiosk.command_database",
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


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` names in an import statement, at any depth (lazy imports too)."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


LAYER_RULES = {
    # package: the packages it must never import
    "core": ("PySide6", "shiboken6", "kiosk.store", "kiosk.ui", "kiosk.app", "kiosk.speech"),
    "store": ("PySide6", "shiboken6", "kiosk.ui", "kiosk.app"),
    "speech": ("kiosk.ui", "kiosk.app", "kiosk.store"),
}


def broken_layer_rules(root: Path) -> list[str]:
    broken = []
    for package, forbidden in LAYER_RULES.items():
        for path in sorted((root / package).rglob("*.py")):
            for name in sorted(imported_modules(path)):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    broken.append(f"{path.relative_to(root.parent)} imports {name}")
    return broken


def test_layers_import_only_downwards():
    """core is plain Python with no store or Qt; store never reaches up into the ui (DESIGN.md,
    "Layers"). Lazy imports inside functions count too."""
    assert broken_layer_rules(KIOSK) == []


def test_the_layer_check_sees_a_forbidden_import(tmp_path):
    for package in LAYER_RULES:
        (tmp_path / "kiosk" / package).mkdir(parents=True)
    (tmp_path / "kiosk" / "core" / "bad.py").write_text(
        "def later():\n    from kiosk.store.database import Database\n"
    )
    (tmp_path / "kiosk" / "store" / "worse.py").write_text("import kiosk.ui.widgets\n")
    assert broken_layer_rules(tmp_path / "kiosk") == [
        "kiosk/core/bad.py imports kiosk.store.database",
        "kiosk/store/worse.py imports kiosk.ui.widgets",
    ]
