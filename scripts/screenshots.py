"""Save a PNG of each main screen into ``screenshots/`` (offscreen, no display needed).

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--scale 1.5]

Screens: the welcome page, the main window on the demo catalog, a domain with validation
findings and the flagged cell selected, the item form, a choice editor open in a cell,
cells that differ from the template, find/replace, the read-only banner, and part B's
dialogs when they are installed. Everything runs in a private profile folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="output folder")
    parser.add_argument("--scale", default="", help="QT_SCALE_FACTOR, e.g. 1.5 for a 150%% display")
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = args.scale
    os.environ["ZWGK_HOME"] = tempfile.mkdtemp(prefix="zwgk-shots-")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from zwgk_desktop.core.demo import ensure_demo_document
    from zwgk_desktop.core.storage import Document
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.app import configure_app
    from zwgk_desktop.gui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(["screenshots"])
    configure_app(app)
    msgbox.set_test_mode(True)
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(4):
            app.processEvents()

    def shot(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path), "PNG")
        saved.append(path)

    window = MainWindow()
    window.resize(1366, 860)
    window.show()
    shot(window, "01-welcome")

    demo = ensure_demo_document()
    window.open_path(demo)
    window.validation.wait_idle()
    window.issues_panel.rebuild()
    window.update_status()
    shot(window, "02-main-demo")

    # A domain with findings, the first flagged cell selected.
    window.issues_panel.select_next(True)
    shot(window, "03-domain-with-issues")

    # The item form of an item with a long 公开依据, shown wide.
    window.show_domain(window.session.catalog.domains[0].id)
    longest = max(
        range(window.table_model.rowCount()), key=lambda r: len(window.table_model.item_at(r).basis)
    )
    window.table.select_cell(longest, window.table_model.column_of("basis"))
    window.form_dock.setMinimumWidth(420)
    shot(window, "04-item-form")
    form_host = window.form
    form_host.resize(440, 1000)
    shot(form_host.widget(), "05-item-form-full")
    window.form_dock.setMinimumWidth(300)

    # A choice editor open in a 公开渠道 cell.
    window.table.select_cell(1, window.table_model.column_of("channels"))
    window.table.setFocus()
    QTest.keyClick(window.table, Qt.Key.Key_F2)
    shot(window, "06-channel-editor")
    QTest.keyClick(window.table.viewport().focusWidget() or window.table, Qt.Key.Key_Escape)
    settle()

    # Cells that differ from the template, after an edit.
    from zwgk_desktop.gui import commands

    item = window.table_model.item_at(0)
    domain_id = window.current_domain()
    commands.push(
        window.session,
        commands.set_cells(
            window.session,
            [(domain_id, item.id, "content", item.content + "本镇补充：办理进度查询方式。")],
        ),
    )
    window.actions_by_id["mark_template_diff"].setChecked(True)
    window.table.select_cell(0, window.table_model.column_of("level2"))
    shot(window, "07-template-differences")
    window.on_undo()
    window.actions_by_id["mark_template_diff"].setChecked(False)

    # Find and replace over the whole catalog.
    window.on_replace()
    dialog = window.find_dialog
    dialog.find_edit.setText("政务服务中心")
    dialog.replace_edit.setText("便民服务中心")
    dialog.scope.setCurrentIndex(dialog.SCOPE_CATALOG)
    dialog.find_next()
    shot(dialog, "08-find-replace")
    shot(window, "09-find-result-in-window")
    dialog.close()

    # Read-only: the same file opened while another process holds it.
    window.close_session()
    holder = Document.open(demo)
    try:
        window.open_path(demo)
        window.validation.wait_idle()
        window.issues_panel.rebuild()
        window.update_status()
        shot(window, "10-read-only")
        window.close_session()
    finally:
        holder.close()

    for name, make in _dialogs():
        try:
            widget = make(window)
        except ImportError:
            continue
        widget.show()
        shot(widget, name)
        widget.close()

    window.close()
    for path in saved:
        print(path)
    return 0


def _dialogs() -> list[tuple[str, Callable[[object], object]]]:
    """Part B's dialogs, if present (they keep their own script for the details)."""

    def new_catalog(parent: object) -> object:
        from zwgk_desktop.gui.dialogs.new_catalog import NewCatalogDialog

        dialog = NewCatalogDialog(parent)  # type: ignore[arg-type]
        dialog.unit_edit.setText("示范镇人民政府")
        return dialog

    def about(parent: object) -> object:
        from zwgk_desktop.gui.dialogs.about import AboutDialog

        return AboutDialog(parent)  # type: ignore[arg-type]

    return [("11-dialog-new-catalog", new_catalog), ("12-dialog-about", about)]


if __name__ == "__main__":
    sys.exit(main())
