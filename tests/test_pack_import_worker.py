"""Importing packs off the UI thread with progress (issue #19): real packs, a real file."""

from __future__ import annotations

from functools import partial

from kiosk.pack_import import import_packs
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database
from kiosk.ui.background_task import BackgroundTask
from tests.packs import tutorial_yaml, write_pack


def three_packs(tmp_path):
    good = [
        write_pack(tmp_path / f"p{n}", pack_id=f"p{n}", tutorials={f"t{n}": tutorial_yaml(f"t{n}")})
        for n in (1, 2)
    ]
    broken = write_pack(tmp_path / "broken", pack_id="broken", tutorials={"b": "id: [unclosed"})
    return [good[0], broken, good[1]]


def test_packs_are_imported_in_the_background_with_progress(qtbot, tmp_path):
    database = tmp_path / "kiosk.db"
    paths = three_packs(tmp_path)
    task = BackgroundTask(partial(import_packs, paths, database))
    seen: list[tuple[int, int]] = []
    task.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(task.succeeded, timeout=20_000) as finished:
        task.start()
    outcomes = finished.args[0]
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]  # delivered on the UI thread, in order
    assert [o.problem is None for o in outcomes] == [True, False, True]
    assert outcomes[1].problem.startswith("Le paquet est refusé : tutorials/b.yaml")
    ids = [t.id for t in ContentStore(open_database(database)).tutorials()]
    assert sorted(ids) == ["t1", "t2"]  # the broken pack changed nothing


def test_a_failing_work_becomes_a_sentence(qtbot):
    def work(progress):
        progress(0, 1)
        raise RuntimeError("boom")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed, timeout=5_000) as failed:
        task.start()
    assert failed.args == ["Le travail n'a pas pu se terminer (RuntimeError)."]
    assert task.wait(5)
