"""A pronunciation lexicon per language: what the voice is given instead of what is written.

espeak-ng reads "ANTS" as the French word "an", drops the dots of "impots.gouv.fr", and reads
"1 500" as "one, five hundred" in every voice but French. Each language has a data file,
``assets/lexicon/<language>.yaml`` (format in its own comments and in docs/content-format.md),
and a content pack may add words for its own acronyms (``lexicon:`` in pack.yaml).

The rules, in this order, on one run of text that one voice reads:

1. e-mail and web addresses: every mark said in the voice's language ("point", "dot",
   "punto"…), so that "impots-gouv-declaration.com" is heard with its hyphens and dots,
   which is what the scam exercise teaches to look at;
2. numbers written in groups of three ("21 600 €") are joined, unless they follow another
   group of digits (phone numbers such as "0 808 800 700" keep their groups); a currency
   sign written first ("€49") is said after the amount, as every voice says it;
3. ordinals ("4e" → "quatrième", "2º") become words, with num2words's table of the
   language (``ordinal_words``; the English voice reads "15th" well already);
4. units after a number ("5 Mo");
5. whole words, case-sensitive, from the lexicon (acronyms: "ANTS" → "A N T S").

Nothing here imports Qt. Files are read once per process (``lexicon``).
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.core.ordinal_words import ordinal_words
from kiosk.core.spoken import Part, Utterance, voice_runs

log = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parents[2] / "assets" / "lexicon"
# Bounds for a pack's lexicon: hostile input is normal input.
MAX_PACK_WORDS = 500
MAX_WORD_LENGTH = 60
_SPACES = "[ \u00a0\u202f]"
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)
# An address, or the end of one written with its first dot (".gouv.fr", ".com").
WEB_ADDRESS = _WEB = re.compile(
    r"(?<![\w@./-])(?:(?:https?://|\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}|\.[a-z]{2,})(?![\w-])"
    r"(?:/[A-Za-z0-9._~/-]*[A-Za-z0-9/])?"
)
# 1 to 3 digits not starting with 0, then groups of exactly three digits.
_GROUPED_NUMBER = re.compile(
    rf"(?<![\d,.])(?<!\d{_SPACES})([1-9]\d{{0,2}}(?:{_SPACES}\d{{3}})+)(?!\d)(?!{_SPACES}\d)"
)
# "€49" (English way of writing): every voice says the amount first, "49 euros".
_CURRENCY_FIRST = re.compile(r"(?<![\w])([€$£])\s?(\d+(?:[.,]\d+)?)")
_ADDRESS_MARKS = re.compile(r"([.\-@/_:~])")
_ACRONYM = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ]{2,}(?![\w-])")
_ROMAN_NUMERAL = re.compile(r"^[IVXLCDM]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class LexiconError(ValueError):
    """A lexicon file or a pack's lexicon section is wrong; the message says where and how."""


