"""The editor on the kiosk's 1280 × 800 screen (issue #20): no scroll bar around the admin
screen, none sideways anywhere, no control cut or squeezed below its size, in each of its
parts (the steps, a practice step, the tutorial's own texts, the conflict view)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.conftest import press
from tests.test_admin import admin_pin, open_admin  # noqa: F401 (a fixture)

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit)


def enclosing_area(widget: QWidget, top: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def layout_problems(window, editor) -> list[str]:
    """Every way the editor does not fit the window, as sentences (empty when it fits)."""
    problems = []
    screen = window.mode("admin").screen
    if screen.scroll.verticalScrollBar().maximum() > 0:
        problems.append(
            f"the admin screen scrolls by {screen.scroll.verticalScrollBar().maximum()}"
        )
    for area in [screen.scroll, *editor.findChildren(QAbstractScrollArea)]:
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
            problems.append(f"{area.objectName() or type(area).__name__} scrolls sideways")
    window_rect = window.rect()
    for kind in CONTROLS:
        for control in editor.findChildren(kind):
            if not control.isVisible():
                continue
            name = control.objectName() or getattr(control, "text", lambda: "")()
            if control.width() < control.minimumSizeHint().width():
                problems.append(f"{name} is squeezed")
            area = enclosing_area(control, editor)
            top_left = control.mapTo(window, QPoint(0, 0))
            rect = QRect(top_left, control.size())
            if area is None:
                if not window_rect.contains(rect):
                    problems.append(f"{name} is cut by the window: {rect}")
            else:
                viewport = area.viewport()
                left = control.mapTo(viewport, QPoint(0, 0)).x()
                if left < 0 or left + control.width() > viewport.width():
                    problems.append(f"{name} is cut sideways in its scrolled part")
    return problems


def assert_fits(qtbot, window, editor) -> None:
    """Once the layouts waiting in the event queue are done, nothing is out of place."""
    with contextlib.suppress(qtbot.TimeoutError):  # then said in full below
        qtbot.waitUntil(lambda: not layout_problems(window, editor), timeout=3000)
    problems = layout_problems(window, editor)
    assert problems == [], "\n".join(problems)


@pytest.mark.usefixtures("admin_pin")
def test_the_editor_fits_1280_by_800_in_each_of_its_parts(qtbot, window):
    window.resize(1280, 800)
    screen = open_admin(qtbot, window)
    press(qtbot, screen.section_buttons["tutorials"])
    page = screen.pages["tutorials"]
    editor = page.open_tutorial("ameli-attestation")
    try:
        assert not screen.title.isVisible() and not screen.leave_button.isVisible()
        qtbot.waitUntil(lambda: editor.preview.view.width() > 0)
        editor.preview.refresh_now()
        assert_fits(qtbot, window, editor)
        # A sentence in the status line (it wraps) does not make the admin screen scroll.
        editor._say("Brouillon enregistré à 21:22. " * 3)
        assert_fits(qtbot, window, editor)
        practice = next(i for i, s in enumerate(editor.steps) if s.get("practice"))
        editor.show_step(practice)
        editor.preview.refresh_now()
        # The practice page needs more width than the preview's half: drawn smaller, whole.
        assert editor.preview.view.zoom < 1
        assert_fits(qtbot, window, editor)
        press(qtbot, editor.preview.scale_buttons[2.0])
        editor.preview.refresh_now()
        assert_fits(qtbot, window, editor)
        editor.show_part("tutorial")
        for part_scroll in editor.part_scrolls.values():
            part_scroll.verticalScrollBar().setValue(part_scroll.verticalScrollBar().maximum())
        assert_fits(qtbot, window, editor)
        # The on-screen keyboard under the editor: still no scroll bar around it.
        editor.show_part("step")
        preview_height = editor.preview.view.height()
        screen.keyboard.open_for(editor.fields[("step", "text")])
        assert_fits(qtbot, window, editor)
        # The preview stays big enough to read while typing: the findings step aside.
        qtbot.waitUntil(lambda: not editor.findings.isVisible())
        qtbot.waitUntil(lambda: editor.preview.view.height() >= 150)
        assert editor.check_summary.isVisible()
        screen.keyboard.keyboard.close_keyboard()
        qtbot.waitUntil(lambda: editor.findings.isVisible())
        assert editor.preview.view.height() == preview_height
        # Back to the list: the admin screen's title and sections come back.
        press(qtbot, editor.back_button)
        assert screen.title.isVisible() and screen.leave_button.isVisible()
    finally:
        page.close_editor()
