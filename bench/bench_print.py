"""Printed density of the standard layout: pages and items per page, fitted widths against
the one planned set of widths (the baseline, measured in the same run), and what fitting
costs against the export it is part of.

    .venv/bin/python -m bench.bench_print [--items 16000] [--repeat 3] [--no-office]

Pages: the 26 bundled templates exported both ways (full ■/□ list and compact), converted
to PDF by LibreOffice (``soffice``; skipped with ``--no-office`` or when missing) and
counted with ``pdfinfo``, next to the writer's own estimate. Every domain sheet starts a
page, so the average over all pages is lower than what a full page holds (a domain's first
page, when the domain needs more than one). Cost: ``export_workbook`` of a
generated catalog with and without fitting, alternated (paired CPU ratio; target ≤ 1.1×).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.catalog_gen import generate_catalog
from bench.timing import paired_seconds, report_paired
from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.xlsx import export_workbook, standard
from zwgk_desktop.core.xlsx.columns import plan
from zwgk_desktop.core.xlsx.printfit import estimate

COST_TARGET = 1.1


def _planned(columns: list[Any], items: list[Any], compact: bool) -> list[Any]:
    return columns


def _with_fit(fit: Callable[..., Any], action: Callable[[], Any]) -> Any:
    original = standard.fit_widths
    standard.fit_widths = fit  # type: ignore[assignment]
    try:
        return action()
    finally:
        standard.fit_widths = original  # type: ignore[assignment]


def office_pages(xlsx: Path, folder: Path) -> int | None:
    """Pages LibreOffice prints the workbook to (cover included), or None without it."""
    if shutil.which("soffice") is None or shutil.which("pdfinfo") is None:
        return None
    profile = folder / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(folder), str(xlsx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    info = subprocess.run(
        ["pdfinfo", str(folder / (xlsx.stem + ".pdf"))], capture_output=True, text=True
    ).stdout
    return next(int(line.split()[1]) for line in info.splitlines() if line.startswith("Pages:"))


def estimated_pages(catalog: Catalog, compact: bool, fitted: bool) -> tuple[int, float]:
    """Item pages the writer's row heights fill (the cover not counted), and the items a
    full page holds (each domain's first page, averaged over the domains longer than it)."""
    pages, first = 0, []
    for domain in catalog.domains:
        if not domain.items:
            continue
        columns = plan(domain, catalog.meta.levels, compact)
        if fitted:
            columns = standard.fit_widths(columns, domain.items, compact)
        pages += estimate(columns, domain.items, compact)[0]
        held = max(
            k
            for k in range(1, len(domain.items) + 1)
            if estimate(columns, domain.items[:k], compact)[0] == 1
        )
        if held < len(domain.items):
            first.append(held)
    return pages, sum(first) / len(first) if first else float("nan")


def density(folder: Path, office: bool) -> None:
    catalog = new_catalog(CatalogMeta(unit="示范镇人民政府", region="示范县"))
    items = catalog.item_count()
    for channels in ("full", "compact"):
        compact = channels == "compact"
        row = []
        for label, fit in (("planned widths", _planned), ("fitted widths", standard.fit_widths)):
            xlsx = folder / f"{channels}-{label.split()[0]}.xlsx"
            _with_fit(fit, lambda x=xlsx, c=channels: export_workbook(catalog, x, channels=c))
            pages = office_pages(xlsx, folder) if office else None
            estimate_pages, full_page = estimated_pages(catalog, compact, fit is not _planned)
            item_pages = pages - 1 if pages else estimate_pages
            row.append(item_pages)
            shown = f"{pages} pages in LibreOffice" if pages else "LibreOffice not run"
            print(
                f"{channels:7} {label}: {shown}, estimate {estimate_pages} item pages, "
                f"{items / item_pages:.2f} items a page, {full_page:.2f} on a full page"
            )
        print(f"{channels:7} fitted / planned item pages = {row[1] / row[0]:.2f}x\n")


def cost(folder: Path, n: int, repeat: int) -> None:
    catalog = generate_catalog(n)
    target = folder / "cost.xlsx"
    timing = paired_seconds(
        lambda: export_workbook(catalog, target),
        lambda: _with_fit(_planned, lambda: export_workbook(catalog, target)),
        repeat,
    )
    report_paired(f"standard export {n}, fitted", timing, "planned widths", COST_TARGET)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-office", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-print-"))
    density(folder, not args.no_office)
    cost(folder, args.items, args.repeat)


if __name__ == "__main__":
    main()
