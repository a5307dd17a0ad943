"""Small building blocks shared by the screens: big buttons, wrapping labels, illustrations."""

from __future__ import annotations

import functools
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt, Slot
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QToolButton, QWidget

from kiosk.ui.layout_hint import LayoutSizeHint
from kiosk.ui.theme import BUTTON_MIN_HEIGHT, palette

ICON_DIR = Path(__file__).resolve().parents[2] / "assets" / "icons"
ICON_SIZE = QSize(40, 40)


ICON_INK = "#1a1a1a"  # the one colour the icon files are drawn in


@functools.lru_cache(maxsize=128)
def icon(name: str, colour: str = ICON_INK) -> QIcon:
    """An icon from assets/icons in ``colour``; empty if the file is missing (the text says it)."""
    path = ICON_DIR / f"{name}.svg"
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace(ICON_INK, colour)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    pixmap = QPixmap(96, 96)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return QIcon(pixmap)


MIRRORED = {"next": "previous", "previous": "next"}


def directed(icon_name: str) -> str:
    """Arrows follow the reading direction: "next" points left in Arabic."""
    from PySide6.QtWidgets import QApplication

    if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return MIRRORED.get(icon_name, icon_name)
    return icon_name


PRESS_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def refuses_second_tap(button: QWidget) -> bool:
    """True when a press on ``button`` comes too soon after the window's last accepted press.

    The window holds the guard (``tap_guard``, a ``SecondTapGuard``); a button outside a
    window with one is never refused. Only presses count: their releases then click nothing.
    """
    guard = getattr(button.window(), "tap_guard", None)
    return guard is not None and not guard.accept()


class KioskPresses:
    """What every button of the kiosk does with a press (a mixin before the Qt button class).

    Enter presses like Space (keyboard users expect both), and a second tap that comes too
    soon is ignored (``guarded``; see kiosk.core.second_tap). Checked in the press handlers
    only, not in ``event()``: Python then runs for presses, not for every paint and hover.
    """

    guarded = True

    def _refused(self, event) -> bool:
        if self.guarded and refuses_second_tap(self):
            event.accept()
            return True
        return False

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._refused(event):
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.mousePressEvent(event)  # as Qt does: a double click's second press is a press

    def keyPressEvent(self, event) -> None:
        if not event.isAutoRepeat() and event.key() in PRESS_KEYS and self._refused(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)


