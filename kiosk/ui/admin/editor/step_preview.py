"""The step as a citizen sees it, beside the editor: the real step player, at 100 % or 200 %.

Updated a moment after the last key (a debounce), so that typing never waits for the player
to lay out a step: each key only restarts a timer. The texts are shown in the language being
edited, whatever the interface language, as a citizen who chose that language sees them.

"Écouter" reads the step shown as the citizen's "Écouter" does: the player's own sentences,
through the kiosk's speech service (espeak-ng on its own thread: typing goes on while it
reads), with the pronunciation lexicon and the installed packs' words
(kiosk.core.pronunciation), each text in the voice of the language being edited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.content import Tutorial
from kiosk.core.i18n import current_language
from kiosk.core.pronunciation import use_pack_words
from kiosk.core.spoken import Part, Utterance
from kiosk.speech.service import SpeechService
from kiosk.store.content_store import ContentStore
from kiosk.ui.screens.step_player import StepPlayerScreen
from kiosk.ui.theme import application_style, reading_style
from kiosk.ui.widgets import BigButton, TextLabel

PREVIEW_DELAY_MS = 150  # after the last key; typing at 5 keys a second never waits for it
SCALES = (1.0, 2.0)


class PreviewContent:
    """The images a preview shows: imported ones (not yet published) before the pack's."""

    def __init__(self, content: ContentStore, local_images: Callable[[], dict[str, bytes]]):
        self.content = content
        self.local_images = local_images

    def image(self, tutorial_id: str, path: str) -> bytes | None:
        return self.local_images().get(path) or self.content.image(tutorial_id, path)

    def persona(self, tutorial_id: str, persona_id: str) -> Any:
        return self.content.persona(tutorial_id, persona_id)


def in_language(document: dict[str, Any], language: str) -> dict[str, Any]:
    """The document with each text of ``language`` (French where missing) under the interface
    language's key, the practice page's too: the player then shows the edited language without
    a fallback note. Only the per-language texts are changed (a dictionary of strings with a
    French one); ids, checks and the persona's values are left as they are."""
    shown = current_language()

    def one(value: Any) -> Any:
        if (
            isinstance(value, dict)
            and "fr" in value
            and all(isinstance(v, str) for v in value.values())
        ):
            return {shown: value.get(language) or value["fr"]}
        if isinstance(value, dict):
            return {k: one(v) for k, v in value.items()}
        if isinstance(value, list):
            return [one(v) for v in value]
        return value

    return one(document)


