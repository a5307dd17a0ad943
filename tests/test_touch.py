"""The citizen on a real touch screen: swipes, double taps, the keyboard, leaving, text size.

Each test is one fault seen on a kiosk's touch screen (issue #10), driven through the real
window with touch or mouse events as a finger would make them.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from kiosk.core.second_tap import SECOND_TAP_SECONDS, SecondTapGuard
from kiosk.store.activity_store import ActivityStore
from kiosk.ui.touch_scroll import TouchScrollArea, enclosing_scroll_area
from tests.conftest import FakeClock, press, set_text_size
from tests.test_look import clipped, settle
from tests.test_practice import open_step


@pytest.fixture
def clock(window) -> FakeClock:
    manual = FakeClock()
    window.tap_guard.clock = manual
    return manual


def in_sight(widget, top: int = 0, height: int | None = None) -> bool:
    """The band ``top``…``top + height`` of ``widget`` shows in its scroll area's viewport."""
    area = enclosing_scroll_area(widget)
    band = widget.height() if height is None else height
    y = widget.mapTo(area.viewport(), QPoint(0, top)).y()
    return widget.isVisible() and y >= 0 and y + band <= area.viewport().height()


def swipe_up(qtbot, area: TouchScrollArea, distance: int = 400) -> None:
    """A finger on the screen, moved up ``distance`` px in 20 small moves, then lifted.

    The small waits are the gesture itself (a finger takes time to move), not a wait for a
    result: QScroller reads the finger's speed from them.
    """
    device = QTest.createTouchDevice()
    window = area.window()
    viewport = area.viewport()
    start = viewport.mapTo(window, QPoint(viewport.width() // 2, viewport.height() - 40))
    QTest.touchEvent(window, device).press(0, start).commit()
    for step in range(1, 21):
        qtbot.wait(10)
        QTest.touchEvent(window, device).move(0, start - QPoint(0, distance * step // 20)).commit()
    QTest.touchEvent(window, device).release(0, start - QPoint(0, distance)).commit()


# -- 1. a finger scrolls, and what must be seen is brought into view ----------------------------
def test_a_finger_swipe_scrolls_a_long_step(qtbot, window):
    set_text_size(qtbot, window, 3)
    open_step(qtbot, window, "ameli-attestation", "log-in")
    area = window.player.scroll
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 300)
    assert area.verticalScrollBar().value() == 0
    swipe_up(qtbot, area)
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 100)


def test_a_finger_swipe_scrolls_the_home_and_the_next_person_starts_at_the_top(qtbot, window):
    set_text_size(qtbot, window, 3)
    press(qtbot, window.welcome.start_button)
    area = window.home.findChild(TouchScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 300)
    swipe_up(qtbot, area)
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 100)
    press(qtbot, window.finish_button)
    press(qtbot, window.leave_confirmation.leave_button)
    press(qtbot, window.welcome.start_button)
    assert area.verticalScrollBar().value() == 0


def test_a_tap_on_a_tile_still_opens_it(qtbot, window):
    press(qtbot, window.welcome.start_button)
    card = next(c for c in window.home.cards if c.objectName() == "category-sante")
    center = card.mapTo(window, card.rect().center())
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, center).commit()
    QTest.touchEvent(window, device).release(0, center).commit()
    qtbot.waitUntil(lambda: window.home.heading.text() == "Santé")


def test_the_sentence_being_read_is_scrolled_into_view(qtbot, window):
    from kiosk.core.languages import pick
    from kiosk.core.reading import spoken_sentences

    window.resize(1024, 768)
    set_text_size(qtbot, window, 3)
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("impots-declarer-revenus")
    press(qtbot, window.overview.start_button)
    player = window.player
    while player.step.id != "check-amounts":
        press(qtbot, player.next_button)
    count = len(spoken_sentences(pick(player.step.text, "fr").text))
    qtbot.waitUntil(lambda: player.scroll.verticalScrollBar().maximum() > 0)
    player.highlight_sentence(2 + count - 1)  # the last sentence of the text (0, 1: title)
    top, height = player._sentence_band(count - 1)
    assert top > 0
    qtbot.waitUntil(lambda: in_sight(player.text, top, min(height, 200)))
    player.highlight_sentence(2)  # back to the first one
    qtbot.waitUntil(lambda: in_sight(player.text, 0, 40))


