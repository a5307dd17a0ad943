"""The papers print numbers the way the real ones do, and are read aloud the same way."""

from __future__ import annotations

from kiosk.core.pack_reader import read_pack
from kiosk.core.practice.answers import check_answer
from kiosk.core.practice.documents import DOCUMENTS, document_lines
from kiosk.ui.practice.paper_document import PaperDocument


def test_numbers_are_grouped_as_on_the_real_papers(builtin_pack_dir):
    camille = read_pack(builtin_pack_dir).personas["camille-martin"]
    printed = {
        key: value for kind in DOCUMENTS for key, _label, value in document_lines(kind, camille)
    }
    assert printed["nir"] == "2 56 04 76 540 123 88"  # carte Vitale
    assert printed["numero_fiscal"] == "12 34 567 890 066"  # avis d'impôt
    assert printed["iban"] == "FR76 3000 6000 0112 3456 7890 189"  # RIB
    assert printed["revenu_fiscal_reference"] == "18\u00a0420\u00a0€"
    assert printed["birth_date"] == "12 04 1956"  # carte d'identité of 2021


def test_a_corsican_nir_keeps_2a_in_its_group(builtin_pack_dir):
    karim = read_pack(builtin_pack_dir).personas["karim-benali"]
    (nir,) = [v for k, _label, v in document_lines("carte-vitale", karim) if k == "nir"]
    assert nir == "1 68 11 2A 004 057 81"


def test_what_is_printed_is_accepted_when_typed(builtin_pack_dir):
    """A person copies the paper as printed: every value of every paper is a right answer."""
    for persona in read_pack(builtin_pack_dir).personas.values():
        for kind in DOCUMENTS:
            for key, _label, value in document_lines(kind, persona):
                if key in ("address", "sex", "numero_acces", "revenu_fiscal_reference"):
                    continue
                check = {"nir": "nir", "numero_fiscal": "numero_fiscal", "iban": "iban",
                         "birth_date": "date"}.get(key, "text")  # fmt: skip
                outcome = check_answer(check, value, persona.value(key), kind, key)
                assert outcome.ok, (key, value, outcome.message)


def test_the_drawn_card_is_described_with_its_groups(qtbot, builtin_pack_dir):
    camille = read_pack(builtin_pack_dir).personas["camille-martin"]
    card = PaperDocument("carte-vitale", camille)
    qtbot.addWidget(card)
    assert card.accessibleName() == "Carte Vitale"
    assert "Numéro de sécurité sociale : 2 56 04 76 540 123 88" in card.accessibleDescription()
