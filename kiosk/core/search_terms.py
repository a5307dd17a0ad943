"""Forgiving search: accents, capitals and plurals do not matter ("impot" finds "Impôts")."""

from __future__ import annotations

import re
import unicodedata

# A word: letters and digits. The underscore, which ``\w`` counts as a letter, is a space for
# the search index's tokenizer (unicode61 keeps letters, digits and private-use characters),
# and a query term holding one would be a phrase of two words, which the index refuses.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Short words that carry no meaning in a query ("je veux faire ma déclaration").
_STOP = """je j veux voudrais faire comment a au aux de des du d l la le les un une mon ma mes
son sa ses et ou en pour sur avec the to an of my how i want"""
STOP_WORDS = frozenset(_STOP.split())


def fold(text: str) -> str:
    """Lower case without accents: 'Impôts' → 'impots'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A crude French/English singular: 'impots' → 'impot', 'travaux' → 'travau'."""
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def query_terms(query: str) -> list[str]:
    """The meaningful, folded, singular words of what the person typed.

    Folded before it is cut into words: a letter typed with a separate accent ("e" then
    U+0301) stays in its word.
    """
    words = _WORD.findall(fold(query))
    return [stem(w) for w in words if w not in STOP_WORDS]


def fts_query(query: str) -> str | None:
    """An FTS5 prefix query for the terms, or None when nothing is left to search."""
    terms = query_terms(query)
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def search_levels(query: str) -> list[str]:
    """The FTS5 queries of a search, from the best kind of match to the broadest.

    1. every term is a whole word of the title (or its plural: "impot" is "impots" too);
    2. every term starts a word of the title;
    3. every term starts a word of the title, summary or keywords;
    4. every term starts a word anywhere, steps included.

    Empty when nothing is left to search. Column filters and ``"term"*`` prefixes are FTS5's
    query syntax (https://sqlite.org/fts5.html, sections 3.5 and 3.6).
    """
    terms = query_terms(query)
    if not terms:
        return []
    whole = " AND ".join(
        "(" + " OR ".join(f'"{form}"' for form in (term, term + "s", term + "x")) + ")"
        for term in terms
    )
    prefix = " AND ".join(f'"{term}"*' for term in terms)
    return [
        f"{{title}} : ({whole})",
        f"{{title}} : ({prefix})",
        f"{{title summary keywords}} : ({prefix})",
        prefix,
    ]


def matches(query: str, text: str) -> bool:
    """True when every term of the query starts a word of the text (for short lists)."""
    terms = query_terms(query)
    if not terms:
        return False
    words = _WORD.findall(fold(text))
    return all(any(word.startswith(term) for word in words) for term in terms)
