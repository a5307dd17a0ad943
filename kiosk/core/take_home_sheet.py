"""What the sheet to take home says, as plain data: nothing here knows about paper or Qt.

After practising, the person goes home to do the démarche alone. The sheet holds what helps
then: the title, what to have ready (with boxes to tick), the steps one line each, what to do
next (with the help numbers the tutorial gives), the official address and its QR code, when
it was checked, where to find a person who helps, and the kiosk's place.

It is in the person's language and, when that is not French, side by side with French so
that a clerk at a counter can read it too (as Aidants Connect prints its mandate). A text the
tutorial does not have in the person's language is printed once, in French, across the page.

Nothing personal is ever on it: it is built from the tutorial, the language and the place
only, never from the session (what was typed, the fake identity, the time spent).
"""

from __future__ import annotations

import datetime
import gettext
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from kiosk.core.content import Tutorial
from kiosk.core.dates import long_date
from kiosk.core.i18n import DOMAIN, LOCALE_DIR, N_
from kiosk.core.languages import DEFAULT_LANGUAGE, LANGUAGES, pick

# The sheet's own sentences; the interface catalogs translate them (extracted through N_).
PREPARE = N_("À préparer")
STEPS = N_("Les étapes")
NEXT = N_("Et maintenant ?")
ADDRESS = N_("L'adresse du vrai site :")
CHECKED = N_("Informations vérifiées le {date}.")
HELP_TITLE = N_("Besoin d'aide ?")
HELP = N_("Une personne peut vous aider dans une France services. C'est gratuit.")
PLACE = N_("Fiche imprimée à : {place}")
FALLBACK = N_("Ce tutoriel n'existe pas encore dans votre langue. Il est en français.")

SectionKind = Literal["checklist", "numbered", "paragraphs"]


@dataclass(frozen=True)
class Line:
    """One thing the sheet says, as ``(language code, text)`` pairs.

    The person's language comes first and French second; a single pair when both would say
    the same words (French sheet, a text missing in the person's language, an address).
    """

    texts: tuple[tuple[str, str], ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(language for language, _text in self.texts)

    def text(self, language: str) -> str:
        """The text in ``language``, or the only one there is."""
        for code, text in self.texts:
            if code == language:
                return text
        return self.texts[0][1]


@dataclass(frozen=True)
class Section:
    """A heading and its items: boxes to tick, numbered steps, or plain paragraphs."""

    kind: SectionKind
    heading: Line
    items: tuple[Line, ...]


@dataclass(frozen=True)
class TakeHomeSheet:
    """Everything printed on the sheet, in reading order.

    ``languages`` is ``("fr",)`` or ``(person's language, "fr")``. ``qr_text`` is the
    official address exactly as the tutorial gives it (what the QR code holds);
    ``address`` is the same address as people type it.
    """

    tutorial_id: str
    languages: tuple[str, ...]
    title: Line
    fallback_note: Line | None
    sections: tuple[Section, ...]
    address_heading: Line
    address: str
    qr_text: str
    checked: Line
    help: Line
    place: Line | None

    @property
    def right_to_left(self) -> bool:
        """True when the person's language is written right to left (Arabic)."""
        return LANGUAGES[self.languages[0]].right_to_left

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: the sheet goes to the printing process as data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TakeHomeSheet:
        """The sheet from ``to_dict()``'s form (after a trip through JSON: lists for tuples).

        Raises KeyError, TypeError or ValueError for data of another shape.
        """

        def line(value: dict[str, Any] | None) -> Line | None:
            if value is None:
                return None
            return Line(tuple((str(code), str(text)) for code, text in value["texts"]))

        sections = tuple(
            Section(s["kind"], line(s["heading"]), tuple(line(i) for i in s["items"]))
            for s in data["sections"]
        )
        values = {
            key: line(data[key])
            for key in ("title", "fallback_note", "address_heading", "checked", "help", "place")
        }
        return cls(
            tutorial_id=str(data["tutorial_id"]),
            languages=tuple(data["languages"]),
            sections=sections,
            address=str(data["address"]),
            qr_text=str(data["qr_text"]),
            **values,
        )

    def all_text(self) -> str:
        """Every text of the sheet, one per line (for tests and for reading aloud)."""
        lines = [self.title, self.fallback_note]
        for section in self.sections:
            lines += [section.heading, *section.items]
        lines += [self.address_heading, self.checked, self.help, self.place]
        texts = [text for line in lines if line for _code, text in line.texts]
        return "\n".join([*texts, self.address])


def readable_address(url: str) -> str:
    """'https://www.ameli.fr/assure' → 'www.ameli.fr/assure': what people type."""
    return url.removeprefix("https://").removeprefix("http://").rstrip("/")


def _translator(language: str) -> Callable[[str], str]:
    """The interface catalog of one language, without changing the kiosk's active language."""
    if language == DEFAULT_LANGUAGE:
        return lambda message: message
    catalog = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
    )
    return catalog.gettext