class BigButton(KioskPresses, QPushButton):
    """A button at least 88 px tall, with an icon and a verb. ``role``: primary, tile or None."""

    def __init__(
        self, icon_name: str | None = None, role: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.role = role
        if role:
            self.setProperty("role", role)
        if icon_name:
            self.set_icon(icon_name)
            self.setIconSize(ICON_SIZE)
        self.setMinimumHeight(BUTTON_MIN_HEIGHT)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.setAutoDefault(False)
        # White on a checked button. A method, not a lambda: a lambda holding ``self`` in the
        # button's own connection kept a button without a parent alive for ever (the
        # simulated page's unused buttons, two per page, found by benchmarks/soak.py).
        self.toggled.connect(self._on_toggled)

    def set_icon(self, icon_name: str) -> None:
        """Icons are drawn in the button's text colour (white on the main action)."""
        self.icon_name = icon_name
        colours = palette()
        on_dark = self.role == "primary" or self.isChecked()
        colour = colours.on_primary if on_dark else colours.primary
        self.setIcon(icon(directed(icon_name), colour))

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        self.refresh_icon()

    def refresh_icon(self) -> None:
        """Draw the icon again in the colours of the theme now in use."""
        if getattr(self, "icon_name", None):
            self.set_icon(self.icon_name)

    def set_text(self, text: str, description: str = "") -> None:
        """Set the visible text, and the same text as accessible name."""
        self.setText(text)
        self.setAccessibleName(text.replace("\n", " "))
        if description:
            self.setAccessibleDescription(description)


class TextLabel(QLabel):
    """A wrapping label: long text goes to the next line instead of being cut.

    It remembers its height for the last few widths asked (``heightForWidth``, in pixels).
    QLabel lays its whole text out again at every question, and Qt's layouts ask each label
    several times per frame, often twice in a row for the same width: a tile's title six
    times when the language changes, about 25 µs each (issue #19). What the height depends
    on, and clears the memory when it changes: the text (``setText``, ``clear``, ``setNum``),
    the font and the style (``changeEvent``: font, style sheet, text size, direction), the
    margins and the indent (their setters), wrapping and text format (their setters). The
    answer is QLabel's own; tests/test_text_label.py compares the two for any sequence of
    such changes.
    """

    KEPT_WIDTHS = 8

    def __init__(self, role: str | None = None, parent: QWidget | None = None) -> None:
        self._heights: dict[int, int] = {}
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if role:
            self.setProperty("role", role)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = super().heightForWidth(width)
            if self.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                if len(self._heights) >= self.KEPT_WIDTHS:
                    self._heights.clear()
                self._heights[width] = height
        return height

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()
        super().changeEvent(event)

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setNum(self, number: float) -> None:
        self._heights.clear()
        super().setNum(number)

    def setContentsMargins(self, *margins) -> None:
        self._heights.clear()
        super().setContentsMargins(*margins)

    def setIndent(self, indent: int) -> None:
        self._heights.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._heights.clear()
        super().setMargin(margin)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(text_format)


class TileText(TextLabel):
    """A tile's title or detail (``CardButton``): its height comes from ``heightForWidth``
    alone, so it never works out a preferred or a smallest size.

    Inside a tile, Qt's box layouts take a wrapping label's height from ``heightForWidth``
    and its width from the tile; they still ask its ``sizeHint`` and ``minimumSizeHint``,
    which QLabel works out by laying the text out five times (at 80 characters, then half
    and a quarter of that, on one line, and one word per line), again after every change of
    text: a fifth of a change of language with a theme open (callgrind, issue #19). The
    tile's own size hints (``CardButton``) do not come from them.
    """

    def sizeHint(self) -> QSize:
        return QSize(0, 0)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Give ``widget`` the style-sheet property ``name`` (``"role"``: "warning", "success"…;
    None removes it) and apply the style sheet's rules for it whole: colours, font, and the
    box (border, padding) too.

    Qt's usual ``style().unpolish(w)`` then ``style().polish(w)`` changes the colours and the
    font but keeps the old box of a widget already shown: the packs page's "vérifié le"
    summary, once a warning, had its text under the warning's coloured border. Setting the
    widget's own style sheet again (usually empty: nothing else changes) polishes it whole.
    """
    widget.setProperty(name, value)
    widget.setStyleSheet(widget.styleSheet())


class RichLabel(TextLabel):
    """A wrapping label showing our own rich text (never text typed by a person)."""

    def __init__(self, role: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(role, parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)


class DrawingShelf:
    """The last few drawings rendered, as pixmaps, by file (its bytes) and pixel ratio.

    Rendering a step's SVG took 2-4 ms of a "Suivant" on a loaded core (cProfile,
    docs/benchmarks.md); the step player draws the next step's drawing in an idle turn, so
    "Suivant" finds it here. A drawing serves for any width within ``WIDTH_SLACK`` px of the
    one it was drawn at (the tolerance of ``Illustration.resizeEvent``: a scroll bar that comes
    or goes does not draw it again). Kept small (``size`` pixmaps, about 1 MiB each at
    640 px): the drawings of the step shown, the next and the previous one.
    """

    WIDTH_SLACK = 20

    def __init__(self, size: int = 3) -> None:
        self.size = size
        self._pixmaps: OrderedDict[tuple[bytes, float], tuple[int, QPixmap]] = OrderedDict()

    def get(self, data: bytes, ratio: float, width: int) -> QPixmap | None:
        """The drawing of ``data`` at about ``width`` px, or None."""
        kept = self._pixmaps.get((data, ratio))
        if kept is None or abs(kept[0] - width) > self.WIDTH_SLACK:
            return None
        self._pixmaps.move_to_end((data, ratio))
        return kept[1]

    def put(self, data: bytes, ratio: float, width: int, pixmap: QPixmap) -> None:
        self._pixmaps[(data, ratio)] = (width, pixmap)
        self._pixmaps.move_to_end((data, ratio))
        while len(self._pixmaps) > self.size:
            self._pixmaps.popitem(last=False)


class Illustration(QLabel):
    """An SVG (or PNG/JPEG) drawing, scaled to the width it is given, with its text alternative.

    ``set_image(data, alternative)`` shows a drawing (None: nothing); ``prepare(data)`` renders
    one in advance at the width of the moment, for a later ``set_image`` of the same bytes.
    """

    MAX_HEIGHT = 420
    # Never narrower: a drawing is rendered at least this wide, so a narrower label would
    # cut it on both sides (seen in the editor's preview, where the text column took the
    # rest). A layout that cannot give it goes around it (the preview draws the step smaller).
    MIN_WIDTH = 240

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(self.MIN_WIDTH)
        self._data: bytes | None = None
        self._renderer: QSvgRenderer | None = None
        self._raster: QPixmap | None = None
        self.drawings = DrawingShelf()

    def set_image(self, data: bytes | None, alternative: str) -> None:
        self.setAccessibleName(alternative)
        self.setToolTip("")
        if data != self._data or not data:
            self._data = data or None
            self._renderer, self._raster = _decoded(data)
        self.setVisible(self._renderer is not None or self._raster is not None)
        self._render()

    def prepare(self, data: bytes | None) -> None:
        """Render ``data`` into the shelf at the width of the moment (idle work): nothing shown."""
        if not data or self.drawn(data) is not None:
            return
        renderer, raster = _decoded(data)
        natural = _natural_size(renderer, raster)
        if not natural.isEmpty():
            pixmap = self._draw(renderer, raster, natural)
            self.drawings.put(data, self.devicePixelRatioF(), self._width(), pixmap)

    def drawn(self, data: bytes) -> QPixmap | None:
        """The drawing of ``data`` kept for the width of the moment, if any."""
        return self.drawings.get(data, self.devicePixelRatioF(), self._width())

    def _width(self) -> int:
        return max(self.MIN_WIDTH, min(self.width() or 640, 900))

    def _render(self) -> None:
        natural = _natural_size(self._renderer, self._raster)
        if natural.isEmpty() or self._data is None:
            self.clear()
            self.setFixedHeight(0)
            return
        pixmap = self.drawn(self._data)
        if pixmap is None:
            pixmap = self._draw(self._renderer, self._raster, natural)
            self.drawings.put(self._data, self.devicePixelRatioF(), self._width(), pixmap)
        self.setPixmap(pixmap)
        self.setFixedHeight(round(pixmap.height() / pixmap.devicePixelRatio()))

    def _draw(
        self, renderer: QSvgRenderer | None, raster: QPixmap | None, natural: QSize
    ) -> QPixmap:
        size = natural.scaled(
            QSize(self._width(), self.MAX_HEIGHT), Qt.AspectRatioMode.KeepAspectRatio
        )
        ratio = self.devicePixelRatioF()
        if raster is not None:
            pixmap = raster.scaled(
                size * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap.setDevicePixelRatio(ratio)
            return pixmap
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        if renderer is not None:
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
        return pixmap

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if abs(event.size().width() - event.oldSize().width()) > 20:
            self._render()


def _decoded(data: bytes | None) -> tuple[QSvgRenderer | None, QPixmap | None]:
    """An SVG renderer, or else a raster image, for ``data``; (None, None) if neither reads it."""
    if not data:
        return None, None
    renderer = QSvgRenderer(QByteArray(data))
    if renderer.isValid():
        return renderer, None
    pixmap = QPixmap()
    return (None, pixmap) if pixmap.loadFromData(data) else (None, None)


def _natural_size(renderer: QSvgRenderer | None, raster: QPixmap | None) -> QSize:
    if renderer is not None:
        return renderer.defaultSize()
    return raster.size() if raster is not None else QSize(0, 0)


class CardButton(LayoutSizeHint, BigButton):
    """A large tile: icon, a wrapping title and a wrapping detail line. Nothing is ever cut."""

    TEXT_LABEL: type[TextLabel] = TileText

    def __init__(
        self, icon_name: str | None = None, parent: QWidget | None = None, role: str = "tile"
    ) -> None:
        super().__init__(None, role, parent)
        from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(20)
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(56, 56)
        if icon_name:
            self.icon_label.setPixmap(icon(icon_name, palette().text).pixmap(QSize(56, 56)))
        else:
            self.icon_label.hide()
        row.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(6)
        self.title_label = self.TEXT_LABEL("card_title")
        self.detail_label = self.TEXT_LABEL("card_detail")
        column.addWidget(self.title_label)
        column.addWidget(self.detail_label)
        column.addStretch(1)  # texts stay together at the top of a taller tile
        row.addLayout(column, 1)
        for label in (self.icon_label, self.title_label, self.detail_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_texts(self, title: str, detail: str = "") -> None:
        self.title_label.setText(title)
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.icon_label.setAccessibleName(title)  # the icon stands for the same thing

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(BUTTON_MIN_HEIGHT, self.layout().totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()  # LayoutSizeHint: no layout of the texts at another width
        return QSize(hint.width(), max(BUTTON_MIN_HEIGHT, hint.height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, BUTTON_MIN_HEIGHT)


class WrappingButton(CardButton):
    """A button whose label goes to the next line instead of past the screen's edge.

    For answers and choices, which are whole sentences. ``role``: "tile", or "link" for a
    choice drawn as a link of a web page. Its size hints come from its text (it may sit in
    a row beside other widgets).
    """

    TEXT_LABEL = TextLabel

    def __init__(self, role: str = "tile", parent: QWidget | None = None) -> None:
        super().__init__(None, parent, role)

    def set_text(self, text: str, description: str = "") -> None:
        self.set_texts(text)
        if description:
            self.setAccessibleDescription(description)

    def text(self) -> str:
        return self.title_label.text()


class ToolbarButton(KioskPresses, QToolButton):
    """A toolbar button: icon above a short verb, 88 px tall, narrow enough for seven in a row."""

    def __init__(self, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_name = icon_name
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIconSize(QSize(36, 36))
        self.setMinimumHeight(BUTTON_MIN_HEIGHT)
        self.setMinimumWidth(BUTTON_MIN_HEIGHT)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.refresh_icon()

    def set_icon(self, icon_name: str) -> None:
        self.icon_name = icon_name
        self.refresh_icon()

    def refresh_icon(self) -> None:
        colours = palette()
        self.setIcon(
            icon(self.icon_name, colours.on_primary if self.isChecked() else colours.primary)
        )

    def set_text(self, text: str, description: str = "") -> None:
        self.setText(text)
        self.setAccessibleName(text.replace("\n", " "))
        if description:
            self.setAccessibleDescription(description)
        self.fit_text()

    def fit_text(self) -> None:
        """As tall as its text needs (a label on two lines, a larger text size): Qt's layouts
        keep a tool button at the height it had, and would cut its second line."""
        self.setMinimumHeight(max(BUTTON_MIN_HEIGHT, self.sizeHint().height()))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # A+ / A− restyled the window
            self.fit_text()
