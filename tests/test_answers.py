"""Answers are compared as people write them, and a wrong one is named by what it is.

Every value of a generated persona, written in each way a person writes it, is accepted;
each corrupted value gets the message of its kind (la date, le nom, la ville, le numéro…)
and the paper where to look.
"""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.practice.answers import check_answer
from kiosk.core.practice.persona import generate_persona

CHECK_OF = {
    "nir": "nir", "numero_fiscal": "numero_fiscal", "numero_acces": "numero_acces",
    "iban": "iban", "postal_code": "postal_code", "phone": "phone", "email": "email",
    "birth_date": "date", "first_name": "text", "last_name": "text", "full_name": "text",
    "city": "text", "birth_place": "text", "numero_allocataire": "text",
}  # fmt: skip
PAPER = "Carte d'identité"
SEPARATORS = [" ", "", ".", "-", "\u00a0", "\u202f", "  "]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]  # fmt: skip

personas = st.integers(0, 100_000).map(lambda seed: generate_persona("someone", seed))


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def grouped(number: str, sizes: tuple[int, ...], separator: str) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(number[start : start + size])
        start += size
    parts.append(number[start:])
    return separator.join(p for p in parts if p)


@st.composite
def written(draw, persona, key: str) -> str:
    """The persona's value for ``key``, written one of the ways a person writes it."""
    value = persona.value(key)
    sep = draw(st.sampled_from(SEPARATORS))
    compact = "".join(value.split())
    if key == "nir":
        number = grouped(compact, (1, 2, 2, 2, 3, 3), sep)
        return draw(st.sampled_from([number, number.lower(), compact]))
    if key == "numero_fiscal":
        return draw(st.sampled_from([grouped(compact, (2, 2, 3, 3), sep), compact]))
    if key in ("iban",):
        number = grouped(compact, (4,) * 6, sep)
        return draw(st.sampled_from([number, number.lower(), "IBAN : " + number, compact]))
    if key == "phone":
        national = compact
        rest = national[1:]
        return draw(
            st.sampled_from(
                [
                    grouped(national, (2, 2, 2, 2), sep),
                    "+33 " + grouped(rest, (1, 2, 2, 2), sep),
                    "+33 (0)" + grouped(rest, (1, 2, 2, 2), sep),
                    "0033" + sep + rest,
                    "+33" + national,
                    grouped(national, (2, 2, 2, 2), "/"),
                ]
            )
        )
    if key == "email":
        return draw(st.sampled_from([value, value.upper(), f"  {value} ", value.title()]))
    if key == "birth_date":
        year, month, day = persona.birth_date.split("-")
        d, m = int(day), int(month)
        date_sep = draw(st.sampled_from(["/", "-", ".", " ", " / "]))
        return draw(
            st.sampled_from(
                [
                    f"{day}{date_sep}{month}{date_sep}{year}",
                    f"{d}{date_sep}{m}{date_sep}{year}",
                    f"{d}{date_sep}{month}{date_sep}{year}",
                    f"{day}{month}{year}",
                    f"{'1er' if d == 1 else d} {MONTHS[m - 1]} {year}",
                    f"{d} {without_accents(MONTHS[m - 1]).upper()} {year}",
                    persona.birth_date,
                ]
            )
        )
    if key == "full_name":
        first, last = persona.first_name, persona.last_name
        return draw(
            st.sampled_from(
                [value, f"{last.upper()} {first}", f"{first} {last}", without_accents(value)]
            )
        )
    if key == "numero_allocataire":
        return draw(st.sampled_from([value, grouped(value, (3, 2), sep)]))
    if key in ("first_name", "last_name", "city", "birth_place"):
        return draw(
            st.sampled_from(
                [
                    value,
                    value.upper(),
                    value.lower(),
                    without_accents(value),
                    value.replace("-", " "),
                    value.replace(" ", "-"),
                    f" {value}  ",
                ]
            )
        )
    return value


@settings(max_examples=200, deadline=None)
@given(st.data(), personas, st.sampled_from(sorted(CHECK_OF)))
def test_every_way_a_person_writes_a_value_is_accepted(data, persona, key):
    typed = data.draw(written(persona, key))
    outcome = check_answer(CHECK_OF[key], typed, persona.value(key), PAPER, key)
    assert outcome.ok, (key, typed, persona.value(key), outcome.message)


NAMED = {
    "nir": "le bon numéro", "numero_fiscal": "le bon numéro", "iban": "le bon numéro",
    "numero_allocataire": "le bon numéro", "phone": "le bon numéro",
    "birth_date": "la bonne date", "first_name": "le bon prénom", "last_name": "le bon nom",
    "full_name": "le bon nom", "city": "la bonne ville", "birth_place": "la bonne ville",
    "postal_code": "le bon code postal", "email": "la bonne adresse e-mail",
}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(personas, personas, st.sampled_from(sorted(NAMED)))
def test_another_persons_value_is_named_by_its_kind_and_paper(persona, other, key):
    typed = other.value(key)
    outcome = check_answer(CHECK_OF[key], typed, persona.value(key), PAPER, key)
    if outcome.ok:  # two generated people can share a first name, a city or a postal code
        return
    assert outcome.kind == "not_persona"
    assert outcome.message.startswith(f"Ce n'est pas {NAMED[key]}")
    assert outcome.message.endswith("Regardez le papier « Carte d'identité ».")


