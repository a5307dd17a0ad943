"""CSV files that a spreadsheet set to French opens as a table, at a double click.

UTF-8 with a byte order mark (without it, Excel reads the accents as Windows-1252), ``;``
between fields (the comma is the French decimal mark, so LibreOffice and Excel in French
expect a semicolon) and CRLF line ends (RFC 4180). Every export of the kiosk goes through
here: the statistics and the mediator's activity reports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

SEPARATOR = ";"


def spreadsheet_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ (or a tab, a carriage
    return) would run as a formula (OWASP, "CSV Injection"), so it gets a leading quote."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """``header`` then ``rows`` as one file: UTF-8 with BOM, ``;`` separators, CRLF ends.

    Numbers are written as given (``str``); text cells are made safe (``spreadsheet_cell``).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([spreadsheet_cell(name) for name in header])
    for row in rows:
        writer.writerow(
            [value if isinstance(value, int) else spreadsheet_cell(value) for value in row]
        )
    return buffer.getvalue().encode("utf-8-sig")