def test_feedback_after_continuer_and_the_box_montrez_moi_shows_are_in_sight(qtbot, window):
    set_text_size(qtbot, window, 3)
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    row = page.rows[0]
    row.edit.setText("1")
    for _ in range(2):
        press(qtbot, page.submit_button)
        window.tap_guard.forget()
    qtbot.waitUntil(lambda: in_sight(row.message))
    press(qtbot, row.show_me_button)
    paper = next(p for p in page.papers if p.shows(row.item.expect))
    qtbot.waitUntil(lambda: in_sight(paper, 0, min(paper.height(), 300)))


# -- 2. a double tap is one press ----------------------------------------------------------------
@pytest.mark.parametrize("gap", [0.12, 0.3])
def test_a_double_tap_on_suivant_moves_exactly_one_step(qtbot, window, clock, gap):
    press(qtbot, window.welcome.start_button)
    clock.advance(2)
    window.open_tutorial("ameli-attestation")
    press(qtbot, window.overview.start_button)
    player = window.player
    assert player.index == 0
    clock.advance(2)
    press(qtbot, player.next_button)
    clock.advance(gap)
    press(qtbot, player.next_button)
    assert player.index == 1
    clock.advance(SECOND_TAP_SECONDS)  # a person who read the step presses again
    press(qtbot, player.next_button)
    assert player.index == 2


def test_a_double_tap_on_commencer_does_not_skip_the_first_step(qtbot, window, clock):
    press(qtbot, window.welcome.start_button)
    clock.advance(2)
    window.open_tutorial("ameli-attestation")
    press(qtbot, window.overview.start_button)
    clock.advance(0.2)
    press(qtbot, window.player.next_button)  # the same place on the screen
    assert window.player.index == 0


def test_a_double_press_by_keyboard_is_one_press_too(qtbot, window, clock):
    press(qtbot, window.welcome.start_button)
    clock.advance(2)
    window.open_tutorial("franceconnect")
    press(qtbot, window.overview.start_button)
    clock.advance(2)
    player = window.player
    qtbot.keyClick(player.next_button, Qt.Key.Key_Return)
    clock.advance(0.1)
    qtbot.keyClick(player.next_button, Qt.Key.Key_Return)
    assert player.index == 1


def test_continuer_twice_on_a_solved_practice_records_one_success(qtbot, window, db):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    row = page.rows[0]
    row.edit.setText(page.exercise.expected(row.item))
    for extra in (page.submit_button, page.submit_button):
        if extra.isVisible():
            press(qtbot, extra)
    page.submit()  # Entrée in the field, after the button was hidden
    successes = [e for e in ActivityStore(db).events() if e["kind"] == "practice_succeeded"]
    assert len(successes) == 1


def test_the_guard_accepts_again_after_its_delay():
    clock = FakeClock()
    guard = SecondTapGuard(clock)
    assert guard.accept()
    clock.advance(SECOND_TAP_SECONDS / 2)
    assert not guard.accept()
    clock.advance(SECOND_TAP_SECONDS)
    assert guard.accept()
    guard.forget()
    assert guard.accept()


# -- 3. the search typed with the on-screen keyboard only -----------------------------------------
def test_the_search_can_be_typed_on_the_on_screen_keyboard(qtbot, window):
    press(qtbot, window.welcome.start_button)
    home = window.home
    press(qtbot, home.keyboard_button)
    keyboard = window.keyboard
    assert keyboard.isVisible()
    for key in "impot":
        press(qtbot, keyboard.keys[key])
    assert home.search_field.text() == "impot"
    qtbot.waitUntil(lambda: any(c.objectName() == "tutorial-franceconnect" for c in home.cards))
    assert in_sight(home.search_field)
    press(qtbot, keyboard.close_button)
    assert not keyboard.isVisible()
    press(qtbot, home.erase_button)
    assert home.search_field.text() == ""
    assert not home.erase_button.isVisible()


def test_the_keyboard_never_covers_the_field_it_types_into(qtbot, window):
    window.resize(1024, 768)
    set_text_size(qtbot, window, 3)
    page = open_step(qtbot, window, "franceconnect", "type-password")
    row = page.rows[-1]
    press(qtbot, row.keyboard_button)
    keyboard = window.keyboard
    qtbot.waitUntil(lambda: in_sight(row.edit))
    field_bottom = row.edit.mapTo(window, QPoint(0, row.edit.height())).y()
    assert field_bottom <= keyboard.mapTo(window, QPoint(0, 0)).y()


