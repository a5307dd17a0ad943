"""Every citizen: keyboard alone, names for assistive technology, contrast, targets, languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit

from kiosk.core.contrast import contrast_ratio
from kiosk.ui.theme import PALETTES, text_pairs, ui_pairs
from tests.test_look import visit_every_screen


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_both_themes_reach_the_contrast_goals(name):
    palette = PALETTES[name]
    for pair, (fg, bg) in text_pairs(palette).items():
        assert contrast_ratio(fg, bg) >= 7.0, (name, pair)
    for pair, (fg, bg) in ui_pairs(palette).items():
        assert contrast_ratio(fg, bg) >= 3.0, (name, pair)


def test_high_contrast_switches_from_any_screen_and_resets(qtbot, window):
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.display_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.contrast_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.display_panel.close_button, Qt.MouseButton.LeftButton)
    assert "#000000" in window.styleSheet() and window.contrast_button.isChecked()
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.leave_confirmation.leave_button, Qt.MouseButton.LeftButton)
    assert not window.contrast_button.isChecked() and "#ffffff" in window.styleSheet()


def press(qtbot, key=Qt.Key.Key_Return) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_whole_journey_by_key_presses_only(qtbot, window):
    window.activateWindow()
    assert QApplication.focusWidget() is window.welcome.start_button
    press(qtbot)
    assert window.current_screen() is window.home
    assert QApplication.focusWidget() is window.home.search_field
    qtbot.keyClicks(window.home.search_field, "attestation")
    press(qtbot)
    for _ in range(5):  # the search button, "back to the topics", then the first result
        press(qtbot, Qt.Key.Key_Tab)
        if QApplication.focusWidget().objectName().startswith("tutorial-"):
            break
    assert QApplication.focusWidget().objectName() == "tutorial-ameli-attestation"
    press(qtbot, Qt.Key.Key_Space)
    assert window.current_screen() is window.overview
    press(qtbot)
    player = window.player
    for _ in player.tutorial.steps:
        assert QApplication.focusWidget() is player.next_button
        press(qtbot)
    assert window.current_screen() is window.completion
    assert QApplication.focusWidget() is window.completion.home_button


def test_tab_goes_round_without_a_trap(qtbot, window):
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    window.open_tutorial("franceconnect")
    first = QApplication.focusWidget()
    seen = []
    for _ in range(40):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is first:
            break
    assert seen[-1] is first, "Tab never came back: a focus trap"
    assert window.home_button in seen and window.finish_button in seen
    assert window.overview.back_button in seen
    press(qtbot, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is seen[-2]


NAMED_ROLES = {
    QAccessible.Role.PushButton,
    QAccessible.Role.EditableText,
    QAccessible.Role.Graphic,
    QAccessible.Role.CheckBox,
    QAccessible.Role.Button if hasattr(QAccessible.Role, "Button") else QAccessible.Role.PushButton,
}


def unnamed(interface, found: list[str], depth: int = 0) -> None:
    if interface is None or not interface.isValid() or depth > 40:
        return
    state = interface.state()
    name = interface.text(QAccessible.Text.Name).strip()
    if not state.invisible and interface.role() in NAMED_ROLES and not name:
        widget = interface.object()
        found.append(f"{interface.role()} {type(widget).__name__} {widget.objectName()}")
    for index in range(interface.childCount()):
        unnamed(interface.child(index), found, depth + 1)


def test_every_button_field_and_image_has_a_name(qtbot, window):
    for screen in visit_every_screen(qtbot, window):
        QApplication.processEvents()
        found: list[str] = []
        unnamed(QAccessible.queryAccessibleInterface(window), found)
        assert found == [], screen.screen_title()
        assert screen.accessibleName() == screen.screen_title()
    for illustration in [window.player.illustration]:
        assert illustration.accessibleName()


def test_targets_are_at_least_8_px_apart(qtbot, window):
    for screen in visit_every_screen(qtbot, window):
        QApplication.processEvents()
        buttons = [
            b for b in window.findChildren(QAbstractButton) if b.isVisible() and b.width() > 0
        ]
        for button in buttons:
            assert button.height() >= 88, button.accessibleName()
        # What a finger can touch: the part of each button not hidden by a scroll area.
        rects = []
        for button in buttons:
            seen = button.visibleRegion().boundingRect()
            if not seen.isEmpty():
                rects.append(QRect(button.mapTo(window, seen.topLeft()), seen.size()))
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert not a.adjusted(-7, -7, 7, 7).intersects(b), screen.screen_title()


def test_language_changes_live_and_keeps_the_place(qtbot, window):
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    window.open_tutorial("ameli-attestation")
    qtbot.mouseClick(window.overview.start_button, Qt.MouseButton.LeftButton)
    player = window.player
    while player.step.id != "log-in":
        qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
    field = player.page.rows[0].edit
    qtbot.keyClicks(field, "2 56")
    french_intro = player.page.intro.text()
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    chooser = window.language_chooser
    assert chooser.isVisible() and chooser.buttons["fr"].isChecked()
    qtbot.mouseClick(chooser.buttons["en"], Qt.MouseButton.LeftButton)
    assert not chooser.isVisible()
    assert player.position_label.text() == "Step 3 of 8"
    assert player.title.text() == "Log in to the ameli account"
    assert player.page.rows[0].edit is field and field.text() == "2 56"
    # The exercise's own texts switch too: the page's introduction and the field's name.
    assert player.page.intro.text() != french_intro
    assert player.page.intro.text().startswith("Practise with")
    assert player.page.rows[0].label.text() == "Numéro de sécurité sociale (social security number)"
    assert field.accessibleName() == player.page.rows[0].label.text()
    assert window.language_button.text() == "English"
    assert player.next_button.text() == "Next"


def test_arabic_mirrors_the_layout_and_falls_back_to_french_content(qtbot, window):
    qtbot.mouseClick(window.welcome.language_buttons["ar"], Qt.MouseButton.LeftButton)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    from kiosk.ui.widgets import directed, icon

    assert directed("next") == "previous"  # "Next" points left when reading right to left
    expected = icon("previous", "#ffffff").pixmap(40, 40).toImage()
    assert window.player.next_button.icon().pixmap(40, 40).toImage() == expected
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    window.open_tutorial("franceconnect")
    assert window.overview.fallback_note.isVisible()
    assert window.overview.speech_language() == "fr"
    assert window.overview.fallback_note.text() in window.overview.speech_sentences()
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.leave_confirmation.leave_button, Qt.MouseButton.LeftButton)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_arrows_turn_on_screens_built_before_the_language_changes(qtbot, window):
    """The screens are built right after the first frame, in the language of the welcome."""
    from kiosk.ui.widgets import icon

    qtbot.waitUntil(lambda: "overlays" in window.warm_up_seconds)  # every screen is built
    next_button = window.player.next_button
    assert (
        next_button.icon().pixmap(40, 40).toImage()
        == icon("next", "#ffffff").pixmap(40, 40).toImage()
    )
    qtbot.mouseClick(window.welcome.language_buttons["ar"], Qt.MouseButton.LeftButton)
    expected = icon("previous", "#ffffff").pixmap(40, 40).toImage()
    assert next_button.icon().pixmap(40, 40).toImage() == expected
    qtbot.mouseClick(window.welcome.language_buttons["fr"], Qt.MouseButton.LeftButton)
    expected = icon("next", "#ffffff").pixmap(40, 40).toImage()
    assert next_button.icon().pixmap(40, 40).toImage() == expected


def test_a_password_is_never_read_aloud(qtbot, window):
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    window.start_tutorial("franceconnect")
    player = window.player
    while player.step.id != "type-password":
        qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
    password = next(r for r in player.page.rows if r.item.masked)
    assert password.edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(password.edit, "Secret-Pass-2026")
    assert not any("Secret-Pass" in s for s in player.speech_sentences())
