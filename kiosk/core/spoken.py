"""Sentences to be heard, each part tagged with its language, and the voice for each part.

Interface sentences are in the interface language, content in the content's language (French
when a tutorial has no text in the person's language): the screens say which is which. A
sentence may mix both ("Vous avez fini le tutoriel « {title} »." with a French title in an
Arabic sentence), so a sentence is a tuple of parts.

A voice reads one script: espeak-ng's Arabic and Ukrainian voices spell Latin letters one by
one with English names, and the French voice does the same with Arabic or Cyrillic (a 5 s
sentence then lasts 34 s). ``voice_runs`` is the safety net under the screens' tags: a run of
letters that the part's voice cannot read goes to a voice that can (Latin to French, the
language of the names and addresses a French kiosk shows; Arabic to Arabic; Cyrillic to
Ukrainian). Digits, spaces and punctuation belong to no script and stay with the run around
them. Scripts are read from Unicode character names (Unicode Standard, Scripts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

# The script each voice reads (espeak-ng voices roa/fr, gmw/en, roa/es, roa/pt, sem/ar, zle/uk).
VOICE_SCRIPTS: dict[str, str] = {
    "fr": "LATIN",
    "en": "LATIN",
    "es": "LATIN",
    "pt": "LATIN",
    "ar": "ARABIC",
    "uk": "CYRILLIC",
}
# Who reads a run of letters that the sentence's voice cannot read.
SCRIPT_READERS: dict[str, str] = {"LATIN": "fr", "ARABIC": "ar", "CYRILLIC": "uk"}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Part(NamedTuple):
    """A piece of text in one language: ``text`` is read by the voice of ``language``."""

    text: str
    language: str


class Utterance(NamedTuple):
    """One sentence to be heard (one clip, one highlight), in one or more parts."""

    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        """The sentence as written, all parts joined."""
        return "".join(part.text for part in self.parts)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(part.language for part in self.parts))


def said(text: str, language: str) -> Utterance:
    """A sentence in one language."""
    return Utterance((Part(text, language),))


def said_all(texts: Iterable[str], language: str) -> list[Utterance]:
    """Sentences in one language; empty ones are left out."""
    return [said(text, language) for text in texts if text.strip()]


def compose(template: str, language: str, **pieces: Part | str) -> Utterance:
    """Fill ``template`` (in ``language``) with pieces that keep their own language.

    ``compose(_("Vous avez fini le tutoriel « {title} »."), "ar", title=Part(title, "fr"))``
    reads the Arabic words with the Arabic voice and the French title with the French one.
    A plain string piece is in ``language``. Raises KeyError for a placeholder with no piece.
    """
    parts: list[Part] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(Part(template[position : match.start()], language))
        piece = pieces[match.group(1)]
        parts.append(piece if isinstance(piece, Part) else Part(piece, language))
        position = match.end()
    parts.append(Part(template[position:], language))
    return Utterance(_merged(p for p in parts if p.text))


def as_utterances(sentences: Iterable[str | Utterance], language: str) -> list[Utterance]:
    """Plain strings are in ``language``; utterances keep their own tags. Blank ones go."""
    result = []
    for sentence in sentences:
        utterance = said(sentence, language) if isinstance(sentence, str) else sentence
        if utterance.text.strip():
            result.append(utterance)
    return result


def script_of(character: str) -> str | None:
    """'LATIN', 'ARABIC', 'CYRILLIC'… for a letter; None for digits, marks, spaces, signs."""
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0] if name else None


def scripts_in(text: str) -> set[str]:
    """Every script whose letters appear in ``text``."""
    return {script for c in text if (script := script_of(c)) is not None}


def can_read(language: str, text: str) -> bool:
    """Whether the voice of ``language`` reads every letter of ``text``."""
    own = VOICE_SCRIPTS.get(language)
    return own is None or scripts_in(text) <= {own}


def voice_runs(utterance: Utterance) -> list[Part]:
    """The parts as the voices will read them: each run of letters goes to a voice that can read it.

    Out: consecutive parts of one language are merged; blank parts are dropped.
    """
    runs: list[Part] = []
    for part in utterance.parts:
        own = VOICE_SCRIPTS.get(part.language)
        current: list[str] = []
        current_language = part.language
        for character in part.text:
            script = script_of(character)
            if script is None or own is None:
                language = current_language  # digits, signs and spaces follow the run
            elif script == own:
                language = part.language
            else:
                language = SCRIPT_READERS.get(script, part.language)
            if language != current_language and current:
                runs.append(Part("".join(current), current_language))
                current = []
            current_language = language
            current.append(character)
        if current:
            runs.append(Part("".join(current), current_language))
    return [run for run in _merged(runs) if run.text.strip()]


def _merged(parts: Iterable[Part]) -> tuple[Part, ...]:
    merged: list[Part] = []
    for part in parts:
        if merged and merged[-1].language == part.language:
            merged[-1] = Part(merged[-1].text + part.text, part.language)
        else:
            merged.append(part)
    return tuple(merged)
