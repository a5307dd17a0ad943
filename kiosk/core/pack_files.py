"""Reading the files of a content pack, from a folder or a .zip, without leaving the pack.

Only what the pack format uses is read: YAML files and images, each within its size
(pack_limits). Nothing is extracted to disk: files are read into memory. Refused, each with a
sentence naming it: links (symbolic or in a zip), devices, pipes and sockets (reading a pipe
would wait forever), names that leave the pack or hold hidden characters, encrypted zip entries,
compression methods other than stored and Deflate, entries that overlap (a "better zip bomb",
D. Fifield, WOOT 2019) or expand more than MAX_COMPRESSION_RATIO times.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.core.pack_limits import (
    MAX_ARCHIVE_BYTES,
    MAX_COMPACT_BYTES,
    MAX_COMPRESSION_RATIO,
    MAX_ENTRIES,
    MAX_FOLDER_DEPTH,
    MAX_IMAGE_BYTES,
    MAX_TOTAL_BYTES,
    MAX_TOTAL_YAML_BYTES,
    MAX_YAML_BYTES,
    MIB,
    RATIO_CHECKED_ABOVE,
    ZIP_METHODS,
)
from kiosk.core.safe_text import character_problem, shown
from kiosk.core.yaml_lines import ValueBudget

YAML_SUFFIXES = (".yaml",)
COMPACT_NAME = "compact.json"  # kiosk.core.pack_compact: read at the pack's root only
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
_LOCAL_HEADER_BYTES = 30  # fixed part of a zip local file header (APPNOTE.TXT 4.3.7)
_ZIP_ENCRYPTED = 0x1  # general purpose bit 0 (APPNOTE.TXT 4.4.4)
_UNIX = 3  # "version made by" upper byte: external attributes hold a Unix mode
LINK_REFUSED = "c'est un lien vers un autre fichier. Mettez le vrai fichier à sa place."


class PackFilesError(Exception):
    """The pack cannot be opened at all (missing, unreadable, not a zip, too many files).

    The message says why, without the pack's path: the caller names it.
    """


def is_inside_pack(relative: str) -> bool:
    """True when a path written in a pack stays inside it (no '..', no absolute path)."""
    if not relative or "\\" in relative:
        return False
    path = PurePosixPath(relative)
    return (
        bool(path.parts)
        and not path.is_absolute()
        and ".." not in path.parts
        and ":" not in path.parts[0]
    )


def size_limit(name: str) -> int | None:
    """The most bytes the kiosk reads of this file; None for files the format does not use."""
    # A zip of the pack's folder holds "folder/compact.json" until its top folder is taken off.
    if name == COMPACT_NAME or (name.endswith("/" + COMPACT_NAME) and name.count("/") == 1):
        return MAX_COMPACT_BYTES
    lowered = name.lower()
    if lowered.endswith(YAML_SUFFIXES):
        return MAX_YAML_BYTES
    if lowered.endswith(IMAGE_SUFFIXES):
        return MAX_IMAGE_BYTES
    return None


def _megabytes(size: int) -> str:
    return f"{size / MIB:.1f} Mo".replace(".", ",")


def _too_big(size: int, limit: int) -> str:
    return (
        f"ce fichier pèse {_megabytes(size)}, plus que les {_megabytes(limit)} permis. "
        "Allégez-le ou retirez-le."
    )


def _ignored(name: str) -> bool:
    """Hidden files and folders (.git, .DS_Store) and macOS's __MACOSX folder in zips."""
    return any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))


