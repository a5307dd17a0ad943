"""Hostile content packs: each is refused by `kiosk pack validate/import` with exit code 1 and a
sentence naming the file and the problem, quickly and in little memory, and the installed
content does not change. The cases named in issue #11 come first, then the rules they break,
then hypothesis, which draws hostile packs from each family of these rules.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import resource
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli import main, run_pack_command
from kiosk.core.image_headers import raster_problem
from kiosk.core.pack_reader import PackError, read_pack
from kiosk.core.safe_svg import ElementBudget, svg_problem
from kiosk.core.safe_text import shown, unsafe_character, web_address_problem
from kiosk.store.content_store import ContentStore, OlderPackError
from kiosk.store.database import open_database
from tests.fresh_interpreter import modules_loaded
from tests.packs import (
    SVG,
    ZipEntry,
    pack_entries,
    png_bytes,
    step_yaml,
    stored,
    tutorial_yaml,
    write_pack,
    write_practice_pack,
    write_zip,
    zeros_deflated,
)

MIB = 1024 * 1024
TUTORIAL = "tutorials/essai.yaml"


def refused(
    capsys, path: Path, *expected: str, command: str = "validate", db=None, parse: bool = True
) -> str:
    """Run the command in this process; check exit code 1, a clean message, what it says.

    Without ``parse``, the command line is not parsed again (8 ms that hypothesis saves).
    """
    if parse:
        code = main(["pack", command, str(path), *(["--db", str(db)] if db else [])])
    else:
        options = {"path": path, "pack_command": command, "pack_db": db, "force": False}
        code = run_pack_command(argparse.Namespace(db=None, **options))
    message = capsys.readouterr().err
    assert code == 1, message
    assert "Traceback" not in message and "erreur inattendue" not in message, message
    assert unsafe_character(message) is None, "a hidden character is printed as it is"
    assert max(len(line) for line in message.splitlines()) < 400, message
    for words in expected:
        assert words in message, message
    return message


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def installed(db_path: Path) -> list[tuple]:
    db = open_database(db_path)
    try:
        rows = db.execute("SELECT id, version, installed_at FROM packs ORDER BY id").fetchall()
        counts = [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
        return [*rows, tuple(counts)]
    finally:
        db.close()


TABLES = ("tutorials", "images", "personas", "tutorials_fts")


# -- issue #11: tracebacks ---------------------------------------------------------------------


def test_a_symlink_loop_in_a_folder_pack(tmp_path, capsys):
    folder = write_pack(tmp_path / "p")
    os.symlink("boucle-b", folder / "images" / "boucle-a")
    os.symlink("boucle-a", folder / "images" / "boucle-b")
    refused(capsys, folder, "images/boucle-a : c'est un lien", "images/boucle-b : c'est un lien")


def test_links_devices_and_pipes_are_refused_without_being_opened(tmp_path, capsys):
    folder = write_pack(tmp_path / "p")
    (folder / "images" / "a.svg").unlink()
    os.symlink("/etc/hostname", folder / "images" / "a.svg")
    os.mkfifo(folder / "tutorials" / "tube.yaml")  # opening it would wait forever
    refused(
        capsys,
        folder,
        "images/a.svg : c'est un lien",
        "tutorials/tube.yaml : ce n'est pas un fichier ordinaire",
    )


def test_a_yaml_key_that_is_a_list(tmp_path, capsys):
    folder = write_pack(tmp_path / "p")
    edit(folder / TUTORIAL, "level: 1", "level: 1\n[a, b]: 2")
    refused(capsys, folder, f"{TUTORIAL}, ligne 6 : le nom de champ", "doit être un mot")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("persona: camille-martin", "persona: [camille-martin]", "practice.persona"),
        ("persona: camille-martin", "persona: {a: b}", "practice.persona"),
        ("documents: [carte-vitale]", "documents: [[carte-vitale]]", "practice.documents[0]"),
        ("documents: [carte-vitale]", "documents: {a: b}", "practice.documents"),
        ("check: nir", "check: [nir]", "practice.fields[0].check"),
        ("expect: nir", "expect: [nir]", "practice.fields[0].expect"),
        ("document: carte-vitale", "document: [a]", "practice.fields[0].document"),
        ("masked: false", "masked: [false]", "practice.fields[0].masked"),
        ("masked: false", 'masked: "false"', "practice.fields[0].masked"),
        ("kind: form", "kind: [form]", "practice.kind"),
        ('site: "ameli.fr"', "site: [ameli.fr]", "practice.site"),
    ],
)
def test_a_list_or_fields_where_a_word_is_expected(tmp_path, capsys, old, new, field):
    folder = write_practice_pack(tmp_path / "p")
    assert read_pack(folder).tutorials  # the pack is good before the change
    edit(folder / TUTORIAL, old, new)
    refused(capsys, folder, f"(steps[2].{field})")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("checked: 2026-11-20", "checked: 2026-02-30", "la date « 2026-02-30 » n'existe pas"),
        # PyYAML's timestamp constructor raised AttributeError here: a traceback, not a sentence.
        ("checked: 2026-11-20", "checked: !!timestamp 2026-11-20 midi", "n'existe pas"),
        ("level: 1", "level: !!int abc", "« abc » n'est pas un nombre entier"),
        ("minutes: 5", "minutes: " + "9" * 5000, "le nombre a plus de 15 chiffres"),
        ("minutes: 5", "minutes: !!float abc", "« abc » n'est pas un nombre"),
        ("level: 1", "level: !!binary aGVsbG8=", "l'étiquette YAML « !!binary »"),
        ("level: 1", "level: !!python/object:os.system ls", "n'est pas acceptée"),
        ("level: 1", "level: " + "[" * 40 + "]" * 40, "niveaux d'indentation"),
    ],
)
def test_values_the_yaml_reader_cannot_convert(tmp_path, capsys, old, new, expected):
    folder = write_pack(tmp_path / "p")
    edit(folder / TUTORIAL, old, new)
    message = refused(capsys, folder, f"{TUTORIAL}, ligne ", expected)
    assert "9" * 100 not in message


def test_an_encrypted_zip(tmp_path, capsys):
    entries = pack_entries(write_pack(tmp_path / "p"))
    entries = [dataclasses.replace(e, flags=1) if e.name == TUTORIAL else e for e in entries]
    archive = write_zip(tmp_path / "p.zip", entries)
    refused(capsys, archive, f"{TUTORIAL} : ce fichier est protégé par un mot de passe")


@pytest.mark.parametrize("method", [9, 12, 14, 99])  # Deflate64, bzip2, LZMA, unknown
def test_a_zip_using_a_method_the_kiosk_does_not_read(tmp_path, capsys, method):
    entries = pack_entries(write_pack(tmp_path / "p"))
    entries = [dataclasses.replace(e, method=method) if e.name == TUTORIAL else e for e in entries]
    archive = write_zip(tmp_path / "p.zip", entries)
    refused(capsys, archive, f"{TUTORIAL} : méthode de compression n° {method} non lue")


# -- issue #11: over limits, in a real process limited to 512 MiB and 10 s ------------------


def limited_cli(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * MIB, 512 * MIB))

    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=limit_memory,
    )
    return result, time.monotonic() - start


def assert_refused_in_time(path: Path, *expected: str) -> None:
    result, seconds = limited_cli("pack", "validate", str(path))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < 10, seconds
    for words in expected:
        assert words in result.stderr, result.stderr


@pytest.fixture(scope="module")
def bomb_entry() -> ZipEntry:
    return zeros_deflated("images/bombe.png", 200 * MIB)


def test_a_zip_bomb_of_ten_times_200_mb(tmp_path, bomb_entry):
    entries = pack_entries(write_pack(tmp_path / "p"))
    entries += [dataclasses.replace(bomb_entry, name=f"images/bombe-{i}.png") for i in range(10)]
    archive = write_zip(tmp_path / "p.zip", entries)
    assert archive.stat().st_size < 3 * MIB
    assert_refused_in_time(archive, "images/bombe-0.png : ce fichier grossit plus de 100 fois")


def test_a_zip_entry_bigger_than_an_image_may_be(tmp_path, capsys):
    entries = pack_entries(write_pack(tmp_path / "p"))
    entries.append(stored("images/lourde.png", os.urandom(5 * MIB)))  # does not compress
    archive = write_zip(tmp_path / "p.zip", entries)
    refused(capsys, archive, "images/lourde.png : ce fichier pèse 5,0 Mo, plus que les 4,0 Mo")


@pytest.mark.parametrize("name", ["images/gonfle.png", "donnees/gonfle.bin"])
def test_an_entry_that_grows_more_than_a_hundred_times(tmp_path, bomb_entry, name):
    """Refused even under a name the kiosk would not read: a zip bomb is hostile as such."""
    entries = pack_entries(write_pack(tmp_path / "p"))
    entries.append(zeros_deflated(name, 3 * MIB))
    entries += [dataclasses.replace(bomb_entry, name=f"donnees/bombe-{i}.bin") for i in range(10)]
    archive = write_zip(tmp_path / "p.zip", entries)
    assert_refused_in_time(archive, f"{name} : ce fichier grossit plus de 100 fois")


def test_two_thousand_overlapping_zip_entries(tmp_path, bomb_entry):
    entries = [dataclasses.replace(bomb_entry, size=3 * MIB)]  # under the size of one image
    archive = write_zip(tmp_path / "p.zip", entries, aliases=1999)
    assert_refused_in_time(archive, "des fichiers de l'archive se chevauchent")


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 "ha"']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + f"\nversion: *a{levels}\n"


def test_billion_laughs_in_version(tmp_path):
    folder = write_pack(tmp_path / "p")
    edit(folder / "pack.yaml", "version: 1\n", billion_laughs())
    assert_refused_in_time(folder, "pack.yaml, ligne ", "le fichier est trop grand une fois lu")
    result, _ = limited_cli("pack", "validate", str(folder))
    assert len(result.stderr) < 1000  # the value is never printed


def test_a_2_gb_sparse_image_is_not_read(tmp_path):
    folder = write_pack(tmp_path / "p")
    with open(folder / "images" / "a.svg", "r+b") as image:
        image.truncate(2 * 1024 * MIB)
    assert_refused_in_time(folder, "images/a.svg : ce fichier pèse 2048,0 Mo")


def test_100_mb_of_text(tmp_path):
    folder = write_pack(tmp_path / "p")
    with open(folder / TUTORIAL, "ab") as text:
        line = b"# " + b"bla " * 255 + b"\n"
        for _ in range(100 * MIB // len(line)):
            text.write(line)
    assert_refused_in_time(folder, f"{TUTORIAL} : ce fichier pèse 100,0 Mo", "1,0 Mo")


def test_the_heaviest_pack_within_the_limits_is_read_in_time(tmp_path):
    """95,000 YAML values and 50,000 SVG elements: what a pack may hold, read in < 10 s."""
    rectangle = '<rect x="1" y="1" width="2" height="2" fill="#123456"/>'
    drawing = svg(rectangle * 2_490)
    tutorials = {}
    for number in range(5):
        steps = "".join(step_yaml(f"e{i}", image=f"images/d-{number}-{i}.svg") for i in range(4))
        words = ", ".join(f"m{i}" for i in range(19_000))
        tutorials[f"t{number}"] = (
            tutorial_yaml(f"t{number}", steps=steps) + f"keywords: {{fr: [{words}]}}\n"
        )
    folder = write_pack(tmp_path / "p", tutorials=tutorials)
    for number in range(5):
        for i in range(4):
            (folder / "images" / f"d-{number}-{i}.svg").write_bytes(drawing)
    result, seconds = limited_cli("pack", "validate", str(folder))
    assert result.returncode == 0, result.stderr
    assert seconds < 10, seconds


def test_more_than_64_mb_in_all(tmp_path, capsys):
    folder = write_pack(tmp_path / "p")
    for index in range(20):  # 20 × 3.9 MB, each under the limit of one image
        with open(folder / "images" / f"grande-{index:02}.png", "wb") as image:
            image.truncate(39 * MIB // 10)
    refused(capsys, folder, "le paquet dépasse 64,0 Mo de fichiers à lire")


# -- issue #11: accepted although hostile --------------------------------------------------------


def test_a_lower_version_is_refused_unless_the_admin_forces_it(tmp_path, capsys, db_path):
    assert (
        main(["pack", "import", str(write_pack(tmp_path / "v2", version=2)), "--db", str(db_path)])
        == 0
    )
    before = installed(db_path)
    older = write_pack(tmp_path / "v1", version=1)
    refused(
        capsys,
        older,
        "« essai-pack » est déjà installé en version 2",
        "la version 1, plus ancienne",
        "ajoutez --force",
        "Rien n'a été installé",
        command="import",
        db=db_path,
    )
    assert installed(db_path) == before
    assert main(["pack", "import", str(older), "--db", str(db_path), "--force"]) == 0
    assert ContentStore(open_database(db_path)).installed_version("essai-pack") == 1


def test_the_store_refuses_a_lower_version_itself(tmp_path, db):
    store = ContentStore(db)
    store.install(read_pack(write_pack(tmp_path / "p", version=3)))
    store.install(read_pack(write_pack(tmp_path / "p", version=3)))  # the same again: fine
    older = read_pack(write_pack(tmp_path / "p", version=2))
    with pytest.raises(OlderPackError) as caught:
        store.install(older)
    assert (caught.value.installed, caught.value.offered) == (3, 2)
    assert store.installed_version("essai-pack") == 3
    store.install(older, allow_older=True)
    assert store.installed_version("essai-pack") == 2


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title: {fr: "Tutoriel essai"', r'title: {fr: "Tutoriel \u202eiassе"', "ligne 2 : "),
        (
            'official_url: "https://www.service-public.fr"',
            r'official_url: "https://www.service-public.fr\u202erf.vuog"',
            "ligne 9 : ",
        ),
    ],
)
def test_a_right_to_left_override(tmp_path, capsys, old, new, expected):
    folder = write_pack(tmp_path / "p")
    edit(folder / TUTORIAL, old, new)
    refused(capsys, folder, f"{TUTORIAL}, {expected}", "change le sens de lecture (U+202E)")


@pytest.mark.parametrize(("escape", "code"), [(r"\0", "U+0000"), (r"\e[31m", "U+001B")])
def test_nul_and_escape_characters(tmp_path, capsys, escape, code):
    folder = write_pack(tmp_path / "p")
    edit(folder / TUTORIAL, "Pour apprendre.", f"Pour {escape}apprendre.")
    refused(capsys, folder, f"{TUTORIAL}, ligne 3 : ", f"caractère de contrôle invisible ({code})")


def test_an_svg_that_would_make_qt_open_a_file_outside_the_pack(tmp_path, capsys):
    folder = write_pack(tmp_path / "p")
    (folder / "images" / "a.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        b'width="10" height="10"><image xlink:href="/etc/hostname" width="10" height="10"/>'
        b"</svg>"
    )
    refused(capsys, folder, "images/a.svg : le dessin SVG contient une balise <image>")


def test_a_png_that_is_not_one(tmp_path, capsys):
    steps = step_yaml("un", image="images/b.png")
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(steps=steps)})
    (folder / "images" / "b.png").write_bytes(SVG)  # Qt would draw it as an SVG
    refused(capsys, folder, "images/b.png : ce n'est pas une image PNG")
    (folder / "images" / "b.png").write_bytes(png_bytes())
    assert read_pack(folder).images["images/b.png"] == png_bytes()


# -- a full disk -------------------------------------------------------------------------------


def test_import_on_a_full_disk_says_so(tmp_path, capsys, db_path, monkeypatch, builtin_pack_dir):
    """SQLite's max_page_count makes the file "full" as a full disk would (SQLITE_FULL)."""
    from kiosk.store import database

    assert main(["pack", "import", str(builtin_pack_dir), "--db", str(db_path)]) == 0
    capsys.readouterr()
    before = installed(db_path)
    real_open = database.open_database

    def open_full(path):
        db = real_open(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(database, "open_database", open_full)
    tutorials = {f"essai-{i}": tutorial_yaml(f"essai-{i}") for i in range(30)}
    folder = write_pack(tmp_path / "p", tutorials=tutorials)
    refused(
        capsys, folder, "Le disque est plein", "Rien n'a été installé", command="import", db=db_path
    )
    monkeypatch.undo()
    assert installed(db_path) == before


# -- the rules, one by one ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.service-public.fr",
        "https://www.impots.gouv.fr/accueil?x=1#haut",
        "https://xn--rpublique-d4a.fr/",
    ],
)
def test_real_https_addresses_are_accepted(url):
    assert web_address_problem(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://www.service-public.fr",
        "javascript:alert(1)",
        "https://",
        "https://localhost/",
        "https://service-public",
        "https://192.168.1.1/",
        "https://ameli.fr@escroc.example/",
        "https://ameli.fr:8080/",
        "https://amélie.fr",
        "https://ameli .fr",
        "https://ameli.fr\u202e/",
        "https://ameli.fr\\@escroc.example",
        "https://-ameli.fr",
        "https://" + "a" * 2000 + ".fr",
    ],
)
def test_other_addresses_are_refused(url):
    assert web_address_problem(url)


