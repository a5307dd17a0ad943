"""What a help call looks like: a band across the top of the screen that the agent sees from the
other end of the room, and a calm banner for the person, with "Annuler".

Also the quiet offer made to a person who seems stuck: "Voulez-vous qu'une personne vienne vous
aider ?", with two plain answers. Both banners sit between the toolbar and the screen, so that
they never cover what the person is doing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.help_call import HelpCalls, StuckOffer, StuckWatch
from kiosk.core.i18n import _
from kiosk.ui.widgets import BigButton, TextLabel

BAND_HEIGHT = 24  # px: a thick coloured line, seen across a room


class HelpBand(QWidget):
    """The coloured band along the screen's top edge while a call waits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_band")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedHeight(BAND_HEIGHT)
        self.hide()


class HelpBanner(QWidget):
    """ "Une personne va venir vous aider…" and "Annuler", then "Une personne arrive." once
    the desk answered (``person_coming``), in the language of the moment: a change of
    language says the same thing again. Signals: cancel_requested()."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.setSpacing(16)
        self.message = TextLabel()
        self.message.setObjectName("help_message")
        self.cancel_button = BigButton("previous")
        self.cancel_button.setObjectName("help-cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.coming = False
        row.addWidget(self.message, 1)
        row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.message.setText(" ".join(self.speech_sentences()))
        self.cancel_button.set_text(_("Annuler l'appel"))

    def speech_sentences(self) -> list[str]:
        """What the banner says, in the language of the moment."""
        if self.coming:
            return [_("Une personne arrive.")]
        return [_("Une personne va venir vous aider."), _("Vous pouvez continuer en attendant.")]

    def person_coming(self) -> None:
        """Someone answered the call (the desk's "J'arrive"): the banner says so and shows."""
        self.coming = True
        self.retranslate_ui()
        self.show()

    def call_closed(self) -> None:
        """The call ended: the banner hides and the next call starts with "va venir"."""
        self.coming = False
        self.retranslate_ui()
        self.hide()


class StuckOfferBanner(QWidget):
    """ "Voulez-vous qu'une personne vienne vous aider ?" Signals: accepted(), declined()."""

    accepted = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stuck_offer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 8, 24, 8)
        column.setSpacing(8)
        self.question = TextLabel()
        column.addWidget(self.question)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.yes_button = BigButton("person", "primary")
        self.yes_button.setObjectName("stuck-yes")
        self.yes_button.clicked.connect(self.accepted)
        self.no_button = BigButton("check")
        self.no_button.setObjectName("stuck-no")
        self.no_button.clicked.connect(self.declined)
        row.addWidget(self.yes_button)
        row.addWidget(self.no_button)
        row.addStretch(1)
        column.addLayout(row)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.question.setText(_("Voulez-vous qu'une personne vienne vous aider ?"))
        self.yes_button.set_text(_("Oui, appeler une personne"))
        self.no_button.set_text(_("Non, merci"))


class HelpCallPresenter(QObject):
    """Shows the calls of ``kiosk.core.help_call`` and feeds its ``StuckWatch``.

    ``visit`` returns the visit's id (None outside a visit) and ``place`` the tutorial and
    step on screen (None elsewhere); ``clock`` returns seconds. Signals: speak(list of str).
    """

    speak = Signal(list)

    def __init__(
        self,
        calls: HelpCalls,
        watch: StuckWatch,
        band: HelpBand,
        banner: HelpBanner,
        offer: StuckOfferBanner,
        visit: Callable[[], object | None],
        place: Callable[[], tuple[str | None, int | None]],
        language: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.calls, self.watch = calls, watch
        self.band, self.banner, self.offer = band, banner, offer
        self._visit, self._place, self._language = visit, place, language
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check_stuck)
        calls.add_listener(self._on_call)
        banner.cancel_requested.connect(self.cancel)
        offer.accepted.connect(lambda: self.call("stuck_offer"))
        offer.declined.connect(self.offer.hide)

    @property
    def waiting(self) -> bool:
        """True while this visit's call waits for a person."""
        visit = self._visit()
        return visit is not None and self.calls.open_call(visit) is not None

    @Slot()
    def call(self, how: str = "button") -> None:
        """The person asks for a human (the button, or yes to the offer)."""
        visit = self._visit()
        if visit is None:
            return
        tutorial_id, step = self._place()
        self.offer.hide()
        self.calls.ask(visit, tutorial_id, step, self._language(), how)
        self.speak.emit(self.banner.speech_sentences())

    @Slot()
    def cancel(self) -> None:
        visit = self._visit()
        if visit is not None:
            self.calls.cancel(visit)

    def answer(self) -> None:
        """A mediator came (after their PIN): the band and the banner go."""
        visit = self._visit()
        if visit is not None:
            self.calls.answer(visit)

    def _on_call(self, call) -> None:
        self.band.setVisible(call.is_open)
        if call.is_open:
            self.banner.show()
        else:
            self.banner.call_closed()
        if call.is_open:
            self.watch.call_open()
            self._timer.stop()
        else:
            self.watch.call_closed()
            self._arm()

    # -- the quiet offer -------------------------------------------------------------------
    def step_shown(self, tutorial_id: str, step: int) -> None:
        self.watch.step_shown(tutorial_id, step)
        self.offer.hide()
        self._arm()

    def left_tutorial(self) -> None:
        self.watch.left_tutorial()
        self.offer.hide()
        self._timer.stop()

    def wrong_try(self) -> None:
        self._show_offer(self.watch.wrong_try())

    def _arm(self) -> None:
        seconds = self.watch.seconds_until_due()
        if seconds is None:
            self._timer.stop()
        else:
            self._timer.start(int(seconds * 1000) + 1)

    @Slot()
    def _check_stuck(self) -> None:
        self._show_offer(self.watch.due())

    def _show_offer(self, offer: StuckOffer | None) -> None:
        if offer is None or self.waiting:
            return
        self.offer.show()
        self.speak.emit([self.offer.question.text()])

    def visit_ended(self) -> None:
        """Nobody is left to help: an open call is cancelled, the offers start afresh."""
        visit = self._visit()
        if visit is not None:
            self.calls.visit_ended(visit)
        self.watch.forget()
        self._timer.stop()
        self.banner.call_closed()
        for widget in (self.band, self.offer):
            widget.hide()
