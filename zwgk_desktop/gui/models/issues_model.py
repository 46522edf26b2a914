"""The validation panel's model: findings grouped by domain (a two-level tree).

Top-level rows are groups (目录信息, then each domain with findings, in catalog order);
their children are the findings, each carrying the item's storage id so a click can jump
to the cell even after rows moved.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.issue_store import SEVERITIES, Located
from zwgk_desktop.gui.live_validation import LiveValidation

LOCATED_ROLE = Qt.ItemDataRole.UserRole + 1  # Located for findings
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # domain id ("" = 目录信息) for groups and findings
COLUMNS = ("问题", "位置", "规则")
# Findings of a group become rows in chunks (more as the list is scrolled): an expanded
# group of 15,000 findings would otherwise make the tree lay out 15,000 rows through
# Python calls after every row move. The panel shows a handful of rows; every shown row
# costs each re-layout (a group appearing or going) a few Python calls.
CHUNK = 50
MANY_ITEMS = 16  # more changed items than this are merged in one pass (a paste)
_Index = QModelIndex | QPersistentModelIndex
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def rule_title(rule_id: str) -> str:
    """The rule's Chinese name (“未填写单位”), or the id for an unknown rule."""
    from zwgk_desktop.core.validation.registry import RULES  # (with the first finding)

    rule = RULES.get(rule_id)
    return rule.title if rule is not None else rule_id


def _same(a: Located, b: Located) -> bool:
    return a.item_id == b.item_id and (a.issue is b.issue or a.issue == b.issue)


@dataclass
class Group:
    """A domain's findings; only the first ``loaded`` are rows (more on scrolling)."""

    domain_id: str
    title: str
    findings: list[Located] = field(default_factory=list)
    loaded: int = -1  # rows shown so far; -1 = the first chunk
    _counts: dict[Severity, int] | None = None

    def __post_init__(self) -> None:
        if self.loaded < 0:
            self.loaded = min(len(self.findings), CHUNK)

    def set_findings(self, findings: list[Located]) -> None:
        self.findings = findings
        self._counts = None

    def counts(self) -> dict[Severity, int]:
        if self._counts is None:
            counts = dict.fromkeys(SEVERITIES, 0)
            for located in self.findings:
                counts[located.issue.severity] += 1
            self._counts = counts
        return self._counts


