"""A pack's compact form: the values of its YAML files, as one JSON file, made when it is signed.

Why (issue #19, docs/benchmarks.md "Pack import: the compact form"): the goal is an import of
at most 1 s of CPU per 1,000 tutorials on an old kiosk PC, and PyYAML's C parser alone
(``CSafeLoader``, libyaml) takes 1.2–2.3 s per 1,000 generated tutorials on the test VM; our
one-pass reader on top of it, 2.5–3.3 s. No faster YAML library is both safe and well kept
for Python (ruamel.yaml is pure Python for round trips and slower; rapidyaml's Python binding
is a build from source). Python's own ``json`` module, in C, reads the same values forty
times faster (0.04–0.06 s per 1,000). So the author's computer, which checks the pack in full
when it signs it (``kiosk pack sign``), also writes ``compact.json``: every YAML file's value,
written as JSON, with the SHA-256 of the YAML file it was read from.

What the kiosk still does with it (``compact_values``), because a signed pack may still be
hostile if a key leaks, and an unsigned one on a test kiosk always may be:

- the file is bounded like YAML (pack_limits: MAX_COMPACT_BYTES, nesting, values per file and
  per pack, digits of a number, length of a text) and every text and key goes through
  ``safe_text.character_problem``, as yaml_lines does for YAML;
- its values then go through *every* check of pack_reader, as the YAML's would (fields,
  types, identifiers, languages, web addresses, images inside the pack, SVG safety…): only
  the parsing of YAML is saved, and the lines in the messages (a compact form that passes
  the author's check never has any).

The YAML files stay the pack's truth: the compact form is used only when it lists exactly the
pack's YAML files with their SHA-256 (a YAML file edited after signing makes it stale), and is
otherwise, or when it breaks a bound, simply not used: the YAML is read and checked as
before, with its located messages. Either way nothing the checks refuse goes in.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from kiosk.core.pack_files import COMPACT_NAME, PackFiles
from kiosk.core.pack_limits import (
    MAX_COMPACT_BYTES,
    MAX_INTEGER_DIGITS,
    MAX_PACK_YAML_NODES,
    MAX_TEXT_CHARS,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
)
from kiosk.core.safe_text import unsafe_character
from kiosk.core.yaml_lines import LinedDict, LinedList

COMPACT_FORMAT = 1
# A date of YAML (``checked: 2026-11-20``) has no JSON type: it is written {"!!date": "…"}.
_DATE_TAG = "!!date"
_TIME_TAG = "!!timestamp"
_MAX_NUMBER = 10**MAX_INTEGER_DIGITS


class _RefusedError(Exception):
    """The compact form breaks a bound: it is not used (the YAML is read instead)."""


def yaml_names(files: dict[str, bytes]) -> list[str]:
    """The pack's YAML files, sorted: those a compact form must cover."""
    return sorted(name for name in files if name.endswith(".yaml"))


