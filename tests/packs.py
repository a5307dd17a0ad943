"""Writing small packs on disk for tests, good or broken on purpose."""

from __future__ import annotations

import shutil
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
