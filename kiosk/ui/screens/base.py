"""What every screen offers the main window: its title, what to read aloud, and a reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.layout_hint import LayoutSizeHint
from kiosk.ui.touch_scroll import TouchScrollArea

if TYPE_CHECKING:
    from kiosk.core.spoken import Utterance


class Screen(LayoutSizeHint, QWidget):
    """Base of the citizen's screens; subclasses declare their own signals."""

    def retranslate_ui(self) -> None:
        """Set every visible string again in the current language."""

    def screen_title(self) -> str:
        return ""

    def speech_sentences(self) -> list[str]:
        """What "Écouter" reads on this screen, one sentence per item."""
        return []

    def speech_language(self) -> str:
        """Language of what is read; content may fall back to French."""
        from kiosk.core.i18n import current_language

        return current_language()

    def reading(self) -> list[Utterance]:
        """What "Écouter" reads, each sentence tagged with its language or languages.

        By default every sentence of ``speech_sentences()`` is in ``speech_language()``;
        screens that mix interface and content sentences override this.
        """
        from kiosk.core.spoken import as_utterances

        return as_utterances(self.speech_sentences(), self.speech_language())

    def highlight_sentence(self, index: int | None) -> None:
        """Show which sentence is being read (None: none)."""

    def reset(self) -> None:
        """Forget everything about the person who used it."""

    def scroll_to_top(self) -> None:
        """Show the beginning of every scrolled part: each visit starts at the top."""
        for area in self.findChildren(TouchScrollArea):
            area.scroll_to_top()

    def first_focus(self) -> QWidget | None:
        """Where the keyboard starts on this screen: its main action or field."""
        return None

    def text_scale_changed(self, scale: float) -> None:
        """The person chose A+ or A−; screens may change their layout (columns)."""

    def keyboard_visibility_changed(self, shown: bool) -> None:
        """The on-screen keyboard took (or gave back) the bottom of the window."""


def scrolling(content: QWidget) -> TouchScrollArea:
    """Put a screen's content in a scroll area that follows a finger: 200 % text is never cut."""
    return TouchScrollArea(content)


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(48, 32, 48, 32)
    layout.setSpacing(24)
    return layout