class IssuesModel(QAbstractItemModel):
    def __init__(self, validation: LiveValidation, parent: Any = None) -> None:
        super().__init__(parent)
        self.validation = validation
        self.groups: list[Group] = []
        self.shown: set[Severity] = set(SEVERITIES)
        self.rule_ids = False  # reviewers see rule ids (e.g. META-UNIT); clerks the name

    def set_rule_ids(self, on: bool) -> None:
        if on == self.rule_ids:
            return
        self.rule_ids = on
        for row in range(len(self.groups)):
            parent = self.index(row, 0)
            count = self.rowCount(parent)
            if count:
                self.dataChanged.emit(self.index(0, 2, parent), self.index(count - 1, 2, parent))

    # ----------------------------------------------------------------- building
    def rebuild(self) -> None:
        """Re-read the findings from the store (cheap; the panel debounces calls)."""
        self.beginResetModel()
        self.groups = self._collect()
        self.endResetModel()

    def set_shown(self, severities: set[Severity]) -> None:
        self.shown = set(severities)
        self.rebuild()

    def _collect(self) -> list[Group]:
        session = self.validation.session
        store = self.validation.store
        by_domain: dict[str, Group] = {}
        catalog_group = Group("", "目录信息")
        for issue in store.catalog_issues():
            if issue.severity not in self.shown:
                continue
            if issue.domain_id and session.has_domain(issue.domain_id):
                group = by_domain.setdefault(
                    issue.domain_id, Group(issue.domain_id, issue.domain or "")
                )
                group.findings.append(Located(issue, None))
            else:
                catalog_group.findings.append(Located(issue, None))
        for group in [catalog_group, *by_domain.values()]:
            group.loaded = min(len(group.findings), CHUNK)
        groups = [catalog_group] if catalog_group.findings else []
        for domain in session.domains:
            found = [
                loc for loc in store.domain_located(domain) if loc.issue.severity in self.shown
            ]
            group = by_domain.get(domain.id)
            if group is not None:
                group.set_findings(group.findings + found)
                group.loaded = min(len(group.findings), CHUNK)
            elif found:
                group = Group(domain.id, domain.name, found)
            if group is not None:
                group.title = domain.name
                groups.append(group)
        return groups

    def update_domain(self, domain_id: str) -> bool:
        """Bring one domain's group up to date with row inserts/removals, not a reset.

        Only the findings that differ from the group's current ones (in practice those
        of the edited item) are removed and inserted, so the tree keeps its expansion,
        selection and scroll position, and a 100,000-item catalog stays smooth. False if
        the domain is unknown (the caller rebuilds).
        """
        session = self.validation.session
        if not session.has_domain(domain_id):
            return False
        store = self.validation.store
        shown = self.shown
        domain = session.domain(domain_id)
        new = [
            Located(issue, None)
            for issue in store.catalog_issues()
            if issue.domain_id == domain_id and issue.severity in shown
        ]
        new.extend(loc for loc in store.domain_located(domain) if loc.issue.severity in shown)
        row = next((n for n, g in enumerate(self.groups) if g.domain_id == domain_id), None)
        if row is None:
            if new:
                position = self._group_position(domain_id)
                self.beginInsertRows(QModelIndex(), position, position)
                self.groups.insert(position, Group(domain_id, domain.name, new))
                self.endInsertRows()
            return True
        if not new:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.groups[row]
            self.endRemoveRows()
            return True
        group = self.groups[row]
        group.title = domain.name
        self._replace_findings(row, group, new)
        header = self.index(row, 0)
        self.dataChanged.emit(header, header)
        return True

    def update_items(self, domain_id: str, item_ids: list[int]) -> bool:
        """Replace only the findings of ``item_ids`` (a cell edit); False: update the domain.

        A group's findings are ordered: catalog and domain findings, then per item in row
        order; each item's block is found by bisecting on the row, so an edit costs the
        item's findings plus O(log n), whatever the size of the domain.
        """
        row = next((n for n, g in enumerate(self.groups) if g.domain_id == domain_id), None)
        session = self.validation.session
        if not session.has_domain(domain_id):
            return False
        store = self.validation.store
        shown = self.shown
        try:
            rows = sorted((session.row_of(domain_id, i), i) for i in item_ids)
        except KeyError:
            return False
        if row is None:
            # No group: the domain had no finding shown, so its findings are now exactly
            # the changed items' own (no need to re-read the whole domain).
            found = [
                Located(issue, item_id)
                for _, item_id in rows
                for issue in store.item_issues(item_id)
                if issue.severity in shown
            ]
            if found:
                position = self._group_position(domain_id)
                self.beginInsertRows(QModelIndex(), position, position)
                self.groups.insert(
                    position, Group(domain_id, session.domain(domain_id).name, found)
                )
                self.endInsertRows()
            return True
        group = self.groups[row]
        if len(rows) > MANY_ITEMS:
            return self._merge_items(row, group, domain_id, rows)
        findings = group.findings
        for item_row, item_id in reversed(rows):  # back to front: earlier offsets stay valid

            def order(located: Located) -> int:
                if located.item_id is None:
                    return -1
                return session.row_of(domain_id, located.item_id)

            try:
                lo = bisect_left(findings, item_row, key=order)
                hi = bisect_right(findings, item_row, key=order, lo=lo)
            except KeyError:
                return False
            block = [
                Located(issue, item_id)
                for issue in store.item_issues(item_id)
                if issue.severity in shown
            ]
            if hi == lo and not block:
                continue
            new = findings[:lo] + block + findings[hi:]
            self._replace_findings(row, group, new, lo, len(findings) - hi)
            findings = group.findings
        if not group.findings:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.groups[row]
            self.endRemoveRows()
            return True
        header = self.index(row, 0)
        self.dataChanged.emit(header, header)
        return True

    def _merge_items(
        self, row: int, group: Group, domain_id: str, rows: list[tuple[int, int]]
    ) -> bool:
        """``update_items`` for many items (a paste): one pass over the group and one
        row change, not one splice (and one row move) per item."""
        session = self.validation.session
        store = self.validation.store
        shown = self.shown
        changed = {item_id for _, item_id in rows}
        kept = [located for located in group.findings if located.item_id not in changed]
        try:
            order = [
                -1 if located.item_id is None else session.row_of(domain_id, located.item_id)
                for located in kept
            ]
        except KeyError:
            return False
        new: list[Located] = []
        at = 0
        for item_row, item_id in rows:
            while at < len(kept) and order[at] < item_row:
                new.append(kept[at])
                at += 1
            new.extend(
                Located(issue, item_id)
                for issue in store.item_issues(item_id)
                if issue.severity in shown
            )
        new.extend(kept[at:])
        if not new:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.groups[row]
            self.endRemoveRows()
            return True
        self._replace_findings(row, group, new)
        header = self.index(row, 0)
        self.dataChanged.emit(header, header)
        return True

    def _group_position(self, domain_id: str) -> int:
        """Where a new group goes: after 目录信息, in the catalog's domain order."""
        order = {d.id: n for n, d in enumerate(self.validation.session.domains)}
        wanted = order.get(domain_id, len(order))
        for n, group in enumerate(self.groups):
            if group.domain_id and order.get(group.domain_id, len(order)) > wanted:
                return n
        return len(self.groups)

    def _replace_findings(
        self,
        row: int,
        group: Group,
        new: list[Located],
        head: int | None = None,
        tail: int | None = None,
    ) -> None:
        """Turn ``group.findings`` into ``new`` moving only the rows that differ.

        ``head``/``tail``: lengths of the unchanged start and end when the caller knows
        them (a spliced item block); otherwise they are found by comparison.
        """
        old = group.findings
        size = min(len(old), len(new))
        if head is None or tail is None:
            head = 0
            while head < size and _same(old[head], new[head]):
                head += 1
            tail = 0
            while tail < size - head and _same(old[-1 - tail], new[-1 - tail]):
                tail += 1
        shown = group.loaded
        if head >= shown:  # the change lies beyond the rows shown: no row moves
            group.set_findings(new)
            return
        parent = self.index(row, 0)
        changed_end = len(old) - tail  # old[head:changed_end] gives way to new[head:...]
        if len(old) > shown and len(new) >= shown:
            # The group still has more findings than rows: the rows stay a prefix of the
            # same length, so the change is a repaint of the rows from ``head`` on. No
            # insert/remove, hence no re-layout of the whole tree (thousands of Python
            # calls at 100,000 items); selection and current row follow their finding.
            self._follow(row, head, changed_end, len(new) - len(old), shown)
            group.set_findings(new)
            self.dataChanged.emit(self.index(head, 0, parent), self.index(shown - 1, 2, parent))
            return
        tail_shown = changed_end < shown  # some unchanged tail findings are rows
        removed = min(changed_end, shown) - head
        if removed > 0:
            self.beginRemoveRows(parent, head, head + removed - 1)
            # Consistent at every signal: views may fetch more rows while they react.
            group.set_findings(old[:head] + old[changed_end:])
            group.loaded -= removed
            self.endRemoveRows()
        added = len(new) - tail - head
        # Rows must stay a prefix of the findings: with tail rows shown, all new findings
        # go in; otherwise enough to show about as many rows as before.
        count = added if tail_shown else min(added, shown - head)
        if count > 0:
            self.beginInsertRows(parent, head, head + count - 1)
            group.loaded += count
            group.set_findings(new)
            self.endInsertRows()
        group.set_findings(new)

    def _follow(self, row: int, head: int, changed_end: int, delta: int, shown: int) -> None:
        """Move persistent indexes (selection, current) of group ``row`` with their finding.

        Rows ``head``…``changed_end`` were replaced (their indexes go to the first new
        row, the same item's block), rows after them shift by ``delta``; an index that
        would fall beyond the ``shown`` rows becomes invalid.
        """
        internal = row + 1
        sources, targets = [], []
        for index in self.persistentIndexList():
            if index.internalId() != internal or index.row() < head:
                continue
            target = head if index.row() < changed_end else index.row() + delta
            sources.append(index)
            targets.append(
                self.createIndex(target, index.column(), internal)
                if 0 <= target < shown
                else QModelIndex()
            )
        if sources:
            self.changePersistentIndexList(sources, targets)

    def first_finding(self) -> QModelIndex:
        return self.index(0, 0, self.index(0, 0)) if self.groups else QModelIndex()

    # ----------------------------------------------------------------- Qt API
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= 3 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.groups) else QModelIndex()
        group_row = parent.row()
        if parent.internalId() != 0 or group_row >= len(self.groups):
            return QModelIndex()
        if row < self.groups[group_row].loaded:
            return self.createIndex(row, column, group_row + 1)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self.groups):
            return self.groups[parent.row()].loaded
        return 0

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if not parent.isValid():
            return bool(self.groups)
        return parent.internalId() == 0 and parent.column() == 0

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        """Never: rows come only when the panel asks (``load_more``).

        QTreeView's layout fetches a chunk of *every* expanded group each time it lays
        out, and it lays out after every row insert or removal, so with Qt fetching the
        groups grew by a chunk on each edit and each edit's stall grew with them.
        """
        return False

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        self.load_more(parent)

    def has_more(self, parent: _Index) -> bool:
        """Whether group ``parent`` has findings not yet shown as rows."""
        if not parent.isValid() or parent.internalId() != 0 or parent.row() >= len(self.groups):
            return False
        group = self.groups[parent.row()]
        return group.loaded < len(group.findings)

    def load_more(self, parent: _Index) -> None:
        """Show the next chunk of group ``parent`` (the list was scrolled to its end)."""
        if not self.has_more(parent):
            return
        group = self.groups[parent.row()]
        more = min(len(group.findings), group.loaded + CHUNK)
        self.beginInsertRows(parent, group.loaded, more - 1)
        group.loaded = more
        self.endInsertRows()

    def ensure_row(self, row: int, child: int) -> QModelIndex:
        """The index of finding ``child`` of group ``row``, making it a row if needed (F8)."""
        group = self.groups[row]
        parent = self.index(row, 0)
        if group.loaded <= child < len(group.findings):
            self.beginInsertRows(parent, group.loaded, child)
            group.loaded = child + 1
            self.endInsertRows()
        return self.index(child, 0, parent)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    # flags(): QAbstractItemModel's own (enabled, selectable) — an override in Python
    # would cost two calls per row on every re-layout.

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self.groups[index.row()], index.column(), role)
        group = self.groups[index.internalId() - 1]
        located = group.findings[index.row()]
        return self._finding_data(group, located, index.column(), role)

    def _group_data(self, group: Group, column: int, role: int) -> Any:
        if role == GROUP_ROLE:
            return group.domain_id
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            counts = group.counts()
            parts = [f"{counts[s]} {s.label}" for s in SEVERITIES if counts[s]]
            return f"{group.title}（{'，'.join(parts)}）"
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QApplication.font()
            font.setBold(True)
            return font
        return None

    def _finding_data(self, group: Group, located: Located, column: int, role: int) -> Any:
        issue = located.issue
        if role == LOCATED_ROLE:
            return located
        if role == GROUP_ROLE:
            return group.domain_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return issue.message
            if column == 1:
                where = [f"第{issue.item}项"] if issue.item else []
                if issue.field_label:
                    where.append(issue.field_label)
                return " · ".join(where)
            return issue.rule if self.rule_ids else rule_title(issue.rule)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QApplication.style().standardIcon(_ICONS[issue.severity])
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{issue.severity.label}：{issue.message}"
            if issue.hint:
                text += f"\n修改建议：{issue.hint}"
            return f"{text}\n规则：{rule_title(issue.rule)}（{issue.rule}）"
        return None
