"""The validation panel's model: findings grouped by domain (a two-level tree).

Top-level rows are groups (目录信息, then each domain with findings, in catalog order);
their children are the findings, each carrying the item's storage id so a click can jump
to the cell even after rows moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from zwgk_desktop.core.validation import Severity
from zwgk_desktop.core.validation.registry import RULES
from zwgk_desktop.gui.issue_store import SEVERITIES, Located
from zwgk_desktop.gui.live_validation import LiveValidation

LOCATED_ROLE = Qt.ItemDataRole.UserRole + 1  # Located for findings
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # domain id ("" = 目录信息) for groups and findings
COLUMNS = ("问题", "位置", "规则")
_Index = QModelIndex | QPersistentModelIndex
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def rule_title(rule_id: str) -> str:
    """The rule's Chinese name (“未填写单位”), or the id for an unknown rule."""
    rule = RULES.get(rule_id)
    return rule.title if rule is not None else rule_id


@dataclass
class Group:
    domain_id: str
    title: str
    findings: list[Located] = field(default_factory=list)

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for located in self.findings:
            counts[located.issue.severity] += 1
        return counts


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
        groups = [catalog_group] if catalog_group.findings else []
        for domain in session.domains:
            found = [
                loc for loc in store.domain_located(domain) if loc.issue.severity in self.shown
            ]
            group = by_domain.get(domain.id)
            if group is not None:
                group.findings.extend(found)
            elif found:
                group = Group(domain.id, domain.name, found)
            if group is not None:
                group.title = domain.name
                groups.append(group)
        return groups

    def first_finding(self) -> QModelIndex:
        return self.index(0, 0, self.index(0, 0)) if self.groups else QModelIndex()

    # ----------------------------------------------------------------- Qt API
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self.groups):
            return QModelIndex()
        group = self.groups[parent.row()]
        return (
            self.createIndex(row, column, parent.row() + 1)
            if row < len(group.findings)
            else QModelIndex()
        )

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self.groups):
            return len(self.groups[parent.row()].findings)
        return 0

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

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

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