def svg(body: str, head: str = "") -> bytes:
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{body}</svg>'
    ).encode()


def test_the_builtin_drawings_are_safe(builtin_pack_dir):
    for path in sorted((builtin_pack_dir / "images").glob("*.svg")):
        assert svg_problem(path.read_bytes()) is None, path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (svg("", '<!DOCTYPE svg [<!ENTITY a "b">]>'), "<!DOCTYPE>"),
        (svg("", '<!DOCTYPE svg SYSTEM "file:///etc/passwd">'), "<!DOCTYPE>"),
        (svg('<use href="file:///etc/hostname#a"/>'), "hors du dessin"),
        (svg('<use xlink:href="https://example.com/a.svg#a"/>'), "hors du dessin"),
        (svg('<rect fill="url(file:///etc/hostname)"/>'), "hors du dessin"),
        (svg("<rect style=\"fill: url('https://x.example/a')\"/>"), "hors du dessin"),
        (svg("<script>alert(1)</script>"), "<script>"),
        (svg('<rect onload="alert(1)"/>'), "script"),
        (svg("<foreignObject><p>x</p></foreignObject>"), "<foreignObject>"),
        (svg("<style>@import url(x.css);</style>"), "<style>"),
        (svg("", '<?xml-stylesheet href="/etc/hostname"?>'), "<? … ?>"),
        (svg("<text>impots.gouv.fr\u202erf.elif</text>"), "U+202E"),
        (b"<html/>", "ce n'est pas un dessin SVG"),
        (b"<svg", "mal écrit"),
    ],
)
def test_unsafe_drawings_are_refused(data, expected):
    problem = svg_problem(data)
    assert problem and expected in problem


