"""版本快照: named milestones kept inside the document (e.g. “报县审核前”).

Restoring never loses the present: ``Document.restore_snapshot`` first stores the current
state as an automatic snapshot. After the dialog closes the main window reloads the
catalog if ``restored`` is True.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.os_reasons import os_reason
from zwgk_desktop.core.storage import Document, SnapshotInfo
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.dialogs.common import (
    MUTED_STYLE,
    ask_save_path,
    safe_filename,
    show_error,
    show_info,
)
from zwgk_desktop.gui.dialogs.sizing import FittedDialog

DEFAULT_SNAPSHOT_NAME = "报县审核前"
SAVE_FILTER = "政务公开目录文件 (*.zwgk)"


def _format_time(created: str) -> str:
    """ISO ``2025-03-01T09:30:00`` as ``2025-03-01 09:30``."""
    return created.replace("T", " ")[:16]


class SnapshotsDialog(FittedDialog):
    def __init__(self, parent: QWidget | None, document: Document) -> None:
        super().__init__(parent)
        self.setWindowTitle("版本快照")
        self.resize(640, 420)
        self.document = document
        self.restored = False
        self._snapshots: list[SnapshotInfo] = []

        explain = QLabel(
            "快照保存目录在某一时刻的完整内容（保存在本文件中），如“报县审核前”。"
            "恢复到某个版本前，当前内容会先自动保存为一个快照，不会丢失。"
        )
        explain.setWordWrap(True)
        explain.setStyleSheet(MUTED_STYLE)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["名称", "时间", "事项数"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton("新建快照…")
        self.restore_button = QPushButton("恢复到此版本…")
        self.delete_button = QPushButton("删除")
        self.copy_button = QPushButton("另存为副本…")
        self.close_button = QPushButton("关闭")
        self.new_button.clicked.connect(self.ask_create)
        self.restore_button.clicked.connect(self.ask_restore)
        self.delete_button.clicked.connect(self.ask_delete)
        self.copy_button.clicked.connect(self.ask_save_copy)
        self.close_button.clicked.connect(self.accept)
        self.copy_button.setToolTip("把选中的版本保存为一个新的目录文件，当前文件不变")

        buttons = QVBoxLayout()
        for button in (self.new_button, self.restore_button, self.delete_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        self.read_only_label = QLabel()
        self.read_only_label.setStyleSheet(MUTED_STYLE)
        self.read_only_label.setWordWrap(True)

        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(body, 1)
        layout.addWidget(self.read_only_label)
        if document.read_only:
            self.read_only_label.setText(
                f"只读：{document.lock_message or '文件以只读方式打开'}；只能查看和另存为副本。"
            )
        self.read_only_label.setVisible(document.read_only)
        self.refresh()

    # ------------------------------------------------------------------ list
    def refresh(self, select_id: int | None = None) -> None:
        self._snapshots = list(reversed(self.document.snapshots()))  # newest first
        self.table.setRowCount(len(self._snapshots))
        for row, snap in enumerate(self._snapshots):
            cells = (snap.name, _format_time(snap.created), str(snap.item_count))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if snap.id == select_id:
                self.table.selectRow(row)
        if select_id is None and self._snapshots:
            self.table.selectRow(0)
        self._update_buttons()

    def snapshot_infos(self) -> list[SnapshotInfo]:
        """The listed snapshots, newest first."""
        return list(self._snapshots)

    def selected(self) -> SnapshotInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._snapshots[rows[0].row()]

    def select_snapshot(self, snapshot_id: int) -> None:
        for row, snap in enumerate(self._snapshots):
            if snap.id == snapshot_id:
                self.table.selectRow(row)
                return
        raise KeyError(snapshot_id)

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        writable = not self.document.read_only
        self.new_button.setEnabled(writable)
        self.restore_button.setEnabled(has and writable)
        self.delete_button.setEnabled(has and writable)
        self.copy_button.setEnabled(has)

    # ------------------------------------------------------------------ actions
    def create(self, name: str) -> int:
        snapshot_id = self.document.create_snapshot(name.strip() or DEFAULT_SNAPSHOT_NAME)
        self.refresh(select_id=snapshot_id)
        return snapshot_id

    def ask_create(self) -> None:
        name, ok = standard.get_text(self, "新建快照", "快照名称：", text=DEFAULT_SNAPSHOT_NAME)
        if not ok:
            return
        try:
            self.create(name)
        except ZwgkError as exc:
            show_error(self, "新建快照", str(exc))

    def _confirm(self, title: str, text: str) -> bool:
        answer = standard.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_restore(self) -> None:
        snap = self.selected()
        if snap is None:
            return
        text = (
            f"把目录恢复到版本“{snap.name}”（{_format_time(snap.created)}，{snap.item_count} 个事项）？\n"
            "当前内容会先自动保存为快照“恢复前自动保存…”，需要时可以再恢复回来。"
        )
        if not self._confirm("恢复版本", text):
            return
        try:
            self.document.restore_snapshot(snap.id)
        except ZwgkError as exc:
            show_error(self, "恢复版本", str(exc))
            return
        self.restored = True
        self.refresh()
        show_info(self, "恢复版本", f"已恢复到版本“{snap.name}”。")

    def ask_delete(self) -> None:
        snap = self.selected()
        if snap is None or not self._confirm(
            "删除快照", f"删除快照“{snap.name}”？删除后无法恢复该版本。"
        ):
            return
        try:
            self.document.delete_snapshot(snap.id)
        except ZwgkError as exc:
            show_error(self, "删除快照", str(exc))
            return
        self.refresh()

    def save_copy(self, snapshot_id: int, target: Path) -> Path:
        """Write the snapshot as a new, independent .zwgk at ``target``."""
        catalog = self.document.snapshot_catalog(snapshot_id)
        if target.resolve() == Path(self.document.source_path).resolve():
            raise ZwgkError("副本不能保存到当前文件，请换一个文件名")
        try:
            copy = Document.create(target, catalog, overwrite=True)
        except OSError as exc:
            raise ZwgkError(f"无法创建“{target.name}”：{os_reason(exc)}") from exc
        copy.close()
        return target

    def ask_save_copy(self) -> None:
        snap = self.selected()
        if snap is None:
            return
        source = Path(self.document.source_path)
        default = source.with_name(f"{source.stem}-{safe_filename(snap.name, '版本')}.zwgk")
        target = ask_save_path(self, "另存为副本", default, SAVE_FILTER, ".zwgk")
        if target is None:
            return
        try:
            self.save_copy(snap.id, target)
        except ZwgkError as exc:
            show_error(self, "另存为副本", str(exc))
            return
        show_info(self, "另存为副本", f"已保存副本：{target}")
