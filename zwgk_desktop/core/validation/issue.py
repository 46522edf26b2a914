"""What a rule reports: an :class:`Issue` located to domain / item / field, with a severity."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.validation.textutil import field_label


class Severity(Enum):
    """错误 blocks submission, 警告 should be looked at, 提示 is advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        """0 for the most severe; for sorting and for "worst severity" of a cell."""
        return _RANKS[self]


_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Scope(Enum):
    """Where a rule looks: one item, one domain as a whole, or the catalog."""

    ITEM = "item"
    DOMAIN = "domain"
    CATALOG = "catalog"

    @property
    def label(self) -> str:
        return {"item": "事项", "domain": "领域", "catalog": "目录"}[self.value]


@dataclass(frozen=True)
class Issue:
    """One finding. ``item`` is 1-based within the domain; ``field`` a FIELDS key.

    Domain-level issues have ``item=None`` (``field`` is ``"note"`` for the 未涉及说明);
    catalog-level issues also have ``domain=None`` (``field`` is a meta key such as
    ``"unit"``).
    """

    rule: str
    severity: Severity
    domain_id: str | None
    domain: str | None
    item: int | None
    field: str | None
    message: str
    hint: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "domain": self.domain,
            "item": self.item,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
            "domain_id": self.domain_id,
        }

    @property
    def field_label(self) -> str:
        """The Chinese label of ``field`` ("公开时限"), or "" for none."""
        return field_label(self.field)

    def sort_key(self) -> tuple[int, int, int]:
        """Item-less issues first, then by item, then by field in FIELDS order."""
        item = -1 if self.item is None else self.item
        return (item, _FIELD_ORDER.get(self.field or "", -1), self.severity.rank)


_FIELD_ORDER = {spec.key: n for n, spec in enumerate(FIELDS)}
