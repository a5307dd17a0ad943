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


def _copy(text: LocalizedText | None) -> LocalizedText | None:
    """A text's own copy (its values are strings), as asdict gave."""
    return dict(text) if text is not None else None


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

    def to_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives, written out: asdict copies every value through
        ``copy.deepcopy``, half of a pack's install (docs/benchmarks.md, issue #19)."""
        from dataclasses import asdict

        return {
            "id": self.id,
            "title": _copy(self.title),
            "text": _copy(self.text),
            "speech": _copy(self.speech),
            "image": self.image,
            "image_alt": _copy(self.image_alt),
            "tip": _copy(self.tip),
            "warning": _copy(self.warning),
            "practice": asdict(self.practice) if self.practice is not None else None,
        }

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
        common = set(self.title)
        common.intersection_update(  # one call: the C loop over every text (issue #19)
            self.summary,
            self.next_steps,
            *self.prepare,
            *(text for step in self.steps for text in (step.title, step.text)),
            *(
                text
                for step in self.steps
                for text in (step.tip, step.warning, step.image_alt)
                if text
            ),
        )
        return common

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, stored as one document per tutorial: ``dataclasses.asdict``'s,
        with keywords as lists (tests/test_packs.py compares them), written out for speed."""
        return {
            "id": self.id,
            "title": _copy(self.title),
            "summary": _copy(self.summary),
            "category": self.category,
            "level": self.level,
            "minutes": self.minutes,
            "official_url": self.official_url,
            "source": self.source,
            "checked": self.checked,
            "next_steps": _copy(self.next_steps),
            "steps": tuple(step.to_dict() for step in self.steps),
            "prepare": tuple(_copy(text) for text in self.prepare),
            "keywords": {k: list(v) for k, v in self.keywords.items()},
        }

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
