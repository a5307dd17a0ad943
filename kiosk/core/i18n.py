"""Interface translations: gettext catalogs compiled by babel from translations/*.po.

The kiosk shows one language at a time on one screen, so the active catalog is process-wide;
Qt widgets re-read their strings in ``retranslate_ui()`` when the language changes.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).resolve().parents[2] / "translations"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "fr"


def install(language: str, locale_dir: Path = LOCALE_DIR) -> bool:
    """Activate a language; French (the source) needs no catalog. False if a catalog is missing."""
    global _active, _language
    _language = language
    if language == "fr":
        _active = _gettext.NullTranslations()
        return True
    try:
        _active = _gettext.translation(DOMAIN, localedir=str(locale_dir), languages=[language])
    except OSError:
        _active = _gettext.NullTranslations()
        return False
    return True


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate an interface string into the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for ``count``. French, the source, has no catalog: its rule is applied here
    (0 and 1 take the singular, CLDR plural rules for "fr"; gettext's default is English's)."""
    if _language == "fr":
        return singular if abs(count) < 2 else plural
    return _active.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message
