"""Value types of a review: where a comment points, its status, a round, a status record.

Codes (``"open"``, ``"approved"`` …) are what the review file and ``--json`` store; the
Chinese labels are what people read. ``parse`` accepts either, so a clerk may type
``--status 通过`` and a script ``--status approved``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.fields import FIELD_BY_KEY

META_LABELS = {
    "unit": "单位",
    "region": "行政区划",
    "year": "年度",
    "contact": "联系人",
    "date": "编制日期",
    "note": "未涉及说明",
    "name": "领域名称",
}


def field_key(name: str) -> str:
    """The key of the field ``name`` says: a key (time_limit), a column label (公开时限),
    a header the importer knows (时限) or a 目录信息 label (单位). A reviewer types the
    label they see; ZwgkError naming the labels if ``name`` is none of them."""
    from zwgk_desktop.core.fields import FIELDS, label_index
    from zwgk_desktop.core.text import fold

    if not name or name in FIELD_BY_KEY or name in META_LABELS:
        return name
    wanted = fold(name)
    found = label_index().get(wanted)
    if found is not None:
        return found
    for key, label in META_LABELS.items():
        if wanted == fold(label):
            return key
    labels = "、".join(spec.label for spec in FIELDS)
    raise ZwgkError(f"未知的字段“{name}”：可用 {labels}（或其字段键，如 time_limit）")


class _Labelled(Enum):
    """An enum whose value is a code and which carries a Chinese label."""

    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:  # pragma: no cover - overridden
        raise NotImplementedError

    @classmethod
    def parse(cls, text: str) -> Any:
        wanted = text.strip()
        for member in cls:
            if wanted in (member.value, member.label):
                return member
        choices = "、".join(m.label for m in cls)
        raise ZwgkError(f"无效的状态“{wanted}”，可选：{choices}")


class CommentStatus(_Labelled):
    """待处理 → (township) 已修改 → (reviewer) 已解决; the reviewer may reopen."""

    OPEN = "open"
    MODIFIED = "modified"
    RESOLVED = "resolved"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"open": "待处理", "modified": "已修改", "resolved": "已解决"}


class ReviewStatus(_Labelled):
    """Status of the catalog and of each domain."""

    PENDING = "pending"
    APPROVED = "approved"
    RETURNED = "returned"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"pending": "待审核", "approved": "通过", "returned": "退回修改"}


class Scope(_Labelled):
    """What a comment is about."""

    CATALOG = "catalog"
    DOMAIN = "domain"
    ITEM = "item"
    FIELD = "field"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"catalog": "整个目录", "domain": "领域", "item": "事项", "field": "要素"}


def field_label(key: str) -> str:
    """Chinese label of an item field or meta key ("" for none)."""
    if not key:
        return ""
    spec = FIELD_BY_KEY.get(key)
    return spec.label if spec else META_LABELS.get(key, key)


@dataclass(frozen=True)
class Anchor:
    """Where a comment points, recorded so that it can be found again in a later round.

    An item is recognised by its ``template_ref`` or by its folded 一级/二级 names, not
    only by its position (``item_index``, 1-based, is a last resort and for display).
    """

    scope: Scope
    domain_id: str = ""
    domain_name: str = ""
    item_index: int | None = None
    template_ref: str = ""
    level1: str = ""
    level2: str = ""
    field: str = ""

    def moved_to(self, item_index: int, template_ref: str, level1: str, level2: str) -> Anchor:
        return replace(
            self, item_index=item_index, template_ref=template_ref, level1=level1, level2=level2
        )

    @property
    def item_label(self) -> str:
        """ "一级/二级" as recorded, or "第N项"."""
        if self.scope in (Scope.CATALOG, Scope.DOMAIN):
            return ""
        names = "/".join(n for n in (self.level1, self.level2) if n)
        return names or (f"第{self.item_index}项" if self.item_index else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope.value,
            "domain_id": self.domain_id,
            "domain": self.domain_name,
            "item": self.item_index,
            "template_ref": self.template_ref,
            "level1": self.level1,
            "level2": self.level2,
            "field": self.field,
        }


@dataclass(frozen=True)
class Comment:
    """One review comment (审核意见). ``problem`` says what is wrong, ``text`` what to do."""

    id: int
    anchor: Anchor
    text: str
    problem: str
    author: str
    created: str
    round: int
    status: CommentStatus
    status_by: str
    status_at: str
    reply: str = ""  # the township's answer when it marks the comment 已修改
    rule: str = ""  # validation rule id for comments made from validation results
    source: str = "manual"  # manual | validation

    @property
    def is_open(self) -> bool:
        return self.status is not CommentStatus.RESOLVED

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target": self.anchor.to_json(),
            "field_label": field_label(self.anchor.field),
            "problem": self.problem,
            "opinion": self.text,
            "status": self.status.value,
            "status_label": self.status.label,
            "status_by": self.status_by,
            "status_at": self.status_at,
            "reply": self.reply,
            "author": self.author,
            "created": self.created,
            "round": self.round,
            "rule": self.rule,
            "source": self.source,
        }


@dataclass(frozen=True)
class NewComment:
    """A comment about to be added (no id, author or dates yet)."""

    anchor: Anchor
    text: str
    problem: str = ""
    rule: str = ""
    source: str = "manual"


@dataclass(frozen=True)
class Round:
    """One submitted version of the catalog (第N轮), identified by the file's sha256."""

    number: int
    file_name: str
    sha256: str
    unit: str
    item_count: int
    received: str


@dataclass(frozen=True)
class StatusRecord:
    """The current status of the catalog (``target == ""``) or of one domain."""

    target: str
    status: ReviewStatus
    by: str = ""
    at: str = ""
    note: str = ""
    round: int = 0


def now() -> str:
    """ISO local time to the millisecond: two copies of a review file are merged by comparing
    these, and a reply often follows a return within the same second."""
    return dt.datetime.now().isoformat(timespec="milliseconds")


def date_of(timestamp: str) -> str:
    """The date part of an ISO timestamp, for tables and letters."""
    return timestamp[:10]
