"""What the kiosks of a room and the mediator's desk say to each other over MQTT (issue #18).

Three kinds of message, each on its own topic of the room (MQTT 3.1.1, OASIS standard, 4.7:
``+`` matches one level of a topic):

- ``pasapas/<room>/kiosk/<kiosk>/status`` (retained): free, in a visit (which tutorial and
  step), listening mode, speech or printer trouble, or offline (the kiosk's Last Will);
- ``pasapas/<room>/kiosk/<kiosk>/calls`` (retained: the latest event of the kiosk's call): a help
  call made, answered or cancelled; an empty retained message clears it;
- ``pasapas/<room>/kiosk/<kiosk>/answers`` (retained, sent by the desk): "j'arrive" for a call.

A message is one JSON object (RFC 8259) of at most ``MAX_MESSAGE_BYTES`` bytes, every field
present and of its exact type, no other field. Nothing a person typed, never a person's name:
a status names the kiosk (a setting of the admin) and the tutorial (an id of the content),
a call says where and in which interface language the person is.

``decode`` is the one door for what comes from the network: it returns a message or raises
``MessageError`` with the reason, never anything else. Plain Python: the desk and the kiosks
share it, the tests feed it every family of input (hypothesis).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

from kiosk.core.languages import LANGUAGES
from kiosk.core.safe_text import unsafe_character

PROTOCOL = 1
TOPIC_ROOT = "pasapas"
MAX_MESSAGE_BYTES = 1024  # a status is about 200 bytes; the broker's own limit is 2048
MAX_NAME_CHARS = 60
MAX_ID_CHARS = 64
MAX_SLUG_CHARS = 32
MAX_STEP = 999
LATEST_TIME = 10_000_000_000  # seconds since 1970: the year 2286; a bigger time is a mistake

STATES = ("free", "visit", "offline")
TROUBLES = ("speech", "printer")
CALL_EVENTS = ("made", "answered", "cancelled")
ANSWERS = ("coming",)
KINDS = ("status", "calls", "answers")

_TUTORIAL_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # as kiosk.core.pack_checks.ID_PATTERN
_CALL_ID = re.compile(r"^[0-9]{1,12}-[0-9]{1,15}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class MessageError(ValueError):
    """A message refused: its ``reason`` (English, for the log) says why."""


class KioskStatus(NamedTuple):
    """Where a kiosk is. ``step`` counts from 0; ``at`` is seconds since the epoch."""

    name: str
    state: str  # one of STATES
    tutorial: str | None = None
    step: int | None = None
    listening: bool = False
    trouble: tuple[str, ...] = ()
    at: float = 0.0


class CallEvent(NamedTuple):
    """A help call's latest event; ``asked_at`` and ``at`` are seconds since the epoch."""

    call_id: str
    event: str  # one of CALL_EVENTS
    tutorial: str | None
    step: int | None
    language: str
    asked_at: float
    at: float

    @property
    def waiting(self) -> bool:
        return self.event == "made"


class Answer(NamedTuple):
    """The desk's answer to a call: "coming" ("J'arrive")."""

    call_id: str
    answer: str
    at: float


# -- topics ---------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """``text`` as one topic level: lower-case ASCII letters, digits and single hyphens.

    "Médiathèque de Rezé" → "mediatheque-de-reze"; at most ``MAX_SLUG_CHARS``; "" when
    nothing is left. Accents go by Unicode's compatibility decomposition (NFKD); MQTT's
    wildcards ``+`` and ``#`` and the separator ``/`` can never reach a topic.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:MAX_SLUG_CHARS].strip("-")


def topic(room: str, kiosk: str, kind: str) -> str:
    """The topic of ``kind`` (one of KINDS) for a kiosk of a room, both slugs."""
    if kind not in KINDS or not _SLUG.match(room) or not _SLUG.match(kiosk):
        raise ValueError(f"no topic for room {room!r}, kiosk {kiosk!r}, kind {kind!r}")
    return f"{TOPIC_ROOT}/{room}/kiosk/{kiosk}/{kind}"


def room_filter(room: str, kind: str) -> str:
    """The subscription to ``kind`` for every kiosk of the room."""
    return topic(room, "x", kind).replace("/kiosk/x/", "/kiosk/+/")


def read_topic(room: str, text: str) -> tuple[str, str] | None:
    """(kiosk, kind) of a topic of ``room``; None for any other topic."""
    parts = text.split("/")
    if len(parts) != 5 or parts[0] != TOPIC_ROOT or parts[1] != room or parts[2] != "kiosk":
        return None
    kiosk, kind = parts[3], parts[4]
    if kind not in KINDS or not _SLUG.match(kiosk) or len(kiosk) > MAX_SLUG_CHARS:
        return None
    return kiosk, kind


