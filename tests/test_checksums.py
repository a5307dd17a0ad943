"""Our three checksums agree with python-stdnum (the reference, a test dependency only)."""

import string

from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban as stdnum_iban
from stdnum.fr import nif as stdnum_nif
from stdnum.fr import nir as stdnum_nir

from kiosk.core.practice.checksums import (
    french_iban_is_valid,
    iban_check_digits,
    nir_is_valid,
    nir_key,
    numero_fiscal_check,
    numero_fiscal_is_valid,
)
from tests.fresh_interpreter import modules_loaded

DIGITS = string.digits


@st.composite
def nir_bodies(draw) -> str:
    department = draw(st.sampled_from(["01", "2A", "2B", "13", "75", "97", "99"]))
    rest = draw(st.text(DIGITS, min_size=6, max_size=6))
    start = draw(st.text(DIGITS, min_size=5, max_size=5))
    return start + department + rest


@given(nir_bodies())
def test_nir_key_is_stdnums(body):
    assert nir_key(body) == stdnum_nir.calc_check_digits(body)
    assert nir_is_valid(body + nir_key(body))


@given(st.one_of(st.text(DIGITS + "AB", max_size=16), nir_bodies().map(lambda b: b + "00")))
def test_nir_validity_is_stdnums_on_any_text(number):
    assert nir_is_valid(number) == stdnum_nir.is_valid(number)


@given(st.text(DIGITS, min_size=10, max_size=10))
def test_numero_fiscal_check_is_stdnums(first_ten):
    assert numero_fiscal_check(first_ten) == stdnum_nif.calc_check_digits(first_ten)


@given(st.one_of(st.text(DIGITS, max_size=14), st.text(DIGITS, min_size=10, max_size=10)))
def test_numero_fiscal_validity_is_stdnums(number):
    if len(number) == 10:
        number += numero_fiscal_check(number)
    assert numero_fiscal_is_valid(number) == stdnum_nif.is_valid(number)


french_bbans = st.builds(
    lambda bank, branch, account, key: bank + branch + account + key,
    st.text(DIGITS, min_size=5, max_size=5),
    st.text(DIGITS, min_size=5, max_size=5),
    st.text(DIGITS + string.ascii_uppercase, min_size=11, max_size=11),
    st.text(DIGITS, min_size=2, max_size=2),
)


@given(french_bbans)
def test_iban_check_digits_are_stdnums(bban):
    assert iban_check_digits("FR", bban) == stdnum_iban.calc_check_digits("FR00" + bban)
    assert french_iban_is_valid("FR" + iban_check_digits("FR", bban) + bban)


@given(
    st.one_of(
        french_bbans.map(lambda b: "FR" + iban_check_digits("FR", b) + b),
        french_bbans.map(lambda b: "FR76" + b),
        st.text(DIGITS + "FR" + string.ascii_uppercase, min_size=25, max_size=28),
    ),
    st.integers(0, 26),
)
def test_french_iban_validity_is_stdnums(number, swap_at):
    swapped = number[:swap_at] + number[swap_at + 1 : swap_at + 2] + number[swap_at : swap_at + 1]
    swapped += number[swap_at + 2 :]
    for candidate in (number, swapped):
        expected = stdnum_iban.is_valid(candidate) and candidate.startswith("FR")
        assert french_iban_is_valid(candidate) == expected


def test_the_kiosk_never_loads_stdnum_nor_openssl():
    """python-stdnum's common module imports ssl and pydoc: 6 MiB for three formulas."""
    script = (
        "from kiosk.core.practice import persona, validators\n"
        "validators.check_nir('2 69 05 49 588 157 80')\n"
    )
    assert modules_loaded(script, ("stdnum", "ssl", "pydoc")) == []
