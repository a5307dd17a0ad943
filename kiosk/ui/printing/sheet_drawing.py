"""The sheet to take home, drawn with QPainter on A4 paper: into a PDF, or onto a printer.

Every size is in typographic points (1/72 inch), the unit of paper, and turned into the
device's own units at the last moment: QPdfWriter works at 1200 dots per inch, so a size
given in pixels would come out tiny. Text is never smaller than 14 pt (issue #17: read by
a senior without glasses); titles and the address are bigger. Black on white only: the
sheet is printed on any office laser printer.

Two languages stand side by side, row by row, so that each line faces its French: the
person's language on the side where their reading starts (the right for Arabic), French on
the other. A text with no translation spans the page once, in French.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextOption,
)

from kiosk.core.languages import DEFAULT_LANGUAGE, LANGUAGES
from kiosk.core.take_home_sheet import Line, Section, TakeHomeSheet
from kiosk.ui.printing.qr_code import qr_modules

MARGIN_PT = 34.0  # 12 mm: inside what every office printer can print
BODY_PT = 14.0
HEADING_PT = 18.0
TITLE_PT = 24.0
ADDRESS_PT = 22.0
COLUMN_GAP_PT = 22.0
MARKER_PT = 26.0  # the room a box to tick or a step number takes before its text
ROW_GAP_PT = 4.0
SECTION_GAP_PT = 12.0
FOOT_PT = 24.0  # the line of the page number, on a sheet of two pages
QR_PT = 118.0  # about 42 mm: a phone reads it from arm's length
LATIN_FAMILIES = ["DejaVu Sans"]
# Noto's Arabic is clearer at small sizes than DejaVu's; DejaVu Sans has the letters too.
ARABIC_FAMILIES = ["Noto Sans Arabic UI", "Noto Naskh Arabic UI", "DejaVu Sans"]
# Arabic letters are small for their point size (a low x-height): a fifth more reads like
# the Latin text beside it.
ARABIC_SCALE = 1.2
INK = QColor("#000000")
RULE = QColor("#555555")


def page_layout() -> QPageLayout:
    """A4 portrait with the sheet's margins, in points."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_PT, MARGIN_PT, MARGIN_PT, MARGIN_PT),
        QPageLayout.Unit.Point,
    )


def sheet_pdf(sheet: TakeHomeSheet, layout: QPageLayout | None = None) -> bytes:
    """The sheet as the bytes of a PDF file (A4, fonts embedded by Qt's PDF engine)."""
    return _pdf(sheet, layout or page_layout(), numbered=True)[0]


def _pdf(sheet: TakeHomeSheet, layout: QPageLayout, numbered: bool) -> tuple[bytes, int]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(layout)
    writer.setTitle(sheet.title.text(sheet.languages[0]))
    writer.setCreator("Pas à pas")
    pages = draw_sheet(writer, sheet) if numbered else _paint(writer, sheet, None, dry=True)
    del writer  # the PDF is finished when its writer goes
    buffer.close()
    return bytes(data.data()), pages


def draw_sheet(device: QPagedPaintDevice, sheet: TakeHomeSheet) -> int:
    """Draw the sheet on a PDF writer or a printer whose page layout is set; return its pages.

    A sheet of two pages says "1 / 2" and "2 / 2" at their foot, so that nobody leaves the
    second one in the printer: the pages are counted first, by laying the sheet out on a PDF
    nobody keeps, without drawing (a few milliseconds).
    Raises RuntimeError if the painter cannot start on the device (a printer that vanished).
    """
    pages = _pdf(sheet, device.pageLayout(), numbered=False)[1]
    return _paint(device, sheet, pages if pages > 1 else None)


def _paint(
    device: QPagedPaintDevice, sheet: TakeHomeSheet, numbered_pages: int | None, dry: bool = False
) -> int:
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("the painter could not start on this device")
    try:
        layout_painter = _MeasuringPainter(painter) if dry else painter
        pages = _SheetPainter(device, layout_painter, sheet, numbered_pages).draw()
    finally:
        painter.end()
    return pages


