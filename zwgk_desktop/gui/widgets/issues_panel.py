"""The validation panel: counts, severity filter, and the findings grouped by domain.

A click (or Enter) on a finding asks the main window to show its domain, row and column.
The tree is rebuilt shortly after the findings change (debounced), so typing stays smooth.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui import look
from zwgk_desktop.gui.issue_store import SEVERITIES, Located
from zwgk_desktop.gui.live_validation import LiveValidation
from zwgk_desktop.gui.models.issues_model import GROUP_ROLE, LOCATED_ROLE, IssuesModel
from zwgk_desktop.gui.widgets.viewport import own_viewport

REBUILD_DELAY_MS = 120


class IssuesPanel(QWidget):
    # (domain id, item id or None, field key or None)
    locate_requested = Signal(str, object, object)
    revalidate_requested = Signal()
    meta_requested = Signal(object)  # 目录信息 field key to edit (unit, year …) or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        self.summary = QLabel("尚未校验", self)
        self.summary.setObjectName("issuesSummary")
        look.heading(self.summary, color=None)
        bar.addWidget(self.summary, 1)
        self.filters: dict[Severity, QCheckBox] = {}
        for severity in SEVERITIES:
            box = QCheckBox(severity.label, self)
            box.setChecked(True)
            box.toggled.connect(self._filter_changed)
            bar.addWidget(box)
            self.filters[severity] = box
        self.meta_button = QPushButton("目录信息…", self)
        self.meta_button.setToolTip("修改单位名称、年度等目录信息")
        self.meta_button.clicked.connect(lambda: self.meta_requested.emit(None))
        bar.addWidget(self.meta_button)
        self.revalidate = QPushButton("重新校验 (F5)", self)
        self.revalidate.clicked.connect(self.revalidate_requested)
        bar.addWidget(self.revalidate)
        layout.addLayout(bar)
        self.tree = QTreeView(self)
        own_viewport(self.tree)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("校验问题列表")
        # A click shows the cell; a double-click or Enter (``activated``) also opens what fixes a
        # finding that has no cell (目录信息).
        self.tree.activated.connect(lambda index: self._activate(index, fix=True))
        self.tree.clicked.connect(self._activate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        layout.addWidget(self.tree)
        # Findings beyond a group's first chunk become rows when the list is scrolled to
        # them (the model never lets the tree fetch on its own; see IssuesModel). Checked
        # once the event loop turns: asking for row positions at once would lay the tree
        # out again for each group a rebuild expands.
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_visible)
        self.tree.verticalScrollBar().valueChanged.connect(lambda *_: self._load_timer.start())
        self.tree.expanded.connect(lambda *_: self._load_timer.start())
        self.model: IssuesModel | None = None
        self._rule_ids = False
        self.validation: LiveValidation | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self._apply)
        self._pending: set[str] = set()  # domains to re-read whole ("" = everything)
        self._pending_items: dict[str, set[int]] = {}  # or only these items' findings

    def bind(self, validation: LiveValidation | None) -> None:
        if self.validation is not None:
            self.validation.findings_changed.disconnect(self._schedule)
        self.validation = validation
        self.model = IssuesModel(validation, self) if validation is not None else None
        if self.model is not None:
            self.model.set_rule_ids(self._rule_ids)
        self.tree.setModel(self.model)
        if self.model is not None:
            self.model.rowsInserted.connect(self._groups_inserted)
        if validation is not None:
            validation.findings_changed.connect(self._schedule)
            header = self.tree.header()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            header.setStretchLastSection(False)
            header.resizeSection(1, 150)
            header.resizeSection(2, 130)
        self.rebuild()

    def set_rule_ids(self, on: bool) -> None:
        """Show rule ids (review mode) or the rules' Chinese names (clerks)."""
        self._rule_ids = on
        if self.model is not None:
            self.model.set_rule_ids(on)

    def _groups_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """A domain gained its first finding: show its group open, as a rebuild would."""
        if parent.isValid() or self.model is None:
            return
        for row in range(first, last + 1):
            self.tree.setExpanded(self.model.index(row, 0), True)

    def _load_visible(self, *_: object) -> None:
        """Show the next chunk of any open group whose last row has come into view."""
        model = self.model
        if model is None:
            return
        height = self.tree.viewport().height()
        for row, group in enumerate(model.groups):
            if group.loaded >= len(group.findings):
                continue
            parent = model.index(row, 0)
            if not self.tree.isExpanded(parent):
                continue
            rect = self.tree.visualRect(model.index(group.loaded - 1, 0, parent))
            if rect.isValid() and rect.bottom() >= 0 and rect.top() < height:
                model.load_more(parent)

    def _schedule(self, domain_id: str = "", item_ids: list[int] | None = None) -> None:
        if item_ids is None:
            self._pending.add(domain_id)
        elif item_ids:
            self._pending_items.setdefault(domain_id, set()).update(item_ids)
        else:
            return  # nothing the panel shows changed
        self._timer.start()

    def _apply(self) -> None:
        """Apply the findings that changed since the last update: per domain when possible."""
        self._timer.stop()
        pending, self._pending = self._pending, set()
        items, self._pending_items = self._pending_items, {}
        if self.model is None or "" in pending:
            self.rebuild()
            return
        for domain_id, ids in items.items():
            if domain_id not in pending and not self.model.update_items(domain_id, sorted(ids)):
                pending.add(domain_id)
        for domain_id in pending:
            if not self.model.update_domain(domain_id):
                self.rebuild()
                return
        self._update_summary()

    def rebuild(self) -> None:
        """Re-read everything (document opened, 校验, filter, catalog-level change)."""
        self._timer.stop()
        self._pending.clear()
        self._pending_items.clear()
        if self.model is None or self.validation is None:
            self.summary.setText("尚未打开目录")
            return
        expanded = {
            self.model.index(r, 0).data(GROUP_ROLE)
            for r in range(self.model.rowCount())
            if self.tree.isExpanded(self.model.index(r, 0))
        }
        first_build = not self.model.groups
        current = self.tree.currentIndex().data(LOCATED_ROLE)
        self.model.rebuild()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if first_build or index.data(GROUP_ROLE) in expanded or self.model.rowCount() <= 3:
                self.tree.setExpanded(index, True)
            if current is not None:
                for child in range(self.model.rowCount(index)):
                    finding = self.model.index(child, 0, index)
                    if finding.data(LOCATED_ROLE) == current:
                        self.tree.setCurrentIndex(finding)
                        current = None
                        break
        self._update_summary()

    def _update_summary(self) -> None:
        if self.validation is None:
            return
        session = self.validation.session
        totals = self.validation.store.totals(session.domains)
        parts = [f"{totals[s]} 个{s.label}" for s in SEVERITIES]
        suffix = "（校验中…）" if self.validation.busy else ""
        self.summary.setText("校验结果：" + "，".join(parts) + suffix)

    def flush(self) -> None:
        """Apply now the findings that changed since the last update."""
        if self._timer.isActive():
            self._apply()

    def _filter_changed(self) -> None:
        if self.model is not None:
            self.model.set_shown({s for s, box in self.filters.items() if box.isChecked()})
            for row in range(self.model.rowCount()):
                self.tree.setExpanded(self.model.index(row, 0), True)

    def _activate(self, index: QModelIndex, fix: bool = False) -> None:
        located: Located | None = index.data(LOCATED_ROLE)
        domain_id = index.data(GROUP_ROLE)
        if located is None:
            if domain_id:
                self.locate_requested.emit(domain_id, None, None)
            elif fix and domain_id == "":
                self.meta_requested.emit(None)
            return
        issue = located.issue
        target = issue.domain_id or domain_id or ""
        if not target:  # a catalog finding: fixed in the 目录信息 dialog
            if fix:
                self.meta_requested.emit(issue.field)
            return
        self.locate_requested.emit(target, located.item_id, issue.field)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            located: Located | None = index.data(LOCATED_ROLE)
            is_meta = index.data(GROUP_ROLE) == "" and (
                located is None or not located.issue.domain_id
            )
            label = "修改目录信息…" if is_meta else "转到问题所在位置"
            menu.addAction(label).triggered.connect(lambda: self._activate(index, fix=True))
        menu.addAction("目录信息…").triggered.connect(lambda: self.meta_requested.emit(None))
        menu.addAction("重新校验").triggered.connect(self.revalidate_requested)
        self._menu = menu
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def select_next(self, forward: bool = True) -> bool:
        """Move to the next/previous finding and jump to it (F8 / Shift+F8)."""
        if self.model is None:
            return False
        groups = self.model.groups
        if not any(group.findings for group in groups):
            return False
        current = self.tree.currentIndex()
        if current.isValid() and current.parent().isValid():
            g, r = current.parent().row(), current.row()
        elif current.isValid():  # a group row: its first finding comes next
            g, r = current.row(), -1 if forward else len(groups[current.row()].findings)
        else:
            g, r = (0, -1) if forward else (len(groups) - 1, len(groups[-1].findings))
        r += 1 if forward else -1
        while not 0 <= r < len(groups[g].findings):
            g = (g + (1 if forward else -1)) % len(groups)
            r = 0 if forward else len(groups[g].findings) - 1
        target = self.model.ensure_row(g, r)
        self.tree.setCurrentIndex(target)
        self._activate(target)
        return True
