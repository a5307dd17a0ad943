"""Validate a content pack and build its model; every problem is reported at once.

Messages are in plain French for admins: each names the file, the line and field, and the fix.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.core.content import CATEGORIES, Pack, Step, Tutorial
from kiosk.core.cycle_collector import paused
from kiosk.core.image_headers import raster_problem
from kiosk.core.languages import LANGUAGES
from kiosk.core.pack_checks import (
    FieldChecker,
    PackError,
    Problem,
    parse_file,
    suggest,
)
from kiosk.core.pack_files import IMAGE_SUFFIXES, PackFiles, PackFilesError, is_inside_pack
from kiosk.core.practice.model import Persona
from kiosk.core.practice.reader import read_personas, read_practice
from kiosk.core.safe_svg import ElementBudget, svg_problem
from kiosk.core.safe_text import shown
from kiosk.core.yaml_lines import LinedDict, LinedList

FORMAT_VERSION = 1
Progress = Callable[[int, int], None]  # (done, in all)
PROGRESS_EVERY = 10  # tutorials between two calls of ``progress``: about 10 ms of work


def _no_progress(_done: int, _total: int) -> None:
    pass


LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")

PACK_FIELDS = {"format", "id", "version", "title", "languages", "license", "authors"}
PACK_OPTIONAL = {"lexicon"}
TUTORIAL_REQUIRED = {
    "id",
    "title",
    "summary",
    "category",
    "level",
    "minutes",
    "official_url",
    "source",
    "checked",
    "next_steps",
    "steps",
}
TUTORIAL_OPTIONAL = {"prepare", "keywords"}
STEP_REQUIRED = {"id", "title", "text"}
STEP_OPTIONAL = {"speech", "image", "image_alt", "tip", "warning", "practice"}


def read_pack(location: str | Path) -> Pack:
    """Open, validate and build a pack; raise PackError listing every problem.

    Reads only inside the pack, within the bounds of pack_limits; any hostile content is a
    PackError with a located French sentence, never another exception.
    """
    try:
        files = PackFiles.open(location)
    except PackFilesError as error:
        raise PackError([Problem(str(location), 0, "", str(error))]) from error
    return build_pack(files)


def build_pack(
    files: PackFiles, use_compact: bool = True, progress: Progress | None = None
) -> Pack:
    """Validate and build the pack of ``files``; raise PackError listing every problem.

    The values of its YAML files come from its compact form when it has a fresh one
    (kiosk.core.pack_compact: JSON, made when the pack was signed; 40 times faster to read
    than YAML), else from the YAML; the same checks run on them either way. The author's
    check before signing reads the YAML (``use_compact=False``). ``progress(done, total)``
    is called with the tutorial files checked so far (for a progress bar; from the caller's
    thread). Python's cycle collector is paused meanwhile (kiosk.core.cycle_collector).
    """
    with paused():
        return _build_pack(files, use_compact, progress)


def _build_pack(files: PackFiles, use_compact: bool, progress: Progress | None) -> Pack:
    from kiosk.core.pack_compact import compact_values

    compact = compact_values(files.files) if use_compact else None
    if compact is not None:
        files.values = compact
    problems = [Problem(name, 0, "", message) for name, message in files.refused]
    header = _read_header(files, problems)
    # When pack.yaml cannot be read, texts are not blamed for its missing list of languages.
    languages = tuple(header.get("languages") or (LANGUAGES if not header else ("fr",)))
    tutorial_files = sorted(
        name for name in files.files if name.startswith("tutorials/") and name.endswith(".yaml")
    )
    if "pack.yaml" in files.files and not tutorial_files:
        problems.append(
            Problem("tutorials/", 0, "", "aucun tutoriel. Ajoutez un fichier tutorials/<id>.yaml.")
        )
    personas = read_personas(files, problems)
    tutorials: list[Tutorial] = []
    seen: dict[str, str] = {}
    used_images: set[str] = set()
    report = progress or _no_progress
    report(0, len(tutorial_files))
    for done, name in enumerate(tutorial_files, start=1):
        if done % PROGRESS_EVERY == 0:
            report(done, len(tutorial_files))
        tutorial = _read_tutorial(files, name, languages, problems, used_images, personas)
        if tutorial is None:
            continue
        if tutorial.id in seen:
            problems.append(
                Problem(
                    name,
                    1,
                    "id",
                    f"l'identifiant « {tutorial.id} » est déjà pris par {seen[tutorial.id]}. "
                    "Choisissez-en un autre.",
                )
            )
            continue
        seen[tutorial.id] = name
        tutorials.append(tutorial)
    report(len(tutorial_files), len(tutorial_files))
    images = {path: files.files[path] for path in sorted(used_images)}
    budget = ElementBudget()
    for path, data in images.items():
        problem = (
            svg_problem(data, budget)
            if path.lower().endswith(".svg")
            else raster_problem(path, data)
        )
        if problem:
            problems.append(Problem(path, 0, "", problem))
    if problems:
        raise PackError(problems)
    return Pack(
        id=header["id"],
        version=header["version"],
        title=header["title"],
        languages=languages,
        license=header["license"],
        authors=tuple(header["authors"]),
        tutorials=tuple(tutorials),
        images=images,
        personas=personas,
        lexicon=header.get("lexicon", {}),
    )


def _read_header(files: PackFiles, problems: list[Problem]) -> dict[str, Any]:
    name = "pack.yaml"
    if name not in files.files:
        problems.append(
            Problem(name, 0, "", "le fichier pack.yaml manque à la racine du paquet. Ajoutez-le.")
        )
        return {}
    data = parse_file(files, name, problems)
    if data is None:
        return {}
    check = FieldChecker(name, problems, ("fr",))
    check.keys(data, "", PACK_FIELDS, PACK_OPTIONAL)
    header: dict[str, Any] = {}
    fmt = data.get("format")
    if "format" in data and (isinstance(fmt, bool) or fmt != FORMAT_VERSION):  # True == 1
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
            check.add(
                data.line_of("format"),
                "format",
                f"ce paquet est au format {shown(fmt)}, plus récent que celui que cette borne lit "
                f"({FORMAT_VERSION}). Mettez Pas à pas à jour.",
            )
        else:
            check.add(data.line_of("format"), "format", f"écrivez « format: {FORMAT_VERSION} ».")
    languages = data.get("languages")
    if "languages" in data:
        if (
            not isinstance(languages, list)
            or not languages
            or not all(isinstance(x, str) and LANGUAGE_PATTERN.match(x) for x in languages)
        ):
            check.add(
                data.line_of("languages"),
                "languages",
                "écrivez la liste des codes de langue, par exemple « [fr, en] ».",
            )
            languages = None
        elif "fr" not in languages:
            check.add(data.line_of("languages"), "languages", "le français (fr) est obligatoire.")
    header["languages"] = tuple(languages) if isinstance(languages, list) else ("fr",)
    check.languages = header["languages"]
    header["id"] = check.identifier(data, "id", "")
    header["version"] = check.integer(data, "version", "", 1, 1_000_000)
    header["title"] = check.text(data, "title", "")
    header["license"] = check.string(data, "license", "", "la licence, par exemple CC-BY-SA-4.0")
    authors = data.get("authors")
    if "authors" in data and (
        not isinstance(authors, list) or not all(isinstance(a, str) and a for a in authors)
    ):
        check.add(data.line_of("authors"), "authors", "écrivez la liste des auteurs.")
    header["authors"] = authors if isinstance(authors, list) else []
    if "lexicon" in data:
        header["lexicon"] = _read_lexicon(data, check, header["languages"])
    return header


def _read_lexicon(
    data: LinedDict, check: FieldChecker, languages: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """The pack's spoken forms (kiosk.core.pronunciation checks them); {} when wrong."""
    from kiosk.core.pronunciation import pack_lexicon_problems

    section = data["lexicon"]
    problems = pack_lexicon_problems(section, languages)
    for field_name, message in problems:
        check.add(data.line_of("lexicon"), field_name, message)
    if problems:
        return {}
    return {language: dict(words) for language, words in section.items()}


