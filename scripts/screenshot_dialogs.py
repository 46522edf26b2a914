"""Render each dialog of the app to screenshots/dialog-*.png, offscreen, for a human to look at.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_dialogs.py [OUT_DIR]``.
Uses a throw-away ZWGK_HOME so no real settings or recent files are touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ZWGK_HOME"] = tempfile.mkdtemp(prefix="zwgk-shots-")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def make_app() -> QApplication:
    """The application set up exactly as the real one (fonts, translations, style sheet)."""
    from zwgk_desktop.gui.app import configure_app

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_app(app)
    return app  # type: ignore[return-value]


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(
    app: QApplication, widget: QWidget, out: Path, name: str, size: tuple[int, int] | None = None
) -> Path:
    if size:
        widget.resize(*size)
    widget.show()
    settle(app)
    path = out / f"dialog-{name}.png"
    widget.grab().save(str(path))
    print(f"  {path}")
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = make_app()

    from tests.gui.factories import hand_made_workbook
    from zwgk_desktop.core.demo import demo_catalog, ensure_demo_document
    from zwgk_desktop.core.settings import load_settings, save_settings
    from zwgk_desktop.core.storage import Document
    from zwgk_desktop.core.xlsx import export_workbook
    from zwgk_desktop.gui.dialogs.about import AboutDialog
    from zwgk_desktop.gui.dialogs.export_dialog import ExportDialog
    from zwgk_desktop.gui.dialogs.import_dialog import ImportDialog
    from zwgk_desktop.gui.dialogs.new_catalog import NewCatalogDialog
    from zwgk_desktop.gui.dialogs.snapshots import SnapshotsDialog
    from zwgk_desktop.gui.dialogs.welcome import WelcomePage
    from zwgk_desktop.gui.printing import render_pdf
    from zwgk_desktop.gui.tasks import BackgroundTask

    work = Path(tempfile.mkdtemp(prefix="zwgk-shot-files-"))
    catalog = demo_catalog()

    # Welcome page with a recent list: one present file, one that has gone missing.
    demo = ensure_demo_document()
    settings = load_settings()
    settings.add_recent(work / "去年的目录（已删除）.zwgk")
    settings.add_recent(demo)
    save_settings(settings)
    save(app, WelcomePage(), out, "welcome", (1280, 800))

    dialog = NewCatalogDialog()
    dialog.unit_edit.insert("城关镇")
    dialog.region_edit.insert("示范省示范市示范县")
    dialog.contact_edit.insert("张三 0771-1234567")
    for template in dialog.templates[1:4]:
        dialog.set_domain_checked(template.id, False)
    save(app, dialog, out, "new-catalog")
    empty = NewCatalogDialog()
    save(app, empty, out, "new-catalog-invalid")

    workbook = work / "城关镇政务公开标准目录.xlsx"
    export_workbook(catalog, workbook, "standard")
    importer = ImportDialog(None, workbook)
    importer.start()
    while not importer.loaded and not importer.closed_early:
        app.processEvents()
    save(app, importer, out, "import")

    # A hand-typed county layout: variant headers, 同上, channel words — the preview shows guesses.
    hand = work / "城关镇社会救助目录（手工）.xlsx"
    hand_made_workbook(hand, fuller=True)
    guesses = ImportDialog(None, hand)
    guesses.start()
    while not guesses.loaded and not guesses.closed_early:
        app.processEvents()
    save(app, guesses, out, "import-guesses")

    exporter = ExportDialog(None, catalog)
    exporter.path_edit.setText(str(work / "导出.xlsx"))
    save(app, exporter, out, "export")
    task = exporter.start_export()
    while task is not None and not task.finished:
        app.processEvents()
    save(app, exporter, out, "export-done")

    # A cell longer than Excel's 32,767 characters: the export says what it had to cut.
    long_catalog = demo_catalog()
    next(d for d in long_catalog.domains if d.items).items[0].basis = (
        "《中华人民共和国政府信息公开条例》" * 2500
    )
    warned = ExportDialog(None, long_catalog)
    warned.path_edit.setText(str(work / "超长.xlsx"))
    task = warned.start_export()
    while task is not None and not task.finished:
        app.processEvents()
    save(app, warned, out, "export-warnings")

    path = work / "快照.zwgk"
    with Document.create(path, catalog) as document:
        document.create_snapshot("初稿")
        document.create_snapshot("报县审核前")
        snapshots = SnapshotsDialog(None, document)
        save(app, snapshots, out, "snapshots")
        snapshots.close()

    save(app, AboutDialog(), out, "about")

    parent = QWidget()
    parent.resize(600, 300)
    parent.show()
    release = []
    progress_task = BackgroundTask(parent, "导出Excel", lambda p, c: release, lambda r: None)
    progress_task.dialog.setRange(0, 16000)
    progress_task.dialog.setValue(6400)
    progress_task.dialog.setLabelText("导出Excel…（6400/16000）")
    save(app, progress_task.dialog, out, "progress")
    progress_task.dialog.hide()

    pdf = work / "print.pdf"
    domain = next(d for d in catalog.domains if d.items)
    render_pdf(catalog, pdf, domain.id)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / "dialog-print-page"),
            ],
            check=True,
        )
        print(f"  {out / 'dialog-print-page.png'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
