"""Search forgives accents, capitals and plurals, and ignores filler words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.builtin_content import ensure_builtin_content
from kiosk.core.search_terms import fold, matches, query_terms
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database


def ids(results) -> list[str]:
    return [r.id for r in results]


def test_fold_and_terms():
    assert fold("Impôts ÉTÉ") == "impots ete"
    assert query_terms("Je veux déclarer mes impôts") == ["declarer", "impot"]


def test_category_names_match_without_accents():
    assert matches("impot", "Impôts")
    assert matches("SANTE", "Santé")
    assert not matches("impot", "Santé")


def test_search_finds_tutorials_whatever_the_accents_and_case(content):
    assert "ameli-attestation" in ids(content.search("attestation"))
    assert ids(content.search("ATTESTATION")) == ids(content.search("attestation"))
    assert ids(content.search("securite sociale"))[0] == "ameli-attestation"
    assert ids(content.search("Sécurité Sociale")) == ids(content.search("securite sociale"))


def test_plural_and_prefix(content):
    assert "franceconnect" in ids(content.search("impots"))
    assert "franceconnect" in ids(content.search("impot"))
    assert "franceconnect" in ids(content.search("connexions"))


def test_english_words_find_english_texts(content):
    assert ids(content.search("health insurance"))[0] == "ameli-attestation"


def test_nothing_to_search(content):
    assert content.search("") == []
    assert content.search("je veux") == []
    assert content.search("zzzzqqq") == []


def test_an_underscore_or_a_separate_accent_does_not_break_a_word(content):
    """The index's tokenizer cuts at "_"; an accent typed after its letter stays with it."""
    assert query_terms("mot_de_passe") == ["mot", "passe"]
    assert query_terms("se\u0301curite\u0301") == ["securite"]
    assert ids(content.search("securite_sociale")) == ids(content.search("securite sociale"))
    assert ids(content.search("se\u0301curite\u0301")) == ids(content.search("securite"))


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> ContentStore:
    store = ContentStore(open_database(tmp_path_factory.mktemp("search") / "kiosk.db"))
    ensure_builtin_content(store)
    return store


# What a person may type, pasted text included: letters of every script, digits, marks,
# FTS5's own syntax characters, and a letter SQLite's Unicode tables do not hold (U+19B0).
TYPED = st.text(max_size=30) | st.lists(
    st.sampled_from(
        [
            *"\"*:^(){}+-_'., ",
            "AND",
            "OR",
            "NOT",
            "NEAR",
            "impot",
            "e\u0301",
            "a\u19b0b",
        ]
    ),
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TYPED)
def test_whatever_is_typed_the_search_answers_with_a_list(library, query):
    """Never an error (the index refuses phrases, and reads FTS5 syntax): a list, maybe empty."""
    found = library.search(query)
    assert isinstance(found, list)
    assert len(found) <= 20
