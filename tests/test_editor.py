"""The tutorial editor in the admin mode (issue #20), driven as an admin would: the preview
follows the typing, jargon is flagged with its plain word, an error blocks "Publier", a
published text reaches the citizen's journey, an image needs a description, and a base pack
update keeps the kiosk's edit and shows the conflict."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.core.pack_reader import read_pack
from kiosk.store.content_store import ContentStore
from kiosk.ui.admin.editor.editor_page import EditorPage
from kiosk.ui.admin.editor.tutorial_list import checked_age
from tests.conftest import press
from tests.packs import SVG, step_yaml, tutorial_yaml, write_pack
from tests.test_admin import admin_pin, open_admin  # noqa: F401 (a fixture)

LONG = (
    "Cette phrase est beaucoup trop longue pour une personne qui lit mal car elle contient "
    "vraiment bien plus de quinze mots."
)


@pytest.fixture
def essai(tmp_path, db) -> ContentStore:
    content = ContentStore(db)
    content.install(read_pack(write_pack(tmp_path / "p")))
    return content


def shown_editor_page(qtbot, content: ContentStore, height: int):
    """The editor page on ``content``, shown 1280 px wide, its day fixed; yields it, then
    lets its editor's work (check process, preview) finish."""
    page = EditorPage(content, today=lambda: datetime.date(2026, 11, 29))
    qtbot.addWidget(page)
    page.resize(1280, height)
    page.show()
    yield page
    if page.editor is not None:
        page.editor.finished_work()


@pytest.fixture
def page(qtbot, essai):
    yield from shown_editor_page(qtbot, essai, 700)


