"""The admin screen on the kiosk's own screens (1280 × 800 and 1024 × 768): a header that
leaves the section most of the height, the six sections on one line, and one scroll, that a
finger moves, for a long section (the header once took 470 px of 800, and three scroll bars
stood side by side: the screen's, the one around the page, the page's own).

Through the real window, its real stores on a real SQLite file; a finger's swipe as Qt's
QScroller reads it (touch events, see tests/test_touch.py).
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollBar, QScroller, QWidget

from kiosk.store.settings_store import SettingsStore
from kiosk.ui.touch_scroll import enclosing_scroll_area
from tests.test_admin import admin_pin, open_admin  # noqa: F401 (a fixture)

SIZES = [(1280, 800), (1024, 768)]
LONG_SECTIONS = ("settings", "packs", "statistics", "audit")


def visible_height(widget: QWidget) -> int:
    """How many rows of pixels of ``widget`` the person sees (clipped by what holds it)."""
    return widget.visibleRegion().boundingRect().height() if widget.isVisible() else 0


def scroll_bars_in_use(
    screen: QWidget, orientation: Qt.Orientation = Qt.Orientation.Vertical
) -> list[QScrollBar]:
    """The scroll bars shown under the admin screen that have something to scroll."""
    return [
        bar
        for bar in screen.findChildren(QScrollBar)
        if bar.orientation() == orientation and bar.isVisible() and bar.maximum() > 0
    ]


def rows_of(buttons: list[QWidget]) -> set[int]:
    """The heights (y, in px) the buttons' tops are at: one for buttons on one line."""
    return {button.mapTo(button.window(), QPoint(0, 0)).y() for button in buttons}


def opened(qtbot, screen, key: str) -> QWidget:
    """Open the section ``key`` with its button, once its page has read what it shows."""
    from tests.conftest import press

    press(qtbot, screen.section_buttons[key])
    page = screen.pages[key]
    if key == "statistics":
        qtbot.waitUntil(lambda: page.stats is not None, timeout=10_000)
    elif key == "packs":
        qtbot.waitUntil(lambda: not page.reading_checks and bool(page.checks), timeout=10_000)
    return page


