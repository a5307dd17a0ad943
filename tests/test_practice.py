"""Practice on simulated pages, driven through the real window: mistakes, hint, show-me, success."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

from kiosk.store.activity_store import ActivityStore


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_step(qtbot, window, tutorial_id: str, step_id: str):
    click(qtbot, window.welcome.start_button)
    window.open_tutorial(tutorial_id)
    click(qtbot, window.overview.start_button)
    player = window.player
    while player.step.id != step_id:
        click(qtbot, player.next_button)
    assert player.page is not None
    return player.page


def test_form_mistake_hint_show_me_and_success(qtbot, window, db, speech):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    assert page.header.text() == "ameli.fr — simulation"
    assert page.banner.text().startswith("Simulation : rien n'est envoyé")
    (row,) = page.rows
    qtbot.keyClicks(row.edit, "2 56 04 76 540")
    with qtbot.waitSignal(speech.started, timeout=3000):
        click(qtbot, page.submit_button)
    assert row.message.text() == "Il manque 5 chiffres."
    assert not row.hint.isVisible() and not row.show_me_button.isVisible()

    row.edit.clear()
    qtbot.keyClicks(row.edit, "2 56 04 76 540 123 99")
    qtbot.keyClick(row.edit, Qt.Key.Key_Return)
    assert "ne correspondent pas" in row.message.text()
    assert row.hint.isVisible() and "15 chiffres" in row.hint.text()
    assert all(paper.isVisible() for paper in page.papers)
    assert page.papers[0].highlighted == "nir"

    click(qtbot, row.show_me_button)
    assert row.edit.text() == "256047654012388"
    assert "Carte Vitale" in row.hint.text()
    click(qtbot, page.submit_button)
    assert page.success.isVisible() and page.success.text().startswith("Bravo")

    attempts = ActivityStore(db).attempts()
    assert [(a["field"], a["outcome"], a["hint_used"]) for a in attempts] == [
        ("nir", "too_short", 0),
        ("nir", "bad_key", 0),
        ("nir", "shown", 1),
        ("nir", "ok", 1),
    ]
    assert {a["tutorial_id"] for a in attempts} == {"ameli-attestation"}
    assert "practice_succeeded" in [e["kind"] for e in ActivityStore(db).events()]


def field_in_sight(field) -> bool:
    """The whole field shows inside its scroll area's viewport (not under the keyboard)."""
    from kiosk.ui.touch_scroll import enclosing_scroll_area

    area = enclosing_scroll_area(field)
    top_left = field.mapTo(area.viewport(), field.rect().topLeft())
    bottom = top_left.y() + field.height()
    return field.isVisible() and top_left.y() >= 0 and bottom <= area.viewport().height()


def test_on_screen_keyboard_fills_a_whole_form(qtbot, window):
    page = open_step(qtbot, window, "franceconnect", "type-password")
    keyboard = window.keyboard
    fiscal, password = page.rows
    click(qtbot, fiscal.keyboard_button)
    assert keyboard.isVisible()
    assert not keyboard.help.isVisible()  # the advice about @ is for e-mail fields
    qtbot.waitUntil(lambda: field_in_sight(fiscal.edit))
    for key in "1234567890066":
        click(qtbot, keyboard.keys[key])
    assert fiscal.edit.text() == "1234567890066"
    click(qtbot, keyboard.close_button)
    assert not keyboard.isVisible()

    click(qtbot, password.keyboard_button)
    qtbot.waitUntil(lambda: field_in_sight(password.edit))
    for key in "Mon-chat-a-3-pattes":
        if key.isupper():
            click(qtbot, keyboard.shift_button)
            key = key.lower()
        click(qtbot, keyboard.keys[key])
    assert password.edit.text() == "Mon-chat-a-3-pattes"
    assert "✔ 12 caractères ou plus" in password.rules.text()
    click(qtbot, keyboard.erase_button)
    assert password.edit.text() == "Mon-chat-a-3-patte"
    click(qtbot, keyboard.keys["s"])
    click(qtbot, keyboard.close_button)
    click(qtbot, page.submit_button)
    assert page.success.isVisible()


def test_find_the_right_button(qtbot, window):
    page = open_step(qtbot, window, "franceconnect", "find-button")
    buttons = {b.objectName(): b for b in page.choice_buttons}
    click(qtbot, buttons["target-create-account"])
    assert "nouveau compte" in page.feedback.text()
    assert not page.success.isVisible()
    click(qtbot, buttons["target-franceconnect"])
    assert page.success.isVisible()
    click(qtbot, page.restart_button)
    assert not page.success.isVisible() and not page.feedback.isVisible()


