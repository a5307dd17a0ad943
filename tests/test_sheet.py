"""The sheet to take home: what it says (core), and its PDF for every built-in tutorial.

The PDFs are read back with the tools a person's computer would use: poppler's pdftotext,
pdfinfo and pdffonts, and zbarimg for the QR code, from pages rasterised by pdftoppm.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.builtin_content import BUILTIN_PACK
from kiosk.core.i18n import LOCALE_DIR
from kiosk.core.languages import LANGUAGES
from kiosk.core.pack_reader import read_pack
from kiosk.core.take_home_sheet import TakeHomeSheet, build_sheet, readable_address

PACK = read_pack(BUILTIN_PACK)
TUTORIALS = {tutorial.id: tutorial for tutorial in PACK.tutorials}
SHEET_LANGUAGES = ("fr", "en", "ar")
PLACE = "Médiathèque Louise-Michel"
TOOLS = ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm", "zbarimg")
MISSING_TOOLS = [tool for tool in TOOLS if shutil.which(tool) is None]
needs_tools = pytest.mark.skipif(
    bool(MISSING_TOOLS),
    reason=f"{', '.join(MISSING_TOOLS)} missing: run packaging/install-system-deps.sh "
    "(poppler-utils, zbar-tools)",
)
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def catalog(language: str):
    import gettext

    return gettext.translation("kiosk", localedir=str(LOCALE_DIR), languages=[language])


def words(text: str) -> set[str]:
    """The words of a text, for Arabic: pdftotext may put a sentence's punctuation, or a
    French name inside it, elsewhere than the reading order (bidi reordering)."""
    return set(re.findall(r"\w+", plain(text)))


def plain(text: str) -> str:
    """Text as extracted, compared as read: Arabic presentation forms folded (NFKC),
    direction marks dropped, every run of spaces and line ends made one space, and hyphens
    dropped: pdftotext joins "pré-" and "demande" at the end of a line into "prédemande"."""
    text = unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)
    return re.sub(r"\s+", " ", text.replace("-", "")).strip()


# -- what the sheet says ---------------------------------------------------------------------
def test_a_french_sheet_is_in_french_only_with_everything_a_person_needs():
    tutorial = TUTORIALS["ameli-attestation"]
    sheet = build_sheet(tutorial, "fr", PLACE)
    assert sheet.languages == ("fr",)
    assert sheet.fallback_note is None
    kinds = [section.kind for section in sheet.sections]
    assert kinds == ["checklist", "numbered", "paragraphs"]
    prepare, steps, next_steps = sheet.sections
    assert [item.text("fr") for item in prepare.items] == [p["fr"] for p in tutorial.prepare]
    assert [item.text("fr") for item in steps.items] == [s.title["fr"] for s in tutorial.steps]
    assert "3646" in " ".join(item.text("fr") for item in next_steps.items)  # the help number
    assert sheet.address == "www.ameli.fr" and sheet.qr_text == "https://www.ameli.fr"
    assert tutorial.checked.startswith("2026-11-")  # the date the pack gives, in words:
    day = int(tutorial.checked[-2:])
    assert sheet.checked.texts == (("fr", f"Informations vérifiées le {day} novembre 2026."),)
    assert "France services" in sheet.help.text("fr")
    assert sheet.place.text("fr") == f"Fiche imprimée à : {PLACE}"


def test_an_english_sheet_puts_each_line_beside_its_french():
    tutorial = TUTORIALS["ameli-attestation"]
    sheet = build_sheet(tutorial, "en")
    assert sheet.languages == ("en", "fr")
    assert sheet.title.texts == (("en", tutorial.title["en"]), ("fr", tutorial.title["fr"]))
    heading = sheet.sections[0].heading
    assert heading.texts == (("en", catalog("en").gettext("À préparer")), ("fr", "À préparer"))
    assert all(len(item.texts) == 2 for section in sheet.sections for item in section.items)
    assert sheet.place is None  # no place set: nothing printed


def test_an_arabic_sheet_says_the_tutorial_is_in_french_and_prints_its_texts_once():
    tutorial = TUTORIALS["franceconnect"]
    assert "ar" not in tutorial.languages()
    sheet = build_sheet(tutorial, "ar", PLACE)
    assert sheet.languages == ("ar", "fr") and sheet.right_to_left
    arabic = catalog("ar")
    assert sheet.fallback_note.texts == (
        (
            "ar",
            arabic.gettext(
                "Ce tutoriel n'existe pas encore dans votre langue. Il est en français."
            ),
        ),
    )
    assert sheet.title.texts == (("fr", tutorial.title["fr"]),)
    for section in sheet.sections:
        assert section.heading.languages == ("ar", "fr")
        assert all(item.languages == ("fr",) for item in section.items)
    assert sheet.help.languages == ("ar", "fr")


def test_an_unknown_language_is_refused():
    with pytest.raises(KeyError):
        build_sheet(TUTORIALS["franceconnect"], "de")


def test_nothing_personal_is_on_any_sheet():
    """Only the tutorial, the language and the place: never a practice identity."""
    personal = set()
    for persona in PACK.personas.values():
        personal |= {persona.first_name, persona.last_name}
    assert personal
    for tutorial in TUTORIALS.values():
        for language in LANGUAGES:
            text = build_sheet(tutorial, language).all_text()
            assert not [name for name in personal if name in text], tutorial.id


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_the_place_is_printed_as_written_or_not_at_all(place):
    sheet = build_sheet(TUTORIALS["franceconnect"], "en", place)
    if place.strip():
        assert sheet.place.text("fr") == f"Fiche imprimée à : {place.strip()}"
    else:
        assert sheet.place is None


def test_a_sheet_goes_to_the_printing_process_and_comes_back_the_same():
    import json

    for tutorial in TUTORIALS.values():
        for language in LANGUAGES:
            sheet = build_sheet(tutorial, language, PLACE)
            again = TakeHomeSheet.from_dict(json.loads(json.dumps(sheet.to_dict())))
            assert again == sheet


def test_readable_address_is_what_people_type():
    assert readable_address("https://www.ameli.fr/") == "www.ameli.fr"
    assert readable_address("http://ants.gouv.fr/x") == "ants.gouv.fr/x"


# -- the PDFs --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sheets(qapp, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every built-in tutorial's sheet in French, English and Arabic, as PDF files."""
    from kiosk.ui.printing.sheet_drawing import sheet_pdf

    folder = tmp_path_factory.mktemp("sheets")
    paths = {}
    for tutorial_id, tutorial in TUTORIALS.items():
        for language in SHEET_LANGUAGES:
            path = folder / f"{tutorial_id}-{language}.pdf"
            path.write_bytes(sheet_pdf(build_sheet(tutorial, language, PLACE)))
            paths[tutorial_id, language] = path
    return paths


