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

from kiosk.core.practice.answers import check_answer
from kiosk.core.practice.validators import (
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
    assert check_date("1950-03-05").ok  # year first, as a computer writes it
    assert check_date("05/03/50").kind == "short_year"
    assert check_date("le 5 de mars").kind == "bad_format"
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
    outcome = check_answer("nir", other, "256047654012388", "Carte Vitale", "nir")
    assert outcome.kind == "not_persona"
    assert outcome.message == ("Ce n'est pas le bon numéro. Regardez le papier « Carte Vitale ».")


# --- INSEE's rules for the NIR, python-stdnum's silence --------------------------------------


@pytest.mark.parametrize("month", [20, *range(30, 43), *range(50, 100)])
def test_nir_months_of_an_incomplete_civil_status_are_accepted(month):
    """INSEE writes 20, 30-42 or 50-99 when the birth record gives no month."""
    body = f"145{month:02d}99350123"
    number = body + stdnum_nir.calc_check_digits(body)
    assert check_nir(number).ok, number


def test_the_nir_of_the_issue_is_accepted():
    assert check_nir("145359935012344").ok
    assert check_nir("1 45 35 99 350 123 44").ok


@pytest.mark.parametrize("month", [0, *range(13, 20), *range(21, 30), *range(43, 50)])
def test_nir_months_insee_never_writes_are_named(month):
    body = f"145{month:02d}99350123"
    number = body + stdnum_nir.calc_check_digits(body)
    assert stdnum_nir.is_valid(number)  # python-stdnum checks only the key
    assert check_nir(number).kind == "bad_month"


def test_nir_department_00_is_named():
    body = "1450100350123"
    assert check_nir(body + stdnum_nir.calc_check_digits(body)).kind == "bad_department"


@pytest.mark.parametrize(
    "typed",
    [
        "2\u00a056\u00a004\u00a076\u00a0540\u00a0123\u00a088",  # copied from a PDF
        "2\u202f56\u202f04\u202f76\u202f540\u202f123\u202f88",
        "2-56-04-76-540-123-88",
        "2 56 04 76 540 123 88 ",
        "\u200b256047654012388",  # an invisible zero-width space pasted in front
        "٢٥٦٠٤٧٦٥٤٠١٢٣٨٨",  # typed on an Arabic keyboard
        "２５６０４７６５４０１２３８８",  # full-width digits
    ],
)
def test_a_nir_is_read_however_it_was_typed_or_pasted(typed):
    assert check_nir(typed).ok


# --- Phone numbers: every national and international form -----------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "06/12/34/56/78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "+33(0)612345678",
        "(+33) 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+33 06 12 34 56 78",
        "+33612345678",
        "33 6 12 34 56 78",
        "+33\u00a06\u00a012\u00a034\u00a056\u00a078",
        "06 12 34 56 78\u200b",
    ],
)
def test_phone_accepts_every_national_and_international_form(typed):
    assert check_phone_fr(typed).ok


@pytest.mark.parametrize(
    "typed",
    [
        "0262 12 34 56",  # La Réunion, national
        "+262 262 12 34 56",
        "+262 692 12 34 56",  # La Réunion, mobile
        "+262 639 12 34 56",  # Mayotte, mobile
        "0590 12 34 56",  # Guadeloupe
        "+590 690 12 34 56",
        "+594 694 12 34 56",  # Guyane
        "+596 696 12 34 56",  # Martinique
        "00596 596 12 34 56",
        "+508 41 23 45",  # Saint-Pierre-et-Miquelon: 6 digits
        "+687 12 34 56",  # Nouvelle-Calédonie
        "+689 40 12 34 56",  # Polynésie française: 8 digits
        "+681 72 12 34",  # Wallis-et-Futuna
    ],
)
def test_phone_accepts_overseas_numbers(typed):
    assert check_phone_fr(typed).ok


def test_phone_messages():
    assert check_phone_fr("06 12 34 56").message == "Il manque 2 chiffres."
    assert check_phone_fr("00 12 34 56 78").kind == "bad_start"
    assert check_phone_fr("01 00 12 34 56 78").kind == "too_long"
    assert check_phone_fr("016 12 34 56 78").kind == "too_long"
    assert check_phone_fr("+44 20 7946 0958").kind == "not_french"
    assert check_phone_fr("+33 0 12 34 56 78").kind == "bad_start"
    assert check_phone_fr("06 12 34 56 7A").kind == "not_digits"
    assert check_phone_fr("+508 41 23 4").message == "Il manque 1 chiffre."
    assert check_phone_fr("6 12 34 56 78").kind == "bad_start"


# --- IBAN, e-mail, postal code, password: right but refused, wrong but accepted ----------------


def test_iban_as_people_paste_it():
    assert check_iban_fr("IBAN : FR76 3000 6000 0112 3456 7890 189").ok
    assert check_iban_fr("fr76 3000 6000 0112 3456 7890 189").ok
    assert check_iban_fr("FR76\u00a03000\u00a06000\u00a00112\u00a03456\u00a07890\u00a0189").ok
    assert check_iban_fr("FR76-3000-6000-0112-3456-7890-189").ok


def test_a_letter_o_typed_for_a_zero_in_an_iban_is_named():
    outcome = check_iban_fr("FR76 3OOO 6000 0112 3456 7890 189")
    assert outcome.kind == "letter_for_digit"
    assert "zéro" in outcome.message


def test_an_iban_with_a_foreign_letter_is_refused():
    assert check_iban_fr("FR76 3000 6000 0112 3456 7890 18É").kind == "bad_format"


def test_email_slips_are_named():
    assert check_email(" Camille.Martin@Courriel.Example ").ok
    assert check_email("mailto:camille.martin@courriel.example").ok
    assert check_email("camille.martin@courriel,example").kind == "comma"
    assert check_email("camille..martin@courriel.example").kind == "bad_dots"
    assert check_email("camille.@courriel.example").kind == "bad_dots"
    assert check_email("camille@courriel.example.").kind == "bad_dots"
    assert check_email("camille\u00a0martin@courriel.example").kind == "has_space"


@pytest.mark.parametrize("code", ["75001", "20000", "97100", "97600", "98000", "98800", "75 001"])
def test_postal_codes_la_poste_uses(code):
    assert check_postal_code(code).ok


@pytest.mark.parametrize("code", ["00100", "96000", "99000", "97000", "97900", "98100", "98500"])
def test_postal_codes_nobody_uses(code):
    assert check_postal_code(code).kind == "bad_format"


def test_a_postal_code_with_its_city_is_named():
    outcome = check_postal_code("76000 Rouen")
    assert outcome.kind == "with_city"
    assert outcome.message == "Écrivez seulement les 5 chiffres du code postal, sans la ville."


def test_a_pasted_password_with_a_space_at_the_end_is_named():
    assert check_password("Mon chat a 3 pattes ! ").kind == "edge_space"


@pytest.mark.parametrize(
    "typed",
    ["12/04/1956", "12/4/1956", "12-4-1956", "12.04.1956", "12 04 1956", "12041956",
     "12 avril 1956", "12 Avril 1956", "12 avr. 1956", "1956-04-12", "12 / 04 / 1956"],
)  # fmt: skip
def test_dates_are_read_as_people_write_them(typed):
    assert check_date(typed).ok
    assert check_answer("date", typed, "12/04/1956", "Carte d'identité", "birth_date").ok


def test_first_of_the_month():
    assert check_answer("date", "1er avril 1956", "01/04/1956", expect="birth_date").ok
