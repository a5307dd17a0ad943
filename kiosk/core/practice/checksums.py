"""The arithmetic of three French numbers: NIR key, numéro fiscal check, IBAN check digits.

Written here rather than taken from python-stdnum at run time: its common module imports
``ssl`` and ``pydoc`` (OpenSSL initialised, 6 MiB and 15 ms) for three short formulas.
The tests check these functions against python-stdnum on thousands of generated numbers.
Each function takes a compact number (no spaces) and never keeps it.
"""

from __future__ import annotations

import re

CORSICA = {"2A": "19", "2B": "18"}  # the NIR key is computed with these in place of 2A / 2B
FRENCH_BBAN = re.compile(r"^[0-9]{5}[0-9]{5}[0-9A-Z]{11}[0-9]{2}$")  # bank, branch, account, key


def nir_key(body: str) -> str:
    """The 2-digit key of a 13-character NIR body: 97 minus the body modulo 97."""
    digits = body[:5] + CORSICA.get(body[5:7], body[5:7]) + body[7:13]
    return f"{97 - int(digits) % 97:02d}"


def nir_is_valid(number: str) -> bool:
    """15 characters (digits, or 2A / 2B for Corsica) whose last two are the key."""
    body, key = number[:13], number[13:]
    if len(number) != 15 or not key.isdigit():
        return False
    department = body[5:7]
    if not (body[:5] + CORSICA.get(department, department) + body[7:]).isdigit():
        return False
    return nir_key(body) == key


def numero_fiscal_check(first_ten: str) -> str:
    """The last 3 digits of a numéro fiscal: the first 10 as a number, modulo 511."""
    return f"{int(first_ten) % 511:03d}"


def numero_fiscal_is_valid(number: str) -> bool:
    """13 digits, the first one 0 to 3, the last three the check of the first ten."""
    return (
        len(number) == 13
        and number.isdigit()
        and number[0] in "0123"
        and numero_fiscal_check(number[:10]) == number[10:]
    )


def _as_digits(text: str) -> str:
    """Letters become two digits (A = 10 … Z = 35), as ISO 13616 asks."""
    return "".join(str(int(character, 36)) for character in text)


def iban_check_digits(country: str, bban: str) -> str:
    """The 2 check digits between the country code and the account number."""
    return f"{98 - int(_as_digits(bban + country + '00')) % 97:02d}"


def french_iban_is_valid(number: str) -> bool:
    """FR, 2 check digits, then 23 characters in the French layout; the whole modulo 97 is 1."""
    if len(number) != 27 or not number.startswith("FR") or not number[2:4].isdigit():
        return False
    if not FRENCH_BBAN.match(number[4:]):
        return False
    return int(_as_digits(number[4:] + number[:4])) % 97 == 1
