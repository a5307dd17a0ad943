"""Content packs: every problem reported at once, precisely; imports are all or nothing."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.content import Step, Tutorial
from kiosk.core.pack_reader import PackError, read_pack
from kiosk.store.content_store import ContentStore, PackConflictError
from tests.packs import step_yaml, tutorial_yaml, write_pack


def problems_of(path) -> list[str]:
    with pytest.raises(PackError) as caught:
        read_pack(path)
    return [str(p) for p in caught.value.problems]


def test_the_builtin_pack_is_valid_and_rich_enough(builtin_pack_dir):
    pack = read_pack(builtin_pack_dir)
    ids = {t.id for t in pack.tutorials}
    assert {"franceconnect", "ameli-attestation"} <= ids
    for tutorial in pack.tutorials:
        assert len(tutorial.steps) >= 5, tutorial.id
        assert {"fr", "en"} <= tutorial.languages(), tutorial.id
    assert all(path.endswith(".svg") for path in pack.images)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_tutorial_is_in_the_languages_that_every_one_of_its_texts_has(data):
    """A language missing from one text (a tip, a step's title, a thing to prepare…) is not
    one the tutorial is in; an absent tip, warning or image text takes nothing away."""
    every = {"fr": "t", "en": "t", "ar": "t"}
    steps = data.draw(st.integers(0, 3))
    places = ["title", "summary", "next_steps", "prepare"]
    places += [f"{i}.{field}" for i in range(steps) for field in STEP_TEXTS]
    # Every text in every language, but one: in any of the languages, or absent if it may.
    odd_place = data.draw(st.sampled_from(places))
    languages = st.sets(st.sampled_from(["fr", "en", "ar", "uk"])).map(dict.fromkeys)
    may_lack = odd_place.endswith(("tip", "warning", "image_alt"))
    odd = data.draw(st.none() | languages if may_lack else languages)

    def text(place: str) -> dict | None:
        return odd if place == odd_place else dict(every)

    tutorial = Tutorial(
        id="t", title=text("title"), summary=text("summary"), category="bases", level=1,
        minutes=5, official_url="https://www.service-public.fr", source="",
        checked="2026-11-20", next_steps=text("next_steps"), prepare=(text("prepare"),),
        steps=tuple(
            Step(f"s{i}", **{field: text(f"{i}.{field}") for field in STEP_TEXTS})
            for i in range(steps)
        ),
    )  # fmt: skip
    absent = may_lack and not odd  # an empty tip is no tip
    assert tutorial.languages() == set(every if absent else every.keys() & odd.keys())


STEP_TEXTS = ("title", "text", "tip", "warning", "image_alt")


def test_a_good_pack_reads_into_the_model(tmp_path):
    pack = read_pack(write_pack(tmp_path / "p"))
    (tutorial,) = pack.tutorials
    assert tutorial.title["fr"] == "Tutoriel essai"
    assert [s.id for s in tutorial.steps] == ["un", "deux"]
    assert tutorial.checked == "2026-11-20"
    assert pack.images == {"images/a.svg": (tmp_path / "p/images/a.svg").read_bytes()}


def test_bad_yaml_names_the_file_and_line(tmp_path):
    folder = write_pack(tmp_path / "p")
    (folder / "tutorials/essai.yaml").write_text("id: essai\ntitle: {fr: 'oups'\nsteps: []\n")
    (message,) = problems_of(folder)
    assert message.startswith("tutorials/essai.yaml, ligne 3")
    assert "YAML est mal écrit" in message


def test_missing_image_is_named_with_its_field(tmp_path):
    steps = step_yaml("un") + step_yaml("deux", image="images/absente.svg")
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(steps=steps)})
    (message,) = problems_of(folder)
    assert "tutorials/essai.yaml, ligne 22 (steps[1].image)" in message
    assert "images/absente.svg" in message and "introuvable" in message


def test_unknown_category_suggests_the_close_one(tmp_path):
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(category="santé")})
    (message,) = problems_of(folder)
    assert "(category)" in message and "catégorie inconnue « santé »" in message
    assert "Vouliez-vous dire « sante » ?" in message


def test_duplicate_step_id(tmp_path):
    steps = step_yaml("un") + step_yaml("un")
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(steps=steps)})
    (message,) = problems_of(folder)
    assert "(steps[1].id)" in message and "l'étape « un » existe déjà (ligne 14)" in message


def test_missing_french_text(tmp_path):
    text = tutorial_yaml().replace('summary: {fr: "Pour apprendre.", ', "summary: {")
    folder = write_pack(tmp_path / "p", tutorials={"essai": text})
    (message,) = problems_of(folder)
    assert message == (
        "tutorials/essai.yaml, ligne 3 (summary) : le texte en français manque. Ajoutez « fr: … »."
    )


def test_image_path_outside_the_pack(tmp_path):
    steps = step_yaml("un", image="../../etc/passwd.svg")
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(steps=steps)})
    (message,) = problems_of(folder)
    assert "(steps[0].image)" in message and "hors du paquet" in message


def test_zip_entry_outside_the_pack(tmp_path):
    folder = write_pack(tmp_path / "p")
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.rglob("*"):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
        zf.writestr("../evil.yaml", "id: x")
    (message,) = problems_of(archive)
    assert message.startswith("../evil.yaml") and "hors du paquet" in message


def test_a_zip_of_the_pack_folder_reads_like_the_folder(tmp_path):
    folder = write_pack(tmp_path / "p")
    archive = tmp_path / "p.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in folder.rglob("*"):
            if path.is_file():
                zf.write(path, "p/" + path.relative_to(folder).as_posix())
    assert read_pack(archive) == read_pack(folder)


def test_every_problem_is_reported_at_once(tmp_path):
    steps = step_yaml("un", image="images/absente.svg") + step_yaml("un")
    text = tutorial_yaml(category="cuisine", steps=steps).replace("level: 1", "level: 9")
    folder = write_pack(tmp_path / "p", tutorials={"essai": text, "autre": "id: [\n"})
    messages = problems_of(folder)
    assert len(messages) == 5
    joined = "\n".join(messages)
    for expected in ("YAML", "cuisine", "absente.svg", "existe déjà", "de 1 à 3"):
        assert expected in joined


def test_unknown_field_is_refused_with_a_suggestion(tmp_path):
    text = tutorial_yaml().replace("minutes: 5", "minutes: 5\nminute: 5")
    folder = write_pack(tmp_path / "p", tutorials={"essai": text})
    (message,) = problems_of(folder)
    assert "ligne 7 (minute)" in message and "Vouliez-vous dire « minutes » ?" in message


def test_a_newer_format_asks_for_an_update(tmp_path):
    folder = write_pack(tmp_path / "p")
    pack_yaml = folder / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text().replace("format: 1", "format: 2"))
    (message,) = problems_of(folder)
    assert "pack.yaml, ligne 1 (format)" in message and "Mettez Pas à pas à jour" in message


def test_install_replaces_a_pack_and_search_follows(tmp_path, db):
    store = ContentStore(db)
    store.install(read_pack(write_pack(tmp_path / "p", version=1)))
    assert [t.id for t in store.tutorials()] == ["essai"]
    two = {"autre": tutorial_yaml("autre")}
    store.install(read_pack(write_pack(tmp_path / "p", version=2, tutorials=two)))
    assert [t.id for t in store.tutorials()] == ["autre"]
    assert store.installed_version("essai-pack") == 2
    assert [t.id for t in store.search("autre")] == ["autre"]
    assert store.search("essai") == [] or [t.id for t in store.search("essai")] == ["autre"]


def snapshot(db) -> dict:
    tables = ["packs", "tutorials", "images", "tutorials_fts"]
    return {t: sorted(map(repr, db.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


def test_a_failed_import_leaves_the_installed_content_exactly_as_it_was(tmp_path, content, db):
    before = snapshot(db)
    # A second pack that reuses a built-in tutorial's id: refused inside the transaction.
    clash = {"franceconnect": tutorial_yaml("franceconnect")}
    pack = read_pack(write_pack(tmp_path / "p", tutorials=clash))
    with pytest.raises(PackConflictError, match="franceconnect"):
        content.install(pack)
    assert snapshot(db) == before


def test_a_failure_in_the_middle_of_the_writes_rolls_everything_back(tmp_path, content, db):
    from dataclasses import replace

    pack = read_pack(write_pack(tmp_path / "p", pack_id="pas-a-pas-base", version=99))
    before = snapshot(db)
    version = content.installed_version("pas-a-pas-base")
    broken = replace(pack, images={"images/a.svg": None})  # NOT NULL fails after deletes
    with pytest.raises(Exception, match="NOT NULL"):
        content.install(broken)
    assert snapshot(db) == before
    assert content.installed_version("pas-a-pas-base") == version < 99


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_validate_and_import(tmp_path, db_path):
    good = write_pack(tmp_path / "good")
    result = run_cli("pack", "validate", str(good))
    assert result.returncode == 0 and "correct" in result.stderr
    result = run_cli("pack", "import", str(good), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    bad = write_pack(tmp_path / "bad", tutorials={"essai": tutorial_yaml(category="cuisine")})
    result = run_cli("pack", "import", str(bad), "--db", str(db_path))
    assert result.returncode == 1
    assert "tutorials/essai.yaml, ligne 4 (category)" in result.stderr
    assert "Rien n'a été installé" in result.stderr
    from kiosk.store.database import open_database

    assert [t.id for t in ContentStore(open_database(db_path)).tutorials()] == ["essai"]


def test_cli_missing_path(tmp_path):
    result = run_cli("pack", "validate", str(tmp_path / "nothing"))
    assert result.returncode == 1 and "n'existe pas" in result.stderr


def test_cli_content_lint(tmp_path, builtin_pack_dir):
    result = run_cli("content", "lint", str(builtin_pack_dir))
    assert result.returncode == 0, result.stderr
    assert "Total : 0 erreur" in result.stderr
    long_text = "Vous " + "allez " * 20 + "sur le site."
    steps = step_yaml("un").replace("Texte de l'étape un.", long_text)
    bad = write_pack(tmp_path / "bad", tutorials={"essai": tutorial_yaml(steps=steps)})
    result = run_cli("content", "lint", str(bad))
    assert result.returncode == 1
    assert "essai" in result.stderr and "étape un" in result.stderr
