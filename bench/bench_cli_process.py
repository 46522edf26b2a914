"""Whole-process cost of ``zwgk export`` and ``zwgk import``, as paired ratios to bare
library processes in the same run.

    .venv/bin/python -m bench.bench_cli_process [--items 16000] [--repeat 5]

In-process benchmarks (bench_xlsx) leave out what a user waits for on every command: the
interpreter start, our imports and the document read or write. Here each side is a fresh
process, timed by the CPU time the child used (user + system, from ``wait4``):

- export: ``zwgk export BIG.zwgk -o OUT.xlsx --force`` vs a process that imports only
  xlsxwriter and replays the exact cells, formats and layout calls our export makes;
- import: ``zwgk import BIG.xlsx -o OUT.zwgk --force`` vs a process that imports only openpyxl
  and makes one read-only pass over every sheet.

The two sides alternate; the verdict is the median of the per-pair ratios.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_xlsx import record_export
from bench.catalog_gen import generate_catalog

TARGET = 1.5
ZWGK = str(Path(sys.executable).with_name("zwgk"))

REPLAY = """
import pickle, sys
import xlsxwriter
props, names, calls = pickle.load(open(sys.argv[1], "rb"))
wb = xlsxwriter.Workbook(sys.argv[2], {"strings_to_numbers": False,
    "strings_to_formulas": False, "strings_to_urls": False})
formats = [wb.add_format(p) for p in props]
sheets = {n: wb.add_worksheet(n) for n in names}
for sheet, method, args, kwargs in calls:
    real = [formats[a[1]] if isinstance(a, tuple) and len(a) == 2 and a[0] == "fmt" else a
            for a in args]
    getattr(sheets[sheet], method)(*real, **kwargs)
wb.close()
"""

READ = """
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in wb.worksheets:
    for _ in ws.iter_rows(values_only=True):
        pass
wb.close()
"""

READ_CALAMINE = """
import sys
import python_calamine
wb = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
for name in wb.sheet_names:
    wb.get_sheet_by_name(name).to_python()
wb.close()
"""


def child_cpu(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (CPU seconds the child used, wall seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[:3]} failed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    return usage.ru_utime + usage.ru_stime, wall


def paired(ours: list[str], base: list[str], repeat: int) -> tuple[float, float, float, float]:
    """Median CPU of each side, median paired CPU ratio, median paired wall ratio."""
    child_cpu(ours), child_cpu(base)  # warm the page cache
    rows = []
    for _ in range(repeat):
        rows.append((*child_cpu(ours), *child_cpu(base)))
    median = statistics.median
    return (
        median(r[0] for r in rows),
        median(r[2] for r in rows),
        median(r[0] / r[2] for r in rows),
        median(r[1] / r[3] for r in rows),
    )


def line(
    title: str, result: tuple[float, float, float, float], baseline: str, judged: bool = True
) -> str:
    ours, base, ratio, wall = result
    verdict = ("OK" if ratio <= TARGET else f"OVER TARGET ({TARGET}x)") if judged else "(floor)"
    return (
        f"{title}: {ours * 1000:.0f} ms CPU vs {baseline} {base * 1000:.0f} ms = "
        f"{ratio:.2f}x {verdict} (wall {wall:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from zwgk_desktop.core.storage import Document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        catalog = generate_catalog(args.items)
        document = folder / "big.zwgk"
        Document.create(document, catalog).close()
        workbook = folder / "big.xlsx"
        recorded = record_export(catalog, workbook)
        calls = folder / "calls.pickle"
        calls.write_bytes(pickle.dumps(recorded))

        export = paired(
            [ZWGK, "export", str(document), "-o", str(folder / "out.xlsx"), "--force"],
            [sys.executable, "-c", REPLAY, str(calls), str(folder / "bare.xlsx")],
            args.repeat,
        )
        imported = paired(
            [ZWGK, "import", str(workbook), "-o", str(folder / "out.zwgk"), "--force"],
            [sys.executable, "-c", READ, str(workbook)],
            args.repeat,
        )
        floor = paired(
            [ZWGK, "import", str(workbook), "-o", str(folder / "out.zwgk"), "--force"],
            [sys.executable, "-c", READ_CALAMINE, str(workbook)],
            args.repeat,
        )
    print(f"{args.items} items, {args.repeat} pairs, whole processes:")
    print(line("zwgk export", export, "bare xlsxwriter replay process"))
    print(line("zwgk import", imported, "bare openpyxl read-only process"))
    print(line("zwgk import", floor, "bare python-calamine process", judged=False))


if __name__ == "__main__":
    main()
