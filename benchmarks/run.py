"""Pas à pas benchmarks against the targets of DESIGN.md: ``make bench``, or ``--quick``.

Prints a table (figure, median, spread, reference, ratio, goal, result) and writes
``results.json`` with every raw sample and the machine. Each time is measured several times and
set against a reference measured in the same run; docs/benchmarks.md explains each figure.
``--quick`` makes few repetitions on a small pack: the test suite uses it to prove the script
works, never to judge the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if TYPE_CHECKING:
    from figures import Figure

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "results.json"


@dataclass(frozen=True)
class Plan:
    """How many times each figure is measured, and how big the generated pack is."""

    startup_runs: int
    first_start_runs: int
    journey_runs: int
    step_runs: int
    steps_per_run: int | None  # None: every step of every built-in tutorial
    listen_runs: int
    stall_runs: int
    stall_sentences_heard: int
    pack_tutorials: int
    pack_steps: int
    import_runs: int
    search_passes: int
    pin_checks: int
    typing_runs: int
    typing_keys: int | None  # None: the whole 60-word step


FULL = Plan(
    startup_runs=10,
    first_start_runs=5,
    journey_runs=5,
    step_runs=5,
    steps_per_run=None,
    listen_runs=10,
    stall_runs=3,
    stall_sentences_heard=4,
    pack_tutorials=200,
    pack_steps=10,
    import_runs=5,
    search_passes=5,
    pin_checks=20,
    typing_runs=3,
    typing_keys=None,
)
QUICK = Plan(
    startup_runs=2,
    first_start_runs=1,
    journey_runs=1,
    step_runs=2,
    steps_per_run=8,
    listen_runs=2,
    stall_runs=1,
    stall_sentences_heard=2,
    pack_tutorials=20,
    pack_steps=10,
    import_runs=1,
    search_passes=2,
    pin_checks=3,
    typing_runs=1,
    typing_keys=40,
)


def progress(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


STALL_HOW = (
    "Longest gap, wall clock, between ticks of a 1 ms precise QTimer on the UI thread "
    "(what a person waits, including the times the system did not run the kiosk at all),"
)
WORK_HOW = (
    "Most CPU time of the UI thread (time.thread_time) between two ticks of the same timer: "
    "the work the kiosk itself did at one stretch, without the times the system woke it late "
    "(waits for the GIL or the disk are not counted)"
)


def _ms(seconds: list[float]) -> list[float]:
    return [s * 1000 for s in seconds]


def make_template_database(scratch: Path) -> Path:
    """A database holding the built-in pack, copied for each start: a normal, not a first, start."""
    from kiosk.builtin_content import ensure_builtin_content
    from kiosk.store.content_store import ContentStore
    from kiosk.store.database import open_database

    template = scratch / "template.db"
    db = open_database(template)
    ensure_builtin_content(ContentStore(db))
    db.close()  # the last connection's close folds the WAL back into the file
    return template


def process_figures(plan: Plan, template: Path, scratch: Path) -> list[Figure]:
    """Start-up, first start and peak memory: whole child processes, kiosk and bare alternating."""
    import processes
    from figures import Figure, Goal, Series

    def fresh_copy(name: str) -> Path:
        database = scratch / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, database)
        return database

    environment = processes.child_environment(scratch)
    progress("warming the file and bytecode caches (untimed starts and a journey)")
    processes.bare_window(environment)
    processes.kiosk_start(scratch / "warm-up-first.db", environment)
    processes.kiosk_start(fresh_copy("warm-up"), environment, journey=True)
    bare, kiosk = [], []
    for run in range(plan.startup_runs):
        progress(f"start-up {run + 1}/{plan.startup_runs}")
        bare.append(processes.bare_window(environment))
        kiosk.append(processes.kiosk_start(fresh_copy(f"start-{run}"), environment))
    first = []
    for run in range(plan.first_start_runs):
        progress(f"first start {run + 1}/{plan.first_start_runs}")
        first.append(processes.kiosk_start(scratch / f"first-{run}.db", environment))
    journeys = []
    for run in range(plan.journey_runs):
        progress(f"whole journey {run + 1}/{plan.journey_runs}")
        database = fresh_copy(f"journey-{run}")
        journeys.append(processes.kiosk_start(database, environment, journey=True))

    bare_time = Series([r.seconds_to_first_paint for r in bare])
    bare_memory = Series([r.peak_rss_mib for r in bare])
    reference = "bare PySide6 window, one button"
    return [
        Figure(
            "startup",
            "Start-up to welcome screen",
            "s",
            Series([r.seconds_to_first_paint for r in kiosk]),
            "Spawn of `kiosk --db COPY` (built-in pack already installed) to the end of its "
            "first painted frame, read by the parent on the child's stdout.",
            bare_time,
            reference,
            Goal("≤ 1.5 × reference", 1.5, "ratio"),
        ),
        Figure(
            "first_start",
            "First start (imports built-in pack)",
            "s",
            Series([r.seconds_to_first_paint for r in first]),
            "As start-up, on a database file that does not exist yet.",
            bare_time,
            reference,
        ),
        Figure(
            "warm_up",
            "Longest warm-up step after the first frame",
            "ms",
            Series([max(r.warm_up_ms.values()) for r in kiosk]),
            "After its first frame the kiosk builds its other screens, one per turn of the "
            "event loop; the longest turn is the most a touch arriving then can wait.",
            details={"steps_ms": [r.warm_up_ms for r in kiosk]},
        ),
        Figure(
            "memory_start",
            "Peak memory, welcome screen",
            "MiB",
            Series([r.peak_rss_mib for r in kiosk]),
            "VmHWM (peak resident memory) of the start-up processes at their first frame.",
            bare_memory,
            reference,
        ),
        Figure(
            "memory_journey",
            "Peak memory, whole journey",
            "MiB",
            Series([r.peak_rss_mib for r in journeys]),
            "VmHWM of a kiosk process that walks welcome → home → search → overview → "
            "Écouter → every step → completion, then quits.",
            bare_memory,
            reference,
            Goal("≤ reference + 40 MiB", 40.0, "above_reference"),
        ),
    ]


def window_figures(plan: Plan, template: Path, scratch: Path) -> list[Figure]:
    """Next step, "Écouter" and stalls while reading: the real window, in this process."""
    import window_timings
    from figures import Figure, Goal, Series, percentile

    steps: list[list[float]] = []
    bare_steps: list[list[float]] = []
    window_template = scratch / "window-template.db"
    shutil.copyfile(template, window_template)
    window_timings.add_long_reading_tutorial(window_template)
    with window_timings.kiosk_rig(window_template, scratch) as rig:
        for run in range(plan.step_runs):
            progress(f"next step {run + 1}/{plan.step_runs}")
            steps.append(_ms(window_timings.next_step_times(rig, plan.steps_per_run)))
            bare_steps.append(_ms(window_timings.bare_click_times(len(steps[-1]))))
        progress(f"Écouter ×{plan.listen_runs}")
        listens = window_timings.listen_times(rig, plan.listen_runs, scratch)
        progress(f"reading a long step aloud ×{plan.stall_runs}")
        stalls = window_timings.stall_times(rig, plan.stall_runs, plan.stall_sentences_heard)

    def per_run(runs: list[list[float]], fraction: float) -> Series:
        return Series([percentile(run, fraction) for run in runs])

    step_how = (
        "QTest click on the player's Suivant to the end of the next frame of the window "
        "(first Paint event of one of its widgets, then a zero timer: the frame is flushed); "
        f"{len(steps[0])} steps through the built-in tutorials per run"
        + (" (every one of them)." if plan.steps_per_run is None else ".")
    )
    all_steps = {"all_samples_ms": steps, "reference_all_samples_ms": bare_steps}
    bare_title = "bare window: click → label text → frame"
    return [
        Figure(
            "step_p50",
            "Next step, press → painted (p50)",
            "ms",
            per_run(steps, 0.5),
            step_how,
            per_run(bare_steps, 0.5),
            bare_title,
        ),
        Figure(
            "step_p95",
            "Next step, press → painted (p95)",
            "ms",
            per_run(steps, 0.95),
            step_how,
            per_run(bare_steps, 0.95),
            bare_title,
            Goal("p95 ≤ 16 ms", 16.0),
            all_steps,
        ),
        Figure(
            "listen",
            "Écouter → first sentence playing",
            "ms",
            Series(_ms([t.to_first_sentence for t in listens])),
            "QTest click on the player's Écouter (speech worker idle) to SpeechService's "
            "first sentence_started, emitted as the first clip is handed to the player.",
            Series(_ms([t.synthesis_alone for t in listens])),
            "espeak-ng alone, same sentence to WAV",
            Goal("≤ 150 ms", 150.0),
        ),
        Figure(
            "speech_stall",
            "Longest UI stall while reading",
            "ms",
            Series(_ms([t.reading for t in stalls])),
            f"{STALL_HOW} from the Écouter click until every clip of an 18-sentence reading "
            f"(position, title, a 16-sentence text) is rendered and "
            f"{plan.stall_sentences_heard} sentences have started.",
            Series(_ms([t.idle for t in stalls])),
            "same timer, same duration, nothing read",
            None,
            {
                "seconds_watched": [t.seconds for t in stalls],
                "sentences_heard": [t.sentences_heard for t in stalls],
            },
        ),
        Figure(
            "speech_stall_work",
            "Longest UI-thread work while reading",
            "ms",
            Series(_ms([t.reading_work for t in stalls])),
            f"{WORK_HOW} (the same reading).",
            Series(_ms([t.idle_work for t in stalls])),
            "same, nothing read",
            Goal("≤ 16 ms (worst run)", 16.0, statistic="max"),
        ),
    ]


def content_figures(plan: Plan, scratch: Path) -> list[Figure]:
    """Import of a generated pack into a fresh database, and search over it."""
    import content_timings
    from figures import Figure, Goal, Series
    from generated_pack import write_compact, write_pack

    folder = scratch / "generated-pack"
    write_pack(folder, plan.pack_tutorials, plan.pack_steps)
    write_compact(folder)  # as it reaches a kiosk: signed, with its compact form
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    progress(f"import of {plan.pack_tutorials} tutorials ×{plan.import_runs}")
    imports, database = content_timings.import_times(folder, scratch, plan.import_runs)
    progress(f"search ×{plan.search_passes}")
    searches = content_timings.search_times(database, plan.search_passes)
    pack = f"{plan.pack_tutorials} tutorials × {plan.pack_steps} steps"
    search_how = (
        f"ContentStore.search over the imported {pack}, {len(content_timings.SEARCH_QUERIES)} "
        "queries × 3 per pass, after a warm-up pass; one sample per pass."
    )
    search_details = {"queries": searches[-1].results}
    bare_match = "bare FTS5 MATCH, same terms"
    return [
        Figure(
            "pack_import",
            f"Pack import, {pack}",
            "s",
            Series([t.seconds for t in imports]),
            "read_pack + ContentStore.install into a new, migrated database file; the pack "
            "as signed (its compact form, kiosk.core.pack_compact).",
            Series([t.parse_only for t in imports]),
            "PyYAML C parser alone on its YAML files (the floor of reading the YAML)",
            Goal("≤ 1 s", 1.0),
            {"pack_bytes": size, "tutorials": plan.pack_tutorials, "steps": plan.pack_steps},
        ),
        Figure(
            "search_p50",
            "Search (p50)",
            "ms",
            Series(_ms([t.p50 for t in searches])),
            search_how,
            Series(_ms([t.bare_p50 for t in searches])),
            bare_match,
            details=search_details,
        ),
        Figure(
            "search_p95",
            "Search (p95)",
            "ms",
            Series(_ms([t.p95 for t in searches])),
            search_how,
            Series(_ms([t.bare_p95 for t in searches])),
            bare_match,
            Goal("≤ 10 ms", 10.0),
            search_details,
        ),
    ]


def pin_figures(plan: Plan, scratch: Path) -> list[Figure]:
    """A right PIN checked against its scrypt hash, as the PIN pad does off the UI thread."""
    import pin_timings
    from figures import Figure, Goal, Series

    progress(f"PIN check ×{plan.pin_checks}")
    checks, hashes = pin_timings.pin_check_times(scratch, plan.pin_checks)
    return [
        Figure(
            "pin_check",
            "PIN check (scrypt N=2^14, r=8, p=1)",
            "ms",
            Series(_ms(checks)),
            "PinBook.check with the right PIN on a database file (its own connection, one read).",
            Series(_ms(hashes)),
            "hashlib.scrypt alone, same parameters",
            Goal("≤ 150 ms", 150.0),
        )
    ]


def editor_figures(plan: Plan, template: Path, scratch: Path) -> list[Figure]:
    """Typing a 60-word step in the tutorial editor, preview and check running (issue #20)."""
    import editor_timings

    from figures import Figure, Goal, Series

    progress(f"typing in the editor ×{plan.typing_runs}")
    typing = editor_timings.typing_times(template, scratch, plan.typing_runs, plan.typing_keys)
    keys = typing[0].keys
    return [
        Figure(
            "editor_typing_stall",
            "Longest UI stall while typing in the editor",
            "ms",
            Series(_ms([t.typing for t in typing])),
            f"{STALL_HOW} while {keys} keys of a 60-word step are typed into the real "
            f"editor, one every {editor_timings.KEY_INTERVAL_MS} ms with a "
            f"{editor_timings.PAUSE_AFTER_SENTENCE_MS} ms pause after each sentence (the "
            "preview and the check run then), until the preview, check and draft saving "
            "after the last key are done.",
            Series(_ms([t.idle for t in typing])),
            "same timer, editor closed, nothing to do",
            None,
            {"seconds_watched": [t.seconds for t in typing]},
        ),
        Figure(
            "editor_typing_work",
            "Longest UI-thread work while typing in the editor",
            "ms",
            Series(_ms([t.typing_work for t in typing])),
            f"{WORK_HOW} (the same typing).",
            Series(_ms([t.idle_work for t in typing])),
            "same, editor closed",
            Goal("≤ 16 ms (worst run)", 16.0, statistic="max"),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, small pack")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="results.json path")
    parser.add_argument(
        "--scratch",
        type=Path,
        help="folder for the throw-away databases (default: the system's temporary folder); "
        "put it on the kiosk's disk to count its fsync cost",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the table in Markdown (docs/benchmarks.md)"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL

    from PySide6.QtWidgets import QApplication

    import pyside_refcounts
    from figures import markdown_table, plain_table
    from machine import describe_machine, filesystem_of

    app = QApplication.instance() or QApplication(sys.argv)
    lost = pyside_refcounts.references_lost()
    if any(lost.values()):
        progress(f"PySide6 loses references to None/True ({lost}): holding extra ones")
        pyside_refcounts.hold_extra_references()

    with tempfile.TemporaryDirectory(prefix="pas-a-pas-bench-", dir=args.scratch) as folder:
        scratch = Path(folder)
        template = make_template_database(scratch)
        figures = process_figures(plan, template, scratch)
        figures += window_figures(plan, template, scratch)
        figures += content_figures(plan, scratch)
        figures += pin_figures(plan, scratch)
        figures += editor_figures(plan, template, scratch)
        filesystem = filesystem_of(scratch)
    del app

    results = {
        "mode": "quick" if args.quick else "full",
        "plan": asdict(plan),
        "machine": {**describe_machine(), "scratch_filesystem": filesystem},
        "pyside_references_lost": lost,
        "order": [f.key for f in figures],
        "figures": {f.key: f.to_json() for f in figures},
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(markdown_table(figures) if args.markdown else plain_table(figures))
    print(f"\nWritten: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
