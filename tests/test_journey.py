"""The citizen's whole journey through the real window, as a person would click it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.store.activity_store import ActivityStore
from tests.conftest import set_text_size


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_welcome_search_tutorial_every_step_and_completion(qtbot, window, db):
    assert window.current_screen() is window.welcome
    assert "Touchez l'écran pour commencer" in window.welcome.start_button.text()
    assert not window.finish_button.isVisible()

    click(qtbot, window.welcome.start_button)
    home = window.home
    assert window.current_screen() is home
    assert home.title.text() == "Que voulez-vous faire ?"
    assert window.finish_button.isVisible() and window.home_button.isVisible()

    qtbot.keyClicks(home.search_field, "impot")
    qtbot.waitUntil(lambda: any(c.objectName() == "tutorial-franceconnect" for c in home.cards))
    card = next(c for c in home.cards if c.objectName() == "tutorial-franceconnect")
    assert card.title_label.text() == "Se connecter avec FranceConnect"
    click(qtbot, card)

    overview = window.overview
    assert window.current_screen() is overview
    assert overview.title.text() == "Se connecter avec FranceConnect"
    assert "minutes environ" in overview.facts.text()
    click(qtbot, overview.start_button)

    player = window.player
    total = len(player.tutorial.steps)
    assert total >= 5
    for number in range(1, total + 1):
        assert window.current_screen() is player
        assert player.position_label.text() == f"Étape {number} sur {total}"
        assert player.progress.value() == number and player.progress.maximum() == total
        assert player.title.text() == player.tutorial.steps[number - 1].title["fr"]
        assert player.previous_button.isEnabled() == (number > 1)
        expected = "Finir le tutoriel" if number == total else "Suivant"
        assert player.next_button.text() == expected
        click(qtbot, player.next_button)

    completion = window.completion
    assert window.current_screen() is completion
    assert completion.title.text() == "Bravo !"
    assert "Se connecter avec FranceConnect" in completion.done.text()
    assert completion.address.text() == "franceconnect.gouv.fr"
    assert "2026" in completion.checked.text()

    activity = ActivityStore(db)
    (session,) = activity.sessions()
    assert session["end_reason"] == "completed" and session["ended_at"]
    kinds = [e["kind"] for e in activity.events()]
    assert kinds == ["tutorial_opened"] + ["step_viewed"] * total + ["tutorial_completed"]
    steps = [e["step"] for e in activity.events() if e["kind"] == "step_viewed"]
    assert steps == list(range(total))


def test_previous_goes_back_and_home_is_always_there(qtbot, window):
    click(qtbot, window.welcome.start_button)
    window.open_tutorial("ameli-attestation")
    click(qtbot, window.overview.start_button)
    player = window.player
    click(qtbot, player.next_button)
    assert player.position_label.text().startswith("Étape 2 sur")
    click(qtbot, player.previous_button)
    assert player.position_label.text().startswith("Étape 1 sur")
    click(qtbot, window.home_button)
    assert window.current_screen() is window.home


def test_categories_lead_to_their_tutorials(qtbot, window):
    click(qtbot, window.welcome.start_button)
    home = window.home
    names = [c.objectName() for c in home.cards]
    assert "category-sante" in names and "category-identite" in names
    sante = next(c for c in home.cards if c.objectName() == "category-sante")
    assert sante.icon_label.pixmap() is not None and not sante.icon_label.pixmap().isNull()
    click(qtbot, sante)
    assert home.heading.text() == "Santé"
    names = [c.objectName() for c in home.cards]
    assert "tutorial-ameli-attestation" in names and "tutorial-franceconnect" not in names
    click(qtbot, home.back_button)
    assert "category-sante" in [c.objectName() for c in home.cards]


def test_search_with_no_result_says_so_kindly(qtbot, window):
    click(qtbot, window.welcome.start_button)
    qtbot.keyClicks(window.home.search_field, "zzzzqqq")
    qtbot.keyClick(window.home.search_field, Qt.Key.Key_Return)
    assert window.home.cards == []
    assert "Essayez un autre mot" in window.home.heading.text()


def all_widget_texts(window) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

    texts = []
    for kind in (QLabel, QLineEdit, QAbstractButton):
        texts += [w.text() for w in window.findChildren(kind)]
    return "\n".join(texts)


def test_finish_ends_the_session_and_clears_everything(qtbot, window, db, db_path):
    sentinel = "zorglubsecret"
    click(qtbot, window.welcome.start_button)
    qtbot.keyClicks(window.home.search_field, f"vitale {sentinel}")
    qtbot.keyClick(window.home.search_field, Qt.Key.Key_Return)
    assert sentinel in all_widget_texts(window)
    set_text_size(qtbot, window, 1)
    click(qtbot, window.finish_button)
    click(qtbot, window.leave_confirmation.leave_button)
    assert window.current_screen() is window.welcome
    assert window.home.search_field.text() == ""
    assert window.text_scale == 1.0
    (session,) = ActivityStore(db).sessions()
    assert session["end_reason"] == "finished"
    assert sentinel not in all_widget_texts(window)
    for path in db_path.parent.glob("kiosk.db*"):  # the file, its WAL and shared memory
        assert sentinel.encode() not in path.read_bytes(), path.name


def test_english_interface_from_the_welcome_screen(qtbot, window):
    click(qtbot, window.welcome.language_buttons["en"])
    assert window.welcome.start_button.text() == "Touch the screen to start"
    click(qtbot, window.welcome.start_button)
    assert window.home.title.text() == "What do you want to do?"
    window.open_tutorial("franceconnect")
    assert window.overview.title.text() == "Log in with FranceConnect"
    assert not window.overview.fallback_note.isVisible()
