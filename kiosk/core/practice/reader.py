"""Reading the ``practice`` of a step and the pack's ``personas/*.yaml``, with precise messages."""

from __future__ import annotations

import datetime
from pathlib import PurePosixPath
from typing import Any

from kiosk.core.pack_checks import FieldChecker, Problem, join_path, parse_file, suggest
from kiosk.core.pack_files import PackFiles
from kiosk.core.practice.documents import DOCUMENTS
from kiosk.core.practice.model import (
    EXHIBIT_KINDS,
    PERSONA_KEYS,
    PRACTICE_KINDS,
    TARGET_KINDS,
    Answer,
    Exhibit,
    Persona,
    Practice,
    PracticeField,
    Target,
)
from kiosk.core.practice.persona import persona_problems
from kiosk.core.practice.validators import CHECKS
from kiosk.core.safe_text import shown
from kiosk.core.yaml_lines import LinedDict, LinedList

PRACTICE_KEYS = {
    "kind", "site", "intro", "persona", "documents", "fields", "submit", "targets",
    "question", "answers", "exhibit", "success",
}  # fmt: skip
NEEDED_BY_KIND = {
    "form": {"fields", "submit"},
    "find": {"targets"},
    "question": {"question", "answers"},
    "scam": {"question", "answers", "exhibit"},
}


def read_practice(
    check: FieldChecker, step: LinedDict, path: str, personas: dict[str, Persona]
) -> Practice | None:
    data = step.get("practice")
    path = join_path(path, "practice")
    if not isinstance(data, LinedDict):
        check.add(step.line_of("practice"), path, "écrivez les champs de l'exercice (kind, …).")
        return None
    before = len(check.problems)
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in PRACTICE_KINDS:
        check.add(
            data.line_of("kind"),
            join_path(path, "kind"),
            f"type d'exercice inconnu « {shown(kind)} ».{suggest(kind, PRACTICE_KINDS)} "
            f"Types possibles : {', '.join(PRACTICE_KINDS)}.",
        )
        check.keys(data, path, {"kind", "site", "intro"}, PRACTICE_KEYS)
        return None
    check.keys(data, path, {"kind", "site", "intro"} | NEEDED_BY_KIND[kind], PRACTICE_KEYS)
    persona = data.get("persona")
    if persona is not None and (not isinstance(persona, str) or persona not in personas):
        check.add(
            data.line_of("persona"),
            join_path(path, "persona"),
            f"la personne « {shown(persona)} » n'existe pas dans personas/."
            + suggest(persona, personas),
        )
    documents = _documents(check, data, path)
    practice = Practice(
        kind=kind,
        site=check.string(data, "site", path, "le nom du site imité, par exemple ameli.fr") or "",
        intro=check.text(data, "intro", path),
        persona=persona,
        documents=documents,
        fields=_fields(check, data, path, persona is not None),
        submit=check.text(data, "submit", path),
        targets=_targets(check, data, path),
        question=check.text(data, "question", path),
        answers=_answers(check, data, path),
        exhibit=_exhibit(check, data, path),
        success=check.text(data, "success", path),
    )
    return practice if len(check.problems) == before else None


def _items(check: FieldChecker, data: LinedDict, key: str, path: str) -> list[tuple[int, Any]]:
    items = data.get(key, [])
    if key in data and (not isinstance(items, LinedList) or not items):
        check.add(data.line_of(key), join_path(path, key), "écrivez une liste (lignes « - … »).")
        return []
    return list(enumerate(items))


def _documents(check: FieldChecker, data: LinedDict, path: str) -> tuple[str, ...]:
    result = []
    for index, name in _items(check, data, "documents", path):
        known = check.choice_value(
            name,
            data["documents"].line_of(index),
            f"{path}.documents[{index}]",
            DOCUMENTS,
            "papier inconnu",
            "Papiers possibles",
        )
        if known:
            result.append(known)
    return tuple(result)


def _entry(check: FieldChecker, items: Any, index: int, item: Any, path: str) -> bool:
    if not isinstance(item, LinedDict):
        check.add(items.line_of(index), path, "cet élément doit contenir des champs.")
        return False
    return True


def _fields(
    check: FieldChecker, data: LinedDict, path: str, has_persona: bool
) -> tuple[PracticeField, ...]:
    result = []
    for index, item in _items(check, data, "fields", path):
        where = f"{path}.fields[{index}]"
        if not _entry(check, data["fields"], index, item, where):
            continue
        check.keys(item, where, {"id", "label", "check"}, {"expect", "document", "hint", "masked"})
        name = check.choice(
            item, "check", where, CHECKS, "vérification inconnue", "Vérifications possibles"
        )
        expect = item.get("expect")
        if expect is not None and (not isinstance(expect, str) or expect not in PERSONA_KEYS):
            check.add(
                item.line_of("expect"),
                f"{where}.expect",
                f"« {shown(expect)} » n'est pas une donnée de la personne."
                + suggest(expect, PERSONA_KEYS),
            )
        if expect is not None and not has_persona:
            check.add(
                item.line_of("expect"),
                f"{where}.expect",
                "il faut choisir une personne (« persona: … ») pour attendre une de ses données.",
            )
        document = item.get("document")
        if document is not None and (not isinstance(document, str) or document not in DOCUMENTS):
            check.add(
                item.line_of("document"),
                f"{where}.document",
                f"papier inconnu « {shown(document)} ».",
            )
        result.append(
            PracticeField(
                id=check.identifier(item, "id", where) or "",
                label=check.text(item, "label", where),
                check=str(name),
                expect=expect,
                document=document,
                hint=check.text(item, "hint", where),
                masked=check.flag(item, "masked", where),
            )
        )
    return tuple(result)


