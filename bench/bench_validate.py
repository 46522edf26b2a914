"""Validation cost as ratios to loading the same catalog, measured in the same run.

    .venv/bin/python -m bench.bench_validate [--items 100000] [--repeat 3]

Target (issue 4): validating all items costs no more than loading them from the .zwgk
document (``Document.open(path).load_catalog()``), and re-validating one edited item is
instant (the per-item cost is compared with a 16 ms frame). Load and validate runs are
interleaved so that machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.catalog_gen import generate_catalog
from bench.timing import median_seconds, report
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.validation import domain_issues, validate_catalog, validate_item
from zwgk_desktop.core.validation.engine import clear_caches

FRAME_SECONDS = 0.016


def _load(path: Path) -> Catalog:
    doc = Document.open(path, read_only=True)
    try:
        return doc.load_catalog()
    finally:
        doc.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    start = time.perf_counter()
    built = generate_catalog(args.items)
    build_seconds = time.perf_counter() - start
    path = Path(tempfile.mkdtemp(prefix="zwgk-bench-")) / "bench.zwgk"
    Document.create(path, built).close()
    del built
    print(f"{args.items} items: generated in {build_seconds:.2f} s")

    catalog = _load(path)
    validate_catalog(catalog)  # warm-up: compiled patterns
    loads, validations = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        loaded = _load(path)
        loads.append(time.perf_counter() - start)
        del loaded
        clear_caches()  # cold: no phrasing remembered from the previous run
        start = time.perf_counter()
        result = validate_catalog(catalog)
        validations.append(time.perf_counter() - start)
    load_s, validate_s = statistics.median(loads), statistics.median(validations)
    print(f"issues: {result.counts}")
    report("validate_catalog", validate_s, load_s, "Document load_catalog", target=1.0)
    report("validate_catalog", validate_s, build_seconds, "generate_catalog (build)")

    rng = random.Random(1)
    pairs = [(d, n) for d in catalog.domains for n in range(len(d.items))]
    sample = [rng.choice(pairs) for _ in range(2000)]

    def one_item() -> None:
        for domain, n in sample:
            validate_item(catalog, domain, n)

    per_item = median_seconds(one_item, 3) / len(sample)
    report(
        "validate_item (one edited item)", per_item, FRAME_SECONDS, "a 16 ms frame", target=1 / 16
    )
    domain = max(catalog.domains, key=lambda d: len(d.items))
    per_domain = median_seconds(lambda: domain_issues(catalog, domain), 5)
    report(
        f"domain_issues ({len(domain.items)} items: duplicates, status)",
        per_domain,
        FRAME_SECONDS,
        "a 16 ms frame",
    )
    print(f"per item in the full run: {validate_s / max(args.items, 1) * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
