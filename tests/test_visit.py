"""One owner for the visit (kiosk.core.visit): choices told to listeners, forgotten at the end."""

from __future__ import annotations

import pytest

from kiosk.core.visit import Visit


def test_each_choice_is_told_and_the_end_puts_every_one_back():
    visit = Visit("fr")
    heard = []
    visit.listen(lambda choice, value: heard.append((choice, value)))
    visit.choose_language("ar")
    visit.choose_text_scale(2.0)
    visit.choose_contrast(True)
    visit.keep_place("ameli-attestation", 3)
    visit.auto_read = visit.mediator_helped = True
    assert heard == [("language", "ar"), ("text_scale", 2.0), ("high_contrast", True)]
    heard.clear()
    visit.forget()
    assert heard == [("language", "fr"), ("text_scale", 1.0), ("high_contrast", False)]
    assert visit.place("ameli-attestation") == 0
    assert not visit.auto_read and not visit.mediator_helped


def test_a_size_the_kiosk_does_not_offer_is_refused():
    with pytest.raises(ValueError):
        Visit().choose_text_scale(3.0)


def test_the_window_keeps_no_copy_of_the_visits_choices(qtbot, window):
    """The shell applies what the visit says: a choice made on the visit shows on screen."""
    window.visit.choose_text_scale(1.5)
    assert window.text_scale == 1.5
    assert window.appearance.scale == 1.5
    window.visit.choose_language("uk")
    assert window.session.language == "uk"
    assert window.welcome.screen_title() != "Bienvenue sur Pas à pas"
    window.end_session("finished")
    assert window.text_scale == 1.0 and window.session.language == "fr"