@settings(max_examples=100, deadline=None)
@given(personas, st.integers(0, 12), st.integers(1, 9))
def test_a_mistyped_digit_of_a_nir_gets_the_nir_messages(persona, position, shift):
    digits = list(persona.nir)
    if not digits[position].isdigit():
        return
    digits[position] = str((int(digits[position]) + shift) % 10)
    outcome = check_answer("nir", "".join(digits), persona.nir, PAPER, "nir")
    kinds = {"bad_key", "bad_start", "bad_month", "bad_department", "not_digits", "not_persona"}
    assert outcome.kind in kinds
    assert outcome.message


@settings(max_examples=100, deadline=None)
@given(personas, st.integers(1, 400))
def test_another_date_is_named_as_a_date(persona, days):
    born = datetime.date.fromisoformat(persona.birth_date)
    other = (born - datetime.timedelta(days=days)).strftime("%d/%m/%Y")
    outcome = check_answer("date", other, persona.value("birth_date"), PAPER, "birth_date")
    assert outcome.kind == "not_persona"
    assert outcome.message.startswith("Ce n'est pas la bonne date")


def test_the_issue_examples():
    assert check_answer("date", "12/4/1956", "12/04/1956", PAPER, "birth_date").ok
    assert check_answer("date", "12-4-1956", "12/04/1956", PAPER, "birth_date").ok
    assert check_answer("text", "Vallee", "Vallée", PAPER, "last_name").ok
    wrong = check_answer("text", "Durand", "Martin", "Acte de naissance", "last_name")
    assert wrong.message == "Ce n'est pas le bon nom. Regardez le papier « Acte de naissance »."
    assert check_answer("phone", "+33 (0)6 39 98 12 34", "06 39 98 12 34", "", "phone").ok


def test_day_and_month_swapped_are_named():
    outcome = check_answer("date", "04/12/1956", "12/04/1956", PAPER, "birth_date")
    assert outcome.message == (
        "Ce n'est pas la bonne date : le jour et le mois sont inversés. "
        "Regardez le papier « Carte d'identité »."
    )


@pytest.mark.parametrize(
    ("typed", "expected", "key"),
    [
        ("Jean Pierre", "Jean-Pierre", "first_name"),
        ("jean-pierre", "Jean-Pierre", "first_name"),
        ("DE LA FONTAINE", "de La Fontaine", "last_name"),
        ("D'Alembert", "d’Alembert", "last_name"),
        ("Loeuillet", "Lœuillet", "last_name"),
        ("St Étienne", "Saint-Étienne", "city"),
        ("Saint Etienne", "Saint-Étienne", "city"),
        ("MARTIN Camille", "Camille MARTIN", "full_name"),
        ("482 17 36", "4821736", "numero_allocataire"),
    ],
)
def test_names_and_numbers_compared_as_a_clerk_would(typed, expected, key):
    check = "text"
    assert check_answer(check, typed, expected, PAPER, key).ok


@pytest.mark.parametrize(
    ("typed", "expected", "key"),
    [
        ("Martine", "Martin", "last_name"),
        ("Jean", "Jean-Pierre", "first_name"),
        ("Rouen Camille", "Camille MARTIN", "full_name"),
        ("Saint-Denis", "Saint-Étienne", "city"),
    ],
)
def test_a_different_name_is_still_wrong(typed, expected, key):
    assert check_answer("text", typed, expected, PAPER, key).kind == "not_persona"


@settings(max_examples=150, deadline=None)
@given(personas, st.sampled_from(["drop", "add", "letter"]), st.data())
def test_a_corrupted_value_gets_the_message_of_its_kind(persona, corruption, data):
    """One digit lost, one too many, a letter where a digit goes: each named precisely."""
    key = data.draw(st.sampled_from(["nir", "numero_fiscal", "iban", "phone", "postal_code"]))
    value = "".join(persona.value(key).split())
    if corruption == "drop":
        typed, kind = value[:-1], "too_short"
    elif corruption == "add":
        typed, kind = value + "7", "too_long"
    else:
        position = data.draw(st.integers(len(value) - 4, len(value) - 1))
        typed = value[:position] + "Z" + value[position + 1 :]
        kind = "bad_format" if key == "iban" else "not_digits"
    outcome = check_answer(CHECK_OF[key], typed, persona.value(key), PAPER, key)
    if key == "iban" and corruption == "letter":
        # Z is a letter allowed in the account number: the check digits catch it, except about
        # once in 97 (ISO 7064 mod 97-10 cannot see every change), when the value is then
        # compared with the paper's and named as another one.
        assert outcome.kind in {"bad_key", "bad_format", "not_persona"}
        if outcome.kind == "not_persona":
            return
    else:
        assert outcome.kind == kind, (key, typed, outcome)
    assert outcome.message and "Regardez le papier" not in outcome.message


@settings(max_examples=60, deadline=None)
@given(personas)
def test_a_corrupted_email_is_named(persona):
    email = persona.email
    assert check_answer("email", email.replace("@", ""), email, PAPER, "email").kind == "no_at"
    assert check_answer("email", email.replace(".", ",", 1), email, PAPER, "email").kind in {
        "comma"
    }
    spaced = email.replace("@", " @")
    assert check_answer("email", spaced, email, PAPER, "email").kind == "has_space"
