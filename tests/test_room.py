"""The room over a real Mosquitto: two kiosk links and the desk's window in one process.

Each kiosk has its own SQLite file, its real ``HelpCalls`` and help_calls table; the desk is
the real ``DeskWindow`` over a real ``DeskLink``. The broker runs the packaged configuration
and ACL on 127.0.0.1 (``tests/mosquitto_broker.py``).
"""

from __future__ import annotations

import logging
import shutil

import paho.mqtt.client as mqtt
import pytest

from kiosk.core.help_call import HelpCalls
from kiosk.core.room_config import RoomConfig
from kiosk.core.room_messages import KioskStatus, encode, topic
from kiosk.store.activity_store import ActivityStore
from kiosk.store.database import open_database
from kiosk.store.help_call_store import HelpCallStore
from tests.conftest import written_id
from tests.mosquitto_broker import Broker, mosquitto_binary

pytestmark = pytest.mark.skipif(
    mosquitto_binary() is None,
    reason="the mosquitto binary is missing: apt-get install mosquitto "
    "(packaging/install-system-deps.sh installs it)",
)
ROOM, PASSWORD = "accueil", "mot-de-passe-de-test"


@pytest.fixture
def broker(tmp_path):
    folder = tmp_path / "broker"
    folder.mkdir()
    server = Broker(folder, {ROOM: PASSWORD, "autre": "autre-secret"})
    server.start()
    yield server
    server.stop()


def config(
    broker: Broker, name: str, room: str = ROOM, password: str = PASSWORD, ca_file: str = ""
) -> RoomConfig:
    values = {
        "room_broker_host": "127.0.0.1",
        "room_broker_port": broker.port,
        "room_name": room,
        "room_user": room,
        "room_password": password,
        "room_tls_ca_file": ca_file,
        "kiosk_name": name,
    }
    return RoomConfig.from_settings(values.__getitem__)


class Kiosk:
    """A kiosk's room side: its database, its help calls, its link."""

    def __init__(self, tmp_path, broker: Broker, name: str) -> None:
        from kiosk.room.kiosk_link import KioskLink

        self.db = open_database(tmp_path / f"{name}.db")
        self.activity = ActivityStore(self.db)
        self.store = HelpCallStore(self.db)
        self.calls = HelpCalls(self.store)
        self.link = KioskLink(config(broker, name), max_reconnect_seconds=1)
        self.calls.add_listener(self.link.on_help_call)
        self.visit = written_id(self.db, self.activity.start_session("fr"))

    def close(self) -> None:
        self.link.stop()
        self.db.close()


@pytest.fixture
def room(qtbot, tmp_path, broker, content):
    """Kiosks "Borne A" and "Borne B" and the desk, all connected."""
    from kiosk.room.desk_link import DeskLink
    from kiosk.ui.desk.desk_window import DeskWindow

    kiosks = {name: Kiosk(tmp_path, broker, name) for name in ("Borne A", "Borne B")}
    printed: list[tuple[str, str]] = []
    desk = DeskLink(config(broker, "Bureau"), max_reconnect_seconds=1)
    window = DeskWindow(
        desk, content, print_sheet=lambda t, language: printed.append((t, language))
    )
    window.printed = printed
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    for kiosk in kiosks.values():
        kiosk.link.start()
    desk.start()
    qtbot.waitUntil(
        lambda: desk.online and all(k.link.online for k in kiosks.values()), timeout=5000
    )
    qtbot.waitUntil(lambda: set(window.tiles) == {"borne-a", "borne-b"}, timeout=2000)
    yield kiosks, window
    desk.stop()
    for kiosk in kiosks.values():
        kiosk.close()


def calling(window, kiosk_id: str) -> bool:
    tile = window.tiles.get(kiosk_id)
    return tile is not None and tile.call_box.isVisibleTo(window) and tile.coming_button.isEnabled()


