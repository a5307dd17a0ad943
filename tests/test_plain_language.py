"""The plain-language check: each rule fires on a bad text and stays silent on a good one."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from kiosk.builtin_content import BUILTIN_PACK
from kiosk.content_lint import run_lint
from kiosk.core.content import Step, Tutorial
from kiosk.core.pack_reader import read_pack
from kiosk.core.plain_language import (
    MAX_SENTENCE_WORDS,
    MAX_STEP_WORDS,
    MIN_READABILITY,
    Finding,
    Severity,
    TextKind,
    kandel_moles,
    lint_pack,
    lint_text,
    lint_tutorial,
    words,
)
from tests.packs import step_yaml, tutorial_yaml, write_pack

EASY_STEP = (
    "Ouvrez internet. Cliquez dans la barre d'adresse, en haut de l'écran. "
    "Tapez le nom du site. Puis appuyez sur la touche Entrée. Le site s'ouvre. "
    "Vous pouvez commencer."
)
# Short sentences, but long official words only: a score far under the threshold.
HARD_STEP = (
    "Veuillez transmettre préalablement votre déclaration. "
    "La dématérialisation des démarches administratives simplifie les échanges. "
    "Votre demande sera instruite ultérieurement par l'administration compétente. "
    "Conservez précieusement votre récépissé."
)


def rules(text: str, language: str = "fr", kind: TextKind = TextKind.DISPLAYED) -> list[str]:
    return [issue.rule for issue in lint_text(text, language, kind)]


def sentence_of(count: int) -> str:
    return " ".join(["Cliquez"] + ["ici"] * (count - 1)) + "."


# --- Counting words ------------------------------------------------------------------------


def test_an_address_a_phone_number_and_an_elision_are_one_word_each():
    assert words("Tapez **impots.gouv.fr** ou appelez le 0 805 805 817.") == [
        "Tapez",
        "impots.gouv.fr",
        "ou",
        "appelez",
        "le",
        "0805805817.",
    ]
    assert len(words("« Bonjour » : l'attestation arrive – c'est gratuit !")) == 5


def test_spelled_out_addresses_and_letters_in_speech_are_one_word_each():
    spoken = "Tapez impôts point gouv point f r, ou allez à la C P A M."
    assert len(words(spoken, spoken=True)) == 7  # Tapez, the address, ou, allez, à, la, CPAM


# --- Sentence and step length (errors) -----------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_sentence_over_15_words_is_an_error(language):
    issues = lint_text(sentence_of(MAX_SENTENCE_WORDS + 1), language)
    assert [(i.rule, i.severity) for i in issues] == [("long-sentence", Severity.ERROR)]
    assert "16 mots" in issues[0].message
    assert rules(sentence_of(MAX_SENTENCE_WORDS), language) == []


def test_each_list_item_is_its_own_sentence():
    items = "\n".join(f"- {sentence_of(10)}" for _ in range(3))
    assert rules(f"Vous pouvez :\n\n{items}") == []


def test_a_step_text_over_60_words_is_an_error():
    long_text = " ".join([sentence_of(10)] * 7)  # 70 words
    assert rules(long_text, kind=TextKind.STEP_TEXT) == ["long-step"]
    assert rules(" ".join([sentence_of(10)] * 6), kind=TextKind.STEP_TEXT) == []
    assert rules(long_text) == []  # a tip or a summary is not a step text
    assert MAX_STEP_WORDS == 60


# --- Markdown the kiosk cannot show (errors) -----------------------------------------------


@pytest.mark.parametrize("text", ["Cliquez sur *Valider*.", "Cliquez sur _Valider_."])
def test_italics_are_an_error(text):
    issues = lint_text(text)
    assert [(i.rule, i.severity) for i in issues] == [("italics", Severity.ERROR)]


@pytest.mark.parametrize(
    "text",
    [
        "Cliquez sur **Valider** puis sur **Fermer**.",
        "- un\n* deux",
        "Le fichier mon_dossier_2024 et 3 * 4.",
    ],
)
def test_bold_lists_and_underscores_inside_words_are_fine(text):
    assert rules(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "# Un titre",
        "Voir [le site](https://www.ameli.fr).",
        "Un mot en <b>gras</b>.",
        "Tapez `ameli.fr`.",
        "Un mot en __gras__.",
        "Cliquez sur **Valider.",
    ],
)
def test_markdown_outside_the_subset_is_an_error(text):
    issues = lint_text(text)
    assert {(i.rule, i.severity) for i in issues} == {("unsupported-markdown", Severity.ERROR)}


# --- Jargon, capitals, acronyms (warnings) -------------------------------------------------


def test_jargon_is_a_warning_with_the_plain_word_to_use():
    issues = lint_text("Envoyez votre justificatif de domicile.")
    assert [(i.rule, i.severity) for i in issues] == [("jargon", Severity.WARNING)]
    assert "« justificatif »" in issues[0].message
    assert "un papier qui prouve" in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Les pièces justificatives sont demandées.",
        "Respectez l'ECHEANCE.",  # capitals and missing accents do not hide it
        "Vous devez vous acquitter de la taxe.",
        "C'est une démarche dématérialisée.",
    ],
)
def test_jargon_is_found_in_its_other_forms(text):
    assert "jargon" in rules(text)


def test_jargon_explained_in_the_text_is_not_reported():
    text = "Un justificatif est un papier qui prouve votre adresse. Envoyez le justificatif."
    assert rules(text) == []


def test_words_the_tutorials_teach_are_not_jargon():
    text = "Tapez votre identifiant et votre mot de passe. Remplissez le formulaire."
    assert rules(text) == []


def test_jargon_is_checked_in_french_only():
    assert rules("Send the justificatif.", "en") == []


def test_a_word_in_capitals_is_a_warning():
    issues = lint_text("C'est URGENT.")
    assert [(i.rule, i.severity) for i in issues] == [("capitals", Severity.WARNING)]
    assert rules("It is URGENT.", "en") == ["capitals"]


def test_common_acronyms_and_roman_numerals_are_fine():
    assert rules("Envoyez un SMS. Prenez votre clé USB. Lisez le chapitre II.") == []


def test_an_unexplained_acronym_is_a_warning_with_its_meaning():
    issues = lint_text("Allez à la CPAM.")
    assert [(i.rule, i.severity) for i in issues] == [("unexplained-acronym", Severity.WARNING)]
    assert "caisse primaire d'assurance maladie" in issues[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Allez à la CPAM. La CPAM est la caisse d'Assurance Maladie.",
        "Allez à la CPAM (la caisse d'Assurance Maladie).",
        "Allez à la caisse d'Assurance Maladie (CPAM).",
        "Allez à la CPAM. CPAM, c'est la caisse d'Assurance Maladie.",
    ],
)
def test_an_explained_acronym_is_fine(text):
    assert rules(text) == []


def test_speech_is_not_checked_for_capitals():
    assert rules("Allez dans votre C P A M. C'est URGENT.", kind=TextKind.SPOKEN) == []


# --- Readability (warning) -----------------------------------------------------------------


def test_a_hard_step_text_gets_a_readability_warning():
    score = kandel_moles(HARD_STEP)
    assert score is not None and score < MIN_READABILITY
    issues = lint_text(HARD_STEP, kind=TextKind.STEP_TEXT)
    readability = [i for i in issues if i.rule == "readability"]
    assert [i.severity for i in readability] == [Severity.WARNING]
    assert f"{score:.0f}" in readability[0].message


def test_an_easy_step_text_gets_no_readability_warning():
    score = kandel_moles(EASY_STEP)
    assert score is not None and score >= 90
    assert rules(EASY_STEP, kind=TextKind.STEP_TEXT) == []


def test_readability_is_only_measured_on_french_step_texts():
    assert "readability" not in rules(HARD_STEP, "en", TextKind.STEP_TEXT)
    assert "readability" not in rules(HARD_STEP)


def test_kandel_moles_matches_textstat_where_both_count_alike():
    """Same coefficients as textstat's French Flesch, on a text where the counts agree."""
    from textstat.textstat import textstatistics

    textstat = textstatistics()
    textstat.set_lang("fr")
    text = "Ouvrez votre navigateur internet. Cherchez le bouton bleu. Puis appuyez dessus."
    assert kandel_moles(text) == pytest.approx(textstat.flesch_reading_ease(text))


