"""The admin's content packs: what is installed and signed, going back to a kept version,
installing a pack from a USB stick after reading what it changes, and the "vérifié le" date
of every tutorial with the old ones flagged (issue #13).

A standalone page that the admin mode hosts. It reads the installed packs on the UI thread
(a few small queries); reading a pack from a stick, checking its signature and installing it
run on a worker (kiosk.ui.background_task) with their own SQLite connection, while a progress
bar moves; the window never freezes. The admin screen follows the kiosk rule for signatures
(kiosk.pack_install.signatures_required): only packs signed by a trusted key go in, unless the
setting ``allow_unsigned_packs`` is on.
"""

from __future__ import annotations

import datetime
import getpass
import logging
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.builtin_content import BUILTIN_PACK, pack_header
from kiosk.core.checked_dates import TutorialCheck, tutorial_checks
from kiosk.core.dates import long_date
from kiosk.core.i18n import _, current_language
from kiosk.pack_install import (
    OfferOutcome,
    PackOffer,
    install_in,
    offer_in,
    rollback_in,
    signatures_required,
)
from kiosk.store.content_store import ContentStore
from kiosk.store.database import Database
from kiosk.store.pack_versions_store import PackVersionsStore
from kiosk.store.settings_store import SettingsStore
from kiosk.store.trusted_keys_store import TrustedKeysStore
from kiosk.ui.admin.every_row import show_every_row
from kiosk.ui.background_task import BackgroundTask
from kiosk.ui.layout_hint import Container
from kiosk.ui.touch_scroll import TouchScrollArea
from kiosk.ui.widgets import BigButton, TextLabel, restyle

AUDIT_BY = "admin"


def removable_media_folders(user: str | None = None) -> list[Path]:
    """Where a USB stick appears, most specific first: /media/<user> (Debian's udisks2),
    /run/media/<user> (Fedora, Arch), then /media and the home folder."""
    user = user or _user_name()
    return [
        Path("/media") / user,
        Path("/run/media") / user,
        Path("/media"),
        Path.home(),
    ]


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


CHECKS_SIZED_ON = 100  # rows of the "vérifié le" table measured to size its columns
# The pack's column is at most this wide (px): a long pack id ("mediatheque-louise-michel")
# left the tutorial's title three letters ("Ré…") in a 1280 px window.
PACK_COLUMN_MAX = 180
MAX_SHOWN_CHANGES = 12  # lines of a change list: what fits on the screen and is read


def bulleted(sentences: Sequence[str], most: int = MAX_SHOWN_CHANGES) -> str:
    """One line per sentence, each after a bullet: a list read at a glance.

    At most ``most`` lines: a pack of 250 new tutorials says the first ones, then how many
    more (a label of 250 lines was unreadable, and laying it out again at each step of the
    progress bar froze the screen for 100–500 ms)."""
    lines = [f"• {sentence}" for sentence in sentences[:most]]
    if len(sentences) > most:
        lines.append(
            "• " + _("… et {count} autres changements.").format(count=len(sentences) - most)
        )
    return "\n".join(lines)


def start_folder(candidates: Sequence[Path]) -> Path:
    """The first folder of ``candidates`` that exists: the one a file chooser opens on.

    When it holds exactly one folder (one stick plugged in), that folder."""
    for folder in candidates:
        if folder.is_dir():
            try:
                inside = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
            except OSError:
                inside = []
            if len(inside) == 1 and folder != Path.home():
                return inside[0]
            return folder
    return Path.home()


