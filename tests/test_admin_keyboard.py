"""Every text field of the admin screen opens the on-screen keyboard when touched (issue #20):
a kiosk in a town hall may have no physical keyboard. Found, not listed: a field added to any
admin page later is checked too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStackedWidget, QTextEdit, QWidget

from tests.conftest import press
from tests.test_admin import admin_pin, open_admin  # noqa: F401 (a fixture)

TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit)


def bring_into_sight(field: QWidget, screen: QWidget) -> None:
    """Show each page of a stack on the way from the admin screen to ``field``."""
    child, parent = field, field.parentWidget()
    while parent is not None and child is not screen:
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def touch(qtbot, field: QWidget) -> None:
    target = field.viewport() if isinstance(field, QPlainTextEdit | QTextEdit) else field
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


@pytest.fixture
def editors():
    """Editors opened by a test, closed before the window's database is (their timers)."""
    opened: list = []
    yield opened
    for page in opened:
        page.close_editor()


def every_text_field(screen: QWidget) -> list[QWidget]:
    keyboard = screen.keyboard.keyboard
    return [
        field
        for kind in TEXT_FIELDS
        for field in screen.findChildren(kind)
        if not field.isReadOnly() and not keyboard.isAncestorOf(field)
    ]


@pytest.mark.usefixtures("admin_pin")
def test_every_admin_text_field_opens_the_keyboard_when_touched(qtbot, window, editors):
    screen = open_admin(qtbot, window)
    for key, button in screen.section_buttons.items():
        press(qtbot, button)
        assert screen.pages[key].isVisible()
    # The editor, open on a tutorial whose step has a practice: its fields are made per step.
    page = screen.pages["tutorials"]
    editors.append(page)
    press(qtbot, screen.section_buttons["tutorials"])
    tutorial_id = next(
        t.id
        for t in window.services.content.tutorials()
        if any(s.practice for s in window.services.content.tutorial(t.id).steps)
    )
    editor = page.open_tutorial(tutorial_id)
    editor.show_step(next(i for i, s in enumerate(editor.steps) if s.get("practice")))
    assert editor.practice_places
    fields = every_text_field(screen)
    kinds = {type(f).__name__ for f in fields}
    assert {"QLineEdit", "QPlainTextEdit"} <= kinds
    assert len(fields) > 20
    keyboard = screen.keyboard.keyboard
    codes = screen.pages["codes"]
    for field in fields:
        keyboard.close_keyboard()
        bring_into_sight(field, screen)
        assert field.isVisible(), f"{field.objectName()} cannot be touched"
        touch(qtbot, field)
        assert keyboard.isVisible() and keyboard.field is field, field.objectName()
        # The codes page's PINs get the digits only; every other field all the keys.
        assert keyboard.digits_only == codes.isAncestorOf(field), field.objectName()
    # A PIN field gets the digits only.
    pin_fields = [f for f in codes.findChildren(QLineEdit) if not f.isReadOnly()]
    assert pin_fields
    bring_into_sight(pin_fields[0], screen)
    touch(qtbot, pin_fields[0])
    assert keyboard.digits_only
    assert keyboard.keys["7"].isVisible() and not keyboard.keys["a"].isVisible()
    press(qtbot, keyboard.keys["7"])
    assert pin_fields[0].text() == "7"


@pytest.mark.usefixtures("admin_pin")
def test_the_keyboard_types_into_the_editors_text_and_the_draft_follows(qtbot, window, editors):
    screen = open_admin(qtbot, window)
    press(qtbot, screen.section_buttons["tutorials"])
    editors.append(screen.pages["tutorials"])
    editor = screen.pages["tutorials"].open_tutorial("franceconnect")
    field = editor.fields[("step", "text")]
    touch(qtbot, field)
    keyboard = screen.keyboard.keyboard
    assert keyboard.isVisible() and keyboard.new_line_button.isVisible()
    assert not keyboard.digits_only
    field.moveCursor(field.textCursor().MoveOperation.End)
    for key in ("a", "b"):
        press(qtbot, keyboard.keys[key])
    press(qtbot, keyboard.erase_button)
    press(qtbot, keyboard.new_line_button)
    assert field.toPlainText().endswith("a\n")
    assert editor.step["text"]["fr"].endswith("a\n")
    press(qtbot, keyboard.close_button)
    assert not keyboard.isVisible()
    # Leaving the admin screen closes it, and the citizen's screens are no longer watched.
    press(qtbot, editor.back_button)
    touch(qtbot, screen.pages["tutorials"].list.search)
    assert keyboard.isVisible()
    press(qtbot, screen.leave_button)
    assert not keyboard.isVisible()
    assert not screen.keyboard._watching
