"""A content pack written on disk for the benchmarks: many tutorials, or one very long step.

The texts are plausible French procedure sentences drawn from a fixed seed, so every run
imports and searches the same pack, and search terms find a realistic number of tutorials.
"""

from __future__ import annotations

import random
from pathlib import Path

from kiosk.core.content import CATEGORIES

PACK_ID = "banc-essai"
IMAGE_COUNT = 12
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400">'
    '<rect width="640" height="400" fill="#ffffff"/>'
    '<rect x="40" y="40" width="560" height="80" rx="12" fill="#0b3d91"/>'
    '<text x="60" y="95" font-size="32" font-family="DejaVu Sans, sans-serif" '
    'fill="#ffffff">Écran {number}</text></svg>'
)

VERBS = [
    ("Déclarer", "Declare"),
    ("Demander", "Request"),
    ("Télécharger", "Download"),
    ("Payer", "Pay"),
    ("Modifier", "Change"),
    ("Consulter", "Check"),
    ("Créer", "Create"),
    ("Renouveler", "Renew"),
    ("Signaler", "Report"),
    ("Suivre", "Follow"),
]
OBJECTS = [
    ("ses impôts", "your taxes"),
    ("une attestation de droits", "a certificate of rights"),
    ("la carte Vitale", "the Vitale card"),
    ("un rendez-vous médical", "a medical appointment"),
    ("son compte personnel", "your personal account"),
    ("une aide au logement", "a housing benefit"),
    ("le permis de conduire", "the driving licence"),
    ("une carte d'identité", "an identity card"),
    ("un changement d'adresse", "a change of address"),
    ("sa retraite", "your pension"),
    ("les allocations familiales", "family benefits"),
    ("un arrêt de travail", "a sick note"),
    ("une inscription à France Travail", "a France Travail registration"),
    ("le prélèvement à la source", "the tax withholding"),
]
PLACES = [
    ("en ligne", "online"),
    ("sur le site officiel", "on the official website"),
    ("depuis un téléphone", "from a phone"),
    ("à la borne", "at the kiosk"),
]
SENTENCES = [
    ("Ouvrez le site officiel dans le navigateur.", "Open the official website in the browser."),
    ("Cliquez sur le bouton **Se connecter**.", "Click the **Log in** button."),
    ("Écrivez votre adresse e-mail dans la case.", "Type your e-mail address in the box."),
    ("Vérifiez que le nom du site est le bon.", "Check that the site name is right."),
    ("Choisissez **Mes démarches** dans le menu.", "Choose **My procedures** in the menu."),
    ("Le mot de passe reste secret.", "The password stays secret."),
    ("Prenez votre temps, rien n'est envoyé.", "Take your time, nothing is sent."),
    ("Le document arrive au format PDF.", "The document comes as a PDF."),
    ("Vous pouvez l'imprimer ou l'enregistrer.", "You can print or save it."),
    ("Un code arrive par SMS sur votre téléphone.", "A code comes by text message."),
    ("Recopiez le code à six chiffres.", "Copy the six-digit code."),
    ("Appuyez sur **Valider** pour continuer.", "Press **Confirm** to go on."),
    ("Gardez votre numéro fiscal à portée de main.", "Keep your tax number at hand."),
    ("La page suivante résume votre demande.", "The next page sums up your request."),
    ("Relisez chaque ligne avant de confirmer.", "Read each line before confirming."),
    ("Un courrier de confirmation arrive ensuite.", "A confirmation letter comes next."),
]


def _text(pair: tuple[str, str]) -> str:
    fr, en = (value.replace('"', '\\"') for value in pair)
    return f'{{fr: "{fr}", en: "{en}"}}'


def _step(rng: random.Random, number: int, sentence_count: int) -> str:
    chosen = [rng.choice(SENTENCES) for _ in range(sentence_count)]
    fr = " ".join(s[0] for s in chosen)
    en = " ".join(s[1] for s in chosen)
    image = rng.randrange(IMAGE_COUNT)
    return (
        f"  - id: etape-{number}\n"
        f"    title: {_text(rng.choice(SENTENCES))}\n"
        f"    text: {_text((fr, en))}\n"
        f"    image: images/ecran-{image}.svg\n"
        f'    image_alt: {{fr: "L\'écran numéro {image}", en: "Screen number {image}"}}\n'
        + (f"    tip: {_text(rng.choice(SENTENCES))}\n" if number % 3 == 0 else "")
    )


