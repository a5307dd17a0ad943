"""A container's preferred size does not lay its wrapped texts out again (issue #19,
kiosk.ui.layout_hint): the same geometry, pixel for pixel, with fewer text layouts."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.ui.layout_hint import Container
from kiosk.ui.touch_scroll import TouchScrollArea
from kiosk.ui.widgets import TextLabel
from tests.conftest import press


@pytest.fixture
def layouts(monkeypatch) -> dict[int, list[int]]:
    """The widths at which each label (by id) has its text laid out for its height."""
    asked: dict[int, list[int]] = defaultdict(list)
    plain = QLabel.heightForWidth

    def laid_out(label: QLabel, width: int) -> int:
        asked[id(label)].append(width)
        return plain(label, width)

    # TextLabel asks QLabel's answer through super() for each width it has not seen.
    monkeypatch.setattr(QLabel, "heightForWidth", laid_out)
    return asked


def page(kind: type[QWidget], texts: list[str]) -> tuple[QWidget, list[TextLabel]]:
    content = kind()
    layout = QVBoxLayout(content)
    layout.setContentsMargins(48, 32, 48, 32)
    labels = [TextLabel() for _ in texts]
    for label, text in zip(labels, texts, strict=True):
        label.setText(text)
        layout.addWidget(label)
    layout.addStretch(1)
    return content, labels


def test_a_containers_hint_lays_no_text_out_where_qts_does(qtbot, layouts):
    sentence = "Cliquez sur le bouton bleu en bas de la page pour continuer. " * 3
    for kind, laid_out in ((QWidget, True), (Container, False)):
        content, _labels = page(kind, [sentence, sentence])
        qtbot.addWidget(content)
        content.ensurePolished()
        layouts.clear()
        hint = content.sizeHint()
        assert hint.width() > 0 and hint.height() > 0
        assert bool(layouts) is laid_out, kind  # Qt's own hint lays the texts out once more


WORDS = st.sampled_from(["Ouvrez", "le", "site", "officiel", "FranceConnect", "é", "a" * 40])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.lists(WORDS, min_size=1, max_size=30).map(" ".join), min_size=1, max_size=5),
    width=st.integers(200, 1300),
    height=st.integers(150, 900),
)
def test_the_same_geometry_as_with_qts_hint(qtbot, texts, width, height):
    """In a scroll area, as every screen shows its content: each text at the same place and
    size, and the same height to scroll, whatever the texts and the window's size."""
    shown = []
    for kind in (QWidget, Container):
        content, labels = page(kind, texts)
        area = TouchScrollArea(content)
        qtbot.addWidget(area)
        area.resize(width, height)
        area.show()
        qtbot.waitUntil(lambda area=area: area.widget().height() > 0)
        area.widget().layout().activate()
        shown.append(([label.geometry() for label in labels], content.height()))
        area.close()
    assert shown[0] == shown[1]


def test_a_change_of_language_lays_each_tile_text_out_once(qtbot, window, layouts):
    """With a theme open, each tile's title and detail is laid out at its own width only
    (at four widths before: also the page's, the tiles' smallest and a tile's own hints)."""
    from tests.test_look import settle

    home = window.home
    press(qtbot, window.welcome.start_button)
    press(qtbot, next(c for c in home.cards if c.objectName() == "category-sante"))
    settle(qtbot, window)
    tiles = [card for card in home.cards if card.isVisible()]
    labels = [label for card in tiles for label in (card.title_label, card.detail_label)]
    assert len(tiles) >= 2
    layouts.clear()
    window._on_language_chosen("en")
    qtbot.waitUntil(lambda: all(layouts[id(label)] for label in labels))
    QApplication.sendPostedEvents()  # every layout pass of the change, then the frame
    QApplication.processEvents()
    for label in labels:
        # Its width, and the width beside the scroll bar if the scroll area tried both.
        widths = layouts[id(label)]
        assert label.width() in widths and len(widths) <= 2, (label.text(), widths)
