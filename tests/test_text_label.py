"""A TextLabel remembers its height for the last widths asked (issue #19): whatever happens
to it, its answer is QLabel's own, computed afresh. Real labels, laid out in a real window
under the kiosk's style sheet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.ui.theme import application_style
from kiosk.ui.widgets import RichLabel, TextLabel, restyle

TEXTS = [
    "",
    "Impôts",
    "Demander une attestation de droits à l'Assurance maladie",
    "Ask for a certificate\nof rights online",
    "إنشاء حساب على الموقع",
    "Створити обліковий запис",
    "un_mot_très_long_sans_espace_qui_ne_peut_pas_aller_à_la_ligne",
]
ROLES = [None, "title", "big_title", "card_title", "card_detail", "notice", "warning"]

OPERATIONS = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(TEXTS)),
    st.tuples(st.just("role"), st.sampled_from(ROLES)),
    st.tuples(st.just("margins"), st.integers(0, 30)),
    st.tuples(st.just("indent"), st.integers(-1, 40)),
    st.tuples(st.just("margin"), st.integers(0, 20)),
    st.tuples(st.just("wrap"), st.booleans()),
    st.tuples(st.just("font size"), st.integers(8, 40)),
    st.tuples(st.just("scale"), st.sampled_from([1.0, 1.25, 1.5, 2.0])),
    st.tuples(st.just("direction"), st.booleans()),
    st.tuples(st.just("clear"), st.none()),
    st.tuples(st.just("number"), st.integers(-10_000, 10_000)),
)
WIDTHS = st.lists(st.integers(0, 700) | st.integers(0, 1300), min_size=1, max_size=4)


@pytest.fixture(scope="module")
def page(qapp):
    window = QWidget()
    window.resize(1280, 800)
    window.setStyleSheet(application_style())
    layout = QVBoxLayout(window)
    labels = [TextLabel("card_title"), RichLabel()]
    for label in labels:
        layout.addWidget(label)
    window.show()
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    yield window, labels
    window.close()


def apply(window: QWidget, label: TextLabel, operation: tuple) -> None:
    kind, value = operation
    if kind == "text":
        label.setText(value)
    elif kind == "role":
        restyle(label, "role", value)
    elif kind == "margins":
        label.setContentsMargins(value, value // 2, value, 0)
    elif kind == "indent":
        label.setIndent(value)
    elif kind == "margin":
        label.setMargin(value)
    elif kind == "wrap":
        label.setWordWrap(value)
    elif kind == "font size":
        font = label.font()
        font.setPixelSize(value)
        label.setFont(font)
    elif kind == "scale":
        window.setStyleSheet(application_style() + f"QLabel {{ font-size: {int(18 * value)}px; }}")
    elif kind == "direction":
        window.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if value else Qt.LayoutDirection.LeftToRight
        )
    elif kind == "clear":
        label.clear()
    elif kind == "number":
        label.setNum(value)


@settings(max_examples=200, deadline=None)
@given(st.lists(OPERATIONS, min_size=1, max_size=12), WIDTHS, st.integers(0, 1))
def test_the_remembered_height_is_always_qlabels_own(page, operations, widths, which):
    """The same widths asked after each change (twice: the second answer is the remembered
    one), as Qt's layouts do: a change that left an old height behind shows."""
    window, labels = page
    label = labels[which]
    window.setStyleSheet(application_style())
    for reset in (("text", TEXTS[2]), ("wrap", True), ("indent", -1), ("margin", 0)):
        apply(window, label, reset)
    label.setContentsMargins(0, 0, 0, 0)
    for operation in operations:
        apply(window, label, operation)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for width in widths + widths:
            assert label.heightForWidth(width) == QLabel.heightForWidth(label, width), (
                operation,
                width,
            )


def test_the_height_is_remembered_until_the_text_changes(qapp):
    """Remembered: a second question for the same width does not lay the text out again."""
    window = QWidget()
    window.setStyleSheet(application_style())
    label = TextLabel("card_title")
    QVBoxLayout(window).addWidget(label)
    window.show()
    label.setText(TEXTS[2])
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    first = label.heightForWidth(300)
    assert label._heights[300] == first
    label.setText(TEXTS[1])
    assert label._heights == {}
    assert label.heightForWidth(300) < first  # one word: one line
    window.close()
