"""The domain navigator's model: one row per domain with its item count and status.

Status, in order of precedence: 已通过 (the county review passed the domain; findings are
still named after it), N 错误 N 警告 (validation findings), 未涉及, 校验中 (not yet checked
after opening), 未开始 (still exactly the template), 编制中.

Every cell edit tells the model its domain may have changed; a row is announced
(``dataChanged``) only when what it shows — name, count, status — differs from what it
showed, so typing in a cell repaints no navigator row unless its counts move.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.validation import Severity
from zwgk_desktop.gui.session import Session
from zwgk_desktop.gui.template_ops import is_untouched, template_for

DOMAIN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # Status
STATUS_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4
_Index = QModelIndex | QPersistentModelIndex


class Status(Enum):
    ERRORS = "errors"
    WARNINGS = "warnings"
    NOT_INVOLVED = "not_involved"
    CHECKING = "checking"
    UNTOUCHED = "untouched"
    IN_PROGRESS = "in_progress"
    PASSED = "passed"


STATUS_COLORS = {
    Status.ERRORS: QColor("#c62828"),
    Status.WARNINGS: QColor("#b26a00"),
    Status.NOT_INVOLVED: QColor("#8a8a8a"),
    Status.CHECKING: QColor("#8a8a8a"),
    Status.UNTOUCHED: QColor("#5472a8"),
    Status.IN_PROGRESS: QColor("#2e7d32"),
    Status.PASSED: QColor("#1b5e20"),
}


class DomainListModel(QAbstractListModel):
    def __init__(self, session: Session, issues: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.issues = issues  # LiveValidation or None
        self._untouched: dict[str, bool] = {}
        self._passed: frozenset[str] = frozenset()  # domains a review marked 通过
        self._shown: dict[str, tuple[Any, ...]] = {}  # per domain: what its row last showed
        session.domains_reset.connect(self._reset)
        session.domain_changed.connect(self._changed)
        session.cells_changed.connect(self._changed)
        session.rows_inserted.connect(self._changed)
        session.rows_removed.connect(self._changed)
        session.layout_changed.connect(self._changed)
        session.domain_loaded.connect(self._changed)
        if issues is not None:
            issues.issues_changed.connect(self._issues_changed)

    def domains(self) -> list[Domain]:
        return self.session.domains

    def row_of(self, domain_id: str) -> int:
        for n, domain in enumerate(self.domains()):
            if domain.id == domain_id:
                return n
        raise KeyError(domain_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.domains())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.domains()):
            return None
        domain = self.domains()[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return domain.name
        if role == DOMAIN_ID_ROLE:
            return domain.id
        if role == COUNT_ROLE:
            return self._count(domain)
        if role == STATUS_ROLE:
            return self._row_state(domain)[2]
        if role == STATUS_TEXT_ROLE:
            return self._row_state(domain)[3]
        if role == Qt.ItemDataRole.DecorationRole:
            return STATUS_COLORS[self.status(domain)[0]]
        if role == Qt.ItemDataRole.ToolTipRole:
            status, text = self.status(domain)
            extra = "（自定义领域）" if not domain.pilot else ""
            return f"{domain.name}{extra}：{len(domain.items)} 个事项，{text}"
        return None

    def _count(self, domain: Domain) -> int | None:
        return len(domain.items) if self.session.is_loaded(domain.id) else None

    def _row_state(self, domain: Domain) -> tuple[Any, ...]:
        """What the row shows now (name, count, status, its text), remembered as shown."""
        state = (domain.name, self._count(domain), *self.status(domain))
        self._shown[domain.id] = state
        return state

    def set_passed(self, domain_ids: set[str] | frozenset[str]) -> None:
        """The domains the review has passed (empty without a review)."""
        passed = frozenset(domain_ids)
        if passed != self._passed:
            self._passed = passed
            self._issues_changed("")

    def status(self, domain: Domain) -> tuple[Status, str]:
        if domain.id in self._passed:
            return Status.PASSED, "已通过" + self._findings(domain, " · ")
        if self.issues is not None and self.issues.is_checked(domain.id):
            counts = self.issues.store.domain_counts(domain)
            errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
            if errors or warnings:
                parts = [f"{errors} 错误"] if errors else []
                if warnings:
                    parts.append(f"{warnings} 警告")
                prefix = "未涉及 · " if domain.not_involved else ""
                return (Status.ERRORS if errors else Status.WARNINGS), prefix + " ".join(parts)
        if domain.not_involved:
            return Status.NOT_INVOLVED, "未涉及"
        if self.issues is not None and not self.issues.is_checked(domain.id):
            return Status.CHECKING, "校验中…"
        if self._is_untouched(domain):
            return Status.UNTOUCHED, "未开始"
        return Status.IN_PROGRESS, "编制中"

    def _findings(self, domain: Domain, prefix: str) -> str:
        if self.issues is None or not self.issues.is_checked(domain.id):
            return ""
        counts = self.issues.store.domain_counts(domain)
        errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
        parts = ([f"{errors} 错误"] if errors else []) + ([f"{warnings} 警告"] if warnings else [])
        return prefix + " ".join(parts) if parts else ""

    def _is_untouched(self, domain: Domain) -> bool:
        cached = self._untouched.get(domain.id)
        if cached is None:
            prefix = f"{domain.id}/"
            maybe = bool(domain.items) and all(
                item.template_ref.startswith(prefix) for item in domain.items
            )
            # Only a domain made of template items needs the (parsed-once) template.
            cached = maybe and is_untouched(domain, template_for(domain), self.session.unit)
            self._untouched[domain.id] = cached
        return cached

    # ----------------------------------------------------------------- updates
    def _reset(self) -> None:
        self.beginResetModel()
        self._untouched.clear()
        self._shown.clear()
        self.endResetModel()

    def _changed(self, domain_id: str, *_: Any) -> None:
        self._untouched.pop(domain_id, None)
        self._emit(domain_id)

    def _issues_changed(self, domain_id: str) -> None:
        if not domain_id:
            self._shown.clear()
            if self.rowCount():
                self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))
            return
        self._emit(domain_id)

    def _emit(self, domain_id: str) -> None:
        """Announce the domain's row if what it shows changed (a cell edit mostly does not)."""
        try:
            row = self.row_of(domain_id)
        except KeyError:
            return
        domain = self.domains()[row]
        shown = self._shown.get(domain_id)
        if shown is not None and self._row_state(domain) == shown:
            return
        index = self.index(row)
        self.dataChanged.emit(index, index)
