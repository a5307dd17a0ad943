"""A pack's compact form (issue #19): made when the pack is signed, read by the kiosk forty
times faster than YAML, with the pack's bounds and every check of the YAML still applied.
Real packs on disk, the real command line, a real database."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import main
from kiosk.core.content import Tutorial
from kiosk.core.pack_checks import PackError
from kiosk.core.pack_compact import COMPACT_NAME, compact_of, compact_values, store_compact
from kiosk.core.pack_files import PackFiles
from kiosk.core.pack_reader import build_pack, read_pack
from kiosk.pack_command import run_keygen, run_sign
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from tests.packs import step_yaml, tutorial_yaml, write_pack, write_practice_pack


def with_compact(folder):
    """Write the folder pack's compact form, as ``kiosk pack sign`` does; its JSON."""
    files = PackFiles.open(folder)
    build_pack(files, use_compact=False)
    data = compact_of(files)
    assert data is not None
    store_compact(folder, data)
    return json.loads(data)


def rewrite(folder, change) -> None:
    """Change the compact form's values (its SHA-256 still those of the YAML files)."""
    document = json.loads((folder / COMPACT_NAME).read_bytes())
    change(document["files"])
    (folder / COMPACT_NAME).write_text(json.dumps(document, ensure_ascii=False), "utf-8")


def raw(folder, text: str) -> None:
    (folder / COMPACT_NAME).write_text(text, "utf-8")


TUTORIAL = "tutorials/essai.yaml"


def test_the_compact_form_gives_the_very_pack_of_the_yaml(tmp_path, builtin_pack_dir):
    for folder in (builtin_pack_dir, write_practice_pack(tmp_path / "practice")):
        files = PackFiles.open(folder)
        from_yaml = build_pack(files, use_compact=False)
        data = compact_of(files)
        assert data is not None
        with_form = PackFiles.open(folder)
        with_form.files[COMPACT_NAME] = data
        assert compact_values(with_form.files) is not None
        assert build_pack(with_form) == from_yaml


def test_the_kiosk_reads_the_compact_form_when_it_is_that_of_the_yaml(tmp_path):
    folder = write_pack(tmp_path / "p")
    with_compact(folder)
    # Proof that the values come from it: a title changed there only (same SHA-256) shows.
    rewrite(folder, lambda files: files[TUTORIAL]["value"]["title"].update(fr="Compact"))
    assert read_pack(folder).tutorials[0].title["fr"] == "Compact"
    # A YAML file edited after the compact form was made: the form is stale, the YAML wins.
    path = folder / TUTORIAL
    path.write_text(path.read_text().replace("Tutoriel essai", "Nouveau titre"))
    assert read_pack(folder).tutorials[0].title["fr"] == "Nouveau titre"


def test_a_form_that_does_not_list_exactly_the_yaml_files_is_not_used(tmp_path):
    folder = write_pack(tmp_path / "p")
    with_compact(folder)
    rewrite(folder, lambda files: files[TUTORIAL]["value"]["title"].update(fr="Compact"))
    (folder / "tutorials" / "autre.yaml").write_text(tutorial_yaml("autre"))
    titles = {t.id: t.title["fr"] for t in read_pack(folder).tutorials}
    assert titles == {"essai": "Tutoriel essai", "autre": "Tutoriel autre"}


@pytest.mark.parametrize(
    "change, sentence",
    [
        (
            lambda v: v.update(official_url="http://impots.gouv.fr.example"),
            "tutorials/essai.yaml (official_url) : l'adresse « http://impots.gouv.fr.example » "
            "ne va pas",
        ),
        (lambda v: v.update(category="casino"), "catégorie inconnue « casino »"),
        (lambda v: v.update(level=99), "« 99 » ne va pas : écrivez un nombre entier de 1 à 3."),
        (lambda v: v["steps"][0].update(image="../../etc/passwd"), "est hors du paquet"),
        (lambda v: v["steps"][0].update(couleur="rouge"), "champ inconnu « couleur »"),
        (lambda v: v.update(title=["une", "liste"]), "il faut un texte par langue"),
    ],
)
def test_a_hostile_compact_form_meets_every_check_of_the_yaml(tmp_path, change, sentence):
    """A signed pack may still be hostile (a key that leaked): what the reader refuses in
    YAML, it refuses in the compact form, with the same French sentence (without the line)."""
    folder = write_pack(tmp_path / "p")
    with_compact(folder)
    rewrite(folder, lambda files: change(files[TUTORIAL]["value"]))
    with pytest.raises(PackError) as caught:
        read_pack(folder)
    assert any(sentence in str(problem) for problem in caught.value.problems), str(caught.value)


@pytest.mark.parametrize(
    "field, fragment",
    [
        # Hidden characters, raw or behind an escape: bidi override, control, tab, surrogate.
        ("title", '{"fr": "Payer\u202eici"}'),
        ("title", '{"fr": "Payer\\u202eici"}'),
        ("title", '{"fr": "Payer\\u0000ici"}'),
        ("title", '{"fr": "Payer\\tici"}'),
        ("title", '{"fr": "\\ud800"}'),
        ("title", '{"fr\u2066": "Payer"}'),
        # A key written twice (YAML says so; JSON would keep the last one silently).
        ("title", '{"fr": "Un", "fr": "Deux"}'),
        # Bounds: a long text, a long number, NaN, nesting, too many values.
        ("title", '{"fr": "' + "a" * 10_001 + '"}'),
        ("level", "1234567890123456"),
        ("level", "NaN"),
        ("title", "[" * 40 + "]" * 40),
        ("title", "[" * 5000 + "]" * 5000),
        ("prepare", "[" + ",".join(["1"] * 25_000) + "]"),
    ],
)
def test_a_compact_form_past_the_bounds_is_not_used(tmp_path, field, fragment):
    """The bounds of pack_limits hold for it as for YAML; the YAML is read instead."""
    folder = write_pack(tmp_path / "p")
    document = with_compact(folder)
    value = document["files"][TUTORIAL]["value"]
    original, value[field] = value[field], "@@"
    raw(folder, json.dumps(document, ensure_ascii=False).replace('"@@"', fragment))
    files = PackFiles.open(folder)
    assert compact_values(files.files) is None
    assert read_pack(folder).tutorials[0].title["fr"] == "Tutoriel essai"
    # The same file with the field as it was is used: only the fragment was refused.
    value[field] = original
    raw(folder, json.dumps(document, ensure_ascii=False))
    assert compact_values(PackFiles.open(folder).files) is not None


