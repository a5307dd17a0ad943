"""Importing a generated pack into a fresh database, and searching it. No Qt involved.

The import is what ``kiosk pack import`` does (``read_pack`` then ``ContentStore.install``);
opening and migrating the fresh database is left out. The references are the floors the
same run can reach: PyYAML's C parser alone on the same files, and a bare FTS5 MATCH.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from kiosk.core.pack_reader import read_pack
from kiosk.core.search_terms import fts_query
from kiosk.store.content_store import ContentStore
from kiosk.store.database import open_database

from figures import percentile

# What people type: common words, accents left out, plurals, two words, a broad prefix
# ("co": compte, connecter, code…), and a word found nowhere.
SEARCH_QUERIES = (
    "impot",
    "impôts",
    "carte vitale",
    "attestation",
    "rendez-vous",
    "telecharger",
    "déclarer revenus",
    "mot de passe",
    "logement",
    "allocations familiales",
    "permis",
    "co",
    "zzzqqq",
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ImportTiming:
    seconds: float
    parse_only: float


def import_times(pack_folder: Path, scratch: Path, count: int) -> tuple[list[ImportTiming], Path]:
    """Import the pack ``count`` times, each into a new database; the last one is kept."""
    timings: list[ImportTiming] = []
    database = scratch / "import-0.db"
    yaml_files = sorted(pack_folder.rglob("*.yaml"))
    for run in range(count):
        database = scratch / f"import-{run}.db"
        db = open_database(database)
        start = time.perf_counter()
        ContentStore(db).install(read_pack(pack_folder))
        seconds = time.perf_counter() - start
        db.close()
        start = time.perf_counter()
        for path in yaml_files:
            yaml.load(path.read_bytes(), Loader=_LOADER)
        timings.append(ImportTiming(seconds, time.perf_counter() - start))
    return timings, database


@dataclass(frozen=True)
class SearchTiming:
    """One pass over every query: percentiles of ContentStore.search and of a bare MATCH."""

    p50: float
    p95: float
    bare_p50: float
    bare_p95: float
    results: dict[str, int]


def search_times(database: Path, passes: int, repeats: int = 3) -> list[SearchTiming]:
    """Run every query ``repeats`` times per pass, after one untimed warm-up pass."""
    db = open_database(database)
    store = ContentStore(db)
    for query in SEARCH_QUERIES:
        store.search(query)
    timings = []
    for _ in range(passes):
        searched, bare = [], []
        results = {}
        for query in SEARCH_QUERIES:
            match = fts_query(query)
            for _ in range(repeats):
                start = time.perf_counter()
                found = store.search(query)
                searched.append(time.perf_counter() - start)
                start = time.perf_counter()
                db.execute(
                    "SELECT tutorial_id FROM tutorials_fts WHERE tutorials_fts MATCH ?", [match]
                ).fetchall()
                bare.append(time.perf_counter() - start)
            results[query] = len(found)
        timings.append(
            SearchTiming(
                percentile(searched, 0.5),
                percentile(searched, 0.95),
                percentile(bare, 0.5),
                percentile(bare, 0.95),
                results,
            )
        )
    db.close()
    return timings
