"""The cycle collector is paused while a pack is read, and always runs again after (#19)."""

from __future__ import annotations

import gc
import threading

import pytest

from kiosk.core import cycle_collector
from kiosk.core.pack_checks import PackError
from kiosk.core.pack_files import PackFiles
from kiosk.core.pack_reader import build_pack, read_pack
from tests.packs import tutorial_yaml, write_pack


@pytest.fixture(autouse=True)
def collector_running():
    assert gc.isenabled()
    yield
    gc.enable()


def test_reading_a_pack_pauses_the_collector_then_lets_it_run(builtin_pack_dir):
    seen = []
    build_pack(PackFiles.open(builtin_pack_dir), progress=lambda *_: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_refused_pack_lets_the_collector_run_again(tmp_path):
    folder = write_pack(tmp_path / "p", tutorials={"essai": tutorial_yaml(category="inconnue")})
    with pytest.raises(PackError):
        read_pack(folder)
    assert gc.isenabled()


def test_pauses_nest_and_end_with_the_last():
    with cycle_collector.paused():
        with cycle_collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_in_the_block_ends_the_pause():
    with pytest.raises(ValueError), cycle_collector.paused():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_stopped_before_stays_stopped():
    gc.disable()
    with cycle_collector.paused():
        pass
    assert not gc.isenabled()


def test_pauses_of_two_threads_overlap():
    """A pack read in the import worker while another is read elsewhere: the collector runs
    again only once both are done."""
    first_in, second_done = threading.Event(), threading.Event()
    states = []

    def worker() -> None:
        with cycle_collector.paused():
            first_in.set()
            second_done.wait(5)
            states.append(gc.isenabled())

    thread = threading.Thread(target=worker)
    thread.start()
    assert first_in.wait(5)
    with cycle_collector.paused():
        pass
    states.append(gc.isenabled())  # the worker's pause is still on
    second_done.set()
    thread.join(5)
    assert states == [False, False]
    assert gc.isenabled()


def test_after_the_warm_up_full_collections_leave_the_screens_alone(qtbot, window):
    """Once the later screens are built, what is alive is set aside: a full collection then
    walks only what was made since (docs/benchmarks.md, "Python's full collections")."""
    citizen = window.citizen
    window.show()
    qtbot.waitUntil(lambda: citizen.objects_set_aside > 0, timeout=20_000)
    assert citizen.objects_set_aside > 10_000
    assert gc.get_freeze_count() > 10_000  # less a few freed since, by their reference counts
    assert len(gc.get_objects()) < citizen.objects_set_aside / 4
    window.start_session()  # the kiosk still works, and what it makes is collected
    assert window.home.isVisible()
    gc.collect()
    assert len(gc.get_objects()) < citizen.objects_set_aside / 4
