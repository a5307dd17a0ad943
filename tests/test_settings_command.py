"""``kiosk settings list|get|set``: generated from the declarative list, audited, French."""

from __future__ import annotations

from kiosk.cli import main
from kiosk.core.settings import GROUPS, SETTINGS
from kiosk.store.audit_store import AuditStore
from kiosk.store.database import open_database
from kiosk.store.settings_store import SettingsStore


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_setting_by_group_with_its_label(capsys, db_path):
    code, out, _err = run(capsys, "settings", "list", "--db", str(db_path))
    assert code == 0
    for key, setting in SETTINGS.items():
        assert f"  {key} = {setting.shown(setting.default)}    ({setting.label})" in out
    groups = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert groups == [g for g in GROUPS if any(s.group == g for s in SETTINGS.values())]
    assert "Contenu" in groups


def test_set_then_get_and_the_change_is_audited(capsys, db_path):
    code, _out, err = run(capsys, "settings", "set", "idle_seconds", "240", "--db", str(db_path))
    assert code == 0
    assert err == "Réglage changé : Temps sans geste avant l'avertissement (secondes) = 240.\n"
    code, out, _err = run(capsys, "settings", "get", "idle_seconds", "--db", str(db_path))
    assert (code, out) == (0, "240\n")
    code, _out, _err = run(capsys, "settings", "set", "auto_read", "oui", "--db", str(db_path))
    assert code == 0
    assert run(capsys, "settings", "get", "auto_read", "--db", str(db_path))[1] == "oui\n"
    db = open_database(db_path)
    assert SettingsStore(db).get("idle_seconds") == 240
    entries = [(e["role"], e["detail"]) for e in AuditStore(db).entries()]
    assert ("command line", "idle_seconds = 240") in entries
    assert ("command line", "auto_read = oui") in entries
    db.close()


def test_a_wrong_value_or_key_gets_a_french_sentence_and_changes_nothing(capsys, db_path):
    code, _out, err = run(capsys, "settings", "set", "idle_seconds", "10", "--db", str(db_path))
    assert code == 1
    assert err == (
        "Temps sans geste avant l'avertissement (secondes) : au moins 60. Rien n'a été changé.\n"
    )
    code, _out, err = run(capsys, "settings", "set", "auto_read", "peut-être", "--db", str(db_path))
    assert code == 1 and "n'est ni oui ni non" in err
    code, _out, err = run(capsys, "settings", "get", "idle_second", "--db", str(db_path))
    assert code == 1
    assert "« idle_second » n'est pas un réglage. Vouliez-vous dire « idle_seconds » ?" in err
    db = open_database(db_path)
    assert SettingsStore(db).get("idle_seconds") == 180
    assert AuditStore(db).entries() == []
    db.close()


def test_kiosk_settings_set_reaches_the_running_kiosk(qtbot, make_window, db_path, capsys):
    """The admin types ``kiosk settings set idle_seconds 300`` in a terminal beside the
    running kiosk: its idle time is 300 s within seconds, with no restart."""
    window = make_window()
    assert window.idle.watcher._timer.interval() != 300_000
    code, _out, _err = run(capsys, "settings", "set", "idle_seconds", "300", "--db", str(db_path))
    assert code == 0
    qtbot.waitUntil(lambda: window.idle.watcher._timer.interval() == 300_000, timeout=5000)
