"""What every screen offers the main window: its title, what to read aloud, and a reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from kiosk.core.spoken import Utterance


class Screen(QWidget):
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

    def first_focus(self) -> QWidget | None:
        """Where the keyboard starts on this screen: its main action or field."""
        return None

    def text_scale_changed(self, scale: float) -> None:
        """The person chose A+ or A−; screens may change their layout (columns)."""


def scrolling(content: QWidget) -> QScrollArea:
    """Put a screen's content in a vertical scroll area, so 200 % text never gets cut."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    # The content's height follows its width (wrapped texts). Qt would otherwise take the
    # height the texts need at their narrowest as a minimum, and show a scroll bar on a screen
    # whose content fits; "Ignored" leaves the height to heightForWidth alone.
    content.setSizePolicy(content.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(48, 32, 48, 32)
    layout.setSpacing(24)
    return layout
