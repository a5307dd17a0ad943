"""Write a content pack folder from the content model: the kiosk's edited tutorials leave the
kiosk as a pack that any other kiosk reads with ``kiosk pack validate`` / ``import``.

The folder follows docs/content-format.md; values the format leaves out when empty (a step
without ``tip``, a practice without a ``hint``) are left out, dates are YAML dates. The folder
is signed on the author's own computer with ``kiosk pack sign`` (a signing key never lives on
a public kiosk): see kiosk.ui.admin.editor.editor_page.EditorPage.export_to.
"""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path
from typing import Any

import yaml

from kiosk.core.content import Pack, Tutorial


def _without_empty(value: Any) -> Any:
    """Drop None, empty lists and empty maps at every depth (keeps 0, False and "")."""
    if isinstance(value, dict):
        kept = {k: _without_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v is not None and v != {} and v != []}
    if isinstance(value, list | tuple):
        return [_without_empty(v) for v in value]
    return value


def tutorial_data(tutorial: Tutorial) -> dict[str, Any]:
    """The YAML-ready form of a tutorial (``checked`` as a date, empty values left out)."""
    data = _without_empty(tutorial.to_dict())
    data["prepare"] = data.get("prepare", [])
    with contextlib.suppress(KeyError, ValueError):  # a wrong date stays as written
        data["checked"] = datetime.date.fromisoformat(str(data["checked"]))
    return data


def _dump(data: Any, path: Path) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def write_pack_folder(pack: Pack, folder: Path) -> Path:
    """Write ``pack`` into ``folder`` (created; must be empty or absent); returns ``folder``.

    Raises FileExistsError when ``folder`` holds files, OSError when it cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise FileExistsError(f"Le dossier {folder} n'est pas vide.")
    header: dict[str, Any] = {
        "format": 1,
        "id": pack.id,
        "version": pack.version,
        "title": dict(pack.title),
        "languages": list(pack.languages),
        "license": pack.license,
        "authors": list(pack.authors),
    }
    if pack.lexicon:
        header["lexicon"] = pack.lexicon
    _dump(header, folder / "pack.yaml")
    (folder / "tutorials").mkdir()
    for tutorial in pack.tutorials:
        _dump(tutorial_data(tutorial), folder / "tutorials" / f"{tutorial.id}.yaml")
    for path, data in pack.images.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if pack.personas:
        (folder / "personas").mkdir()
        for persona in pack.personas.values():
            data = _without_empty(persona.to_dict())
            if isinstance(data.get("birth_date"), str):
                data["birth_date"] = datetime.date.fromisoformat(data["birth_date"])
            _dump(data, folder / "personas" / f"{persona.id}.yaml")
    return folder
