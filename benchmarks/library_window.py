"""The child process of library_growth.py: the real window over a big library, timed.

``library_window.py DATABASE [--steps]`` builds the kiosk's MainWindow on a copy of DATABASE and
times, press → end of the next frame (``qt_timing.FrameClock``): opening the largest theme,
its next page, scrolling it to the bottom, changing language with the theme open, and a
search typed then confirmed. With ``--steps`` it also presses "Suivant" onto every step of
every built-in tutorial. The reference is a bare window's click → label → frame, timed
in the same process (``window_timings.bare_click_times``). It prints one JSON line
(milliseconds per action, and its peak memory in KiB) and exits. A child process of its
own, so that its peak memory is the window's, and so that the parent can pin it to one
core or put it under a CPU quota.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from kiosk.core.content import CATEGORIES
from kiosk.ui.touch_scroll import TouchScrollArea

from qt_timing import FrameClock, drain_events, run_until
from window_timings import _click, bare_click_times, kiosk_rig, next_step_times

ROUNDS = 16  # each action, in turn, so a slow moment of the machine touches them all alike
# A person looks at the themes before pressing one: the home makes its tiles in idle turns of
# the event loop meanwhile (about 1 ms each). Pressing at machine speed, 3 turns after
# "Commencer", timed the making of most of a page of tiles as the first opening (27–53 ms
# in every run of the growth table, twice the next longest).
LOOK_MS = 500
QUERIES = ("co", "impots", "carte vitale", "mot de passe", "e", "zzzqqq")


def peak_memory_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def look_at_themes(rig, clock: FrameClock) -> str:
    """Press "Commencer" and look at the themes for LOOK_MS; the largest theme's key."""
    counts = rig.content.category_counts()
    largest = max(CATEGORIES, key=lambda c: counts.get(c, 0))
    clock.time(_click(rig.window.welcome.start_button))
    run_until(lambda loop: QTimer.singleShot(LOOK_MS, loop.quit))
    return largest


def measure(database: Path, with_steps: bool) -> dict:
    times: dict[str, list[float]] = {
        "open_theme": [],
        "next_page": [],
        "scroll": [],
        "language": [],
        "search": [],
    }
    with tempfile.TemporaryDirectory() as scratch, kiosk_rig(database, Path(scratch)) as rig:
        window, home = rig.window, rig.window.home
        clock = FrameClock(window)
        largest = look_at_themes(rig, clock)
        largest_size = rig.content.category_counts().get(largest, 0)
        scroll = home.findChild(TouchScrollArea).verticalScrollBar()
        languages = ["en", "fr"]
        for round_number in range(ROUNDS):
            home.go_back()
            drain_events()
            card = next(c for c in home.cards if c.objectName() == f"category-{largest}")
            times["open_theme"].append(clock.time(_click(card)))
            drain_events()
            times["next_page"].append(clock.time(_click(home.later_button)))
            drain_events()
            times["scroll"].append(clock.time(lambda: scroll.setValue(scroll.maximum())))
            drain_events()
            language = languages[round_number % 2]
            times["language"].append(
                clock.time(lambda language=language: window._on_language_chosen(language))
            )
            drain_events()
            query = QUERIES[round_number % len(QUERIES)]
            home.search_field.setText(query)
            times["search"].append(clock.time(_click(home.search_button)))
            drain_events()
            home.go_back()
            drain_events()
        # The reference, same process, same moment: a bare window whose button changes a label.
        times["bare"] = bare_click_times(ROUNDS * 2)
        if with_steps:
            window._on_language_chosen("fr")
            drain_events()
            times["next_step"] = next_step_times(rig, None)
    return {
        "largest_theme": largest,
        "largest_theme_size": largest_size,
        "ms": {name: [t * 1000 for t in values] for name, values in times.items()},
        "peak_memory_kib": peak_memory_kib(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--steps", action="store_true", help="also every step of the pack")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.database, args.steps)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
