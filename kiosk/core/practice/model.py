"""What a practice is: a simulated page declared in a content pack, and a fake identity."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from kiosk.core.languages import LocalizedText

PRACTICE_KINDS = ("form", "find", "question", "scam")
TARGET_KINDS = ("button", "link")
EXHIBIT_KINDS = ("sms", "email", "address")


@dataclass(frozen=True)
class PracticeField:
    """A box to fill. ``expect`` names the persona's value it must hold, if any."""

    id: str
    label: LocalizedText
    check: str
    expect: str | None = None
    document: str | None = None
    hint: LocalizedText | None = None
    masked: bool = False


@dataclass(frozen=True)
class Target:
    """A button or link of the simulated page; the right one(s) have ``correct``."""

    id: str
    label: LocalizedText
    kind: str = "button"
    correct: bool = False
    feedback: LocalizedText | None = None


@dataclass(frozen=True)
class Answer:
    text: LocalizedText
    correct: bool
    explanation: LocalizedText


@dataclass(frozen=True)
class Exhibit:
    """What the scam exercise shows: a text message, an e-mail or a web address."""

    kind: str
    sender: str
    text: LocalizedText


@dataclass(frozen=True)
class Practice:
    kind: str
    site: str
    intro: LocalizedText
    persona: str | None = None
    documents: tuple[str, ...] = ()
    fields: tuple[PracticeField, ...] = ()
    submit: LocalizedText | None = None
    targets: tuple[Target, ...] = ()
    question: LocalizedText | None = None
    answers: tuple[Answer, ...] = ()
    exhibit: Exhibit | None = None
    success: LocalizedText | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Practice:
        return cls(
            kind=data["kind"],
            site=data["site"],
            intro=data["intro"],
            persona=data.get("persona"),
            documents=tuple(data.get("documents", ())),
            fields=tuple(PracticeField(**f) for f in data.get("fields", ())),
            submit=data.get("submit"),
            targets=tuple(Target(**t) for t in data.get("targets", ())),
            question=data.get("question"),
            answers=tuple(Answer(**a) for a in data.get("answers", ())),
            exhibit=Exhibit(**data["exhibit"]) if data.get("exhibit") else None,
            success=data.get("success"),
        )


@dataclass(frozen=True)
class Persona:
    """A consistent fake identity: every number matches the others and passes its checks."""

    id: str
    first_name: str
    last_name: str
    sex: str  # "F" or "M"
    birth_date: str  # ISO, YYYY-MM-DD
    birth_place: str
    birth_department: str  # "76", "2A"…
    birth_commune: str  # 3 digits of the INSEE commune code
    nir: str
    numero_fiscal: str
    numero_acces: str
    revenu_fiscal_reference: int
    address: str
    postal_code: str
    city: str
    phone: str
    email: str
    iban: str
    numero_allocataire: str

    def value(self, key: str) -> str:
        """A value as it is printed on the person's papers."""
        if key == "full_name":
            return f"{self.first_name} {self.last_name.upper()}"
        if key == "birth_date":
            year, month, day = self.birth_date.split("-")
            return f"{day}/{month}/{year}"
        return str(getattr(self, key))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Persona:
        return cls(**{f.name: data[f.name] for f in fields(cls)})


PERSONA_KEYS = (*(f.name for f in fields(Persona)), "full_name")
