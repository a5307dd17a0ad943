"""A step's text goes into the search index as it is written (issue #19): the index's
tokenizer gives it the very words, at the very places, that its spoken form gave. Checked on
the real index definition, read from a migrated database, with the real SQLite."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.pack_reader import read_pack
from kiosk.core.reading import spoken_sentences
from kiosk.store.content_store import ContentStore, _indexed_text, _search_rows
from kiosk.store.database import open_database
from tests.packs import tutorial_yaml, write_pack


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> sqlite3.Connection:
    """An in-memory copy of the search index's table, and its vocabulary by position."""
    db = open_database(tmp_path_factory.mktemp("search") / "kiosk.db")
    (schema,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'tutorials_fts'").fetchone()
    db.close()
    connection = sqlite3.connect(":memory:")
    # With word positions (the kiosk's index keeps only columns, migration 0011): the same
    # tokenizer, and places to compare.
    assert ", detail = column" in schema
    connection.execute(schema.replace(", detail = column", ""))
    connection.execute("CREATE VIRTUAL TABLE words USING fts5vocab(tutorials_fts, 'instance')")
    return connection


def words(index: sqlite3.Connection, body: str) -> list[tuple[str, int]]:
    """The (word, place) pairs the index holds for ``body``."""
    index.execute("DELETE FROM tutorials_fts")
    index.execute(
        "INSERT INTO tutorials_fts (tutorial_id, language, body) VALUES ('t', 'fr', ?)", [body]
    )
    return index.execute("SELECT term, offset FROM words ORDER BY offset").fetchall()


# Markdown's marks, every kind of space and line break, letters with and without accents,
# digits, apostrophes and sentence ends: what a step's text is made of, in any order.
PIECES = [
    *"-*  \n\t\u00a0\u202f.,:;!?…'\"«»()_aAéÉœ0ş9\u0301\ue000",
    *("- ", "* ", "**", "***", "\n\n", "Ouvrez", "**Valider**", "l'écran", "e-mail", "**s"),
]
STEP_TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(STEP_TEXT, max_size=4).map("".join)
    | st.lists(st.sampled_from(["Ouvrez le site.", "- Un **point**", "", "  ", "* é"])).map(
        "\n".join
    )
)
def test_a_text_and_its_spoken_form_give_the_index_the_same_words(index, text):
    spoken = " ".join(spoken_sentences(text))
    assert words(index, _indexed_text(text)) == words(index, spoken)


def test_a_text_with_bold_words_goes_in_as_it_is_written():
    for text in ("Cliquez sur **Valider**.", "- **Mes démarches** : ouvrez-les.\n- Puis **OK**"):
        assert _indexed_text(text) is text
    assert _indexed_text("Le a**Valider**") == "Le aValider"


def test_the_search_rows_of_the_built_in_pack_hold_its_words(content, index):
    """Every step of the built-in pack, in every language: its row's words are those of the
    titles and spoken texts of its steps, in order."""
    checked = 0
    for summary in content.tutorials():
        tutorial = content.tutorial(summary.id)
        for language in ("fr", "en", "ar", "uk", "es", "pt"):
            row = _search_rows(tutorial, language)
            spoken = " ".join(
                part
                for step in tutorial.steps
                for part in (
                    step.title.get(language) or step.title["fr"],
                    " ".join(spoken_sentences(step.text.get(language) or step.text["fr"])),
                )
            )
            assert words(index, row["body"]) == words(index, spoken)
            checked += 1
    assert checked >= 18 * 6


def test_searching_finds_a_word_written_in_bold_or_in_a_list(tmp_path):
    step = """  - id: un
    title: {fr: "Le code"}
    text: {fr: "Ouvrez le site.\\n\\n- Cliquez sur **Valider**.\\n* Puis **attendez** le SMS."}
"""
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(steps=step)})
    db = open_database(tmp_path / "kiosk.db")
    store = ContentStore(db)
    store.install(read_pack(folder))
    for query in ("valider", "cliquez", "attendez le sms", "Ouvrez le site"):
        assert [t.id for t in store.search(query)] == ["essai"], query
    (body,) = db.execute("SELECT body FROM tutorials_fts WHERE tutorial_id = 'essai'").fetchone()
    assert "- Cliquez sur **Valider**." in body
    db.close()


# The plain way to write what _GLUED_BOLD finds, testing the character class at every
# character; the kiosk's is written to jump from one "**" to the next (14 times faster).
_PLAIN_GLUED_BOLD = r"[^\s*.,;:!?'\"()«»…-]\*{2,}[^\s*.,;:!?'\"()«»…-]"


@settings(max_examples=400, deadline=None)
@given(STEP_TEXT)
def test_glued_bold_marks_are_found_as_the_plain_pattern_finds_them(text):
    import re

    from kiosk.store.content_store import _GLUED_BOLD

    assert bool(_GLUED_BOLD.search(text)) == bool(re.search(_PLAIN_GLUED_BOLD, text))