def tutorial_yaml(
    tutorial_id: str, rng: random.Random, steps: int, first_step_sentences: int = 3
) -> str:
    """One tutorial; its first step may be made as long as a reading test needs."""
    verb, thing, place = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(PLACES)
    title = (f"{verb[0]} {thing[0]} {place[0]}", f"{verb[1]} {thing[1]} {place[1]}")
    body = "".join(
        _step(rng, n, first_step_sentences if n == 1 else 3) for n in range(1, steps + 1)
    )
    return (
        f"id: {tutorial_id}\n"
        f"title: {_text(title)}\n"
        f"summary: {_text(rng.choice(SENTENCES))}\n"
        f"category: {rng.choice(CATEGORIES)}\n"
        f"level: {rng.randint(1, 3)}\n"
        f"minutes: {rng.randint(5, 30)}\n"
        "prepare:\n"
        f"  - {_text(('Votre carte Vitale', 'Your Vitale card'))}\n"
        'official_url: "https://www.service-public.fr"\n'
        'source: "https://www.service-public.fr"\n'
        "checked: 2026-11-20\n"
        f"keywords: {{fr: [{thing[0].split()[-1]}, démarche], en: [{thing[1].split()[-1]}]}}\n"
        f"next_steps: {_text(('Faites-le pour de vrai.', 'Do it for real.'))}\n"
        f"steps:\n{body}"
    )


def write_pack(
    folder: Path,
    tutorials: int,
    steps: int = 10,
    first_step_sentences: int = 3,
    pack_id: str = PACK_ID,
    seed: int = 2026,
) -> list[str]:
    """Write a pack of ``tutorials`` tutorials of ``steps`` steps into ``folder``; their ids.

    Packs of one seed hold the same texts; a library of several packs gives each its own seed.
    """
    rng = random.Random(seed)
    (folder / "tutorials").mkdir(parents=True)
    (folder / "images").mkdir()
    for number in range(IMAGE_COUNT):
        image = folder / "images" / f"ecran-{number}.svg"
        image.write_text(SVG.format(number=number), encoding="utf-8")
    (folder / "pack.yaml").write_text(
        "format: 1\n"
        f"id: {pack_id}\n"
        "version: 1\n"
        f"title: {_text(('Paquet du banc d essai', 'Benchmark pack'))}\n"
        "languages: [fr, en]\n"
        "license: CC-BY-SA-4.0\n"
        'authors: ["Banc d\'essai"]\n',
        encoding="utf-8",
    )
    ids = [f"{pack_id}-{number:03d}" for number in range(tutorials)]
    for tutorial_id in ids:
        text = tutorial_yaml(tutorial_id, rng, steps, first_step_sentences)
        (folder / "tutorials" / f"{tutorial_id}.yaml").write_text(text, encoding="utf-8")
    return ids


# The pack limits (kiosk/core/pack_limits.py: 100,000 YAML values, 8 MiB of YAML per pack) hold
# about 330 of these tutorials: a big library is many packs, as a regional network's would be.
LIBRARY_PACK_SIZE = 250


def write_library(
    folder: Path, tutorials: int, steps: int = 10, compact: bool = True
) -> list[Path]:
    """Write ``tutorials`` tutorials as packs of at most LIBRARY_PACK_SIZE; their folders.

    With ``compact``, each pack gets the compact form ``kiosk pack sign`` writes (the way
    packs reach kiosks: signed); without, the kiosk reads its YAML."""
    folders = []
    for number, start in enumerate(range(0, tutorials, LIBRARY_PACK_SIZE)):
        pack = folder / f"paquet-{number:02d}"
        size = min(LIBRARY_PACK_SIZE, tutorials - start)
        write_pack(pack, size, steps, pack_id=f"{PACK_ID}-{number:02d}", seed=2026 + number)
        if compact:
            write_compact(pack)
        folders.append(pack)
    return folders


def write_compact(folder: Path) -> None:
    """Write the pack's compact form as ``kiosk pack sign`` does (kiosk.core.pack_compact):
    the YAML checked in full, then its values as JSON."""
    from kiosk.core.pack_compact import compact_of, store_compact
    from kiosk.core.pack_files import PackFiles
    from kiosk.core.pack_reader import build_pack

    files = PackFiles.open(folder)
    build_pack(files, use_compact=False)
    data = compact_of(files)
    if data is None:
        raise ValueError(f"{folder}: no compact form")
    store_compact(folder, data)