def run(*command: str | Path) -> str:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=True
    ).stdout


@needs_tools
def test_every_sheet_shows_its_title_what_to_prepare_and_the_address(sheets):
    for (tutorial_id, language), path in sheets.items():
        tutorial = TUTORIALS[tutorial_id]
        text = plain(run("pdftotext", path, "-"))
        content = language if language in tutorial.languages() else "fr"
        wanted = [tutorial.title["fr"], tutorial.title[content]]
        wanted += [item[content] for item in tutorial.prepare]
        wanted += [step.title[content] for step in tutorial.steps]
        wanted += [f"Fiche imprimée à : {PLACE}"]
        missing = [w for w in wanted if plain(w) not in text]
        assert not missing, (tutorial_id, language, missing)
        # The address may wrap anywhere: compared without spaces.
        assert plain(readable_address(tutorial.official_url)) in text.replace(" ", "")
        if language != "fr":
            heading = catalog(language).gettext("L'adresse du vrai site :")
            assert words(heading) <= words(text), (tutorial_id, language)


@needs_tools
def test_every_sheet_fits_on_two_pages_at_most(sheets):
    pages = {}
    for key, path in sheets.items():
        pages[key] = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", path), re.M).group(1))
    assert max(pages.values()) <= 2, {k: v for k, v in pages.items() if v > 2}
    assert pages["ameli-attestation", "fr"] == 1  # a short tutorial in French: one page


