"""Reading the files of a content pack, from a folder or a .zip, without leaving the pack."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath


class PackFilesError(Exception):
    """The pack cannot be opened at all (missing, unreadable, not a zip)."""


def is_inside_pack(relative: str) -> bool:
    """True when a path written in a pack stays inside it (no '..', no absolute path)."""
    if not relative or "\\" in relative:
        return False
    path = PurePosixPath(relative)
    return not path.is_absolute() and ".." not in path.parts and ":" not in path.parts[0]


class PackFiles:
    """The files of one pack, keyed by their path relative to the pack's root ('a/b.yaml')."""

    def __init__(self, files: dict[str, bytes], outside: list[str], origin: str) -> None:
        self.files = files
        self.outside = outside  # entries that point outside the pack: refused
        self.origin = origin

    @classmethod
    def open(cls, path: str | Path) -> PackFiles:
        path = Path(path)
        if not path.exists():
            raise PackFilesError(f"{path} : ce fichier ou ce dossier n'existe pas.")
        if path.is_dir():
            return cls._from_folder(path)
        if zipfile.is_zipfile(path):
            return cls._from_zip(path)
        raise PackFilesError(
            f"{path} : ce n'est ni un dossier ni un fichier .zip. "
            "Donnez le dossier du paquet ou son archive .zip."
        )

    @classmethod
    def _from_folder(cls, root: Path) -> PackFiles:
        files: dict[str, bytes] = {}
        outside: list[str] = []
        real_root = root.resolve()
        for item in sorted(root.rglob("*")):
            relative = item.relative_to(root).as_posix()
            if item.is_symlink() and not item.resolve().is_relative_to(real_root):
                outside.append(relative)
                continue
            if item.is_file():
                files[relative] = item.read_bytes()
        return cls(files, outside, str(root))

    @classmethod
    def _from_zip(cls, archive: Path) -> PackFiles:
        files: dict[str, bytes] = {}
        outside: list[str] = []
        try:
            with zipfile.ZipFile(archive) as zf:
                for info in zf.infolist():
                    if info.is_dir():
                        continue
                    if not is_inside_pack(info.filename):
                        outside.append(info.filename)
                        continue
                    files[info.filename] = zf.read(info)
        except (zipfile.BadZipFile, OSError) as error:
            raise PackFilesError(f"{archive} : l'archive est abîmée ({error}).") from error
        # A zip of the pack's folder: strip the single top folder.
        tops = {name.split("/", 1)[0] for name in files}
        if "pack.yaml" not in files and len(tops) == 1:
            top = tops.pop() + "/"
            files = {name[len(top) :]: data for name, data in files.items() if name.startswith(top)}
        return cls(files, outside, str(archive))
