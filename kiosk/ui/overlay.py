"""What covers the window for a moment (the language chooser, the idle warning, "Voulez-vous
arrêter ?"): it takes the whole window, keeps Tab inside itself, and Escape closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk.ui.layout_hint import Container
from kiosk.ui.touch_scroll import TouchScrollArea


class Overlay(QFrame):
    """Base of the overlays. Signals: dismissed() when closed without a choice (Escape, back).

    Subclasses put their widgets in ``self.body`` (a column that scrolls with a finger at large
    text sizes) and implement ``focus_first()``; ``dismiss()`` is what Escape does.
    """

    dismissed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = Container()
        inner.setObjectName(f"{name}_body")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(64, 40, 64, 40)
        self.body.setSpacing(24)
        self.scroll = TouchScrollArea(inner)
        outer.addWidget(self.scroll)
        self.hide()

    def cover(self) -> None:
        """Show over the whole window, in front of everything, the focus inside."""
        if self.parentWidget() is not None:
            self.setGeometry(self.parentWidget().rect())
        self.scroll.scroll_to_top()
        self.show()
        self.raise_()
        self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard focus on the overlay's main choice."""

    def dismiss(self) -> None:
        """Close without choosing anything (Escape)."""
        self.hide()
        self.dismissed.emit()

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab and Shift+Tab go round the overlay's own buttons, never to what it hides."""
        chain = [
            w
            for w in self.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if not chain:
            return False
        order = self._focus_order(chain)
        current = self.focusWidget()
        index = order.index(current) if current in order else -1
        step = 1 if forward else -1
        order[(index + step) % len(order)].setFocus(
            Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        )
        return True

    def _focus_order(self, chain: list[QWidget]) -> list[QWidget]:
        """The chain in Qt's own Tab order (the order the widgets were created in)."""
        members = set(chain)
        order: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not self and len(order) < len(members):
            if widget in members and widget not in order:
                order.append(widget)
            widget = widget.nextInFocusChain()
        return order or chain
