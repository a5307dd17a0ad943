"""The pronunciation lexicon, heard through espeak-ng's phonemes (``espeak-ng -q -x``)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.languages import LANGUAGES
from kiosk.core.pronunciation import (
    LEXICON_DIR,
    Lexicon,
    given_to_voices,
    lexicon,
    pack_lexicon_problems,
    unspoken_acronyms,
)
from kiosk.core.spoken import said

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng CLI")


def phonemes(text: str, language: str) -> str:
    """What espeak-ng's voice makes of ``text``, as its phoneme mnemonics."""
    voice = LANGUAGES[language].espeak_voice
    done = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice, text],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return " ".join(done.stdout.split())


def heard(text: str, language: str) -> str:
    """The phonemes of what the kiosk gives the voices for ``text``."""
    return " ".join(
        phonemes(part.text, part.language) for part in given_to_voices(said(text, language))
    )


def test_every_language_has_a_lexicon_file_that_reads():
    for language in LANGUAGES:
        assert (LEXICON_DIR / f"{language}.yaml").is_file(), language
        assert lexicon(language).marks, language


# Written → (phonemes espeak-ng gave before, a piece of the phonemes wanted).
FRENCH_WORDS = {
    "ANTS": ("'A~", "'En t'e"),  # was the word "an"
    "CNI": ("kn'i", "s'e _!'En"),
    "CPAM": ("kp'am", "p'e a"),
    "RGE": ("rZ", "Z'e"),
    "RSA": ("rs'a", "'Es"),
    "ARE": ("'ar", "'Er"),
    "PACS": ("p'ak", "p'aks"),
    "PIN": ("p'E~", "p'in"),
    "INSEE": ("(en)", "E~s'e"),
    "IBAN": ("ib'A~", "ib'an"),
}


@pytest.mark.parametrize("word", sorted(FRENCH_WORDS))
def test_french_acronyms_come_out_with_the_lexicon_phonemes(word):
    before, wanted = FRENCH_WORDS[word]
    assert before in phonemes(word, "fr")  # what was heard before the lexicon
    assert wanted in heard(f"Le {word}.", "fr")
    assert heard(word, "fr") != phonemes(word, "fr")


def test_au_dos_is_french_not_the_english_dos():
    """Found by running every French sentence through espeak-ng: only "dos" switched to
    English for no reason (e-mail, slash, scan are English words people say)."""
    assert "(en)" in phonemes("Il est au dos.", "fr")
    assert heard("Il est au dos.", "fr") == phonemes("Il est au do.", "fr")


def test_ants_is_spelled_in_the_sentences_of_the_issue():
    assert heard("Se connecter sur le site de l'ANTS", "fr").endswith("a _!'En t'e _!'Es")
    assert "'ants" not in heard("The ANTS website.", "en")


def test_words_checked_as_written_keep_their_reading():
    """CAF, URSSAF, RIB, NIR… are read as words or spelled well already: left alone."""
    french = lexicon("fr")
    for word in ("CAF", "CPF", "NIR", "RIB", "MSA", "PDF", "SMS", "URSSAF"):
        assert french.knows(word) and french.spoken(word) == word


def test_the_scam_address_is_heard_with_its_hyphens_and_dots():
    address = "www.impots-gouv-declaration.com"
    french = heard(address, "fr")
    assert french.count("tir'E") == 2 and len(re.findall("pw[',]E~", french)) == 2
    english = heard(address, "en")
    assert english.count("d'aS") == 2 and english.count("d'0t") == 2
    spanish = heard(address, "es")
    assert spanish.count("p'unto") == 2
    # Without the lexicon, espeak-ng drops the dots and the hyphens.
    assert "pw" not in phonemes(address, "fr") and "tir'E" not in phonemes(address, "fr")


def test_the_scam_exercise_as_read_on_screen(window):
    """The real page of the exercise: its address reaches the French voice with its marks."""
    window.start_session()
    window.start_tutorial("securite-faux-sites")
    player = window.player
    while player.page is None or player.page.practice.exhibit is None:
        player.go_next()
    given = " ".join(p.text for u in player.page.reading() for p in given_to_voices(u))
    assert "remboursement tiret x point com slash ameli point fr" in given


def test_an_address_in_an_arabic_sentence_goes_to_the_french_voice():
    parts = given_to_voices(said("زوروا ameli.fr الآن", "ar"))
    assert [(p.language, p.text.strip()) for p in parts] == [
        ("ar", "زوروا"),
        ("fr", "ameli point fr"),
        ("ar", "الآن"),
    ]


def test_email_addresses_are_said_mark_by_mark():
    assert lexicon("fr").spoken("Écrivez à camille.martin@example.com.") == (
        "Écrivez à camille point martin arobase example point com."
    )
    assert "at example dot com" in lexicon("en").spoken("camille.martin@example.com")


def test_numbers_written_with_spaces_are_one_number_but_phone_numbers_keep_their_groups():
    english = lexicon("en")
    assert english.spoken("Salaries: 21 600 €.") == "Salaries: 21600 €."
    assert english.spoken("Call 0 808 800 700.") == "Call 0 808 800 700."
    assert english.spoken("06 39 98 12 34") == "06 39 98 12 34"
    assert "T'aUz@nd" in heard("21 600", "en")  # "twenty-one thousand six hundred"
    assert "T'aUz@nd" not in phonemes("21 600", "en")  # was "twenty-one, six hundred"


def test_ordinals_and_units():
    french = lexicon("fr")
    assert french.spoken("Le 4e étage, la 1re fois.") == "Le quatrième étage, la première fois."
    assert french.spoken("5 Mo, mardi 10 h 30") == "5 mégaoctets, mardi 10 heures 30"
    assert french.spoken("AB12CD34EF, 3e, v2e") == "AB12CD34EF, troisième, v2e"


