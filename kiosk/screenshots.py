"""Render every main screen to PNG files (``make screenshots``), on a throw-away database.

Run under Xvfb or offscreen; the pictures are what a person sees at 100 % and 200 % text.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def render_all(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.builtin_content import ensure_builtin_content
    from kiosk.speech.service import SpeechService
    from kiosk.store.activity_store import ActivityStore
    from kiosk.store.content_store import ContentStore
    from kiosk.store.database import open_database
    from kiosk.store.settings_store import SettingsStore
    from kiosk.ui.application import create_application
    from kiosk.ui.main_window import MainWindow, Services

    app = create_application()
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "screens.db")
        content = ContentStore(db)
        ensure_builtin_content(content)
        speech = SpeechService()
        window = MainWindow(Services(content, ActivityStore(db), SettingsStore(db), speech))
        window.tap_guard.seconds = 0.0  # the script presses faster than a person
        from kiosk.ui.listening_mode import attach

        attach(window)  # the "Mode écoute" button and the volume in "Voir mieux"
        window.resize(1280, 800)
        window.show()

        def shot(name: str) -> None:
            for _ in range(3):
                QApplication.processEvents()
            path = folder / f"{name}.png"
            window.grab().save(str(path))
            written.append(path)

        shot("1-welcome")
        window.start_session()
        shot("2-home")
        window.home.search_field.setText("impot")
        window.home._search_now()
        shot("3-search")
        window.open_tutorial("franceconnect")
        shot("4-overview")
        window.start_tutorial("franceconnect")
        window.player.show_step(1)
        shot("5-step")
        window.player.show_step(4)
        shot("6-step-tip")
        window.citizen.on_completed("franceconnect")
        shot("7-completion")
        window.start_tutorial("ameli-attestation")
        for _ in range(3):
            window.bigger_button.click()
        shot("8-step-200-percent")
        for _ in range(3):
            window.smaller_button.click()
        steps = [s.id for s in window.player.tutorial.steps]
        window.player.show_step(steps.index("log-in"))
        page = window.player.page
        page.rows[0].edit.setText("2 56 04 76")
        page.submit()
        page.rows[0].edit.setText("2 56 04 76 540 123 99")
        page.submit()
        shot("10-practice-form")
        window.open_keyboard(page.rows[0].edit)
        shot("11-on-screen-keyboard")
        window.keyboard.close_keyboard()
        window.start_tutorial("securite-faux-sites")
        steps = [s.id for s in window.player.tutorial.steps]
        window.player.show_step(steps.index("urgent-messages"))
        page = window.player.page
        page.choice_buttons[0].click()
        for _ in range(3):
            QApplication.processEvents()
        window.player.scroll.ensureWidgetVisible(page.feedback, 0, 50)
        shot("12-practice-scam")
        window.contrast_button.setChecked(True)
        window.start_tutorial("franceconnect")
        window.player.show_step(1)
        shot("13-high-contrast")
        window.contrast_button.setChecked(False)
        window.visit.choose_language("ar")
        shot("14-arabic-right-to-left")
        window._open_language_chooser()
        shot("15-language-chooser")
        window.language_chooser.close_chooser()
        window.visit.choose_language("fr")
        window.idle_warning.open_warning()
        shot("9-idle-warning")
        window.idle_warning.close_warning()
        render_touch_screens(window, shot)
        render_help_and_mediator(window, shot)
        written.append(render_desk(content, folder))
        window.end_session("finished")
        render_editor(window, shot)
        render_packs(window, Path(tmp), shot)
        speech.shutdown()
        app.processEvents()
    return written


def render_touch_screens(window, shot) -> None:
    """What a senior on a touch screen sees: 200 %, the keyboard, leaving, a small screen."""
    window.go_home()
    window.open_keyboard(window.home.search_field)
    for key in "carte":
        window.keyboard.type_key(key)
    window.home._search_now()
    shot("16-search-on-screen-keyboard")
    window.keyboard.close_keyboard()
    window._open_display_panel()
    shot("17-voir-mieux")
    for _ in range(3):
        window.bigger_button.click()
    shot("18-voir-mieux-200-percent")
    window.display_panel.dismiss()
    window.go_home()
    shot("19-home-200-percent")
    window._open_language_chooser()
    shot("20-language-chooser-200-percent")
    window.language_chooser.dismiss()
    window.start_tutorial("ameli-attestation")
    steps = [s.id for s in window.player.tutorial.steps]
    window.player.show_step(steps.index("log-in"))
    page = window.player.page
    page._show_papers("nir")
    shot("21-practice-200-percent")
    window.ask_to_leave()
    shot("22-voulez-vous-arreter-200-percent")
    window.leave_confirmation.dismiss()
    for _ in range(3):
        window.smaller_button.click()
    window.resize(1024, 768)
    window.start_tutorial("impots-declarer-revenus", 3)
    shot("23-step-1024x768")
    window.go_home()
    window.open_tutorial("impots-declarer-revenus")
    shot("24-reprendre-a-l-etape")
    window.resize(1280, 800)


def render_help_and_mediator(window, shot) -> None:
    """The help call seen from the room, the PIN pad, the mediator's panel and stuck points."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.pins import PinBook
    from kiosk.store.pin_store import PinStore

    window.end_session("finished")
    for _visit in range(3):  # a few visits that stumble, for the stuck-points table
        window.start_session()
        window.start_tutorial("ameli-attestation", 2)
        page = window.player.page
        for typed in ("1", "12"):
            page.rows[0].edit.setText(typed)
            page.submit()
        window.end_session("idle")
    window.start_session()
    window.start_tutorial("ameli-attestation", 2)
    window.help.call("button")
    shot("27-help-call")
    PinBook(PinStore(window.services.activity.db)).set_pin("mediator", "2580", by="screenshots")
    window.open_pin_pad()
    for digit in "25":
        window.overlay_shelf.built("pin_pad").type_digit(digit)
    shot("28-pin-pad")
    window.overlay_shelf.built("pin_pad").hide()
    window.open_mediator_panel()
    shot("29-mediator-panel")
    panel = window.mediator_panel
    panel.load_stuck_points(30)
    for _ in range(200):  # the query runs on its own thread
        QApplication.processEvents()
        if panel.stuck_table.rowCount():
            break
        import time

        time.sleep(0.01)
    panel.scroll.ensureWidgetVisible(panel.stuck_table)
    shot("31-stuck-points")
    panel.hide()
    render_admin(window, shot)