@needs_tools
def test_every_font_is_embedded_and_arabic_has_arabic_letters(sheets):
    for (tutorial_id, language), path in sheets.items():
        rows = run("pdffonts", path).splitlines()[2:]
        assert rows, path
        for row in rows:
            emb = row.split()[-5]  # name type encoding emb sub uni object ID
            assert emb == "yes", (tutorial_id, language, row)
    # pdftotext finds the Arabic words themselves, not boxes standing in for missing letters.
    arabic = words(catalog("ar").gettext("Une personne peut vous aider dans une France services."))
    assert arabic <= words(run("pdftotext", sheets["ameli-attestation", "ar"], "-"))


@needs_tools
def test_no_text_is_smaller_than_14_points(sheets):
    """Word boxes from pdftotext: a 14 pt line of text is at least 14 pt tall."""
    for key in (("france-travail-inscription", "en"), ("ameli-attestation", "ar")):
        html = run("pdftotext", "-bbox", sheets[key], "-")
        heights = [
            float(y_max) - float(y_min)
            for y_min, y_max in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
        ]
        assert heights and min(heights) >= 14, (key, min(heights))


def qr_codes(pgm: bytes) -> list[str]:
    """The QR codes zbar finds on a page rasterised as PGM (zbar in-process: zbarimg
    starts ImageMagick for every page, and took 6 s for these 100 pages)."""
    from pyzbar import pyzbar

    _magic, size, _depth, pixels = pgm.split(b"\n", 3)
    width, height = map(int, size.split())
    found = pyzbar.decode((pixels, width, height), symbols=[pyzbar.ZBarSymbol.QRCODE])
    return [symbol.data.decode() for symbol in found]


@needs_tools
def test_every_qr_code_is_on_the_first_page_and_leads_to_the_official_address(sheets, tmp_path):
    pytest.importorskip("pyzbar.pyzbar", reason="pyzbar (and libzbar0) missing: make setup")
    for (tutorial_id, language), path in sheets.items():
        prefix = tmp_path / f"{tutorial_id}-{language}"
        # The first page only, at 72 dpi: a module of the code is 2.7 px.
        run("pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1", "-singlefile", path, prefix)
        codes = qr_codes(prefix.with_suffix(".pgm").read_bytes())
        assert codes == [TUTORIALS[tutorial_id].official_url], (tutorial_id, language)


# -- the command line ------------------------------------------------------------------------
@needs_tools
def test_kiosk_sheet_writes_the_pdf_from_the_command_line(tmp_path):
    output = tmp_path / "fiche.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "sheet", "ameli-attestation", "--lang", "ar", "-o",
         output, "--db", tmp_path / "kiosk.db"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"Fiche écrite : {output}"
    text = plain(run("pdftotext", output, "-"))
    assert plain(TUTORIALS["ameli-attestation"].title["fr"]) in text
    assert words(catalog("ar").gettext("L'adresse du vrai site :")) <= words(text)


def test_kiosk_sheet_names_an_unknown_tutorial_in_one_sentence(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "sheet", "impots-2099", "-o", tmp_path / "f.pdf",
         "--db", tmp_path / "kiosk.db"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Le tutoriel « impots-2099 » n'existe pas. Tutoriels installés")
    assert "Traceback" not in result.stderr and not (tmp_path / "f.pdf").exists()


def test_kiosk_sheet_says_when_the_file_cannot_be_written(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "sheet", "franceconnect", "-o",
         tmp_path / "missing-folder" / "f.pdf", "--db", tmp_path / "kiosk.db"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Impossible d'écrire")
    assert "Traceback" not in result.stderr
