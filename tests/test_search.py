"""Search forgives accents, capitals and plurals, and ignores filler words."""

from kiosk.core.search_terms import fold, matches, query_terms


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
