"""Scrolling with a finger: every scrolled area of the kiosk follows a swipe, like a phone.

A touch screen's drag is turned into a scroll by Qt's ``QScroller`` (kinetic scrolling). It is
grabbed for the left mouse button, which also covers touch: Qt turns a touch that no widget takes
into mouse events (``Qt::AA_SynthesizeMouseForUnhandledTouchEvents``, on by default), so one
gesture serves a finger, a stylus and a mouse. A tap still presses the button under the finger;
the large scroll bar stays as a second way.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QWidget,
)

REVEAL_MARGIN = 48  # px kept around what is brought into view, so it is not glued to an edge


class TouchScrollArea(QScrollArea):
    """A vertical scroll area that scrolls with a swipe and starts at the top for each person."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, not Qt's own: the first widget made by Qt that Python meets
        # makes PySide6 look its type up among all of QtWidgets' classes, creating some 80
        # Python enums on the way (17-50 ms, before the first frame, for the welcome screen).
        self.setViewport(QWidget())
        self.setWidgetResizable(True)
        # The content's height follows its width (wrapped texts). Qt would otherwise take the
        # height the texts need at their narrowest as a minimum, and show a scroll bar on a
        # screen whose content fits; "Ignored" leaves the height to heightForWidth alone.
        content.setSizePolicy(content.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        enable_swipe(self)

    def scroll_to_top(self) -> None:
        """Stop any moving swipe and show the beginning: the next person starts there."""
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)


def enable_swipe(area: QAbstractScrollArea) -> None:
    """Make ``area`` follow a finger: no bounce past the ends, which looks like a fault."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(area.viewport())
    properties = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    # A tap acts at once (Qt waits 0.25 s by default, to see whether a swipe begins): a
    # button pressed by a swipe's start is released off itself, so it is not clicked.
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    """The scroll area whose content holds ``widget``, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if content is not None and content.isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def reveal(widget: QWidget, y: int | None = None, height: int | None = None) -> None:
    """Scroll so that the person sees ``widget`` (or its band ``y``…``y + height``, in px).

    Called when something new appears (a message, an answer shown, the sentence being read):
    it is brought into view after the layout has placed it, at the next turn of the event loop.
    """
    QTimer.singleShot(0, widget, lambda: reveal_now(widget, y, height))


def reveal_now(widget: QWidget, y: int | None = None, height: int | None = None) -> None:
    """Like ``reveal``, at once: the caller knows the layout is up to date."""
    area = enclosing_scroll_area(widget)
    if area is None or not widget.isVisible():
        return
    QScroller.scroller(area.viewport()).stop()
    top = 0 if y is None else y
    band = widget.height() if height is None else height
    origin = widget.mapTo(area.widget(), QPoint(0, top))
    viewport = area.viewport().height()
    margin = min(REVEAL_MARGIN, max(0, (viewport - band) // 2))
    if band + 2 * margin >= viewport:  # taller than the view: show its beginning
        area.verticalScrollBar().setValue(max(0, origin.y() - margin))
        return
    area.ensureVisible(origin.x(), origin.y() + band // 2, 0, band // 2 + margin)
