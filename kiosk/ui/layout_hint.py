"""A preferred size that does not lay the wrapped texts out again (issue #19).

A widget whose layout holds wrapping texts has a height for each width (``heightForWidth``).
Qt's ``QWidget::sizeHint`` asks the layout's ``totalSizeHint``, which, for such a layout,
lays the whole content out once more at the layout's *preferred* width, to give the hint a
matching height (qlayout.cpp, ``QLayout::totalSizeHint``). Qt asks for the hint at every
change: a scroll area for its content (``qSmartMinSize``), a stack of screens for every
screen, hidden ones included (``QStackedLayout::sizeHint``), a grid or a box for each widget
in it. Each such widget adds one more width at which every text inside it is laid out:
with a theme open, each tile's title and detail were laid out at four widths per change
of language (454, the real one; 265, the page's preferred width; 124, the tiles' smallest;
0, a tile's own preferred width), about a quarter of the change's work (callgrind).

That height is never used. Where the heights of such widgets are shared out, Qt's box
and grid layouts ask ``heightForWidth`` at the real width instead (``QBoxLayout``,
``QGridLayout``: ``hasHeightForWidth``), and a scroll area sizes its content from
``heightForWidth`` at the viewport's width. The widgets below give their layout's own
hint, whose height is the sum of their contents' hints: the same geometry, pixel for
pixel (``make screenshots``), without the extra layouts.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


class LayoutSizeHint:
    """Mixin for a QWidget subclass (put it first): ``sizeHint`` is its layout's own hint
    plus the widget's contents margins, in pixels, without the layout's heightForWidth
    pass (see above). A widget without a layout keeps Qt's answer."""

    def sizeHint(self) -> QSize:
        widget: QWidget = self  # type: ignore[assignment]
        layout = widget.layout()
        if layout is None:
            return super().sizeHint()  # type: ignore[misc]
        widget.ensurePolished()  # the style's margins, as totalSizeHint takes them
        margins = widget.contentsMargins()
        return layout.sizeHint() + QSize(
            margins.left() + margins.right(), margins.top() + margins.bottom()
        )


class Container(LayoutSizeHint, QWidget):
    """A plain widget that holds others in its layout (a screen's body, a header, a row)."""
