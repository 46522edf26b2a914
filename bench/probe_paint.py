"""Child process of ``bench_gui.bench_open``: open a catalog, exit at the table's first paint.

    .venv/bin/python -m bench.probe_paint CATALOG.zwgk

What the clerk waits for is the first paint of the table with the catalog in it; work
the app defers until after it (background checking, the form's 公开依据 hint) does not
count. Prints ``{"shown": seconds, "cpu": seconds}`` and exits at once.

The probe stays out of the measurement: it imports nothing but what it needs (the bare
window it is compared with is a ``-c`` script), and it wraps the table's ``paintEvent``,
which the app already handles in Python. A Python event filter, or a wrapped
``viewportEvent``, would have PySide convert each event to its Python class: the first
conversion builds all ~50 of its event classes (~5 ms; ~80 ms for a filter on the whole
application, which meets more kinds of object), a cost the app does not pay. The table's module is patched
as the app imports it, not imported here, and Qt is left for the app to import: the app
starts opening the file in the background before it loads Qt, and so must the probe.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any

START = time.perf_counter()
TABLE_MODULE = "zwgk_desktop.gui.widgets.item_table"


def after_import(name: str, then: Callable[[ModuleType], None]) -> None:
    """Call ``then(module)`` once module ``name`` has been imported (by whoever)."""
    from importlib.util import find_spec

    class Finder:
        def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:  # noqa: ANN401
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = find_spec(fullname)
            loader = spec.loader
            original = loader.exec_module

            def exec_module(module: ModuleType) -> None:
                original(module)
                then(module)

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())


def watch(table_class: type) -> None:
    original = table_class.paintEvent

    def paint_event(table: Any, event: Any) -> None:  # noqa: ANN401
        original(table, event)
        model = table.model()
        if model is not None and model.rowCount() > 0:
            shown = time.perf_counter() - START  # the paint itself done, then stop
            print(json.dumps({"shown": shown, "cpu": time.process_time()}))
            sys.stdout.flush()
            os._exit(0)

    table_class.paintEvent = paint_event


def main(path: str) -> None:
    """Start as ``zwgk-desktop CATALOG`` does: the app's ``main`` imports Qt itself, after
    it has started opening the file; the probe only enters the event loop it left."""
    from zwgk_desktop.gui.app import main as app_main

    after_import(TABLE_MODULE, lambda module: watch(module.ItemTableView))
    app_main([path], exec_=False)
    from PySide6.QtWidgets import QApplication

    QApplication.instance().exec()


if __name__ == "__main__":
    main(sys.argv[1])