def type_into(qtbot, field, text: str) -> None:
    """Select all and type, key by key, as the admin does (QTest.keyClicks asserts on
    letters outside ASCII, so each key is sent as a key event carrying its text)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def open_essai(qtbot, page):
    assert page.list.ids() == ["essai"]
    page.list.items.setCurrentRow(0)
    press(qtbot, page.list.open_button)
    return page.editor


def wait_checked(qtbot, editor) -> None:
    qtbot.waitUntil(lambda: editor.check_generation == editor.generation, timeout=20_000)


def test_the_list_says_how_long_ago_each_tutorial_was_checked(page):
    assert "vérifié il y a 0 mois" not in page.list.items.item(0).text()
    assert "Tutoriel essai" in page.list.items.item(0).text()
    assert checked_age("2026-11-20", datetime.date(2026, 11, 29)) == ("vérifié ce mois-ci", False)
    assert checked_age("2025-06-01", datetime.date(2026, 11, 29)) == (
        "vérifié il y a 17 mois (01/06/2025) : à vérifier de nouveau",
        True,
    )


def test_typing_a_steps_text_shows_in_the_preview(qtbot, page):
    editor = open_essai(qtbot, page)
    qtbot.waitUntil(lambda: "Texte de l'étape un." in editor.preview.player.text.text())
    drawn_before = editor.preview.view.grab().toImage()
    field = editor.fields[("step", "text")]
    type_into(qtbot, field, "L'imprimante est à l'accueil.")
    with qtbot.waitSignal(editor.preview.refreshed, timeout=2000):
        pass
    assert "L'imprimante est à l'accueil." in editor.preview.player.text.text()
    # What the admin sees changed too, not only the player's texts.
    assert editor.preview.view.grab().toImage() != drawn_before
    normal = editor.preview.player.text.fontInfo().pointSizeF()
    press(qtbot, editor.preview.scale_buttons[2.0])
    assert editor.preview.player.text.fontInfo().pointSizeF() >= 1.9 * normal
    # Undo takes back the whole run of typing, and the preview follows.
    press(qtbot, editor.undo_button)
    assert field.toPlainText() == "Texte de l'étape un."
    qtbot.waitUntil(lambda: "Texte de l'étape un." in editor.preview.player.text.text())


def test_a_jargon_word_is_marked_and_listed_with_its_plain_word(qtbot, page):
    editor = open_essai(qtbot, page)
    field = editor.fields[("step", "text")]
    type_into(qtbot, field, "Envoyez le papier avant l'échéance.")
    wait_checked(qtbot, editor)
    findings = [editor.findings.item(i).text() for i in range(editor.findings.count())]
    assert any("« échéance »" in f and "« date limite »" in f for f in findings), findings
    # Touching the finding brings its field into sight, with the focus.
    editor.show_part("tutorial")
    editor._go_to_finding(editor.findings.item(0))
    assert editor.parts.currentWidget() is editor.part_scrolls["step"]
    (mark,) = editor.marks[("step", "text")].marks
    assert field.toPlainText()[mark.start : mark.end] == "échéance"
    assert "date limite" in mark.hint
    assert "0 erreur, 1 avertissement" in editor.check_summary.text()


def test_publishing_with_an_error_is_refused_and_nothing_goes_live(qtbot, page, essai):
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("step", "text")], LONG)
    with qtbot.waitSignal(editor.publish_refused, timeout=20_000) as refused:
        press(qtbot, editor.publish_button)
    assert "1 erreur de langage clair" in refused.args[0]
    assert essai.tutorial("essai").steps[0].text["fr"] == "Texte de l'étape un."


def test_the_draft_is_saved_by_itself_and_found_again(qtbot, page, essai):
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("tutorial", "title")], "Imprimer à l'accueil")
    qtbot.waitUntil(lambda: "Brouillon enregistré" in editor.status.text(), timeout=5000)
    press(qtbot, editor.back_button)
    assert "modifié sur cette borne" in page.list.items.item(0).text()
    assert essai.tutorial("essai").title["fr"] == "Tutoriel essai"  # not published
    again = open_essai(qtbot, page)
    assert again.fields[("tutorial", "title")].toPlainText() == "Imprimer à l'accueil"


def test_steps_are_added_moved_and_removed_with_undo(qtbot, page):
    editor = open_essai(qtbot, page)
    press(qtbot, editor.add_button)
    assert [s["id"] for s in editor.steps] == ["un", "etape-3", "deux"]
    assert editor.steps_list.currentRow() == 1
    press(qtbot, editor.down_button)
    assert [s["id"] for s in editor.steps] == ["un", "deux", "etape-3"]
    press(qtbot, editor.remove_button)
    assert [s["id"] for s in editor.steps] == ["un", "deux"]
    for _ in range(3):
        press(qtbot, editor.undo_button)
    assert [s["id"] for s in editor.steps] == ["un", "deux"]
    press(qtbot, editor.redo_button)
    assert [s["id"] for s in editor.steps] == ["un", "etape-3", "deux"]


def test_an_image_without_a_description_is_refused(qtbot, page, tmp_path):
    editor = open_essai(qtbot, page)
    editor.show_step(1)
    type_into(qtbot, editor.fields[("step", "image_alt")], "")
    picture = tmp_path / "imprimante.svg"
    picture.write_bytes(SVG)
    assert not editor.import_image(picture)
    assert "Décrivez l'image" in editor.image_message.text()
    assert editor.step["image"] == "images/a.svg"
    type_into(qtbot, editor.fields[("step", "image_alt")], "L'imprimante, près de l'entrée.")
    assert editor.import_image(picture)
    assert editor.step["image"] == "images/local-deux-imprimante.svg"
    qtbot.waitUntil(lambda: editor.preview.player.illustration.accessibleName() != "", timeout=2000)


def test_a_base_update_keeps_the_local_edit_and_shows_the_conflict(qtbot, page, essai, tmp_path):
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("step", "text")], "L'imprimante est à l'accueil.")
    with qtbot.waitSignal(editor.published, timeout=20_000):
        press(qtbot, editor.publish_button)
    press(qtbot, editor.back_button)
    steps = step_yaml("un").replace("Texte de l'étape un.", "Le site a changé.") + step_yaml("deux")
    essai.install(read_pack(write_pack(tmp_path / "p2", 2, {"essai": tutorial_yaml(steps=steps)})))
    assert essai.tutorial("essai").steps[0].text["fr"] == "L'imprimante est à l'accueil."
    editor = open_essai(qtbot, page)
    view = editor.conflict_view
    assert view is not None and view.isVisible()
    (row,) = view.rows
    assert "l'étape 1 « Titre un », le texte (fr)" in row.findChild(type(row.local_text)).text()
    assert row.local_text.text().endswith("L'imprimante est à l'accueil.")
    assert row.base_text.text().endswith("Le site a changé.")
    with qtbot.waitSignal(editor.publish_refused):
        press(qtbot, editor.publish_button)
    press(qtbot, row.take_button)
    press(qtbot, view.apply_button)
    assert editor.conflict_view is None
    assert editor.fields[("step", "text")].toPlainText() == "Le site a changé."


@pytest.mark.usefixtures("admin_pin")
def test_after_publishing_the_citizens_journey_shows_the_new_text(qtbot, window):
    screen = open_admin(qtbot, window)
    press(qtbot, screen.section_buttons["tutorials"])
    page = screen.pages["tutorials"]
    page.list.search.setText("FranceConnect")
    assert page.list.ids()[0] == "franceconnect"
    press(qtbot, page.list.open_button)
    editor = page.editor
    new_text = "Touchez le bouton bleu. L'imprimante est à l'accueil."
    type_into(qtbot, editor.fields[("step", "text")], new_text)
    with qtbot.waitSignal(editor.published, timeout=30_000):
        press(qtbot, editor.publish_button)
    assert "Publié" in editor.status.text()
    press(qtbot, editor.back_button)  # the editor had the whole screen: the list gives it back
    press(qtbot, screen.leave_button)
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("franceconnect")
    press(qtbot, window.overview.start_button)
    assert "L'imprimante est à l'accueil." in window.player.text.text()
    assert "franceconnect" in [s.id for s in window.services.content.search("imprimante")]


def test_export_writes_the_published_tutorials_as_a_pack(qtbot, page, tmp_path):
    page.export_to(tmp_path / "usb")
    assert "Rien à exporter" in page.export_message.text()
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("step", "text")], "L'imprimante est à l'accueil.")
    with qtbot.waitSignal(editor.published, timeout=20_000):
        press(qtbot, editor.publish_button)
    press(qtbot, editor.back_button)
    (usb := tmp_path / "usb").mkdir()
    (folder,) = page.export_to(usb)
    assert folder.name == "essai-pack-v1-borne"
    assert read_pack(folder).tutorials[0].steps[0].text["fr"] == "L'imprimante est à l'accueil."
    assert "pas encore signé" in page.export_message.text()
    assert "jamais sur la borne" in page.export_message.text()
    # Signed on the author's computer, the folder is accepted by another kiosk in kiosk mode.
    import io

    from kiosk.core.pack_signature import read_public_key
    from kiosk.pack_command import run_import, run_keygen, run_sign
    from kiosk.store.database import open_database
    from kiosk.store.trusted_keys_store import TrustedKeysStore

    author = tmp_path / "auteur"
    assert run_keygen(author, "Médiathèque", True, False, io.StringIO()) == 0
    assert run_sign(folder, author.with_suffix(".key"), False, io.StringIO()) == 0
    other = open_database(tmp_path / "autre-borne.db")
    TrustedKeysStore(other).trust(read_public_key(author.with_suffix(".pub")), "admin")
    other.close()
    assert run_import(folder, tmp_path / "autre-borne.db", False, kiosk_mode=True) == 0


def test_going_back_to_the_packs_version_undoes_a_publication(qtbot, page, essai, db):
    editor = open_essai(qtbot, page)
    type_into(qtbot, editor.fields[("step", "text")], "L'imprimante est à l'accueil.")
    with qtbot.waitSignal(editor.published, timeout=20_000):
        press(qtbot, editor.publish_button)
    editor.show_part("tutorial")
    press(qtbot, editor.restore_button)
    with qtbot.waitSignal(editor.restored):
        press(qtbot, editor.restore_confirm)
    assert page.editor is None
    assert essai.tutorial("essai").steps[0].text["fr"] == "Texte de l'étape un."
    assert essai.search("imprimante") == []
    assert "modifié sur cette borne" not in page.list.items.item(0).text()
    actions = [row[0] for row in db.execute("SELECT action FROM audit ORDER BY id")]
    assert actions == ["tutorial_published", "tutorial_restored"]
