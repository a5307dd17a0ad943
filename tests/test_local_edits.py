"""Local edits layered over installed tutorials (issue #20): the three-way merge, drafts,
publishing atomically, and a base pack update that keeps the kiosk's edits."""

from __future__ import annotations

import copy

import pytest

from kiosk.core.local_edits import changed_keys, leaves, merge, resolve
from kiosk.core.pack_reader import read_pack
from kiosk.core.tutorial_checks import image_problem, publish_problems
from kiosk.store.content_store import ContentStore
from kiosk.store.local_edits_store import LocalEditsStore, PublishError
from tests.packs import SVG, step_yaml, tutorial_yaml, write_pack


def base_document() -> dict:
    return {
        "id": "t",
        "title": {"fr": "Titre", "en": "Title"},
        "summary": {"fr": "Résumé.", "en": "Summary."},
        "next_steps": {"fr": "Ensuite.", "en": "Next."},
        "category": "bases",
        "level": 1,
        "minutes": 5,
        "official_url": "https://www.service-public.fr",
        "source": "https://www.service-public.fr",
        "checked": "2026-01-01",
        "prepare": [],
        "keywords": {},
        "steps": [
            {
                "id": s,
                "title": {"fr": f"Étape {s}", "en": f"Step {s}"},
                "text": {"fr": f"Texte {s}.", "en": f"Text {s}."},
                "speech": None,
                "image": None,
                "image_alt": None,
                "tip": None,
                "warning": None,
                "practice": None,
            }
            for s in ("a", "b", "c")
        ],
    }


def step(document: dict, step_id: str) -> dict:
    return next(s for s in document["steps"] if s["id"] == step_id)


def test_fields_are_per_language_and_steps_are_matched_by_id():
    found = leaves(base_document())
    assert found[("title", "en")] == "Title"
    assert found[("steps", "b", "text", "fr")] == "Texte b."
    assert found[("order",)] == ["a", "b", "c"]


def test_a_local_edit_survives_a_base_change_elsewhere():
    seen = base_document()
    local = copy.deepcopy(seen)
    step(local, "b")["text"]["fr"] = "L'imprimante est à l'accueil."
    base = copy.deepcopy(seen)
    step(base, "b")["text"]["en"] = "New English text."
    base["steps"][0]["tip"] = {"fr": "Nouveau conseil."}
    merged = merge(seen, local, base)
    assert merged.conflicts == ()
    assert step(merged.document, "b")["text"] == {
        "fr": "L'imprimante est à l'accueil.",
        "en": "New English text.",
    }
    assert step(merged.document, "a")["tip"] == {"fr": "Nouveau conseil."}


def test_with_an_unchanged_base_the_merge_is_the_local_document():
    seen = base_document()
    local = copy.deepcopy(seen)
    local["steps"].reverse()
    local["steps"].append({**copy.deepcopy(local["steps"][0]), "id": "new"})
    assert merge(seen, local, seen).document == local


def test_both_changing_the_same_text_is_a_conflict_where_the_local_text_stays():
    seen = base_document()
    local = copy.deepcopy(seen)
    step(local, "b")["text"]["fr"] = "Le mardi seulement."
    base = copy.deepcopy(seen)
    step(base, "b")["text"]["fr"] = "Le site a changé son menu."
    merged = merge(seen, local, base)
    (conflict,) = merged.conflicts
    assert conflict.key == ("steps", "b", "text", "fr")
    assert (conflict.seen, conflict.local, conflict.base) == (
        "Texte b.",
        "Le mardi seulement.",
        "Le site a changé son menu.",
    )
    assert conflict.where == "étape b, le texte (fr)"
    assert step(merged.document, "b")["text"]["fr"] == "Le mardi seulement."
    taken = resolve(merged.document, base, {conflict.key: "base"})
    assert step(taken, "b")["text"]["fr"] == "Le site a changé son menu."
    assert merge(base, taken, base).conflicts == ()
    kept = resolve(merged.document, base, {conflict.key: "local"})
    assert changed_keys(base, kept) == [("steps", "b", "text", "fr")]


def test_a_step_removed_here_and_changed_there_is_a_conflict():
    seen = base_document()
    local = copy.deepcopy(seen)
    del local["steps"][2]
    base = copy.deepcopy(seen)
    step(base, "c")["title"]["fr"] = "Nouveau titre"
    keys = {c.key for c in merge(seen, local, base).conflicts}
    assert ("steps", "c", "title", "fr") in keys


# -- checks -------------------------------------------------------------------------------------


def test_publish_checks_name_the_place_and_the_fix():
    document = base_document()
    step(document, "a")["text"]["fr"] = ""
    step(document, "b")["image"] = "images/x.svg"
    document["checked"] = "hier"
    problems = publish_problems(document, images={"images/x.svg"})
    assert "Étape 1, texte : le texte en français est vide. Écrivez-le." in problems
    assert any(p.startswith("Étape 2, description de l'image") for p in problems)
    assert any(p.startswith("Vérifié le") for p in problems)
    assert publish_problems(base_document(), images=set()) == []


def test_an_image_needs_a_description_and_the_checks_of_a_pack():
    assert "Décrivez l'image" in image_problem("a.svg", SVG, "  ")
    assert image_problem("a.svg", SVG, "Le bouton bleu.") is None
    hostile = b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>'
    assert image_problem("a.svg", hostile, "Un dessin.").startswith("L'image ne peut pas")
    assert (
        image_problem("a.gif", b"GIF89a", "Un dessin.") == "Choisissez une image PNG, JPEG ou SVG."
    )
    assert image_problem("a.png", b"not a png", "Un dessin.").startswith("L'image ne peut pas")


