"""French-format checks: agree with python-stdnum, and each error kind has its kind message."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum.fr import nif as stdnum_nif
from stdnum.fr import nir as stdnum_nir

from kiosk.core.practice.validators import (
    check_answer,
    check_date,
    check_email,
    check_iban_fr,
    check_nir,
    check_numero_acces,
    check_numero_fiscal,
    check_password,
    check_phone_fr,
    check_postal_code,
    password_rules,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def nir_bodies(draw) -> str:
    sex = draw(st.sampled_from("12"))
    year = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12))
    department = draw(st.sampled_from(["01", "13", "2A", "2B", "59", "75", "95"]))
    commune = draw(st.integers(1, 999))
    order = draw(st.integers(1, 999))
    return f"{sex}{year:02d}{month:02d}{department}{commune:03d}{order:03d}"


@given(nir_bodies())
def test_valid_nir_agrees_with_stdnum(body):
    number = body + stdnum_nir.calc_check_digits(body)
    assert stdnum_nir.is_valid(number)
    assert check_nir(number).ok
    cuts = (0, 1, 3, 5, 7, 10, 13, 15)
    spaced = " ".join(number[a:b] for a, b in itertools.pairwise(cuts))
    assert check_nir(spaced).ok


@given(nir_bodies(), st.integers(1, 96))
def test_a_wrong_key_is_named(body, shift):
    key = int(stdnum_nir.calc_check_digits(body))
    wrong = f"{(key + shift - 1) % 97 + 1:02d}" if key else "01"
    number = body + wrong
    assert not stdnum_nir.is_valid(number)
    outcome = check_nir(number)
    assert outcome.kind == "bad_key"
    assert outcome.message == (
        "Les 2 derniers chiffres ne correspondent pas : relisez votre carte Vitale."
    )


@given(nir_bodies(), st.integers(1, 14))
def test_missing_digits_are_counted(body, cut):
    number = (body + stdnum_nir.calc_check_digits(body))[: 15 - cut]
    outcome = check_nir(number)
    assert outcome.kind == "too_short"
    expected = "Il manque 1 chiffre." if cut == 1 else f"Il manque {cut} chiffres."
    assert outcome.message == expected


@pytest.mark.parametrize(
    ("typed", "kind", "message"),
    [
        ("", "empty", "La case est vide. Écrivez votre réponse."),
        ("3 84 12", "bad_start", "Le numéro de sécurité sociale commence par 1 ou 2."),
        ("2 84 XX 76 451 089 46", "not_digits", None),
        ("2 84 12 76 451 089 46 1", "too_long", "Il y a 1 chiffre en trop."),
        ("2 84 14 76 451 089 46", "bad_month", None),
    ],
)
def test_nir_error_kinds(typed, kind, message):
    outcome = check_nir(typed)
    assert outcome.kind == kind
    assert outcome.message
    if message:
        assert outcome.message == message


@given(st.integers(0, 3), st.integers(0, 999_999_999))
def test_numero_fiscal_agrees_with_stdnum(first, rest):
    body = f"{first}{rest:09d}"
    number = body + stdnum_nif.calc_check_digits(body)
    assert check_numero_fiscal(number).ok == stdnum_nif.is_valid(number) is True
    corrupted = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert check_numero_fiscal(corrupted).kind == "bad_key"
    assert not stdnum_nif.is_valid(corrupted)


@given(st.text(alphabet="0123456789", min_size=23, max_size=23))
def test_iban_agrees_with_stdnum(bban):
    number = "FR" + stdnum_iban.calc_check_digits("FR00" + bban) + bban
    assert check_iban_fr(number).ok and stdnum_iban.is_valid(number)
    grouped = " ".join(number[i : i + 4] for i in range(0, 27, 4))
    assert check_iban_fr(grouped).ok
    swapped = number[:10] + number[11] + number[10] + number[12:]
    assert check_iban_fr(swapped).ok == stdnum_iban.is_valid(swapped)


def test_iban_messages():
    assert check_iban_fr("DE89 3704 0044 0532 0130 00").kind == "bad_start"
    assert check_iban_fr("FR76 3000 6000").message == "Il manque 15 caractères."


@pytest.mark.parametrize(
    "typed", ["06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0612345678"]
)
def test_phone_accepts_the_usual_ways(typed):
    assert check_phone_fr(typed).ok


def test_phone_messages():
    assert check_phone_fr("06 12 34 56").message == "Il manque 2 chiffres."
    assert check_phone_fr("00 12 34 56 78").kind == "bad_start"


def test_email_messages():
    assert check_email("camille.martin@courriel.example").ok
    assert check_email("camille.martin").kind == "no_at"
    assert "AltGr" in check_email("camille.martin").message
    assert check_email("camille martin@x.fr").kind == "has_space"
    assert check_email("a@@b.fr").kind == "two_at"
    assert check_email("camille@courriel").kind == "bad_format"


def test_postal_codes():
    assert check_postal_code("76000").ok and check_postal_code("20000").ok
    assert check_postal_code("7600").message == "Il manque 1 chiffre."
    assert check_postal_code("00100").kind == "bad_format"


def test_dates_must_be_real():
    assert check_date("05/03/1950").ok and check_date("05.03.1950").ok
    assert check_date("31/02/1950").kind == "not_a_date"
    assert check_date("1950-03-05").kind == "bad_format"
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert check_date(tomorrow.strftime("%d/%m/%Y")).kind == "not_a_date"


def test_numero_acces():
    assert check_numero_acces("K7P4M2X").ok
    assert check_numero_acces("K7P4").message == "Il manque 3 caractères."


def test_password_rules_are_shown_live():
    assert [r.met for r in password_rules("abc")] == [False, False, True, False, False]
    assert all(r.met for r in password_rules("Mon chat a 3 pattes !"))
    assert check_password("Mon chat a 3 pattes !").ok
    assert check_password("abc").message.startswith("Il manque : 12 caractères ou plus")


def test_the_persona_value_is_compared_like_the_real_sites():
    assert check_answer("nir", "2 56 04 76 540 123 88", "256047654012388").ok
    wrong = check_answer("nir", "2 84 12 76 451 089 46", "256047654012388", "Carte Vitale")
    assert wrong.kind == "bad_key"  # the format problem is named first
    other = "1 68 11 2A 004 057 81"
    outcome = check_answer("nir", other, "256047654012388", "Carte Vitale")
    assert outcome.kind == "not_persona" and "Carte Vitale" in outcome.message
