"""The next step's simulated page is made while the person reads: "Suivant" only shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.store.activity_store import ActivityStore


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def step_before(qtbot, window, tutorial_id: str, step_id: str) -> int:
    """Open the tutorial and go to the step just before ``step_id``; its index."""
    click(qtbot, window.welcome.start_button)
    window.open_tutorial(tutorial_id)
    click(qtbot, window.overview.start_button)
    player = window.player
    target = next(i for i, s in enumerate(player.tutorial.steps) if s.id == step_id)
    while player.index + 1 < target:
        click(qtbot, player.next_button)
    return target


def test_suivant_shows_the_page_made_in_idle_turns(qtbot, window, db):
    player = window.player
    target = step_before(qtbot, window, "ameli-attestation", "log-in")
    qtbot.waitUntil(lambda: player._prepared_for == ("ameli-attestation", target))
    prepared = player._prepared
    assert prepared is not None and not prepared.isVisible()
    click(qtbot, player.next_button)
    assert player.page is prepared and prepared.isVisible()
    assert prepared.header.text() == "ameli.fr — simulation"
    (row,) = prepared.rows
    assert row.edit.text() == ""
    qtbot.keyClicks(row.edit, "1")
    click(qtbot, prepared.submit_button)
    (attempt,) = ActivityStore(db).attempts()
    assert (attempt["tutorial_id"], attempt["step"]) == ("ameli-attestation", target)


def test_a_page_left_is_never_shown_again(qtbot, window):
    """Précédent then Suivant: a new page, nothing typed survives leaving a step."""
    player = window.player
    target = step_before(qtbot, window, "ameli-attestation", "log-in")
    click(qtbot, player.next_button)
    first = player.page
    qtbot.keyClicks(first.rows[0].edit, "2 56")
    click(qtbot, player.previous_button)
    qtbot.waitUntil(lambda: player._prepared is not None)
    click(qtbot, player.next_button)
    assert player.index == target
    assert player.page is not first and player.page.rows[0].edit.text() == ""


def test_a_page_made_in_french_follows_a_change_of_language(qtbot, window):
    player = window.player
    target = step_before(qtbot, window, "ameli-attestation", "log-in")
    qtbot.waitUntil(lambda: player._prepared_for == ("ameli-attestation", target))
    click(qtbot, window.language_button)
    click(qtbot, window.language_chooser.buttons["en"])
    click(qtbot, player.next_button)
    assert player.page.language == "en"
    assert player.page.banner.text().startswith("Simulation: nothing is sent")


def test_the_end_of_a_visit_drops_the_page_made_in_advance(qtbot, window):
    player = window.player
    target = step_before(qtbot, window, "ameli-attestation", "log-in")
    qtbot.waitUntil(lambda: player._prepared_for == ("ameli-attestation", target))
    prepared = player._prepared
    window.end_session("idle")
    assert player._prepared is None
    qtbot.waitUntil(lambda: not prepared.parent())


def test_the_next_steps_drawing_is_drawn_in_idle_turns(qtbot, window, monkeypatch):
    """A plain step's drawing is rendered while the person reads the one before: "Suivant"
    shows that very pixmap, and renders nothing."""
    from kiosk.ui import widgets

    player = window.player
    click(qtbot, window.welcome.start_button)
    tutorial = next(
        t
        for t in (
            window.services.content.tutorial(s.id) for s in window.services.content.tutorials()
        )
        if t is not None
        and any(
            a.practice is None and b.practice is None and b.image
            for a, b in zip(t.steps, t.steps[1:], strict=False)
        )
    )
    window.open_tutorial(tutorial.id)
    click(qtbot, window.overview.start_button)
    steps = tutorial.steps
    while not (steps[player.index + 1].image and steps[player.index + 1].practice is None):
        click(qtbot, player.next_button)
    following = steps[player.index + 1]
    data = window.services.content.image(tutorial.id, following.image)
    qtbot.waitUntil(lambda: player.illustration.drawn(data) is not None)
    drawn = player.illustration.drawn(data)
    rendered: list[object] = []
    monkeypatch.setattr(widgets.Illustration, "_draw", lambda *a: rendered.append(a))
    click(qtbot, player.next_button)
    assert player.illustration.isVisible()
    assert player.illustration.pixmap().cacheKey() == drawn.cacheKey()
    assert rendered == []
    assert player.illustration.accessibleName() == following.image_alt.get("fr", "")
