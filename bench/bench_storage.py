"""Document load and per-edit commit latency, as ratios to bare sqlite3 in the same run.

    .venv/bin/python -m bench.bench_storage [--items 16000]

Baselines: a bare ``SELECT *`` of the same rows into tuples (load) and a bare
``UPDATE … ; COMMIT`` with the same durability settings (edit).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.catalog_gen import generate_catalog
from bench.timing import median_seconds, report
from zwgk_desktop.core.storage import Document


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-"))
    path = folder / "bench.zwgk"
    catalog = generate_catalog(args.items)
    start = time.perf_counter()
    Document.create(path, catalog).close()
    print(f"create {args.items} items: {time.perf_counter() - start:.2f} s")

    def bare_scan() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT * FROM items ORDER BY domain_id, position").fetchall()
        conn.close()

    def our_load() -> None:
        with Document.open(path, read_only=True) as doc:
            doc.load_catalog()

    report(
        "load_catalog", median_seconds(our_load, 3), median_seconds(bare_scan, 3), "bare SELECT *"
    )

    doc = Document.open(path)
    ids = [r[0] for r in doc.db.execute("SELECT id FROM items")]
    rng = random.Random(1)

    def our_edit() -> None:
        doc.update_item(rng.choice(ids), "content", f"编辑{rng.random()}")

    conn = sqlite3.connect(path.with_name("bare.zwgk"), isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, content TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(i, "x") for i in range(len(ids))])

    def bare_edit() -> None:
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE t SET content=? WHERE id=?", (str(rng.random()), rng.randrange(len(ids)))
        )
        conn.execute("COMMIT")

    report(
        "one cell edit (committed)",
        median_seconds(our_edit, 50),
        median_seconds(bare_edit, 50),
        "bare UPDATE+COMMIT",
    )
    doc.close()
    conn.close()


if __name__ == "__main__":
    main()