def test_a_call_on_kiosk_b_shows_on_the_desk_within_a_second_and_j_arrive_reaches_b(qtbot, room):
    kiosks, window = room
    b = kiosks["Borne B"]
    b.link.visit_started()
    b.link.show_place("ameli-attestation", 2)
    qtbot.waitUntil(lambda: "étape 3" in window.tiles["borne-b"].place.text(), timeout=1000)
    tile = window.tiles["borne-b"]
    assert tile.name.text() == "Borne B"
    # the tutorial's title, from the desk's content
    assert tile.place.text() == "Télécharger son attestation de droits Ameli · étape 3"
    assert not calling(window, "borne-a") and not calling(window, "borne-b")

    b.calls.ask(b.visit, "ameli-attestation", 2, "ar")
    qtbot.waitUntil(lambda: calling(window, "borne-b"), timeout=1000)  # under a second
    assert not calling(window, "borne-a")
    assert tile.call_text.text() == "Appel à l'aide · العربية"
    assert tile.waited.text().startswith("Attend depuis ")
    assert tile.coming_button.text() == "J'arrive"

    with qtbot.waitSignal(b.link.person_coming, timeout=2000) as coming:
        qtbot.mouseClick(tile.coming_button, qtbot_left())
    assert coming.args == [b.link.waiting_call_id]
    assert tile.coming_button.text() == "Vous arrivez" and not tile.coming_button.isEnabled()

    tile.print_button.click()  # the sheet of the tutorial on B's screen
    assert window.printed == [("ameli-attestation", "ar")]  # in the caller's language

    b.calls.answer(b.visit)  # the mediator came and typed their PIN on B
    qtbot.waitUntil(lambda: not tile.call_box.isVisibleTo(window), timeout=2000)
    (row,) = b.store.calls(b.visit)
    assert row["answered_at"] is not None


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_broker_stopped_and_restarted_loses_no_call(qtbot, room, broker, tmp_path):
    from kiosk.room.desk_link import DeskLink

    kiosks, window = room
    a, b = kiosks["Borne A"], kiosks["Borne B"]
    a.calls.ask(a.visit, None, None, "fr")
    qtbot.waitUntil(lambda: calling(window, "borne-a"), timeout=2000)

    broker.stop()  # retained messages are lost with it (no persistence in the test)
    qtbot.waitUntil(lambda: "Pas de connexion" in window.connection_line.text(), timeout=5000)
    qtbot.waitUntil(lambda: not b.link.online and not a.link.online, timeout=5000)
    b.link.visit_started()
    b.calls.ask(b.visit, "franceconnect", 0, "uk")  # made while the broker is away
    a.calls.cancel(a.visit)  # and A's call closed meanwhile
    broker.start()

    qtbot.waitUntil(lambda: calling(window, "borne-b"), timeout=8000)
    qtbot.waitUntil(lambda: not calling(window, "borne-a"), timeout=2000)
    assert window.link.board.kiosks["borne-b"].waiting_call.language == "uk"

    # A desk that starts now learns everything from the kiosks' republished messages.
    late = DeskLink(config(broker, "Bureau 2"), max_reconnect_seconds=1)
    late.start()
    try:
        qtbot.waitUntil(
            lambda: (
                "borne-b" in late.board.kiosks
                and late.board.kiosks["borne-b"].waiting_call is not None
                and "borne-a" in late.board.kiosks
            ),
            timeout=5000,
        )
        assert late.board.kiosks["borne-a"].waiting_call is None
        assert late.board.kiosks["borne-b"].status.state == "visit"
    finally:
        late.stop()


def publisher(broker: Broker, user: str = ROOM, password: str = PASSWORD) -> mqtt.Client:
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"test-{user}")
    client.username_pw_set(user, password)
    client.connect("127.0.0.1", broker.port)
    client.loop_start()
    return client


def test_malformed_and_oversized_messages_are_ignored_with_a_log_line(qtbot, room, broker, caplog):
    _kiosks, window = room
    caplog.set_level(logging.WARNING, logger="kiosk.room")
    client = publisher(broker)
    try:
        base = f"pasapas/{ROOM}/kiosk/intrus"
        client.publish(f"{base}/status", b'{"v":1,"kind":"status","name":"x"}', qos=1)
        client.publish(f"{base}/calls", b"\xff\xfe not json", qos=1)
        client.publish(f"{base}/status", b"{" + b" " * 1500 + b"}", qos=1)  # 1502 bytes
        answers = topic(ROOM, "borne-a", "answers")  # to a kiosk: it checks them too
        client.publish(answers, b'{"v":1,"kind":"answers","call_id":"1-2","answer":"soon","at":1}')
        good = KioskStatus("Borne C", "free", at=1_800_000_000.0)
        long_id = "k" * 40  # a level that no kiosk's name gives (32 at most)
        client.publish(f"pasapas/{ROOM}/kiosk/{long_id}/status", encode(good), qos=1)
        client.publish(f"{base}/status", encode(good), qos=1)
        qtbot.waitUntil(lambda: "intrus" in window.tiles, timeout=3000)
        qtbot.waitUntil(lambda: "borne-a/answers ignored" in caplog.text, timeout=3000)
    finally:
        client.loop_stop()
        client.disconnect()
    lines = [r.getMessage() for r in caplog.records]
    assert any("field 'state' is missing" in line for line in lines), lines
    assert any("not JSON in UTF-8" in line for line in lines), lines
    assert any("1502 bytes, more than 1024" in line for line in lines), lines
    assert any("unknown topic" in line for line in lines), lines
    assert any("borne-a/answers ignored: field 'answer' is wrong" in line for line in lines)
    assert window.tiles["intrus"].name.text() == "Borne C"  # the good one, only


