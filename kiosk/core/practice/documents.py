"""The paper documents a persona holds, as boxes of label and value, for the app to draw.

The citizen looks the values up on these papers, as they will at home; the box holding the
value an exercise asks for can be highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.i18n import N_, _
from kiosk.core.practice.model import Persona


@dataclass(frozen=True)
class Box:
    key: str  # the persona's attribute shown in the box
    label: str  # untranslated; shown through _()


@dataclass(frozen=True)
class DocumentKind:
    id: str
    title: str  # untranslated; shown through _()
    boxes: tuple[Box, ...]
    card: bool  # a small card (Vitale, identity) or a sheet of paper


DOCUMENTS: dict[str, DocumentKind] = {
    d.id: d
    for d in (
        DocumentKind(
            "carte-vitale",
            N_("Carte Vitale"),
            (Box("full_name", N_("Nom")), Box("nir", N_("Numéro de sécurité sociale"))),
            card=True,
        ),
        DocumentKind(
            "carte-identite",
            N_("Carte d'identité"),
            (
                Box("last_name", N_("Nom")),
                Box("first_name", N_("Prénom")),
                Box("sex", N_("Sexe")),
                Box("birth_date", N_("Date de naissance")),
                Box("birth_place", N_("Lieu de naissance")),
            ),
            card=True,
        ),
        DocumentKind(
            "avis-imposition",
            N_("Avis d'impôt sur le revenu"),
            (
                Box("full_name", N_("Nom")),
                Box("address", N_("Adresse")),
                Box("numero_fiscal", N_("Numéro fiscal")),
                Box("numero_acces", N_("Numéro d'accès en ligne")),
                Box("revenu_fiscal_reference", N_("Revenu fiscal de référence")),
            ),
            card=False,
        ),
        DocumentKind(
            "rib",
            N_("RIB (relevé d'identité bancaire)"),
            (Box("full_name", N_("Titulaire du compte")), Box("iban", N_("IBAN"))),
            card=False,
        ),
        DocumentKind(
            "courrier-caf",
            N_("Courrier de la CAF"),
            (
                Box("full_name", N_("Nom")),
                Box("address", N_("Adresse")),
                Box("numero_allocataire", N_("Numéro allocataire")),
            ),
            card=False,
        ),
    )
}


def document_lines(kind: str, persona: Persona) -> list[tuple[str, str, str]]:
    """(box key, translated label, value) for each box of a document."""
    document = DOCUMENTS[kind]
    lines = []
    for box in document.boxes:
        value = persona.value(box.key)
        if box.key == "address":
            value = f"{persona.address}, {persona.postal_code} {persona.city}"
        if box.key == "revenu_fiscal_reference":
            value = f"{persona.revenu_fiscal_reference} €"
        lines.append((box.key, _(box.label), value))
    return lines


def document_title(kind: str) -> str:
    return _(DOCUMENTS[kind].title)
