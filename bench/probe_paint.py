"""Child process of ``bench_gui.bench_open``: open a catalog, exit at the table's first paint.

    .venv/bin/python -m bench.probe_paint CATALOG.zwgk

What the clerk waits for is the first paint of the table with the catalog in it; work
the app defers until after it (background checking, the form's 公开依据 hint) does not
count. Prints ``{"shown": seconds, "cpu": seconds}`` and exits at once.

The probe stays out of the measurement: it imports nothing but what it needs (the bare
window it is compared with is a ``-c`` script), and it wraps the table's own
``viewportEvent`` instead of filtering the whole application, since a Python filter on
the application would cost ~80 ms (PySide builds all its lazy classes to convert the
first events' objects) that the bare window does not pay. The table's module is patched
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
    from PySide6.QtCore import QEvent

    paint = QEvent.Type.Paint
    original = table_class.viewportEvent

    def viewport_event(table: Any, event: QEvent) -> bool:  # noqa: ANN401
        handled = original(table, event)
        model = table.model()
        if event.type() == paint and model is not None and model.rowCount() > 0:
            shown = time.perf_counter() - START  # the paint itself done, then stop
            print(json.dumps({"shown": shown, "cpu": time.process_time()}))
            sys.stdout.flush()
            os._exit(0)
        return handled

    table_class.viewportEvent = viewport_event


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
