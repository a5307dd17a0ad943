"""How each content category is named and drawn for the citizen."""

from __future__ import annotations

from kiosk.core.i18n import N_, _

CATEGORY_NAMES: dict[str, str] = {
    "identite": N_("Identité et papiers"),
    "impots": N_("Impôts"),
    "sante": N_("Santé"),
    "emploi": N_("Emploi"),
    "famille": N_("Famille"),
    "logement": N_("Logement"),
    "transport": N_("Transport"),
    "bases": N_("Les bases de l'ordinateur"),
    "securite": N_("Sécurité sur Internet"),
}

LEVEL_NAMES = {1: N_("Facile"), 2: N_("Moyen"), 3: N_("Plus difficile")}


def category_name(category: str) -> str:
    return _(CATEGORY_NAMES.get(category, category))


def category_icon(category: str) -> str:
    return f"cat-{category}"


def level_name(level: int) -> str:
    return _(LEVEL_NAMES.get(level, ""))
