"""The start page: the clerk's four big actions, the county reviewer's two, and recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop import APP_NAME
from zwgk_desktop.core import paths
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.settings import load_settings
from zwgk_desktop.gui.dialogs.common import MUTED_STYLE, ask_open_path, existing_folder, show_error

OPEN_FILTER = "政务公开目录文件 (*.zwgk)"
_PATH_ROLE = Qt.ItemDataRole.UserRole
_MISSING_ROLE = Qt.ItemDataRole.UserRole + 1


def _big_button(title: str, subtitle: str) -> QPushButton:
    """A large button with a bold title line and a grey explanation line."""
    button = QPushButton()
    button.setAccessibleName(title)
    button.setToolTip(subtitle)
    button.setMinimumSize(QSize(240, 84))
    heading = QLabel(title)
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    heading.setFont(font)
    detail = QLabel(subtitle)
    detail.setStyleSheet(MUTED_STYLE)
    box = QVBoxLayout(button)
    box.setContentsMargins(18, 10, 18, 10)
    box.setSpacing(4)
    for label in (heading, detail):
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        box.addWidget(label)
    return button


class WelcomePage(QWidget):
    """Signals: ``new_requested()``, ``open_requested(path)``, ``import_requested()``,
    ``review_requested()``, ``batch_requested()`` (the county reviewer's entries).

    打开目录 and 打开示范目录 resolve the path here and emit ``open_requested``; the main window
    only ever opens a path.
    """

    new_requested = Signal()
    open_requested = Signal(str)
    import_requested = Signal()
    review_requested = Signal()
    batch_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")

        title = QLabel(APP_NAME)
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        title.setFont(title_font)
        subtitle = QLabel("编制、校验并导出本单位的基层政务公开事项标准目录（26个试点领域）")
        subtitle.setStyleSheet(MUTED_STYLE)

        self.new_button = _big_button("新建目录", "选择领域，从标准模板开始编制")
        self.open_button = _big_button("打开目录", "继续编辑已有的目录文件（.zwgk）")
        self.import_button = _big_button(
            "导入Excel", "读取已有的目录（Excel、WPS、CSV、Word 表格或网页）"
        )
        self.demo_button = _big_button("打开示范目录", "先看看一份编好的示范目录")
        self.review_button = _big_button("审核提交文件", "县级审核：只读打开乡镇报送的目录或Excel")
        self.batch_button = _big_button("批量审核", "一次检查文件夹中全部乡镇的提交文件")
        self.new_button.clicked.connect(self.new_requested)
        self.review_button.clicked.connect(self.review_requested)
        self.batch_button.clicked.connect(self.batch_requested)
        self.open_button.clicked.connect(self._open_clicked)
        self.import_button.clicked.connect(self.import_requested)
        self.demo_button.clicked.connect(self._demo_clicked)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.open_button, 0, 1)
        grid.addWidget(self.import_button, 1, 0)
        grid.addWidget(self.demo_button, 1, 1)
        grid.addWidget(self.review_button, 2, 0)
        grid.addWidget(self.batch_button, 2, 1)

        recent_title = QLabel("最近打开的文件（双击打开）")
        recent_font = QFont(recent_title.font())
        recent_font.setBold(True)
        recent_title.setFont(recent_font)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentFiles")
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.recent_list.itemActivated.connect(self._recent_activated)
        self.empty_label = QLabel("还没有打开过目录文件。")
        self.empty_label.setStyleSheet(MUTED_STYLE)

        column = QVBoxLayout()
        column.setContentsMargins(48, 36, 48, 36)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(subtitle)
        column.addSpacing(16)
        column.addLayout(grid)
        column.addSpacing(20)
        column.addWidget(recent_title)
        column.addWidget(self.empty_label)
        column.addWidget(self.recent_list, 1)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Reload the recent files from the settings (after a file was opened elsewhere)."""
        self.recent_list.clear()
        recent = load_settings().recent_files
        for text in recent:
            path = Path(text)
            missing = not path.is_file()
            label = f"{path.name}    —    {path.parent}"
            if missing:
                label += "（文件不存在）"
            item = QListWidgetItem(label)
            item.setData(_PATH_ROLE, str(path))
            item.setData(_MISSING_ROLE, missing)
            item.setToolTip("文件已被移动或删除" if missing else str(path))
            if missing:
                item.setForeground(QBrush(QColor("#9a9a9a")))
            self.recent_list.addItem(item)
        self.empty_label.setVisible(not recent)
        self.recent_list.setVisible(bool(recent))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        path = str(item.data(_PATH_ROLE))
        if item.data(_MISSING_ROLE) and not Path(path).is_file():
            show_error(self, "打开目录", f"找不到文件：{path}（可能已被移动或删除）")
            return
        self.open_requested.emit(path)

    def _open_clicked(self) -> None:
        settings = load_settings()
        folder = existing_folder(settings.last_folder, paths.documents_dir())
        path = ask_open_path(self, "打开目录文件", folder, OPEN_FILTER)
        if path is not None:
            self.open_requested.emit(str(path))

    def _demo_clicked(self) -> None:
        from zwgk_desktop.core.demo import ensure_demo_document

        try:
            path = ensure_demo_document()
        except ZwgkError as exc:
            show_error(self, "打开示范目录", str(exc))
            return
        self.open_requested.emit(str(path))
