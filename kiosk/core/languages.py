"""The languages the kiosk knows, and how a per-language text is picked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

DEFAULT_LANGUAGE = "fr"


class Language(NamedTuple):
    """A language of the interface (records that never change are NamedTuples: they are
    built ten times faster than dataclasses, and the kiosk builds them before its first frame).
    """

    code: str
    native_name: str
    espeak_voice: str
    right_to_left: bool = False


LANGUAGES: dict[str, Language] = {
    "fr": Language("fr", "Français", "roa/fr"),
    "en": Language("en", "English", "gmw/en"),
    "ar": Language("ar", "العربية", "sem/ar", right_to_left=True),
    "uk": Language("uk", "Українська", "zle/uk"),
    "es": Language("es", "Español", "roa/es"),
    "pt": Language("pt", "Português", "roa/pt"),
}

LocalizedText = Mapping[str, str]


class Picked(NamedTuple):
    """A text in the language asked for, or in French when it is missing (``fallback``)."""

    text: str
    language: str
    fallback: bool


def pick(text: LocalizedText | None, language: str) -> Picked:
    """Return the text in ``language``; French, flagged as a fallback, when it is missing."""
    if not text:
        return Picked("", language, False)
    if text.get(language):
        return Picked(text[language], language, False)
    return Picked(text.get(DEFAULT_LANGUAGE, ""), DEFAULT_LANGUAGE, language != DEFAULT_LANGUAGE)
