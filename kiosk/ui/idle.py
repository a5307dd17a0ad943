"""Idle time: notice when nobody touches the kiosk, warn with a countdown, then reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.core import i18n
from kiosk.core.i18n import _, ngettext
from kiosk.ui.overlay import Overlay
from kiosk.ui.widgets import BigButton, TextLabel

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow

USER_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }
)


class IdleWatcher(QObject):
    """Watches every input of the application. Signals: idle(), activity()."""

    idle = Signal()
    activity = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_seconds(seconds)

    def set_seconds(self, seconds: int) -> None:
        self._timer.setInterval(int(seconds * 1000))

    def start(self) -> None:
        """Watch every input from now on; outside a session nothing needs watching.

        A filter written in Python costs time at every event of the application (some 60 ms
        of the kiosk's start-up), so it is installed only while a session runs.
        """
        QCoreApplication.instance().installEventFilter(self)  # Qt never installs it twice
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        QCoreApplication.instance().removeEventFilter(self)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_EVENTS:
            if self._timer.isActive():
                self._timer.start()
            self.activity.emit()
        return False


class IdleWarning(Overlay):
    """Covers the window: "Êtes-vous encore là ?", a countdown and "Je suis encore là".

    Signals: still_here(), expired(). Escape, like any key, counts as "still here".
    """

    still_here = Signal()
    expired = Signal()

    def __init__(self, seconds: int, parent: QWidget | None = None) -> None:
        super().__init__("idle_warning", parent)
        self.seconds = seconds
        self.remaining = seconds
        layout = self.body
        layout.addStretch(1)
        self.title = TextLabel("big_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = TextLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = TextLabel("title")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = BigButton("check", "primary")
        self.button.guarded = False  # it must answer at once, whatever was pressed before
        self.button.clicked.connect(self._on_still_here)
        for widget in (self.title, self.message, self.countdown):
            layout.addWidget(widget)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    def open_warning(self) -> None:
        self.remaining = self.seconds
        self.retranslate_ui()
        self.cover()
        self._tick.start()

    def focus_first(self) -> None:
        self.button.setFocus()

    def close_warning(self) -> None:
        self._tick.stop()
        self.hide()

    def dismiss(self) -> None:
        self._on_still_here()

    @property
    def counting(self) -> bool:
        return self._tick.isActive()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Êtes-vous encore là ?"))
        self.message.setText(
            _("Personne n'a touché l'écran depuis un moment.")
            + " "
            + _("Pour protéger vos informations, tout sera effacé.")
        )
        self.countdown.setText(
            ngettext(
                "Effacement dans {n} seconde.", "Effacement dans {n} secondes.", self.remaining
            ).format(n=self.remaining)
        )
        self.button.set_text(_("Je suis encore là"))

    def speech_sentences(self) -> list[str]:
        return [
            self.title.text(),
            _("Personne n'a touché l'écran depuis un moment."),
            _("Touchez « Je suis encore là » pour continuer."),
        ]

    @Slot()
    def _on_tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.close_warning()
            self.expired.emit()
        else:
            self.retranslate_ui()

    @Slot()
    def _on_still_here(self) -> None:
        self.close_warning()
        self.still_here.emit()


class IdleGuard(QObject):
    """Idle time for the shell: the warning after ``idle_seconds``, the end of the visit after
    its countdown. Watches only while a visit or a mode (mediator, admin) is open."""

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.shell = shell
        self.watcher = IdleWatcher(shell.services.settings.get("idle_seconds"), self)
        self.watcher.idle.connect(self._on_idle)
        self.watcher.activity.connect(self._on_activity)

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def build_warning(self, host: QWidget) -> IdleWarning:
        """The "Êtes-vous encore là ?" overlay (for the shell's overlay shelf)."""
        warning = IdleWarning(self.shell.services.settings.get("idle_countdown_seconds"), host)
        warning.expired.connect(lambda: self.shell.end_session("idle"))
        warning.still_here.connect(self._on_still_here)
        return warning

    def setting_changed(self, key: str, value: int) -> None:
        """A new idle time or countdown applies at once (from the next wait)."""
        if key == "idle_seconds":
            self.watcher.set_seconds(value)
        elif key == "idle_countdown_seconds":
            warning = self.shell.overlay_shelf.built("idle_warning")
            if warning is not None:
                warning.seconds = value

    @Slot()
    def _on_idle(self) -> None:
        shell = self.shell
        nobody = shell.current_screen() is shell.welcome and not shell.session.active
        if nobody and shell.showing_mode() is None:
            return
        shell.services.speech.stop()
        warning = shell.idle_warning
        warning.open_warning()
        shell.services.speech.speak(warning.speech_sentences(), i18n.current_language())

    @Slot()
    def _on_activity(self) -> None:
        warning = self.shell.overlay_shelf.built("idle_warning")
        if warning is not None and warning.counting:
            self._on_still_here()

    @Slot()
    def _on_still_here(self) -> None:
        self.shell.idle_warning.close_warning()
        self.shell.services.speech.stop()
        self.watcher.start()
