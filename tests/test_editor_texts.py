"""The editor's other texts (issue #20): a practice page's intro, field labels and messages,
the tutorial's search words, theme and duration; and a draft that survives closing at once.

Each is driven through the real editor on a real database file, then looked for where the
person meets it: the citizen's practice page, the search, the theme's list."""

from __future__ import annotations

import pytest

from kiosk.core.pack_reader import read_pack
from kiosk.store.content_store import ContentStore
from kiosk.ui.admin.editor.editor_page import EditorPage
from kiosk.ui.screens.step_player import StepPlayerScreen
from tests.conftest import press
from tests.packs import write_practice_pack
from tests.test_editor import open_essai, shown_editor_page, type_into, wait_checked


@pytest.fixture
def practice(tmp_path, db) -> ContentStore:
    content = ContentStore(db)
    content.install(read_pack(write_practice_pack(tmp_path / "p")))
    return content


@pytest.fixture
def page(qtbot, practice):
    yield from shown_editor_page(qtbot, practice, 800)


def publish(qtbot, editor) -> None:
    with qtbot.waitSignal(editor.published, timeout=20_000):
        press(qtbot, editor.publish_button)


def citizens_page(qtbot, content: ContentStore, language: str = "fr"):
    """The practice page of step 3 as the citizen's step player shows it."""
    player = StepPlayerScreen(content, lambda *_args: None)
    qtbot.addWidget(player)
    player.start(content.tutorial("essai"), 2)
    assert player.page is not None
    player.page.set_language(language)
    return player.page


def test_a_practices_texts_are_edited_and_the_citizen_sees_them(qtbot, page, practice):
    editor = open_essai(qtbot, page)
    editor.show_step(2)
    assert editor.practice_box.isVisible()
    intro = editor.fields[("practice", "intro")]
    label = editor.fields[("practice", "fields[nir].label")]
    success = editor.fields[("practice", "success")]
    assert intro.toPlainText() == "Tapez le numéro de Camille Martin."
    assert label.toPlainText() == "Numéro de sécurité sociale"
    assert success.toPlainText() == ""  # the pack has none: the kiosk's "Bravo !" is said
    type_into(qtbot, intro, "Recopiez le numéro de la carte Vitale.")
    type_into(qtbot, label, "Votre numéro de sécurité sociale")
    type_into(qtbot, success, "Bravo, le numéro est juste.")
    # In English too: each language has its own text.
    press(qtbot, editor.language_buttons["en"])
    assert label.toPlainText() == "Social security number"
    type_into(qtbot, label, "Your social security number")
    # The preview shows the practice page in the language being edited, at once.
    qtbot.waitUntil(
        lambda: (
            editor.preview.player.page is not None
            and editor.preview.player.page.rows[0].label.text() == "Your social security number"
        ),
        timeout=2000,
    )
    # Undo takes back the last run of typing, redo puts it back.
    press(qtbot, editor.undo_button)
    assert label.toPlainText() == "Social security number"
    press(qtbot, editor.redo_button)
    assert label.toPlainText() == "Your social security number"
    press(qtbot, editor.language_buttons["fr"])
    publish(qtbot, editor)
    shown = citizens_page(qtbot, practice)
    assert shown.intro.text() == "Recopiez le numéro de la carte Vitale."
    assert shown.rows[0].label.text() == "Votre numéro de sécurité sociale"
    shown.rows[0].edit.setText("256047654012388")
    shown.submit()
    assert shown.success.text().startswith("Bravo, le numéro est juste.")
    assert citizens_page(qtbot, practice, "en").rows[0].label.text() == (
        "Your social security number"
    )


def test_a_practices_required_text_cannot_be_emptied_and_jargon_is_marked(qtbot, page):
    editor = open_essai(qtbot, page)
    editor.show_step(2)
    intro = editor.fields[("practice", "intro")]
    type_into(qtbot, intro, "Tapez le numéro avant l'échéance.")
    wait_checked(qtbot, editor)
    (mark,) = editor.marks[("practice", "intro")].marks
    assert intro.toPlainText()[mark.start : mark.end] == "échéance"
    finding = next(
        editor.findings.item(i)
        for i in range(editor.findings.count())
        if "échéance" in editor.findings.item(i).text()
    )
    editor.show_step(0)
    editor._go_to_finding(finding)
    assert editor.step_index == 2 and editor.fields[("practice", "intro")].hasFocus()
    type_into(qtbot, editor.fields[("practice", "fields[nir].label")], "")
    with qtbot.waitSignal(editor.publish_refused) as refused:
        press(qtbot, editor.publish_button)
    assert (
        "Étape 3, exercice, case 1 : son nom : le texte en français est vide" in (refused.args[0])
    )


def test_a_practice_edit_survives_a_base_update_and_a_conflict_is_shown(
    qtbot, page, practice, tmp_path
):
    editor = open_essai(qtbot, page)
    editor.show_step(2)
    type_into(qtbot, editor.fields[("practice", "intro")], "Recopiez le numéro de la carte.")
    publish(qtbot, editor)
    press(qtbot, editor.back_button)
    # The new base changes the same intro and the field's label: only the intro conflicts.
    folder = write_practice_pack(tmp_path / "p2", version=2)
    tutorial = folder / "tutorials" / "essai.yaml"
    text = tutorial.read_text(encoding="utf-8")
    text = text.replace("Tapez le numéro de Camille Martin.", "Tapez le numéro, sans espace.")
    text = text.replace('"Numéro de sécurité sociale"', '"Numéro de Sécurité sociale"')
    tutorial.write_text(text, encoding="utf-8")
    practice.install(read_pack(folder))
    live = practice.tutorial("essai").steps[2].practice
    assert live.intro["fr"] == "Recopiez le numéro de la carte."
    assert live.fields[0].label["fr"] == "Numéro de Sécurité sociale"
    editor = open_essai(qtbot, page)
    (row,) = editor.conflict_view.rows
    assert "l'exercice : consigne de l'exercice (fr)" in row.findChild(type(row.local_text)).text()
    assert row.base_text.text().endswith("Tapez le numéro, sans espace.")
    press(qtbot, row.take_button)
    press(qtbot, editor.conflict_view.apply_button)
    editor.show_step(2)
    assert editor.fields[("practice", "intro")].toPlainText() == "Tapez le numéro, sans espace."


