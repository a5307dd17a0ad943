"""Is the typed answer the persona's value? Compared as a clerk reads it, named when not.

A value is compared in the family of what it is (the persona's key the exercise expects):
a date as a date (12/4/1956 is 12/04/1956), a name as a clerk would (Vallee is Vallée,
Jean Pierre is Jean-Pierre, MARTIN Camille is Camille Martin), a number whatever its spaces,
a phone number in every national and international form. When it is not the same, the
message names what is wrong (la date, le nom, la ville, le numéro…) and where to look.
"""

from __future__ import annotations

import re

from kiosk.core.i18n import N_, _
from kiosk.core.practice.validators import (
    CHECKS,
    Outcome,
    compact,
    date_parts,
    email_form,
    fold,
    iban_form,
    read_date,
    read_phone,
)

NUMBER_KEYS = frozenset(
    {"nir", "numero_fiscal", "numero_acces", "numero_allocataire", "postal_code"}
)
NAME_KEYS = frozenset({"first_name", "last_name", "birth_place", "city", "address"})
# Short forms a clerk reads as the long ones, in names of places and streets.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "av": "avenue", "bd": "boulevard"}

# The first sentence of the message when the value is not the persona's: what is wrong.
WHAT_IS_WRONG = {
    "nir": N_("Ce n'est pas le bon numéro."),
    "numero_fiscal": N_("Ce n'est pas le bon numéro."),
    "numero_acces": N_("Ce n'est pas le bon numéro."),
    "numero_allocataire": N_("Ce n'est pas le bon numéro."),
    "iban": N_("Ce n'est pas le bon numéro."),
    "phone": N_("Ce n'est pas le bon numéro."),
    "first_name": N_("Ce n'est pas le bon prénom."),
    "last_name": N_("Ce n'est pas le bon nom."),
    "full_name": N_("Ce n'est pas le bon nom."),
    "birth_date": N_("Ce n'est pas la bonne date."),
    "birth_place": N_("Ce n'est pas la bonne ville."),
    "city": N_("Ce n'est pas la bonne ville."),
    "postal_code": N_("Ce n'est pas le bon code postal."),
    "address": N_("Ce n'est pas la bonne adresse."),
    "email": N_("Ce n'est pas la bonne adresse e-mail."),
    "revenu_fiscal_reference": N_("Ce n'est pas le bon montant."),
}


def clerk_words(text: str) -> list[str]:
    """The words of a name as a clerk compares them: no accents, capitals, hyphens,
    apostrophes or dots; « St » is « Saint »."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return [ABBREVIATIONS.get(word, word) for word in words]


def same_value(expect: str | None, check: str, typed: str, expected: str) -> bool:
    """Whether ``typed`` is ``expected`` written another way. ``expect`` is the persona's key
    (None for a free answer), ``check`` the format check of the field. Keeps nothing."""
    family = expect or check
    if family in ("birth_date", "date"):
        typed_date, expected_date = read_date(typed), read_date(expected)
        return typed_date is not None and typed_date == expected_date
    if family == "phone":
        typed_phone, expected_phone = read_phone(typed), read_phone(expected)
        return typed_phone is not None and typed_phone.number == getattr(
            expected_phone, "number", None
        )
    if family == "iban":
        return iban_form(typed) == iban_form(expected)
    if family == "email":
        return email_form(typed) == email_form(expected)
    if family in NUMBER_KEYS or check in NUMBER_KEYS:
        return compact(typed) == compact(expected)
    if family == "revenu_fiscal_reference":
        return re.sub(r"\D", "", typed) == re.sub(r"\D", "", expected)
    if family == "full_name":  # « MARTIN Camille » and « Camille Martin » are one name
        return sorted(clerk_words(typed)) == sorted(clerk_words(expected))
    return "".join(clerk_words(typed)) == "".join(clerk_words(expected))


def _days_and_months_swapped(typed: str, expected: str) -> bool:
    parts, wanted = date_parts(typed), read_date(expected)
    return (
        parts is not None
        and wanted is not None
        and parts.day != parts.month
        and (parts.day, parts.month, parts.year) == (wanted.month, wanted.day, wanted.year)
    )


def mismatch(expect: str | None, typed: str, expected: str, document_name: str) -> Outcome:
    """The message for a well-formed answer that is not the persona's value."""
    if expect in ("birth_date",) and _days_and_months_swapped(typed, expected):
        what = _("Ce n'est pas la bonne date : le jour et le mois sont inversés.")
    else:
        what = _(WHAT_IS_WRONG.get(expect or "", N_("Ce n'est pas la bonne réponse.")))
    if document_name:
        where = _("Regardez le papier « {document} ».").format(document=document_name)
    else:
        where = _("Relisez les papiers.")
    return Outcome("not_persona", f"{what} {where}")


def check_answer(
    check: str,
    typed: str,
    expected: str | None,
    document_name: str = "",
    expect: str | None = None,
) -> Outcome:
    """The format first, then, when the exercise expects the persona's value, that value.

    ``check`` names the format check (a key of ``CHECKS``); ``expected`` is the persona's value
    as printed, ``expect`` its key (which decides how it is compared and what the message
    names), ``document_name`` the translated title of the paper it is printed on.
    """
    outcome = CHECKS[check](typed)
    if not outcome.ok or expected is None:
        return outcome
    if not same_value(expect, check, typed, expected):
        return mismatch(expect, typed, expected, document_name)
    return outcome