class ChecksModel(QAbstractTableModel):
    """The "vérifié le" table: tutorial, pack, date, state; one row per TutorialCheck.

    A model, not a QTableWidget: a widget item per cell meant 20,000 items made on the UI
    thread for 5,000 tutorials; the view asks only for the rows it shows (issue #19).
    Overdue rows are in bold.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[TutorialCheck] = []
        self._headers: list[str] = ["", "", "", ""]
        self._language = "fr"

    def set_checks(self, checks: list[TutorialCheck], language: str) -> None:
        self.beginResetModel()
        self._checks = list(checks)
        self._language = language
        self.endResetModel()

    def set_headers(self, headers: list[str]) -> None:
        self._headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's own)
        return 0 if parent.isValid() else len(self._checks)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        check = self._checks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return check.title
            if column == 1:
                return check.pack_id
            if column == 2:
                return (
                    long_date(check.checked, self._language)
                    if check.checked
                    else _("date inconnue")
                )
            return _("À revérifier") if check.overdue else _("À jour")
        if role == Qt.ItemDataRole.FontRole and check.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None


class PacksPage(QWidget):
    """The content packs page of the admin mode.

    Signals:
        content_changed(): a pack was installed or rolled back; whatever shows content
            (the home's themes, the pack lexicon, the mediator's list) should read it again.
        busy_changed(bool): a pack is being read or installed (True), or that work is over
            (False); the admin mode may keep the admin on this page while it is True.
        checks_read(): the "vérifié le" table shows the dates just read on a worker.
    """

    content_changed = Signal()
    busy_changed = Signal(bool)
    checks_read = Signal()

    def __init__(
        self,
        db: Database,
        settings: SettingsStore,
        media_folders: Sequence[Path] | None = None,
        today: Callable[[], datetime.date] = datetime.date.today,
        parent: QWidget | None = None,
    ) -> None:
        """``db``: the UI thread's connection (its file is opened again by the workers);
        ``settings``: for ``allow_unsigned_packs`` and ``verified_max_age_days``;
        ``media_folders``: where the file chooser looks for a USB stick (tests give their own);
        ``today``: the date the "vérifié le" ages are counted from (a fake clock in tests)."""
        super().__init__(parent)
        assert db.path is not None, "the workers open the database file again"
        self.setObjectName("packs_page")
        self.setProperty("scrolls_itself", True)  # self.scroll: the admin screen adds none
        self.db = db
        self.database = Path(db.path)
        self.settings = settings
        self.media_folders = list(media_folders or removable_media_folders())
        self.today = today
        self.offer: PackOffer | None = None
        self._task: BackgroundTask | None = None
        # The "vérifié le" dates read on a worker (0.2–0.5 s at 5,000 tutorials), by reading
        # number; only the newest reading is shown, the others finish and are dropped.
        # (Numbers, not QObject.sender(): PySide6 gives no sender to a slot reached from a
        # Python thread, and a reading never removed kept ``reading_checks`` True.)
        self._check_readers: dict[int, BackgroundTask] = {}
        self._readings_asked = 0
        self.checks: list[TutorialCheck] = []
        self._then: Callable = lambda _result: None
        # What the work in progress is doing, as a sentence, from (done, in all).
        self._stage: Callable[[int, int], str] | None = None
        self._busy = False
        inner = Container()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = TouchScrollArea(inner)
        outer.addWidget(self.scroll)
        # Installing from a USB stick.
        self.title = TextLabel("big_title")
        layout.addWidget(self.title)
        self.choose_button = BigButton("start", "primary")
        self.choose_button.setObjectName("packs-choose")
        self.choose_button.clicked.connect(self.choose_pack)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.choose_help = TextLabel()
        layout.addWidget(self.choose_help)
        self.progress = QProgressBar()
        self.progress.setObjectName("packs-progress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = TextLabel("notice")
        self.message.setObjectName("packs-message")
        self.message.hide()
        layout.addWidget(self.message)
        # The offer: what installing the chosen pack changes, then "Installer" or "Annuler".
        self.offer_title = TextLabel("title")
        self.signature_label = TextLabel()
        self.signature_label.setObjectName("packs-signature")
        self.changes_label = TextLabel("title")  # big text: the admin reads it before choosing
        self.changes_label.setObjectName("packs-changes")
        self.older_question = TextLabel("warning")
        self.older_question.setObjectName("packs-older-question")
        self.install_button = BigButton("check", "primary")
        self.install_button.setObjectName("packs-install")
        self.install_button.clicked.connect(self.install)
        self.force_button = BigButton("check", "primary")
        self.force_button.setObjectName("packs-install-older")
        self.force_button.clicked.connect(self.install_older)
        self.cancel_button = BigButton("previous")
        self.cancel_button.setObjectName("packs-cancel")
        self.cancel_button.clicked.connect(self.cancel)
        offer_buttons = QHBoxLayout()
        offer_buttons.addWidget(self.install_button)
        offer_buttons.addWidget(self.force_button)
        offer_buttons.addWidget(self.cancel_button)
        offer_buttons.addStretch(1)
        self.offer_widgets: list[QWidget] = [
            self.offer_title,
            self.signature_label,
            self.changes_label,
            self.older_question,
            self.install_button,
            self.force_button,
            self.cancel_button,
        ]
        for widget in self.offer_widgets[:4]:
            layout.addWidget(widget)
        layout.addLayout(offer_buttons)
        # Installed packs and their kept versions.
        self.installed_title = TextLabel("title")
        layout.addWidget(self.installed_title)
        self.installed_box = QVBoxLayout()
        self.installed_box.setSpacing(12)
        layout.addLayout(self.installed_box)
        self.installed_widgets: list[QWidget] = []
        self.rollback_buttons: dict[tuple[str, int], BigButton] = {}
        # "Vérifié le" of each tutorial.
        self.checks_title = TextLabel("title")
        layout.addWidget(self.checks_title)
        self.checks_summary = TextLabel()
        self.checks_summary.setObjectName("packs-checks-summary")
        layout.addWidget(self.checks_summary)
        self.checks_model = ChecksModel(self)
        self.checks_table = QTableView()
        self.checks_table.setModel(self.checks_model)
        self.checks_table.setObjectName("packs-checks")
        self.checks_table.verticalHeader().hide()
        self.checks_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checks_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.checks_table)
        layout.addStretch(1)
        self.checks: list[TutorialCheck] = []
        self._show_offer(None)
        self.retranslate_ui()  # reads the installed packs too

    # -- texts ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Paquets de contenu"))
        self.choose_button.set_text(_("Installer un paquet depuis une clé USB"))
        self.choose_help.setText(
            _("Choisissez le fichier .zip du paquet, ou le fichier pack.yaml de son dossier.")
        )
        self.offer_title.setText(_("Ce qui va changer"))
        self.install_button.set_text(_("Installer"))
        self.cancel_button.set_text(_("Annuler"))
        self.older_question.setText(
            _(
                "Ce paquet est plus ancien que celui qui est installé. "
                "Voulez-vous vraiment revenir en arrière ?"
            )
        )
        if self.offer is not None:
            self.force_button.set_text(
                _("Oui, installer la version {version}").format(version=self.offer.pack.version)
            )
            self.changes_label.setText(bulleted(self.offer.changes.sentences()))
        self.installed_title.setText(_("Paquets installés"))
        self.checks_title.setText(_("Dates de vérification des tutoriels"))
        self.checks_model.set_headers([_("Tutoriel"), _("Paquet"), _("Vérifié le"), _("État")])
        self.refresh()

    # -- what is installed ---------------------------------------------------------------------
    def refresh(self, checked_dates: list | None = None) -> None:
        """Read the installed packs, their kept versions and the tutorials' checks again.

        ``checked_dates``: ContentStore.checked_dates() when a worker read them already (after
        an install); otherwise a worker reads them now and the table follows (with 5,000
        tutorials the query takes 0.2–0.5 s, kept off the UI thread): ``checks_read`` says when.
        """
        import json

        while self.installed_widgets:
            widget = self.installed_widgets.pop()
            self.installed_box.removeWidget(widget)
            widget.hide()  # until deleteLater runs, it would still be painted where it was
            widget.deleteLater()
        self.rollback_buttons.clear()
        content = ContentStore(self.db)
        versions = PackVersionsStore(self.db)
        names = {key.key_id: key.name for key in TrustedKeysStore(self.db).trusted()}
        packs = content.packs()
        builtin_id = (pack_header(BUILTIN_PACK) or ("", 0))[0]
        if not packs:
            self._add_installed(TextLabel(), _("Aucun paquet installé."))
        for pack in packs:
            title = json.loads(pack["title"]).get("fr", pack["id"])
            signer = pack["signed_by"]
            if signer:
                signature = _("Signé par {name}.").format(name=names.get(signer, signer))
            elif pack["id"] == builtin_id:
                signature = _("Livré avec Pas à pas.")  # installed from the app's own files
            else:
                signature = _("Non signé.")
            label = TextLabel()
            label.setObjectName(f"pack-{pack['id']}")
            self._add_installed(
                label,
                _("« {title} », version {version}.").format(title=title, version=pack["version"])
                + " "
                + signature,
            )
            for kept in versions.versions(pack["id"]):
                if kept.installed:
                    continue
                button = BigButton("previous")
                button.setObjectName(f"rollback-{pack['id']}-{kept.version}")
                button.set_text(_("Revenir à la version {version}").format(version=kept.version))
                button.clicked.connect(
                    lambda _c=False, p=pack["id"], v=kept.version: self.roll_back(p, v)
                )
                button.setEnabled(not self._busy)
                self.installed_box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
                button.show()  # added to a page already shown
                self.installed_widgets.append(button)
                self.rollback_buttons[(pack["id"], kept.version)] = button
        if checked_dates is None:
            self._read_checks()
        else:
            self._fill_checks(checked_dates)

    def _read_checks(self) -> None:
        database = self.database
        self._readings_asked += 1
        number = self._readings_asked
        reader = BackgroundTask(lambda _progress: (number, _checked_dates(database)), self)
        reader.succeeded.connect(self._checks_arrived)
        self._check_readers[number] = reader
        self.checks_summary.setText(_("Lecture des dates de vérification…"))
        reader.start()

    @Slot(object)
    def _checks_arrived(self, reading: tuple[int, list | None]) -> None:
        number, checked_dates = reading
        reader = self._check_readers.pop(number, None)
        if reader is not None:
            reader.deleteLater()
        if number != self._readings_asked:
            return  # a newer reading is on its way
        if checked_dates is None:
            self.checks_summary.setText(_("Les dates de vérification n'ont pas pu être lues."))
            return
        self._fill_checks(checked_dates)
        self.checks_read.emit()

    def showEvent(self, event) -> None:
        """Each time the admin comes to the page: what is installed now (a pack imported from
        the command line, a new ``verified_max_age_days``)."""
        if not self._busy:
            self.refresh()
        super().showEvent(event)

    def _add_installed(self, label: TextLabel, text: str) -> None:
        label.setText(text)
        self.installed_box.addWidget(label)
        label.show()
        self.installed_widgets.append(label)

    def _fill_checks(self, checked_dates: list) -> None:
        days = self.settings.get("verified_max_age_days")
        self.checks = tutorial_checks(checked_dates, self.today(), days)
        overdue = sum(check.overdue for check in self.checks)
        if overdue:
            self.checks_summary.setText(
                _(
                    "Tutoriels vérifiés il y a plus de {days} jours : {count}. "
                    "La démarche a peut-être changé : vérifiez-les à nouveau."
                ).format(days=days, count=overdue)
            )
            restyle(self.checks_summary, "role", "warning")
        else:
            self.checks_summary.setText(
                _("Tous les tutoriels ont été vérifiés il y a moins de {days} jours.").format(
                    days=days
                )
            )
            restyle(self.checks_summary, "role", None)
        self.checks_model.set_checks(self.checks, current_language())
        # Columns sized on the first rows only: with 5,000 tutorials, measuring every row
        # held the UI thread (Qt's own default looks at 1,000).
        header = self.checks_table.horizontalHeader()
        header.setResizeContentsPrecision(CHECKS_SIZED_ON)
        self.checks_table.resizeColumnsToContents()
        header.resizeSection(1, min(header.sectionSize(1), PACK_COLUMN_MAX))
        # The title takes what the package, the date and the state leave: a long title is
        # shortened rather than pushing the date and the state out of sight.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        show_every_row(self.checks_table)

    # -- installing from a USB stick -------------------------------------------------------------
    @Slot()
    def choose_pack(self) -> None:
        """The file chooser, opened on the USB stick: a pack's .zip, or its folder's pack.yaml."""
        dialog = QFileDialog(self, _("Choisir un paquet"), str(start_folder(self.media_folders)))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # no portal under cage
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("Paquets de contenu") + " (*.zip pack.yaml)")
        if self.window() is not None:
            dialog.resize(self.window().size() * 0.9)
        if dialog.exec() and dialog.selectedFiles():
            chosen = Path(dialog.selectedFiles()[0])
            self.open_pack(chosen.parent if chosen.name == "pack.yaml" else chosen)

    def open_pack(self, location: Path) -> None:
        """Read and check the pack at ``location`` on a worker, then show what it changes."""
        required = signatures_required(True, self.settings.get("allow_unsigned_packs"))
        self._show_offer(None)
        self._say(_("Lecture et vérification du paquet…"))
        self._stage = _checking_stage
        self._run(partial(_offer_work, location, self.database, required), self._offer_read)

    @Slot(object)
    def _offer_read(self, outcome: OfferOutcome) -> None:
        if outcome.offer is None:
            self._refuse(outcome.problems)
            return
        offer = outcome.offer
        if offer.refusal is not None:
            self._refuse([offer.refusal])
            return
        self.message.hide()
        self._show_offer(offer)

    def _refuse(self, problems: list[str]) -> None:
        shown = problems[:10]
        if len(problems) > 10:
            shown.append(_("… et {count} autres problèmes.").format(count=len(problems) - 10))
        self._say(
            "\n".join(
                [
                    _("Le paquet est refusé :"),
                    *(f"• {p}" for p in shown),
                    _("Rien n'a été installé : le contenu actuel reste en place."),
                ]
            )
        )

    def _show_offer(self, offer: PackOffer | None) -> None:
        self.offer = offer
        for widget in self.offer_widgets:
            widget.setVisible(offer is not None)
        self.older_question.hide()
        self.force_button.hide()
        if offer is None:
            return
        self.signature_label.setText(offer.signature.sentence)
        self.changes_label.setText(bulleted(offer.changes.sentences()))
        self.force_button.set_text(
            _("Oui, installer la version {version}").format(version=offer.pack.version)
        )
        self.install_button.setFocus()
        self.scroll.ensureWidgetVisible(self.offer_title)

    @Slot()
    def install(self) -> None:
        """Install the offer shown; a lower version first asks the admin to confirm."""
        if self.offer is None:
            return
        if self.offer.changes.is_older:
            self.older_question.show()
            self.force_button.show()
            self.install_button.hide()
            self.force_button.setFocus()
            return
        self._install(force=False)

    @Slot()
    def install_older(self) -> None:
        """The admin confirmed: install the lower version."""
        self._install(force=True)

    def _install(self, force: bool) -> None:
        offer = self.offer
        assert offer is not None
        self._say(_("Installation…"))
        self._stage = _installing_stage
        self._run(
            partial(_install_work, offer, self.database, force),
            lambda installed: self._done(
                installed,
                _("Paquet installé : « {title} », version {version}.").format(
                    title=offer.changes.title, version=offer.pack.version
                ),
            ),
        )

    @Slot()
    def cancel(self) -> None:
        """Nothing is installed; the offer is put away."""
        self._show_offer(None)
        self._say(_("Rien n'a été installé : le contenu actuel reste en place."))

    # -- going back ------------------------------------------------------------------------------
    def roll_back(self, pack_id: str, version: int) -> None:
        """Install the kept ``version`` of the pack again (one touch)."""
        self._say(_("Retour à la version {version}…").format(version=version))
        self._stage = _installing_stage
        self._run(
            partial(_rollback_work, pack_id, version, self.database),
            lambda installed: self._done(
                installed,
                _("Le paquet « {id} » est revenu à la version {version}.").format(
                    id=pack_id, version=version
                ),
            ),
        )

    # -- the worker ------------------------------------------------------------------------------
    def _run(self, work: Callable, on_success: Callable) -> None:
        """One work at a time (the buttons wait); its news come to bound slots of this page,
        so Qt queues them to the UI thread."""
        self._set_busy(True)
        self._then = on_success
        task = BackgroundTask(work, self)
        task.progress.connect(self._progress)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        self._task = task
        task.start()

    def _end_task(self) -> None:
        self._stage = None
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        self._set_busy(False)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._end_task()
        self._then(result)

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        self._end_task()
        self._say(sentence)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        """The bar moves with the work; the sentence says what it is doing, with numbers."""
        if self._stage is not None and total > 0:
            self._say(self._stage(done, total))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @property
    def busy(self) -> bool:
        """A pack is being read, installed or rolled back."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)  # moving until the worker says how far it is
        for button in (
            self.choose_button,
            self.install_button,
            self.force_button,
            self.cancel_button,
            *self.rollback_buttons.values(),
        ):
            button.setEnabled(not busy)
        self.busy_changed.emit(busy)

    def _done(self, installed: Installed, success: str) -> None:
        problem = installed.problem
        if problem is not None:
            self._say(
                problem + "\n" + _("Rien n'a été installé : le contenu actuel reste en place.")
            )
            return
        self._show_offer(None)
        self._say(success)
        self.refresh(installed.checked_dates)
        self.content_changed.emit()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    @property
    def reading_checks(self) -> bool:
        """True until the last "vérifié le" reading has reached the table (or been dropped)."""
        return bool(self._check_readers)

    def wait(self, seconds: float | None = None) -> bool:
        """Whether no work is left (after waiting at most ``seconds``); for shutting down."""
        readers = all(reader.wait(seconds) for reader in list(self._check_readers.values()))
        return readers and (self._task is None or self._task.wait(seconds))