def test_question_with_an_explanation_for_each_answer(qtbot, window):
    page = open_step(qtbot, window, "ameli-attestation", "choose-attestation")
    assert page.question.text() == "Quelle attestation choisissez-vous ?"
    click(qtbot, page.choice_buttons[1])
    assert page.feedback.text().startswith("Non.")
    click(qtbot, page.choice_buttons[0])
    assert page.feedback.text().startswith("Oui.") and page.success.isVisible()


def test_an_answers_box_follows_its_kind_wrong_then_right(qtbot, window):
    """A wrong answer's box (padding 12 px), then the right one's (padding 16 px, bold): the
    style sheet's box follows the role each time, not only its colours."""
    page = open_step(qtbot, window, "ameli-attestation", "choose-attestation")
    click(qtbot, page.choice_buttons[1])
    assert page.feedback.contentsMargins().left() == 12
    assert not page.feedback.font().bold()
    click(qtbot, page.choice_buttons[0])
    assert page.feedback.contentsMargins().left() == 16
    assert page.feedback.font().bold()


def test_scam_message(qtbot, window, db):
    page = open_step(qtbot, window, "securite-faux-sites", "urgent-messages")
    assert page.exhibit.text().startswith("SMS de +33 6 39 98 90 44 :")
    click(qtbot, page.choice_buttons[0])
    assert "piège" in page.feedback.text()
    click(qtbot, page.choice_buttons[2])
    assert page.success.isVisible()
    outcomes = [(a["field"], a["outcome"]) for a in ActivityStore(db).attempts()]
    assert outcomes == [("answer-1", "wrong_choice"), ("answer-3", "ok")]


def widget_texts(window) -> str:
    texts = [
        w.text() for kind in (QLabel, QLineEdit, QAbstractButton) for w in window.findChildren(kind)
    ]
    return "\n".join(texts)


def test_a_typed_value_survives_nowhere(qtbot, window, content, db_path):
    """Type a sentinel in every field of every practice, end the session, and look for it."""
    sentinel = "Zorglub1953secret"
    click(qtbot, window.welcome.start_button)
    typed_somewhere = 0
    for summary in content.tutorials():
        tutorial = content.tutorial(summary.id)
        for index, step in enumerate(tutorial.steps):
            if not (step.practice and step.practice.fields):
                continue
            window.start_tutorial(tutorial.id)
            window.player.show_step(index)
            page = window.player.page
            for row in page.rows:
                qtbot.keyClicks(row.edit, sentinel)
                typed_somewhere += 1
            click(qtbot, page.submit_button)
            click(qtbot, page.submit_button)  # twice: the hint appears too
            assert all(r.edit.text() == sentinel for r in page.rows)
    assert typed_somewhere >= 3
    click(qtbot, window.finish_button)
    click(qtbot, window.leave_confirmation.leave_button)
    assert sentinel not in widget_texts(window)
    files = list(db_path.parent.glob("kiosk.db*"))
    assert any(p.name.endswith("-wal") for p in files)
    for path in files:
        assert sentinel.encode() not in path.read_bytes(), path.name
    attempts = window.services.activity.attempts()
    assert len(attempts) >= 2 * typed_somewhere
    # Each outcome is a kind of result ("ok", "too_long", "no_at"…), never a typed value.
    assert all(re.fullmatch(r"[a-z_]+", a["outcome"]) for a in attempts)
    assert {a["outcome"] for a in attempts} != {"ok"}


def test_choices_and_question_follow_a_change_of_language(qtbot, window):
    """A person who switches to English mid-exercise reads the exercise in English."""
    from kiosk.core.languages import pick

    page = open_step(qtbot, window, "ameli-attestation", "choose-attestation")
    click(qtbot, page.choice_buttons[1])  # a wrong answer first: its explanation stays shown
    assert page.feedback.isVisible()
    click(qtbot, window.language_button)
    click(qtbot, window.language_chooser.buttons["en"])
    answers = [pick(a.text, "en").text for a in page.practice.answers]
    assert [b.text() for b in page.choice_buttons] == answers
    assert page.question.text() == pick(page.practice.question, "en").text
    assert page.question.text() != "Quelle attestation choisissez-vous ?"
    assert window.player.page is page and page.feedback.isVisible()
