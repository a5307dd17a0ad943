"""One sheet on its way to paper: its PDF put in the queue folder, then the default printer.

The work runs in a child process (``python -m kiosk.ui.printing.print_job``), not a thread:
PySide6 keeps Python's global lock while it waits in Qt's print support, and asking CUPS
for its default printer waits a full minute when the server does not answer (measured:
a thread doing it froze every other thread of the kiosk for 61 s). A process leaves the
kiosk's screen free, and the time-out can really stop it. Its modules (QtPrintSupport, the
CUPS plug-in, segno) never load in the kiosk itself.

The PDF is written to the queue folder *before* anything is sent to the printer, and
removed only once the printer took it: a sheet that could not be printed is never lost,
the mediator prints it from there. Nothing personal is in it, and its name says only the
date, the tutorial and the language.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import sys
from pathlib import Path

from kiosk.core.take_home_sheet import TakeHomeSheet

log = logging.getLogger(__name__)

QUEUE_FOLDER_NAME = "fiches-a-imprimer"
# The child's exit codes.
PRINTED, NO_PRINTER, PRINTER_ERROR, NOT_QUEUED = 0, 3, 4, 5
REASONS = {
    NO_PRINTER: "no usable default printer",
    PRINTER_ERROR: "the printer failed",
    NOT_QUEUED: "the PDF could not be written",
}


class NoPrinterError(Exception):
    """There is no default printer, or it says it cannot print now."""


def queue_folder(database_path: Path | None) -> Path:
    """Where sheets wait for the mediator: beside the database, in the kiosk's data folder."""
    if database_path is None:
        from kiosk.store.database import default_database_path

        database_path = default_database_path()
    return database_path.parent / QUEUE_FOLDER_NAME


def queue_file_name(sheet: TakeHomeSheet, now: datetime.datetime) -> str:
    """'2026-11-29-1502-31-ameli-attestation-ar.pdf': when, what, in which language."""
    return f"{now:%Y-%m-%d-%H%M-%S}-{sheet.tutorial_id}-{sheet.languages[0]}.pdf"


def write_queued(path: Path, pdf: bytes) -> Path:
    """Write the PDF whole or not at all (a temporary name, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(pdf)
    os.replace(partial, path)
    return path


def queue_sheet(sheet: TakeHomeSheet, path: Path) -> Path:
    """Draw the sheet's PDF into ``path`` (a QGuiApplication must exist). Raises OSError."""
    from kiosk.ui.printing.sheet_drawing import sheet_pdf

    return write_queued(path, sheet_pdf(sheet))


def print_to_default_printer(sheet: TakeHomeSheet) -> str:
    """Draw the sheet on the default printer; return the printer's name.

    Raises NoPrinterError when there is none or it is stopped, RuntimeError when the job
    fails. May wait as long as CUPS does: call it in the child process only.
    """
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from kiosk.ui.printing.sheet_drawing import draw_sheet, page_layout

    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise NoPrinterError("no default printer")
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise NoPrinterError(f"the printer {info.printerName()} is stopped")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(sheet.title.text(sheet.languages[0]))
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    if not printer.setPageLayout(page_layout()):
        # The printer's own margins are wider than the sheet's: keep A4, use its margins.
        printer.setPageSize(page_layout().pageSize())
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    draw_sheet(printer, sheet)
    if printer.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise RuntimeError(f"the printer {info.printerName()} refused the sheet")
    return info.printerName()


def run_child(queued: Path, sheet_json: str) -> int:
    """The child process: queue the PDF, print, and say how it went by its exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication([sys.argv[0]])
    sheet = TakeHomeSheet.from_dict(json.loads(sheet_json))
    try:
        queue_sheet(sheet, queued)
    except OSError as error:
        print(f"the sheet could not be written to {queued}: {error}", file=sys.stderr)
        return NOT_QUEUED
    try:
        printer = print_to_default_printer(sheet)
    except NoPrinterError as error:
        print(error, file=sys.stderr)
        return NO_PRINTER
    except Exception as error:
        print(f"printing failed: {error!r}", file=sys.stderr)
        return PRINTER_ERROR
    queued.unlink(missing_ok=True)
    print(printer)
    return PRINTED


if __name__ == "__main__":
    sys.exit(run_child(Path(sys.argv[1]), sys.stdin.read()))
