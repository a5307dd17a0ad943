"""Kiosk rules: contrast ≥ 7:1, big text, big targets, and nothing cut at 200 % text."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.core.contrast import contrast_ratio
from kiosk.ui.theme import BODY_PT, TEXT_PAIRS, TITLE_PT, UI_PAIRS, font_sizes
from tests.conftest import set_text_size


def test_wcag_formula_on_known_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(TEXT_PAIRS))
def test_every_text_colour_pair_reaches_7_to_1(name):
    assert contrast_ratio(*TEXT_PAIRS[name]) >= 7.0


@pytest.mark.parametrize("name", sorted(UI_PAIRS))
def test_focus_and_borders_reach_3_to_1(name):
    assert contrast_ratio(*UI_PAIRS[name]) >= 3.0


def test_text_sizes():
    assert BODY_PT >= 20 and TITLE_PT >= 28
    assert font_sizes(2.0) == {"body": 40, "title": 56, "big_title": 80, "button": 26}


def visit_every_screen(qtbot, window):
    """Yield each main screen with content, as a person would reach it."""
    yield window.welcome
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    yield window.home
    window.home.show_category("sante")
    yield window.home
    window.open_tutorial("ameli-attestation")
    yield window.overview
    qtbot.mouseClick(window.overview.start_button, Qt.MouseButton.LeftButton)
    player = window.player
    for _ in player.tutorial.steps:
        yield player
        qtbot.mouseClick(player.next_button, Qt.MouseButton.LeftButton)
    yield window.completion


def settle(qtbot, window) -> None:
    """New widgets get their scaled font when polished; layouts follow a pass or two later."""
    from pytestqt.exceptions import TimeoutError as WaitTimeout

    # On time-out, the caller's assertion lists what is still clipped.
    with contextlib.suppress(WaitTimeout):
        qtbot.waitUntil(lambda: not clipped(window), timeout=500)


def visible(window, kind):
    return [w for w in window.findChildren(kind) if w.isVisible() and w.width() > 0]


def clipped(window) -> list[str]:
    problems = []
    for label in visible(window, QLabel):
        if not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())  # margins included
            if needed > label.height() + 1:
                problems.append(f"label {label.text()[:40]!r}: {needed} > {label.height()}")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"label {label.text()[:40]!r} too narrow")
    for button in visible(window, QAbstractButton):
        wraps = button.hasHeightForWidth()  # its label goes to the next line
        if not wraps and button.text() and button.sizeHint().width() > button.width() + 1:
            needed = button.sizeHint().width()
            problems.append(f"button {button.text()!r} too narrow: {needed} > {button.width()}")
        # 2 px: a grid of wrapped tiles may round each row down by a pixel; its margins are 14.
        needed = button.heightForWidth(button.width()) if wraps else 0
        if needed > button.height() + 2:
            problems.append(f"button {button.accessibleName()!r} too short")
    return problems


@pytest.mark.parametrize("scale_clicks", [0, 3])
def test_nothing_is_clipped_at_100_and_200_percent(qtbot, window, scale_clicks):
    set_text_size(qtbot, window, scale_clicks)
    assert window.text_scale == (2.0 if scale_clicks else 1.0)
    for screen in visit_every_screen(qtbot, window):
        assert window.current_screen() is screen
        settle(qtbot, window)
        assert clipped(window) == [], screen.screen_title()


def test_buttons_are_at_least_88_px_tall_with_a_name(qtbot, window):
    for _screen in visit_every_screen(qtbot, window):
        QApplication.processEvents()
        for button in visible(window, QAbstractButton):
            assert button.height() >= 88, button.accessibleName()
            assert button.accessibleName(), button.text()


def test_reading_text_really_grows(qtbot, window):
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    title = window.home.title
    before = title.fontInfo().pointSize()
    qtbot.mouseClick(window.display_button, Qt.MouseButton.LeftButton)
    levels = []
    for _ in range(3):  # 200 % in three presses, each level shown
        qtbot.mouseClick(window.bigger_button, Qt.MouseButton.LeftButton)
        levels.append(window.display_panel.level.text())
    assert levels == ["Texte : 125 %", "Texte : 150 %", "Texte : 200 %"]
    assert not window.bigger_button.isEnabled()
    assert title.fontInfo().pointSize() == 2 * before == 2 * TITLE_PT
    qtbot.mouseClick(window.smaller_button, Qt.MouseButton.LeftButton)
    assert window.text_scale == 1.5


def test_a_screen_whose_content_fits_shows_no_scroll_bar(qtbot, window):
    """Wrapped texts used to make Qt reserve their narrowest height: a useless scroll bar."""
    from PySide6.QtWidgets import QScrollArea

    area = window.welcome.findChild(QScrollArea)
    # Once the screens built after the first frame are done: until then a layout may still
    # be on its way, and a bar may show for a moment.
    qtbot.waitUntil(lambda: "overlays" in window.warm_up_seconds)
    qtbot.waitUntil(lambda: area.viewport().height() > 600)
    assert not area.verticalScrollBar().isVisible()
    set_text_size(qtbot, window, 3)  # at 200 % the same content no longer fits: it scrolls
    qtbot.waitUntil(lambda: area.verticalScrollBar().isVisible())
