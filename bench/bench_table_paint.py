"""Repainting the item table's viewport, our delegate against Qt's stock one, same run.

    .venv/bin/python -m bench.bench_table_paint [--items 16000] [--repaints 30]

Scrolling and every edit repaint cells through ``ItemDelegate.paint``; the stock
``QStyledItemDelegate`` on the same model and view is the baseline (it asks the model ~10
roles per cell); a delegate that paints nothing gives the view's own share (grid,
headers, its model calls). Ours twice: with its cell cache warm (scrolling back, an edit elsewhere)
and emptied before each repaint (every visible cell shows new text, as after a 500-row
paste); these repaints draw every cell. Then the first frame of new text as the app
paints it: new cells only within the frame budget (``paint_budget.py``), the rest in later
frames. CPU time of this process, so a loaded machine blurs it less; medians of 5
interleaved rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def _cpu_ms(widget, repaints: int, forget=None) -> float:
    """CPU ms per full repaint; ``forget`` (if given) empties the cell cache before each
    one, as when every visible cell shows new text (a 500-row paste)."""
    total = 0.0
    for _ in range(repaints):
        if forget is not None:
            forget()
        t0 = time.process_time()
        widget.repaint()
        total += time.process_time() - t0
    return total * 1000 / repaints


def _forget_cells() -> None:
    """Empty the drawn-cell caches (ours, or Qt's on an older delegate)."""
    from PySide6.QtGui import QPixmapCache

    from zwgk_desktop.gui import delegates

    QPixmapCache.clear()
    cache = getattr(delegates, "_PIXMAPS", None)
    if cache is not None:
        cache.clear()


def _new_frame(app) -> None:
    """Empty the cell cache and let the last frame end (its budget with it)."""
    _forget_cells()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="item table repaint")
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repaints", type=int, default=30)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ZWGK_HOME"] = tempfile.mkdtemp(prefix="zwgk-bench-home-")
    from PySide6.QtWidgets import QStyledItemDelegate

    class _Blank(QStyledItemDelegate):
        """Paints nothing: the view's own cost per repaint (grid, headers, model calls)."""

        def paint(self, painter, option, index) -> None:
            pass

    from bench.bench_issue14 import _pump, _window
    from bench.catalog_gen import generate_catalog
    from zwgk_desktop.core.storage import Document

    path = Path(tempfile.mkdtemp(prefix="zwgk-bench-paint-")) / "catalog.zwgk"
    Document.create(path, generate_catalog(args.items, seed=3)).close()
    app, window = _window(path)
    table = window.table
    ours = table.itemDelegate()
    stock = QStyledItemDelegate(table)
    blank = _Blank(table)
    viewport = table.viewport()
    cells = 0
    model = window.table_model
    for row in range(model.rowCount()):
        if table.rowViewportPosition(row) > viewport.height():
            break
        cells += sum(not table.isColumnHidden(c) for c in range(model.columnCount()))
    from zwgk_desktop.gui.paint_budget import full_paint

    mine, cold, framed, bare, floor = [], [], [], [], []
    for _ in range(5):  # interleaved, so all see the same load
        with full_paint():  # whole repaints: every cell drawn, as the stock delegate does
            table.setItemDelegate(blank)
            floor.append(_cpu_ms(viewport, args.repaints))
            table.setItemDelegate(stock)
            bare.append(_cpu_ms(viewport, args.repaints))
            table.setItemDelegate(ours)
            cold.append(_cpu_ms(viewport, args.repaints, _forget_cells))
            mine.append(_cpu_ms(viewport, args.repaints))
        # As the app paints new text: the first frame, new cells within the frame budget.
        framed.append(_cpu_ms(viewport, args.repaints, lambda: _new_frame(app)))
    _pump(app, 0.1)
    window.doc.close_session()
    window.close()
    med = statistics.median
    results = {
        "cells_in_viewport": cells,
        "repaint_ours_cpu_ms": med(mine),
        "repaint_ours_new_text_cpu_ms": med(cold),
        "repaint_ours_new_text_first_frame_cpu_ms": med(framed),
        "repaint_stock_delegate_cpu_ms": med(bare),
        "repaint_blank_delegate_cpu_ms": med(floor),
        "ours_above_blank_per_cell_us": (med(mine) - med(floor)) * 1000 / max(cells, 1),
        "ours_per_cell_us": med(mine) * 1000 / max(cells, 1),
        "ours_new_text_per_cell_us": med(cold) * 1000 / max(cells, 1),
        "ratio_ours_vs_stock_delegate": med(mine) / med(bare),
        "ratio_ours_new_text_vs_stock_delegate": med(cold) / med(bare),
    }
    for key, value in results.items():
        print(f"{key:36s} {value:10.3f}" if isinstance(value, float) else f"{key:36s} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
