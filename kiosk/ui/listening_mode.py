"""Mode écoute: the kiosk used by ear, by a person who cannot see the screen.

EN 301 549 V3.2.1 clause 5.1.3 (closed functionality, non-visual access) asks that everything
shown can be heard, without the person bringing a screen reader. In this mode, as with a phone's
screen reader (TalkBack, VoiceOver):

- a first touch on a control says its name, its role and its state ("Suivant, bouton"); a second
  touch on the same control, while the screen has not changed, presses it. A touch on a text says
  the text; on a drawing, its description; on a practice paper, every value written on it;
- each control that gets the keyboard focus (Tab) says the same; Enter and Space press at once;
  a letter typed in a field is said, never one typed in a hidden field (5.1.3.8);
- a new screen (or step, or overlay) is read from its beginning, unless the kiosk is already
  saying something (a message, "Bravo !");
- "Écouter" (or F2) reads everything on the screen: its text, the drawing's description, the
  papers' values, the fields and buttons, and which options are chosen (language, white on
  black, text size, volume).

Whatever the mode, speech stops on any press of a key or touch (5.1.3.5: new speech stops the
old one in ``SpeechService.speak``). The keys, documented in docs/accessibility.md:
F1 mode on or off, F2 read the screen (again: stop), F3 say the last thing again (5.1.3.4),
F11 / F12 and the volume keys softer / louder (5.1.3.12).

A filter written in Python costs time at every event of the application, so the application
filter is installed only while the mode is on or speech is heard (to stop it at the next
action); with the mode off and silence, only the welcome button's own filter and the keys'
``QShortcut``s (matched by Qt) are left. ``attach(window)`` builds and wires everything.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)
from shiboken6 import isValid

from kiosk.core.i18n import _, current_language
from kiosk.core.spoken import Part, Utterance, as_utterances, compose, said, voice_runs

if TYPE_CHECKING:
    from kiosk.speech.service import SpeechService
    from kiosk.ui.volume_control import VolumeControl

log = logging.getLogger(__name__)

KEY_SWITCH = "F1"  # the mode on or off
KEY_READ = "F2"  # read the whole screen; pressed again, stop
KEY_REPEAT = "F3"  # say the last thing again
KEYS_SOFTER = ("F11", QKeySequence(Qt.Key.Key_VolumeDown))
KEYS_LOUDER = ("F12", QKeySequence(Qt.Key.Key_VolumeUp))

PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})
WATCHED = frozenset(
    {*PRESSES, QEvent.Type.MouseButtonRelease, QEvent.Type.KeyPress, QEvent.Type.FocusIn}
)
MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)
PRESS_KEYS = frozenset({Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter})
READS_SCREEN = "reads_screen"  # a button with this property set to True is an "Écouter"

Context = tuple[int, str, int]  # (screen, its title, overlay): a change means "something new"


class ListeningMode(QObject):
    """The mode and its filter. Signals: switched(bool) — on or off.

    ``window``: the kiosk's window; events of other windows are left alone. ``screen()`` and
    ``overlay()`` give what is shown (a screen has ``reading()`` and ``screen_title()``);
    ``options()`` the sentences naming the chosen options; ``extra_roots()`` the widgets read
    after the screen (the toolbar). ``first_watchers`` are application filters that must see
    every input before this one swallows a first touch (the idle watcher: exploring the screen
    by touch is not being away).
    """

    switched = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        speech: SpeechService,
        screen: Callable[[], QWidget],
        overlay: Callable[[], QWidget | None] = lambda: None,
        options: Callable[[], list[Utterance]] = list,
        extra_roots: Callable[[], Sequence[QWidget]] = tuple,
        first_watchers: Sequence[Any] = (),
        before_activation: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.speech = speech
        self._screen = screen
        self._overlay = overlay
        self._options = options
        self._extra_roots = extra_roots
        self._first_watchers = list(first_watchers)
        self._before_activation_hook = before_activation
        self.on = False
        self._installed = False
        self._selected: QWidget | None = None
        self._selected_context: Context | None = None
        self._announced: Context | None = None
        self._quiet_focus: QWidget | None = None
        self._focus_pending = False
        self._swallow_release = False
        self._passed: tuple[int, float, float] | None = None
        self._before_activation: set[int] | None = None  # papers shown before a press
        self._activated: QWidget | None = None  # the control a press or a key just pressed
        self._focus_at_activation: QWidget | None = None
        self._full: list[Utterance] | None = None  # the last reading of the whole screen
        self._key_stamp: tuple[int, int, str] | None = None
        self._key_receiver: QWidget | None = None
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(0)
        self._settle_timer.timeout.connect(self._settle)
        self._armed: set[int] = set()  # welcome buttons touched once with the mode off
        speech.started.connect(self._update_filter)
        speech.finished.connect(self._update_filter)

    # -- on and off ----------------------------------------------------------------------------
    def switch(self, on: bool, say: bool = True) -> None:
        """Turn the mode on or off; ``say`` tells the person (not at the end of a visit)."""
        if on == self.on:
            return
        self.on = on
        self._selected = None
        self._announced = self._context()
        self._armed.clear()
        self._update_filter()
        self.switched.emit(on)
        if say:
            self.speech.speak(self.switched_sentences(), current_language())

    @Slot()
    def toggle(self) -> None:
        self.switch(not self.on)

    def switched_sentences(self) -> list[str]:
        if not self.on:
            return [_("Mode écoute éteint.")]
        return [
            _("Mode écoute allumé."),
            _("Touchez une fois : la borne dit ce que vous touchez."),
            _("Touchez encore la même chose : c'est choisi."),
            _("Le bouton Écouter lit tout l'écran."),
        ]

    def explanation(self) -> list[str]:
        """What the welcome button says at its first touch, with the mode off."""
        return [
            _("Mode écoute."),
            _("C'est pour les personnes qui ne voient pas l'écran."),
            _("La borne dit à voix haute ce que vous touchez."),
            _("Pour l'allumer, touchez encore ce bouton."),
        ]

    def visit_ended(self) -> None:
        """The next person starts with the mode off, in silence."""
        self.switch(False, say=False)

    # -- the button on the welcome screen ----------------------------------------------------
    def explain_first(self, button: QAbstractButton) -> None:
        """With the mode off, ``button``'s first touch says what it does; the second presses it."""
        button.installEventFilter(self)
        button.setProperty("explains_first", True)

    # -- what is said --------------------------------------------------------------------------
    def describe(self, widget: QWidget) -> list[Utterance]:
        """Name, role and state of a control; a text; a drawing's description; a paper."""
        interface = current_language()
        if isinstance(widget, QLineEdit):
            return [self._describe_field(widget)]
        if isinstance(widget, QAbstractButton):
            return self._describe_button(widget)
        if _is_paper(widget):
            return _paper_reading(widget)
        if _is_illustration(widget):
            description = widget.accessibleName()
            if not description:
                return []
            language = self._content_language(widget)
            return [
                compose(
                    _("Image : {description}"), interface, description=Part(description, language)
                )
            ]
        if isinstance(widget, QLabel):
            return self._describe_text(widget)
        return []

    def _describe_button(self, button: QAbstractButton) -> list[Utterance]:
        interface = current_language()
        name = _button_name(button)
        states = []
        if button.isCheckable():
            if button.property("explains_first"):
                states.append(_("allumé") if button.isChecked() else _("éteint"))
            else:
                states.append(_("choisi") if button.isChecked() else _("pas choisi"))
        if not button.isEnabled():
            states.append(_("pas disponible"))
        role = _("lien") if button.property("role") == "link" else _("bouton")
        if _is_keyboard_key(button):
            role = _("touche")
            if _masked_target(button):
                name = ""  # a hidden field's letters are never said (5.1.3.8)
        tail = ", ".join([role, *states]) + "."
        language = self._content_language(button)
        spoken = [
            _joined(Part(name + ", ", language), Part(tail, interface))
            if name
            else said(tail, interface)
        ]
        description = button.accessibleDescription()
        if description and description != name:
            spoken.append(said(description, interface))
        return spoken

    def _describe_field(self, field: QLineEdit) -> Utterance:
        interface = current_language()
        name = field.accessibleName() or field.placeholderText()
        if field.echoMode() != QLineEdit.EchoMode.Normal:
            state = (
                _("case à remplir, cachée, vide")
                if not field.text()
                else _("case à remplir, cachée")
            )
        elif field.text():
            state = _("case à remplir, contient : {text}").format(text=field.text())
        else:
            state = _("case à remplir, vide")
        language = self._content_language(field)
        return _joined(Part(name + ", ", language), Part(state + ".", interface))

    def _describe_text(self, label: QLabel) -> list[Utterance]:
        text = _label_text(label)
        if not text:
            return []
        key = _normalized(text)
        for utterance in self._screen_reading():
            if _normalized(utterance.text) == key:
                return [utterance]  # the screen knows the sentence's languages
        language = self._content_language(label)
        screen = self._screen()
        if (
            language == current_language()
            and hasattr(screen, "speech_language")
            and screen.isAncestorOf(label)
        ):
            language = screen.speech_language()  # the content's, where it fell back to French
        return [_joined(Part(line, language)) for line in _sentences(text)]

    def _content_language(self, widget: QWidget) -> str:
        """The language ``widget``'s text is in: a home tile's own, a practice page's for
        the exercise's own texts; else the interface's."""
        parent: QWidget | None = widget
        while parent is not None:
            language = parent.property("speech_language")
            if language:
                return str(language)
            if type(parent).__name__ == "SimulatedPage":
                return parent.language if widget in _page_texts(parent) else current_language()
            parent = parent.parentWidget()
        return current_language()

    def _screen_reading(self) -> list[Utterance]:
        screen = self._screen()
        reading = getattr(screen, "reading", None)
        return list(reading()) if reading is not None else []

    def full_reading(self) -> list[Utterance]:
        """Everything on the screen (or on the overlay over it), then the options chosen.

        The screen's own reading first (its sentences keep their languages and highlights),
        then what it does not say: drawings, papers, fields and buttons; then the toolbar.
        """
        overlay = self._overlay()
        sentences = [] if overlay is not None else self._screen_reading()
        if overlay is not None and hasattr(overlay, "speech_sentences"):
            sentences = as_utterances(overlay.speech_sentences(), current_language())
        seen = {_normalized(u.text) for u in sentences}
        heard = " ".join(_normalized(u.text) for u in sentences)  # in the order read
        roots = [overlay] if overlay is not None else [self._screen(), *self._extra_roots()]
        for root in roots:
            for widget in _shown_parts(root):
                if isinstance(widget, QAbstractButton):
                    name = _normalized(_button_name(widget))
                    if name in seen and not widget.isCheckable():
                        continue  # a choice the screen has read already
                    said_now = self.describe(widget)[:1]  # its name, role and state
                elif isinstance(widget, QLabel) and not _is_illustration(widget):
                    if _normalized(_label_text(widget)) in heard:
                        continue  # read already, sentence by sentence (a step's text)
                    said_now = self.describe(widget)
                else:
                    said_now = self.describe(widget)
                for utterance in said_now:
                    key = _normalized(utterance.text)
                    if key not in seen:
                        seen.add(key)
                        sentences.append(utterance)
        sentences += self._options()
        return sentences

    def context_reading(self) -> list[Utterance]:
        """What a new screen or overlay says first: its own reading, or its texts."""
        overlay = self._overlay()
        if overlay is None:
            return self._screen_reading()
        if hasattr(overlay, "speech_sentences"):
            return as_utterances(overlay.speech_sentences(), current_language())
        texts: list[Utterance] = []
        for widget in _shown_parts(overlay):
            if isinstance(widget, QLabel) and not _is_illustration(widget):
                texts += self._describe_text(widget)
        return texts

    @Slot()
    def toggle_reading(self) -> None:
        """ "Écouter" in this mode: read everything; pressed while that reading goes on, stop.

        Pressed while something else is said (the button's own name at its first touch), it
        reads: the person asked for the screen.
        """
        if self.speech.speaking and self._full is not None and self.speech.sentences == self._full:
            self.speech.stop()
            return
        self._full = self.full_reading()
        self.speech.speak(self._full)

    @Slot()
    def repeat(self) -> None:
        """Say the last thing said again (5.1.3.4), in the same voices."""
        self.speech.repeat()

    # -- the filter ----------------------------------------------------------------------------
    def _update_filter(self, *_args: object) -> None:
        """Installed while the mode is on or speech is heard; removed otherwise."""
        wanted = self.on or self.speech.speaking
        app = QCoreApplication.instance()
        if wanted and not self._installed:
            app.installEventFilter(self)
            self._installed = True
            for watcher in self._first_watchers:
                if getattr(watcher, "running", False):
                    app.installEventFilter(watcher)  # installed last: it runs first
        elif not wanted and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Never lets a fault through: a filter that raised would take every input with it."""
        try:
            return self._filter(watched, event)
        except Exception:
            log.exception("The listening mode could not handle an event; it is let through.")
            self._selected = self._activated = self._key_receiver = None
            return False

    def _filter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in WATCHED or not isinstance(watched, QWidget):
            return False
        if kind in PRESSES:
            if event.button() != Qt.MouseButton.LeftButton:
                return False
            # The application filter and the welcome button's own both see a press, and a
            # press a widget leaves goes on to its parent: each press is handled once.
            stamp = (event.timestamp(), event.globalPosition().x(), event.globalPosition().y())
            if stamp == self._passed:
                return False
            self._passed = stamp
            if watched.property("explains_first") and not self.on:
                return self._welcome_press(watched)
            if watched.window() is not self.window:
                return False
            return self._on_press(watched)
        if watched.window() is not self.window:
            return False
        if kind == QEvent.Type.MouseButtonRelease:
            if self._swallow_release:
                self._swallow_release = False
                return True
            return False
        if kind == QEvent.Type.KeyPress:
            return self._on_key(watched, event)
        if kind == QEvent.Type.FocusIn and self.on:
            if watched is self._quiet_focus:
                self._quiet_focus = None
            else:
                self._focus_pending = True
                self._settle_timer.start()
        return False

    def _welcome_press(self, button: QWidget) -> bool:
        if id(button) in self._armed:
            self._armed.discard(id(button))
            return False  # the second touch presses it
        self._armed.add(id(button))
        self.speech.speak(self.explanation(), current_language())
        self._swallow_release = True
        return True

    def _on_press(self, watched: QWidget) -> bool:
        target = _target(watched, self.window)
        if target is None or not self.on:
            if not _reads_screen(target):
                self.speech.stop()  # 5.1.3.5: any action stops the speech
            return False
        context = self._context()
        acts = isinstance(target, QAbstractButton | QLineEdit)
        if acts and target is self._selected and context == self._selected_context:
            if _reads_screen(target):
                self.toggle_reading()
                self._swallow_release = True
                return True
            self.speech.stop()
            self._before_activation = set(map(id, self._papers_shown()))
            self._activated = target
            self._focus_at_activation = self.window.focusWidget()
            self._before_activation_hook()
            self._settle_timer.start()  # what the press changed is said once it is done
            return False
        self._selected, self._selected_context = target, context
        self._announced = context
        spoken = self.describe(target)
        if spoken:
            self.speech.speak(spoken)
        else:
            self.speech.stop()
        if acts and target.focusPolicy() & Qt.FocusPolicy.ClickFocus and not target.hasFocus():
            self._quiet_focus = target
            target.setFocus(Qt.FocusReason.MouseFocusReason)
        self._swallow_release = True
        return True

    def _papers_shown(self) -> list[QWidget]:
        root = self._overlay() or self._screen()
        return [w for w in _shown_parts(root) if _is_paper(w)]

    def _on_key(self, watched: QWidget, event: QEvent) -> bool:
        key = event.key()
        if key in MODIFIER_KEYS or event.isAutoRepeat():
            return False
        # A key a field leaves (Enter after its returnPressed) goes on to its parents: once.
        stamp = (event.timestamp(), key, event.text())
        last = self._key_receiver
        if (
            stamp == self._key_stamp
            and last is not None
            and last is not watched
            and isValid(last)
            and watched.isAncestorOf(last)
        ):
            return False
        self._key_stamp, self._key_receiver = stamp, watched
        focus = watched
        if key in PRESS_KEYS and _reads_screen(focus):
            if self.on:
                self.toggle_reading()
                return True
            return False  # the button stops or reads, as it does
        self.speech.stop()
        if not self.on:
            return False
        if key in PRESS_KEYS:
            self._before_activation = set(map(id, self._papers_shown()))
            self._activated = focus
            self._focus_at_activation = self.window.focusWidget()
            self._settle_timer.start()
        elif (
            isinstance(focus, QLineEdit)
            and event.text().isprintable()
            and event.text()
            and focus.echoMode() == QLineEdit.EchoMode.Normal  # a hidden field stays silent
        ):
            text = _("espace") if event.text() == " " else event.text()
            self.speech.speak([text], current_language())
        return False

    def _context(self) -> Context:
        screen = self._screen()
        title = screen.screen_title() if hasattr(screen, "screen_title") else ""
        return (id(screen), title, id(self._overlay()))

    @Slot()
    def _settle(self) -> None:
        """After a press or a focus change: a new screen is read; a new focus is named;
        papers that a press brought are read."""
        if not self.on:
            return
        focus_pending, self._focus_pending = self._focus_pending, False
        before, self._before_activation = self._before_activation, None
        activated, self._activated = self._activated, None
        context = self._context()
        focus = self.window.focusWidget()
        if focus is not None and not isValid(focus):
            focus = None
        if context != self._announced:
            self._announced = context
            self._selected = None
            if not self.speech.speaking:
                named = self.describe(focus) if focus is not None else []
                self.speech.speak(self.context_reading() + named[:1])
            return
        if self.speech.speaking:
            return
        if before is not None:
            brought = [p for p in self._papers_shown() if id(p) not in before]
            if brought:
                self.speech.speak([u for paper in brought for u in _paper_reading(paper)])
                return
        if (
            isinstance(activated, QAbstractButton)
            and isValid(activated)
            and _is_keyboard_key(activated)
            and not _masked_target(activated)
        ):
            self.speech.speak([_button_name(activated)], current_language())  # the letter typed
            return
        if (
            isinstance(activated, QAbstractButton)
            and isValid(activated)
            and activated.isCheckable()
        ):
            self.speech.speak(self.describe(activated)[:1])  # its new state
            return
        moved = activated is None or focus is not self._focus_at_activation
        if focus_pending and focus is not None and moved:
            self.speech.speak(self.describe(focus))


# -- what the widgets show -------------------------------------------------------------------
def _is_illustration(widget: QWidget) -> bool:
    return type(widget).__name__ == "Illustration"


def _is_paper(widget: QWidget) -> bool:
    return type(widget).__name__ == "PaperDocument"


def _is_keyboard_key(button: QWidget) -> bool:
    parent = button.parentWidget()
    return (
        parent is not None
        and parent.objectName() == "keyboard"
        and type(button).__name__ == "QPushButton"
    )


def _masked_target(key: QWidget) -> bool:
    field = getattr(key.parentWidget(), "field", None)
    return isinstance(field, QLineEdit) and field.echoMode() != QLineEdit.EchoMode.Normal


def _joined(*parts: Part) -> Utterance:
    """Parts in their languages; a run of letters its voice cannot read (a Latin name in an
    Arabic sentence: "Voir les papiers de Camille MARTIN") goes to a voice that can."""
    return Utterance(tuple(voice_runs(Utterance(parts))))


def _page_texts(page: Any) -> list[QWidget]:
    """The widgets of a practice page that show the exercise's own texts (its language)."""
    texts = [*page.choice_buttons, page.intro, page.question, page.exhibit]
    for row in page.rows:
        texts += [row.label, row.edit]
    if page.practice.submit:
        texts.append(page.submit_button)
    return texts


