"""Batch review cost as a ratio to just loading the same submissions, measured in one run.

    .venv/bin/python -m bench.bench_review [--files 20] [--items 800] [--format mixed]
        [--layout standard|flat] [--workers 1] [--repeat 3]

Target (issue 6): a county's folder of 20 submissions × 800 items is checked "in seconds".
``review_folder`` loads each file, validates it, compares it with the templates and reads
the review file beside it; the baseline is ``load_catalog`` over the same files. Runs are
interleaved so machine noise hits both alike. Some submissions get realistic faults (blank
time limits, missing 未涉及说明, a dropped standard item) so validation has work to do.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.catalog_gen import generate_catalog
from bench.timing import report
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.review.batch import candidate_files, review_folder
from zwgk_desktop.core.storage import Document


def _faults(catalog: Catalog, rng: random.Random) -> None:
    for domain in rng.sample(catalog.domains, 3):
        for item in rng.sample(domain.items, min(5, len(domain.items))):
            item.time_limit = ""
        if domain.items:
            domain.items.pop(0)
    catalog.domains[-1].not_involved, catalog.domains[-1].items, catalog.domains[-1].note = (
        True,
        [],
        "",
    )


def build_folder(folder: Path, files: int, items: int, fmt: str, layout: str = "standard") -> None:
    from zwgk_desktop.core.xlsx import export_workbook

    rng = random.Random(0)
    for n in range(files):
        catalog = generate_catalog(items, seed=n, unit=f"第{n + 1}镇人民政府")
        if n % 3 == 0:
            _faults(catalog, rng)
        as_xlsx = fmt == "xlsx" or (fmt == "mixed" and n % 2 == 1)
        if as_xlsx:
            export_workbook(catalog, folder / f"镇{n + 1:02d}.xlsx", layout=layout)
        else:
            Document.create(folder / f"镇{n + 1:02d}.zwgk", catalog).close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--items", type=int, default=800)
    parser.add_argument("--format", choices=("zwgk", "xlsx", "mixed"), default="mixed")
    parser.add_argument(
        "--layout", choices=("standard", "flat"), default="standard", help="xlsx layout"
    )
    parser.add_argument("--workers", type=int, default=None, help="processes (default: automatic)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-review-"))
    start = time.perf_counter()
    build_folder(folder, args.files, args.items, args.format, args.layout)
    print(
        f"{args.files} submissions × {args.items} items ({args.format}) built in {time.perf_counter() - start:.1f} s"
    )
    files, _ = candidate_files(folder)

    def load_all() -> None:
        for path in files:
            load_catalog(path)

    load_all()  # warm-up: imports, compiled patterns, template cache
    result = review_folder(folder, workers=args.workers)
    loads, batches = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        load_all()
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = review_folder(folder, workers=args.workers)
        batches.append(time.perf_counter() - start)
    load_s, batch_s = statistics.median(loads), statistics.median(batches)
    s = result.summary()
    print(f"summary: {s}")
    print(
        f"review_folder (workers={args.workers or 'auto'}): {batch_s:.2f} s for {len(files)} files ({batch_s / max(len(files), 1) * 1000:.0f} ms per file)"
    )
    report("review_folder", batch_s, load_s, "load_catalog of every file")


if __name__ == "__main__":
    main()
