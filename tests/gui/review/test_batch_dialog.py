"""BatchReviewDialog: background check with progress, results, export, open, cancel."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from zwgk_desktop.core.storage import Document
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.review import BatchReviewDialog


def _folder(submission: Path) -> Path:
    folder = submission.parent
    (folder / "损坏.xlsx").write_bytes(b"PK\x03\x04broken")
    (folder / "旧版.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with Document.open(submission, read_only=True) as doc:
        catalog = doc.load_catalog()
    catalog.meta.unit = "乙镇人民政府"
    catalog.domain("social-assistance").items[0].time_limit = ""
    Document.create(folder / "乙镇.zwgk", catalog).close()
    return folder


def test_checks_in_the_background_and_lists_worst_first(
    qtbot, submission: Path, tmp_path: Path
) -> None:
    folder = _folder(submission)
    dialog = BatchReviewDialog(None, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start()
    assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.progress.value() == dialog.progress.maximum() == 4
    table = dialog.files_table
    assert table.rowCount() == 4
    files = [table.item(r, 0).text() for r in range(4)]
    assert set(files[:2]) == {"损坏.xlsx", "旧版.xls"} and files[2] == "乙镇.zwgk"
    assert table.item(0, 8).text()  # the Chinese reason
    table.selectRow(2)
    assert (
        dialog.domains_table.rowCount() > 0 and dialog.domains_table.item(0, 0).text() == "社会救助"
    )
    with qtbot.waitSignal(dialog.open_requested, timeout=1000) as opened:
        dialog.open_button.click()
    assert opened.args == [str(folder / "乙镇.zwgk")]
    table.selectRow(0)
    dialog.open_selected()
    assert msgbox.shown[-1][0] == "error"
    target = dialog.export(tmp_path / "汇总")
    assert target == tmp_path / "汇总.xlsx"
    assert openpyxl.load_workbook(target)["汇总"].cell(row=4, column=2).value == files[0]


def test_missing_folder_and_cancel(qtbot, submission: Path) -> None:
    dialog = BatchReviewDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.start(submission.parent / "没有这个文件夹")
    assert msgbox.shown[-1][0] == "error"
    for n in range(30):
        (submission.parent / f"copy{n}.zwgk").write_bytes(submission.read_bytes())
    assert dialog.start(submission.parent)
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.result is None and "已取消" in dialog.summary_label.text()
    assert dialog.start_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_closing_the_dialog_mid_check_is_safe(qtbot, submission: Path) -> None:
    from zwgk_desktop.gui.worker import running_workers

    for n in range(10):
        (submission.parent / f"copy{n}.zwgk").write_bytes(submission.read_bytes())
    dialog = BatchReviewDialog(None, submission.parent)
    dialog.show()
    assert dialog.start()
    dialog.close()
    dialog.deleteLater()
    del dialog
    qtbot.waitUntil(lambda: running_workers() == 0, timeout=30_000)
