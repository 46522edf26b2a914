"""Save a PNG of each main screen into ``screenshots/`` (offscreen, no display needed).

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--scale 1.5] [--size 1920x1080]

Screens: the welcome page, the main window on the demo catalog, a domain with validation
findings and the flagged cell selected, the item form, a choice editor open in a cell,
cells that differ from the template, find/replace, the read-only banner, part B's
dialogs when they are installed, and the review screens (审核模式 with the 审核意见 dock and
a comment mark, the 比较 dock in round 2, the township's view, the batch dialog). Everything runs in a private profile folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="output folder")
    parser.add_argument("--scale", default="", help="QT_SCALE_FACTOR, e.g. 1.5 for a 150%% display")
    parser.add_argument(
        "--size", default="1366x768", help="window size WxH (the usual office laptop by default)"
    )
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))
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
    window.resize(width, height)
    window.show()
    shot(window, "01-welcome")

    demo = ensure_demo_document()
    window.file.open_path(demo)
    window.validation.wait_idle()
    window.issues_panel.rebuild()
    window.chrome.update_status()
    shot(window, "02-main-demo")

    # A domain with findings, the first flagged cell selected.
    window.issues_panel.select_next(True)
    shot(window, "03-domain-with-issues")

    # The item form of an item with a long 公开依据, shown wide.
    window.doc.show_domain(next(d.id for d in window.session.catalog.domains if d.items))
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
    domain_id = window.doc.current_domain()
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
    window.edit.on_undo()
    window.actions_by_id["mark_template_diff"].setChecked(False)

    # Find and replace over the whole catalog.
    window.edit.on_replace()
    dialog = window.edit.find_dialog
    dialog.find_edit.setText("政务服务中心")
    dialog.replace_edit.setText("便民服务中心")
    dialog.scope.setCurrentIndex(dialog.SCOPE_CATALOG)
    dialog.find_next()
    shot(dialog, "08-find-replace")
    shot(window, "09-find-result-in-window")
    dialog.close()

    # Read-only: the same file opened while another process holds it.
    window.doc.close_session()
    holder = Document.open(demo)
    try:
        window.file.open_path(demo)
        window.validation.wait_idle()
        window.issues_panel.rebuild()
        window.chrome.update_status()
        shot(window, "10-read-only")
        window.doc.close_session()
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

    _review_screens(window, shot, settle)
    window.close()
    for path in saved:
        print(path)
    return 0


def _review_screens(window: Any, shot: Callable[..., None], settle: Callable[[], None]) -> None:
    """A township submission reviewed, returned, fixed and reviewed again; a batch run."""
    import shutil

    from zwgk_desktop.core.catalog_factory import new_catalog
    from zwgk_desktop.core.model import CatalogMeta
    from zwgk_desktop.core.review.model import CommentStatus
    from zwgk_desktop.core.storage import Document
    from zwgk_desktop.core.xlsx.writer import export_workbook

    sa, ec, hs = "social-assistance", "elderly-care", "agricultural-subsidies"
    work = Path(tempfile.mkdtemp(prefix="zwgk-shots-review-"))
    inbox, township = work / "县政务公开办收件", work / "东风镇"
    inbox.mkdir()
    township.mkdir()

    def submission(path: Path, unit: str, damage: int) -> None:
        meta = CatalogMeta(unit=unit, region="示范县", year="2026", contact="张三")
        catalog = new_catalog(meta, [sa, ec, hs])
        for domain in catalog.domains:
            if domain.not_involved:
                domain.note = "本镇无该领域职能，相关信息由县级部门公开"
        for item in catalog.domain(sa).items[1 : 1 + damage]:
            item.time_limit = ""
        if path.suffix == ".xlsx":
            export_workbook(catalog, path)
        else:
            Document.create(path, catalog).close()

    own = township / "东风镇.zwgk"
    submission(own, "东风镇人民政府", 1)
    received = Path(shutil.copy2(own, inbox / own.name))

    # Round 1: 审核模式, a comment on 公开渠道, validation results turned into comments.
    window.reviewing.set_reviewer_name("李明")
    window.reviewing.open_for_review(received)
    window.validation.wait_idle()
    window.doc.show_domain(sa)
    column = window.table_model.column_of("content")
    window.table.select_cell(1, column)
    window.review_panel.add_comment("请列明检查结果的公开范围和方式", problem="公开内容不具体")
    window.review_panel.comments_from_validation()
    window.reviewing.on_review_return()
    window.table.select_cell(3, window.table_model.column_of("level2"))  # the marks unselected
    window.review_panel.select_comment(window.review.comments()[0].id)
    window.issues_panel.rebuild()
    window.chrome.update_status()
    shot(window, "13-review-mode")

    # The township opens its own file with the review file beside it.
    window.doc.close_session()
    shutil.copy2(inbox / "东风镇.审核.zwgkr", township)
    window.file.open_path(own)
    window.validation.wait_idle()
    window.issues_panel.rebuild()
    window.doc.show_domain(sa)
    window.table.select_cell(1, column)
    window.review_panel.select_comment(window.review.comments()[0].id)
    window.chrome.update_status()
    shot(window, "14-township-comments")

    # It fixes the item; round 2 shows the change in the 比较 dock.
    item = window.table_model.item_at(1)
    window.table_model.setData(
        window.table_model.index(1, column), item.content + "检查结果在村务公开栏公示。"
    )
    time_column = window.table_model.column_of("time_limit")
    window.table_model.setData(
        window.table_model.index(1, time_column), "自收到申请之日起20个工作日内"
    )
    window.review_panel.filter_combo.setCurrentIndex(0)
    window.review_panel.tree.selectAll()
    window.review_panel.reply_edit.setText("已按意见修改")
    window.review_panel.mark_selected(CommentStatus.MODIFIED)
    window.doc.close_session()
    shutil.copy2(own, received)
    shutil.copy2(township / "东风镇.审核.zwgkr", inbox)
    window.reviewing.open_for_review(received)
    window.validation.wait_idle()
    window.issues_panel.rebuild()
    window.doc.show_domain(sa)
    window.reviewing.show_review_diff("previous")
    tree = window.diff_view.tree
    if tree.topLevelItemCount() and tree.topLevelItem(0).childCount():
        tree.setCurrentItem(tree.topLevelItem(0).child(0).child(0))
    window.chrome.update_status()
    shot(window, "15-review-diff")

    # The same submission against last year's file (比较 → 与其他文件比较…).
    last_year = work / "东风镇2025.zwgk"
    submission(last_year, "东风镇人民政府", 0)
    with Document.open(last_year) as doc:
        first = doc.items(sa)[0]
        doc.update_item(first.id, "basis", "《社会救助暂行办法》")
        doc.delete_items([doc.items(sa)[-1].id])
    combo = window.diff_view.source_combo
    combo.setCurrentIndex(combo.findData("file"))  # what choosing the entry shows
    window.diff_view.compare_with_file(last_year)
    window.diff_view.tree.expandAll()
    shot(window, "17-review-compare-file")

    # The 审核 menu with 与其他文件比较… and 合并另一份审核文件….
    menu = window.menus["审核"]
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    settle()
    shot(menu, "18-review-menu")
    menu.hide()
    window.doc.close_session()

    # The batch dialog over a folder of three submissions.
    batch = work / "批量"
    batch.mkdir()
    submission(batch / "东风镇.zwgk", "东风镇人民政府", 0)
    submission(batch / "红旗镇.zwgk", "红旗镇人民政府", 3)
    submission(batch / "向阳街道.xlsx", "向阳街道办事处", 1)
    window.reviewing.on_review_batch()
    dialog = window.reviewing.batch_dialog
    dialog.start(batch)
    while dialog.result is None and dialog.error is None:
        settle()
    dialog.files_table.selectRow(0)
    shot(dialog, "16-batch-review")
    dialog.close()


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
