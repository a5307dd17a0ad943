"""Problems found in a pack, and the helpers that check one kind of field each.

Every helper checks the type of its value before using it (a list where a word is expected is
a message, never a TypeError), and quotes values through ``shown`` (short, hidden characters
written out). What holds for every value of every file (keys are words, no hidden characters,
bounded numbers, texts, aliases and nesting) is checked once, on the YAML nodes, by
yaml_lines. These helpers, not pydantic or jsonschema, keep the messages that admins read:
French, with the line, the field path, a suggestion ("Vouliez-vous dire « sante » ?") and the
fix; a schema library would give English messages by error type, to be rewritten one by one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from kiosk.core.pack_files import PackFiles
from kiosk.core.pack_limits import MAX_QUOTED_CHARS
from kiosk.core.safe_text import shown, web_address_problem
from kiosk.core.yaml_lines import LinedDict, YamlRefusalError, YamlSyntaxError, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a pack, located as precisely as we can."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", ligne {self.line}"
        if self.field:
            where += f" ({self.field})"
        return f"{where} : {self.message}"


class PackError(Exception):
    """The pack is refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def suggest(value: Any, choices: Any) -> str:
    """ " Vouliez-vous dire « x » ?" for the choice closest to ``value``, or ""."""
    if not isinstance(value, str) or len(value) > MAX_QUOTED_CHARS:
        return ""
    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


def parse_file(files: PackFiles, name: str, problems: list[Problem]) -> LinedDict | None:
    """The YAML mapping of the pack's file ``name``; None, with its problems, when refused.

    The value comes from the pack's compact form when ``build_pack`` took it from there
    (``files.values``, kiosk.core.pack_compact), else from the YAML, and is kept there.
    """
    if name in files.values:
        parsed = files.values[name]
        if not isinstance(parsed, LinedDict):
            problems.append(
                Problem(name, 1, "", "le fichier doit contenir des champs « nom: valeur ».")
            )
            return None
        return parsed
    try:
        parsed = load_yaml(files.files[name], files.yaml_budget)
    except YamlSyntaxError as error:
        problems.append(
            Problem(
                name,
                error.line,
                "",
                f"le fichier YAML est mal écrit ({shown(error.reason)}). Vérifiez "
                "l'indentation, les deux-points et les guillemets.",
            )
        )
        return None
    except YamlRefusalError as refusal:
        problems.extend(Problem(name, line, "", message) for line, message in refusal.problems)
        return None
    files.values[name] = parsed
    if not isinstance(parsed, LinedDict):
        problems.append(
            Problem(name, 1, "", "le fichier doit contenir des champs « nom: valeur ».")
        )
        return None
    return parsed


