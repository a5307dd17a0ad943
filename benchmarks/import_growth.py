"""Pack import at 200, 1,000 and 5,000 tutorials: CPU seconds per 1,000 tutorials (issue #19).

    .venv/bin/python benchmarks/import_growth.py [--sizes 200 1000 5000] [--runs 3]

For each size, a library of generated packs (benchmarks/generated_pack.py, packs of 250)
is imported into a new database holding the built-in pack, ``read_pack`` then
``ContentStore.install`` per pack, as the admin screen's worker does:

- as signed packs reach kiosks (their compact form, kiosk.core.pack_compact), the figure
  the goal "≤ 1 s per 1,000 tutorials" is about, and its two parts: reading and checking
  the pack (``read_pack``), writing it in the database (``ContentStore.install``);
- from their YAML (no compact form), as before;
- the references: PyYAML's C parser alone (``CSafeLoader``) on the same YAML files, and
  Python's C ``json`` alone on the same compact forms.

CPU time (``time.process_time``), the best of ``--runs`` runs (the machine is shared: the
least disturbed run is the closest to the cost), and the load average at the start and end.
A cost that grows faster than the work shows as a larger figure at 5,000 than at 200.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from kiosk.builtin_content import ensure_builtin_content  # noqa: E402
from kiosk.core.pack_compact import COMPACT_NAME  # noqa: E402
from kiosk.core.pack_reader import read_pack  # noqa: E402
from kiosk.store.content_store import ContentStore  # noqa: E402
from kiosk.store.database import open_database  # noqa: E402

from generated_pack import write_library  # noqa: E402


def import_cpu(folders: list[Path], database: Path) -> float:
    """CPU seconds to read and install every pack of ``folders`` into a new database."""
    return sum(import_parts(folders, database))


def import_parts(folders: list[Path], database: Path) -> tuple[float, float]:
    """CPU seconds to read (``read_pack``), then to install, every pack of ``folders`` into
    a new database."""
    db = open_database(database)
    store = ContentStore(db)
    ensure_builtin_content(store)
    reading = writing = 0.0
    for folder in folders:
        start = time.process_time()
        pack = read_pack(folder)
        read = time.process_time()
        store.install(pack)
        reading += read - start
        writing += time.process_time() - read
    db.close()
    return reading, writing


def parse_cpu(folders: list[Path]) -> tuple[float, float]:
    """CPU seconds of PyYAML's C parser on the YAML files, and of json on the compact forms."""
    import yaml

    yaml_data = [p.read_bytes() for f in folders for p in sorted(f.rglob("*.yaml"))]
    json_data = [(f / COMPACT_NAME).read_bytes() for f in folders]
    start = time.process_time()
    for data in yaml_data:
        yaml.load(data, Loader=yaml.CSafeLoader)
    parsed_yaml = time.process_time() - start
    start = time.process_time()
    for data in json_data:
        json.loads(data)
    return parsed_yaml, time.process_time() - start


def measure(size: int, runs: int, scratch: Path) -> dict[str, float]:
    folders = write_library(scratch / f"library-{size}", size)
    per_thousand = 1000 / size
    figures: dict[str, list[float]] = {"compact": [], "yaml": [], "pyyaml": [], "json": []}
    parts: list[tuple[float, float]] = []
    for run in range(runs):
        parts.append(import_parts(folders, scratch / f"c-{size}-{run}.db"))
        figures["compact"].append(sum(parts[-1]))
        hidden = [f / COMPACT_NAME for f in folders]
        for path in hidden:
            path.rename(path.with_suffix(".off"))
        try:
            figures["yaml"].append(import_cpu(folders, scratch / f"y-{size}-{run}.db"))
        finally:
            for path in hidden:
                path.with_suffix(".off").rename(path)
        parsed_yaml, parsed_json = parse_cpu(folders)
        figures["pyyaml"].append(parsed_yaml)
        figures["json"].append(parsed_json)
    best = {name: min(values) * per_thousand for name, values in figures.items()}
    reading, writing = min(parts, key=sum)  # the two parts of the best signed run
    return {**best, "reading": reading * per_thousand, "writing": writing * per_thousand}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            results[size] = measure(size, args.runs, Path(folder))
            print(size, {k: round(v, 3) for k, v in results[size].items()}, file=sys.stderr)
    load_after = os.getloadavg()
    print("| CPU s per 1,000 tutorials | " + " | ".join(f"{s:,}" for s in args.sizes) + " |")
    print("|---|" + "---|" * len(args.sizes))
    rows = (
        ("import, signed packs (compact form)", "compact"),
        ("… of which reading and checking (read_pack)", "reading"),
        ("… of which writing the database (install)", "writing"),
        ("import from the YAML", "yaml"),
        ("reference: PyYAML's C parser alone", "pyyaml"),
        ("reference: json alone, compact forms", "json"),
    )
    for label, key in rows:
        cells = " | ".join(f"{results[s][key]:.2f} s" for s in args.sizes)
        print(f"| {label} | {cells} |")
    print(
        f"\nLoad average (1 min) {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the "
        f"end; best of {args.runs} runs; {os.cpu_count()} cores."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
