"""Local edits layered over an installed tutorial: a three-way merge, field by field.

A kiosk's staff change a few words of a tutorial (the printer is at the front desk). Their
edits are kept as a whole edited document beside the base document *as it was when they
edited it* (``base_seen``). When the base pack is updated, each field is merged on its own,
as a three-way merge does (the rule of ``diff3`` and of every version-control merge):

- the admin did not touch the field: the new base value is taken;
- the base did not change the field: the admin's value is kept;
- both changed it, differently: a **conflict**; the admin's value stays live until they
  choose, side by side, which one to keep.

A field is one text in one language of a tutorial or of a step (steps are matched by their
``id``, never by position), one text in one language of a step's practice (its place,
kiosk.core.practice.texts), or one plain value (the category, the official address, the
image, the order of the steps, the shape of a practice without its texts). Documents are the
JSON-ready dictionaries of ``Tutorial.to_dict()``; nothing here reads or writes a file or a
database.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.practice import texts as practice_texts

Document = dict[str, Any]
Key = tuple[str, ...]
"""Where a field sits: ("title", "fr"), ("official_url",), ("steps", "s2", "text", "en"),
("steps", "s2", "image"), ("order",) for the list of step ids in order;
("steps", "s2", "practice") for the practice's shape, ("steps", "s2", "practice", place, "en")
for one of its texts (place as kiosk.core.practice.texts names it: "fields[nir].label")."""

LOCALIZED_TUTORIAL_FIELDS = ("title", "summary", "next_steps", "keywords")
PLAIN_TUTORIAL_FIELDS = (
    "category",
    "level",
    "minutes",
    "official_url",
    "source",
    "checked",
    "prepare",
)
LOCALIZED_STEP_FIELDS = ("title", "text", "speech", "image_alt", "tip", "warning")
PLAIN_STEP_FIELDS = ("image", "practice")
# Fields a step may go without: an empty text is the same as none (None in the document).
OPTIONAL_STEP_FIELDS = ("speech", "image_alt", "tip", "warning", "image", "practice")

FIELD_NAMES = {
    "title": "le titre",
    "summary": "le résumé",
    "next_steps": "la suite",
    "category": "le thème",
    "level": "le niveau",
    "minutes": "la durée",
    "official_url": "l'adresse officielle",
    "source": "la source",
    "checked": "la date « vérifié le »",
    "prepare": "les choses à préparer",
    "keywords": "les mots-clés",
    "text": "le texte",
    "speech": "le texte lu à voix haute",
    "image_alt": "la description de l'image",
    "tip": "« Bon à savoir »",
    "warning": "« Attention »",
    "image": "l'image",
    "practice": "l'exercice",
    "order": "l'ordre des étapes",
}


def leaves(document: Mapping[str, Any]) -> dict[Key, Any]:
    """Every field of a tutorial document, keyed by where it sits; absent fields are left out.

    ``document``: a ``Tutorial.to_dict()`` form. Values are the document's own (not copied).
    """
    found: dict[Key, Any] = {}
    for name in LOCALIZED_TUTORIAL_FIELDS:
        for language, text in (document.get(name) or {}).items():
            found[(name, language)] = text
    for name in PLAIN_TUTORIAL_FIELDS:
        if name in document:
            found[(name,)] = document[name]
    steps = document.get("steps") or []
    found[("order",)] = [step["id"] for step in steps]
    for step in steps:
        for name in LOCALIZED_STEP_FIELDS:
            for language, text in (step.get(name) or {}).items():
                found[("steps", step["id"], name, language)] = text
        for name in PLAIN_STEP_FIELDS:
            if step.get(name) is not None:
                found[("steps", step["id"], name)] = step[name]
        practice = step.get("practice")
        if isinstance(practice, Mapping):
            found[("steps", step["id"], "practice")] = practice_texts.skeleton(practice)
            for place in practice_texts.places(practice):
                for language, text in (practice_texts.text_at(practice, place) or {}).items():
                    found[("steps", step["id"], "practice", place, language)] = text
    return found


def json_ready(document: Mapping[str, Any]) -> Document:
    """The document as JSON gives it back (tuples become lists), so that values compare."""
    return json.loads(json.dumps(document, ensure_ascii=False))


def document_from(values: Mapping[Key, Any], template: Mapping[str, Any]) -> Document:
    """Build a tutorial document back from its fields (the inverse of ``leaves``).

    ``template`` gives what fields do not hold (the id). A step listed in ``("order",)`` is
    built from its fields; a step whose fields are all gone keeps an empty title and text.
    """
    document: Document = {"id": template["id"]}
    for name in LOCALIZED_TUTORIAL_FIELDS:
        document[name] = {k[1]: v for k, v in values.items() if len(k) == 2 and k[0] == name}
    for name in PLAIN_TUTORIAL_FIELDS:
        if (name,) in values:
            document[name] = copy.deepcopy(values[(name,)])
    steps = []
    for step_id in values.get(("order",), []):
        step: dict[str, Any] = {"id": step_id}
        for name in LOCALIZED_STEP_FIELDS:
            texts = {
                k[3]: v
                for k, v in values.items()
                if len(k) == 4 and k[0] == "steps" and k[1] == step_id and k[2] == name
            }
            step[name] = texts or (None if name in OPTIONAL_STEP_FIELDS else {})
        for name in PLAIN_STEP_FIELDS:
            step[name] = copy.deepcopy(values.get(("steps", step_id, name)))
        if isinstance(step["practice"], dict):
            _fill_practice(step["practice"], step_id, values)
        steps.append(step)
    document["steps"] = steps
    return document


def _fill_practice(practice: dict[str, Any], step_id: str, values: Mapping[Key, Any]) -> None:
    """Put the practice's texts back into its shape (in place): each place gets its leaves;
    a place with none stays empty (``{}``, or None when the text is optional)."""
    texts: dict[str, dict[str, str]] = {}
    for key, value in values.items():
        if len(key) == 5 and key[0] == "steps" and key[1] == step_id and key[2] == "practice":
            texts.setdefault(key[3], {})[key[4]] = value
    for place in practice_texts.places(practice):
        if place not in texts and practice_texts.text_at(practice, place) is not None:
            practice_texts.set_text(practice, place, None)
    for place, found in texts.items():
        practice_texts.set_text(practice, place, found)


@dataclass(frozen=True)
class Conflict:
    """A field both the admin and the new base changed, differently.

    ``seen``: the base value when the admin edited it; ``local``: the admin's value;
    ``base``: the new base value. ``None`` means the field is absent (a step removed).
    """

    key: Key
    seen: Any
    local: Any
    base: Any

    @property
    def where(self) -> str:
        """« étape s2, le texte (en) », in French for the admin."""
        return self.describe({})

    def describe(self, step_names: Mapping[str, str]) -> str:
        """As ``where``, with the step named as the admin knows it: ``step_names`` maps a
        step id to « l'étape 2 « Les comptes acceptés » »."""
        key = self.key
        if key[0] == "steps":
            step, name = key[1], key[2]
            named = step_names.get(step, f"étape {step}")
            if len(key) == 5:
                place = practice_texts.describe(key[3]).lower()
                return f"{named}, l'exercice : {place} ({key[4]})"
            language = f" ({key[3]})" if len(key) == 4 else ""
            return f"{named}, {FIELD_NAMES.get(name, name)}{language}"
        language = f" ({key[1]})" if len(key) == 2 else ""
        return f"{FIELD_NAMES.get(key[0], key[0])}{language}"