class _MeasuringPainter:
    """A painter that measures text and draws nothing: to count the pages of a layout."""

    def __init__(self, painter: QPainter) -> None:
        self._painter = painter

    def __getattr__(self, name: str):
        if name.startswith("draw"):
            return lambda *args: None
        return getattr(self._painter, name)


@dataclass
class _Cell:
    """One text placed in a rectangle (device units), with its language's font and direction."""

    text: str
    language: str
    rect: QRectF
    font: QFont
    option: QTextOption
    marker: str = ""  # "box", a step number, or nothing


class _SheetPainter:
    """Lays the sheet's rows out top to bottom, starting a new page when one is full."""

    def __init__(
        self,
        device: QPagedPaintDevice,
        painter: QPainter | _MeasuringPainter,
        sheet: TakeHomeSheet,
        numbered_pages: int | None,
    ) -> None:
        self.device = device
        self.painter = painter
        self.sheet = sheet
        self.numbered_pages = numbered_pages
        self.unit = device.logicalDpiY() / 72.0  # device units per point
        self.width = float(device.width())
        self.page_foot = float(device.height())
        # The page number's line is kept free at the foot of a numbered page.
        self.height = self.page_foot - (self.pt(FOOT_PT) if numbered_pages else 0.0)
        self.y = 0.0
        self.pages = 1
        # The person's language reads from the right: their column is on the right.
        self.rtl = sheet.right_to_left

    def pt(self, points: float) -> float:
        return points * self.unit

    # -- fonts and text ------------------------------------------------------------------------
    def font(self, language: str, size_pt: float, bold: bool = False) -> QFont:
        font = QFont()
        rtl = LANGUAGES[language].right_to_left
        font.setFamilies(ARABIC_FAMILIES if rtl else LATIN_FAMILIES)
        font.setPointSizeF(size_pt * (ARABIC_SCALE if rtl else 1.0))
        font.setBold(bold)
        return font

    def option(self, language: str, wrap_anywhere: bool = False) -> QTextOption:
        rtl = LANGUAGES[language].right_to_left
        # Left means "where the reading starts": Qt mirrors it for a right-to-left text.
        option = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        option.setWrapMode(
            QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
            if wrap_anywhere
            else QTextOption.WrapMode.WordWrap
        )
        return option

    def text_height(self, text: str, font: QFont, option: QTextOption, width: float) -> float:
        self.painter.setFont(font)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e7), text, option).height()

    def columns(self, line: Line) -> list[tuple[str, str, float, float]]:
        """(language, text, x, width) of each text of a row, in device units."""
        if len(line.texts) == 1:
            language, text = line.texts[0]
            return [(language, text, 0.0, self.width)]
        gap = self.pt(COLUMN_GAP_PT)
        half = (self.width - gap) / 2
        start, end = 0.0, half + gap  # x of the first and second column
        placed = []
        for language, text in line.texts:
            persons = language != DEFAULT_LANGUAGE
            on_right = persons == self.rtl  # Arabic on the right, French then on the left
            placed.append((language, text, end if on_right else start, half))
        return placed

    def cells(self, line: Line, size_pt: float, bold: bool = False, marker: str = "") -> list:
        """The row's cells, measured: their rectangles' heights are what the text needs."""
        cells = []
        indent = self.pt(MARKER_PT) if marker else 0.0
        for language, text, x, width in self.columns(line):
            font = self.font(language, size_pt, bold)
            option = self.option(language)
            rtl = LANGUAGES[language].right_to_left
            text_x = x if rtl else x + indent
            height = self.text_height(text, font, option, width - indent)
            cells.append(
                _Cell(
                    text, language, QRectF(text_x, 0, width - indent, height), font, option, marker
                )
            )
        return cells

    # -- pages ---------------------------------------------------------------------------------
    def make_room(self, height: float) -> None:
        """Start a new page unless ``height`` fits below what is already drawn."""
        if self.y > 0 and self.y + height > self.height:
            self.draw_page_number()
            self.device.newPage()
            self.pages += 1
            self.y = 0.0

    def draw_cells(self, cells: list[_Cell], gap_after_pt: float = ROW_GAP_PT) -> None:
        # The first lines of a row share their baseline, whatever each font's ascent: the
        # Arabic heading then stands on the same line as the French one.
        ascents = [QFontMetricsF(cell.font, self.device).ascent() for cell in cells]
        top = max(ascents)
        height = max(c.rect.height() + top - a for c, a in zip(cells, ascents, strict=True))
        self.make_room(height)
        self.painter.setPen(INK)
        for cell, ascent in zip(cells, ascents, strict=True):
            rect = QRectF(cell.rect)
            rect.moveTop(self.y + top - ascent)
            self.painter.setFont(cell.font)
            self.painter.drawText(rect, cell.text, cell.option)
            if cell.marker:
                self.draw_marker(cell, rect)
        if len(cells) == 2:  # a thin rule between the two languages
            middle = self.width / 2
            self.painter.setPen(QPen(RULE, self.pt(0.5)))
            self.painter.drawLine(QPointF(middle, self.y), QPointF(middle, self.y + height))
        self.y += height + self.pt(gap_after_pt)

    def draw_marker(self, cell: _Cell, rect: QRectF) -> None:
        """A box to tick, or the step's number, before the text (after it, for Arabic)."""
        rtl = LANGUAGES[cell.language].right_to_left
        room = self.pt(MARKER_PT)
        x = rect.right() if rtl else rect.left() - room
        line_height = self.text_height("Ag", cell.font, cell.option, rect.width())
        if cell.marker == "box":
            side = self.pt(BODY_PT * 0.85)
            box_x = x + (room - side) / 2 if rtl else x
            top = rect.top() + (line_height - side) / 2
            self.painter.setPen(QPen(INK, self.pt(1.2)))
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
            self.painter.drawRect(QRectF(box_x, top, side, side))
            self.painter.setPen(INK)
        else:
            number_rect = QRectF(x, rect.top(), room - self.pt(4), line_height)
            option = QTextOption(
                (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
                | Qt.AlignmentFlag.AlignTop
                | Qt.AlignmentFlag.AlignAbsolute
            )
            if rtl:
                number_rect.moveLeft(x + self.pt(4))
            self.painter.setFont(self.font(DEFAULT_LANGUAGE, cell.font.pointSizeF(), True))
            self.painter.drawText(number_rect, cell.marker + ".", option)

    # -- the sheet -----------------------------------------------------------------------------
    def draw(self) -> int:
        sheet = self.sheet
        self.draw_cells(self.cells(sheet.title, TITLE_PT, bold=True), 8)
        if sheet.fallback_note:
            self.draw_cells(self.cells(sheet.fallback_note, BODY_PT), 8)
        # The address comes first: it is on the first page, whatever the length of the rest.
        self.y += self.pt(4)
        self.draw_address()
        self.y += self.pt(6)
        for section in sheet.sections:
            self.draw_section(section)
        self.y += self.pt(SECTION_GAP_PT)
        self.draw_cells(self.cells(sheet.help, BODY_PT, bold=True))
        if sheet.place:
            self.draw_cells(self.cells(sheet.place, BODY_PT))
        self.draw_page_number()
        return self.pages

    def draw_page_number(self) -> None:
        """ "1 / 2" centred at the foot of the page (numbers read the same in every language)."""
        if not self.numbered_pages:
            return
        font = self.font(DEFAULT_LANGUAGE, BODY_PT, bold=True)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.painter.setFont(font)
        self.painter.setPen(INK)
        rect = QRectF(0, self.page_foot - self.pt(FOOT_PT), self.width, self.pt(FOOT_PT))
        self.painter.drawText(rect, f"{self.pages} / {self.numbered_pages}", option)

    def draw_heading(self, heading: Line, first_item: list[_Cell]) -> None:
        """A heading with a rule under it, kept on the same page as its first item."""
        cells = self.cells(heading, HEADING_PT, bold=True)
        height = max(c.rect.height() for c in cells) + self.pt(6)
        self.make_room(height + max((c.rect.height() for c in first_item), default=0))
        self.draw_cells(cells, 2)
        self.painter.setPen(QPen(INK, self.pt(1)))
        self.painter.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))
        self.y += self.pt(6)

    def draw_section(self, section: Section) -> None:
        self.y += self.pt(SECTION_GAP_PT - ROW_GAP_PT)
        rows = []
        for number, item in enumerate(section.items, start=1):
            marker = {"checklist": "box", "numbered": str(number)}.get(section.kind, "")
            rows.append(self.cells(item, BODY_PT, marker=marker))
        self.draw_heading(section.heading, rows[0] if rows else [])
        for cells in rows:
            self.draw_cells(cells, ROW_GAP_PT + (3 if section.kind == "paragraphs" else 0))

    def draw_address(self) -> None:
        """The official address in large type, its QR code, and when it was checked."""
        sheet = self.sheet
        padding = self.pt(12)
        qr_side = self.pt(QR_PT)
        text_width = self.width - 2 * padding - qr_side - self.pt(16)
        parts: list[tuple[str, str, QFont, QTextOption]] = []
        for line, size, bold in ((sheet.address_heading, BODY_PT, True),):
            for language, text in line.texts:
                parts.append(
                    (language, text, self.font(language, size, bold), self.option(language))
                )
        address_font = self.font(DEFAULT_LANGUAGE, ADDRESS_PT, True)
        parts.append(
            (DEFAULT_LANGUAGE, sheet.address, address_font, self.option(DEFAULT_LANGUAGE, True))
        )
        for language, text in sheet.checked.texts:
            parts.append((language, text, self.font(language, BODY_PT), self.option(language)))
        heights = [self.text_height(t, f, o, text_width) for _l, t, f, o in parts]
        spacing = self.pt(6)
        content = sum(heights) + spacing * (len(parts) - 1)
        box_height = max(content, qr_side) + 2 * padding
        self.make_room(box_height)
        top = self.y
        self.painter.setPen(QPen(INK, self.pt(2)))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(QRectF(0, top, self.width, box_height))
        # The QR code at the end of the reading line: right for French, left for Arabic.
        qr_x = padding if self.rtl else self.width - padding - qr_side
        text_x = self.width - padding - text_width if self.rtl else padding
        self.draw_qr(QRectF(qr_x, top + (box_height - qr_side) / 2, qr_side, qr_side))
        y = top + (box_height - content) / 2  # the text block centred beside the QR code
        self.painter.setPen(INK)
        for (_language, text, font, option), height in zip(parts, heights, strict=True):
            self.painter.setFont(font)
            self.painter.drawText(QRectF(text_x, y, text_width, height), text, option)
            y += height + spacing
        self.y = top + box_height

    def draw_qr(self, rect: QRectF) -> None:
        if isinstance(self.painter, _MeasuringPainter):
            return  # its size is known: nothing to measure
        modules = qr_modules(self.sheet.qr_text)
        size = rect.width() / len(modules)
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(INK)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for row_index, row in enumerate(modules):
            run_start: int | None = None
            for column, dark in enumerate([*row, False]):  # one rectangle per run of dark modules
                if dark and run_start is None:
                    run_start = column
                elif not dark and run_start is not None:
                    self.painter.drawRect(
                        QRectF(
                            rect.left() + run_start * size,
                            rect.top() + row_index * size,
                            (column - run_start) * size,
                            size,
                        )
                    )
                    run_start = None
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