# -- fields ---------------------------------------------------------------------------------------
def _is_time(value: Any) -> bool:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return number and 0 <= value <= LATEST_TIME and math.isfinite(value)


def _is_name(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_NAME_CHARS
        and value.strip() == value
        and unsafe_character(value) is None
        and not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value)
    )


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _is_tutorial(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ID_CHARS and bool(_TUTORIAL_ID.match(value))


def _is_step(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_STEP


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value in choices


def _is_trouble(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == len(set(map(str, value)))
        and all(isinstance(item, str) and item in TROUBLES for item in value)
    )


def _is_call_id(value: Any) -> bool:
    return isinstance(value, str) and bool(_CALL_ID.match(value))


def _is_protocol(value: Any) -> bool:
    return type(value) is int and value == PROTOCOL


_FIELDS: dict[str, dict[str, Callable[[Any], bool]]] = {
    "status": {
        "name": _is_name,
        "state": _one_of(STATES),
        "tutorial": _optional(_is_tutorial),
        "step": _optional(_is_step),
        "listening": lambda value: isinstance(value, bool),
        "trouble": _is_trouble,
        "at": _is_time,
    },
    "calls": {
        "call_id": _is_call_id,
        "event": _one_of(CALL_EVENTS),
        "tutorial": _optional(_is_tutorial),
        "step": _optional(_is_step),
        "language": _one_of(tuple(LANGUAGES)),
        "asked_at": _is_time,
        "at": _is_time,
    },
    "answers": {
        "call_id": _is_call_id,
        "answer": _one_of(ANSWERS),
        "at": _is_time,
    },
}
"""The schema: for each kind, its fields and what each must be (every one required)."""

_TYPES = {"status": KioskStatus, "calls": CallEvent, "answers": Answer}
Message = KioskStatus | CallEvent | Answer


# -- encoding and decoding ------------------------------------------------------------------------
def encode(message: Message) -> bytes:
    """The JSON bytes of a message; raises MessageError if it breaks its own schema."""
    kind = next(kind for kind, cls in _TYPES.items() if isinstance(message, cls))
    fields = message._asdict()
    if kind == "status":
        fields["trouble"] = list(fields["trouble"])
    data = json.dumps(
        {"v": PROTOCOL, "kind": kind, **fields}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    decode(kind, data)  # what we send, the desk accepts: checked at the source
    return data


def _refuse_constant(name: str) -> Any:
    raise MessageError(f"{name} is not a number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise MessageError("a field is given twice")
    return fields


def decode(kind: str, payload: bytes) -> Message:
    """The message of ``kind`` (one of KINDS) in ``payload``; MessageError if it is not one.

    Refused: more than ``MAX_MESSAGE_BYTES``, not UTF-8, not a JSON object, a field twice,
    NaN or Infinity, another protocol version or kind, a missing or unknown field, a field of
    the wrong type or out of its bounds.
    """
    if kind not in _FIELDS:
        raise MessageError(f"unknown kind {kind!r}")
    if not isinstance(payload, (bytes, bytearray)):
        raise MessageError("the payload is not bytes")
    if len(payload) > MAX_MESSAGE_BYTES:
        raise MessageError(f"{len(payload)} bytes, more than {MAX_MESSAGE_BYTES}")
    try:
        data = json.loads(
            bytes(payload).decode("utf-8"),
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicates,
        )
    except MessageError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MessageError(f"not JSON in UTF-8 ({type(error).__name__})") from None
    if not isinstance(data, dict):
        raise MessageError("not a JSON object")
    if not _is_protocol(data.pop("v", None)):
        raise MessageError(f"not protocol version {PROTOCOL}")
    if data.pop("kind", None) != kind:
        raise MessageError(f"not a {kind} message")
    fields = _FIELDS[kind]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise MessageError(f"unknown field {unknown[0][:40]!r}")
    for name, check in fields.items():
        if name not in data:
            raise MessageError(f"field {name!r} is missing")
        if not check(data[name]):
            raise MessageError(f"field {name!r} is wrong")
    if kind == "status":
        data["trouble"] = tuple(data["trouble"])
        if data["state"] != "visit" and (data["tutorial"] is not None or data["step"] is not None):
            raise MessageError("a tutorial outside a visit")
    if kind == "calls" and data["at"] < data["asked_at"]:
        raise MessageError("an event before its call")
    return _TYPES[kind](**data)


def call_id(visit_id: int, asked_at: float) -> str:
    """The id of a call in messages: the visit's id and the time it was made, in ms."""
    return f"{visit_id}-{round(asked_at * 1000)}"