def _targets(check: FieldChecker, data: LinedDict, path: str) -> tuple[Target, ...]:
    result = []
    for index, item in _items(check, data, "targets", path):
        where = f"{path}.targets[{index}]"
        if not _entry(check, data["targets"], index, item, where):
            continue
        check.keys(item, where, {"id", "label"}, {"kind", "correct", "feedback"})
        kind = item.get("kind", "button")
        if not isinstance(kind, str) or kind not in TARGET_KINDS:
            check.add(item.line_of("kind"), f"{where}.kind", "écrivez « button » ou « link ».")
        result.append(
            Target(
                id=check.identifier(item, "id", where) or "",
                label=check.text(item, "label", where),
                kind=str(kind),
                correct=check.flag(item, "correct", where),
                feedback=check.text(item, "feedback", where),
            )
        )
    if result and not any(t.correct for t in result):
        check.add(data.line_of("targets"), f"{path}.targets", "aucun bouton n'a « correct: true ».")
    return tuple(result)


def _answers(check: FieldChecker, data: LinedDict, path: str) -> tuple[Answer, ...]:
    result = []
    items = _items(check, data, "answers", path)
    if items and not 2 <= len(items) <= 4:
        check.add(data.line_of("answers"), f"{path}.answers", "proposez de 2 à 4 réponses.")
    for index, item in items:
        where = f"{path}.answers[{index}]"
        if not _entry(check, data["answers"], index, item, where):
            continue
        check.keys(item, where, {"text", "explanation"}, {"correct"})
        result.append(
            Answer(
                text=check.text(item, "text", where),
                correct=check.flag(item, "correct", where),
                explanation=check.text(item, "explanation", where),
            )
        )
    if result and not any(a.correct for a in result):
        check.add(
            data.line_of("answers"), f"{path}.answers", "aucune réponse n'a « correct: true »."
        )
    return tuple(result)


def _exhibit(check: FieldChecker, data: LinedDict, path: str) -> Exhibit | None:
    item = data.get("exhibit")
    if item is None:
        return None
    where = f"{path}.exhibit"
    if not isinstance(item, LinedDict):
        check.add(data.line_of("exhibit"), where, "écrivez kind, sender et text.")
        return None
    check.keys(item, where, {"kind", "sender", "text"}, set())
    kind = item.get("kind")
    if not isinstance(kind, str) or kind not in EXHIBIT_KINDS:
        check.add(
            item.line_of("kind"), f"{where}.kind", f"écrivez l'un de : {', '.join(EXHIBIT_KINDS)}."
        )
    return Exhibit(
        kind=str(kind),
        sender=check.string(item, "sender", where, "l'expéditeur", empty=True) or "",
        text=check.text(item, "text", where),
    )


def read_personas(files: PackFiles, problems: list[Problem]) -> dict[str, Persona]:
    """Each personas/<id>.yaml, refused if any of its numbers does not hold together."""
    personas: dict[str, Persona] = {}
    keys = set(PERSONA_KEYS) - {"full_name"}
    for name in sorted(n for n in files.files if n.startswith("personas/") and n.endswith(".yaml")):
        data = parse_file(files, name, problems)
        if data is None:
            continue
        check = FieldChecker(name, problems, ("fr",))
        before = len(problems)
        check.keys(data, "", keys, set())
        expected_id = PurePosixPath(name).stem
        if data.get("id") != expected_id:
            check.add(
                data.line_of("id"),
                "id",
                f"l'identifiant doit être le nom du fichier ({expected_id}).",
            )
        for key, value in data.items():
            if key == "revenu_fiscal_reference":
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    check.add(data.line_of(key), key, "écrivez un nombre entier d'euros.")
            elif key == "birth_date":
                if not isinstance(value, str | datetime.date):
                    check.add(data.line_of(key), key, "écrivez une date AAAA-MM-JJ.")
            elif isinstance(value, bool) or not isinstance(value, str | int):
                check.add(data.line_of(key), key, "écrivez une seule valeur, entre guillemets.")
        if len(problems) > before:
            continue
        values = {k: (str(v) if k != "revenu_fiscal_reference" else v) for k, v in data.items()}
        if isinstance(data["birth_date"], datetime.date):
            values["birth_date"] = data["birth_date"].isoformat()
        try:
            persona = Persona.from_dict(values)
        except (TypeError, KeyError) as error:
            check.add(data.line, "", f"fiche incomplète ({error}).")
            continue
        for problem in persona_problems(persona):
            field = problem.split(" : ", 1)[0]
            check.add(data.line_of(field), field, problem.split(" : ", 1)[1])
        if len(problems) == before:
            personas[persona.id] = persona
    return personas