# --- Tutorials and packs -------------------------------------------------------------------


def fr(text: str) -> dict[str, str]:
    return {"fr": text}


def make_tutorial(*steps: Step, title: str = "Aller à la caisse") -> Tutorial:
    return Tutorial(
        id="essai",
        title=fr(title),
        summary=fr("Vous apprenez une démarche."),
        category="sante",
        level=1,
        minutes=5,
        official_url="https://www.ameli.fr",
        source="https://www.ameli.fr",
        checked="2026-11-20",
        next_steps=fr("Essayez pour de vrai."),
        steps=steps,
    )


def test_a_finding_names_the_tutorial_the_step_and_the_field():
    tutorial = make_tutorial(
        Step("ouvrir", fr("Ouvrir"), fr("Ouvrez le site.")),
        Step("long", fr("Lire"), fr(sentence_of(16)), tip={"fr": "Bien.", "en": "It is URGENT."}),
    )
    findings = lint_tutorial(tutorial)
    assert [(f.step, f.field, f.rule) for f in findings] == [
        ("long", "steps[1].text.fr", "long-sentence"),
        ("long", "steps[1].tip.en", "capitals"),
    ]
    assert str(findings[0]).startswith("essai › étape long (steps[1].text.fr) : erreur : Phrase")
    overview = Finding(Severity.WARNING, "essai", None, "summary.fr", "jargon", "…")
    assert str(overview) == "essai (summary.fr) : avertissement : …"


