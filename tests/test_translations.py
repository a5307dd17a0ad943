"""Interface catalogs: complete, never fuzzy, in step with the code, and compiled by babel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiosk.core import i18n

REPO = Path(__file__).resolve().parents[1]
CATALOGS = sorted((REPO / "translations").glob("*/LC_MESSAGES/kiosk.po"))


def extracted_ids(tmp_path: Path) -> set:
    pot = tmp_path / "kiosk.pot"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location",
            "-F", str(REPO / "babel.cfg"), "-k", "_", "-k", "N_", "-k", "ngettext:1,2",
            "-o", str(pot), str(REPO / "kiosk"),
        ],
        check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_every_interface_language_has_a_catalog():
    from kiosk.core.languages import LANGUAGES

    assert {p.parts[-3] for p in CATALOGS} == set(LANGUAGES) - {"fr"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_catalog_is_complete_and_not_fuzzy(path, tmp_path):
    with path.open("rb") as f:
        catalog = read_po(f)
    messages = {m.id: m for m in catalog if m.id}
    missing = extracted_ids(tmp_path) - set(messages)
    assert not missing, f"run `make translations`: {sorted(missing)}"
    for message in messages.values():
        assert "fuzzy" not in message.flags, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id}"


def test_compiled_catalog_is_used():
    assert i18n.install("en")
    assert i18n._("Suivant") == "Next"
    assert i18n.ngettext("{n} étape.", "{n} étapes.", 2) == "{n} steps."
    assert i18n.install("fr")
    assert i18n._("Suivant") == "Suivant"


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_placeholders_survive_translation(path):
    import re

    names = re.compile(r"\{(\w+)\}")
    with path.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set(names.findall(" ".join(source)))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert set(names.findall(text)) == wanted, (message.id, text)


def test_arabic_is_right_to_left_and_plurals_work():
    from kiosk.core.languages import LANGUAGES

    assert LANGUAGES["ar"].right_to_left
    assert i18n.install("uk")
    assert i18n.ngettext("{n} étape.", "{n} étapes.", 5) != i18n.ngettext(
        "{n} étape.", "{n} étapes.", 2
    )
    i18n.install("fr")