def render_admin(window, shot) -> None:
    """The admin screen: the settings generated from the declarative list, then the codes."""
    window.leave_mode()
    window.open_mode("admin")
    screen = window.mode("admin").screen
    row = screen.open_section("settings").rows["idle_seconds"]
    row.step(1)  # a value changed, not yet saved: "Enregistrer" is lit
    shot("33-admin-settings")
    screen.open_section("codes")
    shot("34-admin-codes")
    render_statistics(window, screen, shot)
    window.leave_mode()


def render_statistics(window, screen, shot) -> None:
    """The statistics of the visits made above (loaded on a worker thread), their funnel, the
    journal, and the statistics at 1024 pixels wide."""
    import time

    from PySide6.QtWidgets import QApplication

    def open_statistics():
        """The section opened, once its statistics, asked again at each opening and counted
        on a worker thread, are shown (not "Calcul en cours…")."""
        loads: list[object] = []
        built = screen.pages.get("statistics")
        if built is not None:
            built.loaded.connect(loads.append)
        page = screen.open_section("statistics")
        if built is None:
            page.loaded.connect(loads.append)
        for _ in range(500):
            QApplication.processEvents()
            if loads:
                break
            time.sleep(0.01)
        return page

    page = open_statistics()
    shot("40-statistics")
    page.choose_tutorial("ameli-attestation")
    page.scroll.ensureWidgetVisible(page.funnel)
    shot("41-statistics-funnel")
    screen.open_section("audit")
    shot("42-audit")
    open_statistics()
    page.scroll.scroll_to_top()
    window.resize(1024, 768)
    shot("43-statistics-1024")
    window.resize(1280, 800)


# A town's own pack, as a mediathèque would write it: French only, two versions.
_LOCAL_PACK = """format: 1
id: mediatheque-louise-michel
version: {version}
title: {{fr: "Les services en ligne de la médiathèque"}}
languages: [fr]
license: CC-BY-SA-4.0
authors: ["Médiathèque Louise-Michel"]
"""

_LOCAL_TUTORIAL = """id: {id}
title: {{fr: "{title}"}}
summary: {{fr: "{summary}"}}
category: bases
level: 1
minutes: 5
prepare:
  - {{fr: "Votre carte de la médiathèque"}}
official_url: "https://www.service-public.gouv.fr"
source: "Médiathèque Louise-Michel"
checked: {checked}
next_steps: {{fr: "Demandez de l'aide à l'accueil si besoin."}}
steps:
{steps}"""

_LOCAL_STEP = """  - id: {id}
    title: {{fr: "{title}"}}
    text: {{fr: "{text}"}}
"""