def test_an_acronym_is_reported_once_where_it_first_appears():
    tutorial = make_tutorial(
        Step("un", fr("Aller à la CPAM"), fr("Allez à la CPAM.")),
        Step("deux", fr("Revenir"), fr("Revenez à la CPAM.")),
    )
    findings = lint_tutorial(tutorial)
    assert [(f.step, f.field, f.rule) for f in findings] == [
        ("un", "steps[0].title.fr", "unexplained-acronym")
    ]


def test_an_acronym_explained_on_the_same_screen_or_before_is_fine():
    tutorial = make_tutorial(
        Step(
            "un",
            fr("Aller à la CPAM"),
            fr("La CPAM est la caisse d'Assurance Maladie."),
            image_alt=fr("La porte de la CPAM."),
        ),
        Step("deux", fr("Revenir"), fr("Revenez à la CPAM.")),
    )
    assert lint_tutorial(tutorial) == []


def test_jargon_explained_on_an_earlier_screen_is_fine_afterwards():
    tutorial = make_tutorial(
        Step("un", fr("Le papier"), fr("Un justificatif est un papier qui prouve une chose.")),
        Step("deux", fr("Envoyer"), fr("Envoyez le justificatif.")),
    )
    assert lint_tutorial(tutorial) == []


def test_practice_texts_are_checked_but_not_the_fake_scam_message():
    model = pytest.importorskip("kiosk.core.practice.model")
    if "practice" not in Step.__dataclass_fields__:
        pytest.skip("steps have no practice yet")
    practice = model.Practice(
        kind="scam",
        site="faux site",
        intro=fr("Regardez ce message *inquiétant*."),
        exhibit=model.Exhibit("sms", "0600000000", fr("URGENT : payez votre amende.")),
    )
    step = Step("un", fr("Un message"), fr("Lisez le message."), practice=practice)  # type: ignore[call-arg]
    findings = lint_tutorial(make_tutorial(step))
    assert [(f.field, f.rule) for f in findings] == [("steps[0].practice.intro.fr", "italics")]


def test_the_builtin_pack_has_no_error():
    findings = lint_pack(read_pack(BUILTIN_PACK))
    errors = [str(f) for f in findings if f.severity is Severity.ERROR]
    assert errors == []


# --- The command ---------------------------------------------------------------------------

LONG_SENTENCE = (
    "Vous devez absolument envoyer votre justificatif de domicile "
    "avant la fin du mois prochain sans faute."
)
BAD_STEP = f"""  - id: trop-long
    title: {{fr: "Lire", en: "Read"}}
    text: {{fr: "{LONG_SENTENCE}", en: "Send it."}}
"""


def test_run_lint_returns_0_for_a_clean_pack(tmp_path: Path):
    pack = write_pack(tmp_path / "propre")
    out = StringIO()
    assert run_lint(pack, out) == 0
    assert "0 erreur, 0 avertissement" in out.getvalue()


def test_run_lint_returns_1_and_names_the_problem_when_a_pack_has_errors(tmp_path: Path):
    steps = step_yaml("un") + BAD_STEP
    pack = write_pack(tmp_path / "mauvais", tutorials={"essai": tutorial_yaml(steps=steps)})
    out = StringIO()
    assert run_lint(pack, out) == 1
    report = out.getvalue()
    assert "essai « Tutoriel essai » (1 erreur, 1 avertissement)" in report
    assert "étape trop-long (steps[1].text.fr) : erreur : Phrase de 16 mots" in report
    assert "avertissement : Mot administratif « justificatif »" in report
    assert "Total : 1 erreur, 1 avertissement." in report


def test_run_lint_returns_0_when_there_are_only_warnings(tmp_path: Path):
    steps = step_yaml("un").replace("Texte de l'étape un.", "Montrez un justificatif.")
    pack = write_pack(tmp_path / "conseils", tutorials={"essai": tutorial_yaml(steps=steps)})
    out = StringIO()
    assert run_lint(pack, out) == 0
    assert "0 erreur, 1 avertissement" in out.getvalue()


def test_run_lint_returns_1_for_a_pack_it_cannot_read(tmp_path: Path, capsys):
    pack = write_pack(tmp_path / "casse", tutorials={"essai": "id: essai\n"})
    assert run_lint(pack) == 1
    assert "ne peut pas être lu" in capsys.readouterr().err


def test_the_command_module_imports_no_qt():
    code = (
        "import sys, kiosk.content_lint\nprint(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