@dataclass(frozen=True)
class Merged:
    """The document to show (the admin's value wins where there is a conflict), and the
    conflicts still waiting for the admin's choice."""

    document: Document
    conflicts: tuple[Conflict, ...] = field(default=())


def merge(seen: Mapping[str, Any], local: Mapping[str, Any], base: Mapping[str, Any]) -> Merged:
    """Three-way merge of an edited tutorial document over a new base.

    ``seen``: the base document the admin edited; ``local``: their edited document; ``base``:
    the installed base document now. Returns the merged document and the conflicts (where the
    admin's value was kept). With ``base == seen`` the result is ``local`` itself.
    """
    seen_values, local_values, base_values = (leaves(json_ready(d)) for d in (seen, local, base))
    merged: dict[Key, Any] = {}
    conflicts: list[Conflict] = []
    keys = list(dict.fromkeys([*base_values, *local_values, *seen_values]))
    for key in keys:
        was, mine, theirs = seen_values.get(key), local_values.get(key), base_values.get(key)
        if mine == was:
            value = theirs
        elif theirs in (was, mine):
            value = mine
        else:
            value = mine
            conflicts.append(Conflict(key, was, mine, theirs))
        if value is not None:
            merged[key] = value
    return Merged(document_from(merged, local), tuple(conflicts))


def resolve(
    local: Mapping[str, Any], base: Mapping[str, Any], choices: Mapping[Key, str]
) -> Document:
    """The admin's choice for each conflict applied: "local" keeps theirs, "base" takes the
    new base value. Returns the new edited document, to be kept with ``base`` as its new
    ``seen`` (so that what the admin chose is no longer a conflict).

    ``local`` is the merged document (``merge(...).document``); keys absent from ``choices``
    keep the admin's value.
    """
    values = leaves(json_ready(local))
    base_values = leaves(json_ready(base))
    for key, choice in choices.items():
        if choice != "base":
            continue
        if key in base_values:
            values[key] = base_values[key]
        else:
            values.pop(key, None)
    return document_from(values, local)


def changed_keys(seen: Mapping[str, Any], local: Mapping[str, Any]) -> list[Key]:
    """The fields the admin changed, in the document's order (for the list of edits)."""
    seen_values, local_values = leaves(json_ready(seen)), leaves(json_ready(local))
    keys = dict.fromkeys([*local_values, *seen_values])
    return [k for k in keys if seen_values.get(k) != local_values.get(k)]