class FieldChecker:
    """Collects problems for one file; helpers check one kind of field each."""

    def __init__(self, file: str, problems: list[Problem], languages: tuple[str, ...]) -> None:
        self.file = file
        self.problems = problems
        self.languages = languages

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, field, message))

    def keys(self, data: LinedDict, path: str, required: set[str], optional: set[str]) -> None:
        present = data.keys()
        allowed = required | optional
        if required <= present <= allowed and not data.duplicates:
            return  # the usual case: no message to make, found by set operations alone
        for key, line in data.duplicates:
            self.add(line, join_path(path, key), "ce champ est écrit deux fois. Gardez-en un seul.")
        for key in sorted(required - set(data)):
            self.add(data.line, join_path(path, key), f"le champ « {key} » manque. Ajoutez-le.")
        for key in data:
            if key not in allowed:
                hint = suggest(key, allowed)
                self.add(
                    data.line_of(key),
                    join_path(path, key),
                    f"champ inconnu « {shown(key)} ».{hint or ' Retirez-le.'}",
                )

    def text(self, data: LinedDict, key: str, path: str) -> Any:
        """A per-language text {fr: …, en: …}, or None when absent or wrong."""
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, dict):  # the usual case first: no line, no field path to make
            languages, result = self.languages, {}
            for lang, text in value.items():
                if type(text) is not str or lang not in languages:
                    break
                stripped = text.strip()
                if not stripped:
                    break
                result[lang] = stripped
            else:
                if "fr" in result:
                    return result
        return self.text_value(value, data.line_of(key), join_path(path, key))

    def text_value(self, value: Any, line: int, field: str) -> dict[str, str] | None:
        """Check one per-language text; French is mandatory."""
        if not isinstance(value, dict):
            self.add(line, field, "il faut un texte par langue, par exemple « fr: Bonjour ».")
            return None
        result = {}
        languages = self.languages
        for lang, text in value.items():
            if type(text) is str and lang in languages:  # the usual case, checked first
                stripped = text.strip()
                if stripped:
                    result[lang] = stripped
                    continue
            lang_line = value.line_of(lang) if isinstance(value, LinedDict) else line
            if lang not in languages:
                self.add(
                    lang_line,
                    f"{field}.{shown(lang)}",
                    f"la langue « {shown(lang)} » n'est pas dans « languages » de pack.yaml "
                    f"({', '.join(self.languages)}). Ajoutez-la ou retirez ce texte.",
                )
            elif isinstance(text, (list, dict)):
                self.add(lang_line, f"{field}.{lang}", "écrivez un texte, pas une liste.")
            elif not isinstance(text, str) or not text.strip():
                self.add(
                    lang_line, f"{field}.{lang}", "le texte est vide. Écrivez-le entre guillemets."
                )
            else:
                result[lang] = text.strip()
        if "fr" not in value:
            self.add(line, field, "le texte en français manque. Ajoutez « fr: … ».")
        return result if "fr" in result else None

    def integer(self, data: LinedDict, key: str, path: str, low: int, high: int) -> int | None:
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.add(
                data.line_of(key),
                join_path(path, key),
                f"« {shown(value)} » ne va pas : écrivez un nombre entier de {low} à {high}.",
            )
            return None
        return value

    def flag(self, data: LinedDict, key: str, path: str) -> bool:
        """A yes/no field (``true`` or ``false``); False when absent or wrong (and said)."""
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add(data.line_of(key), join_path(path, key), "écrivez true ou false.")
            return False
        return value

    def identifier(self, data: LinedDict, key: str, path: str) -> str | None:
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.add(
                data.line_of(key),
                join_path(path, key),
                f"l'identifiant « {shown(value)} » ne va pas : utilisez des lettres minuscules "
                "sans accent, des chiffres et des tirets, par exemple « carte-vitale ».",
            )
            return None
        return value

    def url(self, data: LinedDict, key: str, path: str) -> str | None:
        """A web address shown to citizens: ``https://`` and a real host (safe_text)."""
        if key not in data:
            return None
        value = data[key]
        problem = (
            web_address_problem(value)
            if isinstance(value, str)
            else "écrivez une adresse complète qui commence par « https:// »."
        )
        if problem:
            self.add(
                data.line_of(key),
                join_path(path, key),
                f"l'adresse « {shown(value)} » ne va pas : {problem}",
            )
            return None
        return value

    def string(
        self, data: LinedDict, key: str, path: str, what: str, empty: bool = False
    ) -> str | None:
        """A plain string (not a per-language text); None when absent or of another type.

        An empty string is refused unless ``empty`` is true.
        """
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, str) or not (empty or value.strip()):
            self.add(data.line_of(key), join_path(path, key), f"écrivez {what}.")
            return None
        return value

    def choice(
        self, data: LinedDict, key: str, path: str, choices: Any, unknown: str, possible: str
    ) -> str | None:
        """One word of ``choices``; None when absent, or unknown (with a suggestion).

        ``unknown`` starts the message ("papier inconnu"), ``possible`` names the list
        ("Papiers possibles").
        """
        if key not in data:
            return None
        return self.choice_value(
            data[key], data.line_of(key), join_path(path, key), choices, unknown, possible
        )

    def choice_value(
        self, value: Any, line: int, field: str, choices: Any, unknown: str, possible: str
    ) -> str | None:
        if not isinstance(value, str) or value not in choices:
            self.add(
                line,
                field,
                f"{unknown} « {shown(value)} ».{suggest(value, choices)} "
                f"{possible} : {', '.join(choices)}.",
            )
            return None
        return value


def join_path(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)