# -- the store --------------------------------------------------------------------------------


@pytest.fixture
def installed(tmp_path, db):
    content = ContentStore(db)
    content.install(read_pack(write_pack(tmp_path / "p")))
    return content


def edit_step_text(edits: LocalEditsStore, fr: str) -> dict:
    pack_id, base = edits.base("essai")
    draft = copy.deepcopy(base)
    draft["steps"][0]["text"]["fr"] = fr
    edits.save_draft("essai", pack_id, base, draft)
    return draft


def test_a_draft_is_not_live_until_published(installed, db):
    edits = LocalEditsStore(db)
    edit_step_text(edits, "L'imprimante est à l'accueil.")
    assert edits.draft("essai").draft["steps"][0]["text"]["fr"] == "L'imprimante est à l'accueil."
    assert installed.tutorial("essai").steps[0].text["fr"] == "Texte de l'étape un."
    edits.publish("essai")
    assert installed.tutorial("essai").steps[0].text["fr"] == "L'imprimante est à l'accueil."
    assert [s.id for s in installed.search("imprimante")] == ["essai"]
    (audit,) = db.execute("SELECT role, action, detail FROM audit").fetchall()
    assert audit == ("admin", "tutorial_published", "essai")
    # The base is kept aside, not overwritten.
    assert edits.base("essai")[1]["steps"][0]["text"]["fr"] == "Texte de l'étape un."


def test_an_update_of_the_base_pack_keeps_the_published_edit(tmp_path, installed, db):
    edits = LocalEditsStore(db)
    edit_step_text(edits, "L'imprimante est à l'accueil.")
    edits.publish("essai")
    steps = step_yaml("un").replace("Titre un", "Titre neuf") + step_yaml("deux")
    folder = write_pack(tmp_path / "p2", 2, {"essai": tutorial_yaml(steps=steps)})
    installed.install(read_pack(folder))
    live = installed.tutorial("essai")
    assert live.steps[0].text["fr"] == "L'imprimante est à l'accueil."
    assert live.steps[0].title["fr"] == "Titre neuf"
    assert installed.packs()[0]["version"] == 2


def test_an_update_changing_the_edited_text_is_a_conflict_to_resolve_before_publishing(
    tmp_path, installed, db
):
    edits = LocalEditsStore(db)
    edit_step_text(edits, "L'imprimante est à l'accueil.")
    edits.publish("essai")
    edit_step_text(edits, "L'imprimante est à l'accueil, à gauche.")
    steps = step_yaml("un").replace("Texte de l'étape un.", "Nouveau texte.") + step_yaml("deux")
    installed.install(
        read_pack(write_pack(tmp_path / "p2", 2, {"essai": tutorial_yaml(steps=steps)}))
    )
    # The citizen still reads the published local text.
    assert installed.tutorial("essai").steps[0].text["fr"] == "L'imprimante est à l'accueil."
    draft = edits.draft("essai")
    merged = merge(draft.seen, draft.draft, edits.base("essai")[1])
    assert [c.base for c in merged.conflicts] == ["Nouveau texte."]
    with pytest.raises(PublishError):
        edits.publish("essai")
    assert installed.tutorial("essai").steps[0].text["fr"] == "L'imprimante est à l'accueil."


def test_an_imported_image_goes_live_with_the_tutorial_and_survives_an_update(
    tmp_path, installed, db
):
    edits = LocalEditsStore(db)
    edits.add_image("essai", "images/local-printer.svg", SVG)
    pack_id, base = edits.base("essai")
    draft = copy.deepcopy(base)
    draft["steps"][1]["image"] = "images/local-printer.svg"
    draft["steps"][1]["image_alt"] = {"fr": "L'imprimante de l'accueil."}
    edits.save_draft("essai", pack_id, base, draft)
    assert installed.image("essai", "images/local-printer.svg") is None
    edits.publish("essai")
    assert installed.image("essai", "images/local-printer.svg") == SVG
    installed.install(read_pack(write_pack(tmp_path / "p2", 2)))
    assert installed.image("essai", "images/local-printer.svg") == SVG
    assert installed.tutorial("essai").steps[1].image == "images/local-printer.svg"


def test_the_exported_pack_passes_validation_and_imports_on_a_fresh_database(
    tmp_path, installed, db
):
    from kiosk.cli import main as cli_main
    from kiosk.store.database import open_database

    edits = LocalEditsStore(db)
    edit_step_text(edits, "L'imprimante est à l'accueil.")
    edits.publish("essai")
    folder = edits.export_folder("essai-pack", tmp_path / "export")
    assert cli_main(["pack", "validate", str(folder)]) == 0
    fresh = open_database(tmp_path / "fresh.db")
    try:
        other = ContentStore(fresh)
        other.install(read_pack(folder))
        assert other.tutorial("essai").steps[0].text["fr"] == "L'imprimante est à l'accueil."
        assert other.image("essai", "images/a.svg") == SVG
    finally:
        fresh.close()


def test_a_damaged_local_edit_never_stops_a_base_pack_from_installing(tmp_path, installed, db):
    edits = LocalEditsStore(db)
    edit_step_text(edits, "L'imprimante est à l'accueil.")
    edits.publish("essai")
    db.execute('UPDATE local_edits SET published = \'{"id": "essai", "steps": 3}\'')
    installed.install(read_pack(write_pack(tmp_path / "p2", 2)))
    assert installed.packs()[0]["version"] == 2
    assert installed.tutorial("essai").steps[0].text["fr"] == "Texte de l'étape un."
    assert edits.draft("essai").draft["steps"][0]["text"]["fr"] == "L'imprimante est à l'accueil."
