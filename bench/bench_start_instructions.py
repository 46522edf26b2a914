"""Start-up as instructions: the UI thread's work to the first paint, against a bare window.

    .venv/bin/python -m bench.bench_start_instructions [--items 16000] [--runs 1]

Wall times of whole processes vary by ±20% on a shared machine, so a 10 ms step cannot be
seen in them without hundreds of starts. Instructions can: under valgrind's callgrind each
thread's count is stable to ~0.1% between runs. This counts the UI thread of

- a bare PySide6 window (``bench_gui.BARE_APP``'s work: import, QApplication, show, paint),
- the app started on a generated catalog up to the table's first paint
  (``bench.probe_paint``, the probe ``bench_gui``/``bench_issue14`` time),

and reports the ratio (issue 14's goal for the wall-clock ratio is ≤ 2.5×). The worker
thread that checks the file meanwhile runs on another core and is reported apart.
Instructions are not time (waiting for the disk, cache misses and the second core are not
in them): use this to compare versions of the start, and ``bench_issue14`` for the goal.

Needs valgrind (``apt-get install valgrind``); ~30 s a run. Each command runs once
without valgrind first so that its bytecode is compiled and cached, as an installed app's
is (otherwise the count includes compiling the modules that changed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_gui import BARE_APP, ENV

ROOT = Path(__file__).resolve().parent.parent


def thread_instructions(args: list[str], env: dict[str, str]) -> list[int]:
    """Instructions per thread (main thread first) of ``python ARGS`` under callgrind."""
    subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, timeout=300)
    with tempfile.TemporaryDirectory(prefix="zwgk-callgrind-") as folder:
        out = Path(folder) / "callgrind.out"
        result = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--separate-threads=yes",
                f"--callgrind-out-file={out}",
                sys.executable,
                *args,
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        counts = []
        for part in sorted(Path(folder).glob("callgrind.out-*")):
            for line in part.read_text(encoding="utf-8", errors="replace").splitlines():
                if line.startswith("summary:"):
                    counts.append(int(line.split()[1]))
                    break
        if not counts:
            raise RuntimeError(result.stderr[-2000:])
        return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    from bench.catalog_gen import generate_catalog
    from zwgk_desktop.core.storage import Document

    tmp = Path(tempfile.mkdtemp(prefix="zwgk-bench-instr-"))
    env = {**ENV, "ZWGK_HOME": str(tmp / "home")}
    path = tmp / f"catalog-{args.items}.zwgk"
    Document.create(path, generate_catalog(args.items, seed=3)).close()
    bare, app, worker = [], [], []
    for _ in range(args.runs):
        bare.append(thread_instructions(["-c", BARE_APP], env)[0])
        counts = thread_instructions(["-m", "bench.probe_paint", str(path)], env)
        app.append(counts[0])
        worker.append(sum(counts[1:]))
    results = {
        "bare_window_ui_thread_M": min(bare) / 1e6,
        f"first_paint_{args.items}_ui_thread_M": min(app) / 1e6,
        f"first_paint_{args.items}_other_threads_M": min(worker) / 1e6,
        "ratio_ui_thread_vs_bare": min(app) / min(bare),
    }
    for key, value in results.items():
        print(f"{key:42s} {value:10.3f}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_start_instructions.json").write_text(json.dumps(results, indent=2))
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
