"""Checks of French formats, with specific and kind messages ("Il manque 2 chiffres.").

The arithmetic (NIR key, numéro fiscal, IBAN) is in ``checksums``; the words are here.
Spaces, dots and dashes are accepted wherever the real sites accept them.
A check never keeps the value it was given: it returns only an outcome and a message.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.i18n import _, ngettext
from kiosk.core.practice.checksums import (
    french_iban_is_valid,
    nir_is_valid,
    numero_fiscal_is_valid,
)

SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class Outcome:
    """``kind`` is "ok" or the kind of error; ``message`` is for the person, already translated."""

    kind: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


OK = Outcome("ok")


def compact(value: str) -> str:
    return SEPARATORS.sub("", value).upper()


def _length(value: str, expected: int, unit: str = "chiffres") -> Outcome | None:
    """A kind message for a number that is too short or too long."""
    if len(value) < expected:
        missing = expected - len(value)
        if unit == "caractères":
            text = ngettext("Il manque {n} caractère.", "Il manque {n} caractères.", missing)
        else:
            text = ngettext("Il manque {n} chiffre.", "Il manque {n} chiffres.", missing)
        return Outcome("too_short", text.format(n=missing))
    if len(value) > expected:
        extra = len(value) - expected
        if unit == "caractères":
            text = ngettext(
                "Il y a {n} caractère en trop.", "Il y a {n} caractères en trop.", extra
            )
        else:
            text = ngettext("Il y a {n} chiffre en trop.", "Il y a {n} chiffres en trop.", extra)
        return Outcome("too_long", text.format(n=extra))
    return None


def _empty(value: str) -> Outcome | None:
    if not value.strip():
        return Outcome("empty", _("La case est vide. Écrivez votre réponse."))
    return None


def check_nir(value: str) -> Outcome:
    """Numéro de sécurité sociale: 15 characters, key included; Corsica is 2A or 2B."""
    if empty := _empty(value):
        return empty
    number = compact(value)
    body = number
    if number[5:6] == "2" and number[6:7] in ("A", "B"):  # Corsica: 2A, 2B
        body = number[:6] + "0" + number[7:]
    if not body.isdigit():
        return Outcome(
            "not_digits",
            _("Le numéro ne contient que des chiffres (et 2A ou 2B pour la Corse)."),
        )
    if number[0] not in "12":
        return Outcome("bad_start", _("Le numéro de sécurité sociale commence par 1 ou 2."))
    if too := _length(number, 15):
        return too
    if not 1 <= int(number[3:5]) <= 12 and number[3:5] not in ("20", "30", "31", "32", "99"):
        return Outcome(
            "bad_month", _("Les chiffres 4 et 5 sont le mois de naissance : relisez-les.")
        )
    if not nir_is_valid(number):
        return Outcome(
            "bad_key",
            _("Les 2 derniers chiffres ne correspondent pas : relisez votre carte Vitale."),
        )
    return OK


def check_numero_fiscal(value: str) -> Outcome:
    """Numéro fiscal: 13 digits, starting with 0 to 3, with a check on the last 3."""
    if empty := _empty(value):
        return empty
    number = compact(value)
    if not number.isdigit():
        return Outcome("not_digits", _("Le numéro fiscal ne contient que des chiffres."))
    if number[0] not in "0123":
        return Outcome("bad_start", _("Le numéro fiscal commence par 0, 1, 2 ou 3."))
    if too := _length(number, 13):
        return too
    if not numero_fiscal_is_valid(number):
        return Outcome(
            "bad_key",
            _("Un chiffre ne va pas. Relisez le numéro fiscal en haut de votre avis d'impôt."),
        )
    return OK


def check_numero_acces(value: str) -> Outcome:
    """Numéro d'accès en ligne: 7 letters or digits, printed on the avis d'impôt."""
    if empty := _empty(value):
        return empty
    number = compact(value)
    if not number.isalnum():
        return Outcome("bad_format", _("Ce numéro n'a que des lettres et des chiffres."))
    if too := _length(number, 7, "caractères"):
        return too
    return OK


def check_iban_fr(value: str) -> Outcome:
    """A French IBAN: FR, 2 check digits, 23 more characters (27 in all)."""
    if empty := _empty(value):
        return empty
    number = compact(value)
    if not number.startswith("FR"):
        return Outcome("bad_start", _("Un IBAN français commence par les lettres FR."))
    if not number[2:].isalnum():
        return Outcome("bad_format", _("L'IBAN n'a que des lettres et des chiffres."))
    if too := _length(number, 27, "caractères"):
        return too
    if not french_iban_is_valid(number):
        return Outcome(
            "bad_key", _("Un caractère ne va pas. Relisez l'IBAN sur votre RIB, lentement.")
        )
    return OK


def check_postal_code(value: str) -> Outcome:
    if empty := _empty(value):
        return empty
    number = compact(value)
    if not number.isdigit():
        return Outcome("not_digits", _("Le code postal n'a que des chiffres."))
    if too := _length(number, 5):
        return too
    department = int(number[:2])
    if department in (0, 96, 99):
        return Outcome("bad_format", _("Ce code postal n'existe pas. Relisez votre adresse."))
    return OK


def check_phone_fr(value: str) -> Outcome:
    """06 12 34 56 78, 06.12.34.56.78 or +33 6 12 34 56 78."""
    if empty := _empty(value):
        return empty
    number = compact(value)
    if number.startswith("+33"):
        number = "0" + number[3:]
    elif number.startswith("0033"):
        number = "0" + number[4:]
    if not number.isdigit():
        return Outcome("not_digits", _("Un numéro de téléphone n'a que des chiffres."))
    if not number.startswith("0") or number[1:2] == "0":
        return Outcome(
            "bad_start", _("Un numéro français commence par 0 puis un chiffre de 1 à 9.")
        )
    if too := _length(number, 10):
        return too
    return OK


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")


def check_email(value: str) -> Outcome:
    if empty := _empty(value):
        return empty
    text = value.strip()
    if " " in text:
        return Outcome("has_space", _("Une adresse e-mail n'a pas d'espace."))
    if "@" not in text:
        return Outcome(
            "no_at",
            _("Il manque le signe @. Sur un clavier d'ordinateur : AltGr et la touche à (0)."),
        )
    if text.count("@") > 1:
        return Outcome("two_at", _("Il y a deux signes @. Une adresse n'en a qu'un."))
    if not EMAIL.match(text):
        return Outcome(
            "bad_format", _("Après le @, il faut un nom de site avec un point, comme exemple.fr.")
        )
    return OK


def check_date(value: str) -> Outcome:
    """A real date written JJ/MM/AAAA (dots, dashes and spaces accepted as separators)."""
    if empty := _empty(value):
        return empty
    parts = re.split(r"[/.\-\s]+", value.strip())
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return Outcome(
            "bad_format", _("Écrivez la date ainsi : JJ/MM/AAAA, par exemple 05/03/1950.")
        )
    day, month, year = (int(p) for p in parts)
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return Outcome("not_a_date", _("Cette date n'existe pas. Relisez le jour et le mois."))
    if date > datetime.date.today() or year < 1900:
        return Outcome("not_a_date", _("Cette date ne va pas. Relisez l'année."))
    return OK


@dataclass(frozen=True)
class PasswordRule:
    key: str
    met: bool
    label: str


def password_rules(value: str) -> list[PasswordRule]:
    """The rules a strong password meets, shown live while the person types."""
    return [
        PasswordRule("length", len(value) >= 12, _("12 caractères ou plus")),
        PasswordRule("upper", any(c.isupper() for c in value), _("une majuscule")),
        PasswordRule("lower", any(c.islower() for c in value), _("une minuscule")),
        PasswordRule("digit", any(c.isdigit() for c in value), _("un chiffre")),
        PasswordRule(
            "special",
            any(not c.isalnum() and not c.isspace() for c in value),
            _("un caractère spécial, comme ! ou ?"),
        ),
    ]


def check_password(value: str) -> Outcome:
    if not value:
        return Outcome("empty", _("La case est vide. Écrivez votre réponse."))
    missing = [rule.label for rule in password_rules(value) if not rule.met]
    if missing:
        return Outcome("weak_password", _("Il manque : {rules}.").format(rules=", ".join(missing)))
    return OK


def check_text(value: str) -> Outcome:
    return _empty(value) or OK


CHECKS: dict[str, Callable[[str], Outcome]] = {
    "nir": check_nir,
    "numero_fiscal": check_numero_fiscal,
    "numero_acces": check_numero_acces,
    "iban": check_iban_fr,
    "postal_code": check_postal_code,
    "phone": check_phone_fr,
    "email": check_email,
    "date": check_date,
    "password": check_password,
    "text": check_text,
}


def same_value(check: str, typed: str, expected: str) -> bool:
    """Compare the way the real sites do: separators and case do not matter."""
    if check in ("text", "email"):
        return " ".join(typed.split()).casefold() == " ".join(expected.split()).casefold()
    if check == "date":
        return re.split(r"[/.\-\s]+", typed.strip()) == re.split(r"[/.\-\s]+", expected)
    return compact(typed) == compact(expected)


def check_answer(check: str, typed: str, expected: str | None, document_name: str = "") -> Outcome:
    """The format first, then, when the exercise expects the persona's value, that value."""
    outcome = CHECKS[check](typed)
    if not outcome.ok or expected is None:
        return outcome
    if not same_value(check, typed, expected):
        if document_name:
            return Outcome(
                "not_persona",
                _("Ce n'est pas le bon numéro. Regardez sur : {document}.").format(
                    document=document_name
                ),
            )
        return Outcome("not_persona", _("Ce n'est pas la bonne réponse. Relisez les papiers."))
    return OK
