"""YAML loading that remembers the line of every key, so messages can name it."""

from __future__ import annotations

import datetime
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LinedDict:
    loader.flatten_mapping(node)
    mapping = LinedDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, datetime.date):
            key = key.isoformat()
        if key in mapping:
            mapping.duplicates.append((key, key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LinedList:
    sequence = LinedList()
    sequence.line = node.start_mark.line + 1
    for child in node.value:
        sequence.append(loader.construct_object(child, deep=True))
        sequence.lines.append(child.start_mark.line + 1)
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlSyntaxError(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def load_yaml(data: bytes) -> Any:
    """Parse YAML; raise YamlSyntaxError with the line and a readable reason."""
    try:
        return yaml.load(data, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlSyntaxError(line, str(error.problem or error.context or error)) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(0, str(error)) from error
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(0, "le fichier n'est pas en UTF-8") from error