@given(st.text(max_size=80))
def test_any_text_goes_through_every_lexicon(text):
    for language in LANGUAGES:
        assert isinstance(lexicon(language).spoken(text), str)


def test_a_pack_adds_words_and_they_win():
    french = lexicon("fr").with_words({"ANTS": "agence", "ZZT": "zed zed té"})
    assert french.spoken("L'ANTS et ZZT.") == "L'agence et zed zed té."
    assert unspoken_acronyms("Le ZZT et la CAF.", "fr") == ["ZZT"]
    assert unspoken_acronyms("Le ZZT.", "fr", {"ZZT": "zed"}) == []
    assert unspoken_acronyms("Sur www.ZZT.fr et impots.gouv.fr", "fr") == ["ZZT"]


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ("mots", "lexicon"),
        ({"de": {"ANTS": "A N T S"}}, "lexicon.de"),
        ({"fr": ["ANTS"]}, "lexicon.fr"),
        ({"fr": {"ANTS": ""}}, "lexicon.fr.ANTS"),
        ({"fr": {"ANTS": 3}}, "lexicon.fr.ANTS"),
        ({"fr": {"ANTS": "A\u202eN"}}, "lexicon.fr.ANTS"),
        ({"fr": {"ANTS": "A" * 61}}, "lexicon.fr.ANTS"),
        ({"fr": {f"W{i}": "w" for i in range(501)}}, "lexicon"),
    ],
)
def test_a_pack_lexicon_is_checked(section, problem):
    problems = pack_lexicon_problems(section, ["fr", "en"])
    assert problem in [field for field, _ in problems]
    assert all(message.endswith(".") for _, message in problems)


def test_a_right_pack_lexicon_has_no_problem():
    assert pack_lexicon_problems({"fr": {"ANTS": "A N T S"}, "en": {}}, ["fr", "en"]) == []


def test_an_empty_lexicon_changes_nothing():
    assert Lexicon("xx").spoken("L'ANTS, 21 600 €") == "L'ANTS, 21600 €"


# -- a content pack's own words ------------------------------------------------------------
def pack_with(tmp_path, lexicon_yaml: str, text: str = "Allez sur le site de la ZRT."):
    from tests.packs import step_yaml, tutorial_yaml, write_pack

    steps = step_yaml("un", None).replace("Texte de l'étape un.", text)
    folder = write_pack(tmp_path / "pack", tutorials={"essai": tutorial_yaml(steps=steps)})
    with (folder / "pack.yaml").open("a", encoding="utf-8") as header:
        header.write(lexicon_yaml)
    return folder


def test_a_pack_lexicon_is_read_and_quiets_the_linter(tmp_path):
    from kiosk.core.pack_reader import read_pack
    from kiosk.core.plain_language import lint_pack

    without = read_pack(pack_with(tmp_path, ""))
    assert without.lexicon == {}
    warned = [f for f in lint_pack(without) if f.rule == "unspoken-acronym"]
    assert [f.field for f in warned] == ["steps[0].text.fr"]
    assert "« ZRT »" in warned[0].message and "Z R T" in warned[0].message
    pack = read_pack(pack_with(tmp_path, 'lexicon:\n  fr: {ZRT: "zèrte"}\n'))
    assert pack.lexicon == {"fr": {"ZRT": "zèrte"}}
    assert not [f for f in lint_pack(pack) if f.rule == "unspoken-acronym"]


def test_a_wrong_pack_lexicon_is_a_clear_problem(tmp_path):
    from kiosk.core.pack_reader import PackError, read_pack

    with pytest.raises(PackError) as raised:
        read_pack(pack_with(tmp_path, 'lexicon:\n  de: {ZRT: "zet"}\n'))
    assert "lexicon.de" in str(raised.value) and "languages" in str(raised.value)


def test_the_built_in_pack_has_no_acronym_without_a_spoken_form():
    from kiosk.builtin_content import BUILTIN_PACK
    from kiosk.core.pack_reader import read_pack
    from kiosk.core.plain_language import unspoken_acronym_findings

    assert unspoken_acronym_findings(read_pack(BUILTIN_PACK)) == []


def test_an_installed_pack_lexicon_reaches_the_voices(tmp_path, window):
    from kiosk.core.pack_reader import read_pack
    from kiosk.core.pronunciation import use_pack_words

    content = window.services.content
    assert content.pack_words() == {}
    content.install(read_pack(pack_with(tmp_path, 'lexicon:\n  fr: {ZRT: "zèrte"}\n')))
    assert content.pack_words() == {"fr": {"ZRT": "zèrte"}}
    try:
        window.start_session()  # each person's session reads the installed packs' words
        assert heard("La ZRT.", "fr") == phonemes("La zèrte.", "fr")
        assert heard("ANTS", "fr") == phonemes("A N T S", "fr")  # the kiosk's own words stay
    finally:
        use_pack_words({})
    assert heard("La ZRT.", "fr") != phonemes("La zèrte.", "fr")


def test_the_end_of_an_address_is_said_with_its_first_dot():
    """The scam exercise's answer: "L'adresse doit finir par .gouv.fr." — the dot is the clue."""
    assert lexicon("fr").spoken("L'adresse doit finir par .gouv.fr, pas .com.") == (
        "L'adresse doit finir par point gouv point fr, pas point com."
    )
    assert lexicon("fr").spoken("Fin.début, etc. v1.2") == "Fin.début, etc. v1.2"


def test_a_currency_sign_written_first_is_said_after_the_amount():
    assert lexicon("en").spoken("A €49 sofa, €29.90.") == "A 49 € sofa, 29.90 €."
    assert heard("€49", "en") == phonemes("49 euros", "en")  # was "euros forty-nine"
