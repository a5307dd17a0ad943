"""The content model: packs, tutorials and steps, as read from a content pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.core.languages import LocalizedText
from kiosk.core.practice.model import Persona, Practice

# Category ids as written in packs; their display names live in the UI (gettext).
CATEGORIES: tuple[str, ...] = (
    "identite",
    "impots",
    "sante",
    "emploi",
    "famille",
    "logement",
    "transport",
    "bases",
    "securite",
)


@dataclass(frozen=True)
class Step:
    id: str
    title: LocalizedText
    text: LocalizedText
    speech: LocalizedText | None = None
    image: str | None = None
    image_alt: LocalizedText | None = None
    tip: LocalizedText | None = None
    warning: LocalizedText | None = None
    practice: Practice | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        practice = data.get("practice")
        values = {k: v for k, v in data.items() if k != "practice"}
        return cls(**values, practice=Practice.from_dict(practice) if practice else None)


@dataclass(frozen=True)
class Tutorial:
    id: str
    title: LocalizedText
    summary: LocalizedText
    category: str
    level: int
    minutes: int
    official_url: str
    source: str
    checked: str
    next_steps: LocalizedText
    steps: tuple[Step, ...]
    prepare: tuple[LocalizedText, ...] = ()
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def languages(self) -> set[str]:
        """Languages in which every text of the tutorial exists."""
        texts: list[LocalizedText] = [self.title, self.summary, self.next_steps, *self.prepare]
        for step in self.steps:
            texts += [step.title, step.text]
            texts += [t for t in (step.tip, step.warning, step.image_alt) if t]
        common = set(texts[0])
        for text in texts[1:]:
            common &= set(text)
        return common

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, stored as one document per tutorial."""
        from dataclasses import asdict

        data = asdict(self)
        data["keywords"] = {k: list(v) for k, v in self.keywords.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tutorial:
        steps = tuple(Step.from_dict(step) for step in data["steps"])
        return cls(
            **{k: v for k, v in data.items() if k not in ("steps", "prepare", "keywords")},
            steps=steps,
            prepare=tuple(data.get("prepare", ())),
            keywords={k: tuple(v) for k, v in data.get("keywords", {}).items()},
        )


@dataclass(frozen=True)
class Pack:
    id: str
    version: int
    title: LocalizedText
    languages: tuple[str, ...]
    license: str
    authors: tuple[str, ...]
    tutorials: tuple[Tutorial, ...]
    images: dict[str, bytes] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    # Spoken forms of the pack's own words, per language: {"fr": {"ANTS": "A N T S"}}.
    lexicon: dict[str, dict[str, str]] = field(default_factory=dict)