def test_drawings_share_a_budget_of_elements():
    budget = ElementBudget(left=9)
    drawing = svg("<rect/>" * 4)  # 5 elements with <svg>
    assert svg_problem(drawing, budget) is None and budget.left == 4
    assert "plus de 50000 éléments en tout" in svg_problem(drawing, budget)
    assert "plus de 5000 éléments" in svg_problem(svg("<g/>" * 5_000))


def jpeg_header(width: int, height: int) -> bytes:
    """SOI, an APP0 segment, and a baseline start of frame (ITU-T T.81 B.2.2)."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0\x00\x11\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return b"\xff\xd8" + app0 + frame + b"\x03" + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"


def test_image_headers():
    assert raster_problem("a.png", png_bytes(40, 30)) is None
    assert raster_problem("a.jpg", jpeg_header(640, 400)) is None
    assert "5000 × 30" in raster_problem("a.png", png_bytes(5000, 30, pixels=False))
    assert "640 × 0" in raster_problem("a.jpeg", jpeg_header(640, 0))
    broken = bytearray(png_bytes())
    broken[20] ^= 1  # the header's CRC no longer matches
    assert "abîmé" in raster_problem("a.png", bytes(broken))
    assert "incomplète" in raster_problem("a.png", png_bytes()[:-12])
    assert "pas une image JPEG" in raster_problem("a.jpg", png_bytes())
    assert "abîmé" in raster_problem("a.jpg", b"\xff\xd8\xff\xd9")


def test_a_zip_with_a_link_a_device_or_a_name_outside(tmp_path, capsys):
    entries = pack_entries(write_pack(tmp_path / "p"))
    entries += [
        ZipEntry("images/lien.svg", b"/etc/hostname", 13, 0, mode=stat.S_IFLNK | 0o777),
        ZipEntry("images/disque.svg", b"", 0, 0, mode=stat.S_IFBLK | 0o600),
        ZipEntry("/etc/cron.d/x.yaml", b"", 0, 0),
        ZipEntry("images/\x1b[2J.svg", b"", 0, 0),
    ]
    archive = write_zip(tmp_path / "p.zip", entries)
    refused(
        capsys,
        archive,
        "images/lien.svg : c'est un lien",
        "images/disque.svg : ce n'est pas un fichier ordinaire",
        "/etc/cron.d/x.yaml : ce fichier pointe hors du paquet",
        "images/<U+001B>[2J.svg : nom de fichier refusé",
    )


def test_a_huge_archive_is_not_opened(tmp_path, capsys):
    archive = write_zip(tmp_path / "p.zip", pack_entries(write_pack(tmp_path / "p")))
    with open(archive, "r+b") as stream:  # a zip may start with anything, e.g. a program
        data = stream.read()
        stream.seek(0)
        stream.truncate(0)
        stream.seek(200 * MIB)
        stream.write(data)
    refused(capsys, archive, "l'archive pèse 200,0 Mo, plus que les 128,0 Mo permis")


def test_hidden_files_and_macos_folders_are_ignored(tmp_path):
    folder = write_pack(tmp_path / "p")
    entries = [dataclasses.replace(e, name="p/" + e.name) for e in pack_entries(folder)]
    entries += [ZipEntry("__MACOSX/p/._pack.yaml", b"\x00", 1, 0), ZipEntry(".DS_Store", b"", 0, 0)]
    archive = write_zip(tmp_path / "p.zip", entries)
    assert read_pack(archive) == read_pack(folder)


def test_pack_validation_is_not_imported_at_kiosk_start(db_path, builtin_pack_dir):
    from kiosk.builtin_content import ensure_builtin_content

    db = open_database(db_path)
    ensure_builtin_content(ContentStore(db))
    db.close()
    script = (
        "from kiosk.builtin_content import ensure_builtin_content\n"
        "from kiosk.store.content_store import ContentStore\n"
        "from kiosk.store.database import open_database\n"
        f"content = ContentStore(open_database({str(db_path)!r}))\n"
        "assert not ensure_builtin_content(content)\n"
        "content.tutorial('franceconnect')\n"
    )
    loaded = modules_loaded(script, ("kiosk", "yaml", "defusedxml"))
    validation = {
        "yaml",
        "defusedxml",
        "kiosk.core.pack_reader",
        "kiosk.core.pack_files",
        "kiosk.core.safe_svg",
        "kiosk.core.safe_text",
        "kiosk.core.image_headers",
        "kiosk.core.yaml_lines",
    }
    assert validation.isdisjoint(loaded)
    assert "kiosk.store.content_store" in loaded


def test_a_refused_import_writes_nothing_beside_the_database(tmp_path, capsys, db_path):
    folder = write_pack(tmp_path / "p")
    edit(folder / TUTORIAL, "level: 1", "level: 9")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    refused(capsys, folder, "(level)", command="import", db=db_path)
    after = sorted(str(p) for p in tmp_path.rglob("*"))
    assert [p for p in after if p not in before and not p.startswith(str(db_path))] == []


def test_every_problem_is_a_pack_error(tmp_path):
    """read_pack itself raises PackError, not only the command: the kiosk reuses it."""
    folder = write_pack(tmp_path / "p")
    edit(folder / "pack.yaml", "version: 1", "version: [1]")
    with pytest.raises(PackError) as caught:
        read_pack(folder)
    assert [p.field for p in caught.value.problems] == ["version"]


# -- hypothesis: hostile packs drawn from each family ---------------------------------------

PERSONA_FILE = "personas/camille-martin.yaml"


@dataclasses.dataclass(frozen=True)
class Hostile:
    """One twist of a good pack; ``file`` is what the message must name."""

    family: str
    file: str
    twist: Callable[[Path], Path]  # changes the pack folder, returns the path to give
    detail: str

    def __repr__(self) -> str:
        return f"Hostile({self.family}: {self.detail!r})"


def replace_line(path: Path, key: str, value: str) -> None:
    pattern = re.compile(rf"^{re.escape(key)}: .*$", re.MULTILINE)
    text = path.read_text(encoding="utf-8")
    assert pattern.search(text), key
    path.write_text(pattern.sub(lambda _: f"{key}: {value}", text, count=1), encoding="utf-8")


# (file, key with its indentation, kind of value)
FIELDS = [
    ("pack.yaml", "format", "int"),
    ("pack.yaml", "id", "word"),
    ("pack.yaml", "version", "int"),
    ("pack.yaml", "title", "text"),
    ("pack.yaml", "languages", "list"),
    ("pack.yaml", "license", "word"),
    ("pack.yaml", "authors", "list"),
    (TUTORIAL, "id", "word"),
    (TUTORIAL, "title", "text"),
    (TUTORIAL, "summary", "text"),
    (TUTORIAL, "category", "word"),
    (TUTORIAL, "level", "int"),
    (TUTORIAL, "minutes", "int"),
    (TUTORIAL, "official_url", "url"),
    (TUTORIAL, "source", "word"),
    (TUTORIAL, "checked", "date"),
    (TUTORIAL, "next_steps", "text"),
    (TUTORIAL, "    title", "text"),
    (TUTORIAL, "    text", "text"),
    (TUTORIAL, "    image", "word"),
    (TUTORIAL, "    image_alt", "text"),
    (TUTORIAL, "      kind", "word"),
    (TUTORIAL, "      site", "word"),
    (TUTORIAL, "      persona", "word"),
    (TUTORIAL, "      documents", "list"),
    (TUTORIAL, "      intro", "text"),
    (TUTORIAL, "          label", "text"),
    (TUTORIAL, "          check", "word"),
    (TUTORIAL, "          masked", "bool"),
    (TUTORIAL, "      submit", "text"),
    (PERSONA_FILE, "nir", "word"),
    (PERSONA_FILE, "sex", "word"),
    (PERSONA_FILE, "birth_date", "date"),
    (PERSONA_FILE, "revenu_fiscal_reference", "int"),
]
ANY_FIELD = [
    "!!binary aGk=",
    "!!set {a}",
    "!!python/name:os.system",
    "!!omap [a: 1]",
    "[" * 20 + "a" + "]" * 20,
    "9" * 5000,
    '"' + "x" * 10_001 + '"',
    "&a [*a]",
]
WRONG = {
    "int": ["[1]", "{a: 1}", '"1"', "1.5", "true", "null", "!!int abc", "9" * 30, "-5", ".nan"],
    "word": ["[a]", "{a: b}", "[[a]]", "12", "true", "2026-02-30", "!!float x", "{[a]: b}"],
    "text": ["[a]", '"texte"', "{fr: [a]}", "{fr: {a: b}}", "{xx: a}", "{fr: ''}", "12"],
    "date": ["2026-02-30", "[2026]", "{a: 1}", "true", "2026-13-01", "0000-01-01"],
    "list": ["{a: b}", '"a"', "12", "[[a]]", "[{a: b}]", "[a, [b]]"],
    "url": [
        "http://www.service-public.fr",
        "https://localhost",
        "https://ameli.fr@escroc.example",
        "[https://ameli.fr]",
        "javascript:alert(1)",
        '"https://ameli.fr\\u202erf.elif"',
        "12",
    ],
    "bool": ["[true]", '"false"', "12", "{a: b}", "null"],
}


@st.composite
def wrong_types(draw) -> Hostile:
    file, key, kind = draw(st.sampled_from(FIELDS))
    value = draw(st.sampled_from(WRONG[kind] + ANY_FIELD))

    def twist(folder: Path) -> Path:
        replace_line(folder / file, key, value)
        return folder

    return Hostile("type", file, twist, f"{file} {key.strip()}: {value[:40]}")


BAD_CHARACTERS = [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
BAD_CHARACTERS += [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]


@st.composite
def hidden_characters(draw) -> Hostile:
    file = draw(st.sampled_from(["pack.yaml", TUTORIAL, PERSONA_FILE]))
    code = draw(st.sampled_from(BAD_CHARACTERS))
    choice = draw(st.integers(0, 10_000))
    in_key = draw(st.booleans())

    def twist(folder: Path) -> Path:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        if in_key:  # a field name that hides a character
            path.write_text(f'"no{chr(92)}u{code:04x}te": 1\n' + text, encoding="utf-8")
            return folder
        strings = list(re.finditer(r'"([^"\\]*)"', text))
        found = strings[choice % len(strings)]
        at = found.start(1) + choice % (len(found.group(1)) + 1)
        path.write_text(text[:at] + f"\\u{code:04x}" + text[at:], encoding="utf-8")
        return folder

    return Hostile("character", file, twist, f"U+{code:04X} in {file}, key: {in_key}")


@st.composite
def yaml_structures(draw) -> Hostile:
    file = draw(st.sampled_from(["pack.yaml", TUTORIAL, PERSONA_FILE]))
    kind = draw(st.sampled_from(["laughs", "depth", "wide", "not-a-mapping", "empty", "syntax"]))
    if kind == "laughs":
        width = draw(st.integers(4, 12))
        levels = draw(st.integers(3, 10).filter(lambda n: width**n > 20_000))
        text = billion_laughs(levels, width).replace("version:", "zz:")
    elif kind == "depth":
        depth = draw(st.integers(17, 2_000))
        text = "a: " + "[" * depth + "]" * depth + "\n"
    elif kind == "wide":
        text = "a: [" + ", ".join(["x"] * draw(st.integers(20_001, 21_000))) + "]\n"
    elif kind == "not-a-mapping":
        text = draw(st.sampled_from(["- a\n", "texte\n", "12\n", "[a, b]\n"]))
    elif kind == "empty":
        text = ""
    else:
        text = draw(st.sampled_from(["a: [\n", "a: {b\n", "a: 'x\n", "\ta: 1\n", "a: *b\n"]))

    def twist(folder: Path) -> Path:
        path = folder / file
        if kind in ("laughs", "depth", "wide"):
            path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
        return folder

    return Hostile("yaml", file, twist, f"{kind} in {file}")


ZIP_TWISTS = ["method", "encrypted", "mode", "name", "duplicate", "size", "ratio", "overlap"]


@st.composite
def zip_twists(draw) -> Hostile:
    kind = draw(st.sampled_from(ZIP_TWISTS))
    target = draw(st.sampled_from(["pack.yaml", TUTORIAL, PERSONA_FILE, "images/a.svg"]))
    method = draw(st.integers(1, 99).filter(lambda m: m != 8))
    mode = draw(st.sampled_from([stat.S_IFLNK, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFIFO]))
    name = draw(
        st.sampled_from(["../x.yaml", "/etc/x.yaml", "a\\..\\x.yaml", "C:/x.yaml", "a/\x1b.yaml"])
    )
    extra = draw(st.integers(1, 3 * MIB))
    aliases = draw(st.integers(1, 60))
    expected = {"name": shown(name), "overlap": "se chevauchent"}.get(kind, target)

    def twist(folder: Path) -> Path:
        entries = pack_entries(folder)
        index = next(i for i, e in enumerate(entries) if e.name == target)
        entry = entries[index]
        if kind == "method":
            entries[index] = dataclasses.replace(entry, method=method)
        elif kind == "encrypted":
            entries[index] = dataclasses.replace(entry, flags=entry.flags | 1)
        elif kind == "mode":
            entries[index] = dataclasses.replace(entry, mode=mode | 0o644)
        elif kind == "name":
            entries.append(dataclasses.replace(entry, name=name))
        elif kind == "duplicate":
            entries.append(entry)
        elif kind == "size":
            entries[index] = dataclasses.replace(entry, size=entry.size + 4 * MIB + extra)
        elif kind == "ratio":
            entries[index] = zeros_deflated(target, 65 * 1024 + extra // 3)
        else:
            entries.insert(0, entries.pop(index))
        return write_zip(folder.with_suffix(".zip"), entries, aliases if kind == "overlap" else 0)

    return Hostile("zip", expected, twist, f"{kind} of {target}")


@st.composite
def folder_twists(draw) -> Hostile:
    kind = draw(st.sampled_from(["link", "loop", "pipe", "deep", "sparse", "name"]))
    target = draw(st.sampled_from([TUTORIAL, PERSONA_FILE, "images/a.svg", "images/b.png"]))
    link_to = draw(st.sampled_from(["/etc/hostname", "../pack.yaml", "a.svg", "/dev/zero", "."]))
    depth = draw(st.integers(9, 14))
    size = draw(st.integers(4 * MIB + 1, 3 * 1024 * MIB))
    expected = {"deep": "plus de 8 dossiers imbriqués", "name": "<U+001B>"}.get(kind, target)

    def twist(folder: Path) -> Path:
        path = folder / target
        path.unlink(missing_ok=True)
        if kind == "link":
            os.symlink(link_to, path)
        elif kind == "loop":
            os.symlink(path.name, path)
        elif kind == "pipe":
            os.mkfifo(path)
        elif kind == "deep":
            path.write_text("x")
            deep = folder.joinpath(*["d"] * depth)
            deep.mkdir(parents=True)
            (deep / "a.yaml").write_text("a: 1\n")
        elif kind == "sparse":
            with open(path, "wb") as stream:
                stream.truncate(size)
        else:
            path.write_text("x")
            (folder / "images" / "\x1b[2J.svg").write_bytes(SVG)
        return folder

    return Hostile("folder", expected, twist, f"{kind} {target} {link_to} {depth} {size}")


HOSTILE_SVG = [
    b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
    svg('<image href="file:///etc/hostname" width="9" height="9"/>'),
    svg('<use xlink:href="/etc/hostname#a"/>'),
    svg('<rect fill="url(/etc/hostname)"/>'),
    svg("<script>1</script>"),
    svg('<g onclick="1"/>'),
    svg("<foreignObject/>"),
    svg("<text>\u202e</text>"),
    svg("", '<?xml-stylesheet href="x.css"?>'),
    b"<svg",
    png_bytes(),
]


@st.composite
def image_twists(draw) -> Hostile:
    as_png = draw(st.booleans())
    if as_png:
        width = draw(st.integers(0, 2**32 - 1))
        height = draw(st.integers(0, 2**32 - 1))
        data = draw(
            st.sampled_from(
                [SVG, b"", b"\x89PNG\r\n\x1a\n", png_bytes()[:-12], b"GIF89a", b"\xff\xd8\xff"]
                + (
                    [png_bytes(width, height, pixels=False)]
                    if max(width, height) > 4096 or 0 in (width, height)
                    else []
                )
            )
        )
    else:
        data = draw(st.sampled_from(HOSTILE_SVG))
    name = "images/b.png" if as_png else "images/a.svg"

    def twist(folder: Path) -> Path:
        if as_png:
            replace_line(folder / TUTORIAL, "    image", "images/b.png")
        (folder / name).write_bytes(data)
        return folder

    return Hostile("image", name, twist, f"{name} {data[:40]!r}")


HOSTILE_PACKS = st.one_of(
    wrong_types(),
    hidden_characters(),
    yaml_structures(),
    zip_twists(),
    folder_twists(),
    image_twists(),
)


# Memory-backed when the machine has it: creating and removing folders is 1 ms on a disk.
FAST_FOLDER = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def kiosk_database(tmp_path_factory) -> Path:
    from kiosk.builtin_content import BUILTIN_PACK

    path = tmp_path_factory.mktemp("kiosk") / "kiosk.db"
    assert main(["pack", "import", str(BUILTIN_PACK), "--db", str(path)]) == 0
    return path


def raw_snapshot(path: Path) -> list:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT id, version, installed_at FROM packs").fetchall()
        return rows + [connection.execute(f"SELECT count(*) FROM {t}").fetchone() for t in TABLES]


@settings(
    max_examples=220,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(hostile=HOSTILE_PACKS)
def test_hostile_packs_are_all_refused(hostile, kiosk_database, capsys):
    before = raw_snapshot(kiosk_database)
    with tempfile.TemporaryDirectory(prefix="paquet-", dir=FAST_FOLDER) as scratch:
        folder = write_practice_pack(Path(scratch) / "p")
        target = hostile.twist(folder)
        files = listing(Path(scratch))
        message = refused(
            capsys, target, hostile.file, command="import", db=kiosk_database, parse=False
        )
        assert "Rien n'a été installé" in message
        assert listing(Path(scratch)) == files
    assert raw_snapshot(kiosk_database) == before


def test_the_good_pack_of_the_property_test_is_accepted(tmp_path):
    pack = read_pack(write_practice_pack(tmp_path / "p"))
    assert pack.personas and pack.tutorials[0].steps[2].practice.persona == "camille-martin"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(installed_version=st.integers(2, 1_000_000), data=st.data())
def test_any_lower_version_is_refused(installed_version, data):
    offered = data.draw(st.integers(1, installed_version - 1))
    with tempfile.TemporaryDirectory(prefix="paquet-") as scratch:
        db = open_database(Path(scratch) / "kiosk.db")
        try:
            store = ContentStore(db)
            store.install(read_pack(write_pack(Path(scratch) / "p", version=installed_version)))
            older = read_pack(write_pack(Path(scratch) / "p", version=offered))
            with pytest.raises(OlderPackError):
                store.install(older)
            assert store.installed_version("essai-pack") == installed_version
        finally:
            db.close()
