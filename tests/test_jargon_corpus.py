"""The jargon list finds administrative French and leaves plain French alone.

Two corpora (tests/corpus): sentences in the style of administrative letters must be flagged
90 % of the time or more; plain-language texts, ours and the built-in pack's, under 5 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.builtin_content import BUILTIN_PACK
from kiosk.core.jargon import JARGON, verb_forms
from kiosk.core.languages import pick
from kiosk.core.pack_reader import read_pack
from kiosk.core.plain_language import jargon_in, lint_text

CORPUS = Path(__file__).parent / "corpus"


def sentences(name: str) -> list[str]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def flagged(text: str) -> bool:
    return any(issue.rule == "jargon" for issue in lint_text(text))


def test_administrative_sentences_are_flagged():
    corpus = sentences("administrative.txt")
    assert len(corpus) >= 40
    missed = [s for s in corpus if not flagged(s)]
    assert len(missed) <= 0.10 * len(corpus), missed


def test_plain_sentences_are_not_flagged():
    corpus = sentences("falc.txt")
    assert len(corpus) >= 40
    wrong = [s for s in corpus if flagged(s)]
    assert len(wrong) < 0.05 * len(corpus), wrong


def test_the_builtin_pack_is_rarely_flagged():
    """Its French texts are written in FALC; a few real labels are kept on purpose."""
    texts = []
    for tutorial in read_pack(BUILTIN_PACK).tutorials:
        texts += [pick(tutorial.title, "fr").text, pick(tutorial.summary, "fr").text]
        for step in tutorial.steps:
            texts += [pick(f, "fr").text for f in (step.title, step.text, step.tip) if f]
    assert len(texts) > 150
    wrong = [t for t in texts if flagged(t)]
    assert len(wrong) < 0.05 * len(texts), wrong


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Munissez-vous de votre carte.", "Munissez"),
        ("Le cas échéant, écrivez-nous.", "Le cas échéant"),
        ("Vous êtes éligible.", "éligible"),
        ("Nous avons sollicité votre caisse.", "sollicité"),
        ("Vous bénéficierez de l'aide.", "bénéficierez"),
        ("Vous êtes donc tenu de répondre.", "Vous êtes donc tenu de"),
        ("À défaut d'accord, le juge décide.", "À défaut d'"),
        ("Faites-nous parvenir le papier.", "Faites-nous parvenir"),
        ("Votre dossier nous a été transmis.", "transmis"),
        ("Les papiers requis sont listés.", "requis"),
    ],
)
def test_conjugated_and_multi_word_forms_are_found(text, word):
    assert [written for _term, written in jargon_in(text)] == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Tapez votre adresse.",  # « adresse » is not the verb « adresser »
        "Les adresses des sites publics.",
        "Une statue sur la place.",
        "Votre liste est complète.",
        "Un aperçu de la page.",
        "Remplissez le formulaire.",
    ],
)
def test_words_that_look_like_jargon_are_not(text):
    assert list(jargon_in(text)) == []


def test_verb_forms():
    assert "munissez" in verb_forms("munir")
    assert "sollicite" in verb_forms("solliciter")  # sollicité, accents ignored
    with pytest.raises(ValueError):
        verb_forms("transmettre")


def test_the_list_grew_from_its_source():
    assert len(JARGON) >= 150
    assert len({term.key for term in JARGON}) == len(JARGON)