class FittedView(QGraphicsView):
    """Shows ``widget`` whole, made smaller when the preview is narrower than it needs.

    The step player is laid out for the kiosk's screen: a practice page beside the step's
    text needs about 1,000 px, twice the preview's half of a 1280-px screen. Rather than cut
    it (or scroll sideways), it is laid out at the width it needs and drawn smaller, as a
    thumbnail of the citizen's screen; a step that fits is shown at its real size.
    """

    def __init__(
        self,
        widget: QWidget,
        needed_width: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.needed_width = needed_width
        self.setObjectName("editor-preview-view")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setScene(QGraphicsScene(self))
        self.widget = widget
        self.proxy = self.scene().addWidget(widget)
        self.zoom = 1.0
        self._fitted: tuple[int, int, float] | None = None

    def fit(self) -> None:
        """Lay the widget out at the view's width, or at the width it needs if larger, and
        draw it at the zoom that makes it fit (``zoom``, 1.0 when it fits)."""
        available = self.viewport().size()
        if available.width() <= 0 or available.height() <= 0:
            return
        needed = self.needed_width()
        width = max(available.width(), needed)
        zoom = available.width() / width
        height = max(1, round(available.height() / zoom))
        if (width, height, zoom) == self._fitted:
            return  # as it is: nothing to lay out or draw again
        self._fitted = (width, height, zoom)
        self.zoom = zoom
        self.proxy.resize(width, height)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.setSceneRect(0, 0, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class StepPreview(QWidget):
    """Signals: refreshed() after the player shows the latest text (tests wait for it).

    ``speech``: the kiosk's speech service; None makes one of the preview's own at the first
    "Écouter" (the editor alone, as in the benchmarks), shut down by ``stop_reading(True)``.
    """

    refreshed = Signal()

    def __init__(
        self,
        content: PreviewContent,
        speech: SpeechService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.speech = speech
        self._own_speech = False
        self._connected_to: SpeechService | None = None
        self.language = "fr"
        self.setObjectName("editor-preview")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        bar = QWidget()
        bar.setObjectName("editor-preview-bar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        heading = TextLabel("title")
        heading.setText("Aperçu")
        row.addWidget(heading, 1)
        self.listen_button = BigButton("listen")
        self.listen_button.setObjectName("editor-listen")
        self.listen_button.setCheckable(True)
        self.listen_button.guarded = False
        self.listen_button.set_text("Écouter", "Lire l'étape à voix haute, comme la borne")
        self.listen_button.clicked.connect(self.toggle_reading)
        row.addWidget(self.listen_button)
        self.scale_buttons: dict[float, BigButton] = {}
        for scale in SCALES:
            button = BigButton()
            button.setCheckable(True)
            button.set_text(f"{scale:.0%}".replace("%", " %"), f"Aperçu à {scale:.0%}")
            button.clicked.connect(lambda _c=False, s=scale: self.set_scale(s))
            row.addWidget(button)
            self.scale_buttons[scale] = button
        column.addWidget(bar)
        self.frame = QWidget()
        self.frame.setObjectName("editor-preview-frame")
        frame_layout = QVBoxLayout(self.frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        self.player = StepPlayerScreen(content, lambda *_args: None)  # type: ignore[arg-type]
        # The step itself, as a citizen sees it; its buttons are the same on every step and
        # would take a third of the preview's height on the kiosk's 800-px screen.
        self.player.navigation_bar.hide()
        frame_layout.addWidget(self.player)
        self.view = FittedView(self.frame, self._needed_width)
        column.addWidget(self.view, 1)
        self.scale = 1.0
        self._pending: tuple[dict[str, Any], str, int] | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.refresh_now)
        self.set_scale(1.0)

    def _needed_width(self) -> int:
        """The width the step needs without cutting anything: its scrolled body's least
        width (the player's own scroll area hides it), beside the body's scroll bar."""
        scroll = self.player.scroll
        body = scroll.widget().minimumSizeHint().width()
        return body + scroll.verticalScrollBar().sizeHint().width() + 8

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        for value, button in self.scale_buttons.items():
            button.setChecked(value == scale)
        # The window's own style does not reach a widget drawn by the view: it is given here.
        self.frame.setStyleSheet(application_style() + reading_style(scale))
        self.player.text_scale_changed(scale)
        self.view.fit()

    def show_later(self, document: dict[str, Any], language: str, index: int) -> None:
        """Show step ``index`` of ``document`` a moment after the last call (cheap to call)."""
        self._pending = (document, language, index)
        self.language = language
        self.timer.start()

    def refresh_now(self) -> None:
        """Lay the step out now (the debounce's end; tests may call it)."""
        self.timer.stop()
        if self._pending is None:
            return
        document, language, index = self._pending
        try:
            tutorial = Tutorial.from_dict(in_language(document, language))
        except (KeyError, TypeError, ValueError):
            return  # a half-made step: the last good preview stays
        player = self.player
        player.tutorial = tutorial
        player.index = max(0, min(index, len(tutorial.steps) - 1))
        # Not show_step(): it would take the focus from the field being typed in.
        player.retranslate_ui()
        self.view.fit()
        self.refreshed.emit()

    # -- reading aloud -------------------------------------------------------------------------
    def reading(self) -> list[Utterance]:
        """What a citizen hears on "Écouter" for the step shown (the player's ``reading()``).

        The preview shows the edited language under the interface language's key
        (``in_language``); its parts in that key are therefore given back to the edited
        language's voice. The first sentence, the step's number, stays in the interface's.
        """
        sentences = self.player.reading()
        shown = current_language()
        if self.language == shown or not sentences:
            return sentences
        return sentences[:1] + [
            Utterance(
                tuple(
                    Part(part.text, self.language) if part.language == shown else part
                    for part in utterance.parts
                )
            )
            for utterance in sentences[1:]
        ]

    def toggle_reading(self) -> None:
        """ "Écouter" reads the latest text (the debounce is cut short); "Arrêter" stops."""
        speech = self.speech
        if speech is not None and speech.speaking:
            speech.stop()
            return
        if speech is None:
            speech = self.speech = SpeechService(parent=self)
            self._own_speech = True
        if not self._connected(speech):
            speech.started.connect(self._reading_changed)
            speech.finished.connect(self._reading_changed)
            self._connected_to = speech
        self.refresh_now()
        # The installed packs' spoken forms, as the citizen's visit reads them at its start.
        use_pack_words(self.content.content.pack_words())
        if not speech.speak(self.reading(), current_language()):
            self.listen_button.setChecked(False)
            self.listen_button.set_text("Écouter (la voix ne marche pas)")

    def _connected(self, speech: SpeechService) -> bool:
        return self._connected_to is speech

    def _reading_changed(self, *_args: object) -> None:
        speaking = bool(self.speech is not None and self.speech.speaking)
        self.listen_button.setChecked(speaking)
        self.listen_button.set_text("Arrêter" if speaking else "Écouter")

    def stop_reading(self, closing: bool = False) -> None:
        """Silence (the editor is left); ``closing`` also shuts the preview's own voice down."""
        if self.speech is None:
            return
        if self.speech.speaking:
            self.speech.stop()
        if self._connected(self.speech):
            self.speech.started.disconnect(self._reading_changed)
            self.speech.finished.disconnect(self._reading_changed)
            self._connected_to = None
        if closing and self._own_speech:
            self.speech.shutdown()
            self.speech = None
            self._own_speech = False