@dataclass(frozen=True)
class Lexicon:
    """The spoken forms of one language.

    ``words``: written word → what the voice is given (exact case). ``as_written``: acronyms
    checked by ear that the voice already reads well (the linter does not ask about them).
    ``marks``: ".", "-", "@", "/"… inside an address → the word said. ``units``: unit after
    a number → words. ``ordinal_suffixes``: suffixes that make a number an ordinal.
    """

    language: str
    words: Mapping[str, str] = field(default_factory=dict)
    as_written: frozenset[str] = frozenset()
    marks: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    ordinal_suffixes: tuple[str, ...] = ()

    def with_words(self, words: Mapping[str, str]) -> Lexicon:
        """This lexicon with more words (a pack's own); the pack's win on a clash."""
        return replace(self, words={**self.words, **words})

    def knows(self, acronym: str) -> bool:
        """Whether an acronym has a spoken form, or was checked to read well as written."""
        return acronym in self.words or acronym in self.as_written

    def spoken(self, text: str) -> str:
        """``text`` as this language's voice should be given it (rules 1 to 5 above)."""
        text = _EMAIL.sub(lambda m: self._address(m.group(0)), text)
        text = _WEB.sub(lambda m: self._address(m.group(0)), text)
        text = _GROUPED_NUMBER.sub(lambda m: re.sub(_SPACES, "", m.group(1)), text)
        text = _CURRENCY_FIRST.sub(r"\2 \1", text)
        if self.ordinal_suffixes:
            text = self._ordinals.sub(self._ordinal, text)
        if self.units:
            text = self._units.sub(lambda m: f"{m.group(1)} {self.units[m.group(2)]}", text)
        if self.words:
            text = self._words.sub(lambda m: self.words[m.group(0)], text)
        return text

    # -- the rules -----------------------------------------------------------------------------
    def _address(self, address: str) -> str:
        """'www.impots-gouv.com' → 'www point impots tiret gouv point com' (each mark said)."""
        address = re.sub(r"^https?://", "", address)
        said: list[str] = []
        for piece in _ADDRESS_MARKS.split(address):
            if not piece:
                continue
            if piece in self.marks:
                said.append(self.marks[piece])
            elif _ADDRESS_MARKS.fullmatch(piece):
                said.append(" ")
            else:
                said.append(self.words.get(piece.upper(), piece))
        return " ".join(s for s in said if s.strip())

    @property
    def _ordinals(self) -> re.Pattern[str]:
        return _ordinal_pattern(self.ordinal_suffixes)

    def _ordinal(self, match: re.Match[str]) -> str:
        try:
            return ordinal_words(int(match.group(1)), self.language)
        except (NotImplementedError, OverflowError, ValueError, TypeError):
            return match.group(0)

    @property
    def _units(self) -> re.Pattern[str]:
        return _unit_pattern(tuple(self.units))

    @property
    def _words(self) -> re.Pattern[str]:
        return _word_pattern(tuple(self.words))


@cache
def _ordinal_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"(?<![\w,.])(\d{{1,4}})(?:{alternatives})(?![\w])")


@cache
def _unit_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    return re.compile(rf"(\d){_SPACES}?({alternatives})(?![\w])")


@cache
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@cache
def lexicon(language: str, folder: Path = LEXICON_DIR) -> Lexicon:
    """The lexicon of ``language`` from ``folder``; an empty one when there is no file.

    Raises LexiconError when the file is there but wrong (a test checks the shipped files).
    """
    path = folder / f"{language}.yaml"
    if not path.is_file():
        return Lexicon(language)
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: {error}") from error
    return lexicon_from_data(language, data, str(path))


def prepare_lexicons(languages: Iterable[str]) -> None:
    """Read the lexicons and load their ordinal tables now (the first import is the slow
    part), so that the first sentence heard does not wait for them. A broken file is left
    for ``given_to_voices`` to report."""
    for language in languages:
        with contextlib.suppress(LexiconError):
            said = lexicon(language)
            said.spoken("1 000 www.a.fr")
            if said.ordinal_suffixes:
                said.spoken(f"2{said.ordinal_suffixes[0]}")


def lexicon_from_data(language: str, data: Any, where: str) -> Lexicon:
    """Build a Lexicon from a parsed file; LexiconError names the section that is wrong."""
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected sections words, as_written, marks, units")
    unknown = set(data) - {"words", "as_written", "marks", "units", "ordinal_suffixes"}
    if unknown:
        raise LexiconError(f"{where}: unknown section {sorted(unknown)[0]!r}")

    def mapping(name: str) -> dict[str, str]:
        value = data.get(name) or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise LexiconError(f"{where}: {name} must map texts to texts")
        return dict(value)

    def strings(name: str) -> list[str]:
        value = data.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{where}: {name} must be a list of texts")
        return value

    return Lexicon(
        language,
        words=mapping("words"),
        as_written=frozenset(strings("as_written")),
        marks=mapping("marks"),
        units=mapping("units"),
        ordinal_suffixes=tuple(strings("ordinal_suffixes")),
    )


