"""The bounds a content pack must stay within, so that reading a hostile one stays cheap.

A pack comes from a USB stick or a download: it is hostile input until checked. Every bound
below is far above what a real pack needs (the built-in pack: 18 tutorials of at most 19 KB,
150 drawings of at most 11 KB, 330 files) and low enough that `kiosk pack validate` of the
worst pack within them finishes in well under 10 s and 512 MiB on an old PC: on the 2-core
test VM, 95,000 YAML values with 50,000 SVG elements take 3 s; 1,100 tutorials, 2.3 s to read
and 4 s to import (tests/test_hostile_packs.py). They are listed for admins in
docs/content-format.md, § 10.
"""

from __future__ import annotations

KIB = 1024
MIB = 1024 * KIB

# Files of the pack (a folder or a .zip).
MAX_ENTRIES = 2_000  # files and folders in the pack, or entries in the .zip
MAX_FOLDER_DEPTH = 8  # folders inside folders
MAX_YAML_BYTES = 1 * MIB  # one pack.yaml, tutorials/*.yaml or personas/*.yaml
MAX_IMAGE_BYTES = 4 * MIB  # one image
MAX_TOTAL_BYTES = 64 * MIB  # everything the kiosk reads from one pack, uncompressed
MAX_TOTAL_YAML_BYTES = 8 * MIB  # all its YAML files (the built-in pack has 0.3 MiB)
# compact.json, the values of its YAML files as JSON (kiosk.core.pack_compact): about the
# size of the YAML (1.35 MB for 250 generated tutorials, the same as their YAML).
MAX_COMPACT_BYTES = 10 * MIB
MAX_ARCHIVE_BYTES = 128 * MIB  # a .zip file: bounds its directory, read whole by zipfile
# Deflate gains about 3 to 10 times on YAML and SVG; a zip bomb gains 1,000 times.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE = 64 * KIB  # tiny files may compress very well and are harmless
# The zip methods read here: stored and Deflate (APPNOTE.TXT 4.4.5, methods 0 and 8), the two
# that every zip tool writes by default. Deflate64 (9), bzip2 (12), LZMA (14)… are refused.
ZIP_METHODS = {0: "sans compression", 8: "Deflate"}

# One YAML file, counted on its parsed nodes (aliases counted as many times as they are used).
MAX_YAML_NODES = 20_000  # the largest built-in tutorial has 572
MAX_PACK_YAML_NODES = 100_000  # in all the YAML files of a pack (the built-in pack: 7,700)
MAX_YAML_ALIASES = 100
MAX_YAML_DEPTH = 16
MAX_INTEGER_DIGITS = 15  # a number written with more digits is refused before it is converted
MAX_TEXT_CHARS = 10_000  # one string (a step's text is about 60 words)

# Images (PNG, JPEG: read from their header; SVG: parsed).
MAX_IMAGE_SIDE = 4_096  # pixels, width and height
MAX_SVG_ELEMENTS = 5_000  # the largest built-in drawing has 146
MAX_PACK_SVG_ELEMENTS = 50_000  # in all the drawings of a pack (the built-in pack: 3,347)

# Messages quote at most this many characters of a wrong value.
MAX_QUOTED_CHARS = 60
# At most this many problems are listed per file: the first ones are enough to fix it.
MAX_PROBLEMS_PER_FILE = 20
