"""Screenshots of 目录信息 and 使用指南 over the main window, at 1366×768 and 1920×1080.

Run: ``.venv/bin/python scripts/screenshot_meta_help.py [OUT_DIR]`` (offscreen; each size
in its own process, since the offscreen screen size is fixed when Qt starts).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = ((1366, 768), (1920, 1080))


def _shoot(out: Path, width: int, height: int) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.gui.app import configure_app

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_app(app)
    from zwgk_desktop.core.catalog_factory import new_catalog
    from zwgk_desktop.core.model import CatalogMeta
    from zwgk_desktop.core.storage import Document
    from zwgk_desktop.gui import msgbox
    from zwgk_desktop.gui.mainwindow import MainWindow

    msgbox.set_test_mode(True)
    path = Path(tempfile.mkdtemp()) / "示范镇目录.zwgk"
    meta = CatalogMeta(unit="示范镇人民政府", region="示范县", year="")
    Document.create(path, new_catalog(meta, ["社会救助", "就业", "义务教育"])).close()
    window = MainWindow()
    window.resize(width, height - 40)
    window.file.open_path(path)
    window.show()
    for _ in range(5):
        app.processEvents()
    window.validation.wait_idle()
    window.issues_panel.rebuild()
    window.file.on_edit_meta("year")
    for _ in range(5):
        app.processEvents()
    tag = f"{width}x{height}"
    window.file.meta_dialog.grab().save(str(out / f"meta-dialog-{tag}.png"))
    window.grab().save(str(out / f"meta-window-{tag}.png"))
    window.file.meta_dialog.reject()
    window.help.on_guide()
    for _ in range(5):
        app.processEvents()
    window.help.guide_dialog.grab().save(str(out / f"guide-{tag}.png"))
    window.doc.close_session()
    os._exit(0)


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "--child":
        width, height = (int(v) for v in argv[3].split("x"))
        _shoot(Path(argv[2]), width, height)
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        config = Path(tempfile.mkdtemp()) / "screen.json"
        screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
        config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "ZWGK_HOME": tempfile.mkdtemp(prefix="zwgk-shots-"),
        }
        subprocess.run(
            [sys.executable, __file__, "--child", str(out), f"{width}x{height}"],
            env=env,
            check=True,
        )
    print(f"saved in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