def _checking_stage(done: int, total: int) -> str:
    return _("Vérification des tutoriels du paquet : {done} sur {total}…").format(
        done=done, total=total
    )


def _installing_stage(done: int, total: int) -> str:
    # ContentStore.install counts each tutorial twice: its row, then its search rows.
    return _("Installation des tutoriels : {done} sur {total}…").format(
        done=done // 2, total=total // 2
    )


# Worker functions: plain Python on the worker's thread, never a widget. ``progress`` is the
# task's signal: Qt carries each call to the page on the UI thread.
def _offer_work(location: Path, database: Path, required: bool, progress) -> OfferOutcome:
    return offer_in(location, database, required, progress)


def _install_work(offer: PackOffer, database: Path, force: bool, progress) -> Installed:
    problem = install_in(offer, database, force, AUDIT_BY, progress)
    return Installed(problem, _checked_dates(database) if problem is None else None)


def _rollback_work(pack_id: str, version: int, database: Path, progress) -> Installed:
    problem = rollback_in(pack_id, version, database, AUDIT_BY, progress)
    return Installed(problem, _checked_dates(database) if problem is None else None)


class Installed(NamedTuple):
    """What an install or a rollback gives the page: why it failed (or None), and the
    tutorials' "vérifié le" dates read again on the worker (None when unreadable): with
    5,000 tutorials that query takes 0.2–0.5 s, kept off the UI thread."""

    problem: str | None
    checked_dates: list | None


def _checked_dates(database: Path) -> list | None:
    """The installed tutorials' "vérifié le" dates, read on a connection of the worker's own;
    None when the database cannot be read (the page says so in a sentence)."""
    import contextlib
    import sqlite3

    from kiosk.store.database import open_database

    try:
        db = open_database(database)
    except Exception:  # DatabaseError or worse: the page must still hear back
        logging.getLogger(__name__).exception("the database could not be opened on a worker")
        return None
    try:
        return ContentStore(db).checked_dates()
    except Exception:  # any failure must still reach the page, or it waits for ever
        logging.getLogger(__name__).exception("the 'vérifié le' dates could not be read")
        return None
    finally:
        with contextlib.suppress(sqlite3.Error, OSError):
            db.close()
