"""Where, in a text being typed, the plain-language check found something (issue #20).

The editor marks these places in the text and lists the findings; the findings themselves
come from the same code as ``kiosk content lint`` (kiosk.core.plain_language.lint_tutorial),
so the editor never disagrees with the command line. A mark is only drawn for a rule that
``lint_tutorial`` reported on that field (a jargon word explained earlier is not marked).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from kiosk.core.content import Tutorial
from kiosk.core.jargon import COMMON_ACRONYMS
from kiosk.core.plain_language import (
    MAX_SENTENCE_WORDS,
    Finding,
    Severity,
    acronyms,
    jargon_in,
    lint_tutorial,
    sentences,
    words,
)
from kiosk.core.practice.texts import place_from_lint, text_at

FieldKey = tuple[str | None, str, str]
"""(step id or None for the tutorial's own texts, field name, language); a practice's text is
named « practice. » and its place (kiosk.core.practice.texts): « practice.fields[nir].label »."""

_FIELD_PATH = re.compile(r"^(?:steps\[(\d+)\]\.)?([a-z_]+)((?:\[\d+\])?(?:\..*)?)\.([a-z]{2,3})$")


@dataclass(frozen=True)
class Mark:
    """A place to mark in a text: ``start`` and ``end`` are indexes in the text as typed;
    ``hint`` says what to do, in French (« écrivez plutôt « date limite » »)."""

    start: int
    end: int
    severity: Severity
    rule: str
    hint: str


@dataclass(frozen=True)
class TutorialCheck:
    """The findings of the whole tutorial, in reading order, and the marks of each field."""

    findings: tuple[Finding, ...]
    marks: dict[FieldKey, tuple[Mark, ...]]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def _occurrences(text: str, written: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(written) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def marks_in(text: str, language: str, rules: set[str]) -> list[Mark]:
    """The marks of the ``rules`` found in ``text`` (rules as named by lint_text)."""
    marks: list[Mark] = []
    if "jargon" in rules and language == "fr":
        for term, written in jargon_in(text):
            hint = f"Mot administratif : écrivez plutôt « {term.plain} »."
            marks += [
                Mark(s, e, Severity.WARNING, "jargon", hint) for s, e in _occurrences(text, written)
            ]
    if rules & {"capitals", "unexplained-acronym"}:
        for word in acronyms(text):
            if word not in COMMON_ACRONYMS:
                hint = "Mot en capitales : écrivez-le en minuscules, ou expliquez le sigle."
                marks += [
                    Mark(s, e, Severity.WARNING, "capitals", hint)
                    for s, e in _occurrences(text, word)
                ]
    if "long-sentence" in rules:
        for sentence in sentences(text):
            count = len(words(sentence))
            start = text.find(sentence)
            if count > MAX_SENTENCE_WORDS and start >= 0:
                hint = f"Phrase de {count} mots ({MAX_SENTENCE_WORDS} au plus) : coupez-la."
                marks.append(
                    Mark(start, start + len(sentence), Severity.ERROR, "long-sentence", hint)
                )
    return sorted(marks, key=lambda m: m.start)


def field_key(
    finding: Finding, step_ids: list[str], document: dict[str, Any] | None = None
) -> FieldKey | None:
    """The field a finding is about: « steps[2].text.fr » → ("s3", "text", "fr"); with the
    tutorial's ``document``, « steps[2].practice.fields[0].label.fr » → ("s3",
    "practice.fields[nir].label", "fr") (without it: ("s3", "practice", "fr"))."""
    match = _FIELD_PATH.match(finding.field)
    if match is None:
        return None
    index, name, rest, language = match.groups()
    step = step_ids[int(index)] if index is not None and int(index) < len(step_ids) else None
    if name == "practice" and step is not None and document is not None:
        found = next((s for s in document.get("steps", []) if s.get("id") == step), None)
        practice = (found or {}).get("practice")
        place = place_from_lint(practice, rest.lstrip(".")) if practice else None
        if place is not None:
            name = f"practice.{place}"
    return (step, name, language)


def check_tutorial(document: dict[str, Any]) -> TutorialCheck:
    """The plain-language check of an edited tutorial document (``Tutorial.to_dict()`` form).

    Pure Python and slow on a long tutorial (about 1 s for 12 steps on a loaded 2-core PC):
    the editor runs it off the UI thread.
    """
    tutorial = Tutorial.from_dict(document)
    findings = lint_tutorial(tutorial)
    step_ids = [step.id for step in tutorial.steps]
    rules: dict[FieldKey, set[str]] = {}
    for finding in findings:
        key = field_key(finding, step_ids, document)
        if key is not None:
            rules.setdefault(key, set()).add(finding.rule)
    marks: dict[FieldKey, tuple[Mark, ...]] = {}
    for key, found in rules.items():
        step_id, name, language = key
        if step_id is None:
            value = document.get(name)
        elif name.startswith("practice."):
            step = next(s for s in document["steps"] if s["id"] == step_id)
            value = text_at(step.get("practice") or {}, name.removeprefix("practice."))
        else:
            value = next(s for s in document["steps"] if s["id"] == step_id).get(name)
        text = value.get(language, "") if isinstance(value, dict) else ""
        if text:
            marks[key] = tuple(marks_in(text, language, found))
    return TutorialCheck(tuple(findings), marks)


# --- The check in a process of its own ---------------------------------------------------------
# Pure Python holding the GIL for up to a second stalled the editor's typing by 100 ms when it
# ran on a thread (benchmarks/editor_timings.py); a separate process shares nothing with the UI.


def check_to_json(check: TutorialCheck) -> dict[str, Any]:
    """A JSON-ready form of a check, to send it from the worker process."""
    return {
        "findings": [dataclasses.asdict(f) for f in check.findings],
        "marks": [
            [list(key), [dataclasses.asdict(m) for m in marks]]
            for key, marks in check.marks.items()
        ],
    }


def check_from_json(data: dict[str, Any]) -> TutorialCheck:
    """The inverse of ``check_to_json``; raises KeyError or TypeError on another shape."""
    findings = tuple(
        Finding(**{**f, "severity": Severity(f["severity"])}) for f in data["findings"]
    )
    marks = {
        (key[0], key[1], key[2]): tuple(
            Mark(**{**m, "severity": Severity(m["severity"])}) for m in found
        )
        for key, found in data["marks"]
    }
    return TutorialCheck(findings, marks)


def serve(requests: TextIO, answers: TextIO) -> None:
    """One request a line, ``{"generation": n, "document": {...}}``; one answer a line,
    ``{"generation": n, "check": {...}}`` or ``{"generation": n, "error": "..."}``."""
    for line in requests:
        generation = None
        try:
            request = json.loads(line)
            generation = request["generation"]
            answer = {
                "generation": generation,
                "check": check_to_json(check_tutorial(request["document"])),
            }
        except Exception as error:  # a half-typed document must never end the worker
            answer = {"generation": generation, "error": f"{type(error).__name__}: {error}"}
        answers.write(json.dumps(answer, ensure_ascii=False) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
