"""A full cyclic-GC collection with a big catalog open: frozen (as the session keeps the
loaded items) against the same objects unfrozen, same run.

    .venv/bin/python -m bench.bench_gc [--items 100000] [--repeats 3]

The app runs the GC on the UI thread (``tasks.MainThreadGC``) and a full collection
comes every tenth round: its length is a frozen window. CPU ms, medians.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path


def _collect_ms(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        gc.collect()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="full GC collection with a catalog open")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZWGK_HOME"] = tempfile.mkdtemp(prefix="zwgk-bench-home-")
    from bench.bench_issue14 import _window
    from bench.catalog_gen import generate_catalog
    from zwgk_desktop.core.storage import Document

    path = Path(tempfile.mkdtemp(prefix="zwgk-bench-gc-")) / "catalog.zwgk"
    Document.create(path, generate_catalog(args.items, seed=3)).close()
    _app, window = _window(path)
    window.session.ensure_all_loaded()
    frozen = _collect_ms(args.repeats)
    tracked_frozen = len(gc.get_objects())
    gc.unfreeze()
    tracked_all = len(gc.get_objects())
    unfrozen = _collect_ms(args.repeats)
    window.doc.close_session()
    window.close()
    print(f"{'tracked_objects_scanned_frozen':36s} {tracked_frozen}")
    print(f"{'tracked_objects_scanned_unfrozen':36s} {tracked_all}")
    print(f"{'full_collect_frozen_cpu_ms':36s} {frozen:10.3f}")
    print(f"{'full_collect_unfrozen_cpu_ms':36s} {unfrozen:10.3f}")
    print(f"{'ratio_frozen_vs_unfrozen':36s} {frozen / max(unfrozen, 0.001):10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
