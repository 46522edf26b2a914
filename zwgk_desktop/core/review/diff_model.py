"""The result of a comparison: field, item and domain changes, and their JSON form.

See ``diff`` for how they are computed and for the JSON shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zwgk_desktop.core.fields import CHOICE_FIELDS
from zwgk_desktop.core.review.model import field_label

FORMAT_NAME = "zwgk-diff"
FORMAT_VERSION = 1
CATALOG = "catalog"
TEMPLATE = "template"
PARENT = "parent"

_ITEM_LABELS = {
    CATALOG: {"added": "新增事项", "removed": "删除事项", "changed": "修改事项"},
    TEMPLATE: {"added": "本地新增事项", "removed": "缺少标准事项", "changed": "要素与标准不同"},
    PARENT: {"added": "本级新增事项", "removed": "未采用上级事项", "changed": "与上级目录不同"},
}
_DOMAIN_LABELS = {
    CATALOG: {
        "added": "新增领域",
        "removed": "删除领域",
        "changed": "有变化",
        "unchanged": "无变化",
        "not_involved": "未涉及",
    },
    TEMPLATE: {
        "added": "非标准领域（本地新增）",
        "removed": "缺少该领域",
        "changed": "与标准不同",
        "unchanged": "与标准一致",
        "not_involved": "未涉及",
    },
    PARENT: {
        "added": "上级目录没有的领域",
        "removed": "缺少上级目录的领域",
        "changed": "与上级目录不同",
        "unchanged": "与上级目录一致",
        "not_involved": "未涉及",
    },
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return {"not_involved": "是否涉及"}.get(self.field) or field_label(self.field)

    @property
    def is_choice(self) -> bool:
        return self.field in CHOICE_FIELDS

    @property
    def added(self) -> list[str]:
        return [v for v in self.new if v not in self.old] if self.is_choice else []

    @property
    def removed(self) -> list[str]:
        return [v for v in self.old if v not in self.new] if self.is_choice else []

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "field": self.field,
            "label": self.label,
            "old": self.old,
            "new": self.new,
        }
        if self.is_choice:
            data["added"] = self.added
            data["removed"] = self.removed
        return data


@dataclass(frozen=True)
class ItemChange:
    change: str  # added | removed | changed
    old_index: int | None  # 1-based
    new_index: int | None  # 1-based
    level1: str
    level2: str
    how: str = ""
    fields: tuple[FieldChange, ...] = ()

    @property
    def title(self) -> str:
        return "/".join(n for n in (self.level1, self.level2) if n) or "（未命名事项）"

    def to_json(self, mode: str) -> dict[str, Any]:
        return {
            "change": self.change,
            "change_label": _ITEM_LABELS[mode][self.change],
            "old_item": self.old_index,
            "new_item": self.new_index,
            "level1": self.level1,
            "level2": self.level2,
            "matched_by": self.how,
            "fields": [f.to_json() for f in self.fields],
        }


@dataclass
class DomainDiff:
    domain_id: str
    name: str
    status: str
    items: list[ItemChange] = field(default_factory=list)
    attributes: list[FieldChange] = field(default_factory=list)
    unchanged: int = 0

    def count(self, change: str) -> int:
        return sum(1 for i in self.items if i.change == change)

    def to_json(self, mode: str) -> dict[str, Any]:
        return {
            "id": self.domain_id,
            "name": self.name,
            "status": self.status,
            "status_label": _DOMAIN_LABELS[mode][self.status],
            "attributes": [a.to_json() for a in self.attributes],
            "unchanged": self.unchanged,
            "items": [i.to_json(mode) for i in self.items],
        }


@dataclass(frozen=True)
class Side:
    label: str
    unit: str
    items: int


@dataclass
class CatalogDiff:
    mode: str
    left: Side
    right: Side
    meta: list[FieldChange] = field(default_factory=list)
    domains: list[DomainDiff] = field(default_factory=list)

    def item_label(self, change: str) -> str:
        return _ITEM_LABELS[self.mode][change]

    def domain_label(self, status: str) -> str:
        return _DOMAIN_LABELS[self.mode][status]

    def summary(self) -> dict[str, int]:
        return {
            "items_added": sum(d.count("added") for d in self.domains),
            "items_removed": sum(d.count("removed") for d in self.domains),
            "items_changed": sum(d.count("changed") for d in self.domains),
            "items_unchanged": sum(d.unchanged for d in self.domains),
            "domains_added": sum(1 for d in self.domains if d.status == "added"),
            "domains_removed": sum(1 for d in self.domains if d.status == "removed"),
            "domains_changed": sum(1 for d in self.domains if d.status == "changed"),
            "meta_changed": len(self.meta),
        }

    @property
    def is_empty(self) -> bool:
        s = self.summary()
        return not any(v for k, v in s.items() if k != "items_unchanged")

    def changed_domains(self) -> list[DomainDiff]:
        return [d for d in self.domains if d.status not in ("unchanged", "not_involved")]

    def domain(self, domain_id: str) -> DomainDiff | None:
        return next((d for d in self.domains if d.domain_id == domain_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "mode": self.mode,
            "left": vars(self.left),
            "right": vars(self.right),
            "summary": self.summary(),
            "meta": [m.to_json() for m in self.meta],
            "domains": [d.to_json(self.mode) for d in self.domains],
        }