# -- 4. leaving asks first; the place is kept -----------------------------------------------------
def test_terminer_asks_first_and_no_keeps_everything(qtbot, window, db):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    page.rows[0].edit.setText("12")
    press(qtbot, window.finish_button)
    confirmation = window.leave_confirmation
    assert confirmation.isVisible()
    assert confirmation.message.text() == "Tout ce que vous avez fait ici sera effacé."
    assert QApplication.focusWidget() is confirmation.stay_button  # Entrée erases nothing
    press(qtbot, confirmation.stay_button)
    assert not confirmation.isVisible()
    assert window.current_screen() is window.player and page.rows[0].edit.text() == "12"
    assert ActivityStore(db).sessions()[0]["ended_at"] is None


def test_terminer_then_yes_erases_the_visit(qtbot, window, db):
    open_step(qtbot, window, "ameli-attestation", "log-in")
    press(qtbot, window.finish_button)
    press(qtbot, window.leave_confirmation.leave_button)
    assert window.current_screen() is window.welcome
    (session,) = ActivityStore(db).sessions()
    assert session["end_reason"] == "finished"


def test_escape_answers_no_to_the_question(qtbot, window):
    press(qtbot, window.welcome.start_button)
    press(qtbot, window.finish_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not window.leave_confirmation.isVisible()
    assert window.current_screen() is window.home


def test_accueil_keeps_the_place_and_the_overview_offers_to_resume(qtbot, window):
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("ameli-attestation")
    press(qtbot, window.overview.start_button)
    for _ in range(3):
        press(qtbot, window.player.next_button)
    press(qtbot, window.home_button)
    window.open_tutorial("ameli-attestation")
    overview = window.overview
    assert overview.start_button.text() == "Reprendre à l'étape 4"
    assert overview.place_note.isVisible() and overview.restart_button.isVisible()
    press(qtbot, overview.start_button)
    assert window.player.position_label.text().startswith("Étape 4 sur")
    press(qtbot, window.home_button)
    window.open_tutorial("ameli-attestation")
    press(qtbot, window.overview.restart_button)
    assert window.player.index == 0


def test_the_next_person_is_not_offered_the_previous_ones_place(qtbot, window):
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("ameli-attestation")
    press(qtbot, window.overview.start_button)
    press(qtbot, window.player.next_button)
    press(qtbot, window.finish_button)
    press(qtbot, window.leave_confirmation.leave_button)
    press(qtbot, window.welcome.start_button)
    window.open_tutorial("ameli-attestation")
    assert window.overview.start_button.text() == "Commencer le tutoriel"
    assert not window.overview.restart_button.isVisible()


# -- 5. text size: three presses to 200 %, everything grows, nothing is cut ---------------------
def smallest_capital_height(window) -> tuple[float, str]:
    """The smallest capital H, in px, of every text shown (labels, buttons, fields, papers)."""
    from kiosk.ui.practice.paper_document import PaperDocument

    sizes = []
    for kind in (QLabel, QAbstractButton, QLineEdit):
        for widget in window.findChildren(kind):
            text = widget.text() if not isinstance(widget, QLineEdit) else "x"
            if widget.isVisible() and text.strip():
                sizes.append((QFontMetricsF(widget.font()).capHeight(), text[:40]))
    for paper in window.findChildren(PaperDocument):
        if paper.isVisible():
            for font in paper._fonts():
                sizes.append((QFontMetricsF(font).capHeight(), f"paper {paper.kind}"))
    return min(sizes)


def every_practice_step(content):
    for summary in content.tutorials():
        tutorial = content.tutorial(summary.id)
        for index, step in enumerate(tutorial.steps):
            if step.practice is not None:
                yield tutorial.id, index


def check_screen(qtbot, window, where: str, largest: bool) -> None:
    settle(qtbot, window)
    assert clipped(window) == [], where
    if largest:
        # 6.1 mm at 0.25 mm a pixel: EN 301 549 clause 5.1.4 for closed functionality.
        height, text = smallest_capital_height(window)
        assert height >= 24, f"{where}: {text!r} has a capital H of {height:.1f} px"


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024x768", "1280x800"])
@pytest.mark.parametrize("presses", [0, 3], ids=["100%", "200%"])
def test_every_screen_and_practice_page_fits_and_reads(qtbot, window, content, size, presses):
    window.resize(*size)
    set_text_size(qtbot, window, presses)
    largest = presses == 3
    check_screen(qtbot, window, "welcome", largest)
    press(qtbot, window.welcome.start_button)
    check_screen(qtbot, window, "home", largest)
    window.home.show_category("identite")
    check_screen(qtbot, window, "a theme", largest)
    for open_overlay, overlay in (
        (window._open_language_chooser, lambda: window.language_chooser),
        (window._open_display_panel, lambda: window.display_panel),
        (window.ask_to_leave, lambda: window.leave_confirmation),
        (window.idle._on_idle, lambda: window.idle_warning),
    ):
        open_overlay()
        check_screen(qtbot, window, type(overlay()).__name__, largest)
        overlay().dismiss()
    window.open_tutorial("mon-espace-sante")
    check_screen(qtbot, window, "overview", largest)
    for tutorial_id, index in every_practice_step(window.services.content):
        window.start_tutorial(tutorial_id, index)
        page = window.player.page
        if page.papers:
            page._show_papers(None)
        check_screen(qtbot, window, f"{tutorial_id} step {index + 1}", largest)
    press(qtbot, window.home_button)
    window.citizen.on_completed("mon-espace-sante")
    check_screen(qtbot, window, "completion", largest)


# -- 7. focus and overlays ------------------------------------------------------------------------
def test_focus_after_opening_a_theme_is_on_its_first_tutorial(qtbot, window):
    press(qtbot, window.welcome.start_button)
    card = next(c for c in window.home.cards if c.objectName() == "category-sante")
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert window.home.heading.text() == "Santé"
    assert QApplication.focusWidget() is window.home.cards[0]


def test_focus_after_changing_language_is_on_the_screen_not_the_toolbar(qtbot, window):
    press(qtbot, window.welcome.start_button)
    press(qtbot, window.language_button)
    press(qtbot, window.language_chooser.buttons["en"])
    assert window.home.title.text() == "What do you want to do?"
    assert QApplication.focusWidget() is window.home.search_field


def test_tab_never_reaches_what_an_overlay_hides(qtbot, window):
    press(qtbot, window.welcome.start_button)
    press(qtbot, window.language_button)
    chooser = window.language_chooser
    seen = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.add(QApplication.focusWidget())
    assert seen and all(chooser.isAncestorOf(widget) for widget in seen)
    assert chooser.close_button in seen


def test_escape_goes_back_one_level(qtbot, window):
    press(qtbot, window.welcome.start_button)
    window.home.show_category("sante")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.home.heading.text() == "Choisissez un thème"
    window.open_tutorial("ameli-attestation")
    press(qtbot, window.overview.start_button)
    press(qtbot, window.player.next_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.current_screen() is window.overview
    assert window.overview.start_button.text() == "Reprendre à l'étape 2"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.current_screen() is window.home


def test_in_a_practice_step_tab_reaches_the_exercise_before_suivant(qtbot, window):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    player = window.player
    order = []
    widget = page.rows[0].edit
    for _ in range(30):
        order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is player.next_button:
            break
    assert widget is player.next_button
    assert page.rows[0].edit in order and page.submit_button in order


# -- 9. one obvious next action after "Bravo !" -------------------------------------------------
def test_after_bravo_only_suivant_leads_on(qtbot, window):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    row = page.rows[0]
    row.edit.setText(page.exercise.expected(row.item))
    press(qtbot, page.submit_button)
    assert page.success.isVisible()
    assert "touchez « Suivant »" in page.success.text()
    assert not page.submit_button.isVisible()
    assert QApplication.focusWidget() is window.player.next_button


def test_montrez_moi_clears_the_error_beside_the_answer(qtbot, window):
    page = open_step(qtbot, window, "ameli-attestation", "log-in")
    row = page.rows[0]
    row.edit.setText("1")
    press(qtbot, page.submit_button)
    press(qtbot, page.submit_button)
    assert row.message.isVisible() and row.show_me_button.isVisible()
    press(qtbot, row.show_me_button)
    assert row.edit.text() == page.exercise.expected(row.item)
    assert not row.message.isVisible()
    assert row.hint.isVisible()
