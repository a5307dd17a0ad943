"""Writing small packs on disk for tests, good or broken on purpose."""

from __future__ import annotations

import shutil
import stat
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)


def step_yaml(step_id: str, image: str | None = "images/a.svg") -> str:
    text = f"""  - id: {step_id}
    title: {{fr: "Titre {step_id}", en: "Title {step_id}"}}
    text: {{fr: "Texte de l'étape {step_id}.", en: "Text of step {step_id}."}}
"""
    if image:
        text += f"""    image: {image}
    image_alt: {{fr: "Un dessin", en: "A drawing"}}
"""
    return text


def tutorial_yaml(tutorial_id: str = "essai", category: str = "bases", steps: str = "") -> str:
    steps = steps or step_yaml("un") + step_yaml("deux")
    return f"""id: {tutorial_id}
title: {{fr: "Tutoriel {tutorial_id}", en: "Tutorial {tutorial_id}"}}
summary: {{fr: "Pour apprendre.", en: "To learn."}}
category: {category}
level: 1
minutes: 5
prepare:
  - {{fr: "Un papier", en: "A paper"}}
official_url: "https://www.service-public.fr"
source: "https://www.service-public.fr"
checked: 2026-11-20
next_steps: {{fr: "Faites-le pour de vrai.", en: "Do it for real."}}
steps:
{steps}"""


def write_pack(
    folder: Path,
    version: int = 1,
    tutorials: dict[str, str] | None = None,
    pack_id: str = "essai-pack",
) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "tutorials").mkdir(parents=True)
    (folder / "images").mkdir()
    (folder / "images" / "a.svg").write_bytes(SVG)
    (folder / "pack.yaml").write_text(
        f"""format: 1
id: {pack_id}
version: {version}
title: {{fr: "Paquet d'essai", en: "Test pack"}}
languages: [fr, en]
license: CC-BY-SA-4.0
authors: ["Tests"]
""",
        encoding="utf-8",
    )
    for name, text in (tutorials or {"essai": tutorial_yaml()}).items():
        (folder / "tutorials" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


PRACTICE_STEP = """  - id: pratique
    title: {fr: "S'entraîner", en: "Practise"}
    text: {fr: "Tapez le numéro.", en: "Type the number."}
    practice:
      kind: form
      site: "ameli.fr"
      persona: camille-martin
      documents: [carte-vitale]
      intro: {fr: "Tapez le numéro de Camille Martin.", en: "Type Camille Martin's number."}
      fields:
        - id: nir
          label: {fr: "Numéro de sécurité sociale", en: "Social security number"}
          check: nir
          expect: nir
          document: carte-vitale
          masked: false
      submit: {fr: "Continuer", en: "Continue"}
"""

PERSONA = """id: "camille-martin"
first_name: "Camille"
last_name: "Martin"
sex: "F"
birth_date: 1956-04-12
birth_place: "Rouen"
birth_department: "76"
birth_commune: "540"
nir: "256047654012388"
numero_fiscal: "1234567890066"
numero_acces: "K7P4M2X"
revenu_fiscal_reference: 18420
address: "12 rue des Lilas"
postal_code: "76000"
city: "Rouen"
phone: "06 39 98 12 34"
email: "camille.martin@courriel.example"
iban: "FR76 3000 6000 0112 3456 7890 189"
numero_allocataire: "4821736"
"""


def write_practice_pack(folder: Path, version: int = 1) -> Path:
    """A good pack whose tutorial has a form practice with a persona and a paper."""
    steps = step_yaml("un") + step_yaml("deux") + PRACTICE_STEP
    write_pack(folder, version=version, tutorials={"essai": tutorial_yaml(steps=steps)})
    (folder / "personas").mkdir()
    (folder / "personas" / "camille-martin.yaml").write_text(PERSONA, encoding="utf-8")
    return folder


# -- zip archives written byte by byte, as a hostile tool would (APPNOTE.TXT, sections 4.3) -----


@dataclass
class ZipEntry:
    """One entry: ``payload`` as stored (compressed already), its declared size and CRC."""

    name: str
    payload: bytes
    size: int
    crc: int
    method: int = 0
    flags: int = 0
    mode: int = stat.S_IFREG | 0o644


def stored(name: str, data: bytes, **options: int) -> ZipEntry:
    return ZipEntry(name, data, len(data), zlib.crc32(data), **options)


def deflated(name: str, data: bytes) -> ZipEntry:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw Deflate, as zip stores it
    payload = packer.compress(data) + packer.flush()
    return ZipEntry(name, payload, len(data), zlib.crc32(data), method=8)


def zeros_deflated(name: str, size: int) -> ZipEntry:
    """``size`` zero bytes, compressed (about 1,000 times smaller): the stuff of zip bombs."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk, crc, parts = bytes(1 << 20), 0, []
    for start in range(0, size, len(chunk)):
        piece = chunk[: min(len(chunk), size - start)]
        crc = zlib.crc32(piece, crc)
        parts.append(packer.compress(piece))
    parts.append(packer.flush())
    return ZipEntry(name, b"".join(parts), size, crc, method=8)


def write_zip(path: Path, entries: list[ZipEntry], aliases: int = 0) -> Path:
    """Write the entries; ``aliases`` more central entries point at the first one's data."""
    body, central = bytearray(), bytearray()
    records = []
    for entry in entries:
        name = entry.name.encode()
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, entry.flags, entry.method, 0, 0x21,
            entry.crc, len(entry.payload), entry.size, len(name), 0,
        ) + name + entry.payload  # fmt: skip
        records.append((entry, name, offset))
    first = records[0]
    records += [(first[0], f"images/copie-{i}.png".encode(), first[2]) for i in range(aliases)]
    for entry, name, offset in records:
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, entry.flags, entry.method,
            0, 0x21, entry.crc, len(entry.payload), entry.size, len(name), 0, 0, 0, 0,
            entry.mode << 16, offset,
        ) + name  # fmt: skip
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(records), len(records), len(central), len(body), 0
    )
    path.write_bytes(bytes(body + central + end))
    return path


def pack_entries(folder: Path) -> list[ZipEntry]:
    """The files of a pack folder as stored zip entries."""
    return [
        stored(path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    ]


def png_bytes(width: int = 2, height: int = 2, pixels: bool = True) -> bytes:
    """A real PNG of ``width`` × ``height`` grey pixels (PNG specification, § 5 and 11).

    Without ``pixels``, only the header is right: enough to claim a huge size.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height)) if pixels else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
