"""YAML loading that remembers the line of every key, and refuses what a pack never needs.

PyYAML's safe loader (with libyaml when present) reads the parser's events first, to refuse a
file with too many values or levels before building anything; then it builds the node graph,
and before any Python value is made from it, the graph is inspected:
aliases, nodes (aliases counted each time they are used, so a "billion laughs" is seen before
it is expanded), nesting, tags, lengths of strings and numbers, keys that are not words, and
hidden characters. Values that the constructor cannot convert (the date 2026-02-30, ``!!int
abc``) become located messages too, never a traceback.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.core.pack_limits import (
    MAX_INTEGER_DIGITS,
    MAX_PACK_YAML_NODES,
    MAX_PROBLEMS_PER_FILE,
    MAX_TEXT_CHARS,
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
)
from kiosk.core.safe_text import character_problem, shown

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


class LinedDict(dict):
    """A mapping read from YAML; ``line`` is its own line, ``lines[key]`` each key's line."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}
        self.duplicates: list[tuple[Any, int]] = []

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LinedList(list):
    """A sequence read from YAML; ``lines[i]`` is the line of item ``i``."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class YamlSyntaxError(Exception):
    """The file is not YAML; ``line`` (0 when unknown) and ``reason`` (PyYAML's words)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class YamlRefusalError(Exception):
    """The file is YAML but holds what a pack may not; ``problems`` lists (line, message)."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        super().__init__("\n".join(f"ligne {line} : {message}" for line, message in problems))
        self.problems = problems


_VALUE_MESSAGES = {
    f"{_TAG}timestamp": "la date « {} » n'existe pas. Écrivez une vraie date AAAA-MM-JJ.",
    f"{_TAG}int": "« {} » n'est pas un nombre entier.",
    f"{_TAG}float": "« {} » n'est pas un nombre.",
}


class _UnreadableValueError(ConstructorError):
    """A scalar the constructor could not convert; ``problem`` is already a French sentence."""


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            message = _VALUE_MESSAGES.get(node.tag, "la valeur « {} » ne se lit pas.")
            value = node.value if isinstance(node, ScalarNode) else ""
            raise _UnreadableValueError(
                None, None, message.format(shown(value)), node.start_mark
            ) from error


def _construct_mapping(loader: Any, node: MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            mapping.duplicates.append((key, key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: Any, node: SequenceNode) -> LinedList:
    sequence = LinedList()
    sequence.line = node.start_mark.line + 1
    for child in node.value:
        sequence.append(loader.construct_object(child, deep=True))
        sequence.lines.append(child.start_mark.line + 1)
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _tag(node: Node) -> str:
    return shown(node.tag.replace(_TAG, "!!"))


class _Inspection:
    """One walk over the node graph; each node is visited once, its expanded size remembered."""

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()
        self.aliases = 0
        self.values = 0

    def stop(self, node: Node, message: str) -> YamlRefusalError:
        return YamlRefusalError([*self.problems, (node.start_mark.line + 1, message)])

    def add(self, node: Node, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append((node.start_mark.line + 1, message))

    def walk(self, node: Node, depth: int) -> int:
        known = self.sizes.get(id(node))
        if known is not None:
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise self.stop(node, f"plus de {MAX_YAML_ALIASES} renvois (*) à des ancres (&).")
            self.count(node, known)
            return known
        self.count(node, 1)
        if id(node) in self.open:
            raise self.stop(node, "une ancre (&) se contient elle-même. Retirez ce renvoi (*).")
        if depth > MAX_YAML_DEPTH:
            raise self.stop(node, f"plus de {MAX_YAML_DEPTH} niveaux d'indentation.")
        self.open.add(id(node))
        size = 1
        if isinstance(node, ScalarNode):
            self.scalar(node)
        elif isinstance(node, SequenceNode):
            if node.tag != f"{_TAG}seq":
                self.add(node, f"l'étiquette YAML « {_tag(node)} » n'est pas acceptée.")
            for child in node.value:
                size += self.walk(child, depth + 1)
        elif isinstance(node, MappingNode):
            if node.tag != f"{_TAG}map":
                self.add(node, f"l'étiquette YAML « {_tag(node)} » n'est pas acceptée.")
            for key, value in node.value:
                self.key(key)
                size += self.walk(key, depth + 1) + self.walk(value, depth + 1)
        self.open.discard(id(node))
        self.sizes[id(node)] = size
        return size

    def count(self, node: Node, size: int) -> None:
        """Count values as they will be made (an alias as many times as it is used)."""
        self.values += size
        if self.values > MAX_YAML_NODES:
            raise self.stop(
                node, f"le fichier est trop grand une fois lu (plus de {MAX_YAML_NODES} valeurs)."
            )

    def key(self, key: Node) -> None:
        if key.tag == f"{_TAG}merge":
            return
        if not isinstance(key, ScalarNode) or key.tag != f"{_TAG}str":
            what = shown(key.value) if isinstance(key, ScalarNode) else "(une liste ou des champs)"
            self.add(key, f"le nom de champ « {what} » doit être un mot. Corrigez-le.")

    def scalar(self, node: ScalarNode) -> None:
        value = node.value
        if node.tag not in SCALAR_TAGS:
            self.add(node, f"l'étiquette YAML « {_tag(node)} » n'est pas acceptée.")
        elif len(value) > MAX_TEXT_CHARS:
            self.add(node, f"le texte dépasse {MAX_TEXT_CHARS} caractères. Raccourcissez-le.")
        elif node.tag == f"{_TAG}int" and len(value.lstrip("+-")) > MAX_INTEGER_DIGITS:
            self.add(node, f"le nombre a plus de {MAX_INTEGER_DIGITS} chiffres.")
        else:
            problem = character_problem(value)
            if problem:
                self.add(node, problem)


class ValueBudget:
    """How many more values the YAML files of one pack may hold (MAX_PACK_YAML_NODES)."""

    def __init__(self, left: int = MAX_PACK_YAML_NODES) -> None:
        self.left = left


def _first_pass(data: bytes, budget: ValueBudget) -> None:
    """Count values and nesting from the parser's events, before any node is built.

    Building nodes is what costs (3 s for a 1 MiB list of 350,000 words, 0.07 s to read the
    first 20,000 events): a file with too many values is refused as soon as they are seen.
    """
    if budget.left <= 0:  # already said for an earlier file of the pack
        raise YamlRefusalError([])
    loader = _LineLoader(data)
    try:
        values = depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    line = event.start_mark.line + 1
                    raise YamlRefusalError(
                        [(line, f"plus de {MAX_YAML_DEPTH} niveaux d'indentation.")]
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            if isinstance(event, NodeEvent):
                values += 1
                if values > MAX_YAML_NODES or values > budget.left:
                    if values > budget.left:
                        budget.left = 0
                    message = (
                        f"le fichier a plus de {MAX_YAML_NODES} valeurs. Partagez-le."
                        if values > MAX_YAML_NODES
                        else f"le paquet a plus de {MAX_PACK_YAML_NODES} valeurs en tout. "
                        "Partagez-le en plusieurs paquets."
                    )
                    raise YamlRefusalError([(event.start_mark.line + 1, message)])
    finally:
        loader.dispose()
    budget.left -= values


def load_yaml(data: bytes, budget: ValueBudget | None = None) -> Any:
    """Parse YAML into LinedDict, LinedList, str, int, float, bool, None and dates.

    Raises YamlSyntaxError (with the line and PyYAML's reason) when it is not YAML, and
    YamlRefusalError (lines and French messages) when it holds what packs may not (pack_limits).
    ``budget`` is shared by the files of one pack and spent here.
    """
    loader = _LineLoader(data)
    try:
        _first_pass(data, budget or ValueBudget())
        node = loader.get_single_node()
        if node is None:
            return None
        inspection = _Inspection()
        inspection.walk(node, 0)
        if inspection.problems:
            raise YamlRefusalError(inspection.problems)
        return loader.construct_document(node)
    except _UnreadableValueError as error:
        mark = error.problem_mark
        raise YamlRefusalError([(mark.line + 1 if mark else 0, str(error.problem))]) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlSyntaxError(line, str(error.problem or error.context or error)) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(0, str(error)) from error
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(0, "le fichier n'est pas en UTF-8") from error
    except RecursionError as error:  # the pure-Python composer, without libyaml
        raise YamlSyntaxError(0, "trop de niveaux imbriqués") from error
    finally:
        loader.dispose()
