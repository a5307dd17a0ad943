"""The kiosk window: a toolbar always in the same place, the screens, idle time and speech."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, Qt, QTimer, QTranslator, Slot
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QPaintEvent, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import i18n
from kiosk.core.i18n import _
from kiosk.core.languages import LANGUAGES
from kiosk.core.pronunciation import use_pack_words
from kiosk.core.second_tap import SecondTapGuard
from kiosk.core.session import Session
from kiosk.core.text_size import TEXT_SCALES, bigger, smaller
from kiosk.core.visit import Visit
from kiosk.ui.help_call_view import HelpBand, HelpBanner, HelpCallPresenter, StuckOfferBanner
from kiosk.ui.idle import IdleWarning, IdleWatcher
from kiosk.ui.overlay import Overlay
from kiosk.ui.practice.keyboard import OnScreenKeyboard
from kiosk.ui.private_field import clear_clipboards
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.welcome import WelcomeScreen
from kiosk.ui.theme import (
    HIGH_CONTRAST,
    STANDARD,
    application_style,
    palette,
    reading_style,
    set_palette,
)
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
    from kiosk.ui.mediator.panel import MediatorPanel
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.printing.sheet_printer import SheetPrinter
    from kiosk.ui.screens.completion import CompletionScreen
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.overview import OverviewScreen
    from kiosk.ui.screens.step_player import StepPlayerScreen

LATER_SCREENS = ("home", "overview", "player", "completion")  # built after the first frame
# Keys that close a window elsewhere (window managers, browsers): taken in --kiosk mode.
KIOSK_SWALLOWED_KEYS = ("Alt+F4", "Ctrl+Q", "Ctrl+W")


@dataclass
class Services:
    """What the window needs, built by the entry point (tests build their own)."""

    content: ContentStore
    activity: ActivityStore
    settings: SettingsStore
    speech: SpeechService
    help_calls: HelpCalls | None = None  # None: built on the activity's database


class MainWindow(QMainWindow):
    """Navigator of the citizen's screens; owns the session, the idle reset and reading aloud.

    Only the welcome screen is built before the first frame. The other screens are built
    one per turn of the event loop once that frame is painted (a touch waits at most one
    screen), or at once when they are asked for first.
    """

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
        self.session = Session(services.activity, default_language=self.default_language)
        self.visit = Visit()
        self.tap_guard = SecondTapGuard()  # read by the buttons: a second tap too soon
        self._icons_direction = QApplication.layoutDirection()  # the arrows drawn from now on
        self.setStyleSheet(application_style())
        self._apply_placeholder_colour()
        self.setMinimumSize(1024, 700)
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.help_band = HelpBand()
        column.addWidget(self.help_band)
        column.addWidget(self._build_toolbar())
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
        self.keyboard = OnScreenKeyboard()
        self.keyboard.opened.connect(lambda: self._keyboard_shown(True))
        self.keyboard.closed.connect(lambda: self._keyboard_shown(False))
        column.addWidget(self.keyboard)
        self.setCentralWidget(central)

        self._scale = TEXT_SCALES[0]
        # The texts' sizes before any screen is added: each screen is styled once, not twice.
        central.setStyleSheet(reading_style(self._scale))
        self._styled_scale = self._scale
        self._screens: dict[str, Screen] = {}
        self.warm_up_seconds: dict[str, float] = {}  # how long each later screen took
        self._warm_up_started = False
        self._warm_up_stopped = False
        self.welcome = WelcomeScreen(list(LANGUAGES))
        self._add_screen("welcome", self.welcome)
        self.welcome.start_requested.connect(self.start_session)
        self.welcome.language_chosen.connect(self._apply_language)

        self.idle_watcher = IdleWatcher(settings.get("idle_seconds"), self)
        self.idle_watcher.idle.connect(self._on_idle)
        self.idle_watcher.activity.connect(self._on_activity)
        self._idle_warning: IdleWarning | None = None
        self._language_chooser: LanguageChooser | None = None
        self._leave_confirmation: LeaveConfirmation | None = None
        self._display_panel: DisplayPanel | None = None
        self.help = self._build_help_calls(services)
        self._pin_pad: PinPad | None = None
        self._mediator_panel: MediatorPanel | None = None
        self.visit_auto_read = False  # turned on by a mediator for this visit only
        self.mediator_helped = False  # a mediator opened their panel during this visit
        self.toolbar.secret_gesture.connect(self.open_pin_pad)
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
            shortcut.setEnabled(kiosk_mode)
        self._sheet_printer: SheetPrinter | None = None
        self._recovery_notice: TextLabel | None = None

        speech = services.speech
        speech.rate = settings.get("speech_rate")
        speech.sentence_started.connect(self._on_sentence_started)
        speech.started.connect(self._update_listen_buttons)
        speech.finished.connect(self._on_speech_finished)
        speech.unavailable.connect(self._on_speech_unavailable)
        speech.voice_missing.connect(self._on_voice_missing)

        self._apply_language(self.default_language)
        self._apply_scale(TEXT_SCALES[0])
        self.show_screen(self.welcome)

    # -- construction --------------------------------------------------------------------------
    def _build_toolbar(self) -> QWidget:
        toolbar = Toolbar()
        self.toolbar = toolbar
        self.home_button = toolbar.home_button
        self.home_button.clicked.connect(self.go_home)
        self.language_button = toolbar.language_button
        self.language_button.clicked.connect(self._open_language_chooser)
        self.display_button = toolbar.display_button
        self.display_button.clicked.connect(self._open_display_panel)
        self.help_button = toolbar.help_button
        self.listen_button = toolbar.listen_button
        self.listen_button.clicked.connect(self.toggle_listen)
        self.finish_button = toolbar.finish_button
        self.finish_button.clicked.connect(self.ask_to_leave)
        return toolbar

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
            visit=lambda: self.session.id,
            place=self._place_on_screen,
            language=i18n.current_language,
            parent=self,
        )
        presenter.speak.connect(lambda sentences: self.services.speech.speak(sentences))
        self.help_button.clicked.connect(lambda: presenter.call("button"))
        return presenter

    def _place_on_screen(self) -> tuple[str | None, int | None]:
        """The tutorial and step (from 0) the person is on; (tutorial, None) on its overview."""
        screen = self.current_screen()
        if screen is self._built("player") and self.player.tutorial is not None:
            return self.player.tutorial.id, self.player.index
        if screen is self._built("overview") and self.overview.tutorial is not None:
            return self.overview.tutorial.id, None
        return None, None

    def _record_attempt(
        self, tutorial_id: str, step: int, field: str, outcome: str, hint_used: bool
    ) -> None:
        """A practice answer is recorded (its kind only); a wrong one may lead to the offer."""
        self.session.record_attempt(tutorial_id, step, field, outcome, hint_used)
        if outcome not in ("ok", "shown"):
            self.help.wrong_try()

    # -- the screens, built when first needed ---------------------------------------------------
    @property
    def screens(self) -> list[Screen]:
        """The screens built so far, in the order they were added."""
        return list(self._screens.values())

    @property
    def home(self) -> HomeScreen:
        return self._screen("home")  # type: ignore[return-value]

    @property
    def overview(self) -> OverviewScreen:
        return self._screen("overview")  # type: ignore[return-value]

    @property
    def player(self) -> StepPlayerScreen:
        return self._screen("player")  # type: ignore[return-value]

    @property
    def completion(self) -> CompletionScreen:
        return self._screen("completion")  # type: ignore[return-value]

    def _screen(self, name: str) -> Screen:
        screen = self._screens.get(name)
        if screen is None:
            started = time.perf_counter()
            screen = self._build_screen(name)
            self._add_screen(name, screen)  # screens translate themselves as they are built
            screen.text_scale_changed(self._scale)
            self.warm_up_seconds[name] = time.perf_counter() - started
            if name == "player":
                self._update_listen_buttons()
        return screen

    def _add_screen(self, name: str, screen: Screen) -> None:
        self._screens[name] = screen
        self.stack.addWidget(screen)

    def _build_screen(self, name: str) -> Screen:
        """Import and build one later screen; its modules (practice, Babel) load only now."""
        content = self.services.content
        if name == "home":
            from kiosk.ui.screens.home import HomeScreen

            home = HomeScreen(content)
            home.tutorial_chosen.connect(self.open_tutorial)
            home.keyboard_requested.connect(self.open_keyboard)
            return home
        if name == "overview":
            from kiosk.ui.screens.overview import OverviewScreen

            overview = OverviewScreen()
            overview.back_requested.connect(self.go_home)
            overview.start_requested.connect(self.start_tutorial)
            overview.print_requested.connect(self._print_sheet)
            return overview
        if name == "player":
            from kiosk.ui.screens.step_player import StepPlayerScreen

            player = StepPlayerScreen(content, self._record_attempt)
            player.keyboard_requested.connect(self.open_keyboard)
            player.step_changed.connect(self._on_step_changed)
            player.completed.connect(self._on_completed)
            player.listen_requested.connect(self.toggle_listen)
            player.speak_requested.connect(self._on_practice_speak)
            player.practice_succeeded.connect(self._on_practice_succeeded)
            return player
        if name == "completion":
            from kiosk.ui.screens.completion import CompletionScreen

            completion = CompletionScreen()
            completion.home_requested.connect(self.go_home)
            completion.restart_requested.connect(self.start_tutorial)
            completion.print_requested.connect(self._print_sheet)
            return completion
        raise KeyError(name)

    def _built(self, name: str) -> Screen | None:
        return self._screens.get(name)

    @property
    def idle_warning(self) -> IdleWarning:
        """The "Êtes-vous encore là ?" overlay, built when first needed."""
        if self._idle_warning is None:
            warning = IdleWarning(
                self.services.settings.get("idle_countdown_seconds"), self.centralWidget()
            )
            warning.expired.connect(lambda: self.end_session("idle"))
            warning.still_here.connect(self._on_still_here)
            warning.setGeometry(self.centralWidget().rect())
            self._idle_warning = warning
        return self._idle_warning

    @property
    def language_chooser(self) -> LanguageChooser:
        """The overlay listing the languages, built when first needed."""
        if self._language_chooser is None:
            from kiosk.ui.language_chooser import LanguageChooser

            chooser = LanguageChooser(self.centralWidget())
            chooser.chosen.connect(self._on_language_chosen)
            chooser.dismissed.connect(self._focus_screen)
            chooser.set_columns(2 if self._scale < 1.5 else 1)
            self._language_chooser = chooser
        return self._language_chooser

    @property
    def leave_confirmation(self) -> LeaveConfirmation:
        """ "Voulez-vous arrêter ?", built when first needed."""
        if self._leave_confirmation is None:
            from kiosk.ui.leave_confirmation import LeaveConfirmation

            confirmation = LeaveConfirmation(self.centralWidget())
            confirmation.confirmed.connect(lambda: self.end_session("finished"))
            confirmation.dismissed.connect(self._focus_screen)
            confirmation.set_stacked(self._scale >= 1.5)
            self._leave_confirmation = confirmation
        return self._leave_confirmation

    @property
    def display_panel(self) -> DisplayPanel:
        """ "Voir mieux" (text size, contrast), built when first needed."""
        if self._display_panel is None:
            from kiosk.ui.display_panel import DisplayPanel

            panel = DisplayPanel(self.centralWidget())
            panel.smaller.connect(lambda: self._apply_scale(smaller(self._scale)))
            panel.bigger.connect(lambda: self._apply_scale(bigger(self._scale)))
            panel.contrast_toggled.connect(self._apply_contrast)
            panel.dismissed.connect(self._focus_screen)
            panel.show_scale(self._scale, TEXT_SCALES[0], TEXT_SCALES[-1])
            self._display_panel = panel
        return self._display_panel

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
        """The overlays built so far."""
        built = (
            self._idle_warning,
            self._language_chooser,
            self._leave_confirmation,
            self._display_panel,
            self._pin_pad,
            self._mediator_panel,
        )
        return [overlay for overlay in built if overlay is not None]

    # -- the mediator ----------------------------------------------------------------------------
    @Slot()
    def open_pin_pad(self) -> None:
        """The discreet way in (three taps on the toolbar's empty part, or Ctrl+Alt+M)."""
        if self._pin_pad is None:
            from kiosk.core.pins import PinBook
            from kiosk.store.pin_store import PinStore
            from kiosk.ui.pin_pad import PinPad

            self._pin_pad = PinPad(
                PinBook(PinStore(self.services.activity.db)), self.centralWidget()
            )
            self._pin_pad.accepted.connect(self.open_mediator_panel)
            self._pin_pad.dismissed.connect(self._focus_screen)
        self.services.speech.stop()
        self.keyboard.close_keyboard()
        self._pin_pad.open_pad()

    @property
    def mediator_panel(self) -> MediatorPanel:
        if self._mediator_panel is None:
            from kiosk.core.languages import pick
            from kiosk.store.stuck_points_query import StuckPointsQuery
            from kiosk.ui.mediator.panel import MediatorPanel

            content = self.services.content
            tutorials = [
                (s.id, pick(s.title, "fr").text, s.step_count) for s in content.tutorials()
            ]
            panel = MediatorPanel(
                tutorials, StuckPointsQuery(self.services.activity.db), self.centralWidget()
            )
            panel.answer_requested.connect(self._mediator_answers)
            panel.print_requested.connect(self._mediator_prints)
            panel.step_requested.connect(self._mediator_goes_to_step)
            panel.show_answer_requested.connect(self._mediator_shows_answer)
            panel.auto_read_toggled.connect(self._set_visit_auto_read)
            panel.end_visit_requested.connect(self._mediator_ends_visit)
            panel.prepare_requested.connect(self.prepare_for_a_person)
            panel.leave_requested.connect(self._leave_mediator_panel)
            self._mediator_panel = panel
        return self._mediator_panel

    @Slot(str)
    def open_mediator_panel(self, _role: str = "mediator") -> None:
        """After the PIN: the panel over the person's screen, which stays as it was."""
        if self.session.active:
            self.mediator_helped = True
        panel = self.mediator_panel
        call = self.help.calls.open_call(self.session.id) if self.session.active else None
        tutorial_id, step = self._place_on_screen()
        tutorial = self.services.content.tutorial(tutorial_id) if tutorial_id else None
        if tutorial is not None and step is not None:
            from kiosk.core.languages import pick

            place = _("La personne est à l'étape {n} de « {title} ».").format(
                n=step + 1, title=pick(tutorial.title, "fr").text
            )
        elif self.current_screen() is self.welcome:
            place = _("Personne n'utilise la borne.")
        else:
            place = _("La personne choisit un tutoriel.")
        practice = step is not None and self.player.page is not None
        panel.show_situation(
            call.asked_at if call else None,
            place,
            len(tutorial.steps) if tutorial is not None and step is not None else 0,
            step,
            practice,
        )
        panel.auto_read_button.setChecked(self.visit_auto_read)
        panel.cover()

    @Slot()
    def _mediator_answers(self) -> None:
        self.help.answer()
        self.open_mediator_panel()

    @Slot()
    def _mediator_prints(self) -> None:
        """The sheet of the tutorial on screen, for the person (never with anything typed)."""
        tutorial_id, _step = self._place_on_screen()
        self._leave_mediator_panel()
        if tutorial_id is not None:
            self._print_sheet(tutorial_id)

    @Slot(int)
    def _mediator_goes_to_step(self, index: int) -> None:
        self._leave_mediator_panel()
        self.player.show_step(index)

    @Slot()
    def _mediator_shows_answer(self) -> None:
        self._leave_mediator_panel()
        if self.player.page is not None:
            self.player.page.reveal_answers()

    @Slot(bool)
    def _set_visit_auto_read(self, on: bool) -> None:
        self.visit_auto_read = on

    @Slot()
    def _mediator_ends_visit(self) -> None:
        """End the visit, then show its compte rendu d'activité (kept for the export)."""
        from kiosk.core.activity_report import build_report
        from kiosk.store.activity_report_store import ActivityReportStore

        visit, helped = self.session.id, self.mediator_helped
        self.end_session("finished")
        if visit is None or not helped:
            return
        store = ActivityReportStore(self.services.activity.db)
        facts = store.visit_facts(visit, time.time())
        if facts is None:
            return
        report = build_report(facts)
        store.save(report)
        panel = self.mediator_panel
        panel.show_situation(None, _("Personne n'utilise la borne."), 0, None, False)
        panel.show_report(report)
        panel.cover()

    @Slot(str, int, str)
    def prepare_for_a_person(self, tutorial_id: str, step: int, language: str) -> None:
        """Hand the kiosk over on ``step`` (from 0) of a tutorial, in ``language``."""
        self._leave_mediator_panel()
        if not self.session.active:
            self.start_session()
            self.mediator_helped = True
        self._apply_language(language)
        self.start_tutorial(tutorial_id, step)

    @Slot()
    def _leave_mediator_panel(self) -> None:
        if self._mediator_panel is not None:
            self._mediator_panel.hide()
        self._focus_screen()

    def open_overlay(self) -> Overlay | None:
        """The overlay covering the window now, if any."""
        return next((o for o in self.overlays() if o.isVisible()), None)

    @property
    def sheet_printer(self) -> SheetPrinter:
        """Prints the sheet to take home; built at the first press (Qt's print support loads
        in its printing process only)."""
        if self._sheet_printer is None:
            from kiosk.ui.printing.sheet_printer import SheetPrinter

            self._sheet_printer = SheetPrinter.for_window(self.services, self.centralWidget())
        return self._sheet_printer

    @Slot(str)
    def _print_sheet(self, tutorial_id: str) -> None:
        self.sheet_printer.print_tutorial(tutorial_id)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._warm_up_started:
            self._warm_up_started = True
            QTimer.singleShot(0, self, self._warm_up_next)

    @Slot()
    def _warm_up_next(self) -> None:
        """Build the next later screen, then give the event loop back before the one after.

        The speech engine starts last: its thread imports and loads espeak-ng, and would
        compete for the interpreter with the screens being built.
        """
        if self._warm_up_stopped:
            return
        missing = [name for name in LATER_SCREENS if name not in self._screens]
        if missing:
            self._screen(missing[0])
            QTimer.singleShot(0, self, self._warm_up_next)
        elif self._idle_warning is None or self._display_panel is None:
            started = time.perf_counter()
            _ = self.idle_warning, self.language_chooser, self.display_panel
            self.warm_up_seconds["overlays"] = time.perf_counter() - started
            self.services.speech.prepare()

    # -- navigation ----------------------------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def show_screen(self, screen: Screen) -> None:
        """Stop any reading, then show the screen; the window title names it."""
        self.services.speech.stop()
        self.keyboard.close_keyboard()
        self.stack.setCurrentWidget(screen)
        on_welcome = screen is self.welcome
        self.home_button.setVisible(not on_welcome)
        self.finish_button.setVisible(not on_welcome)
        self.help_button.setVisible(not on_welcome)
        self.toolbar.arrange()  # now, not after the screen shows: nothing moves under a finger
        if screen is not self._built("player"):
            self.help.left_tutorial()
        self.listen_button.setVisible(screen is not self._built("player"))
        self._announce(screen)
        self._focus_screen()

    @Slot()
    def _focus_screen(self) -> None:
        """The keyboard focus goes to the screen's main action, never to the toolbar."""
        focus = self.current_screen().first_focus()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _announce(self, screen: Screen) -> None:
        """Name the screen for assistive technology and in the window title."""
        title = screen.screen_title()
        self.setWindowTitle(f"Pas à pas — {title}")
        screen.setAccessibleName(title)
        if self.isVisible():  # before the first frame there is nobody to tell
            from PySide6.QtGui import QAccessible, QAccessibleEvent

            event = QAccessibleEvent(screen, QAccessible.Event.NameChanged)
            QAccessible.updateAccessibility(event)

    @Slot()
    def start_session(self) -> None:
        self.session.start()
        # The installed packs' spoken forms, read again for each person: a pack imported
        # meanwhile is heard right.
        use_pack_words(self.services.content.pack_words())
        self.idle_watcher.start()
        self.show_screen(self.home)

    @Slot()
    def go_home(self) -> None:
        """Back to the themes; the place in a tutorial left half-way is kept for this visit."""
        self.session.start()
        self.home.reset()
        self.show_screen(self.home)

    @Slot()
    def go_back(self) -> None:
        """Escape: close what covers the screen, or go back one level."""
        overlay = self.open_overlay()
        if overlay is not None:
            overlay.dismiss()
            return
        if self.keyboard.isVisible():
            self.keyboard.close_keyboard()
            return
        screen = self.current_screen()
        if screen is self.welcome:
            return
        if screen is self._built("player") and self.player.tutorial is not None:
            self.open_tutorial(self.player.tutorial.id)
        elif screen is self._built("home"):
            self.home.go_back()
        else:
            self.go_home()

    @Slot(str)
    def open_tutorial(self, tutorial_id: str) -> None:
        tutorial = self.services.content.tutorial(tutorial_id)
        if tutorial is None:
            return
        self.session.record("tutorial_opened", tutorial_id)
        self.overview.show_tutorial(tutorial, self.visit.place(tutorial_id))
        self.show_screen(self.overview)

    @Slot(str, int)
    def start_tutorial(self, tutorial_id: str, step_index: int = 0) -> None:
        tutorial = self.services.content.tutorial(tutorial_id)
        if tutorial is None:
            return
        self.session.start()
        self.show_screen(self.player)
        self.player.start(tutorial, step_index)

    @Slot(object)
    def open_keyboard(self, field) -> None:
        """The on-screen keyboard types into ``field``, which stays in sight above it."""
        from kiosk.ui.touch_scroll import reveal

        self.keyboard.open_for(field)
        reveal(field)

    def _keyboard_shown(self, shown: bool) -> None:
        self.current_screen().keyboard_visibility_changed(shown)

    @Slot(int)
    def _on_step_changed(self, index: int) -> None:
        self.services.speech.stop()
        self.keyboard.close_keyboard()
        tutorial = self.player.tutorial
        if tutorial is not None:
            self.visit.keep_place(tutorial.id, index)
            self.help.step_shown(tutorial.id, index)
        self.session.record("step_viewed", tutorial.id if tutorial else None, index)
        self._announce(self.player)
        auto_read = self.services.settings.get("auto_read") or self.visit_auto_read
        if auto_read and self.current_screen() is self.player:
            self.read_current_screen()

    @Slot(str)
    def _on_completed(self, tutorial_id: str) -> None:
        tutorial = self.services.content.tutorial(tutorial_id)
        self.session.record("tutorial_completed", tutorial_id)
        self.visit.finished(tutorial_id)
        # One recorded session per finished journey; the person keeps their choices on screen.
        self.session.end("completed", forget=False)
        if tutorial:
            self.completion.show_tutorial(tutorial)
        self.show_screen(self.completion)

    @Slot()
    def ask_to_leave(self) -> None:
        """ "Terminer": ask first, calmly; only "Oui, tout effacer" ends the visit."""
        self.services.speech.stop()
        self.keyboard.close_keyboard()
        confirmation = self.leave_confirmation
        confirmation.ask()
        self.services.speech.speak(confirmation.speech_sentences(), i18n.current_language())

    @Slot(str)
    def end_session(self, reason: str) -> None:
        """Close the session and clear every screen: the next person finds a fresh kiosk."""
        self.services.speech.stop()
        self.idle_watcher.stop()
        for overlay in self.overlays():
            overlay.hide()
        if self._idle_warning is not None:
            self._idle_warning.close_warning()
        self.keyboard.close_keyboard()
        if self._sheet_printer is not None:
            self._sheet_printer.reset()
        clear_clipboards()  # nothing of this person is left to paste
        self.help.visit_ended()
        self.session.end(reason)
        self.visit.forget()
        self.tap_guard.forget()
        self.visit_auto_read = False
        self.mediator_helped = False
        for screen in self.screens:
            screen.reset()
            screen.scroll_to_top()
        self._apply_language(self.default_language)
        self._apply_scale(TEXT_SCALES[0])
        if self._display_panel is not None:
            self._display_panel.contrast_button.setChecked(False)
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

    # -- language and text size ----------------------------------------------------------------
    @Slot(str)
    def _apply_language(self, language: str) -> None:
        if self.services.speech.available:
            self.speech_notice.hide()  # a missing voice was for the previous language
        i18n.install(language)
        self._install_qt_catalog(language)
        self.session.language = language
        direction = (
            Qt.LayoutDirection.RightToLeft
            if LANGUAGES[language].right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        QApplication.instance().setLayoutDirection(direction)
        # Arrows point the other way. Compared with our own record, not the application's:
        # installing Qt's Arabic catalog already turns the application right to left.
        if self._icons_direction != direction:
            self._icons_direction = direction
            self._refresh_icons()
        self.retranslate_ui()

    def _install_qt_catalog(self, language: str) -> None:
        """Qt's own strings (the field's context menu…) come from Qt's qtbase catalogs."""
        app = QApplication.instance()
        if getattr(self, "_qt_translator_language", None) == language:
            return  # every end of visit comes back to the default language
        if getattr(self, "_qt_translator", None) is not None:
            # Deleted, not only removed: a translator kept as the window's child held its
            # catalog (about 1 MiB) for the life of the process, one more at each change.
            app.removeTranslator(self._qt_translator)
            self._qt_translator.deleteLater()
        self._qt_translator_language = language
        self._qt_translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        names = [f"qtbase_{language}", "qtbase_pt_BR" if language == "pt" else ""]
        if any(name and self._qt_translator.load(name, folder) for name in names):
            app.installTranslator(self._qt_translator)

    def retranslate_ui(self) -> None:
        self.home_button.set_text(_("Accueil"), _("Revenir au choix des thèmes"))
        self.help_button.set_text(
            _("J'appelle\nune personne"), _("Une personne de l'accueil vient vous aider")
        )
        self.help_button.setAccessibleName(_("J'appelle une personne"))
        self.help_banner.retranslate_ui()
        self.stuck_offer.retranslate_ui()
        self.language_button.set_text(LANGUAGES[i18n.current_language()].native_name)
        self.language_button.setAccessibleName(_("Changer de langue"))
        self.display_button.set_text(_("Voir mieux"), _("La taille du texte et les couleurs"))
        for overlay in self.overlays():
            overlay.retranslate_ui()
        self.finish_button.set_text(_("Terminer"), _("Tout effacer et laisser la place"))
        self.speech_notice.setText(
            _("La lecture à voix haute ne marche pas sur cette borne. Vous pouvez lire le texte.")
        )
        self._update_listen_buttons()
        self.keyboard.retranslate_ui()
        for screen in self.screens:
            screen.retranslate_ui()
        self.setWindowTitle(f"Pas à pas — {self.current_screen().screen_title()}")

    @Slot()
    def _open_language_chooser(self) -> None:
        self.services.speech.stop()
        self.keyboard.close_keyboard()
        self.language_chooser.open_chooser()

    @Slot()
    def _open_display_panel(self) -> None:
        self.services.speech.stop()
        self.keyboard.close_keyboard()
        self.display_panel.open_panel()

    @Slot(str)
    def _on_language_chosen(self, language: str) -> None:
        self._apply_language(language)
        self._focus_screen()

    @Slot(bool)
    def _apply_contrast(self, high: bool) -> None:
        """Switch the whole window between the standard and the high-contrast theme."""
        set_palette(HIGH_CONTRAST if high else STANDARD)
        self.setStyleSheet(application_style())
        self._apply_placeholder_colour()
        self._refresh_icons()
        home, player = self._built("home"), self._built("player")
        if home is not None:
            home.retranslate_ui()  # its tiles are drawn again in the new colours
        if player is not None:
            player.refresh_highlight()

    def _refresh_icons(self) -> None:
        """Draw icons again: the theme's colours, the reading direction's arrows."""
        for button in self.findChildren(QAbstractButton):
            if hasattr(button, "refresh_icon"):
                button.refresh_icon()

    def _apply_placeholder_colour(self) -> None:
        """Qt's default placeholder grey is too pale; use one that reaches 7:1."""
        colours = QPalette(self.palette())
        colours.setColor(QPalette.ColorRole.PlaceholderText, QColor(palette().disabled_text))
        self.setPalette(colours)

    @property
    def text_scale(self) -> float:
        return self._scale

    def _apply_scale(self, scale: float) -> None:
        """Every text grows: the screens', the buttons', the toolbar's and the overlays'."""
        self._scale = scale
        self.session.text_scale = scale
        if scale != self._styled_scale:  # a new style sheet restyles every widget below it
            self.centralWidget().setStyleSheet(reading_style(scale))
            self._styled_scale = scale
        if self._display_panel is not None:
            self._display_panel.show_scale(scale, TEXT_SCALES[0], TEXT_SCALES[-1])
        self.toolbar.arrange()
        if self._language_chooser is not None:
            self._language_chooser.set_columns(2 if scale < 1.5 else 1)
        if self._leave_confirmation is not None:
            self._leave_confirmation.set_stacked(scale >= 1.5)
        self.keyboard.text_scale_changed(scale)
        for screen in self.screens:
            screen.text_scale_changed(scale)

    # -- reading aloud -------------------------------------------------------------------------
    @Slot()
    def toggle_listen(self) -> None:
        if self.services.speech.speaking:
            self.services.speech.stop()
        else:
            self.read_current_screen()

    def read_current_screen(self) -> None:
        screen = self.current_screen()
        tutorial = screen.tutorial if screen is self._built("player") else None
        if self.services.speech.speak(screen.reading()):
            self.session.record("listen", tutorial.id if tutorial else None)

    @Slot(list)
    def _on_practice_speak(self, sentences: list) -> None:
        """Feedback of an exercise is spoken, as every text is; never what was typed.
        Each sentence carries its language (the page tags them)."""
        self.services.speech.speak(list(sentences), self.player.speech_language())

    @Slot(int)
    def _on_practice_succeeded(self, index: int) -> None:
        tutorial = self.player.tutorial
        self.session.record("practice_succeeded", tutorial.id if tutorial else None, index)

    @Slot(int)
    def _on_sentence_started(self, index: int) -> None:
        self.current_screen().highlight_sentence(index)

    @Slot(bool)
    def _on_speech_finished(self, _completed: bool) -> None:
        for screen in self.screens:
            screen.highlight_sentence(None)
        self._update_listen_buttons()

    @Slot()
    def _update_listen_buttons(self) -> None:
        speech = self.services.speech
        if speech.speaking:
            text, name = _("Arrêter"), "stop"
        else:
            text, name = _("Écouter"), "listen"
        player = self._built("player")
        buttons = (
            [self.listen_button] if player is None else [self.listen_button, player.listen_button]
        )
        for button in buttons:
            button.set_text(text, _("Lire cet écran à voix haute"))
            button.set_icon(name)
            button.setEnabled(speech.available)

    @Slot(str)
    def _on_speech_unavailable(self, _reason: str) -> None:
        self.speech_notice.show()
        self._update_listen_buttons()

    @Slot(str)
    def _on_voice_missing(self, _reason: str) -> None:
        """Say it in text, once per language, instead of reading in a wrong voice."""
        self.speech_notice.setText(
            _("La lecture à voix haute n'existe pas dans cette langue. Vous pouvez lire le texte.")
        )
        self.speech_notice.show()
        self._update_listen_buttons()

    # -- idle time -----------------------------------------------------------------------------
    @Slot()
    def _on_idle(self) -> None:
        if self.current_screen() is self.welcome and not self.session.active:
            return
        self.services.speech.stop()
        self.idle_warning.open_warning()
        self.services.speech.speak(self.idle_warning.speech_sentences(), i18n.current_language())

    @Slot()
    def _on_activity(self) -> None:
        if self._idle_warning is not None and self._idle_warning.counting:
            self._on_still_here()

    @Slot()
    def _on_still_here(self) -> None:
        self.idle_warning.close_warning()
        self.services.speech.stop()
        self.idle_watcher.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
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
        self._warm_up_stopped = True  # a closed window builds nothing more
        self.idle_watcher.stop()
        self.services.speech.stop()
        super().closeEvent(event)
