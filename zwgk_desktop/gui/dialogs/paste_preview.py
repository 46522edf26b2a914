"""The small preview shown before a paste that could land in the wrong columns.

One line per source column: its header (or number), a sample of its values, where it will
go (a drop-down the clerk can change) and what would be refused there. Nothing is written
until 粘贴 is pressed; 取消 leaves the table untouched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.paste_plan import SKIP, PastePlan, Target, refusals
from zwgk_desktop.gui.dialogs.sizing import FittedDialog

_SAMPLE_ROWS = 3


class PastePreviewDialog(FittedDialog):
    """Shows ``plan`` and lets the clerk change each column's target; ``targets()`` after OK."""

    def __init__(self, plan: PastePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("确认粘贴位置")
        self.setObjectName("pastePreview")
        self.plan = plan
        layout = QVBoxLayout(self)
        intro = QLabel(
            "粘贴的内容与光标处的列对不上，请确认每一列放到哪里：\n"
            + "\n".join(f"· {r}" for r in plan.reasons),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(plan.width, 4, self)
        self.table.setHorizontalHeaderLabels(["粘贴的列", "内容示例", "放入", "不能粘贴的值"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        for n in range(plan.width):
            self.table.setItem(n, 0, QTableWidgetItem(plan.labels[n]))
            sample = "｜".join(r[n].replace("\n", " ")[:20] for r in plan.rows[:_SAMPLE_ROWS])
            self.table.setItem(n, 1, QTableWidgetItem(sample))
            combo = QComboBox(self.table)
            self._fill(combo, plan.targets[n])
            combo.currentIndexChanged.connect(self._update_problems)
            self.table.setCellWidget(n, 2, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(2, 220)
        layout.addWidget(self.table, 1)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("粘贴", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, min(560, 200 + 30 * plan.width))
        self._update_problems()
        if self.combos:
            self.combos[0].setFocus()

    @staticmethod
    def _fill(combo: QComboBox, current: Target) -> None:
        choices = [SKIP] + [Target(spec.key) for spec in FIELDS]
        if current not in choices:
            choices.insert(1, current)
        for target in choices:
            combo.addItem(target.label(), target)
        combo.setCurrentIndex(choices.index(current))

    def targets(self) -> list[Target]:
        return [combo.currentData() for combo in self.combos]

    def _update_problems(self) -> None:
        plan = PastePlan(self.plan.rows, self.plan.labels, self.targets(), self.plan.by_header)
        found = refusals(plan)
        for n in range(plan.width):
            mine = [r for r in found if r.column == n]
            text = f"{len(mine)} 个：{mine[0].reason}" if mine else ""
            item = QTableWidgetItem(text)
            item.setForeground(Qt.GlobalColor.darkRed)
            item.setToolTip("\n".join(r.reason for r in mine[:10]))
            self.table.setItem(n, 3, item)
        keys = [t.key for t in plan.targets if t.key and not t.term]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        lines = [f"共 {len(plan.rows)} 行。"]
        if found:
            lines.append(f"{len(found)} 个值与所放的列不符，不会粘贴。")
        if twice:
            names = "、".join(next(s.label for s in FIELDS if s.key == k) for k in twice)
            lines.append(f"“{names}”被选了多次，后面的列会覆盖前面的。")
        self.summary.setText("".join(lines))


def review_paste(plan: PastePlan, parent: QWidget | None) -> list[Target] | None:
    """Show the preview modally; the chosen targets, or None if the clerk cancelled."""
    dialog = PastePreviewDialog(plan, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.targets()
        return None
    finally:
        dialog.deleteLater()
