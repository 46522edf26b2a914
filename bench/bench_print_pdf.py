"""The app's own PDF of the 26 bundled templates: pages, items a page, and render time of
each channel style × page flow against the print code before them (same run).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_print_pdf [--repeat 3] [--base REV]

The baseline is ``zwgk_desktop/gui/printing.py`` and ``print_html.py`` as they were at
``REV`` (default: the commit before 9-point text, fitted widths, 简洁版 and 接续排页), read
with ``git show`` and imported under other names, so both run in this process on this
machine. Each combination and the baseline are alternated (paired CPU ratio, median of
``--repeat``; target ≤ 1.5×). Items a page = items / (pages − the cover page). Last, the
child process 导出PDF uses against the same render in this process, and how long the
event loop's turns get while the PDF is drawn on a thread (as before) or in the child.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import ModuleType

from bench.timing import paired_seconds, report_paired
from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import CatalogMeta

BASE_REV = "831aee2"
TARGET = 1.5
ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, source: str, folder: Path) -> ModuleType:
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def baseline_render(rev: str, folder: Path) -> ModuleType:
    """The old ``printing`` module (over the old ``print_html``) from git at ``rev``."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    _load("base_print_html", show("zwgk_desktop/gui/print_html.py"), folder)
    printing = show("zwgk_desktop/gui/printing.py").replace(
        "from zwgk_desktop.gui.print_html import", "from base_print_html import"
    )
    return _load("base_printing", printing, folder)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--base", default=BASE_REV)
    parser.add_argument(
        "--only-child", action="store_true", help="only the child process and the UI turns"
    )
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841

    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-pdf-"))
    catalog = new_catalog(CatalogMeta(unit="示范镇人民政府", region="示范县"))
    if not args.only_child:
        report_layouts(catalog, folder, args.base, args.repeat)
    report_child(catalog, folder, args.repeat)
    report_ui_turns(catalog, folder)


def report_layouts(catalog, folder: Path, rev: str, repeat: int) -> None:
    """Pages, items a page and render time of each channel style × page flow."""
    from zwgk_desktop.gui.printing import render_pdf

    base = baseline_render(rev, folder)
    items = catalog.item_count()
    base_pages = base.render_pdf(catalog, folder / "base.pdf")
    print(f"baseline ({rev}): {base_pages} pages, {items / (base_pages - 1):.2f} items a page")
    for channels in ("full", "compact"):
        for flow in ("domain", "continuous"):
            target = folder / f"{channels}-{flow}.pdf"
            pages = render_pdf(catalog, target, channels=channels, flow=flow)
            print(f"{channels:7} {flow:10}: {pages} pages, {items / (pages - 1):.2f} items a page")
            timing = paired_seconds(
                lambda t=target, c=channels, f=flow: render_pdf(catalog, t, channels=c, flow=f),
                lambda: base.render_pdf(catalog, folder / "base.pdf"),
                repeat,
            )
            report_paired(f"  render {channels}/{flow}", timing, "baseline", TARGET)


def report_child(catalog, folder: Path, repeat: int) -> None:
    # 导出PDF runs the same render in a child process (no Qt on the app's threads): what
    # starting it and sending the catalog cost, whole catalog and one domain, wall time
    from zwgk_desktop.gui.pdf_process import render_pdf_in_child
    from zwgk_desktop.gui.printing import render_pdf

    one = catalog.domains[3].id
    for label, domain_id in (("whole catalog", None), ("one domain", one)):
        timing = paired_seconds(
            lambda d=domain_id: render_pdf_in_child(catalog, folder / "child.pdf", d),
            lambda d=domain_id: render_pdf(catalog, folder / "inproc.pdf", d),
            repeat,
        )
        report_paired(f"child process, {label}", timing, "in-process render", None)


def _ui_turns(app, work) -> list[float]:
    """Event-loop turns (ms, each with a 5 ms sleep, as an idle app waits) on this thread
    while ``work`` runs on another."""
    done = threading.Event()

    def run() -> None:
        try:
            work()
        finally:
            done.set()

    threading.Thread(target=run, daemon=True).start()
    turns: list[float] = []
    while not done.is_set():
        start = time.perf_counter()
        app.processEvents()
        time.sleep(0.005)
        turns.append((time.perf_counter() - start) * 1000)
    return turns


def report_ui_turns(catalog, folder: Path) -> None:
    """How the window keeps up while the PDF is drawn: the render on a thread of this
    process (as before the child process) against the child process."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.gui.pdf_process import render_pdf_in_child
    from zwgk_desktop.gui.printing import render_pdf

    app = QApplication.instance()
    # a QTextDocument on a plain thread warns about its timers on every page
    previous = qInstallMessageHandler(lambda *args: None)
    try:
        thread = _ui_turns(app, lambda: render_pdf(catalog, folder / "thread.pdf"))
    finally:
        qInstallMessageHandler(previous)
    child = _ui_turns(app, lambda: render_pdf_in_child(catalog, folder / "child.pdf"))
    for label, turns in (("render on a thread", thread), ("render in a child", child)):
        p95 = statistics.quantiles(turns, n=20)[-1]
        print(f"UI turns while {label}: p95 {p95:.1f} ms, longest {max(turns):.1f} ms")


if __name__ == "__main__":
    main()
