"""Ordinals in words from num2words's table of one language, without its 56 others."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kiosk.core.ordinal_words import ordinal_words

LANGUAGES_WITH_ORDINALS = ("fr", "es", "pt")


def test_the_tables_the_lexicons_use():
    assert ordinal_words(1, "fr") == "premier"
    assert ordinal_words(4, "fr") == "quatrième"
    assert ordinal_words(21, "fr") == "vingt et unième"
    assert ordinal_words(4, "es") == "cuarto"
    assert ordinal_words(2, "pt") == "segundo"


@pytest.mark.parametrize("language", ["xx", "../fr", "fr.lang_EN", "", "ｆｒ"])
def test_a_language_without_a_table_is_refused(language):
    with pytest.raises(NotImplementedError):
        ordinal_words(3, language)


def test_only_the_asked_tables_are_loaded_and_the_whole_library_still_imports():
    """In a fresh process: the three tables load without the package's 56; the words are
    num2words's own, for every number a lexicon turns into words (1 to 4 digits); and an
    ``import num2words`` afterwards still gets the whole library."""
    script = textwrap.dedent(
        f"""
        import sys
        from kiosk.core.ordinal_words import ordinal_words
        ours = {{(n, lang): ordinal_words(n, lang)
                 for lang in {LANGUAGES_WITH_ORDINALS!r} for n in range(0, 10000, 7)}}
        assert "num2words" not in sys.modules, sorted(sys.modules)
        assert not any(name.startswith("num2words") for name in sys.modules)
        from num2words import num2words
        for (n, lang), words in ours.items():
            assert words == num2words(n, lang=lang, to="ordinal"), (n, lang, words)
        assert num2words(3, lang="de", to="ordinal") == "dritte"
        print(len(ours))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == 3 * len(range(0, 10000, 7))


def test_after_the_whole_library_its_converters_are_used():
    script = textwrap.dedent(
        """
        import num2words
        from kiosk.core.ordinal_words import _converter, ordinal_words
        assert ordinal_words(2, "fr") == "deuxième"
        assert _converter("fr") is num2words.CONVERTER_CLASSES["fr"]
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