def _write_local_pack(folder: Path, version: int) -> Path:
    """Version 1: two tutorials. Version 2: one of them says more, and a third comes."""
    tutorials = {
        "mediatheque-reserver": (
            "Réserver un livre en ligne",
            "Pour garder un livre de côté.",
            "2025-09-02",  # checked long ago: the packs page flags it
            [
                ("compte", "Ouvrir votre compte", "Tapez le numéro de votre carte."),
                ("livre", "Chercher le livre", "Tapez le titre du livre."),
                ("reserver", "Réserver", "Appuyez sur « Réserver »."),
            ],
        ),
        "mediatheque-prolonger": (
            "Garder un livre plus longtemps",
            "Pour rendre un livre plus tard.",
            "2026-11-20",
            [
                ("compte", "Ouvrir votre compte", "Tapez le numéro de votre carte."),
                ("prolonger", "Prolonger", "Appuyez sur « Prolonger »."),
            ],
        ),
    }
    if version > 1:
        title, summary, checked, steps = tutorials["mediatheque-prolonger"]
        steps = [*steps, ("date", "Lire la date", "La nouvelle date est écrite en gras.")]
        tutorials["mediatheque-prolonger"] = (title, summary, checked, steps)
        tutorials["mediatheque-rendez-vous"] = (
            "Prendre rendez-vous avec un conseiller numérique",
            "Pour être aidé une heure.",
            "2026-11-20",
            [
                ("agenda", "Ouvrir l'agenda", "Appuyez sur « Rendez-vous »."),
                ("heure", "Choisir une heure", "Appuyez sur une heure libre."),
            ],
        )
    (folder / "tutorials").mkdir(parents=True)
    (folder / "pack.yaml").write_text(_LOCAL_PACK.format(version=version), encoding="utf-8")
    for tutorial_id, (title, summary, checked, steps) in tutorials.items():
        written = "".join(
            _LOCAL_STEP.format(id=step_id, title=step_title, text=text)
            for step_id, step_title, text in steps
        )
        (folder / "tutorials" / f"{tutorial_id}.yaml").write_text(
            _LOCAL_TUTORIAL.format(
                id=tutorial_id, title=title, summary=summary, checked=checked, steps=written
            ),
            encoding="utf-8",
        )
    return folder


def render_packs(window, scratch: Path, shot) -> None:
    """The admin's "Contenus" section: a signed version 2 of a town's pack offered from a
    folder, its changes listed before anything is installed (37); once installed, the way
    back to version 1 and the "vérifié le" dates, one of them too old (38)."""
    import contextlib
    import datetime
    import io
    import time

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from kiosk.core.pack_signature import read_public_key
    from kiosk.pack_command import run_keygen, run_sign
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    def settle(done) -> None:
        deadline = time.monotonic() + 60
        while not done() and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        for _ in range(3):
            QApplication.processEvents()

    key = scratch / "keys" / "mediatheque"
    key.parent.mkdir()
    said = io.StringIO()  # what the author's commands print (on stderr)
    with contextlib.redirect_stderr(said):
        codes = [run_keygen(key, "Médiathèque Louise-Michel", True, False, io.StringIO())]
    db = window.services.activity.db
    TrustedKeysStore(db).trust(read_public_key(key.with_suffix(".pub")), "admin")
    versions = []
    for version in (1, 2):
        folder = _write_local_pack(scratch / f"pack-v{version}", version)
        with contextlib.redirect_stderr(said):
            codes.append(run_sign(folder, key.with_suffix(".key"), False, io.StringIO()))
        versions.append(folder)
    if any(codes):
        raise RuntimeError(said.getvalue())
    window.open_mode("admin")
    screen = window.mode("admin").screen
    page = screen.open_section("packs")

    def in_sight(widget) -> None:
        """``widget`` brought into sight in the page's scroll (the section's only one)."""
        page.scroll.ensureWidgetVisible(widget, 0, 0)
        QApplication.processEvents()

    def at_top(widget) -> None:
        """The page scrolled so that ``widget`` is at the top of the section."""
        QApplication.processEvents()
        top = widget.mapTo(page.scroll.widget(), QPoint(0, 0)).y()
        page.scroll.verticalScrollBar().setValue(top - 16)

    page.today = lambda: datetime.date(2026, 11, 30)
    for number, folder in enumerate(versions, start=1):
        page.open_pack(folder)
        settle(lambda: not page.busy and page.install_button.isVisible())
        if number == 2:
            in_sight(page.install_button)
            shot("37-admin-pack-changes")
        page.install_button.click()
        settle(lambda: not page.busy and not page.reading_checks)
    at_top(page.installed_title)  # the way back to version 1, then the dates
    shot("38-admin-pack-versions")
    window.leave_mode()