def test_a_pack_with_too_many_values_in_all_is_not_read_from_its_form(tmp_path):
    from kiosk.core import pack_limits

    folder = write_pack(tmp_path / "p")
    with_compact(folder)
    files = PackFiles.open(folder).files
    assert compact_values(files) is not None
    budget = pack_limits.MAX_PACK_YAML_NODES
    try:
        import kiosk.core.pack_compact as compact

        compact.MAX_PACK_YAML_NODES = 30
        assert compact_values(files) is None
    finally:
        compact.MAX_PACK_YAML_NODES = budget


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_compact_json_never_raises(junk):
    files = {"pack.yaml": b"id: x\n", COMPACT_NAME: junk}
    assert compact_values(files) is None or isinstance(compact_values(files), dict)


def test_kiosk_pack_sign_writes_the_form_and_the_signature_covers_it(tmp_path, capsys):
    prefix = tmp_path / "auteur"
    assert run_keygen(prefix, "Ville de Rezé", True, False, io.StringIO()) == 0
    folder = write_pack(tmp_path / "p")
    assert run_sign(folder, prefix.with_suffix(".key"), False, io.StringIO()) == 0
    assert (folder / COMPACT_NAME).exists()
    database = tmp_path / "kiosk.db"
    assert main(["pack", "trust", f"{prefix}.pub", "--db", str(database)]) == 0
    assert main(["--kiosk", "pack", "import", str(folder), "--db", str(database)]) == 0
    # The compact form changed after signing: the signature no longer matches.
    rewrite(folder, lambda files: files[TUTORIAL]["value"]["title"].update(fr="Autre"))
    capsys.readouterr()
    assert main(["--kiosk", "pack", "import", str(folder), "--db", str(database)]) != 0
    assert "modifié après avoir été signé" in capsys.readouterr().err


def test_a_signed_zip_gets_its_form_beside_pack_yaml(tmp_path):
    prefix = tmp_path / "auteur"
    assert run_keygen(prefix, "Auteur", True, False, io.StringIO()) == 0
    folder = write_pack(tmp_path / "p")
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"p/{path.relative_to(folder)}")
    assert run_sign(archive, prefix.with_suffix(".key"), False, io.StringIO()) == 0
    with zipfile.ZipFile(archive) as zf:
        assert "p/compact.json" in zf.namelist() and "p/pack.yaml" in zf.namelist()
    files = PackFiles.open(archive)
    assert compact_values(files.files) is not None
    assert build_pack(files) == read_pack(folder)


def test_an_import_from_the_form_keeps_it_for_a_rollback(tmp_path):
    folder = write_pack(tmp_path / "p")
    with_compact(folder)
    files = PackFiles.open(folder)
    kept = PackFiles.from_zip_data(files.to_zip(), "kept")
    assert compact_values(kept.files) is not None
    assert (
        hashlib.sha256(kept.files[COMPACT_NAME]).digest()
        == hashlib.sha256(files.files[COMPACT_NAME]).digest()
    )


def test_to_dict_is_what_asdict_gave(builtin_pack_dir, tmp_path):
    pack = read_pack(builtin_pack_dir)
    practice = read_pack(write_practice_pack(tmp_path / "practice"))
    for tutorial in (*pack.tutorials, *practice.tutorials):
        expected = asdict(tutorial)
        expected["keywords"] = {k: list(v) for k, v in tutorial.keywords.items()}
        assert tutorial.to_dict() == expected
        assert Tutorial.from_dict(tutorial.to_dict()) == tutorial


def test_an_installed_document_is_what_to_dict_gives(builtin_pack_dir, tmp_path):
    """The document orjson writes from the dataclass reads back as ``to_dict``'s JSON, and as
    the same tutorial, for every tutorial of the built-in pack and of a practice pack."""
    db = open_database(tmp_path / "kiosk.db")
    store = ContentStore(db)
    packs = [read_pack(builtin_pack_dir), read_pack(write_practice_pack(tmp_path / "practice"))]
    for pack in packs:
        store.install(pack)
        for tutorial in pack.tutorials:
            (document,) = db.execute(
                "SELECT document FROM tutorials WHERE id = ?", [tutorial.id]
            ).fetchone()
            assert json.loads(document) == json.loads(json.dumps(tutorial.to_dict()))
            assert store.tutorial(tutorial.id) == tutorial
    assert sum(len(pack.tutorials) for pack in packs) >= 19
    db.close()


def test_an_install_from_the_form_is_searchable_as_before(tmp_path):
    folder = write_pack(
        tmp_path / "p", tutorials={"essai": tutorial_yaml(steps=step_yaml("un", image=None))}
    )
    with_compact(folder)
    db = open_database(tmp_path / "kiosk.db")
    store = ContentStore(db)
    store.install(read_pack(folder))
    assert [t.id for t in store.search("etape")] == ["essai"]
    db.close()
