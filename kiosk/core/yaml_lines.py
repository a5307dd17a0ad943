"""YAML loading that remembers the line of every key, and refuses what a pack never needs.

PyYAML's safe loader (with libyaml when present) reads the parser's events once: it counts
them, to refuse a file with too many values or levels before building more, builds the node
graph from them and inspects each node as it comes; before any Python value is made from it:
aliases, nodes (aliases counted each time they are used, so a "billion laughs" is seen before
it is expanded), nesting, tags, lengths of strings and numbers, keys that are not words, and
hidden characters. Values that the constructor cannot convert (the date 2026-02-30, ``!!int
abc``) become located messages too, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
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
    """A mapping read from YAML; ``line`` is its own line, ``lines[key]`` each key's line.

    It has no ``__init__`` of its own, so that the C ``json`` module makes one from its pairs
    at C speed (kiosk.core.pack_compact); one read from JSON keeps the empty ``lines`` and
    ``duplicates`` of the class (no line is known), the YAML reader gives each its own.
    """

    line: int = 0
    lines: Mapping[Any, int] = MappingProxyType({})
    duplicates: Sequence[tuple[Any, int]] = ()

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LinedList(list):
    """A sequence read from YAML; ``lines[i]`` is the line of item ``i`` (set by its maker)."""

    line: int = 0
    lines: Sequence[int] = ()

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
        # AttributeError: "!!timestamp" on a text that is no date (PyYAML matches it to None).
        except (ValueError, TypeError, OverflowError, RecursionError, AttributeError) as error:
            message = _VALUE_MESSAGES.get(node.tag, "la valeur « {} » ne se lit pas.")
            value = node.value if isinstance(node, ScalarNode) else ""
            raise _UnreadableValueError(
                None, None, message.format(shown(value)), node.start_mark
            ) from error


def _tag(node: Any) -> str:
    return shown(node.tag.replace(_TAG, "!!"))


class _Inspection:
    """What a pack may not hold, node by node as the graph is built (``_GraphBuilder``).

    Each node is inspected once, its expanded size remembered (``size``) for the aliases to it (so a
    "billion laughs" is counted before anything is expanded). The first limit passed
    (``refusal``) ends the inspection; smaller findings gather in ``problems``.
    """

    def __init__(self) -> None:
        self.problems: list[tuple[int, str]] = []
        self.refusal: YamlRefusalError | None = None
        self.aliases = 0
        self.values = 0

    def stop(self, node: Any, message: str) -> None:
        if self.refusal is None:
            self.refusal = YamlRefusalError([*self.problems, (node.start_mark.line + 1, message)])

    def add(self, node: Any, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append((node.start_mark.line + 1, message))

    def visit(self, node: Any, depth: int, scalar: bool) -> int:
        """A new node at ``depth`` (the root is at 0); its size so far (1)."""
        if scalar:
            node.size = 1
        if self.refusal is not None or not self.count(node, 1):
            return 1
        if depth > MAX_YAML_DEPTH:
            self.stop(node, f"plus de {MAX_YAML_DEPTH} niveaux d'indentation.")
        elif scalar:
            self.scalar(node)
        elif node.tag != (f"{_TAG}map" if node.mapping else f"{_TAG}seq"):
            self.add(node, f"l'étiquette YAML « {_tag(node)} » n'est pas acceptée.")
        return 1

    def revisit(self, node: Node) -> int:
        """An alias to ``node``: its expanded size, counted again."""
        known = node.size
        if self.refusal is not None:
            return known or 1
        if known is None:  # still open: the anchor holds its own alias
            if self.count(node, 1):
                self.stop(node, "une ancre (&) se contient elle-même. Retirez ce renvoi (*).")
            return 1
        self.aliases += 1
        if self.aliases > MAX_YAML_ALIASES:
            self.stop(node, f"plus de {MAX_YAML_ALIASES} renvois (*) à des ancres (&).")
        else:
            self.count(node, known)
        return known

    def count(self, node: Any, size: int) -> bool:
        """Count values as they will be made (an alias as many times as it is used); False
        once there are too many."""
        self.values += size
        if self.values > MAX_YAML_NODES:
            self.stop(
                node, f"le fichier est trop grand une fois lu (plus de {MAX_YAML_NODES} valeurs)."
            )
            return False
        return True

    def check_key(self, key: Any, scalar: bool) -> None:
        if self.refusal is not None:
            return
        if key.tag == f"{_TAG}merge":
            return
        if not scalar or key.tag != f"{_TAG}str":
            what = shown(key.value) if scalar else "(une liste ou des champs)"
            self.add(key, f"le nom de champ « {what} » doit être un mot. Corrigez-le.")

    def scalar(self, node: Any) -> None:
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


def _compose(loader: Any, budget: ValueBudget) -> Any:
    """Read the parser's events once: count them, inspect each node and make its value.

    One pass instead of four (counting the events, libyaml's composer, a walk over the node
    graph, PyYAML's constructor): a pack's import parsed every file twice and visited every
    node three times in Python (docs/benchmarks.md, "Import"). The outcome is the one of that
    order of work: a file with too many values or levels is refused as soon as its events
    show it, alone, and a syntax error anywhere is said first; then the composer's own errors
    (an alias to no anchor, a second document); then what the inspection refused
    (``_Inspection``); then a value that cannot be converted. Building is what costs (3 s for
    a 1 MiB list of 350,000 words, 0.07 s to read the first 20,000 events): nothing is built
    past the limits, and no value once something is refused.
    """
    if budget.left <= 0:  # already said for an earlier file of the pack
        raise YamlRefusalError([])
    building = _ValueBuilder(loader)
    values = depth = 0
    while loader.check_event():
        event = loader.get_event()
        kind = type(event)
        if kind in _COLLECTION_STARTS:
            depth += 1
            if depth > MAX_YAML_DEPTH:
                line = event.start_mark.line + 1
                raise YamlRefusalError([(line, f"plus de {MAX_YAML_DEPTH} niveaux d'indentation.")])
        elif kind in _COLLECTION_ENDS:
            depth -= 1
        if kind in _NODE_EVENTS:
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
        if building.error is None:
            building.take(event, kind)
    budget.left -= values
    if building.error is not None:
        raise building.error
    inspection = building.inspection
    if inspection.refusal is not None:
        raise inspection.refusal
    if inspection.problems:
        raise YamlRefusalError(inspection.problems)
    if building.unreadable is not None:
        raise building.unreadable
    return building.root


_COLLECTION_STARTS = (SequenceStartEvent, MappingStartEvent)
_COLLECTION_ENDS = (SequenceEndEvent, MappingEndEvent)
_NODE_EVENTS = (ScalarEvent, SequenceStartEvent, MappingStartEvent, AliasEvent)
_STR = f"{_TAG}str"


class _Made:
    """A node as the inspection sees it (``tag``, ``start_mark``, ``value`` for a scalar),
    and the Python value made from it, shared by every alias to it."""

    __slots__ = ("made", "mapping", "size", "start_mark", "tag", "value")

    def __init__(self, tag: str, start_mark: Any, value: Any, made: Any, mapping: bool) -> None:
        self.size: int | None = None  # its size once read, aliases expanded; None while open
        self.tag = tag
        self.start_mark = start_mark
        self.value = value
        self.made = made
        self.mapping = mapping


class _Open:
    """A collection being read: its node, its size so far, and a key waiting for its value."""

    __slots__ = ("key", "node", "size")

    def __init__(self, node: _Made) -> None:
        self.node = node
        self.size = 1
        self.key: _Made | None = None


class _ValueBuilder:
    """PyYAML's composer and safe constructor, event by event and without recursion.

    Each node is inspected as it comes, in the order of a walk over the graph (a key before
    its value, a collection before its items); its value is made at once (LinedDict,
    LinedList, or the safe constructor's for a scalar) until something is refused.
    ``error`` is the composer's error, after which nothing more is read; ``unreadable`` the
    first value the constructor could not convert.
    """

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.inspection = _Inspection()
        self.error: yaml.YAMLError | None = None
        self.unreadable: Exception | None = None
        self.root: Any = None
        self.root_mark: Any = None
        self.documents = 0
        self.anchors: dict[str, _Made] = {}
        self.stack: list[_Open] = []

    @property
    def making(self) -> bool:
        inspection = self.inspection
        return not (inspection.refusal or inspection.problems or self.unreadable)

    def take(self, event: Any, kind: type) -> None:
        if kind is ScalarEvent:
            self._scalar(event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mapping = kind is MappingStartEvent
            tag = event.tag
            if tag is None or tag == "!":
                kind = MappingNode if mapping else SequenceNode
                tag = self.loader.resolve(kind, None, event.implicit)
            made: Any
            if mapping:
                made = LinedDict()
                made.lines, made.duplicates = {}, []
            else:
                made = LinedList()
                made.lines = []
            made.line = event.start_mark.line + 1
            node = _Made(tag, event.start_mark, None, made, mapping)
            if self._anchor(event, node):
                self._key_check(node, scalar=False)
                self.inspection.visit(node, len(self.stack), scalar=False)
                self.stack.append(_Open(node))
        elif kind in _COLLECTION_ENDS:
            done = self.stack.pop()
            done.node.size = done.size
            self._add(done.node, done.size)
        elif kind is AliasEvent:
            node = self.anchors.get(event.anchor)
            if node is None:
                self.error = ComposerError(None, None, "found undefined alias", event.start_mark)
                return
            self._key_check(node, scalar=node.value is not None)
            self._add(node, self.inspection.revisit(node))
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.error = ComposerError(
                    "expected a single document in the stream",
                    self.root_mark,
                    "but found another document",
                    event.start_mark,
                )
        elif kind is DocumentEndEvent:
            self.anchors = {}

    def _scalar(self, event: Any) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit)
        node = _Made(tag, event.start_mark, event.value, None, False)
        if not self._anchor(event, node):
            return
        self._key_check(node, scalar=True)
        self.inspection.visit(node, len(self.stack), scalar=True)
        if self.making:
            if tag == _STR:
                node.made = event.value
            elif tag in SCALAR_TAGS:
                scalar = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
                try:
                    node.made = self.loader.construct_object(scalar)
                except yaml.YAMLError as error:  # _UnreadableValueError among them
                    self.unreadable = error
        self._add(node, 1)

    def _anchor(self, event: Any, node: _Made) -> bool:
        anchor = event.anchor
        if anchor is None:
            return True
        if anchor in self.anchors:
            self.error = ComposerError(
                "found duplicate anchor; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
            return False
        self.anchors[anchor] = node
        return True

    def _key_check(self, node: _Made, scalar: bool) -> None:
        """A node in a key's place is checked as a key before anything else about it."""
        stack = self.stack
        if stack and stack[-1].node.mapping and stack[-1].key is None:
            self.inspection.check_key(node, scalar)

    def _add(self, node: _Made, size: int) -> None:
        """Put a finished node (or an alias to one) in its parent."""
        stack = self.stack
        if not stack:
            self.root, self.root_mark = node.made, node.start_mark
            return
        top = stack[-1]
        top.size += size
        parent = top.node
        if not parent.mapping:
            if self.making:
                parent.made.append(node.made)
                parent.made.lines.append(node.start_mark.line + 1)  # its own list
        elif top.key is None:
            top.key = node
        else:
            key, top.key = top.key, None
            if self.making:
                mapping, line = parent.made, key.start_mark.line + 1
                if key.made in mapping:
                    mapping.duplicates.append((key.made, line))
                mapping[key.made] = node.made
                mapping.lines[key.made] = line


def load_yaml(data: bytes, budget: ValueBudget | None = None) -> Any:
    """Parse YAML into LinedDict, LinedList, str, int, float, bool, None and dates.

    Raises YamlSyntaxError (with the line and PyYAML's reason) when it is not YAML, and
    YamlRefusalError (lines and French messages) when it holds what packs may not (pack_limits).
    ``budget`` is shared by the files of one pack and spent here.
    """
    loader = _LineLoader(data)
    try:
        return _compose(loader, budget or ValueBudget())
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
    except RecursionError as error:  # the constructor, on a graph deeper than Python allows
        raise YamlSyntaxError(0, "trop de niveaux imbriqués") from error
    finally:
        loader.dispose()