def _read_tutorial(
    files: PackFiles,
    name: str,
    languages: tuple[str, ...],
    problems: list[Problem],
    used_images: set[str],
    personas: dict[str, Persona],
) -> Tutorial | None:
    data = parse_file(files, name, problems)
    if data is None:
        return None
    before = len(problems)
    check = FieldChecker(name, problems, languages)
    check.keys(data, "", TUTORIAL_REQUIRED, TUTORIAL_OPTIONAL)
    tutorial_id = check.identifier(data, "id", "")
    expected = PurePosixPath(name).stem
    if tutorial_id and tutorial_id != expected:
        check.add(
            data.line_of("id"),
            "id",
            f"l'identifiant « {shown(tutorial_id)} » doit être le nom du fichier ({expected}). "
            f"Renommez le fichier en {tutorial_id}.yaml ou changez l'identifiant.",
        )
    category = check.choice(
        data, "category", "", CATEGORIES, "catégorie inconnue", "Catégories possibles"
    )
    checked = data.get("checked")
    if isinstance(checked, datetime.date):
        checked = checked.isoformat()
    elif "checked" in data:
        check.add(
            data.line_of("checked"),
            "checked",
            "écrivez la date de vérification sous la forme AAAA-MM-JJ, par exemple 2026-11-20.",
        )
    source = check.string(data, "source", "", "l'adresse ou le nom de la source")
    prepare = data.get("prepare", [])
    prepare_texts = []
    if not isinstance(prepare, list):
        check.add(data.line_of("prepare"), "prepare", "écrivez une liste (lignes « - fr: … »).")
    else:
        for index, item in enumerate(prepare):
            line = prepare.line_of(index) if isinstance(prepare, LinedList) else data.line
            prepare_texts.append(check.text_value(item, line, f"prepare[{index}]"))
    keywords = _read_keywords(check, data)
    steps = _read_steps(check, data, files, used_images, personas)
    values = {
        "title": check.text(data, "title", ""),
        "summary": check.text(data, "summary", ""),
        "next_steps": check.text(data, "next_steps", ""),
        "level": check.integer(data, "level", "", 1, 3),
        "minutes": check.integer(data, "minutes", "", 1, 240),
        "official_url": check.url(data, "official_url", ""),
    }
    if len(problems) > before:
        return None
    return Tutorial(
        id=tutorial_id or "",
        category=str(category),
        checked=str(checked),
        source=str(source),
        prepare=tuple(p for p in prepare_texts if p),
        keywords=keywords,
        steps=tuple(steps),
        **values,  # type: ignore[arg-type]
    )


