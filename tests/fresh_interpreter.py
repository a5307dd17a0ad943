"""Run a few lines in a new Python process and see which modules they loaded.

What a start imports can only be seen from a clean interpreter: in the test process, other
tests have already imported everything.
"""

from __future__ import annotations

import subprocess
import sys


def modules_loaded(script: str, packages: tuple[str, ...]) -> list[str]:
    """The modules of ``packages`` (and their sub-modules) loaded once ``script`` has run."""
    report = (
        f"\nimport sys as _sys\n_wanted = {set(packages)!r}\n"
        "print(','.join(sorted(m for m in _sys.modules if m.split('.')[0] in _wanted)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script + report], capture_output=True, text=True, check=True
    )
    last_line = result.stdout.rstrip("\n").split("\n")[-1]
    return [name for name in last_line.split(",") if name]
