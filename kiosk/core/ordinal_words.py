"""Ordinals said as words ("4e" → "quatrième", "4º" → "cuarto"), with num2words.

num2words holds an ordinal table per language, more than we would want to keep ourselves
(French alone has "premier", "vingt et unième", "quatre-vingt-dixième"…). Its package, when
imported, builds the tables of its 56 languages at once: 3.7 MiB of the kiosk's memory, for
the one to three it uses (only the French, Spanish and Portuguese lexicons turn ordinals
into words; the other voices read them well). Measured on the test VM, the three tables
alone cost 0.9 MiB (issue #19: the whole journey must stay within 40 MiB of a bare window).
So ``ordinal_words`` imports only the module of the language asked (``num2words.lang_FR``),
with the package's ``__init__`` not run, and then takes the package back out of
``sys.modules``: any other ``import num2words`` in the process still gets the whole library.

Plain Python, no Qt.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from functools import cache
from typing import Protocol

_PACKAGE = "num2words"
_LOADING = threading.Lock()


class _Converter(Protocol):
    def to_ordinal(self, number: int) -> str: ...


def ordinal_words(number: int, language: str) -> str:
    """``number`` (an int ≥ 0) as an ordinal in words, in ``language`` (ISO 639-1, "fr").

    Raises NotImplementedError when num2words has no table for ``language`` (or is not
    installed), and what num2words raises for a number it cannot say (OverflowError,
    ValueError, TypeError).
    """
    return str(_converter(language).to_ordinal(number))


@cache
def _converter(language: str) -> _Converter:
    """num2words's converter for ``language``, its module alone imported (see the module's
    docstring); the whole package's when something else imported it already."""
    if not language.isascii() or not language.isalpha():
        raise NotImplementedError(language)
    code = language.upper()
    whole = sys.modules.get(_PACKAGE)
    if whole is not None and hasattr(whole, "CONVERTER_CLASSES"):
        if language not in whole.CONVERTER_CLASSES:
            raise NotImplementedError(language)
        return whole.CONVERTER_CLASSES[language]
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.submodule_search_locations is None:
        raise NotImplementedError(f"{_PACKAGE} is not installed")
    with _LOADING:
        before = {name: module for name, module in sys.modules.items() if _ours(name)}
        sys.modules[_PACKAGE] = importlib.util.module_from_spec(spec)  # __init__ not run
        try:
            module = importlib.import_module(f"{_PACKAGE}.lang_{code}")
        except ModuleNotFoundError as missing:
            raise NotImplementedError(language) from missing
        finally:
            for name in [name for name in sys.modules if _ours(name)]:
                del sys.modules[name]
            sys.modules.update(before)
    converter = getattr(module, f"Num2Word_{code}", None)
    if converter is None:
        raise NotImplementedError(language)
    return converter()


def _ours(name: str) -> bool:
    return name == _PACKAGE or name.startswith(_PACKAGE + ".")
