"""The citizen's mode: the screens of a visit (welcome, themes, a tutorial, its steps, the end)
and how the person moves between them."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot

from kiosk.core.languages import LANGUAGES
from kiosk.ui.modes.base import Mode
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.completion import CompletionScreen
    from kiosk.ui.screens.home import HomeScreen
    from kiosk.ui.screens.overview import OverviewScreen
    from kiosk.ui.screens.step_player import StepPlayerScreen

LATER_SCREENS = ("home", "overview", "player", "completion")  # built after the first frame
WARMED_OVERLAYS = ("idle_warning", "language_chooser", "display_panel")  # then these


class CitizenMode(Mode):
    """Navigator of the citizen's screens.

    Only the welcome screen is built before the first frame. The other screens are built one
    per turn of the event loop once that frame is painted (a touch waits at most one screen),
    or at once when they are asked for first.
    """

    name = "citizen"

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.stack = shell.stack
        self._screens: dict[str, Screen] = {}
        self.warm_up_seconds: dict[str, float] = {}  # how long each later screen took
        self._warm_up_started = False
        self.warm_up_stopped = False
        self._overlays_seconds = 0.0
        self.objects_set_aside = 0  # left out of Python's collections once the warm-up ends
        self.welcome = WelcomeScreen(list(LANGUAGES))
        self._add_screen("welcome", self.welcome)
        self.welcome.start_requested.connect(self.start_session)
        self.welcome.language_chosen.connect(shell.visit.choose_language)

    # -- the screens, built when first needed -------------------------------------------------
    @property
    def screens(self) -> list[Screen]:
        """The screens built so far, in the order they were added."""
        return list(self._screens.values())

    @property
    def home(self) -> HomeScreen:
        return self.screen("home")  # type: ignore[return-value]

    @property
    def overview(self) -> OverviewScreen:
        return self.screen("overview")  # type: ignore[return-value]

    @property
    def player(self) -> StepPlayerScreen:
        return self.screen("player")  # type: ignore[return-value]

    @property
    def completion(self) -> CompletionScreen:
        return self.screen("completion")  # type: ignore[return-value]

    def screen(self, name: str) -> Screen:
        screen = self._screens.get(name)
        if screen is None:
            started = time.perf_counter()
            screen = self._build_screen(name)
            self._add_screen(name, screen)  # screens translate themselves as they are built
            screen.text_scale_changed(self.shell.visit.text_scale)
            self.warm_up_seconds[name] = time.perf_counter() - started
            if name == "player":
                self.shell.reading.update_buttons()
        return screen

    def built(self, name: str) -> Screen | None:
        return self._screens.get(name)

    def _add_screen(self, name: str, screen: Screen) -> None:
        self._screens[name] = screen
        self.stack.addWidget(screen)
        self.shell.language_switch.language_changed.connect(screen.retranslate_ui)

    def _build_screen(self, name: str) -> Screen:
        """Import and build one later screen; its modules (practice, Babel) load only now."""
        shell = self.shell
        content = shell.services.content
        if name == "home":
            from kiosk.ui.screens.home import HomeScreen

            home = HomeScreen(content)
            home.tutorial_chosen.connect(self.open_tutorial)
            home.keyboard_requested.connect(shell.open_keyboard)
            return home
        if name == "overview":
            from kiosk.ui.screens.overview import OverviewScreen

            overview = OverviewScreen()
            overview.back_requested.connect(self.go_home)
            overview.start_requested.connect(self.start_tutorial)
            overview.print_requested.connect(shell.print_sheet)
            return overview
        if name == "player":
            from kiosk.ui.screens.step_player import StepPlayerScreen

            player = StepPlayerScreen(content, self._record_attempt)
            player.keyboard_requested.connect(shell.open_keyboard)
            player.step_changed.connect(self._on_step_changed)
            player.completed.connect(self.on_completed)
            player.listen_requested.connect(shell.reading.toggle)
            player.speak_requested.connect(shell.reading.speak_practice)
            player.practice_succeeded.connect(self._on_practice_succeeded)
            return player
        if name == "completion":
            from kiosk.ui.screens.completion import CompletionScreen

            completion = CompletionScreen()
            completion.home_requested.connect(self.go_home)
            completion.restart_requested.connect(self.start_tutorial)
            completion.print_requested.connect(shell.print_sheet)
            return completion
        raise KeyError(name)

    def start_warm_up(self) -> None:
        """After the first frame: build the later screens, one per turn of the event loop."""
        if not self._warm_up_started:
            self._warm_up_started = True
            QTimer.singleShot(0, self, self._warm_up_next)

    @Slot()
    def _warm_up_next(self) -> None:
        """Build the next later screen, then give the event loop back before the one after.

        The speech engine starts last: its thread imports and loads espeak-ng, and would
        compete for the interpreter with the screens being built.
        """
        if self.warm_up_stopped:
            return
        missing = [name for name in LATER_SCREENS if name not in self._screens]
        if missing:
            self.screen(missing[0])
            QTimer.singleShot(0, self, self._warm_up_next)
            return
        started = time.perf_counter()
        piece = self.shell.warm_up_next_piece()
        if piece is not None:
            spent = time.perf_counter() - started
            if piece in WARMED_OVERLAYS:
                self._overlays_seconds += spent
            else:
                self.warm_up_seconds[piece] = spent
            QTimer.singleShot(0, self, self._warm_up_next)
        elif "overlays" not in self.warm_up_seconds:
            # The three overlays together (one turn each), written last: the warm-up is over.
            self.warm_up_seconds["overlays"] = self._overlays_seconds
            self.shell.services.speech.prepare()
            # The screens are built: Python's full collections no longer walk them.
            QTimer.singleShot(0, self, self._set_aside_screens)

    @Slot()
    def _set_aside_screens(self) -> None:
        from kiosk.core.cycle_collector import set_aside_long_lived

        self.objects_set_aside = set_aside_long_lived()

    # -- where the person is ----------------------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def place_on_screen(self) -> tuple[str | None, int | None]:
        """The tutorial and step (from 0) the person is on; (tutorial, None) on its overview."""
        screen = self.current_screen()
        if screen is self.built("player") and self.player.tutorial is not None:
            return self.player.tutorial.id, self.player.index
        if screen is self.built("overview") and self.overview.tutorial is not None:
            return self.overview.tutorial.id, None
        return None, None

    # -- navigation -------------------------------------------------------------------------------
    def show_screen(self, screen: Screen) -> None:
        """Stop any reading, then show the screen; the window title names it."""
        shell = self.shell
        shell.services.speech.stop()
        shell.close_keyboard()
        self.stack.setCurrentWidget(screen)
        on_welcome = screen is self.welcome
        toolbar = shell.toolbar
        toolbar.home_button.setVisible(not on_welcome)
        toolbar.finish_button.setVisible(not on_welcome)
        toolbar.help_button.setVisible(not on_welcome)
        toolbar.listen_button.setVisible(screen is not self.built("player"))
        toolbar.arrange()  # now, not after the screen shows: nothing moves under a finger
        if screen is not self.built("player"):
            shell.help.left_tutorial()
        shell.announce(screen)
        self.focus_screen()

    @Slot()
    def focus_screen(self) -> None:
        """The keyboard focus goes to the screen's main action, never to the toolbar."""
        focus = self.current_screen().first_focus()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def start_session(self) -> None:
        shell = self.shell
        shell.session.start()
        # The installed packs' spoken forms, read again for each person: a pack imported
        # meanwhile is heard right. (Imported here: its rules are compiled at import, and the
        # welcome screen does not need them.)
        from kiosk.core.pronunciation import use_pack_words

        use_pack_words(shell.services.content.pack_words())
        shell.idle.start()
        if shell.room is not None:
            shell.room.visit_started()
        self.show_screen(self.home)

    @Slot()
    def go_home(self) -> None:
        """Back to the themes; the place in a tutorial left half-way is kept for this visit."""
        self.shell.session.start()
        self.home.reset()
        self.show_screen(self.home)

    def go_back(self) -> None:
        """One level back: from a step to its tutorial, from a theme to the themes."""
        screen = self.current_screen()
        if screen is self.welcome:
            return
        if screen is self.built("player") and self.player.tutorial is not None:
            self.open_tutorial(self.player.tutorial.id)
        elif screen is self.built("home"):
            self.home.go_back()
        else:
            self.go_home()

    @Slot(str)
    def open_tutorial(self, tutorial_id: str) -> None:
        shell = self.shell
        tutorial = shell.services.content.tutorial(tutorial_id)
        if tutorial is None:
            return
        shell.session.record("tutorial_opened", tutorial_id)
        self.overview.show_tutorial(tutorial, shell.visit.place(tutorial_id))
        self.show_screen(self.overview)

    @Slot(str, int)
    def start_tutorial(self, tutorial_id: str, step_index: int = 0) -> None:
        shell = self.shell
        tutorial = shell.services.content.tutorial(tutorial_id)
        if tutorial is None:
            return
        shell.session.start()
        self.show_screen(self.player)
        self.player.start(tutorial, step_index)

    @Slot(int)
    def _on_step_changed(self, index: int) -> None:
        shell = self.shell
        shell.services.speech.stop()
        shell.close_keyboard()
        tutorial = self.player.tutorial
        if tutorial is not None:
            shell.visit.keep_place(tutorial.id, index)
            shell.help.step_shown(tutorial.id, index)
        shell.session.record("step_viewed", tutorial.id if tutorial else None, index)
        if shell.room is not None:
            shell.room.show_place()
        shell.announce(self.player)
        auto_read = shell.services.settings.get("auto_read") or shell.visit.auto_read
        if auto_read and self.current_screen() is self.player:
            shell.reading.read_screen()

    @Slot(str)
    def on_completed(self, tutorial_id: str) -> None:
        shell = self.shell
        tutorial = shell.services.content.tutorial(tutorial_id)
        shell.session.record("tutorial_completed", tutorial_id)
        shell.visit.finished(tutorial_id)
        # One recorded session per finished journey; the person keeps their choices on screen.
        shell.session.end("completed", forget=False)
        if tutorial:
            self.completion.show_tutorial(tutorial)
        self.show_screen(self.completion)

    def _record_attempt(
        self, tutorial_id: str, step: int, field: str, outcome: str, hint_used: bool
    ) -> None:
        """A practice answer is recorded (its kind only); a wrong one may lead to the offer."""
        self.shell.session.record_attempt(tutorial_id, step, field, outcome, hint_used)
        if outcome not in ("ok", "shown"):
            self.shell.help.wrong_try()

    @Slot(int)
    def _on_practice_succeeded(self, index: int) -> None:
        tutorial = self.player.tutorial
        self.shell.session.record("practice_succeeded", tutorial.id if tutorial else None, index)

    def reset(self) -> None:
        """The visit ended: every screen empty and at its top."""
        for screen in self.screens:
            screen.reset()
            screen.scroll_to_top()

    def text_scale_changed(self, scale: float) -> None:
        for screen in self.screens:
            screen.text_scale_changed(scale)
