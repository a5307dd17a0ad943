"""The one declarative list of settings, the store that keeps them, and who changed them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.settings import GROUPS, SETTINGS, by_group
from kiosk.store.audit_store import AuditStore
from kiosk.store.settings_store import SettingsStore


def test_every_setting_speaks_french_to_the_admin_and_sits_in_a_group():
    for setting in SETTINGS.values():
        assert setting.group in GROUPS, setting.key
        assert setting.label and setting.label[0].isupper(), setting.key
        assert setting.help.endswith("."), setting.key
        assert setting.parse(setting.default) == setting.default, setting.key
    assert sum(len(settings) for _, settings in by_group()) == len(SETTINGS)


def test_idle_times_never_go_below_what_slow_readers_need():
    """WCAG 2.2.1: the person must have time; the admin cannot set less than 60 s and 20 s."""
    with pytest.raises(ValueError, match="au moins 60"):
        SETTINGS["idle_seconds"].parse("30")
    with pytest.raises(ValueError, match="au moins 20"):
        SETTINGS["idle_countdown_seconds"].parse(10)
    assert SETTINGS["idle_seconds"].parse(" 90 ") == 90


def test_a_wrong_value_is_a_french_sentence_and_changes_nothing(db):
    settings = SettingsStore(db)
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        settings.set("speech_rate", "vite")
    with pytest.raises(ValueError, match="ni oui ni non"):
        settings.set("auto_read", "peut-être")
    with pytest.raises(ValueError, match="choisir parmi"):
        settings.set("language", "de")
    assert settings.get("speech_rate") == 140
    assert settings.get("language") == "fr"


def test_a_change_reaches_the_listeners_at_once_and_is_audited(db):
    settings = SettingsStore(db)
    heard = []
    settings.listen(lambda key, value: heard.append((key, value)))
    assert settings.set("idle_seconds", "120", by="admin") == 120
    assert heard == [("idle_seconds", 120)]
    assert settings.get("idle_seconds") == 120
    entry = AuditStore(db).entries()[0]
    assert (entry["role"], entry["action"], entry["detail"]) == (
        "admin",
        "setting changed",
        "idle_seconds = 120",
    )


def test_a_change_made_by_another_process_reaches_the_running_kiosk(db, db_path):
    """``kiosk settings set`` runs in its own process, with its own connection: the kiosk's
    store notices it at its next look and tells its listeners, once."""
    from kiosk.store.database import open_database

    kiosk = SettingsStore(db)
    heard = []
    kiosk.listen(lambda key, value: heard.append((key, value)))
    assert kiosk.notice_outside_changes() == []  # takes note of what is stored
    command_line = open_database(db_path)
    try:
        SettingsStore(command_line).set("idle_seconds", "300", by="command line")
        assert kiosk.notice_outside_changes() == ["idle_seconds"]
        assert heard == [("idle_seconds", 300)]
        assert kiosk.notice_outside_changes() == []  # nothing new: nothing said again
        kiosk.set("speech_rate", 150)  # the kiosk's own change is told once, by set
        command_line.execute("DELETE FROM settings WHERE key = 'idle_seconds'")
        command_line.conn.commit()
        assert kiosk.notice_outside_changes() == ["idle_seconds"]  # back to its default
        assert heard[-1] == ("idle_seconds", SETTINGS["idle_seconds"].default)
        assert heard.count(("speech_rate", 150)) == 1
    finally:
        command_line.close()


@given(st.text(max_size=30))
def test_any_typed_value_is_parsed_or_refused_with_a_sentence(typed):
    for setting in SETTINGS.values():
        try:
            value = setting.parse(typed)
        except ValueError as error:
            assert setting.label in str(error)
        else:
            assert isinstance(value, setting.kind)
