"""A readable diff: domains → items → fields on the left, the selected change in detail.

Shows a :class:`CatalogDiff` (vs the previous round, vs the standard templates or vs any
other catalog file of the same unit). Text changes are shown character by character
(deleted red and struck through, inserted green). Double-clicking an item asks the main
window to jump to it (removed items jump to their domain).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.formats.suffixes import PATTERNS
from zwgk_desktop.core.loader import load_catalog
from zwgk_desktop.core.review.diff import (
    PARENT,
    TEMPLATE,
    CatalogDiff,
    DomainDiff,
    FieldChange,
    ItemChange,
    diff_catalogs,
)
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.review.textdiff import segments
from zwgk_desktop.gui import msgbox
from zwgk_desktop.gui.dialogs import standard

PAYLOAD = Qt.ItemDataRole.UserRole
COMPARE_FILTER = f"目录文件 (*.zwgk {PATTERNS} *.json);;所有文件 (*)"
CHANGE_COLOURS = {
    "added": QColor("#2f855a"),
    "removed": QColor("#c0392b"),
    "changed": QColor("#b7791f"),
}
MARKS = {"added": "+", "removed": "−", "changed": "~"}


def segments_html(old: str, new: str) -> str:
    """Inline character diff as HTML (everything escaped)."""
    out = []
    for op, text in segments(old, new):
        t = html.escape(text).replace("\n", "<br>")
        if op == "delete":
            out.append(
                f"<span style='background:#fde2e1; color:#9b1c1c; text-decoration:line-through'>{t}</span>"
            )
        elif op == "insert":
            out.append(f"<span style='background:#def7e5; color:#1c6b36'>{t}</span>")
        else:
            out.append(t)
    return "".join(out)


def field_html(change: FieldChange) -> str:
    e = html.escape
    if change.is_choice:
        parts = [f"<span style='color:#1c6b36'>＋{e(v)}</span>" for v in change.added]
        parts += [
            f"<span style='color:#9b1c1c; text-decoration:line-through'>{e(v)}</span>"
            for v in change.removed
        ]
        detail = " ".join(parts) or f"{e('、'.join(change.old))} → {e('、'.join(change.new))}"
        return f"<p><b>{e(change.label)}</b>：{detail}</p>"
    return f"<p><b>{e(change.label)}</b>：<br>{segments_html(str(change.old), str(change.new))}</p>"


class DiffView(QWidget):
    """``set_diff`` shows a diff; ``set_session`` offers 上一轮 / 标准模板 / 其他文件 /
    上级目录. Differences from the parent catalog can be turned into opinions at once."""

    jump_requested = Signal(str, int, str)  # domain id, 0-based row (-1: domain), field
    comments_added = Signal(list)  # ids of the opinions made from the listed differences

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.diff: CatalogDiff | None = None
        self._shown_index = 0  # the source whose diff is on screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.source_combo = QComboBox(self)
        self.source_combo.activated.connect(lambda _=0: self._source_chosen())
        top.addWidget(self.source_combo)
        self.changed_only = QCheckBox("只看有变化的领域", self)
        self.changed_only.setChecked(True)
        self.changed_only.toggled.connect(lambda _=False: self._fill())
        top.addWidget(self.changed_only)
        top.addStretch(1)
        self.to_opinions_button = QPushButton("转为审核意见", self)
        self.to_opinions_button.setToolTip(
            "把列出的与上级目录的差异（未采用的上级事项、本级新增事项、与上级不同的要素）"
            "逐条转为审核意见；已有相同意见的不再重复"
        )
        self.to_opinions_button.clicked.connect(lambda _=False: self.comments_from_diff())
        top.addWidget(self.to_opinions_button)
        layout.addLayout(top)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setHeaderLabels(["变化", "事项 / 要素"])
        self.tree.setColumnWidth(0, 150)
        self.tree.itemSelectionChanged.connect(self._show_detail)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._jump(item))
        self.detail = QTextBrowser(splitter)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 160])
        layout.addWidget(splitter, 1)
        self.set_diff(None)

    # ------------------------------------------------------------------ sources
    def set_session(self, session: ReviewSession | None) -> None:
        """Offer the comparisons that make sense for this session and show the first."""
        self.session = session
        self.source_combo.clear()
        if session is None:
            self.set_diff(None)
            return
        if session.is_reviewer:
            if session.round.number > 1:
                self.source_combo.addItem(f"与第{session.round.number - 1}轮比较", "previous")
            self.source_combo.addItem("与标准模板比较", "template")
            self.source_combo.addItem("与其他文件比较…", "file")
            self.source_combo.addItem("与上级目录比较…", "parent")
        else:
            self.source_combo.addItem("与审核时的版本比较", "since")
        self._source_chosen()

    def _source_chosen(self) -> None:
        session = self.session
        key = self.source_combo.currentData()
        if session is None or key is None:
            return
        try:
            if key == "previous":
                self.set_diff(session.diff_to_previous())
            elif key == "template":
                self.set_diff(session.diff_to_templates())
            elif key == "since":
                self.set_diff(session.diff_since_round())
            elif key == "file" and self.ask_compare_file() is None:
                self.source_combo.setCurrentIndex(self._shown_index)  # cancelled: as before
                return
            elif key == "parent" and self.ask_parent_file() is None:
                self.source_combo.setCurrentIndex(self._shown_index)
                return
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
        self._shown_index = self.source_combo.currentIndex()

    def show_source(self, key: str) -> bool:
        """Select ``previous``, ``template``, ``since`` or ``file`` (asks) if offered."""
        index = self.source_combo.findData(key)
        if index < 0:
            return False
        self.source_combo.setCurrentIndex(index)
        self._source_chosen()
        return True

    def ask_compare_file(self) -> CatalogDiff | None:
        """Pick an earlier submission of the unit (e.g. last year's file) and compare."""
        if self.session is None:
            return None
        text, _ = standard.get_open_file_name(
            self, "选择要比较的目录文件", str(self.session.submission.parent), COMPARE_FILTER
        )
        return self.compare_with_file(text) if text else None

    def compare_with_file(self, path: str | Path) -> CatalogDiff | None:
        """Compare the session's submission with another file (an earlier submission)."""
        if self.session is None:
            return None
        try:
            other = load_catalog(path)
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
            return None
        diff = diff_catalogs(
            other, self.session.catalog, Path(path).name, self.session.submission.name
        )
        self.set_diff(diff)
        return diff

    def ask_parent_file(self) -> CatalogDiff | None:
        """Pick the parent's catalog (the county's, for a township) and compare with it."""
        if self.session is None:
            return None
        text, _ = standard.get_open_file_name(
            self,
            "选择上级目录文件（如县级目录）",
            str(self.session.submission.parent),
            COMPARE_FILTER,
        )
        return self.compare_with_parent(text) if text else None

    def compare_with_parent(self, path: str | Path) -> CatalogDiff | None:
        """The submission against its parent's catalog (items the parent publishes at the
        submission's level: dropped, added, changed)."""
        if self.session is None:
            return None
        try:
            diff = self.session.diff_to_parent(load_catalog(path), parent_label=Path(path).name)
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
            return None
        self.set_diff(diff)
        return diff

    def comments_from_diff(self) -> list[int]:
        """Turn the listed differences from the parent into opinions (one transaction)."""
        session, diff = self.session, self.diff
        if session is None or diff is None or diff.mode != PARENT:
            return []
        try:
            ids = session.comments_from_parent(diff)
        except ZwgkError as exc:
            msgbox.error(self, str(exc))
            return []
        msgbox.info(
            self,
            f"已将 {len(ids)} 处与上级目录的差异转为审核意见"
            if ids
            else "列出的差异均已有对应的审核意见",
        )
        if ids:
            self.comments_added.emit(ids)
        return ids

    # ------------------------------------------------------------------ display
    def set_diff(self, diff: CatalogDiff | None) -> None:
        self.diff = diff
        self._fill()
        session = self.session
        offer = diff is not None and diff.mode == PARENT
        self.to_opinions_button.setVisible(offer)
        self.to_opinions_button.setEnabled(
            offer and not diff.is_empty and session is not None and session.is_reviewer  # type: ignore[union-attr]
        )

    def _fill(self) -> None:
        self.tree.clear()
        self.detail.clear()
        diff = self.diff
        if diff is None:
            self.summary_label.setText("没有可比较的版本（第1轮）" if self.session else "")
            return
        s = diff.summary()
        if diff.mode == TEMPLATE:
            text = (
                f"缺少标准事项 {s['items_removed']} 个，本地新增 {s['items_added']} 个，"
                f"要素与标准不同 {s['items_changed']} 个；缺少领域 {s['domains_removed']} 个"
            )
        elif diff.mode == PARENT:
            text = (
                f"与上级目录“{diff.left.label}”（{diff.left.unit or '单位未填写'}）比较："
                f"未采用上级事项 {s['items_removed']} 个，本级新增 {s['items_added']} 个，"
                f"与上级不同 {s['items_changed']} 个，一致 {s['items_unchanged']} 个"
            )
        else:
            text = (
                f"{diff.left.label} → {diff.right.label}：新增 {s['items_added']} 项，删除 {s['items_removed']} 项，"
                f"修改 {s['items_changed']} 项，未变 {s['items_unchanged']} 项"
            )
        self.summary_label.setText(text if not diff.is_empty else text + "（没有差异）")
        for domain in diff.domains:
            if self.changed_only.isChecked() and domain.status in ("unchanged", "not_involved"):
                continue
            self._add_domain(diff, domain)

    def _add_domain(self, diff: CatalogDiff, domain: DomainDiff) -> None:
        counts = "，".join(
            f"{diff.item_label(c)} {domain.count(c)}"
            for c in ("removed", "added", "changed")
            if domain.count(c)
        )
        top = QTreeWidgetItem(
            [
                diff.domain_label(domain.status),
                f"{domain.name}" + (f"（{counts}）" if counts else ""),
            ]
        )
        top.setData(0, PAYLOAD, ("domain", domain.domain_id, None))
        font = top.font(1)
        font.setBold(True)
        top.setFont(1, font)
        self.tree.addTopLevelItem(top)
        for attribute in domain.attributes:
            child = QTreeWidgetItem(
                [attribute.label, f"{attribute.old or '（空）'} → {attribute.new or '（空）'}"]
            )
            child.setData(0, PAYLOAD, ("field", domain.domain_id, attribute))
            top.addChild(child)
        for item in domain.items:
            node = self._item_node(diff, domain, item)
            top.addChild(node)
            node.setExpanded(len(item.fields) <= 3)
        top.setExpanded(True)

    def _item_node(
        self, diff: CatalogDiff, domain: DomainDiff, item: ItemChange
    ) -> QTreeWidgetItem:
        where = (
            f"第{item.new_index}项"
            if item.new_index
            else f"{ {TEMPLATE: '标准', PARENT: '上级'}.get(diff.mode, '原') }第{item.old_index}项"
        )
        node = QTreeWidgetItem(
            [f"{MARKS[item.change]} {diff.item_label(item.change)}", f"{where} {item.title}"]
        )
        node.setForeground(0, QBrush(CHANGE_COLOURS[item.change]))
        node.setData(0, PAYLOAD, ("item", domain.domain_id, item))
        for change in item.fields:
            child = QTreeWidgetItem([change.label, self._one_line(change)])
            child.setData(0, PAYLOAD, ("field", domain.domain_id, change, item))
            node.addChild(child)
        return node

    @staticmethod
    def _one_line(change: FieldChange) -> str:
        if change.is_choice:
            return (
                " ".join([f"+{v}" for v in change.added] + [f"−{v}" for v in change.removed])
                or "写法不同"
            )
        new = " ".join(str(change.new).split())
        return new[:60] + ("…" if len(new) > 60 else "") if new else "（清空）"

    def _show_detail(self) -> None:
        items = self.tree.selectedItems()
        if not items:
            self.detail.clear()
            return
        payload = items[0].data(0, PAYLOAD)
        kind = payload[0]
        if kind == "field":
            self.detail.setHtml(field_html(payload[2]))
        elif kind == "item":
            change: ItemChange = payload[2]
            body = "".join(field_html(f) for f in change.fields) or "<p>（整项新增或删除）</p>"
            self.detail.setHtml(f"<p><b>{html.escape(change.title)}</b></p>{body}")
        else:
            self.detail.clear()

    def _jump(self, node: QTreeWidgetItem) -> None:
        payload = node.data(0, PAYLOAD)
        if not payload:
            return
        kind, domain_id = payload[0], payload[1]
        if kind == "domain":
            self.jump_requested.emit(domain_id, -1, "")
            return
        item: ItemChange | None = (
            payload[2] if kind == "item" else (payload[3] if len(payload) > 3 else None)
        )
        if item is None or item.new_index is None:
            self.jump_requested.emit(domain_id, -1, "")
            return
        field = payload[2].field if kind == "field" else ""
        self.jump_requested.emit(domain_id, item.new_index - 1, field)
