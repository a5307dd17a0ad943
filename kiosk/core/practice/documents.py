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


# How the real papers group the digits they print:
# - carte Vitale: the NIR as 1 85 05 78 006 084 36 (sex, year, month, department, commune,
#   order, key), as on the card and the attestation de droits (ameli.fr);
# - avis d'impôt: the numéro fiscal as 12 34 567 890 123 (impots.gouv.fr, « Où trouver mon
#   numéro fiscal ? »), the revenu fiscal de référence in thousands (18 420 €);
# - RIB: the IBAN in groups of 4, as ISO 13616 writes it on paper;
# - carte d'identité (model of 2021): the date of birth as 12 04 1956.
GROUPS: dict[str, tuple[int, ...]] = {
    "nir": (1, 2, 2, 2, 3, 3, 2),
    "numero_fiscal": (2, 2, 3, 3, 3),
    "iban": (4, 4, 4, 4, 4, 4, 3),
}


def grouped(number: str, sizes: tuple[int, ...]) -> str:
    """``number`` cut into groups of ``sizes`` (what is left makes a last group)."""
    compact = "".join(number.split())
    parts, start = [], 0
    for size in sizes:
        parts.append(compact[start : start + size])
        start += size
    parts.append(compact[start:])
    return " ".join(part for part in parts if part)


def printed(key: str, persona: Persona) -> str:
    """A persona's value as the real paper prints it (``GROUPS``, amounts, dates, address)."""
    if key in GROUPS:
        return grouped(persona.value(key), GROUPS[key])
    if key == "address":
        return f"{persona.address}, {persona.postal_code} {persona.city}"
    if key == "revenu_fiscal_reference":
        return f"{persona.revenu_fiscal_reference:,}".replace(",", "\u00a0") + "\u00a0€"
    if key == "birth_date":
        return persona.value(key).replace("/", " ")
    return persona.value(key)


def document_lines(kind: str, persona: Persona) -> list[tuple[str, str, str]]:
    """(box key, translated label, value as printed) for each box of a document."""
    return [(box.key, _(box.label), printed(box.key, persona)) for box in DOCUMENTS[kind].boxes]


def document_title(kind: str) -> str:
    return _(DOCUMENTS[kind].title)
