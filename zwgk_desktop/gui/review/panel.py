"""审核意见 panel: the comments of the current submission, grouped by domain.

The reviewer adds comments on the current item/field/domain, changes their status, sets
domain and catalog statuses and turns validation results into comments in one click. The
township sees the same list, marks comments 已修改 with a 修改说明, and resubmits.
Double-clicking a comment asks the main window to jump to its cell.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.review.model import Comment, CommentStatus, ReviewStatus, Scope, field_label
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.gui.review.comment_dialog import CommentDialog
from zwgk_desktop.gui.review.panel_actions import PanelActions

COMMENT_ID = Qt.ItemDataRole.UserRole
DOMAIN_ID = Qt.ItemDataRole.UserRole + 1
CATALOG_GROUP = "（整个目录）"
STATUS_COLOURS = {
    CommentStatus.OPEN: QColor("#c0392b"),
    CommentStatus.MODIFIED: QColor("#b7791f"),
    CommentStatus.RESOLVED: QColor("#2f855a"),
}
FILTERS: tuple[tuple[str, Callable[[Comment], bool]], ...] = (
    ("全部意见", lambda c: True),
    ("未解决", lambda c: c.is_open),
    ("待处理", lambda c: c.status is CommentStatus.OPEN),
    ("已修改", lambda c: c.status is CommentStatus.MODIFIED),
    ("已解决", lambda c: c.status is CommentStatus.RESOLVED),
)

_SELECT_ONLY = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


class ReviewPanel(PanelActions, QWidget):
    """See ``gui.review`` for how the main window wires it."""

    jump_requested = Signal(
        str, int, str
    )  # domain id, 0-based row (-1: domain), field ("" whole item)
    changed = Signal()  # the review file changed (refresh banner and cell marks)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReviewSession | None = None
        self.current: tuple[str, int, str] = ("", -1, "")
        self.comment_dialog: CommentDialog | None = None
        self._build()
        self.set_session(None)

    # ------------------------------------------------------------------ layout
    def _button(self, text: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        status_row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)  # the dock may be narrow beside the table
        status_row.addWidget(self.status_label, 1)
        self.approve_button = self._button(
            "通过", lambda: self.set_catalog_status(ReviewStatus.APPROVED), status_row
        )
        self.return_button = self._button(
            "退回修改", lambda: self.set_catalog_status(ReviewStatus.RETURNED), status_row
        )
        self.resubmit_button = self._button("重新提交", self.resubmit, status_row)
        layout.addLayout(status_row)

        filter_row = QHBoxLayout()
        self.filter_combo = QComboBox(self)
        self.filter_combo.addItems([name for name, _ in FILTERS])
        self.filter_combo.currentIndexChanged.connect(lambda _=0: self.refresh())
        filter_row.addWidget(self.filter_combo)
        self.count_label = QLabel(self)
        filter_row.addWidget(self.count_label, 1)
        layout.addLayout(filter_row)

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["位置", "意见", "状态"])
        header = self.tree.header()  # 意见 takes what is left: 状态 stays in a narrow dock
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 160)
        self.tree.setColumnWidth(2, 64)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.itemDoubleClicked.connect(lambda item, _col: self._jump(item))
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree, 1)

        domain_row = QHBoxLayout()
        self.domain_label = QLabel("领域状态", self)
        domain_row.addWidget(self.domain_label)
        self.domain_combo = QComboBox(self)
        for status in ReviewStatus:
            self.domain_combo.addItem(status.label, status)
        self.domain_combo.activated.connect(lambda _=0: self._domain_combo_chosen())
        domain_row.addWidget(self.domain_combo)
        domain_row.addStretch(1)
        layout.addLayout(domain_row)

        self.detail = QTextBrowser(self)
        self.detail.setMaximumHeight(130)
        layout.addWidget(self.detail)

        self.target_label = QLabel(self)
        self.target_label.setWordWrap(True)
        layout.addWidget(self.target_label)
        self.reply_edit = QLineEdit(self)
        self.reply_edit.setPlaceholderText("修改说明（标记已修改时一并保存）")
        layout.addWidget(self.reply_edit)

        actions = QHBoxLayout()  # two rows of three: the dock stays narrow
        self.add_button = self._button("添加意见", self.request_add, actions)
        self.edit_button = self._button("编辑", self.request_edit, actions)
        self.delete_button = self._button("删除", self.delete_selected, actions)
        layout.addLayout(actions)
        actions = QHBoxLayout()
        self.modified_button = self._button(
            "已修改", lambda: self.mark_selected(CommentStatus.MODIFIED), actions
        )
        self.resolve_button = self._button(
            "已解决", lambda: self.mark_selected(CommentStatus.RESOLVED), actions
        )
        self.reopen_button = self._button(
            "重新打开", lambda: self.mark_selected(CommentStatus.OPEN), actions
        )
        layout.addLayout(actions)
        self.validation_button = QPushButton("校验结果转为意见", self)
        self.validation_button.setToolTip(
            "将校验发现的错误和警告逐条转为审核意见（已有的不重复添加）"
        )
        self.validation_button.clicked.connect(lambda _=False: self.comments_from_validation())
        exports = QHBoxLayout()
        exports.addWidget(self.validation_button)
        self.opinions_button = self._button("导出审核意见…", self._export_opinions, exports)
        self.letter_button = self._button("导出意见函…", self._export_letter, exports)
        layout.addLayout(exports)

    # ------------------------------------------------------------------ session
    def set_session(self, session: ReviewSession | None) -> None:
        self.session = session
        self.current = ("", -1, "")
        reviewer = session is not None and session.is_reviewer
        for widget in (
            self.approve_button,
            self.return_button,
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.resolve_button,
            self.reopen_button,
            self.validation_button,
            self.opinions_button,
            self.letter_button,
            self.domain_combo,
            self.domain_label,
        ):
            widget.setVisible(reviewer)
        township = session is not None and not session.is_reviewer
        for widget in (self.resubmit_button, self.reply_edit):
            widget.setVisible(township)
        if township:
            self.filter_combo.setCurrentIndex(1)  # 未解决 first for the township
        self.setEnabled(session is not None)
        self.refresh()
        self._show_target()

    def set_current(self, domain_id: str, row: int = -1, field: str = "") -> None:
        """Where a new comment goes: the main window calls this when the current cell changes."""
        self.current = (domain_id, row, field)
        self._show_target()

    def _target_text(self) -> str:
        domain_id, row, field = self.current
        if self.session is None or not domain_id:
            return "整个目录"
        domain = self.session.catalog.domain(domain_id)
        name = domain.name if domain else domain_id
        if row < 0:
            return f"{name}（整个领域）"
        where = f"{name} 第{row + 1}项"
        return f"{where} {field_label(field)}" if field else where

    def _show_target(self) -> None:
        self.target_label.setText(
            f"新意见的位置：{self._target_text()}"
            if self.session and self.session.is_reviewer
            else ""
        )

    # ------------------------------------------------------------------ list
    def refresh(self) -> None:
        """Rebuild the list from the review file (keeps the selection)."""
        selected = set(self.selected_comment_ids())
        self.tree.clear()
        session = self.session
        if session is None:
            self.status_label.setText("未打开审核记录")
            self.count_label.setText("")
            self.detail.clear()
            return
        record = session.catalog_status()
        by = f"（{record.by} {record.at[:10]}）" if record.by and record.at else ""
        self.status_label.setText(
            f"第{session.round.number}轮 · 目录审核状态：<b>{record.status.label}</b>{by}"
        )
        index = session.index()
        keep = FILTERS[self.filter_combo.currentIndex()][1]
        statuses = session.store.statuses()
        groups: dict[str, list[Comment]] = {}
        for comment in index.comments:
            if keep(comment):
                domain_id = (
                    ""
                    if comment.anchor.scope is Scope.CATALOG
                    else index.location(comment.id).domain_id
                )
                groups.setdefault(domain_id, []).append(comment)
        order = [""] + [d.id for d in session.catalog.domains]
        order += [k for k in groups if k not in order]
        shown = 0
        for domain_id in order:
            comments = groups.get(domain_id, [])
            record_d = statuses.get(domain_id) if domain_id else None
            if not comments and record_d is None:
                continue
            domain = session.catalog.domain(domain_id) if domain_id else None
            name = (
                CATALOG_GROUP
                if not domain_id
                else (domain.name if domain else comments[0].anchor.domain_name)
            )
            open_count = sum(1 for c in comments if c.status is CommentStatus.OPEN)
            label = (
                record_d.status.label
                if record_d
                else ("" if not domain_id else ReviewStatus.PENDING.label)
            )
            group = QTreeWidgetItem([name, f"{len(comments)} 条，{open_count} 条待处理", label])
            group.setData(0, DOMAIN_ID, domain_id)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for comment in sorted(comments, key=lambda c: self._sort_key(c)):
                child = QTreeWidgetItem(
                    [self._where(comment), self._summary(comment), comment.status.label]
                )
                child.setData(0, COMMENT_ID, comment.id)
                child.setData(0, DOMAIN_ID, domain_id)
                child.setForeground(2, QBrush(STATUS_COLOURS[comment.status]))
                child.setToolTip(1, comment.text)
                group.addChild(child)
                child.setSelected(comment.id in selected)
                shown += 1
            group.setExpanded(True)
        total = len(index.comments)
        open_total = sum(1 for c in index.comments if c.status is CommentStatus.OPEN)
        self.count_label.setText(f"显示 {shown} / 共 {total} 条，待处理 {open_total} 条")
        self._selection_changed()

    def _sort_key(self, comment: Comment) -> tuple[int, int]:
        assert self.session is not None
        location = self.session.index().location(comment.id)
        return (-1 if location.row is None else location.row, comment.id)

    def _where(self, comment: Comment) -> str:
        assert self.session is not None
        location = self.session.index().location(comment.id)
        if comment.anchor.scope in (Scope.CATALOG, Scope.DOMAIN):
            where = "整个目录" if comment.anchor.scope is Scope.CATALOG else "整个领域"
        elif not location.found:
            where = f"{comment.anchor.item_label}（已不在目录中）"
        else:
            where = f"第{location.row + 1}项" if location.row is not None else ""
        return f"{where} {field_label(comment.anchor.field)}".strip()

    @staticmethod
    def _summary(comment: Comment) -> str:
        text = (
            f"{comment.problem}；{comment.text}"
            if comment.problem and comment.text
            else comment.problem or comment.text
        )
        return " ".join(text.split())

    def selected_comment_ids(self) -> list[int]:
        ids = []
        for item in self.tree.selectedItems():
            value = item.data(0, COMMENT_ID)
            if value is not None:
                ids.append(int(value))
        return ids

    def selected_domain_id(self) -> str:
        items = self.tree.selectedItems()
        return str(items[0].data(0, DOMAIN_ID) or "") if items else ""

    def select_comment(self, comment_id: int) -> bool:
        for n in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(n)
            for k in range(group.childCount()):
                child = group.child(k)
                if child.data(0, COMMENT_ID) == comment_id:
                    # explicit: the default command follows the keyboard modifiers held now
                    self.tree.setCurrentItem(child, 0, _SELECT_ONLY)
                    return True
        return False

    def _selection_changed(self) -> None:
        ids = self.selected_comment_ids()
        session = self.session
        if session is None or len(ids) != 1:
            self.detail.clear()
        else:
            self.detail.setHtml(self._detail_html(session.store.comment(ids[0])))
        domain_id = self.selected_domain_id()
        if session is not None and domain_id:
            index = self.domain_combo.findData(session.domain_status(domain_id).status)
            self.domain_combo.setCurrentIndex(max(index, 0))
        self.domain_combo.setEnabled(bool(domain_id))

    @staticmethod
    def _detail_html(c: Comment) -> str:
        e = html.escape
        parts = []
        if c.problem:
            parts.append(f"<b>问题：</b>{e(c.problem)}")
        if c.text:
            parts.append(f"<b>意见：</b>{e(c.text)}")
        parts.append(
            f"<b>状态：</b>{e(c.status.label)}（{e(c.status_by)} {e(c.status_at[:16].replace('T', ' '))}）"
        )
        if c.reply:
            parts.append(f"<b>修改说明：</b>{e(c.reply)}")
        parts.append(
            f"<span style='color:#777'>{e(c.author)} 于 {e(c.created[:10])} 提出（第{c.round}轮）</span>"
        )
        return "<br>".join(parts)

    def _jump(self, item: QTreeWidgetItem) -> None:
        session = self.session
        if session is None:
            return
        comment_id = item.data(0, COMMENT_ID)
        if comment_id is None:
            domain_id = str(item.data(0, DOMAIN_ID) or "")
            if domain_id:
                self.jump_requested.emit(domain_id, -1, "")
            return
        location = session.index().location(int(comment_id))
        if location.domain_id:
            self.jump_requested.emit(*location.cell)
