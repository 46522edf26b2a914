"""目录信息: 单位, 行政区划, 年度, 联系人 and the 公开层级 names, changeable after creation.

The dialog only collects the new values; the main window turns them into one undoable
command (``commands.edit_meta``), which also updates the 公开主体 cells that still hold
the generated unit name.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.model import CatalogMeta
from zwgk_desktop.core.vocab import LEVEL
from zwgk_desktop.gui.dialogs.common import (
    MUTED_STYLE,
    hint_label,
    level_checkboxes,
    ok_cancel_buttons,
)
from zwgk_desktop.gui.dialogs.sizing import FittedDialog, fit_title

TITLE = "目录信息"


class MetaDialog(FittedDialog):
    """Edit a copy of ``meta``; :meth:`meta` returns the values as entered."""

    def __init__(
        self,
        parent: QWidget | None,
        meta: CatalogMeta,
        levels_in_use: dict[str, int] | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("metaDialog")
        self._original = replace(meta, levels=list(meta.levels))
        self._in_use = dict(levels_in_use or {})
        self.unit_edit = QLineEdit(meta.unit)
        self.unit_edit.setPlaceholderText("如：城关镇人民政府")
        self.region_edit = QLineEdit(meta.region)
        self.region_edit.setPlaceholderText("如：××省××市××县")
        self.year_edit = QLineEdit(meta.year)
        self.year_edit.setPlaceholderText("如：2026 或 2026年版")
        self.contact_edit = QLineEdit(meta.contact)
        self.contact_edit.setPlaceholderText("姓名及联系电话")
        self.edits = {
            "unit": self.unit_edit,
            "region": self.region_edit,
            "year": self.year_edit,
            "contact": self.contact_edit,
        }
        terms = list(LEVEL.terms) + [lvl for lvl in meta.levels if lvl not in LEVEL.terms]
        levels_row, self.level_boxes = level_checkboxes(terms, meta.levels, self._revalidate)
        levels_row.addStretch(1)
        form = QFormLayout()
        form.addRow("单位名称 *", self.unit_edit)
        form.addRow("行政区划", self.region_edit)
        form.addRow("年度/版本 *", self.year_edit)
        form.addRow("联系人", self.contact_edit)
        form.addRow("公开层级", levels_row)
        note = QLabel(
            "修改单位名称后，“公开主体”中仍是原单位名称（没有手工改过）的事项会一并改为新名称。"
            "修改可以撤销（Ctrl+Z）。"
        )
        note.setWordWrap(True)
        note.setStyleSheet(MUTED_STYLE)
        self.hint = hint_label()
        self.buttons = ok_cancel_buttons(self, "确定", self.accept, self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
            edit.textChanged.connect(self._revalidate)
        for box in self.level_boxes.values():
            box.setEnabled(not read_only)
        self.ok_button.setEnabled(not read_only)
        self.resize(560, 360)
        fit_title(self, 520)
        self._revalidate()

    def focus_field(self, key: str | None) -> None:
        """Put the cursor in the field a validation finding names (unit, year …)."""
        target = self.edits.get(key or "") or self.unit_edit
        target.setFocus()
        target.selectAll()

    def meta(self) -> CatalogMeta:
        return replace(
            self._original,
            unit=self.unit_edit.text().strip(),
            region=self.region_edit.text().strip(),
            year=self.year_edit.text().strip(),
            contact=self.contact_edit.text().strip(),
            levels=[t for t, box in self.level_boxes.items() if box.isChecked()],
        )

    def problems(self) -> list[str]:
        """What the catalog will still lack (shown, not blocking: the clerk may fill it later)."""
        meta = self.meta()
        out: list[str] = []
        if not meta.unit:
            out.append("单位名称为空：校验会报错，县级审核无法识别是谁的目录。")
        if not meta.year:
            out.append("年度/版本为空：校验会报错。")
        dropped = [
            f"{lvl}（{self._in_use[lvl]} 个事项）"
            for lvl in self._original.levels
            if lvl not in meta.levels and self._in_use.get(lvl)
        ]
        if dropped:
            out.append(f"取消的公开层级仍有事项在用：{'、'.join(dropped)}，校验会提示。")
        return out

    def _revalidate(self, *_: object) -> None:
        problems = self.problems()
        self.hint.setText("\n".join(problems))
        self.hint.setVisible(bool(problems))
