"""The room's message schema: what kiosks send is accepted, anything else is refused cleanly.

Hypothesis feeds ``decode`` every family of input (any bytes, any JSON, valid messages with
one field changed); it must return a message of the right kind or raise MessageError, never
anything else. The desk's board is checked with messages out of order and twice.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.room_board import RoomBoard, waited_seconds
from kiosk.core.room_messages import (
    MAX_MESSAGE_BYTES,
    Answer,
    CallEvent,
    KioskStatus,
    MessageError,
    call_id,
    decode,
    encode,
    read_topic,
    room_filter,
    slug,
    topic,
)

T0 = 1_800_000_000.0
STATUS = KioskStatus("Borne 2, près de l'entrée", "visit", "ameli-attestation", 3, True,
                     ("speech", "printer"), T0)  # fmt: skip
CALL = CallEvent(call_id(12, T0), "made", "franceconnect", 0, "ar", T0, T0)
ANSWER = Answer(CALL.call_id, "coming", T0 + 30)
SAMPLES = {"status": STATUS, "calls": CALL, "answers": ANSWER}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_what_a_kiosk_sends_is_read_back_the_same(kind):
    message = SAMPLES[kind]
    data = encode(message)
    assert len(data) < MAX_MESSAGE_BYTES // 2
    assert decode(kind, data) == message
    with pytest.raises(MessageError, match="not a"):
        decode(next(k for k in SAMPLES if k != kind), data)


def fields(kind: str) -> dict:
    return json.loads(encode(SAMPLES[kind]))


def refused(kind: str, data: dict) -> str:
    with pytest.raises(MessageError) as error:
        decode(kind, json.dumps(data).encode())
    return str(error.value)


@pytest.mark.parametrize(
    ("kind", "change", "reason"),
    [
        ("status", {"typed": "1 rue de la Paix"}, "unknown field 'typed'"),
        ("status", {"person": "Jeanne Martin"}, "unknown field 'person'"),
        ("status", {"listening": 1}, "field 'listening' is wrong"),  # a number is not a bool
        ("status", {"step": True}, "field 'step' is wrong"),  # a bool is not a number
        ("status", {"step": -1}, "field 'step' is wrong"),
        ("status", {"step": 2.0}, "field 'step' is wrong"),
        ("status", {"state": "busy"}, "field 'state' is wrong"),
        ("status", {"trouble": ["speech", "speech"]}, "field 'trouble' is wrong"),
        ("status", {"trouble": "speech"}, "field 'trouble' is wrong"),
        ("status", {"name": "x" * 61}, "field 'name' is wrong"),
        ("status", {"name": "Borne\u202e2"}, "field 'name' is wrong"),  # a bidi override
        ("status", {"name": "Borne\n2"}, "field 'name' is wrong"),
        ("status", {"name": ""}, "field 'name' is wrong"),
        ("status", {"tutorial": "../../etc/passwd"}, "field 'tutorial' is wrong"),
        ("status", {"at": -5}, "field 'at' is wrong"),
        ("status", {"at": 10**400}, "field 'at' is wrong"),
        ("status", {"state": "free"}, "a tutorial outside a visit"),
        ("status", {"v": 2}, "not protocol version 1"),
        ("status", {"v": True}, "not protocol version 1"),
        ("calls", {"language": "de"}, "field 'language' is wrong"),
        ("calls", {"call_id": "12; DROP"}, "field 'call_id' is wrong"),
        ("calls", {"event": "made", "at": T0 - 1}, "an event before its call"),
        ("answers", {"answer": "later"}, "field 'answer' is wrong"),
    ],
)
def test_a_field_unknown_of_the_wrong_type_or_out_of_bounds_is_refused(kind, change, reason):
    assert refused(kind, {**fields(kind), **change}) == reason


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_missing_field_is_refused(kind):
    for name in fields(kind):
        data = fields(kind)
        del data[name]
        assert refused(kind, data)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'"status"', "not a JSON object"),
        (b"\xff\xfe{}", "not JSON in UTF-8"),
        (b'{"v":1,"v":1}', "a field is given twice"),
        (b'{"v":NaN}', "NaN is not a number"),
        (b"[" * 1000 + b"]" * 1000, "more than 1024"),
        (b"[" * 512 + b"]" * 512, "not"),
        (b"{" + b" " * MAX_MESSAGE_BYTES + b"}", f"more than {MAX_MESSAGE_BYTES}"),
    ],
)
def test_what_is_not_a_small_json_object_is_refused(payload, reason):
    with pytest.raises(MessageError, match=reason):
        decode("status", payload)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


@given(kind=st.sampled_from(sorted(SAMPLES)), payload=st.binary(max_size=2 * MAX_MESSAGE_BYTES))
def test_any_bytes_give_a_message_or_a_message_error(kind, payload):
    try:
        message = decode(kind, payload)
    except MessageError:
        return
    assert type(message) is type(SAMPLES[kind])


@given(
    kind=st.sampled_from(sorted(SAMPLES)),
    name=st.sampled_from(
        [
            "v",
            "kind",
            "name",
            "state",
            "tutorial",
            "step",
            "listening",
            "trouble",
            "at",
            "call_id",
            "event",
            "language",
            "asked_at",
            "answer",
            "extra",
        ]
    ),
    value=json_values,
)
def test_a_valid_message_with_any_one_field_changed_is_checked(kind, name, value):
    data = {**fields(kind), name: value}
    try:
        payload = json.dumps(data).encode()
    except ValueError:
        return
    try:
        message = decode(kind, payload)
    except MessageError:
        return
    # Accepted: then every field is what the schema promises, and it sends back the same.
    assert decode(kind, encode(message)) == message
    if isinstance(message, KioskStatus):
        assert isinstance(message.listening, bool) and len(message.name) <= 60
        assert message.step is None or (type(message.step) is int and message.step >= 0)


@given(st.text(max_size=200))
def test_a_slug_is_always_one_safe_topic_level(text):
    result = slug(text)
    assert len(result) <= 32
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789-" for c in result)
    assert not result.startswith("-") and not result.endswith("-") and "--" not in result


def test_topics_of_a_room():
    assert slug("Médiathèque de Rezé / #1 +") == "mediatheque-de-reze-1"
    assert topic("accueil", "borne-2", "calls") == "pasapas/accueil/kiosk/borne-2/calls"
    assert room_filter("accueil", "status") == "pasapas/accueil/kiosk/+/status"
    assert read_topic("accueil", "pasapas/accueil/kiosk/borne-2/answers") == ("borne-2", "answers")
    others = ["pasapas/autre/kiosk/b/status", "pasapas/accueil/kiosk/b/other",
              "pasapas/accueil/kiosk/B!/status", "pasapas/accueil/kiosk/b/status/x"]  # fmt: skip
    for other in others:
        assert read_topic("accueil", other) is None
    with pytest.raises(ValueError):
        topic("accueil", "+", "status")


def test_the_board_keeps_the_latest_state_of_each_call_whatever_the_order():
    board = RoomBoard()
    board.status_received("b", STATUS)
    board.call_received("b", CALL)
    kiosk = board.kiosks["b"]
    assert kiosk.waiting_call == CALL and not kiosk.someone_coming
    board.answer_received("b", ANSWER)
    assert kiosk.someone_coming
    cancelled = CALL._replace(event="cancelled", at=T0 + 60)
    board.call_received("b", cancelled)
    board.call_received("b", CALL)  # a copy sent again after a reconnection: stays cancelled
    assert kiosk.waiting_call is None and not kiosk.someone_coming
    later = CallEvent(call_id(12, T0 + 100), "made", None, None, "fr", T0 + 100, T0 + 100)
    board.call_received("b", later)  # a new call of the same visit
    assert kiosk.waiting_call == later and not kiosk.someone_coming  # the answer was older
    board.call_received("a", CallEvent(call_id(3, T0 + 50), "made", None, None, "fr",
                                       T0 + 50, T0 + 50))  # fmt: skip
    assert [k.kiosk_id for k in board.waiting()] == ["a", "b"]
    assert [k.name for k in board.in_order()] == ["a", STATUS.name]
    assert waited_seconds(later, T0 + 165) == 65 and waited_seconds(later, T0) == 0
    board.call_received("b", None)  # the kiosk started again: its call went with the visit
    assert kiosk.waiting_call is None


@given(st.text(max_size=100))
def test_any_kiosk_name_an_admin_types_gives_a_name_the_desk_accepts(text):
    from kiosk.core.room_config import RoomConfig

    values = {"room_broker_host": "h", "room_broker_port": 1883, "room_name": "a",
              "room_user": "", "room_password": "", "room_tls_ca_file": "",
              "kiosk_name": text}  # fmt: skip
    config = RoomConfig.from_settings(values.__getitem__, computer=lambda: "\u202epc\n")
    status = KioskStatus(config.kiosk_name, "free", at=T0)
    assert decode("status", encode(status)) == status
    assert config.kiosk_id and topic("a", config.kiosk_id, "status")
