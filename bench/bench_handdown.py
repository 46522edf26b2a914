"""Hand-down and review-against-parent cost as ratios to the same run's baselines.

    .venv/bin/python -m bench.bench_handdown [--items 16000] [--repeat 3]

* ``derive_catalog`` (select the 乡级 items, put the township's name in, validate) against
  ``validate_catalog`` of the parent alone: handing down should cost about one validation.
* ``diff_with_parent`` against ``diff_catalogs`` of the same two catalogs: matching across
  units should cost about a plain comparison.
"""

from __future__ import annotations

import argparse

from bench.catalog_gen import generate_catalog
from bench.timing import paired_seconds, report_paired
from zwgk_desktop.core.handdown import derive_catalog
from zwgk_desktop.core.review.diff import diff_catalogs, diff_with_parent
from zwgk_desktop.core.validation import validate_catalog
from zwgk_desktop.core.validation.engine import clear_caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=16000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    county = generate_catalog(args.items, unit="平安县人民政府")
    for domain in county.domains:
        for n, item in enumerate(domain.items):
            item.level = ["县级"] if n % 10 == 0 else ["县级", "乡级"]

    def derive() -> None:
        clear_caches()
        derive_catalog(county, "城关镇人民政府", "乡级")

    def validate() -> None:
        clear_caches()
        validate_catalog(county)

    report_paired(
        f"derive_catalog, {args.items} items",
        paired_seconds(derive, validate, args.repeat),
        "validate_catalog(parent)",
    )
    town = derive_catalog(county, "城关镇人民政府", "乡级", check=False).catalog
    town.domains[0].items.pop(0)
    town.domains[1].items[0].time_limit = "每季度"
    report_paired(
        f"diff_with_parent, {args.items} items",
        paired_seconds(lambda: diff_with_parent(town, county), lambda: diff_catalogs(county, town)),
        "diff_catalogs",
    )


if __name__ == "__main__":
    main()
