"""Fake identities hold together, and a pack refuses one that does not."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.pack_reader import PackError, read_pack
from kiosk.core.practice.persona import generate_persona, persona_problems
from tests.packs import write_pack


def test_the_shipped_personas_are_consistent(builtin_pack_dir):
    personas = read_pack(builtin_pack_dir).personas
    assert {"camille-martin", "karim-benali"} <= set(personas)
    karim = personas["karim-benali"]
    assert karim.nir[5:7] == "2A"  # born in Corsica
    for persona in personas.values():
        assert persona_problems(persona) == []


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_generated_personas_are_consistent(seed):
    persona = generate_persona("someone", seed)
    assert persona_problems(persona) == []
    assert generate_persona("someone", seed) == persona  # reproducible


def test_inconsistencies_are_named():
    persona = generate_persona("someone", 1)
    other_sex = "M" if persona.sex == "F" else "F"
    problems = persona_problems(replace(persona, sex=other_sex))
    assert any("sexe (1er chiffre)" in p for p in problems)
    problems = persona_problems(replace(persona, nir=persona.nir[:-2] + "00"))
    assert any(p.startswith("nir : Les 2 derniers chiffres") for p in problems)


def test_a_pack_with_a_broken_persona_is_refused(tmp_path, builtin_pack_dir):
    folder = write_pack(tmp_path / "p")
    (folder / "personas").mkdir()
    text = (builtin_pack_dir / "personas/camille-martin.yaml").read_text()
    text = text.replace('nir: "256047654012388"', 'nir: "256047654012399"')
    (folder / "personas/camille-martin.yaml").write_text(text)
    try:
        read_pack(folder)
    except PackError as error:
        (problem,) = error.problems
        assert str(problem).startswith("personas/camille-martin.yaml, ligne 10 (nir) : ")
        assert "ne correspondent pas" in str(problem)
    else:
        raise AssertionError("the broken persona was accepted")


def test_a_persona_phone_outside_the_fiction_blocks_is_named():
    """ARCEP keeps 01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49 and 06 39 98 for fiction."""
    persona = generate_persona("someone", 2)
    assert persona.phone.startswith("06 39 98")
    problems = persona_problems(replace(persona, phone="06 12 34 56 78"))
    assert any(p.startswith("phone : prenez un numéro réservé à la fiction") for p in problems)
    for number in ("+33 1 99 00 12 34", "04 65 71 00 00", "05.36.49.99.99"):
        assert persona_problems(replace(persona, phone=number)) == []
