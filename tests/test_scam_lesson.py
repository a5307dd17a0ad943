"""The scam lesson teaches what public advice teaches, each fact sourced and dated.

Also: every phone number the built-in pack shows in a fake message or a persona is in a block
ARCEP keeps for fiction, and the names of public services are the current official ones.
"""

from __future__ import annotations

import re

from kiosk.core.languages import pick
from kiosk.core.pack_reader import read_pack
from kiosk.core.practice.persona import is_fiction_phone
from kiosk.core.practice.validators import read_phone
from kiosk.core.reading import plain
from tests.test_practice import click, open_step

LESSON = "securite-faux-sites"
PHONE = re.compile(r"(?:\+|00)?\d[\d .\-()]{7,}\d")
# Numbers of real public services the pack gives on purpose (help lines, 33700).
PUBLIC_NUMBERS = {"0805805817", "0809401401"}


def lesson(builtin_pack_dir):
    pack = read_pack(builtin_pack_dir)
    return next(t for t in pack.tutorials if t.id == LESSON)


def french_texts(tutorial) -> str:
    parts = [pick(tutorial.summary, "fr").text, pick(tutorial.next_steps, "fr").text]
    for step in tutorial.steps:
        for field in (step.title, step.text, step.tip, step.warning):
            if field:
                parts.append(plain(pick(field, "fr").text))
        practice = step.practice
        if practice:
            parts += [pick(a.explanation, "fr").text for a in practice.answers]
    return "\n".join(parts)


def test_the_rule_taught_is_the_name_just_before_the_first_slash(builtin_pack_dir):
    tutorial = lesson(builtin_pack_dir)
    texts = french_texts(tutorial)
    assert "première barre" in texts
    assert "C'est la fin qui compte" not in texts
    assert "doit finir par .gouv.fr" not in texts
    assert "Les démarches publiques sont gratuites" not in texts
    exhibits = [s.practice.exhibit for s in tutorial.steps if s.practice and s.practice.exhibit]
    links = [pick(e.text, "fr").text for e in exhibits if e.kind == "address"]
    # Practised on full links: a path ending with a real name, and a real page with a path.
    assert "https://remboursement-x.com/ameli.fr" in links
    assert any(link.startswith("https://www.impots.gouv.fr/") for link in links)
    assert any("qouv.fr" in link for link in links)  # look-alike letters


def test_the_official_names_without_gouv_are_taught(builtin_pack_dir):
    texts = french_texts(lesson(builtin_pack_dir))
    for name in ("ameli.fr", "caf.fr", "francetravail.fr", "monespacesante.fr", "msa.fr"):
        assert name in texts


def test_the_patterns_seen_in_france_are_taught(builtin_pack_dir):
    texts = french_texts(lesson(builtin_pack_dir))
    assert "remboursement d'impôt" in texts  # a good-news lure
    assert "droits à la formation" in texts  # CPF credits
    assert "colis" in texts and "1,99 €" in texts  # the parcel fee SMS
    assert "amendes.gouv.fr" in texts and "ANTAI" in texts  # the fine SMS
    assert "date de fin" in texts and "code au dos" in texts  # card details never asked
    assert "timbre fiscal" in texts  # not "always free"


def test_each_step_names_its_source_and_the_day_it_was_checked(builtin_pack_dir):
    text = (builtin_pack_dir / f"tutorials/{LESSON}.yaml").read_text(encoding="utf-8")
    blocks = re.split(r"\n  - id: ", text)[1:]
    comments = re.split(r"\n  - id: ", text)[:-1]
    assert len(blocks) == len(lesson(builtin_pack_dir).steps)
    for before, block in zip(comments, blocks, strict=True):
        last_comment = re.sub(r"\n\s*# ", " ", before.rsplit("\n\n", 1)[-1])
        step_id = block.split("\n", 1)[0]
        assert "Source" in last_comment, step_id
        assert re.search(r"vérifié le 20\d\d-\d\d-\d\d", last_comment), step_id


def test_phone_numbers_shown_come_from_the_fiction_blocks(builtin_pack_dir):
    pack = read_pack(builtin_pack_dir)
    shown = []
    for tutorial in pack.tutorials:
        for step in tutorial.steps:
            exhibit = step.practice.exhibit if step.practice else None
            if exhibit:
                shown += PHONE.findall(exhibit.sender)
                shown += PHONE.findall(pick(exhibit.text, "fr").text)
    shown += [persona.phone for persona in pack.personas.values()]
    assert len(shown) >= 5
    for number in shown:
        reading = read_phone(number)
        assert reading is not None, number
        assert is_fiction_phone(number) or reading.number in PUBLIC_NUMBERS, number


def test_france_services_is_named_as_it_is_officially(builtin_pack_dir):
    """« France services » since 2019, not « maison France services » (ANCT)."""
    for path in (builtin_pack_dir / "tutorials").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"maisons? France services", text, re.IGNORECASE), path.name


def test_practising_the_first_slash_rule(qtbot, window):
    page = open_step(qtbot, window, LESSON, "check-address")
    assert "remboursement-x.com/ameli.fr" in page.exhibit.text()
    click(qtbot, page.choice_buttons[0])
    assert "juste avant la première barre" in page.feedback.text()
    click(qtbot, page.choice_buttons[1])
    assert page.success.isVisible()


def test_a_real_page_with_a_path_is_recognised(qtbot, window):
    page = open_step(qtbot, window, LESSON, "name-at-start")
    assert "https://www.impots.gouv.fr/particulier" in page.exhibit.text()
    click(qtbot, page.choice_buttons[1])  # « it does not end with .gouv.fr »: wrong
    assert page.feedback.text().startswith("Si, c'est le vrai site.")
    click(qtbot, page.choice_buttons[0])
    assert page.success.isVisible()