def _reads_screen(widget: QWidget | None) -> bool:
    return widget is not None and bool(widget.property(READS_SCREEN))


def _button_name(button: QWidget) -> str:
    name = button.accessibleName() or (button.text() if isinstance(button, QAbstractButton) else "")
    return " ".join(name.split())


def _label_text(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
    ):
        text = label.accessibleName() or QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.strip()


def _sentences(text: str) -> list[str]:
    """A label's lines, each a sentence of its own (the password rules, "Bravo !")."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _normalized(text: str) -> str:
    return re.sub(r"[\s.:!?]+", " ", text).strip().casefold()


def _paper_reading(paper: QWidget) -> list[Utterance]:
    """The paper's title, then each box: its label and its value (the persona's, invented)."""
    interface = current_language()
    sentences = [said(paper.accessibleName() + ".", interface)]
    for _key, label, value in getattr(paper, "lines", []):
        sentences.append(Utterance((Part(f"{label} : ", interface), Part(f"{value}.", "fr"))))
    return sentences


def _target(widget: QWidget, window: QWidget) -> QWidget | None:
    """The control, text, drawing or paper under a touch; None for a background."""
    current: QWidget | None = widget
    while current is not None and current is not window:
        if isinstance(current, QAbstractButton | QLineEdit):
            return current
        if isinstance(current, QAbstractSlider | QProgressBar):
            return None
        if _is_paper(current) or _is_illustration(current):
            return current
        if isinstance(current, QLabel) and _label_text(current):
            return current
        current = current.parentWidget()
    return None


def _shown_parts(root: QWidget) -> list[QWidget]:
    """The visible controls, texts, drawings and papers under ``root``, in their order."""
    found: list[QWidget] = []

    def walk(widget: QWidget) -> None:
        for child in widget.children():
            if not isinstance(child, QWidget) or not child.isVisible():
                continue
            if isinstance(child, QAbstractSlider | QProgressBar):
                continue
            if isinstance(child, QAbstractButton | QLineEdit) or _is_paper(child):
                found.append(child)
                continue  # a tile's labels are its name
            if isinstance(child, QLabel):
                if _is_illustration(child) or _label_text(child):
                    found.append(child)
                continue
            walk(child)

    walk(root)
    return found


# -- wiring into the kiosk's window ----------------------------------------------------------
def chosen_options(window: Any, volume: VolumeControl | None) -> list[Utterance]:
    """ "Langue : Français. Blanc sur noir : non. Texte : 100 %. Volume : 5 sur 10." """
    from kiosk.core.languages import LANGUAGES
    from kiosk.core.text_size import percent
    from kiosk.ui.theme import HIGH_CONTRAST, palette

    interface = current_language()
    language = LANGUAGES[interface].native_name
    sentences = [
        compose(_("Langue choisie : {name}."), interface, name=Part(language, interface)),
        said(
            _("Blanc sur noir : oui.")
            if palette() is HIGH_CONTRAST
            else _("Blanc sur noir : non."),
            interface,
        ),
    ]
    scale = getattr(window, "text_scale", None)
    if scale is not None:
        sentences.append(said(_("Texte : {percent} %.").format(percent=percent(scale)), interface))
    if volume is not None:
        sentences.append(said(volume.level_sentence() + ".", interface))
    return sentences


def attach(window: Any) -> ListeningMode:
    """Build the listening mode and the volume control for the kiosk's ``window`` and wire them.

    Uses the window's ``services`` (speech, settings), ``visit``, ``welcome``, ``toolbar``,
    ``listen_button``, ``current_screen()``, ``open_overlay()``, ``idle``, ``appearance``,
    ``text_scale`` and, once built, the "Voir mieux" panel of its ``overlay_shelf``. Returns the
    mode (the window's ``listening``; attached once: a second call returns the same); the volume
    control is ``mode.volume_control``.
    """
    if getattr(window, "listening", None) is not None:
        return window.listening
    from kiosk.core.volume import Volume
    from kiosk.ui.volume_control import VolumeControl

    speech = window.services.speech
    settings = window.services.settings
    volume = VolumeControl(Volume(settings.get("default_volume")), speech)
    volume.hide()  # shown in "Voir mieux" once that panel is built
    mode = ListeningMode(
        window,
        speech,
        screen=window.current_screen,
        overlay=window.open_overlay,
        options=lambda: chosen_options(window, volume),
        extra_roots=lambda: [window.toolbar],
        first_watchers=[window.idle.watcher],
        before_activation=window.tap_guard.forget,
        parent=window,
    )
    mode.volume_control = volume  # type: ignore[attr-defined]

    button = window.welcome.listening_button
    mode.explain_first(button)
    button.clicked.connect(lambda: (mode.toggle(), button.setChecked(mode.on)))
    mode.switched.connect(button.setChecked)
    window.listen_button.setProperty(READS_SCREEN, True)

    def mark_screen_buttons(_index: int = 0) -> None:
        screen = window.current_screen()
        listen = getattr(screen, "listen_button", None)
        if listen is not None:
            listen.setProperty(READS_SCREEN, True)

    window.stack.currentChanged.connect(mark_screen_buttons)

    def place_volume(panel: Any = None) -> None:
        """Into "Voir mieux" above "Blanc sur noir", once that panel exists."""
        panel = panel or window.overlay_shelf.built("display_panel")
        if panel is None or volume.parent() is not None:
            return
        index = panel.body.indexOf(panel.contrast_button)
        panel.body.insertWidget(index, volume)
        volume.set_stacked(window.text_scale >= 1.5)
        volume.show()

    window.appearance.scale_changed.connect(lambda scale: volume.set_stacked(scale >= 1.5))
    # The panel is built after the first frame, or at the first press of "Voir mieux": the
    # shell asks for the control when it builds it.
    mode.place_volume = place_volume  # type: ignore[attr-defined]
    place_volume()

    def end_of_visit() -> None:
        mode.visit_ended()
        volume.reset(settings.get("default_volume"))

    window.visit.when_forgotten(end_of_visit)

    context = Qt.ShortcutContext.ApplicationShortcut
    shortcuts = [
        (KEY_SWITCH, mode.toggle),
        (KEY_READ, mode.toggle_reading),
        (KEY_REPEAT, mode.repeat),
        *((keys, volume.softer) for keys in KEYS_SOFTER),
        *((keys, volume.louder) for keys in KEYS_LOUDER),
    ]
    mode.shortcuts = []  # type: ignore[attr-defined]
    for keys, slot in shortcuts:
        shortcut = QShortcut(QKeySequence(keys), window, context=context)
        shortcut.activated.connect(slot)
        mode.shortcuts.append(shortcut)  # type: ignore[attr-defined]
    window.listening = mode
    return mode
