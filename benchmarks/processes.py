"""Whole-process measures: time from spawn to the first painted frame, and peak memory.

The clock runs in the parent, from just before the spawn to the moment it reads the child's
``READY_LINE``: interpreter start, imports, database, window and first frame are all inside.
Peak memory is the child's own ``VmHWM``, which it prints last (see ``announce_peak_memory``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from qt_timing import PEAK_MEMORY_PREFIX, READY_LINE, WARM_UP_PREFIX

HERE = Path(__file__).resolve().parent
BARE_WINDOW = HERE / "bare_window.py"
KIOSK_PROCESS = HERE / "kiosk_process.py"
TIMEOUT_S = 60.0


def child_environment(scratch: Path) -> dict[str, str]:
    """This environment, with bytecode caching on, in a cache of the benchmark's own.

    An installed kiosk starts from compiled bytecode; a developer's shell may forbid writing
    it (PYTHONDONTWRITEBYTECODE), and every start would then compile the kiosk's sources again.
    The prefix keeps the cache out of the source tree; the untimed warm-up start fills it.
    """
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(scratch / "bytecode")
    return environment


class MeasuredProcessError(RuntimeError):
    """A measured child process failed; the message carries its exit code and stderr."""


@dataclass(frozen=True)
class ProcessRun:
    """One child process: seconds from spawn to its first frame, and its peak memory.

    ``warm_up_ms``: each screen built after the first frame and how long it held the event
    loop (start-up processes of the kiosk only).
    """

    seconds_to_first_paint: float
    peak_rss_mib: float
    warm_up_ms: dict[str, float] = field(default_factory=dict)


def run_child(script: Path, *arguments: str, environment: dict[str, str]) -> ProcessRun:
    """Start ``script`` with this interpreter, wait for its first frame and for its end."""
    command = [sys.executable, str(script), *arguments]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
            env=environment,
        )
        watchdog = threading.Timer(TIMEOUT_S, child.kill)
        watchdog.start()
        try:
            elapsed = _seconds_until_ready(child, start)
            assert child.stdout is not None
            rest = child.stdout.read().splitlines()
            code = child.wait()
        finally:
            watchdog.cancel()
        peaks = [line.split()[1] for line in rest if line.startswith(PEAK_MEMORY_PREFIX)]
        warm_up = [line.split()[1:] for line in rest if line.startswith(WARM_UP_PREFIX)]
        if code != 0 or elapsed is None or not peaks:
            errors.seek(0)
            raise MeasuredProcessError(
                f"{script.name} {' '.join(arguments)} ended with code {code}:\n"
                f"{errors.read()[-2000:]}"
            )
    steps = dict(step.split("=") for step in warm_up[-1]) if warm_up else {}
    return ProcessRun(
        elapsed, int(peaks[-1]) / 1024, {name: float(ms) for name, ms in steps.items()}
    )


def _seconds_until_ready(child: subprocess.Popen[str], start: float) -> float | None:
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == READY_LINE:
            return time.perf_counter() - start
    return None


def bare_window(environment: dict[str, str]) -> ProcessRun:
    return run_child(BARE_WINDOW, environment=environment)


def kiosk_start(database: Path, environment: dict[str, str], journey: bool = False) -> ProcessRun:
    extra = ["--journey"] if journey else []
    return run_child(KIOSK_PROCESS, "--db", str(database), *extra, environment=environment)
