"""Excel export/import cost as instruction counts (valgrind callgrind): repeatable ratios.

    .venv/bin/python -m bench.instructions [--items 2000]

Wall and CPU time on a shared virtual machine vary by ±30% from one run to the next, so a
1.5x target cannot be judged from one timing. Instruction counts do not depend on what else
the machine is doing: the same program on the same input counts the same. Each case runs in
its own process under ``valgrind --tool=callgrind``; every process does the same set-up
(imports, the generated catalog, the recorded xlsxwriter calls), and a process that does only
the set-up is subtracted, leaving the instructions of the work itself.

Cases: our standard export vs xlsxwriter replaying the same cells bare (see bench_xlsx),
our import of that workbook vs a bare openpyxl read-only pass over it. Instructions are not
seconds (a cache miss costs more than an add), so this complements bench_xlsx, which times.
Needs valgrind (``apt-get install valgrind``); a run takes a few minutes.
"""

from __future__ import annotations

import argparse
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TARGET = 1.5
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _child(case: str, folder: Path, items: int) -> None:
    """The measured process: same set-up every time, then one case."""
    from bench.bench_xlsx import bare_openpyxl, replay
    from bench.catalog_gen import generate_catalog
    from zwgk_desktop.core.xlsx import export_workbook, read_workbook

    catalog = generate_catalog(items)
    props, names, calls = pickle.loads((folder / "calls.pickle").read_bytes())
    standard = folder / "standard.xlsx"
    if case == "export":
        export_workbook(catalog, folder / "out.xlsx")
    elif case == "replay":
        replay(folder / "bare.xlsx", props, names, calls)
    elif case == "import":
        read_workbook(standard)
    elif case == "bare-read":
        bare_openpyxl(standard)


def _instructions(case: str, folder: Path, items: int) -> int:
    out = folder / f"{case}.callgrind"
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        sys.executable,
        "-m",
        "bench.instructions",
        "--child",
        case,
        "--folder",
        str(folder),
        "--items",
        str(items),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    match = _COLLECTED.search(done.stderr)
    if match is None:
        raise RuntimeError(f"no callgrind total for {case}: {done.stderr[-500:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--child")
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.folder, args.items)
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")

    from bench.bench_xlsx import record_export
    from bench.catalog_gen import generate_catalog

    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-instr-"))
    props, names, calls = record_export(generate_catalog(args.items), folder / "standard.xlsx")
    (folder / "calls.pickle").write_bytes(pickle.dumps((props, names, calls)))
    counts = {
        case: _instructions(case, folder, args.items)
        for case in ("setup", "export", "replay", "import", "bare-read")
    }
    setup = counts["setup"]
    print(f"{args.items} items; instructions after subtracting the set-up ({setup:,})\n")
    for title, ours, base, name in (
        ("standard export", "export", "replay", "xlsxwriter same cells bare"),
        ("import own standard export", "import", "bare-read", "bare openpyxl read-only"),
    ):
        a, b = counts[ours] - setup, counts[base] - setup
        ratio = a / b
        verdict = "OK" if ratio <= TARGET else f"OVER TARGET ({TARGET}x)"
        print(f"{title}: {a:,} vs {name} {b:,} = {ratio:.3f}x  {verdict}")


if __name__ == "__main__":
    main()