def build_sheet(tutorial: Tutorial, language: str, place: str = "") -> TakeHomeSheet:
    """The sheet of ``tutorial`` for a person reading ``language`` (a code of ``LANGUAGES``).

    ``place`` is the kiosk's place (the ``place_name`` setting); empty, it is left out.
    Raises KeyError for a language the kiosk does not know.
    """
    if language not in LANGUAGES:
        raise KeyError(f"unknown language: {language}")
    languages = (language,) if language == DEFAULT_LANGUAGE else (language, DEFAULT_LANGUAGE)
    translators = {code: _translator(code) for code in languages}

    def interface(*messages: str, **values: str) -> Line:
        """Sentences of the sheet itself, in each language of the sheet."""
        texts = tuple(
            (code, " ".join(translators[code](m) for m in messages).format(**values))
            for code in languages
        )
        return _merged(texts)

    def content(text: dict[str, str] | None) -> Line:
        """A text of the tutorial; French alone when the person's language is missing."""
        texts = []
        for code in languages:
            picked = pick(text, code)
            texts.append((picked.language, picked.text))
        return _merged(tuple(texts))

    def paragraphs(text: dict[str, str]) -> tuple[Line, ...]:
        """Next steps are written as paragraphs; each becomes its own row of the sheet."""
        split = {
            code: [p.strip() for p in value.split("\n\n") if p.strip()]
            for code, value in text.items()
        }
        count = len(split.get(DEFAULT_LANGUAGE, []))
        if any(len(parts) != count for parts in split.values()):
            return (content(text),)  # not the same paragraphs: keep them whole, side by side
        return tuple(
            content({code: parts[i] for code, parts in split.items()}) for i in range(count)
        )

    checked = datetime.date.fromisoformat(tutorial.checked)
    checked_texts = tuple(
        (code, translators[code](CHECKED).format(date=long_date(checked, code)))
        for code in languages
    )
    sections = []
    if tutorial.prepare:
        sections.append(
            Section("checklist", interface(PREPARE), tuple(content(p) for p in tutorial.prepare))
        )
    sections.append(
        Section("numbered", interface(STEPS), tuple(content(s.title) for s in tutorial.steps))
    )
    sections.append(Section("paragraphs", interface(NEXT), paragraphs(tutorial.next_steps)))
    missing = language not in tutorial.languages()
    return TakeHomeSheet(
        tutorial_id=tutorial.id,
        languages=languages,
        title=content(tutorial.title),
        fallback_note=_merged(((language, translators[language](FALLBACK)),)) if missing else None,
        sections=tuple(sections),
        address_heading=interface(ADDRESS),
        address=readable_address(tutorial.official_url),
        qr_text=tutorial.official_url,
        checked=_merged(checked_texts),
        help=interface(HELP_TITLE, HELP),
        place=interface(PLACE, place=place.strip()) if place.strip() else None,
    )


def _merged(texts: tuple[tuple[str, str], ...]) -> Line:
    """One pair when every language says the same words: it is then printed once."""
    if len({text for _code, text in texts}) == 1:
        return Line((texts[-1],) if texts[-1][0] == DEFAULT_LANGUAGE else (texts[0],))
    return Line(texts)
