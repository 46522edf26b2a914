"""批量审核: pick a folder, check every submission in the background, see one table.

The check runs on a :class:`PythonWorker` (plain Python data only, never Qt on its thread)
and the 取消 button sets its event; a dialog closed mid-check is simply not told. The
upper table has one row per file (worst first), the lower one the selected file's
domains; 导出汇总 writes the summary workbook, 打开 asks the main window to open a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.review.batch import (
    BatchCancelled,
    BatchResult,
    SubmissionSummary,
    review_folder,
)
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.dialogs.sizing import FittedDialog
from zwgk_desktop.gui.worker import PythonWorker

FILE_COLUMNS = (
    "文件",
    "单位",
    "事项",
    "错误",
    "警告",
    "未涉及",
    "缺少标准事项",
    "审核记录",
    "说明",
)
DOMAIN_COLUMNS = ("领域", "事项", "错误", "警告", "未涉及")
BAD = QColor("#f8d7da")
WARN = QColor("#fff3cd")


class BatchReviewDialog(FittedDialog):
    """Non-modal or modal; ``start(folder)`` runs the check, ``result`` holds the outcome."""

    open_requested = Signal(str)  # path of a submission to open in 审核模式

    def __init__(self, parent: QWidget | None = None, folder: str | Path = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("批量审核")
        self.resize(980, 640)
        self.result: BatchResult | None = None
        self.error: BaseException | None = None
        self.running = False
        self._worker: PythonWorker | None = None
        self._build(str(folder))

    def _build(self, folder: str) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("提交文件所在文件夹：", self))
        self.folder_edit = QLineEdit(folder, self)
        row.addWidget(self.folder_edit, 1)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(lambda _=False: self._browse())
        row.addWidget(browse)
        self.start_button = QPushButton("开始检查", self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda _=False: self.start())
        row.addWidget(self.start_button)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda _=False: self.cancel())
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setFormat("%v / %m 个文件")
        self.progress.setValue(0)
        self.progress.setVisible(False)  # no "0 / 100" before a check has started
        layout.addWidget(self.progress)
        self.summary_label = QLabel(
            "选择文件夹后点击“开始检查”：检查其中每个目录文件（.zwgk、.json、Excel、WPS、CSV、Word 表格或网页）。",
            self,
        )
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.files_table = self._table(splitter, FILE_COLUMNS)
        self.files_table.itemSelectionChanged.connect(self._show_domains)
        self.files_table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.domains_table = self._table(splitter, DOMAIN_COLUMNS)
        splitter.setSizes([360, 200])
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("审核所选文件", self)
        self.open_button.clicked.connect(lambda _=False: self.open_selected())
        buttons.addWidget(self.open_button)
        self.export_button = QPushButton("导出汇总…", self)
        self.export_button.clicked.connect(lambda _=False: self.ask_export())
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        close = QPushButton("关闭", self)
        close.clicked.connect(lambda _=False: self.reject())
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._update_buttons()

    def _table(self, parent: QWidget, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns), parent)
        table.setHorizontalHeaderLabels(list(columns))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _browse(self) -> None:
        folder = standard.get_existing_directory(
            self, "选择提交文件所在文件夹", self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _update_buttons(self) -> None:
        has_result = self.result is not None
        self.start_button.setEnabled(not self.running)
        self.cancel_button.setEnabled(self.running)
        self.export_button.setEnabled(has_result and not self.running)
        self.open_button.setEnabled(has_result and not self.running and self.selected() is not None)

    # ------------------------------------------------------------------ running
    def start(self, folder: str | Path | None = None) -> bool:
        if self.running:
            return False
        if folder is not None:
            self.folder_edit.setText(str(folder))
        path = Path(self.folder_edit.text().strip())
        if not self.folder_edit.text().strip() or not path.is_dir():
            msgbox.error(self, f"文件夹不存在：{path}")
            return False
        self.result, self.error = None, None
        self.running = True
        self.files_table.setRowCount(0)
        self.domains_table.setRowCount(0)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.summary_label.setText("正在检查…")
        self._update_buttons()
        self._worker = PythonWorker(
            lambda progress, cancel: review_folder(path, progress, cancel),
            self._while_open(self._on_progress),
            self._while_open(self._on_done),
            self._while_open(self._on_failed),
            name="zwgk-batch",
        ).start()
        return True

    def _while_open(self, callback: Callable[..., None]) -> Callable[..., None]:
        """``callback``, skipped once the dialog has been destroyed (closed mid-check)."""
        return lambda *args: callback(*args) if isValid(self) else None

    def cancel(self) -> None:
        if self.running and self._worker is not None:
            self._worker.cancel()
            self.summary_label.setText("正在取消…")

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_done(self, result: BatchResult) -> None:
        self.running = False
        self.result = result
        self._fill(result)
        self._update_buttons()

    def _on_failed(self, exc: BaseException, details: str) -> None:
        self.running = False
        self.error = exc
        self.progress.setVisible(False)
        if isinstance(exc, BatchCancelled):
            self.summary_label.setText("已取消。")
        elif isinstance(exc, ZwgkError):
            self.summary_label.setText(str(exc))
            msgbox.error(self, str(exc))
        else:
            self.summary_label.setText("检查时出现内部错误。")
            msgbox.internal_error(self, exc)
        self._update_buttons()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.cancel()
        super().closeEvent(event)

    # ------------------------------------------------------------------ results
    def _fill(self, result: BatchResult) -> None:
        s = result.summary()
        text = (
            f"共 {s['files']} 个文件：可读取 {s['readable']} 个，无法读取 {s['unreadable']} 个；"
            f"事项 {s['items']} 个，错误 {s['errors']} 个，警告 {s['warnings']} 个（用时 {result.seconds:.1f} 秒）"
        )
        self.summary_label.setText("<br>".join([text, *result.notes]))
        self.files_table.setRowCount(len(result.submissions))
        for r, sub in enumerate(result.submissions):
            values: list[Any] = [
                sub.file_name,
                sub.unit,
                sub.items,
                sub.errors,
                sub.warnings,
                sub.not_involved,
                sub.missing_standard,
                sub.review_status,
                sub.error or sub.notice,
            ]
            if not sub.ok:
                values[2:7] = ["", "", "", "", ""]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setData(Qt.ItemDataRole.DisplayRole, value)
                if not sub.ok or c == 3 and sub.errors:
                    item.setBackground(QBrush(BAD))
                elif c == 4 and sub.warnings:
                    item.setBackground(QBrush(WARN))
                self.files_table.setItem(r, c, item)
        self.files_table.resizeColumnsToContents()
        header = self.files_table.horizontalHeader()  # resizing to contents undid the stretch
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)
        if result.submissions:
            self.files_table.selectRow(0)

    def selected(self) -> SubmissionSummary | None:
        if self.result is None:
            return None
        rows = (
            self.files_table.selectionModel().selectedRows()
            if self.files_table.selectionModel()
            else []
        )
        if not rows:
            return None
        row = rows[0].row()
        return self.result.submissions[row] if 0 <= row < len(self.result.submissions) else None

    def _show_domains(self) -> None:
        sub = self.selected()
        self.domains_table.setRowCount(0)
        self._update_buttons()
        if sub is None or not sub.ok:
            return
        domains = sorted(sub.domains, key=lambda d: (-d.errors, -d.warnings, d.not_involved))
        self.domains_table.setRowCount(len(domains))
        for r, d in enumerate(domains):
            values: list[Any] = [
                d.name,
                d.items,
                d.errors,
                d.warnings,
                "未涉及" if d.not_involved else "",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c == 2 and d.errors:
                    item.setBackground(QBrush(BAD))
                elif c == 3 and d.warnings:
                    item.setBackground(QBrush(WARN))
                self.domains_table.setItem(r, c, item)

    def open_selected(self) -> None:
        sub = self.selected()
        if sub is None:
            return
        if not sub.ok:
            msgbox.error(self, sub.error)
            return
        self.open_requested.emit(str(sub.path))

    def ask_export(self) -> Path | None:
        if self.result is None:
            return None
        default = self.result.folder / "批量审核汇总.xlsx"
        name, _ = standard.get_save_file_name(
            self, "导出汇总", str(default), "Excel 工作簿 (*.xlsx)"
        )
        if not name:
            return None
        return self.export(name)

    def export(self, path: str | Path) -> Path | None:
        """Write the summary workbook (atomic); errors become a message."""
        from zwgk_desktop.core.review.batch_xlsx import write_summary

        if self.result is None:
            return None
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        try:
            write_summary(self.result, target)
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
            return None
        msgbox.info(self, f"已导出汇总：{target}")
        return target
