"""导出: pick the layout and file, export in the background, then offer the folder.

标准格式 is the printed review layout for the county (with the full ■/□ channel list, or
only the ticked channels for a shorter printout); 平铺格式 is one row per item for a
portal's batch import; 网页 is the self-contained page with 按要素检索 to publish. The
worker exports a private copy of the catalog, so edits made meanwhile cannot tear the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core import paths
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.publish import export_html
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.xlsx import export_workbook
from zwgk_desktop.gui.dialogs import standard
from zwgk_desktop.gui.dialogs.common import (
    MUTED_STYLE,
    ask_save_path,
    copy_catalog,
    existing_folder,
    hint_label,
    open_file,
    open_folder,
    safe_filename,
)
from zwgk_desktop.gui.dialogs.sizing import FittedDialog
from zwgk_desktop.gui.tasks import BackgroundTask, report_error, run_in_background

SAVE_FILTERS = {"xlsx": "Excel 工作簿 (*.xlsx)", "html": "网页 (*.html)"}
LAYOUTS = {
    "standard": (
        "标准格式（审核打印）",
        "封面加每个领域一个工作表：标题、两行表头、√ 标记和 ■/□ 渠道；横向 A4 原大打印，每页重复标题和表头，页脚有单位、领域和页码。报县审核、打印用这个。",
    ),
    "flat": (
        "平铺格式（平台导入）",
        "一个工作表，每个事项一行、每个要素一列，没有合并单元格。政务公开平台批量导入用这个。",
    ),
    "html": (
        "网页（发布到政府网站）",
        "一个网页文件，含按要素检索（领域、一级事项、公开方式、公开对象、公开层级、公开渠道和全文检索）。"
        "不需要服务器，可直接打开，也可作为附件上传到网站。",
    ),
}
COMPACT_LABEL = "公开渠道和载体只列已选渠道（简洁版，打印页数更少）"
CONTINUOUS_LABEL = "各领域接续排页（打印版，更省纸；每页仍有标题和表头）"


def suffix_for(layout: str) -> str:
    return ".html" if layout == "html" else ".xlsx"


def default_export_name(catalog: Catalog, layout: str = "standard") -> str:
    stem = f"{safe_filename(catalog.meta.unit, '本单位')}政务公开标准目录"
    if layout == "flat":
        return f"{stem}（平铺）.xlsx"
    return stem + suffix_for(layout)


STANDING_SHOWN = 200  # the list is for a glance; the issues panel has all of them


class ExportDialog(FittedDialog):
    """Set ``path_edit`` and a layout, press 导出; ``exported_path`` is set when the file exists."""

    def __init__(
        self, parent: QWidget | None, catalog: Catalog, standing: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出")
        self.standing = list(standing)  # validation findings still open (from the window)
        self.resize(640, 420)
        self.catalog = catalog
        self.exported_path: Path | None = None
        self.warnings: list[str] = []
        self.task: BackgroundTask | None = None
        self._overwrite_ok: Path | None = None  # chosen in the save dialog, which asked already
        settings = load_settings()
        self._folder = existing_folder(settings.last_folder, paths.documents_dir())

        self.layout_group = QButtonGroup(self)
        self.layout_buttons: dict[str, QRadioButton] = {}
        layouts_box = QVBoxLayout()
        for key, (label, explain) in LAYOUTS.items():
            button = QRadioButton(label)
            self.layout_group.addButton(button)
            self.layout_buttons[key] = button
            text = QLabel(explain)
            text.setWordWrap(True)
            text.setStyleSheet(MUTED_STYLE + " margin-left: 22px;")
            layouts_box.addWidget(button)
            layouts_box.addWidget(text)
            if key == "standard":
                self.compact_check = QCheckBox(COMPACT_LABEL)
                self.compact_check.setStyleSheet("margin-left: 22px;")
                self.compact_check.setChecked(settings.compact_channels)
                layouts_box.addWidget(self.compact_check)
                self.continuous_check = QCheckBox(CONTINUOUS_LABEL)
                self.continuous_check.setStyleSheet("margin-left: 22px;")
                self.continuous_check.setToolTip(
                    "所有领域排在一张工作表中，一个领域接着上一个领域排，不再每个领域另起一页；"
                    "续页的标题标“（续）”。报送和交换数据请用默认的每领域一张工作表。"
                )
                self.continuous_check.setChecked(settings.continuous_pages)
                layouts_box.addWidget(self.continuous_check)
        initial = settings.default_layout if settings.default_layout in LAYOUTS else "standard"
        self.layout_buttons[initial].setChecked(True)
        self.layout_group.buttonToggled.connect(self._layout_changed)
        self.compact_check.setEnabled(initial == "standard")
        self.continuous_check.setEnabled(initial == "standard")
        layouts = QGroupBox("版式")
        layouts.setLayout(layouts_box)

        self.path_edit = QLineEdit(str(self._folder / default_export_name(catalog, initial)))
        self.path_edit.textChanged.connect(self._revalidate)
        self.browse_button = QPushButton("浏览…")
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_box = QGroupBox("保存到")
        file_box.setLayout(file_row)

        involved = [d for d in catalog.domains if not d.not_involved]
        self.summary = QLabel(
            f"将导出 {len(catalog.domains)} 个领域（其中未涉及 {len(catalog.domains) - len(involved)} 个）、"
            f"{catalog.item_count()} 个事项。"
        )
        self.hint = hint_label()
        self.export_button = QPushButton("导出")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(cancel)

        form_page = QWidget()
        form = QVBoxLayout(form_page)
        form.addWidget(layouts)
        form.addWidget(file_box)
        form.addWidget(self.summary)
        form.addWidget(self.hint)
        form.addStretch(1)
        form.addLayout(buttons)

        self.done_page = QWidget()
        self.done_title = QLabel("导出完成")
        title_font = QFont(self.done_title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.done_title.setFont(title_font)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warnings_label = QLabel()
        self.warnings_list = QListWidget()
        self.warnings_list.setWordWrap(
            True
        )  # a warning names domain, item and field: show all of it
        self.warnings_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.warnings_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.open_folder_button = QPushButton("打开文件夹")
        self.open_file_button = QPushButton("打开文件")
        close = QPushButton("关闭")
        self.open_folder_button.clicked.connect(
            lambda: self.exported_path and open_folder(self.exported_path)
        )
        self.open_file_button.clicked.connect(
            lambda: self.exported_path and open_file(self.exported_path)
        )
        close.clicked.connect(self.accept)
        done_buttons = QHBoxLayout()
        done_buttons.addStretch(1)
        done_buttons.addWidget(self.open_folder_button)
        done_buttons.addWidget(self.open_file_button)
        done_buttons.addWidget(close)
        done = QVBoxLayout(self.done_page)
        done.addWidget(self.done_title)
        done.addWidget(self.done_label)
        done.addSpacing(8)
        done.addWidget(self.warnings_label)
        done.addWidget(self.warnings_list, 1)
        done.addStretch(0)
        done.addLayout(done_buttons)

        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.done_page)
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self._revalidate()

    # ------------------------------------------------------------------ form
    def layout_key(self) -> str:
        return next(key for key, button in self.layout_buttons.items() if button.isChecked())

    def set_layout(self, key: str) -> None:
        self.layout_buttons[key].setChecked(True)

    def channels(self) -> str:
        return "compact" if self.compact_check.isChecked() else "full"

    def flow(self) -> str:
        return "continuous" if self.continuous_check.isChecked() else "domain"

    def target_path(self) -> Path:
        path = Path(self.path_edit.text().strip())
        suffix = suffix_for(self.layout_key())
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _layout_changed(self, *_: object) -> None:
        """Follow the default name for the chosen layout unless the clerk typed their own
        (then only the extension follows the format)."""
        key = self.layout_key()
        self.compact_check.setEnabled(key == "standard")
        self.continuous_check.setEnabled(key == "standard")
        current = Path(self.path_edit.text().strip())
        defaults = {default_export_name(self.catalog, k) for k in LAYOUTS}
        if current.name in defaults:
            self.path_edit.setText(str(current.with_name(default_export_name(self.catalog, key))))
        elif current.suffix.lower() in (".xlsx", ".html") and current.suffix != suffix_for(key):
            self.path_edit.setText(str(current.with_suffix(suffix_for(key))))

    def problem(self) -> str:
        text = self.path_edit.text().strip()
        if not text:
            return "请填写保存位置和文件名。"
        path = self.target_path()
        if not path.parent.is_dir():
            return f"文件夹不存在：{path.parent}"
        if path.is_dir():
            return "这是一个文件夹，请填写文件名。"
        return ""

    def _revalidate(self, *_: object) -> None:
        problem = self.problem()
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.export_button.setEnabled(not problem)

    def browse(self) -> None:
        current = self.target_path()
        suffix = suffix_for(self.layout_key())
        chosen = ask_save_path(self, "导出", current, SAVE_FILTERS[suffix[1:]], suffix)
        if chosen is not None:
            self._overwrite_ok = chosen
            self.path_edit.setText(str(chosen))

    def _confirm_overwrite(self, path: Path) -> bool:
        if not path.exists() or self._overwrite_ok == path:
            return True
        answer = standard.question(
            self,
            "导出",
            f"“{path.name}”已存在，要替换它吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ export
    def start_export(self) -> BackgroundTask | None:
        if self.problem():
            self._revalidate()
            return None
        path = self.target_path()
        if not self._confirm_overwrite(path):
            return None
        layout = self.layout_key()
        channels = self.channels()
        flow = self.flow() if layout == "standard" else "domain"
        snapshot = copy_catalog(self.catalog)

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            if layout == "html":
                export_html(snapshot, path)
                return []
            return export_workbook(snapshot, path, layout, progress, cancel, channels, flow)

        self.export_button.setEnabled(False)
        self.task = run_in_background(
            self,
            "导出",
            work,
            lambda warnings: self._export_done(path, layout, channels, flow, warnings),
            on_error=self._export_failed,
            on_cancel=self._revalidate,
        )
        return self.task

    def _export_failed(self, exc: BaseException) -> None:
        report_error(self, "导出", exc)
        self._revalidate()

    def _export_done(
        self, path: Path, layout: str, channels: str, flow: str, warnings: list[str]
    ) -> None:
        self.exported_path = path
        self.warnings = list(warnings)
        settings = load_settings()
        settings.last_folder = str(path.parent)
        settings.default_layout = layout
        if layout == "standard":
            settings.compact_channels = channels == "compact"
            settings.continuous_pages = flow == "continuous"
        save_settings(settings)
        self.setWindowTitle("导出完成")
        kind = LAYOUTS[layout][0]
        if layout == "standard" and channels == "compact":
            kind += "，渠道只列已选"
        if layout == "standard" and flow == "continuous":
            kind += "，各领域接续排页"
        self.done_label.setText(f"版式：{kind}\n文件：{path}")
        self.warnings_label.setText(result_summary(self.standing, self.warnings))
        shown = self.standing[:STANDING_SHOWN] + self.warnings
        self.warnings_list.clear()
        self.warnings_list.addItems(shown)
        warnings = shown
        self.warnings_list.setVisible(bool(warnings))
        box = self.done_page.layout()
        assert isinstance(box, QVBoxLayout)
        box.setStretch(box.indexOf(self.warnings_list), 1 if warnings else 0)
        box.setStretch(box.count() - 2, 0 if warnings else 1)  # the spacer above the buttons
        self.pages.setCurrentWidget(self.done_page)

    def reject(self) -> None:
        if self.task is not None and not self.task.finished:
            self.task.cancel()  # leaving the dialog stops the export; the target stays as it was
        super().reject()


def result_summary(standing: Sequence[str], warnings: Sequence[str]) -> str:
    """The line above the list: what still needs attention, never "no problems" while some stand."""
    parts = []
    if standing:
        errors = sum(1 for line in standing if line.startswith("错误"))
        counts = [f"{errors} 个错误"] if errors else []
        if len(standing) - errors:
            counts.append(f"{len(standing) - errors} 个警告")
        more = f"（下面列出前 {STANDING_SHOWN} 条）" if len(standing) > STANDING_SHOWN else ""
        parts.append(f"校验仍有 {'、'.join(counts)}未解决，报送前请修改{more}。")
    if warnings:
        parts.append(f"导出时注意（{len(warnings)} 条）。")
    return "".join(parts) or "校验没有错误和警告，导出时也没有需要注意的问题。"


def ask_export(
    parent: QWidget | None, catalog: Catalog, standing: Sequence[str] = ()
) -> Path | None:
    """Run the export dialog; the written file's path, or None if nothing was exported."""
    dialog = ExportDialog(parent, catalog, standing)
    try:
        dialog.exec()
        return dialog.exported_path
    finally:
        dialog.deleteLater()