def _tagged(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return {_TIME_TAG: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE_TAG: value.isoformat()}
    raise TypeError(type(value).__name__)


def make_compact(files: dict[str, bytes], values: dict[str, Any]) -> bytes:
    """The compact form of a pack: ``values`` maps each YAML file's name to its value as
    ``yaml_lines.load_yaml`` read it (every YAML file of ``files`` must be there).

    Returns the bytes of compact.json (UTF-8, keys in file order, no spaces). Raises KeyError
    when a YAML file has no value, TypeError for a value JSON cannot hold.
    """
    entries = {
        name: {"sha256": hashlib.sha256(files[name]).hexdigest(), "value": values[name]}
        for name in yaml_names(files)
    }
    document = {"format": COMPACT_FORMAT, "files": entries}
    text = json.dumps(document, ensure_ascii=False, default=_tagged, separators=(",", ":"))
    return text.encode("utf-8")


def compact_values(files: dict[str, bytes]) -> dict[str, Any] | None:
    """The values of the pack's YAML files read from its compact form, or None to read the YAML.

    None when there is no compact.json, when it is not the form of exactly these YAML files
    (SHA-256), or when it breaks a bound of pack_limits (see the module's docstring). Each
    value is made of LinedDict (no lines: ``line_of`` gives 0), LinedList, str, int, float,
    bool, None and dates, as load_yaml gives. Never raises.
    """
    data = files.get(COMPACT_NAME)
    if data is None or len(data) > MAX_COMPACT_BYTES:
        return None
    try:
        text = data.decode("utf-8")
        if not _safe_characters(text):
            return None
        document = json.loads(text, object_pairs_hook=_mapping, parse_constant=_no_constant)
        entries = document["files"]
        if document.get("format") != COMPACT_FORMAT or not isinstance(entries, dict):
            return None
        names = yaml_names(files)
        if sorted(entries) != names:
            return None
        budget = MAX_PACK_YAML_NODES
        values = {}
        for name in names:
            entry = entries[name]
            if not isinstance(entry, dict) or set(entry) != {"sha256", "value"}:
                return None
            if entry["sha256"] != hashlib.sha256(files[name]).hexdigest():
                return None
            walk = _Walk()
            values[name] = walk.value(entry["value"], 0)
            budget -= walk.count
            if budget < 0:
                return None
    except (ValueError, TypeError, KeyError, RecursionError, MemoryError, _RefusedError):
        return None
    return values


# The escapes json.dumps writes for the characters a pack may hold: a line break, a quote and
# a backslash (a slash may be escaped too). Any other (\t, \u0000, \u202e…) stands for a
# character that safe_text refuses, or for one hidden behind an escape: the form is not used.
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ALLOWED_ESCAPES = frozenset('n"\\/')


def _safe_characters(text: str) -> bool:
    """Whether no text or key of the form holds a character that safe_text refuses.

    One search over the whole file instead of one per value: JSON holds no raw control
    character inside a string (the C decoder refuses them), so what is left to find is a
    raw character of safe_text's list (outside strings too: whitespace there is refused, and
    the compact form has none) or an escape that writes one.
    """
    if unsafe_character(text) is not None:
        return False
    return all(found.group(1) in _ALLOWED_ESCAPES for found in _ESCAPE.finditer(text))


def _mapping(pairs: list[tuple[str, Any]]) -> LinedDict:
    """A JSON object as a LinedDict; a key written twice makes the form unused (the YAML
    reader says which field is written twice)."""
    made = LinedDict(pairs)
    if len(made) != len(pairs):
        raise _RefusedError
    return made


def _no_constant(_name: str) -> Any:
    raise _RefusedError  # NaN and Infinity: YAML's .nan and .inf are never in a valid pack


class _Walk:
    """One file's value made as load_yaml makes it (lists as LinedList, tagged dates as
    dates), counted (``count``: keys and values, as yaml_lines counts nodes), within the
    bounds of pack_limits: nesting, values, text length, digits of a number."""

    def __init__(self) -> None:
        self.count = 0

    def value(self, value: Any, depth: int) -> Any:
        if depth > MAX_YAML_DEPTH:
            raise _RefusedError
        kind = type(value)
        if kind is LinedDict:
            return self.mapping(value, depth)
        if kind is list:
            self.count += 1
            if self.count + len(value) > MAX_YAML_NODES:
                raise _RefusedError
            return LinedList([self.value(item, depth + 1) for item in value])
        self.count += 1
        return self.scalar(value, kind)

    def mapping(self, value: LinedDict, depth: int) -> Any:
        if len(value) == 1:
            tagged = _date(value)
            if tagged is not None:
                self.count += 1
                return tagged
        self.count += 1 + 2 * len(value)
        if self.count > MAX_YAML_NODES:
            raise _RefusedError
        for key, item in value.items():
            if len(key) > MAX_TEXT_CHARS:
                raise _RefusedError
            kind = type(item)
            if kind is str:
                if len(item) > MAX_TEXT_CHARS:
                    raise _RefusedError
            elif kind is LinedDict or kind is list:
                self.count -= 1  # counted again by value()
                made = self.value(item, depth + 1)
                if made is not item:  # a list made a LinedList, a tagged date made a date
                    value[key] = made
            else:
                self.scalar(item, kind)
        return value

    @staticmethod
    def scalar(value: Any, kind: type) -> Any:
        if kind is str:
            if len(value) > MAX_TEXT_CHARS:
                raise _RefusedError
        elif kind is int:
            if not -_MAX_NUMBER < value < _MAX_NUMBER:
                raise _RefusedError
        elif not (kind is float or kind is bool or value is None):
            raise _RefusedError
        return value


def _date(value: LinedDict) -> Any:
    ((key, text),) = value.items()
    if key not in (_DATE_TAG, _TIME_TAG):
        return None
    if not isinstance(text, str) or len(text) > 40:
        raise _RefusedError
    if key == _DATE_TAG:
        return datetime.date.fromisoformat(text)  # ValueError: not used
    return datetime.datetime.fromisoformat(text)


def compact_of(files: PackFiles) -> bytes | None:
    """The compact form of a pack that ``build_pack(files, use_compact=False)`` accepted.

    Its YAML files' values are those the check read (``files.values``); a YAML file the
    reader does not use is read here. None when some value would not read back exactly the
    same from JSON (a NaN, a mapping written like a tagged date): the pack is then read from
    its YAML on the kiosk, as before.
    """
    from kiosk.core.yaml_lines import YamlRefusalError, YamlSyntaxError, load_yaml

    values = dict(files.values)
    try:
        for name in yaml_names(files.files):
            if name not in values:
                values[name] = load_yaml(files.files[name])
        data = make_compact(files.files, values)
    except (YamlRefusalError, YamlSyntaxError, TypeError, ValueError):
        return None
    if compact_values({**files.files, COMPACT_NAME: data}) != {
        name: values[name] for name in yaml_names(files.files)
    }:
        return None
    return data


def store_compact(location: Path, data: bytes) -> None:
    """Write ``data`` as the compact.json of the pack at ``location``: a file in a folder pack,
    an entry of a .zip pack (the archive is written again, every other entry as it was, the
    compact form beside pack.yaml). Raises OSError (and zipfile.BadZipFile for a zip that
    cannot be read); a zip is replaced only once the new one is written whole.
    """
    import os
    import tempfile
    import zipfile

    location = Path(location)
    if location.is_dir():
        (location / COMPACT_NAME).write_bytes(data)
        return
    with zipfile.ZipFile(location) as source:
        names = source.namelist()
        top = ""
        if "pack.yaml" not in names:
            top = next((n[: -len("pack.yaml")] for n in names if n.endswith("/pack.yaml")), "")
        target = top + COMPACT_NAME
        handle, temporary = tempfile.mkstemp(dir=location.parent, suffix=".zip")
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as written:
                for info in source.infolist():
                    if info.filename != target:
                        written.writestr(info, source.read(info))
                written.writestr(target, data)
            os.replace(temporary, location)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
