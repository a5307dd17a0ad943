"""A short soak: visits one after another keep nothing (``benchmarks/soak.py``, seeded).

The real window, offscreen, on a fresh database with the built-in pack; a seeded random person
taps, types, changes language, text size and contrast, answers practice pages, and leaves
("Terminer") or walks away (the idle reset) often, so that many visits fit in a few seconds.
Back on the welcome screen after each visit, the window's QObjects and the application's widgets
must be as many as after the warm-up, and the Python objects must not climb visit after visit.
The full measure, with resident memory, is ``make soak`` (docs/benchmarks.md, "Long life").
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO

WARM_UP_VISITS = 5  # every screen and overlay built, most languages and sizes seen
MEASURED_VISITS = 15
QUICK_WEIGHTS = {"tap": 30, "finish": 15, "idle": 15, "language": 5, "text_size": 1, "contrast": 1}


@pytest.fixture(scope="module")
def soak_module():
    spec = importlib.util.spec_from_file_location("soak", REPO / "benchmarks" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("soak", None)


def test_visits_after_warm_up_keep_no_object(qapp, tmp_path, soak_module) -> None:
    result = soak_module.soak(
        actions=2_000,
        seed=11,
        folder=tmp_path,
        trace=False,
        until_visits=WARM_UP_VISITS + MEASURED_VISITS,
        weights=QUICK_WEIGHTS,
    )
    visits = [s for s in result.visit_samples() if s.visits >= WARM_UP_VISITS]
    assert len(visits) >= MEASURED_VISITS, result.done
    first, last = visits[0], visits[-1]
    # Qt objects are counted exactly: one kept per visit would be 15 here.
    assert last.qobjects - first.qobjects <= 2, [s.qobjects for s in visits]
    assert last.widgets - first.widgets <= 2, [s.widgets for s in visits]
    # Python objects move a little with what the collector has not yet freed; a visit that
    # keeps even a few objects shows as a steady slope.
    slope = result.per_visit(WARM_UP_VISITS)["python_objects"]
    assert slope < 20, [s.python_objects for s in visits]


def test_a_button_without_parent_goes_when_dropped(qapp) -> None:
    """A lambda holding the button in its own ``toggled`` connection kept it for ever."""
    import gc

    from PySide6.QtWidgets import QApplication

    from kiosk.ui.widgets import BigButton

    before = len(QApplication.allWidgets())
    for _ in range(10):
        button = BigButton("check", "primary")
        button.setCheckable(True)
        button.setChecked(True)  # its icon is drawn again, white
        del button
    gc.collect()
    assert len(QApplication.allWidgets()) == before