def pack_lexicon_problems(section: Any, languages: Iterable[str]) -> list[tuple[str, str]]:
    """Check a pack's ``lexicon:`` section: ``{fr: {ANTS: "A N T S"}, en: {...}}``.

    Out: (field, message in plain French for the pack's author) for each problem; none when
    the section is right. Bounds: at most MAX_PACK_WORDS words, each side at most
    MAX_WORD_LENGTH characters, no control or bidi-override characters.
    """
    allowed = set(languages)
    if not isinstance(section, dict):
        return [("lexicon", "écrivez une liste par langue, par exemple « fr: {ANTS: A N T S} ».")]
    problems: list[tuple[str, str]] = []
    count = 0
    for language, words in section.items():
        where = f"lexicon.{language}"
        if language not in allowed:
            problems.append((where, f"la langue « {language} » n'est pas dans « languages »."))
            continue
        if not isinstance(words, dict):
            problems.append((where, "écrivez des lignes « MOT: comment le dire »."))
            continue
        for written, spoken in words.items():
            count += 1
            if not isinstance(written, str) or not isinstance(spoken, str):
                problems.append((f"{where}.{written}", "écrivez un texte de chaque côté."))
            elif not written.strip() or not spoken.strip():
                problems.append((f"{where}.{written}", "un des deux côtés est vide."))
            elif max(len(written), len(spoken)) > MAX_WORD_LENGTH:
                problems.append(
                    (f"{where}.{written}", f"au plus {MAX_WORD_LENGTH} caractères de chaque côté.")
                )
            elif _CONTROL.search(written + spoken):
                problems.append((f"{where}.{written}", "retirez les caractères invisibles."))
    if count > MAX_PACK_WORDS:
        problems.append(("lexicon", f"au plus {MAX_PACK_WORDS} mots en tout."))
    return problems


def acronyms_in(text: str) -> list[str]:
    """Words of two capitals or more ("ANTS"), in order, once each; Roman numerals left out."""
    found = dict.fromkeys(_ACRONYM.findall(text))
    return [word for word in found if not _ROMAN_NUMERAL.match(word)]


def unspoken_acronyms(
    text: str, language: str, extra: Mapping[str, str] | None = None
) -> list[str]:
    """Acronyms of ``text`` that the lexicon of ``language`` (plus ``extra``) does not know.

    Web and e-mail addresses are left out: their parts are read piece by piece.
    """
    known = lexicon(language).with_words(extra or {})
    text = _WEB.sub(" ", _EMAIL.sub(" ", text))
    return [word for word in acronyms_in(text) if not known.knows(word)]


# The installed packs' words, per language: process-wide like the interface's catalog (one
# content per kiosk), replaced whole (one reference swap) so the speech thread reads either
# the old or the new mapping, never half of one.
_pack_words: Mapping[str, Mapping[str, str]] = {}


def use_pack_words(words: Mapping[str, Mapping[str, str]]) -> None:
    """Add the installed packs' spoken forms (``ContentStore.pack_words()``) to the lexicons."""
    global _pack_words
    _pack_words = {language: dict(entries) for language, entries in words.items()}


def spoken_lexicon(language: str) -> Lexicon:
    """The lexicon a voice uses: the kiosk's file plus the installed packs' words."""
    extra = _pack_words.get(language)
    return _with_pack_words(language, tuple(sorted(extra.items()))) if extra else lexicon(language)


@cache
def _with_pack_words(language: str, words: tuple[tuple[str, str], ...]) -> Lexicon:
    return lexicon(language).with_words(dict(words))


def given_to_voices(utterance: Utterance) -> list[Part]:
    """What each voice is given for one sentence: its runs (``spoken.voice_runs``), each
    through its language's lexicon (``spoken_lexicon``). A broken lexicon file leaves the
    text as written and is logged: a sentence is never lost for a typo in a data file.
    """
    given = []
    for run in voice_runs(utterance):
        try:
            text = spoken_lexicon(run.language).spoken(run.text)
        except LexiconError:
            log.exception("The pronunciation lexicon of %s cannot be read.", run.language)
            text = run.text
        given.append(Part(text, run.language))
    return given
