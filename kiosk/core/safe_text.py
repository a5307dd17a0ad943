"""Texts and web addresses of a pack that cannot hide what they show, and values quoted safely.

A text shown to a citizen must look like what it is. Two kinds of characters break that:
control characters (NUL, escape…), which terminals and some widgets act on, and the bidirectional
embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what is displayed:
"https://impots.gouv.fr\u202erf.elif" shows another address than the one it holds. These are
the characters of "Trojan Source" (CVE-2021-42574; Unicode TR #36 § 2.3 and UAX #9 § 2). The
left-to-right and right-to-left marks (U+200E, U+200F, U+061C) only place punctuation and stay
allowed: Arabic texts need them.
"""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

from kiosk.core.pack_limits import MAX_QUOTED_CHARS

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TOP_LEVEL_DOMAIN = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")
MAX_URL_CHARS = 2_000


# Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) but the line break,
# lone surrogates (Cs), the line and paragraph separators (Zl, Zp: U+2028, U+2029) and the
# bidirectional controls: one regular expression, as fast as a scan can be.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def unsafe_character(text: str) -> str | None:
    """The first character of ``text`` that may not be shown, or None.

    Refused: control characters (Unicode category Cc) except the line break, line and
    paragraph separators (Zl, Zp), lone surrogates (Cs) and the bidirectional controls above.
    """
    found = _UNSAFE.search(text)
    return found.group() if found else None


def character_problem(text: str) -> str | None:
    """A plain French sentence saying which hidden character ``text`` holds, or None."""
    char = unsafe_character(text)
    if char is None:
        return None
    code = f"U+{ord(char):04X}"
    if char in BIDI_CONTROLS:
        return (
            f"le texte contient un caractère invisible qui change le sens de lecture ({code}). "
            "Retirez-le."
        )
    return f"le texte contient un caractère de contrôle invisible ({code}). Retirez-le."


def shown(value: Any) -> str:
    """``value`` as a message may quote it: short, on one line, hidden characters written out.

    A pack may hold a value of any size (a billion-laughs list, a 5,000-digit number) or with
    hidden characters; the admin's terminal must not print it as it is.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(vide)"
    if isinstance(value, list):
        return "(une liste)"
    if isinstance(value, dict):
        return "(des champs)"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value) if abs(value) < 10**18 else "(un nombre très long)"
    text = value if isinstance(value, str) else type(value).__name__
    quoted = _UNSAFE.sub(lambda found: f"<U+{ord(found.group()):04X}>", text[:MAX_QUOTED_CHARS])
    return quoted + ("…" if len(text) > MAX_QUOTED_CHARS else "")


def web_address_problem(url: str) -> str | None:
    """What is wrong with a web address shown to citizens, as a French sentence; None if right.

    Accepted: ``https://`` then a real host name (two labels or more, letters, digits and
    dashes, RFC 1123 § 2.1; a top-level domain of letters or an IDNA ``xn--`` label), then an
    optional path, all in visible ASCII (RFC 3986 § 2: other characters are %-encoded). No user
    name before the host ("https://ameli.fr@escroc.example" goes to escroc.example), no port,
    no IP address, no backslash (browsers read it as "/").
    """
    if len(url) > MAX_URL_CHARS:
        return "l'adresse est trop longue."
    if not url.startswith("https://"):
        return "l'adresse doit commencer par « https:// »."
    if any(not "!" <= char <= "~" for char in url):
        return (
            "l'adresse contient une espace, un accent ou un caractère invisible. "
            "Recopiez-la depuis la barre d'adresse du navigateur."
        )
    if "\\" in url:
        return "l'adresse contient une barre oblique inverse « \\ ». Écrivez « / »."
    try:
        parts = urlsplit(url)
    except ValueError:
        return "l'adresse est mal écrite."
    if "@" in parts.netloc or ":" in parts.netloc:
        return "le nom du site ne doit contenir ni « @ » ni « : »."
    labels = parts.netloc.lower().split(".")
    if (
        len(labels) < 2
        or not all(_HOST_LABEL.match(label) for label in labels)
        or not _TOP_LEVEL_DOMAIN.match(labels[-1])
    ):
        return (
            "le nom du site est incomplet ou mal écrit. Écrivez par exemple "
            "« https://www.service-public.fr »."
        )
    return None