def test_keywords_theme_and_duration_are_edited_and_the_search_finds_them(qtbot, page, practice):
    editor = open_essai(qtbot, page)
    editor.show_part("tutorial")
    assert editor.theme_buttons["bases"].isChecked()
    assert editor.minutes_label.text() == "5 minutes"
    type_into(qtbot, editor.fields[("tutorial", "keywords")], "imprimante, photocopie")
    press(qtbot, editor.theme_buttons["logement"])
    assert editor.theme_buttons["logement"].isChecked()
    assert not editor.theme_buttons["bases"].isChecked()
    press(qtbot, editor.longer_button)
    press(qtbot, editor.longer_button)
    assert editor.minutes_label.text() == "15 minutes"
    press(qtbot, editor.undo_button)  # both presses are one change
    assert editor.minutes_label.text() == "5 minutes"
    press(qtbot, editor.redo_button)
    press(qtbot, editor.undo_button)
    press(qtbot, editor.undo_button)  # the theme
    assert editor.theme_buttons["bases"].isChecked()
    press(qtbot, editor.redo_button)
    press(qtbot, editor.redo_button)
    assert editor.minutes_label.text() == "15 minutes"
    assert editor.document["keywords"]["fr"] == ["imprimante", "photocopie"]
    assert practice.search("photocopie") == []
    publish(qtbot, editor)
    assert [s.id for s in practice.search("photocopie")] == ["essai"]
    assert [s.id for s in practice.tutorials("logement")] == ["essai"]
    assert practice.tutorials("bases") == []
    assert practice.tutorial("essai").minutes == 15


def test_a_draft_typed_then_closed_at_once_is_there_when_opened_again(qtbot, page, practice):
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("step", "text")], "L'imprimante est à l'accueil.")
    assert editor.save_timer.isActive()  # not saved yet: the admin closes at once
    press(qtbot, editor.back_button)
    again = open_essai(qtbot, page)
    assert again.fields[("step", "text")].toPlainText() == "L'imprimante est à l'accueil."
    # On the file itself, as another connection (the next start of the kiosk) reads it.
    from kiosk.store.database import open_database

    other = open_database(practice.db.path)
    try:
        (draft,) = other.execute("SELECT draft FROM local_edits").fetchone()
    finally:
        other.close()
    assert "L'imprimante est à l'accueil." in draft


def test_saving_a_draft_does_not_write_on_the_ui_thread(qtbot, page, practice, monkeypatch):
    """The draft's write goes to the background writer; the UI thread only hands it over."""
    import threading

    threads: list[str] = []
    practice.db.conn.set_trace_callback(
        lambda sql: (
            threads.append(threading.current_thread().name)
            if "INSERT INTO local_edits" in sql
            else None
        )
    )
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("step", "text")], "L'imprimante est à l'accueil.")
    editor.save_draft()
    assert threads == []  # nothing written on the UI thread's connection
    assert practice.db.flush()
    assert "L'imprimante" in practice.db.execute("SELECT draft FROM local_edits").fetchone()[0]


def test_listen_reads_the_previewed_step_aloud_with_the_lexicon_while_typing_goes_on(
    qtbot, practice, speech
):
    """The real espeak-ng renders the clips (the service's signals say so); "PIN" is given to
    the voice as the lexicon writes it, as on the citizen's "Écouter"."""
    from kiosk.core.pronunciation import given_to_voices

    page = EditorPage(practice, speech=speech)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    editor = open_essai(qtbot, page)
    try:
        type_into(qtbot, editor.fields[("step", "text")], "Tapez votre code PIN.")
        listen = editor.preview.listen_button
        with qtbot.waitSignal(speech.sentence_started, timeout=10_000):
            press(qtbot, listen)  # at once: the preview's debounce is cut short
        assert listen.text() == "Arrêter" and listen.isChecked()
        heard = [u.text for u in speech.sentences]
        assert "Tapez votre code PIN." in heard
        sentence = next(u for u in speech.sentences if u.text == "Tapez votre code PIN.")
        assert [p.text for p in given_to_voices(sentence)] == ["Tapez votre code pine."]
        # Typing goes on while the voice reads: each key lands at once.
        field = editor.fields[("step", "title")]
        type_into(qtbot, field, "Le code")
        assert field.toPlainText() == "Le code" and speech.speaking
        with qtbot.waitSignal(speech.finished, timeout=2000) as stopped:
            press(qtbot, listen)
        assert stopped.args == [False] and listen.text() == "Écouter"
        # In English, the English text is read by the English voice.
        press(qtbot, editor.language_buttons["en"])
        with qtbot.waitSignal(speech.sentence_started, timeout=10_000):
            press(qtbot, listen)
        english = next(u for u in speech.sentences if "Text of step un." in u.text)
        assert {p.language for p in english.parts} == {"en"}
    finally:
        page.close_editor()
    assert not speech.speaking  # closing the editor silences it
