"""What must hold before an edited tutorial goes live, and the checks of an imported image.

The same rules as a pack's (docs/content-format.md, kiosk.core.pack_reader): a French title and
text everywhere, a description for each image, a real ``https://`` address, a date
``YYYY-MM-DD``, no hidden characters; an image passes the same safe checks as a pack's
(kiosk.core.safe_svg, kiosk.core.image_headers, kiosk.core.pack_limits). Messages are French
sentences for the admin, each naming the place and the fix.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from kiosk.core.content import CATEGORIES
from kiosk.core.image_headers import raster_problem
from kiosk.core.pack_files import IMAGE_SUFFIXES
from kiosk.core.pack_limits import MAX_IMAGE_BYTES
from kiosk.core.practice import texts as practice_texts
from kiosk.core.safe_svg import svg_problem
from kiosk.core.safe_text import character_problem, web_address_problem


def _texts(value: Any) -> Mapping[str, str]:
    return value if isinstance(value, Mapping) else {}


def publish_problems(document: Mapping[str, Any], images: set[str] | None = None) -> list[str]:
    """Every reason ``document`` (a ``Tutorial.to_dict()`` form) cannot go live; [] if none.

    ``images``: the image paths the tutorial may use (the pack's and the imported ones);
    None skips that check.
    """
    problems: list[str] = []

    def need_french(value: Any, where: str) -> None:
        if not _texts(value).get("fr", "").strip():
            problems.append(f"{where} : le texte en français est vide. Écrivez-le.")

    def characters(value: Any, where: str) -> None:
        for language, text in _texts(value).items():
            if isinstance(text, str) and (problem := character_problem(text)):
                problems.append(f"{where} ({language}) : {problem}")

    for name, where in (("title", "Titre"), ("summary", "Résumé"), ("next_steps", "Suite")):
        need_french(document.get(name), where)
        characters(document.get(name), where)
    for index, item in enumerate(document.get("prepare") or (), start=1):
        need_french(item, f"À préparer {index}")
        characters(item, f"À préparer {index}")
    if document.get("category") not in CATEGORIES:
        problems.append("Thème : choisissez un des thèmes de la liste.")
    if problem := web_address_problem(str(document.get("official_url", ""))):
        problems.append(f"Adresse officielle : {problem}")
    if not str(document.get("source", "")).strip():
        problems.append("Source : dites d'où viennent les informations (une adresse, un nom).")
    try:
        datetime.date.fromisoformat(str(document.get("checked", "")))
    except ValueError:
        problems.append("Vérifié le : écrivez une date comme 2026-11-29 (année-mois-jour).")
    steps = document.get("steps") or []
    if not steps:
        problems.append("Le tutoriel n'a aucune étape. Ajoutez-en une.")
    for number, step in enumerate(steps, start=1):
        where = f"Étape {number}"
        need_french(step.get("title"), f"{where}, titre")
        need_french(step.get("text"), f"{where}, texte")
        for name in ("title", "text", "speech", "tip", "warning", "image_alt"):
            characters(step.get(name), f"{where}, {name}")
        practice = step.get("practice")
        if isinstance(practice, Mapping):
            for place in practice_texts.places(practice):
                value = practice_texts.text_at(practice, place)
                named = f"{where}, exercice, {practice_texts.describe(place, practice).lower()}"
                if practice_texts.required(practice, place):
                    need_french(value, named)
                characters(value, named)
        if step.get("image"):
            need_french(step.get("image_alt"), f"{where}, description de l'image")
            if images is not None and step["image"] not in images:
                problems.append(f"{where} : l'image {step['image']} est introuvable.")
    return problems


def image_problem(name: str, data: bytes, description: str) -> str | None:
    """Why an image from a USB stick cannot be added (a French sentence), or None.

    ``name``: its file name (the suffix decides the kind: .png, .jpg, .jpeg, .svg);
    ``description``: the text alternative in French, required (WCAG 2.2 § 1.1.1).
    """
    if not description.strip():
        return (
            "Décrivez l'image en une ou deux phrases : une personne qui ne la voit pas "
            "l'entendra lue à voix haute."
        )
    if problem := character_problem(description):
        return f"Description : {problem}"
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if f".{suffix}" not in IMAGE_SUFFIXES:
        return "Choisissez une image PNG, JPEG ou SVG."
    if len(data) > MAX_IMAGE_BYTES:
        return (
            f"L'image pèse plus de {MAX_IMAGE_BYTES // (1024 * 1024)} Mo. "
            "Enregistrez-la plus petite."
        )
    problem = svg_problem(data) if suffix == "svg" else raster_problem(name, data)
    return f"L'image ne peut pas être utilisée : {problem}" if problem else None