class PackFiles:
    """The files of one pack, keyed by their path relative to the pack's root ('a/b.yaml').

    ``files`` holds the YAML files and images read; ``names`` every regular file seen;
    ``refused`` (path, French sentence) every entry refused while reading.
    """

    def __init__(
        self,
        files: dict[str, bytes],
        refused: list[tuple[str, str]],
        origin: str,
        names: set[str] | None = None,
    ) -> None:
        self.files = files
        self.refused = refused
        self.origin = origin
        self.names = names if names is not None else set(files)
        # A .zip pack's bytes, read once: its signature is checked on the very bytes read.
        self.archive: bytes | None = None
        self._total = 0
        self.yaml_budget = ValueBudget()  # values left for all its YAML files
        # The value of each YAML file once read (load_yaml), or as its compact form gave it.
        self.values: dict[str, Any] = {}
        self.good_images: dict[str, str] = {}  # an image path as written → the file (pack_reader)
        self._total_yaml = 0

    @classmethod
    def open(cls, path: str | Path) -> PackFiles:
        """Read the pack at ``path``; raise PackFilesError when it cannot be read at all."""
        path = Path(path)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise PackFilesError("ce fichier ou ce dossier n'existe pas.") from None
        except OSError as error:
            raise PackFilesError(f"impossible de le lire ({error.strerror}).") from None
        if stat.S_ISDIR(mode):
            return cls._from_folder(path)
        if stat.S_ISREG(mode):
            size = path.stat().st_size
            if size > MAX_ARCHIVE_BYTES:
                raise PackFilesError(
                    f"l'archive pèse {_megabytes(size)}, plus que les "
                    f"{_megabytes(MAX_ARCHIVE_BYTES)} permis."
                )
            try:
                with open(path, "rb") as stream:
                    data = stream.read(MAX_ARCHIVE_BYTES + 1)
            except OSError as error:
                raise PackFilesError(f"impossible de le lire ({error.strerror}).") from None
            if len(data) > MAX_ARCHIVE_BYTES:  # it grew since it was measured
                raise PackFilesError(
                    f"l'archive pèse plus que les {_megabytes(MAX_ARCHIVE_BYTES)} permis."
                )
            pack = cls.from_zip_data(data, str(path))
            pack.archive = data
            return pack
        raise PackFilesError(
            "ce n'est ni un dossier ni un fichier .zip. "
            "Donnez le dossier du paquet ou son archive .zip."
        )

    def to_zip(self) -> bytes:
        """The files read, as a zip (Deflate, fixed dates: the same files give the same bytes);
        ``from_zip_data`` reads it back to exactly these files. How a version is kept."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(self.files):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, self.files[name])
        return buffer.getvalue()

    def _count(self, size: int, name: str) -> bool:
        """Add ``size`` to the bytes read; False (and the pack refused) past the totals."""
        self._total += size
        if size_limit(name) == MAX_YAML_BYTES:
            self._total_yaml += size
        if self._total > MAX_TOTAL_BYTES or self._total_yaml > MAX_TOTAL_YAML_BYTES:
            limit, what = (
                (MAX_TOTAL_BYTES, "de fichiers à lire")
                if self._total > MAX_TOTAL_BYTES
                else (MAX_TOTAL_YAML_BYTES, "de fichiers YAML")
            )
            self.refused.append(
                (
                    name,
                    f"le paquet dépasse {_megabytes(limit)} {what}. "
                    "Allégez-le ou partagez-le en plusieurs paquets.",
                )
            )
            return False
        return True

    # -- a folder ------------------------------------------------------------------------------
    @classmethod
    def _from_folder(cls, root: Path) -> PackFiles:
        pack = cls({}, [], str(root))
        pack.names = set()
        seen = 0
        pending: list[tuple[Path, str, int]] = [(root, "", 0)]
        while pending:
            folder, prefix, depth = pending.pop()
            try:
                with os.scandir(folder) as scan:
                    entries = sorted(scan, key=lambda entry: entry.name)
            except OSError as error:
                pack.refused.append((prefix or ".", f"dossier illisible ({error.strerror})."))
                continue
            for entry in entries:
                relative = prefix + entry.name
                if _ignored(relative):
                    continue
                seen += 1
                if seen > MAX_ENTRIES:
                    raise PackFilesError(f"le paquet a plus de {MAX_ENTRIES} fichiers et dossiers.")
                if not pack._name_is_safe(relative):
                    continue
                try:
                    mode = entry.stat(follow_symlinks=False).st_mode
                except OSError as error:
                    pack.refused.append((relative, f"fichier illisible ({error.strerror})."))
                    continue
                if stat.S_ISLNK(mode):
                    pack.refused.append((relative, LINK_REFUSED))
                elif stat.S_ISDIR(mode):
                    if depth + 1 >= MAX_FOLDER_DEPTH:
                        pack.refused.append(
                            (relative, f"plus de {MAX_FOLDER_DEPTH} dossiers imbriqués.")
                        )
                    else:
                        pending.append((Path(entry.path), relative + "/", depth + 1))
                elif stat.S_ISREG(mode):
                    pack.names.add(relative)
                    pack._read_file(Path(entry.path), relative)
                else:
                    pack.refused.append(
                        (relative, "ce n'est pas un fichier ordinaire (périphérique, tube…).")
                    )
        return pack

    def _name_is_safe(self, relative: str) -> bool:
        problem = character_problem(relative)
        if problem:
            self.refused.append((shown(relative), f"nom de fichier refusé : {problem}"))
            return False
        return True

    def _read_file(self, path: Path, relative: str) -> None:
        limit = size_limit(relative)
        if limit is None:
            return
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError as error:
            reason = "c'est un lien" if error.errno == errno.ELOOP else error.strerror
            self.refused.append((relative, f"fichier illisible ({reason})."))
            return
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                self.refused.append((relative, "ce n'est pas un fichier ordinaire."))
                return
            if status.st_size > limit:  # a sparse 2 GB file is refused here, never read
                self.refused.append((relative, _too_big(status.st_size, limit)))
                return
            if not self._count(status.st_size, relative):
                return
            try:
                # Its size and one byte more: a file that grew since it was measured is read
                # on, up to its limit. Asking for limit + 1 bytes at once made Python reserve
                # the whole limit (1 MiB for each YAML file): 0.03 s per 1,000 tutorials (#19).
                data = stream.read(status.st_size + 1)
                if len(data) > status.st_size:
                    data += stream.read(limit + 1 - len(data))
            except OSError as error:
                self.refused.append((relative, f"fichier illisible ({error.strerror})."))
                return
        if len(data) > limit:  # it grew since it was measured
            self.refused.append((relative, _too_big(len(data), limit)))
            return
        self.files[relative] = data

    # -- a zip ---------------------------------------------------------------------------------
    @classmethod
    def from_zip_data(cls, data: bytes, origin: str) -> PackFiles:
        """Read a pack from the bytes of its .zip (a file read once, or a kept version).

        Raises PackFilesError when the archive cannot be read at all.
        """
        pack = cls({}, [], origin)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = zf.infolist()
                if len(infos) > MAX_ENTRIES:
                    raise PackFilesError(f"l'archive a plus de {MAX_ENTRIES} fichiers et dossiers.")
                overlap = _overlapping(infos, zf.start_dir)
                if overlap:
                    raise PackFilesError(
                        f"des fichiers de l'archive se chevauchent ({shown(overlap)}). "
                        "C'est une archive piégée : refaites-la avec un outil de compression "
                        "ordinaire."
                    )
                names: set[str] = set()
                for info in infos:
                    if info.filename in names:
                        pack.refused.append(
                            (shown(info.filename), "ce nom est deux fois dans l'archive.")
                        )
                        continue
                    names.add(info.filename)
                    pack._read_entry(zf, info)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
            raise PackFilesError(
                f"ce n'est pas un dossier, ni une archive .zip lisible ({shown(str(error))})."
            ) from error
        pack._strip_top_folder()
        return pack

    def _read_entry(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if not is_inside_pack(name):
            self.refused.append(
                (shown(name), "ce fichier pointe hors du paquet. Retirez-le du paquet.")
            )
            return
        if _ignored(name) or not self._name_is_safe(name):
            return
        mode = info.external_attr >> 16 if info.create_system == _UNIX else 0
        if stat.S_ISLNK(mode):
            self.refused.append((name, LINK_REFUSED))
            return
        if info.is_dir():
            if name.rstrip("/").count("/") >= MAX_FOLDER_DEPTH:
                self.refused.append((name, f"plus de {MAX_FOLDER_DEPTH} dossiers imbriqués."))
            return
        if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            self.refused.append((name, "ce n'est pas un fichier ordinaire (périphérique, tube…)."))
            return
        if name.count("/") > MAX_FOLDER_DEPTH:
            self.refused.append((name, f"plus de {MAX_FOLDER_DEPTH} dossiers imbriqués."))
            return
        self.names.add(name)
        # A zip bomb is refused even where it hides among files that would not be read.
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            self.refused.append(
                (
                    name,
                    f"ce fichier grossit plus de {MAX_COMPRESSION_RATIO} fois à la "
                    "décompression. C'est une archive piégée.",
                )
            )
            return
        limit = size_limit(name)
        if limit is None:
            return
        if info.flag_bits & _ZIP_ENCRYPTED:
            self.refused.append(
                (name, "ce fichier est protégé par un mot de passe. Refaites l'archive sans.")
            )
            return
        if info.compress_type not in ZIP_METHODS:
            self.refused.append(
                (
                    name,
                    f"méthode de compression n° {info.compress_type} non lue (seules "
                    f"{' et '.join(ZIP_METHODS.values())} le sont). Refaites l'archive avec "
                    "la compression ordinaire.",
                )
            )
            return
        if info.file_size > limit:
            self.refused.append((name, _too_big(info.file_size, limit)))
            return
        if not self._count(info.file_size, name):
            return
        try:
            # zipfile stops at the declared size and checks the CRC at the end.
            with zf.open(info) as stream:
                data = stream.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as error:
            self.refused.append((name, f"fichier abîmé dans l'archive ({shown(str(error))})."))
            return
        self.files[name] = data

    def _strip_top_folder(self) -> None:
        """A zip of the pack's folder ("p/pack.yaml"): read it as the folder itself."""
        tops = {name.split("/", 1)[0] for name in self.names}
        if "pack.yaml" in self.names or len(tops) != 1 or tops == set(self.names):
            return
        top = tops.pop() + "/"

        def strip(name: str) -> str:
            return name[len(top) :] if name.startswith(top) else name

        self.files = {strip(name): data for name, data in self.files.items()}
        self.names = {strip(name) for name in self.names}
        self.refused = [(strip(name), why) for name, why in self.refused]


def _overlapping(infos: list[zipfile.ZipInfo], central_directory: int) -> str | None:
    """The name of an entry whose data runs into the next one, or into the central directory.

    Each entry takes at least its local header and its compressed bytes; in a well-made zip
    they follow one another. Overlapping entries let a small archive expand without end.
    """
    ordered = sorted(infos, key=lambda info: info.header_offset)
    ends = [info.header_offset for info in ordered[1:]] + [central_directory]
    for info, following in zip(ordered, ends, strict=True):
        if info.header_offset + _LOCAL_HEADER_BYTES + info.compress_size > following:
            return info.filename
    return None
