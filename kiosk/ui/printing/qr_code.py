"""The QR code that leads from the paper to the official site.

segno makes it: a small, pure-Python, well-kept encoder (ISO/IEC 18004) with no dependency
of its own, so the kiosk gains no image library. It is imported here only, when a sheet is
drawn: nothing of it is loaded at the kiosk's start (a test checks).
"""

from __future__ import annotations

# Level M restores up to 15 % of a damaged code (ISO/IEC 18004 error correction levels):
# a folded or smudged sheet still scans, and the code stays small.
ERROR_CORRECTION = "m"
QUIET_ZONE = 4  # modules of white around the code, the minimum the standard asks for


def qr_modules(text: str) -> list[list[bool]]:
    """The QR code of ``text`` as rows of modules (True = dark), quiet zone included.

    Raises ValueError (segno's DataOverflowError) for a text too long for any QR code.
    """
    import segno

    code = segno.make_qr(text, error=ERROR_CORRECTION, boost_error=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(border=QUIET_ZONE)]
