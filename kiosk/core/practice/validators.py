"""Checks of French formats, with specific and kind messages ("Il manque 2 chiffres.").

The arithmetic (NIR key, numéro fiscal, IBAN) is in ``checksums``; the words are here.
Each value is first read the way a person types or pastes it (``typed_form``): spaces of every
kind, dots, dashes and slashes between groups, digits of other scripts, invisible characters.
A check never keeps the value it was given: it returns only an outcome and a message.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.core.i18n import _, ngettext
from kiosk.core.practice.checksums import (
    french_iban_is_valid,
    nir_is_valid,
    numero_fiscal_is_valid,
)

# Between groups of a number: every Unicode space (\s covers the no-break and narrow no-break
# spaces of a copied PDF), dots, hyphen-minus, the non-breaking hyphen, en and em dashes, minus.
SEPARATORS = re.compile(r"[\s.\-\u2010\u2011\u2012\u2013\u2014\u2212/]")
# Pasted text may hold characters nobody sees: zero-width spaces, joiners, byte-order marks.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class Outcome:
    """``kind`` is "ok" or the kind of error; ``message`` is for the person, already translated."""

    kind: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


OK = Outcome("ok")


def typed_form(value: str) -> str:
    """The text as it was meant: compatibility forms folded (NFKC: full-width digits, ligature
    letters), digits of every script made ASCII (an Arabic keyboard types ٠٦), invisibles gone.
    """
    text = unicodedata.normalize("NFKC", value).translate(INVISIBLE)
    return "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c for c in text
    )


def compact(value: str) -> str:
    """Letters and digits only, in capitals: how a number is compared."""
    return SEPARATORS.sub("", typed_form(value)).upper()


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
    if not typed_form(value).strip():
        return Outcome("empty", _("La case est vide. Écrivez votre réponse."))
    return None


# --- Numéro de sécurité sociale (NIR) -----------------------------------------------------

# Months INSEE writes in a NIR: 01-12, and for a civil status without a month (a person
# registered from an incomplete birth record, often born abroad) 20, 30 to 42 and 50 to 99.
# Source: INSEE and CNAV, « Guide de l'identification des personnes physiques » (RNIPP),
# and service-public.gouv.fr F33078 « Que signifie le numéro de sécurité sociale ? ».
NIR_MONTHS = frozenset([*range(1, 13), 20, *range(30, 43), *range(50, 100)])


def check_nir(value: str) -> Outcome:
    """Numéro de sécurité sociale: 15 characters, key included; Corsica is 2A or 2B.

    INSEE's rules: sex 1 or 2; a month in ``NIR_MONTHS``; a department that is never 00;
    a key from 01 to 97 equal to 97 minus the first 13 digits modulo 97 (2A and 2B counted
    as 19 and 18). Raises nothing: every error is an ``Outcome``.
    """
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
    if int(number[3:5]) not in NIR_MONTHS:
        return Outcome(
            "bad_month", _("Les chiffres 4 et 5 sont le mois de naissance : relisez-les.")
        )
    if number[5:7] == "00":
        return Outcome(
            "bad_department",
            _("Les chiffres 6 et 7 sont le département de naissance : relisez-les."),
        )
    if not nir_is_valid(number):
        return Outcome(
            "bad_key",
            _("Les 2 derniers chiffres ne correspondent pas : relisez votre carte Vitale."),
        )
    return OK


# --- Numéro fiscal, numéro d'accès -------------------------------------------------------


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
    if not (number.isascii() and number.isalnum()):
        return Outcome("bad_format", _("Ce numéro n'a que des lettres et des chiffres."))
    if too := _length(number, 7, "caractères"):
        return too
    return OK


# --- IBAN -----------------------------------------------------------------------------------

_IBAN_LABEL = re.compile(r"^\s*IBAN\s*:?\s*", re.IGNORECASE)
# Letters a person types for a digit they read: O for 0, I or L for 1 (ISO 13616 puts only
# digits in the French bank, branch and key; reading "0" as "O" is the usual slip).
_DIGIT_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def iban_form(value: str) -> str:
    """The IBAN as compared: a pasted « IBAN : » label dropped, then letters and digits only."""
    return compact(_IBAN_LABEL.sub("", typed_form(value)))


def check_iban_fr(value: str) -> Outcome:
    """A French IBAN: FR, 2 check digits, 23 more characters (27 in all)."""
    if empty := _empty(value):
        return empty
    number = iban_form(value)
    if not number.startswith("FR"):
        return Outcome("bad_start", _("Un IBAN français commence par les lettres FR."))
    if not (number[2:].isascii() and number[2:].isalnum()):
        return Outcome("bad_format", _("L'IBAN n'a que des lettres et des chiffres."))
    if too := _length(number, 27, "caractères"):
        return too
    if not french_iban_is_valid(number):
        # The check digits, bank and branch codes (characters 3 to 14) are digits only.
        digits_part = number[2:14].translate(_DIGIT_LOOK_ALIKES)
        if digits_part != number[2:14] and french_iban_is_valid(
            number[:2] + digits_part + number[14:]
        ):
            return Outcome(
                "letter_for_digit",
                _("Au début de l'IBAN, il n'y a que des chiffres : le O est un zéro (0)."),
            )
        return Outcome(
            "bad_key", _("Un caractère ne va pas. Relisez l'IBAN sur votre RIB, lentement.")
        )
    return OK


# --- Code postal ----------------------------------------------------------------------------

# The first three digits of the codes La Poste gives overseas: 971 to 976 (départements and
# Saint-Pierre-et-Miquelon; Saint-Barthélemy and Saint-Martin use 971), 980 Monaco, 984 TAAF,
# 986 Wallis-et-Futuna, 987 Polynésie française, 988 Nouvelle-Calédonie. 00, 96 and 99 are
# never used. Source: La Poste, base officielle des codes postaux (datanova.laposte.fr).
OVERSEAS_POSTAL_PREFIXES = frozenset({"971", "972", "973", "974", "975", "976", "980", "984",
                                      "986", "987", "988"})  # fmt: skip


def check_postal_code(value: str) -> Outcome:
    """5 digits whose start La Poste uses; « 76000 Rouen » asks for the 5 digits only."""
    if empty := _empty(value):
        return empty
    number = compact(value)
    if not number.isdigit():
        if re.match(r"^\d{5}\D", number):
            return Outcome(
                "with_city", _("Écrivez seulement les 5 chiffres du code postal, sans la ville.")
            )
        return Outcome("not_digits", _("Le code postal n'a que des chiffres."))
    if too := _length(number, 5):
        return too
    department = int(number[:2])
    if department in (0, 96, 99) or (
        department in (97, 98) and number[:3] not in OVERSEAS_POSTAL_PREFIXES
    ):
        return Outcome("bad_format", _("Ce code postal n'existe pas. Relisez votre adresse."))
    return OK


# --- Téléphone ------------------------------------------------------------------------------

# Country codes of overseas France (ITU-T E.164 list). Where the ARCEP numbering plan applies
# (Guadeloupe and the northern islands 590, Guyane 594, Martinique 596, La Réunion and Mayotte
# 262), the national form is 0 and the 9 digits that follow. Saint-Pierre-et-Miquelon (508),
# Wallis-et-Futuna (681) and Nouvelle-Calédonie (687) have 6 digits, Polynésie (689) 8.
OVERSEAS_DEPARTMENT_CODES = ("262", "590", "594", "596")
OVERSEAS_COLLECTIVITY_DIGITS = {"508": 6, "681": 6, "687": 6, "689": 8}


@dataclass(frozen=True)
class PhoneReading:
    """A phone number read: ``number`` is its national form (0 and 9 digits) or, for a
    collectivity outside the national plan, "+" and its international digits."""

    number: str
    expected_digits: int  # how many digits ``number`` must have after its 0 or +code
    prefix: str  # "0" or "+508"…


def read_phone(value: str) -> PhoneReading | None:
    """Every way a French number is written: 06 12 34 56 78, 06.12.34.56.78, 06/12/34/56/78,
    +33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033 6…, +262 692 12 34 56 (overseas)…

    None when it is written from another country's plan.
    """
    text = typed_form(value).strip()
    text = re.sub(r"\(\s*0\s*\)", "", text).replace("(", "").replace(")", "")
    number = SEPARATORS.sub("", text)
    if number.startswith("+"):
        international = number[1:]
    elif number.startswith("00") and len(number) != 10:  # 10 digits: a national slip
        international = number[2:]
    elif len(number) == 11 and number.startswith("33") and number[2:3] != "0":
        international = number  # 33 6 12 34 56 78: the + left out
    else:
        return PhoneReading(number, 9, "0")
    if international.startswith("33"):
        rest = international[2:]
    elif international[:3] in OVERSEAS_DEPARTMENT_CODES:
        rest = international[3:]
    elif international[:3] in OVERSEAS_COLLECTIVITY_DIGITS:
        code = international[:3]
        return PhoneReading("+" + international, OVERSEAS_COLLECTIVITY_DIGITS[code], "+" + code)
    else:
        return None
    if rest.startswith("0") and len(rest) == 10:  # « +33 06 … »: the 0 kept by habit
        rest = rest[1:]
    return PhoneReading("0" + rest, 9, "0")


def check_phone_fr(value: str) -> Outcome:
    """A French number, in every national and international form (``read_phone``)."""
    if empty := _empty(value):
        return empty
    reading = read_phone(value)
    if reading is None:
        return Outcome(
            "not_french",
            _("Ce numéro n'est pas français. Il commence par 0, par +33 ou par 0033."),
        )
    digits = reading.number[len(reading.prefix) :]
    if not digits.isdigit() and digits:
        return Outcome("not_digits", _("Un numéro de téléphone n'a que des chiffres."))
    if reading.prefix == "0" and (not reading.number.startswith("0") or digits[:1] == "0"):
        return Outcome(
            "bad_start", _("Un numéro français commence par 0 puis un chiffre de 1 à 9.")
        )
    if too := _length(digits, reading.expected_digits):
        return too
    return OK


# --- E-mail ---------------------------------------------------------------------------------

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")


def email_form(value: str) -> str:
    """The address as compared: trimmed, « mailto: » dropped, capitals ignored."""
    text = typed_form(value).strip()
    return re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).casefold()


def check_email(value: str) -> Outcome:
    """An e-mail address, with the slips people make named (space, @, comma, dots)."""
    if empty := _empty(value):
        return empty
    text = email_form(value)
    if any(c.isspace() for c in text):
        return Outcome("has_space", _("Une adresse e-mail n'a pas d'espace."))
    if "@" not in text:
        return Outcome(
            "no_at",
            _("Il manque le signe @. Sur un clavier d'ordinateur : AltGr et la touche à (0)."),
        )
    if text.count("@") > 1:
        return Outcome("two_at", _("Il y a deux signes @. Une adresse n'en a qu'un."))
    if "," in text or ";" in text:
        return Outcome(
            "comma", _("Il y a une virgule. Une adresse e-mail a des points, pas de virgule.")
        )
    local, domain = text.split("@")
    if ".." in text or local.startswith(".") or local.endswith(".") or domain.endswith("."):
        return Outcome(
            "bad_dots",
            _("Un point est mal placé. Regardez les points autour du @ et à la fin."),
        )
    if not EMAIL.match(text):
        return Outcome(
            "bad_format", _("Après le @, il faut un nom de site avec un point, comme exemple.fr.")
        )
    return OK


# --- Dates ----------------------------------------------------------------------------------

# French month names and their usual short forms, folded (no accents, lower case).
MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip


@dataclass(frozen=True)
class DateParts:
    day: int
    month: int
    year: int
    year_digits: int  # 2 when the year was written « 56 »


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: « Œuvre » → « oeuvre »."""
    text = typed_form(text).replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    text = text.replace("Æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def date_parts(value: str) -> DateParts | None:
    """A date as a person writes it: 12/04/1956, 12/4/1956, 12-4-1956, 12.04.1956,
    12 04 1956, 12041956, 12 avril 1956, 1er avril 1956, 1956-04-12. None when unreadable.
    """
    tokens = re.findall(r"\d+|[a-z]+", fold(value).replace("1er", "1"))
    tokens = [t for t in tokens if t not in ("le", "du")]
    if len(tokens) == 1 and tokens[0].isdigit() and len(tokens[0]) in (6, 8):
        digits = tokens[0]
        tokens = [digits[:2], digits[2:4], digits[4:]]
    if len(tokens) != 3 or not tokens[0].isdigit() or not tokens[2].isdigit():
        return None
    first, middle, last = tokens
    month = MONTHS.get(middle) if not middle.isdigit() else int(middle)
    if month is None:
        return None
    if len(first) == 4 and middle.isdigit() and len(last) <= 2:  # 1956-04-12
        first, last = last, first
    if len(first) > 2 or len(last) not in (2, 4):
        return None
    return DateParts(int(first), month, int(last), len(last))


def read_date(value: str) -> datetime.date | None:
    """The date meant, or None (unreadable, 2-digit year, or no such day)."""
    parts = date_parts(value)
    if parts is None or parts.year_digits != 4:
        return None
    try:
        return datetime.date(parts.year, parts.month, parts.day)
    except ValueError:
        return None


def check_date(value: str, today: datetime.date | None = None) -> Outcome:
    """A real date in the past, written the way a person writes it (``date_parts``)."""
    if empty := _empty(value):
        return empty
    parts = date_parts(value)
    if parts is None:
        return Outcome(
            "bad_format", _("Écrivez la date ainsi : JJ/MM/AAAA, par exemple 05/03/1950.")
        )
    if parts.year_digits != 4:
        return Outcome("short_year", _("Écrivez l'année avec ses 4 chiffres, par exemple 1950."))
    try:
        date = datetime.date(parts.year, parts.month, parts.day)
    except ValueError:
        return Outcome("not_a_date", _("Cette date n'existe pas. Relisez le jour et le mois."))
    if date > (today or datetime.date.today()) or parts.year < 1900:
        return Outcome("not_a_date", _("Cette date ne va pas. Relisez l'année."))
    return OK


# --- Mot de passe ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PasswordRule:
    key: str
    met: bool
    label: str


def password_rules(value: str) -> list[PasswordRule]:
    """The rules a strong password meets, shown live while the person types.

    12 characters or more of the four kinds: the first of the CNIL's examples of a strong
    password (délibération n° 2022-100 du 21 juillet 2022, recommandation mots de passe).
    """
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
    """The rules of ``password_rules``; a space at either end (pasted) is named first."""
    if not value:
        return Outcome("empty", _("La case est vide. Écrivez votre réponse."))
    if value != value.strip():
        return Outcome(
            "edge_space",
            _("Il y a un espace au début ou à la fin. Effacez-le."),
        )
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
