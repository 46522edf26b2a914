"""Cost of the outdated-source rule as a ratio to validation without it, same run.

    .venv/bin/python -m bench.bench_sources [--items 16000] [--repeat 5]

Two catalogs from ``bench.catalog_gen``: as generated (公开依据 phrasings repeat, as in
real catalogs) and with every 公开依据 made unique (a different article per item, so no
per-cell cache helps). Each is validated cold with all rules and with every rule except
``check_outdated_sources``, interleaved so machine noise hits both alike. The register is
compiled before timing (once per register, at first use).
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.catalog_gen import generate_catalog
from bench.timing import report
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.sources import active_register, matcher_for
from zwgk_desktop.core.validation import validate_catalog
from zwgk_desktop.core.validation.engine import clear_caches
from zwgk_desktop.core.validation.registry import ITEM_CHECKS
from zwgk_desktop.core.validation.rules_basis import check_outdated_sources

_OUTDATED = (
    "《中华人民共和国政府信息公开条例》（国务院令第492号）",
    "民发〔2012〕220号",
    "《危险化学品安全管理条例》（国务院令第591号）",
    "八五普法规划",
)


def _timed(catalog: Catalog, with_rule: bool) -> float:
    index = ITEM_CHECKS.index(check_outdated_sources)
    if not with_rule:
        del ITEM_CHECKS[index]
    try:
        clear_caches()
        start = time.perf_counter()
        validate_catalog(catalog)
        return time.perf_counter() - start
    finally:
        if not with_rule:
            ITEM_CHECKS.insert(index, check_outdated_sources)


def _measure(name: str, catalog: Catalog, repeat: int) -> None:
    validate_catalog(catalog)  # warm-up: compiled patterns
    with_rule, without = [], []
    for _ in range(repeat):
        without.append(_timed(catalog, False))
        with_rule.append(_timed(catalog, True))
    report(
        f"validate_catalog with the source rule ({name})",
        statistics.median(with_rule),
        statistics.median(without),
        "without it",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    matcher_for(active_register())
    print(f"register compiled in {(time.perf_counter() - start) * 1000:.1f} ms")

    catalog = generate_catalog(args.items)
    for n, item in enumerate(d_item for d in catalog.domains for d_item in d.items):
        if n % 10 == 0:
            item.basis += "、" + _OUTDATED[n % len(_OUTDATED)]
    _measure("repeating phrasings", catalog, args.repeat)
    for n, item in enumerate(d_item for d in catalog.domains for d_item in d.items):
        item.basis += f"第{n}条"
    _measure("every cell unique", catalog, args.repeat)


if __name__ == "__main__":
    main()
