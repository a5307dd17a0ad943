"""The kiosk window: a shell that hosts the modes (citizen, mediator, admin) and the overlays.

The shell owns what every mode shares: the visit (kiosk.core.visit: language, text size,
contrast, places), the recorded session, the toolbar, the overlays, the on-screen keyboard,
idle time and reading aloud. Each of those is a small named piece; the shell builds them,
wires them together and forwards. The citizen's mode is built at once; the mediator's and the
admin's only when their PIN is first accepted.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.core import i18n
from kiosk.core.i18n import _
from kiosk.core.languages import LANGUAGES
from kiosk.core.second_tap import SecondTapGuard
from kiosk.core.session import Session
from kiosk.core.text_size import TEXT_SCALES, bigger, smaller
from kiosk.core.visit import Visit
from kiosk.ui.appearance import Appearance
from kiosk.ui.help_call_view import HelpBand, HelpBanner, HelpCallPresenter, StuckOfferBanner
from kiosk.ui.idle import IdleGuard, IdleWarning
from kiosk.ui.language_switch import LanguageSwitch
from kiosk.ui.modes.base import Mode
from kiosk.ui.modes.citizen import WARMED_OVERLAYS, CitizenMode
from kiosk.ui.overlay import Overlay
from kiosk.ui.overlay_shelf import OverlayShelf
from kiosk.ui.private_field import clear_clipboards
from kiosk.ui.reading_aloud import ReadingAloud
from kiosk.ui.screens.base import Screen
from kiosk.ui.toolbar import Toolbar
from kiosk.ui.widgets import BigButton, TextLabel

if TYPE_CHECKING:
    from kiosk.core.help_call import HelpCalls
    from kiosk.speech.service import SpeechService
    from kiosk.store.activity_store import ActivityStore
    from kiosk.store.content_store import ContentStore
    from kiosk.store.settings_store import SettingsStore
    from kiosk.ui.display_panel import DisplayPanel
    from kiosk.ui.language_chooser import LanguageChooser
    from kiosk.ui.leave_confirmation import LeaveConfirmation
    from kiosk.ui.listening_mode import ListeningMode
    from kiosk.ui.mediator.panel import MediatorPanel
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.practice.keyboard import OnScreenKeyboard
    from kiosk.ui.printing.sheet_printer import SheetPrinter
    from kiosk.ui.room_presence import RoomPresence
    from kiosk.ui.screens.completion import CompletionScreen
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.overview import OverviewScreen
    from kiosk.ui.screens.step_player import StepPlayerScreen

# Keys that close a window elsewhere (window managers, browsers): taken in --kiosk mode.
log = logging.getLogger(__name__)
KIOSK_SWALLOWED_KEYS = ("Alt+F4", "Ctrl+Q", "Ctrl+W")
# How often the kiosk looks for settings changed by another process (ms): one PRAGMA when
# nothing changed, so an admin's ``kiosk settings set`` applies within two seconds.
OUTSIDE_SETTINGS_MS = 2000


@dataclass
class Services:
    """What the window needs, built by the entry point (tests build their own)."""

    content: ContentStore
    activity: ActivityStore
    settings: SettingsStore
    speech: SpeechService
    help_calls: HelpCalls | None = None  # None: built on the activity's database


class MainWindow(QMainWindow):
    """The shell. ``citizen`` navigates the screens; ``open_mode`` opens the others."""

    def __init__(
        self,
        services: Services,
        kiosk_mode: bool = False,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.kiosk_mode = kiosk_mode
        settings = services.settings
        self.default_language = language or settings.get("language")
        self.visit = Visit(self.default_language)
        self.session = Session(services.activity, default_language=self.default_language)
        self.tap_guard = SecondTapGuard()  # read by the buttons: a second tap too soon
        self.setMinimumSize(1024, 700)
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.help_band = HelpBand()
        column.addWidget(self.help_band)
        self.toolbar = Toolbar()
        column.addWidget(self.toolbar)
        self.help_banner = HelpBanner()
        column.addWidget(self.help_banner)
        self.stuck_offer = StuckOfferBanner()
        column.addWidget(self.stuck_offer)
        self.speech_notice = TextLabel("notice")
        self.speech_notice.hide()
        column.addWidget(self.speech_notice)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        # One keyboard for every field, below the screen: it never covers the field it fills.
        # Built after the first frame (its 50 keys are not on the welcome screen): ``keyboard``.
        self._column = column
        self._keyboard: OnScreenKeyboard | None = None
        self.setCentralWidget(central)

        self.appearance = Appearance(self, central)
        self.language_switch = LanguageSwitch(self)
        self.language_switch.direction_changed.connect(self.appearance.refresh_icons)
        self.language_switch.language_changed.connect(self.retranslate_ui)
        self.language_switch.retranslated.connect(self._retitle)
        self.appearance.scale_changed.connect(self._on_scale_changed)
        self.appearance.contrast_changed.connect(self._on_contrast_changed)
        self.reading = ReadingAloud(self)
        self.idle = IdleGuard(self)
        self.overlay_shelf = OverlayShelf(central, self.language_switch.language_changed)
        self._declare_overlays()
        self.citizen = CitizenMode(self)
        self._modes: dict[str, Mode] = {"citizen": self.citizen}
        self.help = self._build_help_calls(services)
        self._sheet_printer: SheetPrinter | None = None
        self._recovery_notice: TextLabel | None = None
        self.listening: ListeningMode | None = None  # attached after the first frame
        self.room: RoomPresence | None = None  # the desk's view of this kiosk, if a broker
        self._room_tried = False
        self._connect_toolbar()
        self._add_shortcuts()

        self.visit.listen(self._on_visit_choice)
        settings.listen(self._on_setting_changed)
        # ``kiosk settings set`` runs in another process: look for its changes now and then.
        settings.notice_outside_changes()  # takes note of what is stored now
        self._outside_settings = QTimer(self)
        self._outside_settings.setInterval(OUTSIDE_SETTINGS_MS)
        self._outside_settings.timeout.connect(self._notice_outside_settings)
        self._outside_settings.start()
        self.visit.choose_language(self.default_language)
        self._on_scale_changed(TEXT_SCALES[0])
        self.show_screen(self.welcome)

    # -- construction --------------------------------------------------------------------------
    def _connect_toolbar(self) -> None:
        toolbar = self.toolbar
        self.home_button = toolbar.home_button
        self.language_button = toolbar.language_button
        self.display_button = toolbar.display_button
        self.help_button = toolbar.help_button
        self.listen_button = toolbar.listen_button
        self.finish_button = toolbar.finish_button
        toolbar.home_button.clicked.connect(self.go_home)
        toolbar.language_button.clicked.connect(self._open_language_chooser)
        toolbar.display_button.clicked.connect(self._open_display_panel)
        toolbar.listen_button.clicked.connect(self.reading.toggle)
        toolbar.finish_button.clicked.connect(self.ask_to_leave)
        toolbar.secret_gesture.connect(self.open_pin_pad)

    def _add_shortcuts(self) -> None:
        self.mediator_shortcut = QShortcut(QKeySequence("Ctrl+Alt+M"), self)
        self.mediator_shortcut.activated.connect(self.open_pin_pad)
        self.back_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.back_shortcut.activated.connect(self.go_back)
        # A kiosk has no keys to leave: these shortcuts are taken, and do nothing.
        self.swallowed_shortcuts = [
            QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.ApplicationShortcut)
            for keys in KIOSK_SWALLOWED_KEYS
        ]
        for shortcut in self.swallowed_shortcuts:
            shortcut.setEnabled(self.kiosk_mode)

    def _build_help_calls(self, services: Services) -> HelpCallPresenter:
        """ "J'appelle une personne" and the quiet offer to a person who seems stuck."""
        from kiosk.core.help_call import HelpCalls, StuckWatch

        calls = services.help_calls
        if calls is None:
            from kiosk.store.help_call_store import HelpCallStore

            calls = HelpCalls(HelpCallStore(services.activity.db))
        watch = StuckWatch(services.settings.get("stuck_step_seconds"))
        presenter = HelpCallPresenter(
            calls,
            watch,
            self.help_band,
            self.help_banner,
            self.stuck_offer,
            visit=self._visit_for_help,
            place=self.citizen.place_on_screen,
            language=i18n.current_language,
            parent=self,
        )
        presenter.speak.connect(lambda sentences: self.services.speech.speak(sentences))
        self.toolbar.help_button.clicked.connect(lambda: presenter.call("button"))
        return presenter

    def _visit_for_help(self) -> object | None:
        """The recorded session a help call belongs to. Between two tutorials (after "Bravo !")
        the person is still there: their next journey's session starts now."""
        if self.session.id is None and self.session.visit_ids:
            self.session.start()
        return self.session.id

    def _declare_overlays(self) -> None:
        shelf = self.overlay_shelf
        shelf.add("idle_warning", self.idle.build_warning)
        shelf.add("language_chooser", self._build_language_chooser)
        shelf.add("leave_confirmation", self._build_leave_confirmation)
        shelf.add("display_panel", self._build_display_panel)
        shelf.add("pin_pad", self._build_pin_pad)

    def _build_language_chooser(self, host: QWidget) -> LanguageChooser:
        from kiosk.ui.language_chooser import LanguageChooser

        chooser = LanguageChooser(host)
        chooser.chosen.connect(self._on_language_chosen)
        chooser.dismissed.connect(self._focus_screen)
        chooser.set_columns(2 if self.visit.text_scale < 1.5 else 1)
        return chooser

    def _build_leave_confirmation(self, host: QWidget) -> LeaveConfirmation:
        from kiosk.ui.leave_confirmation import LeaveConfirmation

        confirmation = LeaveConfirmation(host)
        confirmation.confirmed.connect(lambda: self.end_session("finished"))
        confirmation.dismissed.connect(self._focus_screen)
        confirmation.set_stacked(self.visit.text_scale >= 1.5)
        return confirmation

    def _build_display_panel(self, host: QWidget) -> DisplayPanel:
        from kiosk.ui.display_panel import DisplayPanel

        visit = self.visit
        panel = DisplayPanel(host)
        panel.smaller.connect(lambda: visit.choose_text_scale(smaller(visit.text_scale)))
        panel.bigger.connect(lambda: visit.choose_text_scale(bigger(visit.text_scale)))
        panel.contrast_toggled.connect(visit.choose_contrast)
        panel.dismissed.connect(self._focus_screen)
        panel.show_scale(visit.text_scale, TEXT_SCALES[0], TEXT_SCALES[-1])
        if self.listening is not None:
            self.listening.place_volume(panel)  # type: ignore[attr-defined]
        return panel

    def _build_pin_pad(self, host: QWidget) -> PinPad:
        from kiosk.core.pins import PinBook
        from kiosk.store.pin_store import PinStore
        from kiosk.ui.pin_pad import PinPad

        pad = PinPad(PinBook(PinStore(self.services.activity.db)), host)
        pad.accepted.connect(self.open_mode)
        pad.dismissed.connect(self._focus_screen)
        return pad

    @property
    def keyboard(self) -> OnScreenKeyboard:
        """The on-screen keyboard below the screen, built at the first call (the warm-up's
        first piece, or a field that asks for it first)."""
        if self._keyboard is None:
            from kiosk.ui.practice.keyboard import OnScreenKeyboard

            keyboard = OnScreenKeyboard()
            keyboard.opened.connect(lambda: self._keyboard_shown(True))
            keyboard.closed.connect(lambda: self._keyboard_shown(False))
            keyboard.text_scale_changed(self.visit.text_scale)
            keyboard.retranslate_ui()
            self._column.addWidget(keyboard)
            self._keyboard = keyboard
        return self._keyboard

    def close_keyboard(self) -> None:
        """Close the on-screen keyboard, if it was built and is open."""
        if self._keyboard is not None:
            self._keyboard.close_keyboard()

    def warm_up_next_piece(self) -> str | None:
        """Build one more piece a citizen may need soon after the first frame: the keyboard,
        an overlay, the listening mode (its import costs 20-45 ms), the room's link. One per
        call, so that a touch waits for one piece at most; its name, or None when nothing was
        left."""
        if self._keyboard is None:
            self.keyboard  # noqa: B018 - built now
            return "keyboard"
        missing = [n for n in WARMED_OVERLAYS if self.overlay_shelf.built(n) is None]
        if missing:
            self.overlay_shelf.get(missing[0])
            return missing[0]
        if self.listening is None:
            from kiosk.ui.listening_mode import attach

            attach(self)
            return "listening"
        if not self._room_tried:
            self._room_tried = True
            self.join_room()
            return "room"
        return None

    def join_room(self) -> None:
        """Show this kiosk on the mediator's desk when the settings name a broker (again after
        a change of those settings); without one, nothing: the kiosk works alone."""
        from kiosk.ui.room_presence import room_presence_for

        if self.room is not None:
            self.room.stop()
            self.room.deleteLater()
        self.room = room_presence_for(self)

    # -- the citizen's screens (the citizen mode's, named here for the tests and the modes) ------
    @property
    def welcome(self) -> Screen:
        return self.citizen.welcome

    @property
    def home(self) -> HomeScreen:
        return self.citizen.home

    @property
    def overview(self) -> OverviewScreen:
        return self.citizen.overview

    @property
    def player(self) -> StepPlayerScreen:
        return self.citizen.player

    @property
    def completion(self) -> CompletionScreen:
        return self.citizen.completion

    @property
    def screens(self) -> list[Screen]:
        return self.citizen.screens

    @property
    def warm_up_seconds(self) -> dict[str, float]:
        return self.citizen.warm_up_seconds

    def current_screen(self) -> Screen:
        return self.citizen.current_screen()

    def show_screen(self, screen: Screen) -> None:
        self.citizen.show_screen(screen)

    def start_session(self) -> None:
        self.citizen.start_session()

    def go_home(self) -> None:
        self.citizen.go_home()

    def open_tutorial(self, tutorial_id: str) -> None:
        self.citizen.open_tutorial(tutorial_id)

    def start_tutorial(self, tutorial_id: str, step_index: int = 0) -> None:
        self.citizen.start_tutorial(tutorial_id, step_index)

    # -- overlays ---------------------------------------------------------------------------------
    @property
    def idle_warning(self) -> IdleWarning:
        """The "Êtes-vous encore là ?" overlay, built when first needed."""
        return self.overlay_shelf.get("idle_warning")  # type: ignore[return-value]

    @property
    def language_chooser(self) -> LanguageChooser:
        return self.overlay_shelf.get("language_chooser")  # type: ignore[return-value]

    @property
    def leave_confirmation(self) -> LeaveConfirmation:
        """ "Voulez-vous arrêter ?", built when first needed."""
        return self.overlay_shelf.get("leave_confirmation")  # type: ignore[return-value]

    @property
    def display_panel(self) -> DisplayPanel:
        """ "Voir mieux" (text size, contrast), built when first needed."""
        return self.overlay_shelf.get("display_panel")  # type: ignore[return-value]

    @property
    def pin_pad(self) -> PinPad:
        return self.overlay_shelf.get("pin_pad")  # type: ignore[return-value]

    @property
    def bigger_button(self) -> BigButton:
        return self.display_panel.bigger_button

    @property
    def smaller_button(self) -> BigButton:
        return self.display_panel.smaller_button

    @property
    def contrast_button(self) -> BigButton:
        return self.display_panel.contrast_button

    def overlays(self) -> list[Overlay]:
        """The overlays built so far, the modes' panels included."""
        built = self.overlay_shelf.all_built()
        for mode in self._modes.values():
            built.extend(mode.overlays())
        return built

    def open_overlay(self) -> Overlay | None:
        """The overlay covering the window now, if any."""
        return next((o for o in self.overlays() if o.isVisible()), None)

    # -- modes ------------------------------------------------------------------------------------
    @Slot()
    def open_pin_pad(self) -> None:
        """The discreet way in (three taps on the toolbar's empty part, or Ctrl+Alt+M)."""
        self.services.speech.stop()
        self.close_keyboard()
        self.pin_pad.open_pad()

    def mode(self, name: str) -> Mode:
        """The mode ``name`` ("citizen", "mediator", "admin"), built the first time."""
        mode = self._modes.get(name)
        if mode is None:
            if name == "mediator":
                from kiosk.ui.modes.mediator import MediatorMode

                mode = MediatorMode(self)
            elif name == "admin":
                from kiosk.ui.modes.admin import AdminMode

                mode = AdminMode(self)
            else:
                raise KeyError(name)
            self._modes[name] = mode
        return mode

    @Slot(str)
    def open_mode(self, name: str) -> None:
        """Open a mode once its PIN was accepted; idle time is watched while it is open."""
        for other in self._modes.values():
            if other.name != name and other.showing:
                other.leave()
        self.idle.start()
        self.mode(name).enter()

    def showing_mode(self) -> Mode | None:
        """The mediator's or admin's mode covering the kiosk now, if any."""
        return next((m for m in self._modes.values() if m is not self.citizen and m.showing), None)

    @Slot()
    def leave_mode(self) -> None:
        """Back to the citizen's screen as it was; with nobody there, idle is not watched."""
        for mode in self._modes.values():
            mode.leave()
        if not self.session.active:
            self.idle.stop()
        self._focus_screen()

    @property
    def mediator(self):  # the MediatorMode, built at first use
        return self.mode("mediator")

    @property
    def mediator_panel(self) -> MediatorPanel:
        return self.mediator.panel

    def open_mediator_panel(self, _role: str = "mediator") -> None:
        self.open_mode("mediator")

    def prepare_for_a_person(self, tutorial_id: str, step: int, language: str) -> None:
        self.mediator.prepare_for_a_person(tutorial_id, step, language)

    def content_changed(self) -> None:
        """A pack was installed or rolled back: what lists the tutorials is built again (the
        mediator's panel at its next opening; the citizen's screens read the store anew)."""
        mediator = self._modes.pop("mediator", None)
        if mediator is not None:
            mediator.leave()
            for overlay in mediator.overlays():
                overlay.deleteLater()
            mediator.deleteLater()
        home = self.citizen.built("home")
        if home is not None:
            home.reset()

    # -- printing ---------------------------------------------------------------------------------
    @property
    def sheet_printer(self) -> SheetPrinter:
        """Prints the sheet to take home; built at the first press (Qt's print support loads
        in its printing process only)."""
        if self._sheet_printer is None:
            from kiosk.ui.printing.sheet_printer import SheetPrinter

            self._sheet_printer = SheetPrinter.for_window(self.services, self.centralWidget())
            self._sheet_printer.finished.connect(self._printer_finished)
        return self._sheet_printer

    def _printer_finished(self, printed: bool) -> None:
        if self.room is not None:
            self.room.printer_finished(printed)

    @Slot(str)
    def print_sheet(self, tutorial_id: str) -> None:
        self.sheet_printer.print_tutorial(tutorial_id)

    # -- the visit --------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        """Qt's ``LanguageChange`` stops at the window. Every screen, overlay, panel and mode
        gives its widgets their new texts itself (``LanguageSwitch.language_changed``) and
        none reads this event, which Qt would otherwise send to each of the window's some
        400 widgets, hidden ones included, each through the application's event filters:
        about 5 ms of a change of language (docs/benchmarks.md). Qt's own dialogs, which
        would need it, are not used in the window. ``LayoutDirectionChange`` (Arabic) still
        reaches every widget."""
        if event.type() == QEvent.Type.LanguageChange:
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.citizen.start_warm_up()

    @Slot()
    def _focus_screen(self) -> None:
        self.citizen.focus_screen()

    def announce(self, screen: Screen) -> None:
        """Name the screen for assistive technology and in the window title."""
        title = screen.screen_title()
        self.setWindowTitle(f"Pas à pas — {title}")
        screen.setAccessibleName(title)
        if self.isVisible():  # before the first frame there is nobody to tell
            from PySide6.QtGui import QAccessible, QAccessibleEvent

            event = QAccessibleEvent(screen, QAccessible.Event.NameChanged)
            QAccessible.updateAccessibility(event)

    @Slot()
    def go_back(self) -> None:
        """Escape: close what covers the screen, or go back one level."""
        overlay = self.open_overlay()
        if overlay is not None:
            overlay.dismiss()
            return
        if self._keyboard is not None and self._keyboard.isVisible():
            self._keyboard.close_keyboard()
            return
        self.citizen.go_back()

    @Slot(object)
    def open_keyboard(self, field) -> None:
        """The on-screen keyboard types into ``field``, which stays in sight above it."""
        from kiosk.ui.touch_scroll import reveal

        self.keyboard.open_for(field)
        reveal(field)

    def _keyboard_shown(self, shown: bool) -> None:
        self.current_screen().keyboard_visibility_changed(shown)

    @Slot()
    def ask_to_leave(self) -> None:
        """ "Terminer": ask first, calmly; only "Oui, tout effacer" ends the visit."""
        self.services.speech.stop()
        self.close_keyboard()
        confirmation = self.leave_confirmation
        confirmation.ask()
        self.services.speech.speak(confirmation.speech_sentences(), i18n.current_language())

    @Slot(str)
    def end_session(self, reason: str) -> None:
        """Close the session and clear every screen: the next person finds a fresh kiosk."""
        self.services.speech.stop()
        self.idle.stop()
        for overlay in self.overlays():
            overlay.hide()
        warning = self.overlay_shelf.built("idle_warning")
        if warning is not None:
            warning.close_warning()  # type: ignore[attr-defined]
        for mode in self._modes.values():
            mode.leave()
        self.close_keyboard()
        if self._sheet_printer is not None:
            self._sheet_printer.reset()
        clear_clipboards()  # nothing of this person is left to paste
        self.help.visit_ended()
        if self.room is not None:
            self.room.visit_ended()  # after the call was cancelled: the desk reads both
        self.session.end(reason)
        self.tap_guard.forget()
        self.citizen.reset()
        self.visit.forget()  # language, size and contrast back to the kiosk's, told to all
        self.show_screen(self.welcome)

    def recover_from_error(self, message: str) -> None:
        """After an unexpected fault: end the visit, show the welcome screen and ``message``.

        Called by kiosk/app's crash handler. The message stays on the welcome screen until the
        next touch. Raises whatever ending the visit raises: the handler then builds a new window.
        """
        if self._recovery_notice is None:
            self._recovery_notice = TextLabel("notice")
            self.centralWidget().layout().insertWidget(2, self._recovery_notice)
            self.welcome.start_requested.connect(self._recovery_notice.hide)
        self.end_session("error")
        self._recovery_notice.setText(message)
        self._recovery_notice.show()

    # -- the visit's choices, as they change -----------------------------------------------------
    def _on_visit_choice(self, choice: str, value: Any) -> None:
        """The visit changed language, text size or contrast: apply it everywhere."""
        if choice == "language":
            self.session.language = value
            self.language_switch.apply(value)
        elif choice == "text_scale":
            self.session.text_scale = value
            self.appearance.apply_scale(value)
        elif choice == "high_contrast":
            self.appearance.apply_contrast(value)

    @Slot()
    def _notice_outside_settings(self) -> None:
        """Apply what ``kiosk settings set`` changed in another process (every 2 s)."""
        try:
            self.services.settings.notice_outside_changes()
        except sqlite3.Error as error:  # closed or damaged: the start checks deal with that
            self._outside_settings.stop()
            log.warning("Réglages changés ailleurs : plus lus (%s).", error)

    def _on_setting_changed(self, key: str, value: Any) -> None:
        """An admin changed a setting: it applies now, not at the next start."""
        if key in ("idle_seconds", "idle_countdown_seconds"):
            self.idle.setting_changed(key, value)
        elif key == "speech_rate":
            self.services.speech.rate = value
        elif key == "language":
            self.default_language = value
            self.visit.default_language = value
            self.session.default_language = value
        elif key == "stuck_step_seconds":
            self.help.watch.stuck_step_seconds = value
        else:
            from kiosk.ui.room_presence import ROOM_SETTINGS

            if key in ROOM_SETTINGS and self._room_tried:
                self.join_room()

    def retranslate_ui(self) -> None:
        """The shell's own texts; screens, overlays and panels listen to ``language_changed``
        themselves."""
        toolbar = self.toolbar
        toolbar.home_button.set_text(_("Accueil"), _("Revenir au choix des thèmes"))
        toolbar.help_button.set_text(
            _("J'appelle\nune personne"), _("Une personne de l'accueil vient vous aider")
        )
        toolbar.help_button.setAccessibleName(_("J'appelle une personne"))
        self.help_banner.retranslate_ui()
        self.stuck_offer.retranslate_ui()
        toolbar.language_button.set_text(LANGUAGES[i18n.current_language()].native_name)
        toolbar.language_button.setAccessibleName(_("Changer de langue"))
        toolbar.display_button.set_text(
            _("Voir mieux"), _("La taille du texte, les couleurs et le volume")
        )
        toolbar.finish_button.set_text(_("Terminer"), _("Tout effacer et laisser la place"))
        self.reading.retranslate_ui()
        if self._keyboard is not None:
            self._keyboard.retranslate_ui()

    def _retitle(self) -> None:
        self.setWindowTitle(f"Pas à pas — {self.current_screen().screen_title()}")

    @Slot()
    def _open_language_chooser(self) -> None:
        self.services.speech.stop()
        self.close_keyboard()
        self.language_chooser.open_chooser()

    @Slot()
    def _open_display_panel(self) -> None:
        self.services.speech.stop()
        self.close_keyboard()
        self.display_panel.open_panel()

    @Slot(str)
    def _on_language_chosen(self, language: str) -> None:
        self.visit.choose_language(language)
        self._focus_screen()

    def _on_contrast_changed(self, high: bool) -> None:
        panel = self.overlay_shelf.built("display_panel")
        if panel is not None:
            panel.contrast_button.setChecked(high)  # type: ignore[attr-defined]
        home, player = self.citizen.built("home"), self.citizen.built("player")
        if home is not None:
            home.retranslate_ui()  # its tiles are drawn again in the new colours
        if player is not None:
            player.refresh_highlight()

    @property
    def text_scale(self) -> float:
        return self.visit.text_scale

    def _on_scale_changed(self, scale: float) -> None:
        """Every text grows: the screens', the buttons', the toolbar's and the overlays'."""
        shelf = self.overlay_shelf
        panel = shelf.built("display_panel")
        if panel is not None:
            panel.show_scale(scale, TEXT_SCALES[0], TEXT_SCALES[-1])  # type: ignore[attr-defined]
        self.toolbar.arrange()
        chooser = shelf.built("language_chooser")
        if chooser is not None:
            chooser.set_columns(2 if scale < 1.5 else 1)  # type: ignore[attr-defined]
        confirmation = shelf.built("leave_confirmation")
        if confirmation is not None:
            confirmation.set_stacked(scale >= 1.5)  # type: ignore[attr-defined]
        if self._keyboard is not None:
            self._keyboard.text_scale_changed(scale)
        self.citizen.text_scale_changed(scale)

    # -- the window -------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.overlay_shelf.fit()
        for overlay in self.overlays():
            overlay.setGeometry(self.centralWidget().rect())

    def admin_exit(self) -> None:
        """Leave the kiosk: the only way out in ``--kiosk`` mode, for the admin screen.

        Closes the window; Qt then ends its event loop with code 0 (the last window closed),
        so that ``kiosk`` exits with 0 and its systemd unit (``Restart=on-failure``) does not
        start it again. Not ``QApplication.exit(0)``: outside ``exec()`` it would also stop
        every later local event loop at once (Qt keeps its "quit now" flag).
        """
        self._allow_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kiosk_mode and not getattr(self, "_allow_close", False):
            event.ignore()  # only an admin may close a kiosk
            return
        self.citizen.warm_up_stopped = True  # a closed window builds nothing more
        self._outside_settings.stop()
        if self.room is not None:
            self.room.stop()  # the desk reads "offline" at once
            self.room = None
        self.idle.stop()
        self.services.speech.stop()
        super().closeEvent(event)
