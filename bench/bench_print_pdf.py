"""The app's own PDF of the 26 bundled templates: pages, items a page, and render time of
each channel style × page flow against the print code before them (same run).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_print_pdf [--repeat 3] [--base REV]

The baseline is ``zwgk_desktop/gui/printing.py`` and ``print_html.py`` as they were at
``REV`` (default: the commit before 9-point text, fitted widths, 简洁版 and 接续排页), read
with ``git show`` and imported under other names, so both run in this process on this
machine. Each combination and the baseline are alternated (paired CPU ratio, median of
``--repeat``; target ≤ 1.5×). Items a page = items / (pages − the cover page). Last, the
child process 导出PDF uses against the same render in this process.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
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
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    from zwgk_desktop.gui.printing import render_pdf

    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-pdf-"))
    base = baseline_render(args.base, folder)
    catalog = new_catalog(CatalogMeta(unit="示范镇人民政府", region="示范县"))
    items = catalog.item_count()
    base_pages = base.render_pdf(catalog, folder / "base.pdf")
    print(
        f"baseline ({args.base}): {base_pages} pages, {items / (base_pages - 1):.2f} items a page"
    )
    for channels in ("full", "compact"):
        for flow in ("domain", "continuous"):
            target = folder / f"{channels}-{flow}.pdf"
            pages = render_pdf(catalog, target, channels=channels, flow=flow)
            print(f"{channels:7} {flow:10}: {pages} pages, {items / (pages - 1):.2f} items a page")
            timing = paired_seconds(
                lambda t=target, c=channels, f=flow: render_pdf(catalog, t, channels=c, flow=f),
                lambda: base.render_pdf(catalog, folder / "base.pdf"),
                args.repeat,
            )
            report_paired(f"  render {channels}/{flow}", timing, "baseline", TARGET)
    # 导出PDF runs the same render in a child process (no Qt on the app's threads): what
    # starting it and sending the catalog cost, whole catalog and one domain, wall time
    from zwgk_desktop.gui.pdf_process import render_pdf_in_child

    one = catalog.domains[3].id
    for label, domain_id in (("whole catalog", None), ("one domain", one)):
        timing = paired_seconds(
            lambda d=domain_id: render_pdf_in_child(catalog, folder / "child.pdf", d),
            lambda d=domain_id: render_pdf(catalog, folder / "inproc.pdf", d),
            args.repeat,
        )
        report_paired(f"child process, {label}", timing, "in-process render", None)


if __name__ == "__main__":
    main()
