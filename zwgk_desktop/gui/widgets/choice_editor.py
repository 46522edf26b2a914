"""Checkbox list for a choice field (渠道, 对象, 方式, 层级), used in the table and the form.

Standard terms are checkboxes in vocabulary order. Open vocabularies (channels, levels)
also get a line for additions (“投资项目在线审批监管平台”); values of a closed vocabulary
that are not standard terms appear as extra, ticked boxes so nothing is lost silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QVBoxLayout, QWidget

from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.gui.clipboard import split_terms

EXTRA_PLACEHOLDER = {
    "channels": "其他渠道（多个用“、”分隔）",
    "level": "其他层级（多个用“、”分隔）",
}


class ChoiceEditor(QWidget):
    """Ticks for ``terms``; ``values()`` returns the canonical, ordered selection."""

    changed = Signal()

    def __init__(
        self, key: str, terms: Sequence[str], columns: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.vocabulary = FIELD_BY_KEY[key].vocabulary
        self.columns = max(1, columns)
        self._boxes: list[QCheckBox] = []
        self._extra_boxes: list[QCheckBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(2)
        layout.addWidget(self._grid_host)
        self.extra: QLineEdit | None = None
        if self.vocabulary is not None and self.vocabulary.open:
            self.extra = QLineEdit(self)
            self.extra.setPlaceholderText(EXTRA_PLACEHOLDER.get(key, "其他（用“、”分隔）"))
            self.extra.setAccessibleName(f"{FIELD_BY_KEY[key].label}（其他）")
            self.extra.editingFinished.connect(self.changed)
            layout.addWidget(self.extra)
        self.set_terms(terms)

    def set_terms(self, terms: Sequence[str]) -> None:
        current = self.values() if self._boxes or self._extra_boxes else []
        for box in self._boxes + self._extra_boxes:
            self._grid.removeWidget(box)
            box.deleteLater()
        self._boxes = []
        self._extra_boxes = []
        for n, term in enumerate(terms):
            box = QCheckBox(term, self._grid_host)
            box.toggled.connect(self._on_toggled)
            self._grid.addWidget(box, n // self.columns, n % self.columns)
            self._boxes.append(box)
        self.terms = list(terms)
        self._place(current, emit=False)

    def set_values(self, values: Sequence[str]) -> None:
        self._place(list(values), emit=False)

    def _place(self, values: list[str], emit: bool) -> None:
        wanted = set(values)
        for box in self._boxes:
            box.blockSignals(True)
            box.setChecked(box.text() in wanted)
            box.blockSignals(False)
        others = [v for v in values if v not in self.terms]
        for box in self._extra_boxes:
            self._grid.removeWidget(box)
            box.deleteLater()
        self._extra_boxes = []
        if self.extra is not None:
            self.extra.setText("、".join(others))
        else:
            start = len(self._boxes)
            for n, value in enumerate(others, start=start):
                box = QCheckBox(value, self._grid_host)
                box.setChecked(True)
                box.setToolTip("不是标准取值，取消勾选即删除")
                box.toggled.connect(self._on_toggled)
                self._grid.addWidget(box, n // self.columns, n % self.columns)
                self._extra_boxes.append(box)
        if emit:
            self.changed.emit()

    def values(self) -> list[str]:
        chosen = [box.text() for box in self._boxes if box.isChecked()]
        chosen += [box.text() for box in self._extra_boxes if box.isChecked()]
        if self.extra is not None:
            chosen += split_terms(self.extra.text())
        return self.vocabulary.normalize(chosen) if self.vocabulary else chosen

    def boxes(self) -> list[QCheckBox]:
        return self._boxes + self._extra_boxes

    def first_focus(self) -> QWidget:
        boxes = self.boxes()
        return boxes[0] if boxes else (self.extra or self)

    def _on_toggled(self, _checked: bool) -> None:
        self.changed.emit()
