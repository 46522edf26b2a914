"""导入Excel: read a workbook in the background, then show what was found and guessed.

Nothing is stored until the clerk presses 导入: the dialog returns the ``ImportResult`` and
the main window applies it (as one undo step). The preview lists the domains found with
their item counts, every per-row note (推测/警告/错误, filterable) and the items of the
selected domain, so a wrong guess is seen before it lands in the catalog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core import paths
from zwgk_desktop.core.formats.suffixes import FILTER
from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.xlsx import ImportResult, read_workbook
from zwgk_desktop.gui import look
from zwgk_desktop.gui.dialogs.common import (
    MUTED_STYLE,
    ask_open_path,
    existing_folder,
    ok_cancel_buttons,
    show_error,
)
from zwgk_desktop.gui.dialogs.import_models import (
    LEVEL_LABELS,
    LEVEL_ORDER,
    ItemsPreviewModel,
    NotesModel,
)
from zwgk_desktop.gui.dialogs.sizing import FittedDialog
from zwgk_desktop.gui.tasks import BackgroundTask, report_error, run_in_background

OPEN_FILTER = f"{FILTER};;所有文件 (*)"


class ImportDialog(FittedDialog):
    """Construct with a path, ``start()`` the read; ``import_result`` is set on 导入."""

    def __init__(self, parent: QWidget | None, path: Path) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(f"导入Excel — {self.path.name}")
        self.resize(1100, 720)
        self.result_data: ImportResult | None = None  # what was read
        self.import_result: ImportResult | None = None  # set when the clerk accepts
        self.task: BackgroundTask | None = None
        self.loaded = False
        self.closed_early = False

        self.summary = QLabel(f"正在读取“{self.path.name}”…")
        self.summary.setWordWrap(True)
        self.own_label = QLabel()
        self.own_label.setStyleSheet(MUTED_STYLE)
        self.own_label.setWordWrap(True)

        self.domain_list = QListWidget()
        self.domain_list.setMinimumWidth(220)
        self.domain_list.currentRowChanged.connect(self._domain_changed)
        domains_box = QVBoxLayout()
        domains_box.addWidget(QLabel("识别到的领域"))
        domains_box.addWidget(self.domain_list, 1)
        left = QWidget()
        left.setLayout(domains_box)

        self.items_model = ItemsPreviewModel(self)
        self.items_view = self._make_view(self.items_model)
        self.items_label = QLabel("事项")

        self.notes_model = NotesModel(parent=self)
        self.notes_view = self._make_view(self.notes_model)
        for column, width in enumerate((56, 120, 48, 120)):
            self.notes_view.setColumnWidth(column, width)
        self.notes_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.level_combo = QComboBox()
        self.level_combo.addItem("全部", None)
        for level in LEVEL_ORDER:
            self.level_combo.addItem(LEVEL_LABELS[level], level)
        self.level_combo.currentIndexChanged.connect(self._apply_note_filter)
        self.only_domain = QCheckBox("只看所选领域")
        self.only_domain.toggled.connect(self._apply_note_filter)
        notes_bar = QHBoxLayout()
        self.notes_label = QLabel("读取说明")
        notes_bar.addWidget(self.notes_label)
        notes_bar.addStretch(1)
        notes_bar.addWidget(QLabel("级别："))
        notes_bar.addWidget(self.level_combo)
        notes_bar.addWidget(self.only_domain)

        items_box = QVBoxLayout()
        items_box.setContentsMargins(0, 0, 0, 0)
        items_box.addWidget(self.items_label)
        items_box.addWidget(self.items_view, 1)
        items_widget = QWidget()
        items_widget.setLayout(items_box)
        notes_box = QVBoxLayout()
        notes_box.setContentsMargins(0, 0, 0, 0)
        notes_box.addLayout(notes_bar)
        notes_box.addWidget(self.notes_view, 1)
        notes_widget = QWidget()
        notes_widget.setLayout(notes_box)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(items_widget)
        right.addWidget(notes_widget)
        right.setSizes([380, 260])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 860])

        self.buttons = ok_cancel_buttons(self, "导入", self._accept_import, self.reject)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(False)
        hint = QLabel("导入前不会改动任何文件；请检查推测和警告，导入后可在编辑器中继续修改。")
        hint.setStyleSheet(MUTED_STYLE)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.own_label)
        layout.addWidget(split, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    @staticmethod
    def _make_view(model: object) -> QTableView:
        view = QTableView()
        view.setModel(model)  # type: ignore[arg-type]
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        look.plain_row_numbers(view)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setDefaultSectionSize(120)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # ------------------------------------------------------------------ reading
    def start(self) -> BackgroundTask:
        """Read the workbook on a worker thread (progress + 取消 after 300 ms)."""
        path = self.path

        def work(progress, cancel):  # type: ignore[no-untyped-def]
            return read_workbook(path, progress, cancel)

        self.task = run_in_background(
            self, "读取工作簿", work, self.show_result, self._read_failed, self._read_cancelled
        )
        return self.task

    def _read_failed(self, exc: BaseException) -> None:
        self.closed_early = True
        report_error(self.parentWidget(), "导入Excel", exc)
        self.reject()

    def _read_cancelled(self) -> None:
        self.closed_early = True
        self.reject()

    def show_result(self, result: ImportResult) -> None:
        """Fill the preview (also usable directly with an ImportResult)."""
        self.result_data = result
        self.loaded = True
        catalog = result.catalog
        involved = [d for d in catalog.domains if not d.not_involved]
        items = catalog.item_count()
        counts = "，".join(
            f"{LEVEL_LABELS[level]} {result.count(level)} 处" for level in LEVEL_ORDER
        )
        self.summary.setText(
            f"“{self.path.name}”：识别到 {len(catalog.domains)} 个领域（有事项的 {len(involved)} 个），共 {items} 个事项。"
            f"读取说明：{counts}。"
        )
        unit = catalog.meta.unit
        own = "这是本程序导出的文件，内容可完整读回。" if result.own_export else ""
        self.own_label.setText(own + (f"单位：{unit}" if unit else ""))
        self.own_label.setVisible(bool(self.own_label.text()))
        self.domain_list.clear()
        for domain in catalog.domains:
            self.domain_list.addItem(self._domain_entry(domain))
        self.notes_model.set_notes(result.notes)
        self.notes_label.setText(f"读取说明（{len(result.notes)} 条）")
        self.import_button.setEnabled(bool(catalog.domains))
        self.import_button.setText(f"导入（{items} 个事项）")
        if catalog.domains:
            self.domain_list.setCurrentRow(0)
        self._apply_note_filter()

    @staticmethod
    def _domain_entry(domain: Domain) -> QListWidgetItem:
        if domain.not_involved:
            text = f"{domain.name}（未涉及）"
        else:
            text = f"{domain.name}（{len(domain.items)} 项）"
        if not domain.pilot:
            text += " · 非试点领域"
        entry = QListWidgetItem(text)
        entry.setData(Qt.ItemDataRole.UserRole, domain.id)
        if not domain.pilot:
            entry.setToolTip("未能对应到26个试点领域之一，将作为自定义领域导入")
        elif domain.not_involved and domain.note:
            entry.setToolTip(f"未涉及说明：{domain.note}")
        return entry

    # ------------------------------------------------------------------ preview
    def selected_domain(self) -> Domain | None:
        if self.result_data is None:
            return None
        row = self.domain_list.currentRow()
        domains = self.result_data.catalog.domains
        return domains[row] if 0 <= row < len(domains) else None

    def _domain_changed(self, _row: int) -> None:
        domain = self.selected_domain()
        self.items_model.set_items(domain.items if domain else [])
        self.items_label.setText(
            f"“{domain.name}”的事项（{len(domain.items)} 项）" if domain else "事项"
        )
        if self.only_domain.isChecked():
            self._apply_note_filter()

    def set_level_filter(self, level: str | None) -> None:
        self.level_combo.setCurrentIndex(self.level_combo.findData(level))

    def _apply_note_filter(self, *_: object) -> None:
        level = self.level_combo.currentData()
        domains = None
        domain = self.selected_domain()
        if self.only_domain.isChecked() and domain is not None:
            domains = [domain.name, domain.id]
        self.notes_model.set_filter(level, domains)

    def reject(self) -> None:
        if self.task is not None and not self.task.finished:
            self.task.cancel()  # closing the preview stops the read
        super().reject()

    def _accept_import(self) -> None:
        if self.result_data is None:
            return
        self.import_result = self.result_data
        self.accept()


def ask_import_path(parent: QWidget | None) -> Path | None:
    settings = load_settings()
    folder = existing_folder(settings.last_folder, paths.documents_dir())
    path = ask_open_path(
        parent, "导入目录（Excel、WPS、CSV、Word 表格或网页）", folder, OPEN_FILTER
    )
    if path is not None:
        settings.last_folder = str(path.parent)
        save_settings(settings)
    return path


def ask_import(parent: QWidget | None, path: Path | None = None) -> ImportResult | None:
    """Pick an .xlsx (unless given), read it in the background, preview; the result or None."""
    if path is None:
        path = ask_import_path(parent)
        if path is None:
            return None
    if not Path(path).is_file():
        show_error(parent, "导入Excel", f"找不到文件：{path}")
        return None
    dialog = ImportDialog(parent, Path(path))
    try:
        dialog.start()  # results arrive through the event loop, i.e. inside exec()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.import_result
        return None
    finally:
        dialog.deleteLater()
