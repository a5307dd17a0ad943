"""Instructions per press, counted by Valgrind's callgrind: the same count at every run.

    .venv/bin/python benchmarks/instructions.py [--size 1000] [--presses 10]
    make bench-instructions

On a shared machine a time moves by a third from one run to the next (another program on
the same physical core, the host's own work), so a change that saves 10 % cannot be told
from noise by timing it, even alternating runs. The number of machine instructions the
kiosk runs for a press does not depend on the load: two runs of the same code give the same
count within 0.5 %. This script counts them (issue #19) for the presses of the growth table,
in the real window over a library of ``--size`` tutorials (benchmarks/library_growth.py),
and for a pack's import, each in a child process under ``valgrind --tool=callgrind``, with
counting switched on (``callgrind_control -i on``) only around the presses themselves:

- change of language with the largest theme open (French, English, in turn);
- its next page and back ("Voir la suite", "Voir les précédents");
- a search typed then "Chercher" (the growth table's queries, in turn);
- "Suivant" through the steps of the built-in tutorials, from the first one;
- the reference: a bare PySide6 window whose button changes one label
  (``window_timings.BareStepWindow``), counted the same way;
- the import of 500 generated tutorials (two signed packs), per 1,000 tutorials.

Each press is followed by the end of its frame (``qt_timing.FrameClock``), as in the timed
benchmarks, and the count includes the clock's own event filter, in the kiosk and the
reference alike. A count is not a time: memory waits and the host are left out, which is
the point. It needs Valgrind (``apt-get install valgrind``); under it the kiosk runs about
fifty times slower, so the whole script takes about two minutes.

To compare with another commit, put a copy of it first on ``PYTHONPATH`` (its catalogs
compiled: ``make translations`` in the copy, or the language change counts a French-only
window).
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Last: a copy of the kiosk put first on PYTHONPATH (an A/B count) stays first.
sys.path.append(str(HERE.parent))

SCENARIOS = ("reference", "language", "page", "search", "next step", "import")
IMPORT_TUTORIALS = 500


# -- the child, under callgrind --------------------------------------------------------------
def counting(on: bool) -> None:
    """Switch callgrind's counting on or off for this process."""
    subprocess.run(
        ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())],
        capture_output=True,
        check=True,
    )


def child(scenario: str, source: Path, presses: int) -> int:
    """Run ``scenario`` with counting around its presses; the number of presses made."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scenario == "import":
        return import_child(source)
    from library_window import QUERIES, look_at_themes

    from qt_timing import FrameClock, drain_events, wait_for_first_paint
    from window_timings import WINDOW_SIZE, BareStepWindow, _click, kiosk_rig

    if scenario == "reference":
        from PySide6.QtWidgets import QApplication

        _app = QApplication.instance() or QApplication([])
        window = BareStepWindow()
        window.resize(*WINDOW_SIZE)
        wait_for_first_paint(window)
        clock = FrameClock(window)
        clock.time(_click(window.button))
        drain_events()
        counting(True)
        for _ in range(presses):
            clock.time(_click(window.button))
            drain_events()
        counting(False)
        return presses
    with tempfile.TemporaryDirectory() as scratch, kiosk_rig(source, Path(scratch)) as rig:
        window, home = rig.window, rig.window.home
        clock = FrameClock(window)
        largest = look_at_themes(rig, clock)
        card = next(c for c in home.cards if c.objectName() == f"category-{largest}")
        clock.time(_click(card))
        drain_events()
        actions = {
            "language": lambda n: lambda: window._on_language_chosen(("en", "fr")[n % 2]),
            "page": lambda n: _click(home.earlier_button if n % 2 else home.later_button),
            "search": lambda n: search(home, QUERIES[n % len(QUERIES)]),
        }
        if scenario in actions:
            for n in range(2):  # once each way untimed: the first change of language loads
                clock.time(actions[scenario](n))  # its catalog
                drain_events()
            counting(True)
            for n in range(presses):
                clock.time(actions[scenario](n))
                drain_events()
            counting(False)
            return presses
        return next_steps(rig, clock, presses)


def search(home, query: str):
    from window_timings import _click

    def act() -> None:
        home.search_field.setText(query)
        _click(home.search_button)()

    return act


def next_steps(rig, clock, presses: int) -> int:
    """ "Suivant" ``presses`` times (or to the end of the built-in tutorials), counted."""
    from qt_timing import drain_events
    from window_timings import _click

    window, player = rig.window, rig.window.player
    skipped = ("banc-essai", rig.long_tutorial)
    made = 0
    for summary in rig.content.tutorials():
        if summary.id.startswith(skipped) or made >= presses:
            continue
        window.start_session()
        window.start_tutorial(summary.id)
        drain_events()
        counting(True)
        for _index in range(1, len(player.tutorial.steps)):
            if made == presses:
                break
            clock.time(_click(player.next_button))
            drain_events()
            made += 1
        counting(False)
    return made


def import_child(library: Path) -> int:
    from kiosk.builtin_content import ensure_builtin_content
    from kiosk.core.pack_reader import read_pack
    from kiosk.store.content_store import ContentStore
    from kiosk.store.database import open_database

    folders = sorted(path for path in library.iterdir() if path.is_dir())
    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(Path(scratch) / "kiosk.db")
        store = ContentStore(db)
        ensure_builtin_content(store)
        counting(True)
        for folder in folders:
            store.install(read_pack(folder))
        counting(False)
        db.close()
    return IMPORT_TUTORIALS


# -- the parent --------------------------------------------------------------------------------
def count(scenario: str, source: Path, presses: int, scratch: Path) -> tuple[int, int]:
    """(instructions counted, presses made) of one scenario, in a child under callgrind."""
    out = scratch / f"callgrind-{scenario.replace(' ', '-')}.out"
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={out}",
            sys.executable,
            __file__,
            "--child",
            scenario,
            str(source),
            "--presses",
            str(presses),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    made = int(done.stdout.strip().splitlines()[-1])
    totals = next(line for line in out.read_text().splitlines() if line.startswith("totals:"))
    return int(totals.split()[1]), made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="tutorials in the library")
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--child", nargs=2, metavar=("SCENARIO", "SOURCE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(child(args.child[0], Path(args.child[1]), args.presses), flush=True)
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("Valgrind is missing: apt-get install valgrind", file=sys.stderr)
        return 1
    # The kiosk first, from PYTHONPATH if a copy is there: import_growth, imported by
    # library_growth, puts this checkout first on sys.path.
    importlib.import_module("kiosk")
    from library_growth import build_library

    from generated_pack import write_library

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        database, _seconds = build_library(args.size, scratch)
        library = scratch / "import-library"
        write_library(library, IMPORT_TUTORIALS)
        reference = None
        for scenario in SCENARIOS:
            print(f"… {scenario}", file=sys.stderr, flush=True)
            source = library if scenario == "import" else database
            total, made = count(scenario, source, args.presses, scratch)
            if scenario == "import":
                rows.append(("import, per 1,000 tutorials", total * 1000 / made, None))
                continue
            each = total / made
            reference = reference or each
            rows.append((scenario, each, each / reference))
    print(f"| press (library of {args.size:,} tutorials) | million instructions | × reference |")
    print("|---|---|---|")
    for name, each, ratio in rows:
        print(f"| {name} | {each / 1e6:,.1f} | {'—' if ratio is None else f'{ratio:.0f} ×'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
