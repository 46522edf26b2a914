"""新建目录: unit details, which of the 26 domains apply, 未涉及说明 for the others, then a file.

The chosen domains start from their bundled templates (``core.catalog_factory``); every
other domain is stored as 未涉及 with its 说明, all in the one transaction that creates
the document. Or the catalog starts from the parent's (从上级目录开始: a county's or a
township's file, ``core.handdown``): its items at the chosen level, the source recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core import paths
from zwgk_desktop.core.catalog_factory import default_own_level, new_catalog
from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.handdown import HANDDOWN_LEVELS, default_level, derive_catalog, has_level
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.os_reasons import os_reason
from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.storage import Document
from zwgk_desktop.core.templates import DomainTemplate, all_templates
from zwgk_desktop.core.vocab import LEVEL, NOT_INVOLVED_REASONS
from zwgk_desktop.gui.dialogs.common import (
    MUTED_STYLE,
    ask_open_path,
    ask_save_path,
    hint_label,
    level_checkboxes,
    ok_cancel_buttons,
    safe_filename,
    show_error,
)
from zwgk_desktop.gui.dialogs.sizing import FittedDialog
from zwgk_desktop.gui.widgets.reasons import attach_reasons

DEFAULT_NOTE = NOT_INVOLVED_REASONS[0]
DEFAULT_LEVELS = ("县级", "乡级")
SAVE_FILTER = "政务公开目录文件 (*.zwgk)"
PARENT_FILTER = "目录文件 (*.zwgk *.xlsx *.json);;所有文件 (*)"
_YEAR = re.compile(r"(19|20)\d\d")
_COL_NAME, _COL_COUNT, _COL_NOTE = range(3)
_DISABLED_BRUSH = QBrush(QColor("#a0a0a0"))


class ReasonDelegate(QStyledItemDelegate):
    """The 未涉及说明 cell offers the usual reasons, as the domain header does."""

    def createEditor(self, parent: QWidget, option: object, index: object) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        attach_reasons(editor)
        return editor


def default_file_name(unit: str) -> str:
    return f"{safe_filename(unit, '本单位')}政务公开标准目录.zwgk"


class NewCatalogDialog(FittedDialog):
    """Fill in, check, then 创建…; ``created_path`` is set once the file exists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建目录")
        self.resize(880, 720)
        self.created_path: Path | None = None
        self.templates: tuple[DomainTemplate, ...] = all_templates()
        self._updating = False
        self.parent_catalog: Catalog | None = None
        self.parent_path: Path | None = None
        self._parent_error = ""  # why the chosen parent file could not be read

        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(
            "如：城关镇（用于标题“城关镇××领域基层政务公开标准目录”）"
        )
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText("如：××省××市××县")
        self.year_edit = QLineEdit(str(dt.date.today().year))
        self.year_edit.setPlaceholderText("如：2025 或 2025年版")
        self.contact_edit = QLineEdit()
        self.contact_edit.setPlaceholderText("姓名及联系电话")
        levels_row, self.level_boxes = level_checkboxes(
            list(LEVEL.terms), DEFAULT_LEVELS, self._revalidate
        )
        levels_note = QLabel("（目录中“公开层级”列的名称；村（社区）也编目录时勾选村级）")
        levels_note.setStyleSheet(MUTED_STYLE)
        levels_row.addWidget(levels_note)
        levels_row.addStretch(1)

        self.own_level_combo = QComboBox()
        self.own_level_combo.setObjectName("ownLevelCombo")
        self.own_level_combo.addItem("全部事项", None)
        for term in LEVEL.terms:
            self.own_level_combo.addItem(f"公开层级含{term}的事项", term)
        self.own_level_combo.setToolTip(
            "从标准模板开始时选取哪些事项。乡镇、街道默认只选公开层级含乡级的事项："
            "只在县级公开的事项由县级部门公开，不列入乡镇目录。"
        )
        self._own_level_chosen = False  # until the clerk picks, it follows the unit name
        self.own_level_combo.activated.connect(self._own_level_picked)
        self.own_level_combo.currentIndexChanged.connect(self._own_level_changed)
        self.unit_edit.textChanged.connect(self._unit_changed)

        form = QFormLayout()
        form.addRow("单位名称 *", self.unit_edit)
        form.addRow("行政区划", self.region_edit)
        form.addRow("年度/版本 *", self.year_edit)
        form.addRow("联系人", self.contact_edit)
        form.addRow("公开层级 *", levels_row)
        form.addRow("本单位事项", self.own_level_combo)
        meta_box = QGroupBox("单位信息")
        meta_box.setLayout(form)
        start_box = self._make_start_box()

        self.table = self._make_table()
        for row in range(self.table.rowCount()):
            self._style_note(row)
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        self.all_button.clicked.connect(lambda: self.set_all_checked(True))
        self.none_button.clicked.connect(lambda: self.set_all_checked(False))
        self.default_note_edit = QLineEdit(DEFAULT_NOTE)
        attach_reasons(self.default_note_edit)
        self.apply_note_button = QPushButton("填入所有未涉及领域")
        self.apply_note_button.setToolTip(
            "把左边的说明填入所有未勾选、且说明为空或为默认说明的领域"
        )
        self.apply_note_button.clicked.connect(self.apply_default_note)
        tools = QHBoxLayout()
        tools.addWidget(self.all_button)
        tools.addWidget(self.none_button)
        tools.addSpacing(16)
        tools.addWidget(QLabel("未涉及说明："))
        tools.addWidget(self.default_note_edit, 1)
        tools.addWidget(self.apply_note_button)
        explain = QLabel(
            "勾选本单位涉及的领域（从标准模板开始编制）；未勾选的领域标为“未涉及”，请在右列写明原因。"
        )
        explain.setWordWrap(True)
        explain.setStyleSheet(MUTED_STYLE)
        domains_layout = QVBoxLayout()
        domains_layout.addWidget(explain)
        domains_layout.addLayout(tools)
        domains_layout.addWidget(self.table, 1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        domains_layout.addWidget(self.summary_label)
        self.domains_box = domains_box = QGroupBox("公开领域")
        domains_box.setLayout(domains_layout)

        self.hint = hint_label()
        self.buttons = ok_cancel_buttons(self, "创建…", self.choose_file_and_create, self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        layout = QVBoxLayout(self)
        layout.addWidget(start_box)
        layout.addWidget(meta_box)
        layout.addWidget(domains_box, 1)
        layout.addStretch(0)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        for edit in (self.unit_edit, self.year_edit):
            edit.textChanged.connect(self._revalidate)
        self.table.itemChanged.connect(self._item_changed)
        self.apply_default_note()
        self._revalidate()

    # ------------------------------------------------------------------ where to start
    def _make_start_box(self) -> QGroupBox:
        self.from_templates_radio = QRadioButton("从国家标准模板开始")
        self.from_parent_radio = QRadioButton("从上级目录开始（县级或乡镇的目录文件）")
        self.from_templates_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.from_templates_radio)
        group.addButton(self.from_parent_radio)
        self.from_parent_radio.toggled.connect(self._mode_changed)
        self.parent_edit = QLineEdit()
        self.parent_edit.setReadOnly(True)
        self.parent_edit.setPlaceholderText("选择上级目录文件（.zwgk、.xlsx 或 .json）")
        self.parent_button = QPushButton("选择文件…")
        self.parent_button.clicked.connect(lambda _=False: self.ask_parent_file())
        self.handdown_level_combo = QComboBox()
        self.handdown_level_combo.addItems(list(HANDDOWN_LEVELS))
        self.handdown_level_combo.setToolTip("选取上级目录中公开层级含此层级的事项")
        self.handdown_level_combo.currentIndexChanged.connect(self._level_changed)
        self.villages_button = QPushButton("逐村生成…")
        self.villages_button.setToolTip("从乡镇目录为各村（社区）批量生成村（居）务公开目录")
        self.villages_button.clicked.connect(lambda _=False: self.open_village_batch())
        file_row = QHBoxLayout()
        file_row.addWidget(self.parent_edit, 1)
        file_row.addWidget(self.parent_button)
        file_row.addWidget(QLabel("本级层级："))
        file_row.addWidget(self.handdown_level_combo)
        file_row.addWidget(self.villages_button)
        self.parent_info = QLabel()
        self.parent_info.setWordWrap(True)
        self.parent_info.setStyleSheet(MUTED_STYLE)
        self.parent_widgets = QWidget()
        inner = QVBoxLayout(self.parent_widgets)
        inner.setContentsMargins(24, 0, 0, 0)
        inner.addLayout(file_row)
        inner.addWidget(self.parent_info)
        self.parent_widgets.setVisible(False)
        modes = QHBoxLayout()
        modes.addWidget(self.from_templates_radio)
        modes.addWidget(self.from_parent_radio)
        modes.addStretch(1)
        box_layout = QVBoxLayout()
        box_layout.addLayout(modes)
        box_layout.addWidget(self.parent_widgets)
        box = QGroupBox("开始方式")
        box.setLayout(box_layout)
        return box

    def from_parent(self) -> bool:
        return self.from_parent_radio.isChecked()

    def own_level(self) -> str | None:
        """The level whose template items the new catalog keeps (None: every item)."""
        return self.own_level_combo.currentData()

    def _own_level_picked(self, *_: object) -> None:
        self._own_level_chosen = True

    def kept_items(self, template: DomainTemplate) -> int:
        """How many of ``template``'s items the chosen 本单位事项 keeps."""
        level = self.own_level()
        if level is None:
            return len(template.items)
        return sum(has_level(i, level) for i in template.items)

    def _own_level_changed(self, *_: object) -> None:
        for row, template in enumerate(self.templates):
            self.table.item(row, _COL_COUNT).setText(f"{self.kept_items(template)} 项")
        self._revalidate()

    def _unit_changed(self, text: str) -> None:
        if self._own_level_chosen:
            return
        index = self.own_level_combo.findData(default_own_level(text))
        self.own_level_combo.setCurrentIndex(max(index, 0))

    def _mode_changed(self, *_: object) -> None:
        parent = self.from_parent()
        self.parent_widgets.setVisible(parent)
        self.domains_box.setVisible(not parent)
        for box in self.level_boxes.values():
            box.setEnabled(not parent)  # handed down, the parent's level columns are kept
        self.own_level_combo.setEnabled(not parent)  # handed down: the 层级 beside the file
        self._show_parent_levels()
        self._revalidate()

    def _show_parent_levels(self) -> None:
        if self.from_parent() and self.parent_catalog is not None:
            levels = [*self.parent_catalog.meta.levels, self.handdown_level()]
            for term, box in self.level_boxes.items():
                box.setChecked(term in levels)

    def ask_parent_file(self) -> None:
        folder = Path(load_settings().last_folder or paths.documents_dir())
        path = ask_open_path(self, "选择上级目录文件", folder, PARENT_FILTER)
        if path is not None:
            self.load_parent_in_background(path)

    def set_parent_file(self, path: str | Path) -> bool:
        """Read the parent's catalog here and now (tests, scripts); see ``ask_parent_file``."""
        path = Path(path)
        try:
            catalog = load_catalog(path)
        except ZwgkError as exc:
            self._parent_failed(exc)
            return False
        self._parent_loaded(path, catalog)
        return True

    def load_parent_in_background(self, path: Path) -> None:
        """A county's workbook may take a while to read: off the UI thread, with progress."""
        from zwgk_desktop.gui.tasks import run_in_background

        self.task = run_in_background(
            self,
            "读取上级目录",
            lambda _progress, _cancel: load_catalog(path),
            lambda catalog: self._parent_loaded(path, catalog),
            lambda exc: self._parent_failed(exc),  # type: ignore[arg-type]
            show_counts=False,
        )

    def _parent_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ZwgkError):
            from zwgk_desktop.gui.tasks import report_error

            report_error(self, "读取上级目录", exc)
        self.from_parent_radio.setChecked(True)
        self.parent_catalog, self.parent_path = None, None
        self.parent_edit.clear()
        self._parent_error = str(exc) if isinstance(exc, ZwgkError) else "无法读取该文件"
        self._revalidate()

    def _parent_loaded(self, path: Path, catalog: Catalog) -> None:
        """Take the parent's catalog; choose the level its unit hands down to."""
        self.from_parent_radio.setChecked(True)
        self.parent_catalog, self.parent_path = catalog, path
        self._parent_error = ""
        self.parent_edit.setText(str(path))
        self.handdown_level_combo.setCurrentText(default_level(catalog))
        if catalog.meta.year and _YEAR.search(catalog.meta.year):
            self.year_edit.setText(catalog.meta.year)
        self._show_parent_levels()
        self._revalidate()

    def _level_changed(self, *_: object) -> None:
        self._show_parent_levels()
        self._revalidate()

    def handdown_level(self) -> str:
        return self.handdown_level_combo.currentText()

    def open_village_batch(self) -> None:
        from zwgk_desktop.gui.dialogs.village_batch import VillageBatchDialog

        dialog = VillageBatchDialog(self, self.parent_path)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def _parent_summary(self) -> tuple[str, str]:
        """(information, problem) about the chosen parent catalog at the chosen level."""
        catalog = self.parent_catalog
        if catalog is None:
            return "", "请选择上级目录文件。"
        level = self.handdown_level()
        items = [i for d in catalog.domains for i in d.items]
        kept = [i for i in items if level in LEVEL.normalize(i.level)]
        domains = {
            d.id for d in catalog.domains for i in d.items if level in LEVEL.normalize(i.level)
        }
        empty = len(catalog.domains) - len(domains)
        src = catalog.meta
        info = (
            f"{src.unit or '（单位未填写）'}{f'（{src.year}）' if src.year else ''}：共 {len(items)} 个事项，"
            f"其中{level} {len(kept)} 个，分布在 {len(domains)} 个领域"
            + (f"；另 {empty} 个领域没有{level}事项，将标为未涉及" if empty else "")
            + "。上级单位为公开主体处改为本单位名称。"
        )
        if not kept:
            return info, f"上级目录中没有公开层级含{level}的事项。"
        return info, ""

    # ------------------------------------------------------------------ domain table
    def _make_table(self) -> QTableWidget:
        table = QTableWidget(len(self.templates), 3)
        table.setHorizontalHeaderLabels(["领域（勾选 = 涉及）", "模板事项", "未涉及说明"])
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setItemDelegateForColumn(_COL_NOTE, ReasonDelegate(table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(_COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_COL_NOTE, QHeaderView.ResizeMode.Stretch)
        for row, template in enumerate(self.templates):
            name = QTableWidgetItem(template.name)
            name.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            name.setCheckState(Qt.CheckState.Checked)
            name.setData(Qt.ItemDataRole.UserRole, template.id)
            tip = template.description or template.name
            if template.guideline:
                tip += f"\n依据：{template.department}{template.guideline}"
            name.setToolTip(tip)
            count = QTableWidgetItem(f"{len(template.items)} 项")
            count.setFlags(Qt.ItemFlag.ItemIsEnabled)
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            note = QTableWidgetItem("")
            table.setItem(row, _COL_NAME, name)
            table.setItem(row, _COL_COUNT, count)
            table.setItem(row, _COL_NOTE, note)
        return table

    def _row_checked(self, row: int) -> bool:
        return self.table.item(row, _COL_NAME).checkState() == Qt.CheckState.Checked

    def _style_note(self, row: int) -> None:
        note = self.table.item(row, _COL_NOTE)
        involved = self._row_checked(row)
        self._updating = True
        try:
            if involved:
                note.setFlags(Qt.ItemFlag.NoItemFlags)
                note.setForeground(_DISABLED_BRUSH)
                note.setToolTip("涉及的领域不需要说明")
            else:
                note.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsEditable
                    | Qt.ItemFlag.ItemIsSelectable
                )
                note.setData(Qt.ItemDataRole.ForegroundRole, None)
                note.setToolTip("双击编辑本领域的未涉及说明")
        finally:
            self._updating = False

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        if item.column() == _COL_NAME:
            self._style_note(item.row())
            note = self.table.item(item.row(), _COL_NOTE)
            if not self._row_checked(item.row()) and not note.text().strip():
                note.setText(self.default_note_edit.text().strip())
        self._revalidate()

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self.table.item(row, _COL_NAME).setCheckState(state)

    def set_domain_checked(self, domain_id: str, checked: bool) -> None:
        row = self._row_of(domain_id)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.item(row, _COL_NAME).setCheckState(state)

    def set_note(self, domain_id: str, text: str) -> None:
        self.table.item(self._row_of(domain_id), _COL_NOTE).setText(text)

    def _row_of(self, domain_id: str) -> int:
        for row, template in enumerate(self.templates):
            if template.id == domain_id:
                return row
        raise KeyError(domain_id)

    def apply_default_note(self) -> None:
        """Fill the default 说明 into unchecked domains whose note is empty or a default."""
        text = self.default_note_edit.text().strip()
        for row in range(self.table.rowCount()):
            note = self.table.item(row, _COL_NOTE)
            if not self._row_checked(row) and note.text().strip() in ("", DEFAULT_NOTE):
                note.setText(text)

    # ------------------------------------------------------------------ values
    def chosen_ids(self) -> list[str]:
        return [t.id for row, t in enumerate(self.templates) if self._row_checked(row)]

    def notes(self) -> dict[str, str]:
        """未涉及说明 of every unchecked domain."""
        return {
            t.id: self.table.item(row, _COL_NOTE).text().strip()
            for row, t in enumerate(self.templates)
            if not self._row_checked(row)
        }

    def meta(self) -> CatalogMeta:
        return CatalogMeta(
            unit=self.unit_edit.text().strip(),
            region=self.region_edit.text().strip(),
            year=self.year_edit.text().strip(),
            contact=self.contact_edit.text().strip(),
            levels=[t for t, box in self.level_boxes.items() if box.isChecked()],
        )

    def problems(self) -> list[str]:
        """What stops 创建, in Chinese; empty when the input is complete."""
        problems: list[str] = []
        if not self.unit_edit.text().strip():
            problems.append("请填写单位名称。")
        year = self.year_edit.text().strip()
        if not year:
            problems.append("请填写年度，如 2025。")
        elif not _YEAR.search(year):
            problems.append("年度应含四位年份，如 2025 或 2025年版。")
        if self.from_parent():
            info, problem = self._parent_summary()
            self.parent_info.setText(info or self._parent_error)
            return problems + ([problem] if problem else [])
        if not any(box.isChecked() for box in self.level_boxes.values()):
            problems.append("请至少选择一个公开层级。")
        chosen = self.chosen_ids()
        if not chosen:
            problems.append("请至少勾选一个本单位涉及的领域。")
        missing = [name for name, note in self._named_notes() if not note]
        if missing:
            shown = "、".join(missing[:3]) + ("等" if len(missing) > 3 else "")
            problems.append(f"{len(missing)} 个未涉及领域缺少说明（{shown}）。")
        return problems

    def _named_notes(self) -> list[tuple[str, str]]:
        return [
            (t.name, self.table.item(row, _COL_NOTE).text().strip())
            for row, t in enumerate(self.templates)
            if not self._row_checked(row)
        ]

    def _revalidate(self, *_: object) -> None:
        problems = self.problems()
        self.hint.setText("\n".join(problems))
        self.hint.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)
        chosen = set(self.chosen_ids())
        kept = {t.id: self.kept_items(t) for t in self.templates if t.id in chosen}
        empty = [t.name for t in self.templates if t.id in kept and not kept[t.id]]
        text = (
            f"涉及 {len(chosen)} 个领域（选取事项共 {sum(kept.values())} 项），"
            f"未涉及 {len(self.templates) - len(chosen)} 个领域。"
        )
        if empty:
            text += f"其中 {len(empty)} 个领域没有{self.own_level()}事项，将标为未涉及：{'、'.join(empty)}。"
        self.summary_label.setText(text)

    # ------------------------------------------------------------------ create
    def default_path(self) -> Path:
        settings = load_settings()
        folder = (
            Path(settings.last_folder)
            if settings.last_folder and Path(settings.last_folder).is_dir()
            else paths.documents_dir()
        )
        return folder / default_file_name(self.unit_edit.text().strip())

    def choose_file_and_create(self) -> None:
        if self.problems():
            self._revalidate()
            return
        path = ask_save_path(self, "保存新目录", self.default_path(), SAVE_FILTER, ".zwgk")
        if path is None:
            return
        try:
            self.create_at(path)
        except ZwgkError as exc:
            show_error(self, "新建目录", str(exc))
            return
        self.accept()

    def create_at(self, path: Path) -> Path:
        """Create the document at ``path`` (one transaction) and close it again."""
        problems = self.problems()
        if problems:
            raise ZwgkError(problems[0])
        if self.from_parent() and self.parent_catalog is not None:
            meta = self.meta()
            catalog = derive_catalog(
                self.parent_catalog,
                meta.unit,
                self.handdown_level(),
                str(self.parent_path or ""),
                meta,
                check=False,
            ).catalog
        else:
            catalog = new_catalog(self.meta(), self.chosen_ids(), self.own_level())
            notes = self.notes()
            for domain in catalog.domains:
                if domain.id in notes:
                    domain.not_involved = True
                    domain.note = notes[domain.id]
        try:
            # The save dialog already asked about replacing an existing file.
            document = Document.create(path, catalog, overwrite=True)
        except OSError as exc:
            raise ZwgkError(f"无法创建“{path.name}”：{os_reason(exc)}") from exc
        document.close()
        settings = load_settings()
        settings.last_folder = str(path.parent)
        settings.add_recent(path)
        save_settings(settings)
        self.created_path = path
        return path


def ask_new_catalog(parent: QWidget | None) -> Path | None:
    """Run the dialog; the path of the new, closed document, or None if cancelled."""
    dialog = NewCatalogDialog(parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.created_path
        return None
    finally:
        dialog.deleteLater()
