"""The desk window on its own: messages handed to its link as the broker would, a fake clock.

The broker's part is proven in tests/test_room.py; here, what the agent reads on each tile.
"""

from __future__ import annotations

import pytest

from kiosk.core.room_config import RoomConfig
from kiosk.core.room_messages import CallEvent, KioskStatus, call_id, encode, topic
from tests.conftest import FakeClock

T0 = 1_800_000_000.0


@pytest.fixture
def desk(qtbot, content):
    from kiosk.room.desk_link import DeskLink
    from kiosk.ui.desk.desk_window import DeskWindow

    settings = {"room_broker_host": "127.0.0.1", "room_broker_port": 1, "room_name": "Accueil",
                "room_user": "", "room_password": "", "room_tls_ca_file": "",
                "kiosk_name": "Bureau"}  # fmt: skip
    clock = FakeClock(T0)
    printed: list[tuple[str, str]] = []
    window = DeskWindow(
        DeskLink(RoomConfig.from_settings(settings.__getitem__), clock=clock),
        content,
        print_sheet=lambda tutorial, language: printed.append((tutorial, language)),
        clock=clock,
    )
    window.printed, window.fake_clock = printed, clock
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def send(window, kiosk: str, message) -> None:
    kind = "calls" if isinstance(message, CallEvent) else "status"
    window.link.message_received(topic("accueil", kiosk, kind), encode(message))


def test_tiles_say_where_each_kiosk_is_and_how_long_a_call_has_waited(qtbot, desk):
    assert desk.empty_line.isVisibleTo(desk)
    assert desk.title.text() == "Bureau du médiateur · salle accueil"
    assert desk.connection_line.text().startswith("Pas de connexion")
    send(desk, "borne-1", KioskStatus("Borne 1", "free", at=T0))
    send(desk, "borne-2", KioskStatus("Borne 2", "visit", "franceconnect", 0, True,
                                      ("speech",), T0))  # fmt: skip
    one, two = desk.tiles["borne-1"], desk.tiles["borne-2"]
    assert not desk.empty_line.isVisibleTo(desk)
    assert one.state.text() == "Libre" and not one.print_button.isEnabled()
    assert two.state.text() == "Une visite en cours\nMode écoute\nProblème : la voix"
    assert two.place.text() == "Se connecter avec FranceConnect · étape 1"
    two.print_button.click()
    assert desk.printed == [("franceconnect", "fr")]  # no call: the language is not known

    asked = T0 - 154
    send(desk, "borne-1", CallEvent(call_id(7, asked), "made", None, None, "fr", asked, asked))
    assert one.call_box.isVisibleTo(desk) and one.property("calling") is True
    assert one.call_text.text() == "Appel à l'aide"  # French: no language to name
    assert one.waited.text() == "Attend depuis 2\u00a0min\u00a034\u00a0s"
    desk.fake_clock.now += 3600
    qtbot.waitUntil(lambda: "1\u00a0h\u00a002\u00a0min" in one.waited.text(), timeout=2500)
    assert [k.kiosk_id for k in desk.link.board.waiting()] == ["borne-1"]

    send(desk, "borne-2", KioskStatus("Borne 2", "offline", at=T0))
    assert two.state.text() == "Hors ligne" and not two.print_button.isEnabled()


def test_j_arrive_without_a_broker_is_shown_and_kept_for_when_it_is_back(desk):
    asked = T0 - 10
    send(desk, "borne-1", KioskStatus("Borne 1", "visit", at=T0))
    send(desk, "borne-1", CallEvent(call_id(7, asked), "made", None, None, "uk", asked, asked))
    tile = desk.tiles["borne-1"]
    assert tile.call_text.text() == "Appel à l'aide · Українська"
    send(desk, "borne-1", KioskStatus("Borne 1", "visit", "franceconnect", 2, at=T0))
    tile.print_button.click()
    assert desk.printed == [("franceconnect", "uk")]  # in the caller's language
    tile.coming_button.click()
    assert tile.coming_button.text() == "Vous arrivez" and not tile.coming_button.isEnabled()
    assert not desk.link.say_coming("borne-2")  # no call there


def test_kiosk_desk_without_a_broker_says_what_to_set(tmp_path, capsys, qapp):
    from kiosk.cli import main

    assert main(["desk", "--db", str(tmp_path / "desk.db")]) == 1
    assert "Le bureau a besoin du serveur de la salle" in capsys.readouterr().err


def test_without_a_broker_setting_the_room_is_off():
    from kiosk.room.kiosk_link import kiosk_link_for

    values = {"room_broker_host": "", "room_broker_port": 1883, "room_name": "Accueil",
              "room_user": "", "room_password": "", "room_tls_ca_file": "",
              "kiosk_name": ""}  # fmt: skip
    config = RoomConfig.from_settings(values.__getitem__, computer=lambda: "PC-Borne_3")
    assert not config.enabled
    assert kiosk_link_for(values.__getitem__) is None  # the kiosk works alone, as before
    assert (config.room, config.kiosk_name, config.kiosk_id) == (
        "accueil",
        "PC-Borne_3",
        "pc-borne-3",
    )
