"""Plain-language (FALC) check of every text a citizen reads or hears in a content pack.

Errors are limits a machine can measure without understanding the text (sentence and step
length, Markdown the kiosk cannot show); warnings need an author's judgement (jargon, capitals,
acronyms, readability). docs/plain-language.md explains each rule and the readability threshold.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cache
from typing import Any

import pyphen

from kiosk.core.content import Pack, Tutorial
from kiosk.core.jargon import COMMON_ACRONYMS, JARGON, KNOWN_ACRONYMS, JargonTerm
from kiosk.core.reading import parse_blocks, plain

MAX_SENTENCE_WORDS = 15
MAX_STEP_WORDS = 60
# Kandel–Moles score under which a step text gets a warning; docs/plain-language.md says why.
MIN_READABILITY = 70.0
# Below this many words, a readability score says more about chance than about the text.
MIN_WORDS_FOR_READABILITY = 20


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "erreur" if self is Severity.ERROR else "avertissement"


class TextKind(Enum):
    """What a text is for decides which rules apply to it."""

    DISPLAYED = "displayed"  # titles, summary, lists, boxes, image descriptions
    STEP_TEXT = "step-text"  # the main text of a step: also its length and readability
    SPOKEN = "spoken"  # `speech`: heard, never seen, so capitals do not matter


@dataclass(frozen=True)
class Issue:
    """One problem in one text, before we know where the text sits in a pack."""

    severity: Severity
    rule: str
    message: str


@dataclass(frozen=True)
class Finding:
    """One problem, located: tutorial, step (None for the overview and completion screens)."""

    severity: Severity
    tutorial_id: str
    step: str | None
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.tutorial_id} › étape {self.step}" if self.step else self.tutorial_id
        return f"{where} ({self.field}) : {self.severity.label} : {self.message}"


# --- Words and sentences ------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_DIGIT_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d)")
# In `speech`, "impôts point gouv point f r" is one address and "C P A M" one acronym.
_SPOKEN_ADDRESS = re.compile(r"\S+(?:\s+point\s+\S+)+(?:\s+[^\W\d_]\b)*", re.IGNORECASE)
_SPELLED_LETTERS = re.compile(r"\b[A-Z](?:\s+[A-Z]\b)+")
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_ITALIC_MARKS = re.compile(r"(?<![\w*])[*_]+|[*_]+(?![\w*])")


def words(sentence: str, spoken: bool = False) -> list[str]:
    """The words a reader counts: an address, a phone number or "l'attestation" is one word.

    Markdown marks and lone punctuation (« » : ? –) are not words.
    """
    text = plain(sentence).translate(_APOSTROPHES)
    text = _ITALIC_MARKS.sub("", text)
    text = _DIGIT_GROUP_SPACE.sub("", text)
    if spoken:
        text = _SPELLED_LETTERS.sub(lambda m: m.group().replace(" ", ""), text)
        text = _SPOKEN_ADDRESS.sub(lambda m: "·".join(m.group().split()), text)
    return [token for token in text.split() if _HAS_LETTER_OR_DIGIT.search(token)]


def sentences(markdown: str) -> list[str]:
    """The sentences as the kiosk shows and reads them: one per sentence or list item."""
    return [plain(s) for block in parse_blocks(markdown) for s in block.sentences]


def _fold(text: str) -> str:
    """Lowercase, without accents, with straight apostrophes; keeps every index in place."""
    decomposed = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.lower()


def _excerpt(sentence: str, length: int = 8) -> str:
    parts = sentence.split()
    return " ".join(parts[:length]) + (" …" if len(parts) > length else "")


# --- Readability ---------------------------------------------------------------------------

_ELISION = re.compile(r"^(?:[a-z]|qu|jusqu|lorsqu|puisqu)'", re.IGNORECASE)
_WORD_PIECES = re.compile(r"[^\W\d_]+|\d+")
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="fr")


def syllables(word: str) -> int:
    """French syllables of a word, from pyphen's hyphenation points (as textstat counts them).

    The elided article of "l'attestation" adds none; a number or an address piece adds one.
    """
    word = _ELISION.sub("", word.translate(_APOSTROPHES)).lower()
    count = 0
    for piece in _WORD_PIECES.findall(word):
        if _VOWEL.search(piece):
            count += len(_hyphenator().positions(piece)) + 1
        else:
            count += 1
    return max(count, 1)


def kandel_moles(markdown: str) -> float | None:
    """The French Flesch score (Kandel & Moles, 1958); higher is easier. None for no words.

    207 − 1.015 × words per sentence − 73.6 × syllables per word. textstat 0.7.13 uses the
    same coefficients for "fr", but splits sentences at every dot (so "ameli.fr" ends one) and
    drops sentences of one or two words while keeping their words; we count as the kiosk shows.
    """
    parts = sentences(markdown)
    all_words = [w for s in parts for w in words(s)]
    if not all_words:
        return None
    sentence_count = sum(1 for s in parts if words(s))
    syllable_count = sum(syllables(w) for w in all_words)
    return 207 - 1.015 * len(all_words) / sentence_count - 73.6 * syllable_count / len(all_words)


# --- Markdown the kiosk cannot show --------------------------------------------------------

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w])"
)
_UNSUPPORTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*#+\s", re.MULTILINE), "les titres « # » ne sont pas affichés"),
    (re.compile(r"\[[^\]]+\]\([^)]*\)"), "les liens [texte](adresse) ne s'ouvrent pas"),
    (re.compile(r"</?[a-zA-Z][^>]*>"), "le HTML n'est pas affiché"),
    (re.compile(r"`"), "les accents graves ` ne sont pas affichés"),
    (re.compile(r"__"), "le gras s'écrit **comme ceci**, pas __comme ceci__"),
)


def _markdown_issues(text: str) -> list[Issue]:
    issues: list[Issue] = []
    without_bold = _BOLD.sub(r"\1", text)
    for match in _ITALIC.finditer(without_bold):
        issues.append(
            Issue(
                Severity.ERROR,
                "italics",
                f"Italique « {match.group()} » : la borne ne sait pas l'afficher, et l'italique "
                "se lit mal. Écrivez le mot sans « * » ni « _ », ou en **gras** si c'est "
                "un mot important.",
            )
        )
    for pattern, why in _UNSUPPORTED:
        if match := pattern.search(without_bold):
            issues.append(
                Issue(
                    Severity.ERROR,
                    "unsupported-markdown",
                    f"« {match.group().strip()} » : {why}. Le lecteur verrait les signes tels "
                    "quels. Gardez seulement le **gras** et les listes « - ».",
                )
            )
    leftover = _ITALIC.sub("", without_bold)
    for line in leftover.splitlines():
        if "**" in line:
            issues.append(
                Issue(
                    Severity.ERROR,
                    "unsupported-markdown",
                    f"« ** » sans fin dans « {_excerpt(plain(line.strip()))} » : fermez le gras, "
                    "par exemple « **Valider** ».",
                )
            )
    return issues


# --- Capitals, acronyms and jargon ---------------------------------------------------------

_CAPITALS = re.compile(r"(?<![\w-])[A-ZÀ-ÖØ-Þ]{2,}(?![\w-])")
_ROMAN_NUMERAL = re.compile(r"^[IVXLC]+$")
_EXPLANATION_AFTER = r"\s*(?:\(|[,:]?\s*(?:c'est|ce sont|veut dire|signifie)\b)"
_EXPLANATION_SUBJECT = r"(?:^|\b(?:un|une|le|la|les|l'))\s*"


def acronyms(text: str) -> list[str]:
    """Words written all in capitals (2 letters or more), in order, each once."""
    found = dict.fromkeys(m.group() for m in _CAPITALS.finditer(plain(text)))
    return [word for word in found if not _ROMAN_NUMERAL.match(word)]


def _word_pattern(word: str) -> str:
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if not word[-1].isalnum():  # « d' », « défaut, »: no plural, and a word may follow at once
        return re.escape(word)
    return re.escape(word) + "(?:s|x)?"


# « … » in a form: up to two words may stand there (« vous êtes donc tenu de »).
_GAP = r"(?:\s+[^\s.!?;:]+){0,2}"


def _form_pattern(form: str) -> str:
    """One folded form: its words joined by spaces, a gap for « … », bounded at its end."""
    pattern = ""
    for word in form.split():
        if word == "…":
            pattern += _GAP
        else:
            pattern += (r"\s+" if pattern else "") + _word_pattern(word)
    last = form.split()[-1]
    return pattern + (r"(?!\w)" if last[-1].isalnum() or last.endswith("*") else "")


@cache
def _jargon_forms(term: JargonTerm) -> str:
    """A regular expression for the folded forms of a term, longest first, bounded at the end
    of each form (not at its start)."""
    forms = sorted({_fold(f) for f in term.all_forms}, key=len, reverse=True)
    return "(?:" + "|".join(_form_pattern(form) for form in forms) + ")"


@cache
def _jargon_starts(term: JargonTerm) -> tuple[str, ...]:
    """The first letters of each form: a text holding none of them cannot hold the term."""
    return tuple({_fold(form)[:4].rstrip("*") for form in term.all_forms})


def _may_hold(term: JargonTerm, folded: str) -> bool:
    return any(start in folded for start in _jargon_starts(term))


@cache
def _jargon_pattern(term: JargonTerm) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + _jargon_forms(term))


@cache
def _jargon_explained(term: JargonTerm) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """« justificatif (c'est …) », « justificatif, c'est … » and « Un justificatif est … »."""
    found = r"(?<!\w)" + _jargon_forms(term)
    subject = _EXPLANATION_SUBJECT + found + r"\s+(?:est|sont|veut dire|signifie)\b"
    return re.compile(found + _EXPLANATION_AFTER), re.compile(subject)


def jargon_in(text: str) -> Iterator[tuple[JargonTerm, str]]:
    """Each jargon term of the text once, with the words as written."""
    normalized = unicodedata.normalize("NFC", plain(text))
    folded = _fold(normalized)
    for term in JARGON:
        if _may_hold(term, folded) and (match := _jargon_pattern(term).search(folded)):
            yield term, normalized[match.start() : match.end()]


def explained_words(text: str) -> set[str]:
    """Acronyms and jargon the text explains: « La CPAM est … », « CPAM (…) », « X, c'est … ».

    Jargon terms are given by their ``key``.
    """
    folded = _fold(plain(text))
    explained: set[str] = set()
    for acronym in acronyms(text):
        word = r"\b" + re.escape(acronym.lower()) + r"\b"
        subject = _EXPLANATION_SUBJECT + word + r"\s+(?:est|sont|veut dire|signifie)\b"
        in_brackets = r"\(\s*" + word + r"\s*\)"
        if any(re.search(p, folded) for p in (word + _EXPLANATION_AFTER, subject, in_brackets)):
            explained.add(acronym)
    for term in JARGON:
        if not _may_hold(term, folded):
            continue
        after, subject = _jargon_explained(term)
        if after.search(folded) or subject.search(folded):
            explained.add(term.key)
    return explained


def _capitals_issues(text: str, language: str, explained: Collection[str]) -> list[Issue]:
    issues: list[Issue] = []
    for word in acronyms(text):
        if word in COMMON_ACRONYMS or word in explained:
            continue
        if word in KNOWN_ACRONYMS:
            if language == "fr":
                issues.append(
                    Issue(
                        Severity.WARNING,
                        "unexplained-acronym",
                        f"Sigle « {word} » pas expliqué : dites ce que c'est la première fois "
                        f"qu'il apparaît, par exemple « {word} ({KNOWN_ACRONYMS[word]}) ».",
                    )
                )
        elif len(word) >= 3:
            issues.append(
                Issue(
                    Severity.WARNING,
                    "capitals",
                    f"Mot en capitales « {word} » : les capitales se lisent mal. Écrivez-le en "
                    f"minuscules. Si c'est un sigle, expliquez-le la première fois : "
                    f"« {word} (…) ».",
                )
            )
    return issues


def _jargon_issues(text: str, explained: Collection[str]) -> list[Issue]:
    return [
        Issue(
            Severity.WARNING,
            "jargon",
            f"Mot administratif « {written} » : écrivez plutôt « {term.plain} ». S'il faut le "
            f"garder (nom d'un bouton, d'un papier), expliquez-le : « {written} (c'est …) ».",
        )
        for term, written in jargon_in(text)
        if term.key not in explained
    ]


# --- One text ------------------------------------------------------------------------------


def lint_text(
    text: str,
    language: str = "fr",
    kind: TextKind = TextKind.DISPLAYED,
    explained: Collection[str] = (),
) -> list[Issue]:
    """Every rule that one text can break on its own; the editor can call it as one types.

    ``explained``: acronyms and jargon keys the reader has already had explained (or that were
    already reported), so they are not reported again. Jargon and acronyms are checked in French
    only, readability too (the Kandel–Moles formula is for French); length and capitals always.
    """
    issues = _markdown_issues(text)
    spoken = kind is TextKind.SPOKEN
    for sentence in sentences(text):
        count = len(words(sentence, spoken))
        if count > MAX_SENTENCE_WORDS:
            issues.append(
                Issue(
                    Severity.ERROR,
                    "long-sentence",
                    f"Phrase de {count} mots ({MAX_SENTENCE_WORDS} au plus) : "
                    f"« {_excerpt(sentence)} ». Coupez-la en deux.",
                )
            )
    if kind is TextKind.STEP_TEXT:
        issues += _step_issues(text, language)
    known = set(explained) | explained_words(text)
    if not spoken:
        issues += _capitals_issues(text, language, known)
    if language == "fr":
        issues += _jargon_issues(text, known)
    return issues


def _step_issues(text: str, language: str) -> list[Issue]:
    issues: list[Issue] = []
    count = sum(len(words(s)) for s in sentences(text))
    if count > MAX_STEP_WORDS:
        issues.append(
            Issue(
                Severity.ERROR,
                "long-step",
                f"Étape de {count} mots ({MAX_STEP_WORDS} au plus) : gardez une seule action, "
                "mettez le reste dans « tip », ou coupez l'étape en deux.",
            )
        )
    score = kandel_moles(text) if language == "fr" else None
    if score is not None and count >= MIN_WORDS_FOR_READABILITY and score < MIN_READABILITY:
        issues.append(
            Issue(
                Severity.WARNING,
                "readability",
                f"Texte difficile à lire : score de lisibilité {score:.0f} "
                f"({MIN_READABILITY:.0f} au moins). Raccourcissez les phrases et prenez des "
                "mots plus courts.",
            )
        )
    return issues


# --- A tutorial and a pack -----------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    path: str
    text: Mapping[str, str]
    kind: TextKind = TextKind.DISPLAYED


@dataclass(frozen=True)
class _Screen:
    """Texts shown together: an acronym explained anywhere on the screen counts as explained."""

    step: str | None
    fields: tuple[_Field, ...]


def _screens(tutorial: Tutorial) -> list[_Screen]:
    """The tutorial's texts in the order a citizen meets them."""
    overview = [_Field("title", tutorial.title), _Field("summary", tutorial.summary)]
    overview += [_Field(f"prepare[{i}]", item) for i, item in enumerate(tutorial.prepare)]
    screens = [_Screen(None, tuple(overview))]
    for index, step in enumerate(tutorial.steps):
        path = f"steps[{index}]"
        fields = [
            _Field(f"{path}.title", step.title),
            _Field(f"{path}.text", step.text, TextKind.STEP_TEXT),
            _Field(f"{path}.speech", step.speech or {}, TextKind.SPOKEN),
            _Field(f"{path}.image_alt", step.image_alt or {}),
            _Field(f"{path}.tip", step.tip or {}),
            _Field(f"{path}.warning", step.warning or {}),
        ]
        practice = getattr(step, "practice", None)
        if practice is not None:
            fields += [_Field(p, t) for p, t in _practice_texts(practice, f"{path}.practice")]
        screens.append(_Screen(step.id, tuple(f for f in fields if f.text)))
    screens.append(_Screen(None, (_Field("next_steps", tutorial.next_steps),)))
    return screens


# A scam exercise shows a fake message that is badly written on purpose.
_NOT_PLAIN_LANGUAGE = {"exhibit"}


def _practice_texts(value: Any, path: str) -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every per-language text inside a practice page, whatever its shape."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            if item.name not in _NOT_PLAIN_LANGUAGE:
                yield from _practice_texts(getattr(value, item.name), f"{path}.{item.name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _practice_texts(item, f"{path}[{index}]")
    elif isinstance(value, Mapping) and value and all(isinstance(t, str) for t in value.values()):
        yield path, value


def lint_tutorial(tutorial: Tutorial) -> list[Finding]:
    """Lint every text of a tutorial, in reading order.

    An acronym is reported once, where it first appears, unless that screen explains it; once
    explained, an acronym or a jargon word is not reported again further on.
    """
    findings: list[Finding] = []
    explained: dict[str, set[str]] = {}
    for screen in _screens(tutorial):
        on_screen: dict[str, set[str]] = {}
        for field in screen.fields:
            for language, text in field.text.items():
                if field.kind is not TextKind.SPOKEN:
                    on_screen.setdefault(language, set()).update(explained_words(text))
        for field in screen.fields:
            for language, text in field.text.items():
                known = explained.setdefault(language, set())
                issues = lint_text(
                    text, language, field.kind, known | on_screen.get(language, set())
                )
                findings += [
                    Finding(
                        issue.severity,
                        tutorial.id,
                        screen.step,
                        f"{field.path}.{language}",
                        issue.rule,
                        issue.message,
                    )
                    for issue in issues
                ]
                if field.kind is not TextKind.SPOKEN:
                    known.update(acronyms(text))
        for language, words_explained in on_screen.items():
            explained.setdefault(language, set()).update(words_explained)
    return findings


def lint_pack(pack: Pack) -> list[Finding]:
    findings = [finding for tutorial in pack.tutorials for finding in lint_tutorial(tutorial)]
    return findings + unspoken_acronym_findings(pack)


def unspoken_acronym_findings(pack: Pack) -> list[Finding]:
    """An acronym that the voice's lexicon does not know, once per tutorial and language.

    espeak-ng reads an unknown acronym as a word or letter by letter, by its own rules: "ANTS"
    came out as "an". The lexicon (assets/lexicon/, plus the pack's ``lexicon:``) gives each
    acronym a spoken form, or lists it as checked by ear (kiosk.core.pronunciation).
    """
    from kiosk.core.pronunciation import unspoken_acronyms

    findings: list[Finding] = []
    for tutorial in pack.tutorials:
        reported: set[tuple[str, str]] = set()
        for screen in _screens(tutorial):
            for field in screen.fields:
                for language, text in field.text.items():
                    extra = pack.lexicon.get(language, {})
                    for word in unspoken_acronyms(plain(text), language, extra):
                        if (language, word) in reported:
                            continue
                        reported.add((language, word))
                        findings.append(
                            Finding(
                                Severity.WARNING,
                                tutorial.id,
                                screen.step,
                                f"{field.path}.{language}",
                                "unspoken-acronym",
                                f"Sigle « {word} » : la voix ne sait pas comment le dire. "
                                f"Écoutez-le, puis ajoutez dans pack.yaml « lexicon: "
                                f"{language}: {word}: … » (par exemple les lettres « "
                                f"{' '.join(word)} »).",
                            )
                        )
    return findings
