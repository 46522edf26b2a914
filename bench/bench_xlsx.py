"""Excel export and import speed and memory, as ratios to bare library passes in the same run.

    .venv/bin/python -m bench.bench_xlsx [--items 16000] [--repeat 3]

Export baseline: the exact xlsxwriter calls our standard export makes (cells, formats,
merges, row heights, print setup, metadata chunks) are recorded once, untimed, and then
replayed bare on a fresh workbook — "xlsxwriter writing the same formatted cells".
Import baselines: a bare openpyxl read-only pass (``iter_rows(values_only=True)`` over every
sheet) and python-calamine's bare read of the same file. Three files are read: our own
standard export (unchanged sheets come from the metadata), the same without its metadata
sheet (the full tolerant interpretation of the printed layout) and the flat export.
Peak memory is tracemalloc's peak in a separate, untimed run.
"""

from __future__ import annotations

import argparse
import tempfile
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from bench.catalog_gen import generate_catalog
from bench.timing import median_seconds, paired_seconds, report_paired
from zwgk_desktop.core.xlsx import export_workbook, metasheet, read_workbook

EXPORT_TARGET = 1.5
IMPORT_TARGET = 1.5


# ---------------------------------------------------------------- export recording


class _SheetRecorder:
    """Forwards every call to a real worksheet and records it with formats as indices."""

    def __init__(
        self,
        sheet: Any,
        calls: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]],
        formats: dict[int, int],
    ) -> None:
        self._sheet = sheet
        self._calls = calls
        self._formats = formats

    def __getattr__(self, name: str) -> Any:
        target = getattr(self._sheet, name)
        if not callable(target):
            return target

        def call(*args: Any, **kwargs: Any) -> Any:
            self._calls.append((self._sheet.name, name, tuple(self._ref(a) for a in args), kwargs))
            return target(*args, **kwargs)

        return call

    def _ref(self, value: Any) -> Any:
        return ("fmt", self._formats[id(value)]) if isinstance(value, Format) else value


def record_export(catalog: Any, path: Path) -> tuple[list[dict[str, Any]], list[str], list[Any]]:
    """Run our export once with recording: (format props, sheet names, calls)."""
    props: list[dict[str, Any]] = []
    names: list[str] = []
    calls: list[Any] = []
    ids: dict[int, int] = {}
    original_add_format, original_add_worksheet = Workbook.add_format, Workbook.add_worksheet

    def add_format(self: Workbook, properties: dict[str, Any] | None = None) -> Format:
        fmt = original_add_format(self, properties)
        if "xf_index" not in (properties or {}):  # not the default formats every workbook makes
            ids[id(fmt)] = len(props)
            props.append(dict(properties or {}))
        return fmt

    def add_worksheet(self: Workbook, name: str | None = None, *args: Any) -> Any:
        names.append(name or "")
        return _SheetRecorder(original_add_worksheet(self, name, *args), calls, ids)

    Workbook.add_format, Workbook.add_worksheet = add_format, add_worksheet  # type: ignore[method-assign]
    try:
        export_workbook(catalog, path)
    finally:
        Workbook.add_format, Workbook.add_worksheet = original_add_format, original_add_worksheet  # type: ignore[method-assign]
    return props, names, calls


def replay(path: Path, props: list[dict[str, Any]], names: list[str], calls: list[Any]) -> None:
    """xlsxwriter writing the recorded cells, formats and layout calls — nothing else."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = [workbook.add_format(p) for p in props]
    sheets = {name: workbook.add_worksheet(name) for name in names}
    for sheet, method, args, kwargs in calls:
        real = [
            formats[a[1]] if isinstance(a, tuple) and len(a) == 2 and a[0] == "fmt" else a
            for a in args
        ]
        getattr(sheets[sheet], method)(*real, **kwargs)
    workbook.close()


# ---------------------------------------------------------------- import baselines


def bare_openpyxl(path: Path) -> None:
    workbook = openpyxl.load_workbook(path, read_only=True)
    for ws in workbook.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    workbook.close()


def bare_calamine(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python()


def peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def without_metadata(catalog: Any, path: Path) -> None:
    original = metasheet.write
    metasheet.write = lambda workbook, chunks: None  # type: ignore[assignment]
    try:
        export_workbook(catalog, path)
    finally:
        metasheet.write = original  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-xlsx-"))
    catalog = generate_catalog(args.items)
    n = args.items
    print(
        f"{n} items, {args.repeat} alternated runs of ours and the baseline; ratios are the median per-pair CPU-time ratio\n"
    )

    standard, flat, bare_std, plain = (
        folder / f for f in ("standard.xlsx", "flat.xlsx", "bare.xlsx", "plain.xlsx")
    )
    props, names, calls = record_export(catalog, standard)
    export = paired_seconds(
        lambda: export_workbook(catalog, standard),
        lambda: replay(bare_std, props, names, calls),
        args.repeat,
    )
    report_paired(f"standard export {n}", export, "xlsxwriter same cells bare", EXPORT_TARGET)
    run_on = folder / "continuous.xlsx"
    continuous_s = median_seconds(
        lambda: export_workbook(catalog, run_on, flow="continuous"), args.repeat
    )
    print(
        f"continuous (run-on print) export {n}: {continuous_s * 1000:.0f} ms wall "
        f"({continuous_s / export.ours_wall:.2f}x our by-domain standard export, "
        f"{continuous_s / export.base_wall:.2f}x the bare standard write)"
    )
    flat_s = median_seconds(lambda: export_workbook(catalog, flat, layout="flat"), args.repeat)
    print(
        f"flat export {n}: {flat_s * 1000:.0f} ms wall "
        f"({flat_s / export.base_wall:.2f}x the bare standard write)"
    )
    print(
        f"  peak memory: export {peak_mb(lambda: export_workbook(catalog, standard)):.0f} MB, "
        f"bare replay {peak_mb(lambda: replay(bare_std, props, names, calls)):.0f} MB; "
        f"file {standard.stat().st_size / 1e6:.1f} MB\n"
    )
    without_metadata(catalog, plain)

    for label, path in (
        ("own standard export", standard),
        ("standard, no metadata", plain),
        ("flat export", flat),
    ):
        result = read_workbook(path)
        assert result.catalog.item_count() == n, (label, result.catalog.item_count())
        timing = paired_seconds(
            lambda p=path: read_workbook(p), lambda p=path: bare_openpyxl(p), args.repeat
        )
        cal = median_seconds(lambda p=path: bare_calamine(p), args.repeat)
        report_paired(f"import {label}", timing, "bare openpyxl read-only", IMPORT_TARGET)
        print(
            f"  python-calamine bare read {cal * 1000:.0f} ms wall: ours = "
            f"{timing.ours_wall / cal:.1f}x calamine, "
            f"openpyxl bare = {timing.base_wall / cal:.1f}x calamine"
        )
        print(
            f"  peak memory: ours {peak_mb(lambda p=path: read_workbook(p)):.0f} MB, "
            f"bare openpyxl {peak_mb(lambda p=path: bare_openpyxl(p)):.0f} MB; notes {len(result.notes)}\n"
        )


if __name__ == "__main__":
    main()
