"""The rules of an exercise: checks, a hint after two wrong tries, "Montrez-moi", and records.

Plain Python: the simulated page (Qt) asks and shows; this decides. Typed values are used for
the check and forgotten: only outcomes reach ``record``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.core.i18n import _, current_language
from kiosk.core.languages import pick
from kiosk.core.practice.answers import check_answer
from kiosk.core.practice.documents import DOCUMENTS, document_title
from kiosk.core.practice.model import Persona, Practice, PracticeField
from kiosk.core.practice.validators import Outcome
from kiosk.core.spoken import Part, Utterance, compose, said

HINT_AFTER_ERRORS = 2

# (item id, outcome kind, hint used) → stored anonymously by the caller.
Recorder = Callable[[str, str, bool], None]


@dataclass
class FieldProgress:
    errors: int = 0
    hint_shown: bool = False
    solved: bool = False
    shown: bool = False  # the answer was shown with "Montrez-moi"


@dataclass(frozen=True)
class Feedback:
    outcome: Outcome
    hint: str = ""  # shown (and spoken) after two wrong tries
    offer_show_me: bool = False


@dataclass(frozen=True)
class ChoiceFeedback:
    correct: bool
    message: str


@dataclass
class Exercise:
    """One run of a practice for one person; ``restart`` forgets everything."""

    practice: Practice
    persona: Persona | None
    language: str
    record: Recorder
    progress: dict[str, FieldProgress] = field(default_factory=dict)
    succeeded: bool = False

    def __post_init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self.progress = {f.id: FieldProgress() for f in self.practice.fields}
        self.succeeded = False

    def _text(self, text) -> str:
        return pick(text, self.language).text if text else ""

    def field(self, field_id: str) -> PracticeField:
        return next(f for f in self.practice.fields if f.id == field_id)

    def expected(self, item: PracticeField) -> str | None:
        if item.expect and self.persona:
            return self.persona.value(item.expect)
        return None

    # -- forms ---------------------------------------------------------------------------------
    def check_field(self, field_id: str, typed: str) -> Feedback:
        item = self.field(field_id)
        progress = self.progress[field_id]
        where = document_title(item.document) if item.document in DOCUMENTS else ""
        outcome = check_answer(item.check, typed, self.expected(item), where, item.expect)
        hint_used = progress.hint_shown
        if outcome.ok:
            progress.solved = True
            self.record(field_id, "ok", hint_used)
            return Feedback(outcome)
        progress.errors += 1
        self.record(field_id, outcome.kind, hint_used)
        if progress.errors >= HINT_AFTER_ERRORS:
            progress.hint_shown = True
            return Feedback(outcome, self.hint(item), offer_show_me=self.expected(item) is not None)
        return Feedback(outcome)

    def hint(self, item: PracticeField) -> str:
        return self.spoken_hint(item).text

    def spoken_hint(self, item: PracticeField) -> Utterance:
        """The hint as it is heard: the pack's own in the content's language; ours in the
        interface language, with the field's name in the content's."""
        interface = current_language()
        if item.hint:
            return said(self._text(item.hint), self.language)
        if item.document in DOCUMENTS:
            return compose(
                _("Regardez le papier « {document} », dans la case « {label} »."),
                interface,
                document=document_title(item.document),
                label=Part(self._text(item.label), self.language),
            )
        return said(_("Prenez votre temps. Relisez la question, puis essayez encore."), interface)

    def show_me(self, field_id: str) -> tuple[str, str]:
        """The answer and where it comes from; the field counts as shown, not solved alone."""
        item = self.field(field_id)
        value = self.expected(item) or ""
        self.progress[field_id].shown = True
        self.record(field_id, "shown", True)
        return value, self.answer_source(item).text

    def answer_source(self, item: PracticeField) -> Utterance:
        """Where the answer shown comes from, as it is heard (the field's name in the
        content's language, our words in the interface language)."""
        interface = current_language()
        if item.document in DOCUMENTS:
            return compose(
                _(
                    "Voici la réponse. Elle est sur le papier « {document} », "
                    "dans la case « {label} »."
                ),
                interface,
                document=document_title(item.document),
                label=Part(self._text(item.label), self.language),
            )
        return said(_("Voici la réponse."), interface)

    def submit(self, values: dict[str, str]) -> dict[str, Feedback]:
        """Check every field; success when all are right. ``values`` is not kept."""
        results = {
            item.id: self.check_field(item.id, values.get(item.id, ""))
            for item in self.practice.fields
        }
        self.succeeded = all(r.outcome.ok for r in results.values())
        return results

    # -- find the button, questions, scams -----------------------------------------------------
    def choose_target(self, target_id: str) -> ChoiceFeedback:
        target = next(t for t in self.practice.targets if t.id == target_id)
        self.record(target_id, "ok" if target.correct else "wrong_choice", False)
        if target.correct:
            self.succeeded = True
        default = (
            _("Bravo, c'est le bon choix.")
            if target.correct
            else _("Ce n'est pas celui-là. Regardez encore la page, calmement.")
        )
        return ChoiceFeedback(target.correct, self._text(target.feedback) or default)

    def choose_answer(self, index: int) -> ChoiceFeedback:
        answer = self.practice.answers[index]
        self.record(f"answer-{index + 1}", "ok" if answer.correct else "wrong_choice", False)
        if answer.correct:
            self.succeeded = True
        return ChoiceFeedback(answer.correct, self._text(answer.explanation))

    def success_message(self) -> str:
        return self._text(self.practice.success) or _("Bravo ! Vous avez réussi l'exercice.")
