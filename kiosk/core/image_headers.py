"""PNG and JPEG images checked from their header: the right kind, and a size the kiosk can draw.

A file named .png must be a PNG: the kiosk hands image bytes to Qt, which guesses the format
from the content, so a "PNG" that is really an SVG or something else would be decoded by
another reader than the one the admin saw. The header gives the width and height without
decoding the pixels; both are bounded (MAX_IMAGE_SIDE) so that drawing one never needs more
than 4,096 × 4,096 × 4 bytes (64 MiB). Pillow is not needed for two headers.
"""

from __future__ import annotations

import struct
import zlib

from kiosk.core.pack_limits import MAX_IMAGE_SIDE

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
# Allowed bit depths for each colour type: PNG specification (W3C, ISO/IEC 15948) § 11.2.2.
PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
# Start-of-frame markers of JPEG (ITU-T T.81, table B.1): every kind but DHT, JPG and DAC.
JPEG_FRAME_MARKERS = {
    *range(0xC0, 0xC4),
    *range(0xC5, 0xC8),
    *range(0xC9, 0xCC),
    *range(0xCD, 0xD0),
}
JPEG_UNSIZED_MARKERS = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn carry no length


def png_size(data: bytes) -> tuple[int, int] | str:
    """(width, height) from a PNG's IHDR chunk, or what is wrong, in French."""
    if not data.startswith(PNG_SIGNATURE):
        return "ce n'est pas une image PNG."
    header = data[8:33]
    if len(header) < 25 or header[:8] != b"\x00\x00\x00\x0dIHDR":
        return "l'en-tête de l'image PNG est abîmé."
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header[8:21]
    )
    if struct.unpack(">I", header[21:25])[0] != zlib.crc32(header[4:21]):
        return "l'en-tête de l'image PNG est abîmé."
    if depth not in PNG_DEPTHS.get(colour, ()) or compression or filtering or interlace > 1:
        return "l'en-tête de l'image PNG est abîmé."
    if not data.endswith(PNG_END):
        return "l'image PNG est incomplète."
    return width, height


def jpeg_size(data: bytes) -> tuple[int, int] | str:
    """(width, height) from a JPEG's start-of-frame segment, or what is wrong, in French."""
    if not data.startswith(b"\xff\xd8\xff"):
        return "ce n'est pas une image JPEG."
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in JPEG_UNSIZED_MARKERS:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2 or marker in (0xD9, 0xDA):  # the image ends or starts before its size
            break
        if marker in JPEG_FRAME_MARKERS:
            if length < 8 or position + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return "l'en-tête de l'image JPEG est abîmé."


def raster_problem(name: str, data: bytes) -> str | None:
    """What is wrong with the PNG or JPEG image ``data`` named ``name``; None when it is fine."""
    size = png_size(data) if name.lower().endswith(".png") else jpeg_size(data)
    if isinstance(size, str):
        return size + " Enregistrez-la de nouveau avec un logiciel de dessin."
    width, height = size
    if not (1 <= width <= MAX_IMAGE_SIDE and 1 <= height <= MAX_IMAGE_SIDE):
        return (
            f"l'image mesure {width} × {height} pixels ; le maximum est "
            f"{MAX_IMAGE_SIDE} × {MAX_IMAGE_SIDE}. Réduisez-la."
        )
    return None