def test_a_room_cannot_reach_another_room(qtbot, room, broker):
    kiosks, window = room
    client = publisher(broker, "autre", "autre-secret")
    try:
        stranger = KioskStatus("Borne X", "free", at=1_800_000_000.0)
        client.publish(topic(ROOM, "etranger", "status"), encode(stranger), qos=1).wait_for_publish(
            5
        )
    finally:
        client.loop_stop()
        client.disconnect()
    kiosks["Borne A"].link.set_listening(True)  # sent after: seen, the stranger never is
    qtbot.waitUntil(lambda: "Mode écoute" in window.tiles["borne-a"].state.text(), timeout=2000)
    assert "etranger" not in window.tiles


def test_a_wrong_password_is_refused_and_logged_and_nothing_blocks(qtbot, broker, caplog):
    from kiosk.room.kiosk_link import KioskLink

    link = KioskLink(config(broker, "Borne Z", password="faux"), max_reconnect_seconds=1)
    with caplog.at_level(logging.ERROR, logger="kiosk.room"):
        link.start()
        qtbot.waitUntil(lambda: "refused" in caplog.text, timeout=5000)
    assert not link.online
    link.visit_started()  # kept for a connection that never comes: never raises
    link.stop()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is missing")
def test_with_a_certificate_the_room_talks_over_tls(qtbot, tmp_path):
    from kiosk.room.desk_link import DeskLink
    from kiosk.room.kiosk_link import KioskLink

    server = Broker(tmp_path, {ROOM: PASSWORD}, tls=True)
    server.start()
    ca = str(server.ca_file)
    kiosk = KioskLink(config(server, "Borne T", ca_file=ca), max_reconnect_seconds=1)
    desk = DeskLink(config(server, "Bureau", ca_file=ca), max_reconnect_seconds=1)
    plain = DeskLink(config(server, "Curieux"), max_reconnect_seconds=1)  # no certificate
    try:
        for link in (kiosk, desk, plain):
            link.start()
        kiosk.visit_started()
        board = desk.board.kiosks
        qtbot.waitUntil(lambda: "borne-t" in board and board["borne-t"].status.state == "visit",
                        timeout=5000)  # fmt: skip
        assert not plain.online and not plain.board.kiosks  # plain text gets nothing
    finally:
        for link in (kiosk, desk, plain):
            link.stop()
        server.stop()
    missing = KioskLink(config(server, "Borne U", ca_file=str(tmp_path / "absent.crt")))
    assert missing.connection.start() is False  # logged; the kiosk goes on alone


def test_the_real_kiosk_window_is_on_the_desk_and_hears_j_arrive(
    qtbot, make_window, tmp_path, broker, content
):
    """The whole path through the real MainWindow: it joins the room after its first frame,
    "J'appelle une personne" shows on the desk, and the desk's "J'arrive" is shown and said."""
    from kiosk.room.desk_link import DeskLink
    from kiosk.ui.desk.desk_window import DeskWindow

    window = make_window(
        room_broker_host="127.0.0.1",
        room_broker_port=broker.port,
        room_name=ROOM,
        room_user=ROOM,
        room_password=PASSWORD,
        kiosk_name="Borne de l'entrée",
    )
    desk = DeskLink(config(broker, "Bureau"), max_reconnect_seconds=1)
    desk_window = DeskWindow(desk, content, print_sheet=lambda _t, _language: None)
    qtbot.addWidget(desk_window)
    desk_window.show()
    desk.start()
    qtbot.waitUntil(lambda: window.room is not None and window.room.link.online, timeout=5000)
    window.start_session()
    window.start_tutorial("ameli-attestation", 1)
    window.help_button.click()
    kiosk_id = window.room.link.config.kiosk_id
    qtbot.waitUntil(lambda: calling(desk_window, kiosk_id), timeout=1000)
    assert "étape 2" in desk_window.tiles[kiosk_id].place.text()
    said = []
    window.services.speech.started.connect(
        lambda: said.append([u.text for u in window.services.speech.sentences])
    )
    qtbot.mouseClick(desk_window.tiles[kiosk_id].coming_button, qtbot_left())
    qtbot.waitUntil(
        lambda: window.help_banner.message.text() == "Une personne arrive.", timeout=2000
    )
    assert ["Une personne arrive."] in said
    window.visit.choose_language("en")  # the banner says the same thing in the new language
    assert window.help_banner.message.text() == "Someone is coming."
    window.end_session("finished")
    qtbot.waitUntil(lambda: not calling(desk_window, kiosk_id), timeout=1000)
    window.close()
    desk.stop()
