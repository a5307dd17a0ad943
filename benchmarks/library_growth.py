"""How the kiosk's costs grow with its library, and how it fares on one slow core (issue #19).

``make bench-growth`` (about a minute on 2 cores) prints two Markdown tables and writes
``benchmarks/growth.json``:

- growth: 200, 1,000 and 5,000 generated tutorials (packs of 250, as the pack limits allow),
  imported one pack after the other on top of the built-in pack, as signed (with their
  compact form: kiosk.core.pack_compact); import seconds per 1,000 tutorials (the YAML path
  and its references: ``benchmarks/import_growth.py``); search p95 (ContentStore.search)
  against a bare FTS5 MATCH; and, in a child process (``library_window.py``), press → next
  frame for opening the largest theme, its next page, scrolling, changing language and
  searching, with the window's peak memory against a bare PySide6 window's;
- one slow core: the same child over 5,000 tutorials, plus "Suivant" onto every step of the
  built-in pack, pinned to one core (``taskset -c 0``), then on one core under a 50 % CPU
  quota (a cgroup v1 or v2 ``cpu`` group, where this user may create one; skipped otherwise).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from import_growth import import_cpu

from content_timings import search_times
from figures import percentile
from generated_pack import write_library
from window_timings import add_long_reading_tutorial

HERE = Path(__file__).resolve().parent
SIZES = (200, 1000, 5000)
ACTIONS = {
    "open_theme": "open the largest theme",
    "next_page": "its next page",
    "scroll": "scroll it to the end",
    "language": "change language, theme open",
    "search": "search + Chercher",
    "next_step": "Suivant, every built-in step",
    "bare": "reference: bare window, click → label",
}
FRAME_GOAL_MS = 16.0
STALL_GOAL_MS = 50.0
MEMORY_GOAL_MIB = 40.0
IMPORT_GOAL_S = 1.0  # CPU seconds per 1,000 tutorials
IMPORT_RUNS = 3


def build_library(size: int, scratch: Path) -> tuple[Path, list[float]]:
    """A database with the built-in pack and ``size`` generated tutorials, and the CPU
    seconds per 1,000 tutorials of each of IMPORT_RUNS imports of them.

    The import is timed IMPORT_RUNS times, each into a new database (the first one is kept):
    on this shared VM the CPU time of the very same reading moves by half from one second
    to the next (0.48 to 0.77 s per 1,000 tutorials, nothing else changed), so one run says
    more about the host than about the kiosk. The best run is the closest to the cost (as
    ``timeit`` takes the minimum); the spread is shown beside it.
    """
    folders = write_library(scratch / f"library-{size}", size)
    database = scratch / f"library-{size}.db"
    runs = [import_cpu(folders, database)]
    for run in range(1, IMPORT_RUNS):
        spare = scratch / f"library-{size}-spare-{run}.db"
        runs.append(import_cpu(folders, spare))
        for path in scratch.glob(f"{spare.name}*"):  # the database and its -wal, -shm
            path.unlink()
    add_long_reading_tutorial(database)
    return database, [seconds * 1000 / size for seconds in runs]


def child(database: Path, steps: bool, prefix: list[str] | None = None) -> dict:
    command = [*(prefix or []), sys.executable, str(HERE / "library_window.py"), str(database)]
    if steps:
        command.append("--steps")
    out = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def child_env() -> dict[str, str]:
    """The children import the benchmarks' modules, and the kiosk from where the parent does:
    a copy put first on ``PYTHONPATH`` (an A/B run against another commit) stays first."""
    paths = [str(HERE), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(paths))


def bare_peak_kib() -> int:
    out = subprocess.run(
        [sys.executable, str(HERE / "bare_window.py")],
        capture_output=True,
        text=True,
        env=child_env(),
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("peak-memory-kib:"))
    return int(line.split()[1])


def quota_prefix() -> tuple[list[str], str] | None:
    """A command prefix that runs a child on one core at a 50 % CPU quota, or None."""
    for root, quota_file, value in (
        ("/sys/fs/cgroup/cpu", "cpu.cfs_quota_us", "50000"),
        ("/sys/fs/cgroup", "cpu.max", "50000 100000"),
    ):
        group = Path(root) / "kiosk-bench-half-core"
        try:
            group.mkdir(exist_ok=True)
            if quota_file == "cpu.cfs_quota_us":
                (group / "cpu.cfs_period_us").write_text("100000")
            (group / quota_file).write_text(value)
        except OSError:
            continue
        # The shell joins the group, then becomes the pinned child.
        script = f'echo $$ > {group}/cgroup.procs && exec taskset -c 0 "$@"'
        return ["sh", "-c", script, "sh"], str(group)
    return None


def summary(values: list[float]) -> dict:
    return {
        "p50": percentile(values, 0.5),
        "p95": percentile(values, 0.95),
        "max": max(values),
    }


def row(name: str, values: list[float], judged: bool = True) -> str:
    """A cell: p50 / p95 / longest, and whether the goal is met when ``judged``."""
    s = summary(values)
    if name == "bare":
        return f"{s['p50']:.2f} / {s['p95']:.2f} / {s['max']:.2f} ms"
    cell = f"{s['p50']:.1f} / {s['p95']:.1f} / {s['max']:.1f} ms"
    if not judged:
        return cell
    met = "met" if s["p95"] <= FRAME_GOAL_MS and s["max"] <= STALL_GOAL_MS else "not met"
    return f"{cell} ({met})"


def judged_on_a_slow_core(where: str, action: str) -> bool:
    """Issue #19 sets one goal on a slow core: "Suivant" onto every built-in step, on one
    core. The other rows (the library's presses on one core, everything at a 50 % quota)
    are shown so that a change that slows the kiosk on an old PC shows, without a goal."""
    return action == "next_step" and "50 %" not in where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--output", type=Path, default=HERE / "growth.json")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--no-slow-core",
        action="store_true",
        help="skip the one-slow-core table (a quicker run while working on the growth table)",
    )
    which.add_argument(
        "--slow-core-only",
        action="store_true",
        help="only the one-slow-core table, over a library of the largest of --sizes",
    )
    args = parser.parse_args(argv)
    results: dict = {"sizes": {}, "slow_core": {}, "load_average": {"start": os.getloadavg()[0]}}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        bare = bare_peak_kib()
        results["bare_window_peak_kib"] = bare
        for size in [] if args.slow_core_only else args.sizes:
            print(f"… {size} tutorials", file=sys.stderr, flush=True)
            database, per_thousand = build_library(size, scratch)
            searches = search_times(database, passes=3)
            window = child(database, steps=False)
            results["sizes"][size] = {
                "import_cpu_s_per_1000": min(per_thousand),
                "import_cpu_s_per_1000_runs": per_thousand,
                "search_p95_ms": percentile([s.p95 * 1000 for s in searches], 0.5),
                "bare_match_p95_ms": percentile([s.bare_p95 * 1000 for s in searches], 0.5),
                "window": window,
            }
        largest = max(args.sizes)
        database = scratch / f"library-{largest}.db"
        if args.slow_core_only:
            print(f"… {largest} tutorials", file=sys.stderr, flush=True)
            database, _per_thousand = build_library(largest, scratch)
        if not args.no_slow_core:
            results["slow_core_tutorials"] = largest
            slow_core(results["slow_core"], database)
    results["load_average"]["end"] = os.getloadavg()[0]
    args.output.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(markdown(results))
    return 0


def slow_core(results: dict, database: Path) -> None:
    """The window over ``database`` pinned to one core, then at a 50 % quota where allowed."""
    print("… one core", file=sys.stderr, flush=True)
    results["one core"] = child(database, True, ["taskset", "-c", "0"])
    quota = quota_prefix()
    if quota is None:
        results["one core, 50 % quota"] = "no cpu cgroup may be made here"
        return
    prefix, group = quota
    print("… one core at 50 %", file=sys.stderr, flush=True)
    try:
        results["one core, 50 % quota"] = child(database, True, prefix)
    finally:
        os.rmdir(group)


def markdown(results: dict) -> str:
    """The growth table (when sizes were measured), the load, then the one-slow-core table."""
    bare = results["bare_window_peak_kib"] / 1024
    sizes = list(results["sizes"])
    lines = _growth_table(results, sizes, bare) if sizes else []
    start, end = results["load_average"]["start"], results["load_average"]["end"]
    lines += [f"Load average (1 min) at the start and end of the run: {start:.1f}, {end:.1f}."]
    if not results["slow_core"]:
        return "\n".join(lines)
    tutorials = results.get("slow_core_tutorials", max(SIZES))
    lines += ["", f"| one slow core, {tutorials:,} tutorials | p50 / p95 / longest |", "|---|---|"]
    for where, measured in results["slow_core"].items():
        if isinstance(measured, str):
            lines.append(f"| {where} | {measured} |")
            continue
        for action, values in measured["ms"].items():
            cell = row(action, values, judged_on_a_slow_core(where, action))
            lines.append(f"| {where}: {ACTIONS[action]} | {cell} |")
    return "\n".join(lines)


def import_cell(size: dict) -> str:
    """The import's cell, e.g. "0.71 s (0.71–0.85 s) (met)": the best run, the spread of all
    runs, the verdict on the best (the goal: ≤ IMPORT_GOAL_S CPU seconds per 1,000
    tutorials). A result file written before runs were kept has one figure."""
    runs = size.get("import_cpu_s_per_1000_runs") or [size["import_cpu_s_per_1000"]]
    best = min(runs)
    verdict = "met" if best <= IMPORT_GOAL_S else "not met"
    return f"{best:.2f} s ({best:.2f}–{max(runs):.2f} s) ({verdict})"


def _growth_table(results: dict, sizes: list, bare: float) -> list[str]:
    lines = [
        "| figure (p50 / p95 / longest) | " + " | ".join(f"{s:,} tutorials" for s in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for action in ("open_theme", "next_page", "scroll", "language", "search", "bare"):
        cells = [row(action, results["sizes"][s]["window"]["ms"][action]) for s in sizes]
        lines.append(f"| {ACTIONS[action]}, press → frame | " + " | ".join(cells) + " |")
    lines.append(
        "| search p95 (bare MATCH p95) | "
        + " | ".join(
            f"{results['sizes'][s]['search_p95_ms']:.1f} ms "
            f"({results['sizes'][s]['bare_match_p95_ms']:.1f} ms)"
            for s in sizes
        )
        + " |"
    )
    lines.append(
        f"| import, CPU s per 1,000 tutorials (signed packs; best of {IMPORT_RUNS}, all runs) | "
        + " | ".join(import_cell(results["sizes"][s]) for s in sizes)
        + " |"
    )
    lines.append(
        f"| peak memory (bare window {bare:.1f} MiB) | "
        + " | ".join(
            f"+{results['sizes'][s]['window']['peak_memory_kib'] / 1024 - bare:.1f} MiB"
            for s in sizes
        )
        + " |"
    )
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