def render_desk(content, folder: Path) -> Path:
    """The mediator's desk with three kiosks of the room, one calling for 2 min 34 s.

    The messages are the ones kiosks send, given to the desk's link as the broker would.
    """
    from PySide6.QtWidgets import QApplication

    from kiosk.core.room_config import RoomConfig
    from kiosk.core.room_messages import CallEvent, KioskStatus, call_id, encode, topic
    from kiosk.room.desk_link import DeskLink
    from kiosk.ui.desk.desk_window import DeskWindow

    now = 1_800_000_000.0
    settings = {"room_broker_host": "192.168.1.10", "room_broker_port": 1883,
                "room_name": "Accueil", "room_user": "accueil", "room_password": "",
                "room_tls_ca_file": "", "kiosk_name": "Bureau"}  # fmt: skip
    link = DeskLink(RoomConfig.from_settings(settings.__getitem__))
    desk = DeskWindow(link, content, clock=lambda: now)
    desk.resize(1280, 800)
    desk.show()
    asked = now - 154
    messages = [
        KioskStatus("Borne 1, entrée", "free", at=now),
        KioskStatus("Borne 2, fenêtre", "visit", "ameli-attestation", 2, at=now),
        CallEvent(call_id(41, asked), "made", "ameli-attestation", 2, "ar", asked, asked),
        KioskStatus("Borne 3, fond", "visit", "franceconnect", 4, True, ("printer",), now),
    ]
    kiosks = ["borne-1-entree", "borne-2-fenetre", "borne-2-fenetre", "borne-3-fond"]
    for kiosk, message in zip(kiosks, messages, strict=True):
        kind = "calls" if isinstance(message, CallEvent) else "status"
        link.message_received(topic("accueil", kiosk, kind), encode(message))
    link.online_changed.emit(True)  # as when the broker answers
    for _ in range(3):
        QApplication.processEvents()
    path = folder / "32-desk-view.png"
    desk.grab().save(str(path))
    desk.close()
    return path


def render_editor(window, shot) -> None:
    """The tutorial editor (issue #20): the preview with a flagged word, then a conflict after
    the base pack changed the text published on this kiosk."""
    import dataclasses
    import time

    from PySide6.QtWidgets import QApplication

    from kiosk.core.content import Tutorial

    def settle(editor) -> None:
        deadline = time.monotonic() + 60
        while not editor.settled and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        editor.preview.refresh_now()

    def typed_in_editor(editor, field: tuple[str, str], text: str, shown: tuple[str, str]):
        """``text`` typed into ``field``, checked and previewed, with ``shown`` scrolled to."""
        editor.fields[field].setPlainText(text)
        settle(editor)
        editor.show_field(shown)
        QApplication.processEvents()  # the form's layout, then the scroll to the field
        editor.show_field(shown)

    window.open_mode("admin")
    screen = window.mode("admin").screen
    page = screen.open_section("tutorials")
    editor = page.open_tutorial("franceconnect")
    editor.show_step(1)
    typed_in_editor(
        editor,
        ("step", "text"),
        "Touchez le bouton bleu **S'identifier avec FranceConnect**. "
        "Faites-le avant l'échéance de dix minutes.",
        ("step", "text"),
    )
    shot("35-editor")
    editor.fields[("step", "text")].setPlainText(
        "Touchez le bouton bleu **S'identifier avec FranceConnect**. L'imprimante est à l'accueil."
    )
    settle(editor)
    editor.publish()
    content = window.services.content
    base = editor.base
    base["steps"][1]["text"]["fr"] = "Touchez le grand bouton bleu en haut de la page."
    pack_id = editor.pack_id
    page.close_editor()
    from kiosk.builtin_content import BUILTIN_PACK
    from kiosk.core.pack_reader import read_pack

    pack = read_pack(BUILTIN_PACK)
    tutorials = tuple(
        Tutorial.from_dict(base) if t.id == "franceconnect" else t for t in pack.tutorials
    )
    content.install(dataclasses.replace(pack, version=pack.version + 1, tutorials=tutorials))
    assert pack.id == pack_id
    editor = page.open_tutorial("franceconnect")
    editor.show_step(1)
    settle(editor)
    shot("36-editor-conflict")
    page.close_editor()
    # A practice page's texts beside its preview, then the on-screen keyboard on a field.
    editor = page.open_tutorial("ameli-attestation")
    steps = [s["id"] for s in editor.steps]
    editor.show_step(steps.index("log-in"))
    typed_in_editor(
        editor,
        ("practice", "intro"),
        "Entraînez-vous avec la carte Vitale de Camille Martin. Le numéro est en bas de la carte.",
        ("practice", "fields[nir].label"),
    )
    shot("44-editor-practice")
    editor.show_field(("step", "title"))
    screen.keyboard.open_for(editor.fields[("step", "title")])
    QApplication.processEvents()
    shot("45-editor-keyboard")
    screen.keyboard.keyboard.close_keyboard()
    page.close_editor()
    window.leave_mode()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for path in render_all(target):
        print(path)
