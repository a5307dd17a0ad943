"""The benchmark script runs end to end and records every figure (``run.py --quick``).

No timing is asserted: a test machine's speed says nothing about the kiosk's. The figures
themselves are judged by ``make bench`` and written up in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIGURES = {
    "startup",
    "first_start",
    "warm_up",
    "memory_start",
    "memory_journey",
    "step_p50",
    "step_p95",
    "listen",
    "speech_stall",
    "speech_stall_work",
    "pack_import",
    "search_p50",
    "search_p95",
    "pin_check",
    "editor_typing_stall",
    "editor_typing_work",
}
WITHOUT_REFERENCE = {"warm_up"}  # the kiosk's own screens, after the frame the reference ends on
WITH_GOAL = {
    "startup",
    "memory_journey",
    "step_p95",
    "listen",
    "speech_stall_work",
    "pack_import",
    "pin_check",
    "editor_typing_work",
}


def test_quick_benchmark_run_records_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--output", str(output)],
        env=env,
        capture_output=True,
        text=True,
        timeout=110,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    results = json.loads(output.read_text(encoding="utf-8"))

    assert results["mode"] == "quick"
    assert set(results["figures"]) == FIGURES
    assert results["order"][0] == "startup"
    for key, figure in results["figures"].items():
        assert figure["samples"], key
        assert all(math.isfinite(value) and value > 0 for value in figure["samples"]), key
        assert figure["min"] <= figure["median"] <= figure["max"], key
        if key not in WITHOUT_REFERENCE:
            assert figure["reference"] and figure["reference"]["samples"], key
        assert figure["how"], key
        if key in WITH_GOAL or key == "search_p95":
            assert isinstance(figure["met"], bool), key
            assert figure["goal"]["text"], key
    machine = results["machine"]
    for field in ("cpu", "cores", "ram_mib", "python", "qt", "pyside6", "date"):
        assert machine[field], field
    for figure in results["figures"].values():
        assert figure["title"] in finished.stdout  # the printed table names every figure
