"""Screenshots of the item table as a clerk first sees it on a given screen (offscreen).

    .venv/bin/python scripts/screenshots_table.py [--out screenshots/table] [--sizes 1366x768 1920x1080]

For each screen size a child process starts with an offscreen screen of exactly that
size (Qt's offscreen ``configfile``), a fresh profile (so the window fits the screen as
on a first start) and the demo catalog: the first screen, the table scrolled sideways
(一级/二级事项 stay frozen), the channel pop-up, and the paste preview of a 10-column
block without 特定群体说明.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEN_COLUMNS = (
    "政策文件\t规范性文件\t文件全文\t《条例》\t20个工作日内\t城关镇人民政府\t政府网站\t全社会\t主动\t乡级\r\n"
    "政策文件\t政策解读\t解读材料\t《条例》\t20个工作日内\t城关镇人民政府\t政府网站\t全社会\t主动\t乡级\r\n"
)


def child(out: Path, width: int, height: int) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.core.demo import ensure_demo_document
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.app import configure_app
    from zwgk_desktop.gui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(["screenshots"])
    configure_app(app)
    msgbox.set_test_mode(True)
    tag = f"{width}x{height}"

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget, name: str) -> None:
        settle()
        widget.grab().save(str(out / f"{tag}-{name}.png"), "PNG")

    window = MainWindow()
    window.chrome.fit_to_screen()  # what a first start does on a real screen (offscreen keeps 1360×860)
    window.show()
    window.file.open_path(ensure_demo_document())
    window.validation.wait_idle()
    window.chrome.update_status()
    window.table.select_cell(2, window.table_model.column_of("content"))
    window.table.setFocus()
    shot(window, "1-table")
    print(f"{tag}: window {window.width()}x{window.height()}, table {window.table.width()}")

    bar = window.table.horizontalScrollBar()
    window.table.select_cell(2, window.table_model.column_of("level"))
    bar.setValue(bar.maximum())
    shot(window, "2-scrolled-frozen")

    QTest.keyClick(window.table, Qt.Key.Key_F2)
    shot(window, "3-level-popup")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    bar.setValue(0)

    def grab_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, grab_dialog)
            return
        shot(dialog, "4-paste-preview")
        dialog.reject()

    QGuiApplication.clipboard().setText(TEN_COLUMNS)
    window.table.select_cell(0, 0)
    QTimer.singleShot(0, grab_dialog)
    window.edit.on_paste()
    window.doc.close_session()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots" / "table"))
    parser.add_argument("--sizes", nargs="*", default=["1366x768", "1920x1080"])
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.child:
        width, height = (int(v) for v in args.child.split("x"))
        child(out, width, height)
        return 0
    for size in args.sizes:
        width, height = (int(v) for v in size.split("x"))
        config = Path(tempfile.mkdtemp(prefix="zwgk-screen-")) / "screen.json"
        screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
        screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "QT_LOGGING_RULES": "qt.qpa.*=false",
            "ZWGK_HOME": tempfile.mkdtemp(prefix="zwgk-shots-"),
        }
        cmd = [sys.executable, __file__, "--out", str(out), "--child", size]
        subprocess.run(cmd, env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
