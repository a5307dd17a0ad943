"""The texts of a practice page that an admin may edit, each at a named place.

A practice (``Practice`` as a JSON-ready dictionary, kiosk.core.practice.model) holds texts
in several languages: its intro, each field's label and hint, the button that sends the form,
each target's label and the message shown when it is touched, the question, each answer and
its explanation, the exhibit of a scam exercise and the success message. Each of them sits at
a *place*, a short string naming it by the id of what holds it (never by its position, so that
an update of the pack that reorders the fields keeps an edit on the right one):

``intro``, ``submit``, ``question``, ``success``, ``exhibit.text``,
``fields[<id>].label``, ``fields[<id>].hint``, ``targets[<id>].label``,
``targets[<id>].feedback``, ``answers[<n>].text``, ``answers[<n>].explanation`` (answers have
no id: their number, from 0).

Nothing here reads a file; values are the practice's own dictionaries.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

Practice = dict[str, Any]

_TOP = ("intro", "submit", "question", "success")
# Texts a practice may go without (an empty text is then None, as in a pack).
OPTIONAL = {"submit", "question", "success", "hint", "feedback"}
_PLACE = re.compile(r"^(fields|targets|answers)\[([^\]]+)\]\.([a-z_]+)$")
_LINT_PATH = re.compile(r"^(fields|targets|answers)\[(\d+)\]\.([a-z_]+)$")


def _key_of(kind: str, index: int, item: Mapping[str, Any]) -> str:
    return str(index) if kind == "answers" else str(item.get("id", index))


def places(practice: Mapping[str, Any]) -> list[str]:
    """The places of every text the practice holds, in the order a citizen reads them; the
    success message is always offered (a practice may gain one)."""
    found: list[str] = []
    if practice.get("intro") is not None:
        found.append("intro")
    if isinstance(practice.get("exhibit"), Mapping):
        found.append("exhibit.text")
    for kind, names in (
        ("fields", ("label", "hint")),
        ("targets", ("label", "feedback")),
    ):
        for index, item in enumerate(practice.get(kind) or ()):
            key = _key_of(kind, index, item)
            found += [f"{kind}[{key}].{name}" for name in names if item.get(name) is not None]
    for name in ("submit", "question"):
        if practice.get(name) is not None:
            found.append(name)
    for index, _item in enumerate(practice.get("answers") or ()):
        found += [f"answers[{index}].text", f"answers[{index}].explanation"]
    found.append("success")
    return found


def required(practice: Mapping[str, Any], place: str) -> bool:
    """Whether the practice needs a French text at ``place`` (the pack reader's rules,
    kiosk.core.practice.reader: a form's button, a question's question)."""
    if place == "submit":
        return practice.get("kind") == "form"
    if place == "question":
        return practice.get("kind") in ("question", "scam")
    return place.rsplit(".", 1)[-1] not in OPTIONAL


def _holder(practice: Mapping[str, Any], place: str) -> tuple[Any, str] | None:
    """(the dictionary holding the text, the text's name), or None when it is gone."""
    if place in _TOP:
        return practice, place
    if place == "exhibit.text":
        exhibit = practice.get("exhibit")
        return (exhibit, "text") if isinstance(exhibit, Mapping) else None
    match = _PLACE.match(place)
    if match is None:
        return None
    kind, key, name = match.groups()
    for index, item in enumerate(practice.get(kind) or ()):
        if _key_of(kind, index, item) == key:
            return item, name
    return None


def text_at(practice: Mapping[str, Any], place: str) -> dict[str, str] | None:
    """The texts (language → text) at ``place``, or None when there are none."""
    holder = _holder(practice, place)
    if holder is None:
        return None
    value = holder[0].get(holder[1])
    return value if isinstance(value, dict) else None


def set_text(practice: Practice, place: str, texts: Mapping[str, str] | None) -> bool:
    """Put ``texts`` at ``place`` (in place); an empty optional text becomes None, an empty
    required one ``{}``. False when the place does not exist (its field was removed)."""
    holder = _holder(practice, place)
    if holder is None:
        return False
    item, name = holder
    value = dict(texts or {})
    item[name] = value if value or name not in OPTIONAL else None
    return True


def skeleton(practice: Mapping[str, Any]) -> Practice:
    """The practice without its texts (each one ``{}``, kept where it was): what is left is
    its shape (kind, ids, checks, which answer is right), merged as one value."""
    shape = copy.deepcopy(dict(practice))
    for place in places(shape):
        holder = _holder(shape, place)
        if holder is not None and holder[0].get(holder[1]) is not None:
            holder[0][holder[1]] = {}
    return shape


def place_from_lint(practice: Mapping[str, Any], path: str) -> str | None:
    """The place of a plain-language finding's path inside a practice: « fields[0].label »
    (as ``lint_tutorial`` writes it) → « fields[nir].label ». None if it names no text."""
    if path in _TOP or path == "exhibit.text":
        return path
    match = _LINT_PATH.match(path)
    if match is None:
        return None
    kind, index, name = match.groups()
    items = practice.get(kind) or ()
    if int(index) >= len(items):
        return None
    return f"{kind}[{_key_of(kind, int(index), items[int(index)])}].{name}"


def describe(place: str, practice: Mapping[str, Any] | None = None) -> str:
    """The place in French, for the admin: « Case 2 (« Numéro fiscal ») : son nom »."""
    simple = {
        "intro": "Consigne de l'exercice",
        "submit": "Bouton qui envoie le formulaire",
        "question": "Question",
        "success": "Message quand l'exercice est réussi",
        "exhibit.text": "Message à examiner (faux SMS, faux courriel)",
    }
    if place in simple:
        return simple[place]
    match = _PLACE.match(place)
    if match is None:
        return place
    kind, key, name = match.groups()
    items = list((practice or {}).get(kind) or ())
    number = next(
        (i + 1 for i, item in enumerate(items) if _key_of(kind, i, item) == key),
        int(key) + 1 if key.isdigit() else key,
    )
    what = {
        ("fields", "label"): f"Case {number} : son nom",
        ("fields", "hint"): f"Case {number} : l'indice",
        ("targets", "label"): f"Bouton {number} de la page : son texte",
        ("targets", "feedback"): f"Bouton {number} de la page : le message quand on le touche",
        ("answers", "text"): f"Réponse {number}",
        ("answers", "explanation"): f"Réponse {number} : le message affiché après",
    }
    return what.get((kind, name), place)
