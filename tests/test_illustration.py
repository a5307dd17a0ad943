"""A step's drawing is never cut: whatever width its column is given, the picture drawn fits
inside it (seen: in the editor's preview, the text column took the room and the drawing was
drawn 200 px wide in a 110 px column, both sides cut off)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.widgets import Illustration, TextLabel
from tests.packs import SVG

WIDE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="300">'
    b'<rect x="0" y="0" width="800" height="300" fill="#0b3d91"/></svg>'
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    width=st.integers(min_value=120, max_value=1400),
    long_word=st.text(alphabet="abcdefghij", min_size=5, max_size=40),
    svg=st.sampled_from([SVG, WIDE_SVG]),
)
def test_the_drawing_fits_in_its_column_at_any_width(qtbot, width, long_word, svg):
    row = QWidget()
    qtbot.addWidget(row)
    layout = QHBoxLayout(row)
    text = TextLabel()
    text.setText(f"Touchez le bouton {long_word.upper()} puis continuez.")
    layout.addWidget(text, 3)
    drawing = Illustration()
    layout.addWidget(drawing, 2)
    drawing.set_image(svg, "Un dessin d'essai.")
    row.resize(width, 400)
    row.show()
    qtbot.waitExposed(row)
    drawing.set_image(svg, "Un dessin d'essai.")  # drawn at the width it has now
    pixmap = drawing.pixmap()
    assert not pixmap.isNull()
    drawn_width = pixmap.width() / pixmap.devicePixelRatio()
    assert drawn_width <= drawing.width()