def swipe_up_from(qtbot, widget: QWidget, point: QPoint, distance: int = 300) -> None:
    """A finger put on ``widget`` at ``point``, moved up ``distance`` px in 20 small moves,
    then lifted (the small waits are the gesture's own speed, read by QScroller)."""
    device = QTest.createTouchDevice()
    window = widget.window()
    start = widget.mapTo(window, point)
    QTest.touchEvent(window, device).press(0, start).commit()
    for step in range(1, 21):
        qtbot.wait(10)
        QTest.touchEvent(window, device).move(0, start - QPoint(0, distance * step // 20)).commit()
    QTest.touchEvent(window, device).release(0, start - QPoint(0, distance)).commit()


@pytest.fixture
def long_journal(db):
    """Sixty audited changes: more rows than the screen holds."""
    settings = SettingsStore(db)
    for number in range(60):
        settings.set("speech_rate", 120 + number, by="admin")


@pytest.mark.parametrize("size", SIZES, ids=["1280x800", "1024x768"])
@pytest.mark.usefixtures("admin_pin", "long_journal")
def test_each_section_gets_the_room_under_a_header_on_one_line(qtbot, window, size):
    window.resize(*size)
    screen = open_admin(qtbot, window)
    buttons = list(screen.section_buttons.values())
    for key in screen.section_buttons:
        opened(qtbot, screen, key)
        # Once the layouts waiting in the event queue are done (then said in full below).
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(lambda: len(rows_of(buttons)) == 1, timeout=2000)
        # The header, whole and in sight: the title, the two ways out, the six sections on one
        # line, each a touch target of at least 48 px.
        for widget in (screen.title, screen.leave_button, screen.exit_button, *buttons):
            assert visible_height(widget) == widget.height() > 0, (key, widget.objectName())
        assert len(rows_of(buttons)) == 1, key
        assert all(b.height() >= 48 for b in buttons)
        # The section under it gets most of the screen (it had 310 px of 800).
        assert visible_height(screen.stack) >= (500 if size == (1280, 800) else 450), key
        assert screen.scroll.verticalScrollBar().maximum() == 0, key


@pytest.mark.parametrize("size", SIZES, ids=["1280x800", "1024x768"])
@pytest.mark.usefixtures("admin_pin", "long_journal")
def test_a_long_section_has_one_scroll_bar_and_no_table_scrolls_inside_it(qtbot, window, size):
    """Settings, packs, statistics, the journal: each longer than the screen, each with one
    scroll bar, its page's; its tables show all their rows (a swipe moves the page)."""
    window.resize(*size)
    screen = open_admin(qtbot, window)
    for key in LONG_SECTIONS:
        page = opened(qtbot, screen, key)
        qtbot.waitUntil(lambda: len(scroll_bars_in_use(screen)) >= 1)
        bars = scroll_bars_in_use(screen)
        holders = [bar.parentWidget().parentWidget() for bar in bars]
        assert len(bars) == 1, (key, [h.objectName() or type(h).__name__ for h in holders])
        assert page.isAncestorOf(bars[0]) or holders[0].widget() is page, key
        # Nor does anything scroll sideways (the journal's table did, by its detail column).
        assert scroll_bars_in_use(screen, Qt.Orientation.Horizontal) == [], key


@pytest.mark.usefixtures("admin_pin")
def test_a_finger_swipe_on_the_packs_page_scrolls_it_and_the_header_stays(qtbot, window):
    """The finger lands on the table of "vérifié le" dates: the page moves, rows and all."""
    screen = open_admin(qtbot, window)
    page = opened(qtbot, screen, "packs")
    table = page.checks_table
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().maximum() > 200)
    shown = table.visibleRegion().boundingRect()
    assert shown.height() >= 60, "the table starts in sight"
    swipe_up_from(qtbot, table, QPoint(table.width() // 2, shown.top() + shown.height() // 2))
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().value() > 100)
    assert screen.scroll.verticalScrollBar().value() == 0
    assert visible_height(screen.leave_button) == screen.leave_button.height()


@pytest.mark.usefixtures("admin_pin", "long_journal")
def test_a_finger_swipe_on_the_journal_scrolls_it(qtbot, window):
    """The journal's page is put in the admin screen's swipe area: a finger on its table
    moves the page."""
    screen = open_admin(qtbot, window)
    page = opened(qtbot, screen, "audit")
    assert page.table.rowCount() >= 60
    area = enclosing_scroll_area(page)
    assert area is not None and area.widget() is page  # the swipe area the screen put it in
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 1000)
    table = page.table
    shown = table.visibleRegion().boundingRect()
    swipe_up_from(qtbot, table, QPoint(table.width() // 2, shown.top() + shown.height() // 2))
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 100)


@pytest.mark.usefixtures("admin_pin")
def test_the_editor_still_takes_the_whole_screen_and_gives_it_back(qtbot, window):
    screen = open_admin(qtbot, window)
    from tests.conftest import press

    page = opened(qtbot, screen, "tutorials")
    editor = page.open_tutorial("ameli-attestation")
    try:
        assert screen.whole_screen and not screen.header.isVisible()
        qtbot.waitUntil(lambda: visible_height(screen.stack) >= 760)
    finally:
        press(qtbot, editor.back_button)  # its timers stop before the database closes
    assert screen.header.isVisible()
    qtbot.waitUntil(lambda: visible_height(screen.stack) >= 500)
    assert visible_height(screen.leave_button) == screen.leave_button.height()
    assert screen.scroll.verticalScrollBar().maximum() == 0


@pytest.mark.usefixtures("admin_pin")
def test_a_finger_moves_the_list_of_tutorials_and_a_tap_still_opens_one(qtbot, window):
    """The "Tutoriels" section's list is its one scroll: a swipe on it moves it and opens
    nothing; a tap on a tutorial opens it in the editor."""
    screen = open_admin(qtbot, window)
    page = opened(qtbot, screen, "tutorials")
    items = page.list.items
    bar = items.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 100)
    swipe_up_from(qtbot, items.viewport(), QPoint(items.width() // 2, items.height() - 40), 200)
    qtbot.waitUntil(lambda: bar.value() > 50)
    assert page.editor is None
    # Once the list has stopped gliding (a tap on a gliding list only stops it, as on a phone).
    scroller = QScroller.scroller(items.viewport())
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive)
    item = items.item(items.count() - 1)
    items.scrollToItem(item)
    spot = items.visualItemRect(item).center()
    device = QTest.createTouchDevice()
    at = items.viewport().mapTo(window, spot)
    QTest.touchEvent(window, device).press(0, at).commit()
    QTest.touchEvent(window, device).release(0, at).commit()
    qtbot.waitUntil(lambda: page.editor is not None)
    try:
        assert page.editor.tutorial_id == item.data(Qt.ItemDataRole.UserRole)
    finally:
        page.close_editor()  # its timers stop before the database closes


@pytest.mark.usefixtures("admin_pin")
def test_a_short_journal_fills_the_width_and_does_not_scroll_sideways(qtbot, window, db):
    """One change in the journal: its detail column takes the width the others leave (it
    was as wide as its longest text, and the table scrolled sideways)."""
    SettingsStore(db).set("speech_rate", 150, by="admin")
    screen = open_admin(qtbot, window)
    page = opened(qtbot, screen, "audit")
    table = page.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: table.rowCount() >= 1 and header.length() > 0)
    with contextlib.suppress(qtbot.TimeoutError):  # the layouts waiting in the queue; then:
        qtbot.waitUntil(lambda: header.length() == table.viewport().width(), timeout=1000)
    assert header.length() == table.viewport().width()
    assert scroll_bars_in_use(screen, Qt.Orientation.Horizontal) == []