def _read_keywords(check: FieldChecker, data: LinedDict) -> dict[str, tuple[str, ...]]:
    keywords = data.get("keywords", {})
    if not isinstance(keywords, dict) or not all(
        lang in check.languages
        and isinstance(words, list)
        and all(isinstance(w, str) and w for w in words)
        for lang, words in keywords.items()
    ):
        check.add(
            data.line_of("keywords"),
            "keywords",
            "écrivez une liste de mots par langue, par exemple « fr: [impôts, connexion] ».",
        )
        return {}
    return {lang: tuple(words) for lang, words in keywords.items()}


def _read_steps(
    check: FieldChecker,
    data: LinedDict,
    files: PackFiles,
    used_images: set[str],
    personas: dict[str, Persona],
) -> list[Step]:
    steps_data = data.get("steps")
    if "steps" not in data:
        return []
    if not isinstance(steps_data, LinedList) or not steps_data:
        check.add(
            data.line_of("steps"), "steps", "écrivez au moins une étape (lignes « - id: … »)."
        )
        return []
    steps: list[Step] = []
    seen: dict[str, int] = {}
    for index, step in enumerate(steps_data):
        path = f"steps[{index}]"
        if not isinstance(step, LinedDict):
            check.add(steps_data.line_of(index), path, "une étape doit contenir des champs.")
            continue
        check.keys(step, path, STEP_REQUIRED, STEP_OPTIONAL)
        step_id = check.identifier(step, "id", path)
        if step_id in seen:
            check.add(
                step.line_of("id"),
                f"{path}.id",
                f"l'étape « {step_id} » existe déjà (ligne {seen[step_id]}). "
                "Donnez un identifiant unique à chaque étape.",
            )
        elif step_id:
            seen[step_id] = step.line_of("id")
        image = step.get("image")
        if image is not None:
            image = _check_image(check, step, path, files)
            if image:
                used_images.add(image)
            if "image_alt" not in step:
                check.add(
                    step.line_of("image"),
                    f"{path}.image_alt",
                    "l'image n'a pas de texte de remplacement. Ajoutez « image_alt » qui la "
                    "décrit.",
                )
        steps.append(
            Step(
                id=step_id or "",
                title=check.text(step, "title", path),
                text=check.text(step, "text", path),
                speech=check.text(step, "speech", path),
                image=image,
                image_alt=check.text(step, "image_alt", path),
                tip=check.text(step, "tip", path),
                warning=check.text(step, "warning", path),
                practice=read_practice(check, step, path, personas) if "practice" in step else None,
            )
        )
    return steps


def _check_image(check: FieldChecker, step: LinedDict, path: str, files: PackFiles) -> str | None:
    image, line, field = step["image"], step.line_of("image"), f"{path}.image"
    # The same few drawings come back in many steps: a path found good once is good again.
    good = files.good_images
    if isinstance(image, str) and image in good:
        return good[image]
    if not isinstance(image, str) or not is_inside_pack(image):
        check.add(
            line,
            field,
            f"l'image « {shown(image)} » est hors du paquet. Mettez-la dans le dossier images/ "
            "et écrivez par exemple « images/bouton.svg ».",
        )
        return None
    normalized = str(PurePosixPath(image))
    if not normalized.lower().endswith(IMAGE_SUFFIXES):
        check.add(
            line, field, f"l'image « {shown(image)} » doit être un fichier .svg, .png ou .jpg."
        )
        return None
    if normalized not in files.names:
        hint = suggest(normalized, [n for n in files.names if n.startswith("images/")])
        check.add(line, field, f"l'image « {shown(image)} » est introuvable dans le paquet.{hint}")
        return None
    if normalized not in files.files:  # refused while reading: already said why
        return None
    good[image] = normalized
    return normalized
