"""Fake identities that hold together: generated with Faker's fr_FR provider, checked here.

Every number of a persona is consistent: the NIR starts with the sex, birth year, month,
department and commune, and its key matches; the numéro fiscal and the IBAN pass their
checksums. Packs ship fixed personas (reproducible lessons); ``generate_persona`` makes more.
"""

from __future__ import annotations

import datetime
import random

from kiosk.core.practice.checksums import french_iban_is_valid, nir_key, numero_fiscal_check
from kiosk.core.practice.model import Persona
from kiosk.core.practice.validators import (
    check_email,
    check_iban_fr,
    check_nir,
    check_numero_acces,
    check_numero_fiscal,
    check_phone_fr,
    check_postal_code,
    compact,
    read_phone,
)
from kiosk.core.search_terms import fold


def nir_for(sex: str, birth_date: str, department: str, commune: str, order: int) -> str:
    """The 15-character NIR these facts give, key included (Corsica keeps 2A / 2B)."""
    year, month, _day = birth_date.split("-")
    body = f"{1 if sex == 'M' else 2}{year[2:]}{month}{department}{commune}{order:03d}"
    return body + nir_key(body)


# The blocks of 10,000 numbers ARCEP keeps for works of fiction: they will never ring anyone
# (01 99 00, 02 61 91, 03 53 01, 04 65 71 and 05 36 49 by region, 06 39 98 mobile).
# Source: ARCEP, plan national de numérotation, « numéros réservés à la fiction ».
FICTION_PHONE_BLOCKS = ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98")
FICTION_PHONE_PREFIXES = tuple(block.replace(" ", "") for block in FICTION_PHONE_BLOCKS)


def is_fiction_phone(number: str) -> bool:
    """Whether a French number (any written form) is in a block ARCEP keeps for fiction."""
    reading = read_phone(number)
    return reading is not None and reading.number.startswith(FICTION_PHONE_PREFIXES)


def numero_fiscal_for(first_ten: str) -> str:
    return first_ten + numero_fiscal_check(first_ten)


def persona_problems(persona: Persona) -> list[str]:
    """What does not hold together in a persona (empty when all is consistent)."""
    problems = []
    checks = {
        "nir": check_nir,
        "numero_fiscal": check_numero_fiscal,
        "numero_acces": check_numero_acces,
        "iban": check_iban_fr,
        "postal_code": check_postal_code,
        "phone": check_phone_fr,
        "email": check_email,
    }
    for key, check in checks.items():
        outcome = check(getattr(persona, key))
        if not outcome.ok:
            problems.append(f"{key} : {outcome.message}")
    if persona.sex not in ("F", "M"):
        problems.append("sex : écrivez F ou M.")
    try:
        datetime.date.fromisoformat(persona.birth_date)
    except ValueError:
        problems.append("birth_date : écrivez une vraie date AAAA-MM-JJ.")
        return problems
    nir = compact(persona.nir)
    year, month, _day = persona.birth_date.split("-")
    expected = {
        "sexe (1er chiffre)": (nir[:1], "1" if persona.sex == "M" else "2"),
        "année (chiffres 2 et 3)": (nir[1:3], year[2:]),
        "mois (chiffres 4 et 5)": (nir[3:5], month),
        "département (chiffres 6 et 7)": (nir[5:7], persona.birth_department.upper()),
        "commune (chiffres 8 à 10)": (nir[7:10], persona.birth_commune),
    }
    for name, (found, wanted) in expected.items():
        if found != wanted:
            problems.append(f"nir : la partie {name} vaut {found}, elle devrait valoir {wanted}.")
    if check_phone_fr(persona.phone).ok and not is_fiction_phone(persona.phone):
        problems.append(
            "phone : prenez un numéro réservé à la fiction par l'ARCEP, "
            "par exemple 06 39 98 12 34 : il ne sonne chez personne."
        )
    if not str(persona.numero_allocataire).isdigit() or len(persona.numero_allocataire) != 7:
        problems.append("numero_allocataire : il faut 7 chiffres.")
    return problems


DEPARTMENTS = ("13", "2A", "31", "33", "35", "59", "67", "69", "75", "76", "2B", "93")


def generate_persona(persona_id: str, seed: int) -> Persona:
    """A new consistent persona; the same seed always gives the same person."""
    from faker import Faker

    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    sex = rng.choice("FM")
    first = fake.first_name_female() if sex == "F" else fake.first_name_male()
    last = fake.last_name()
    birth = fake.date_of_birth(minimum_age=25, maximum_age=85).isoformat()
    department = rng.choice(DEPARTMENTS)
    commune = f"{rng.randint(1, 400):03d}"
    iban = compact(fake.iban())
    if not french_iban_is_valid(iban):  # Faker's IBANs are valid; keep the guarantee here
        raise RuntimeError("Faker produced an invalid IBAN")
    postal = fake.postcode()
    login = fold(f"{first}.{last}").replace(" ", "-")
    login = "".join(c for c in login if c.isalnum() or c in ".-")
    return Persona(
        id=persona_id,
        first_name=first,
        last_name=last,
        sex=sex,
        birth_date=birth,
        birth_place=fake.city(),
        birth_department=department,
        birth_commune=commune,
        nir=nir_for(sex, birth, department, commune, rng.randint(1, 999)),
        numero_fiscal=numero_fiscal_for(f"{rng.randint(0, 3)}{rng.randint(0, 999_999_999):09d}"),
        numero_acces="".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ23456789") for _ in range(7)),
        revenu_fiscal_reference=rng.randrange(9_000, 42_000, 7),
        address=fake.street_address(),
        postal_code=postal,
        city=fake.city(),
        phone=f"06 39 98 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}",
        email=f"{login}@courriel.example",
        iban=" ".join(iban[i : i + 4] for i in range(0, len(iban), 4)),
        numero_allocataire=f"{rng.randint(1_000_000, 9_999_999)}",
    )
