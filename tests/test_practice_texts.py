"""The texts of a practice as the editor's local layer sees them (kiosk.core.practice.texts):
every built-in practice comes apart into its shape and its texts and back unchanged, and a
text edited locally follows its field when a pack update reorders the fields."""

from __future__ import annotations

import copy

from kiosk.builtin_content import BUILTIN_PACK
from kiosk.core.local_edits import document_from, json_ready, leaves, merge
from kiosk.core.pack_reader import read_pack
from kiosk.core.practice import texts


def built_in_documents() -> list[dict]:
    return [json_ready(t.to_dict()) for t in read_pack(BUILTIN_PACK).tutorials]


def test_every_built_in_tutorial_comes_apart_and_back_unchanged():
    practices = 0
    for document in built_in_documents():
        assert document_from(leaves(document), document) == document, document["id"]
        for step in document["steps"]:
            if step.get("practice"):
                practices += 1
                practice = step["practice"]
                for place in texts.places(practice):
                    assert texts.describe(place, practice) != place
                assert texts.place_from_lint(practice, "intro") == "intro"
    assert practices >= 5


def test_an_edited_label_follows_its_field_when_the_base_reorders_the_fields():
    document = next(
        d
        for d in built_in_documents()
        if any(len((s.get("practice") or {}).get("fields") or ()) >= 2 for s in d["steps"])
    )
    index = next(
        i
        for i, s in enumerate(document["steps"])
        if len((s.get("practice") or {}).get("fields") or ()) >= 2
    )
    first_id = document["steps"][index]["practice"]["fields"][0]["id"]
    local = copy.deepcopy(document)
    local["steps"][index]["practice"]["fields"][0]["label"]["fr"] = "Le nom changé ici"
    base = copy.deepcopy(document)
    fields = base["steps"][index]["practice"]["fields"]
    fields.reverse()
    merged = merge(document, local, base)
    assert merged.conflicts == ()
    result = merged.document["steps"][index]["practice"]["fields"]
    assert [f["id"] for f in result] == [f["id"] for f in fields]
    moved = next(f for f in result if f["id"] == first_id)
    assert moved["label"]["fr"] == "Le nom changé ici"
    assert sum(f["label"]["fr"] == "Le nom changé ici" for f in result) == 1


def test_an_optional_text_emptied_is_none_and_a_required_one_stays_a_text():
    practice = {
        "kind": "form",
        "intro": {"fr": "Tapez."},
        "fields": [{"id": "a", "label": {"fr": "A"}, "hint": {"fr": "Un indice."}}],
        "submit": {"fr": "Continuer"},
        "success": None,
    }
    assert texts.places(practice) == [
        "intro",
        "fields[a].label",
        "fields[a].hint",
        "submit",
        "success",
    ]
    texts.set_text(practice, "fields[a].hint", {})
    texts.set_text(practice, "intro", {})
    assert practice["fields"][0]["hint"] is None and practice["intro"] == {}
    assert texts.required(practice, "submit") and not texts.required(practice, "success")
    assert not texts.set_text(practice, "fields[gone].label", {"fr": "x"})
    assert texts.place_from_lint(practice, "fields[0].label") == "fields[a].label"
    assert texts.place_from_lint(practice, "fields[3].label") is None
