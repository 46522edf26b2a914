"""The column plan of a standard-layout domain sheet, derived from FIELDS.

序号 | 公开事项[一级事项|二级事项] | 公开内容(要素) | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
公开对象[全社会|特定群体] | 公开方式[主动|依申请] | 公开层级[县级|乡级 …] | extra columns …
"""

from __future__ import annotations

from dataclasses import dataclass

from zwgk_desktop.core.fields import FIELD_BY_KEY, FIELDS
from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.vocab import AUDIENCE, LEVEL, METHOD

SEQ_WIDTH = 5.0
ITEM_GROUP = "公开事项"
_GROUPED_TEXT = ("level1", "level2")
_CENTERED = frozenset({"level1", "subject"})


@dataclass(frozen=True)
class PlanColumn:
    kind: str  # "seq" | "text" | "channels" | "mark" | "extra"
    key: str  # field key, or the extra key
    label: str  # header label (sub-label inside a group)
    width: float
    group: str = ""  # two-row header group label ("" = spans both header rows)
    term: str = ""  # for marks: the vocabulary term

    @property
    def align(self) -> str:
        return "center" if self.kind in ("seq", "mark") or self.key in _CENTERED else "left"


def sheet_levels(domain: Domain, catalog_levels: list[str]) -> list[str]:
    """The catalog's level columns plus any level an item uses that they lack."""
    levels = list(catalog_levels)
    for item in domain.items:
        for level in item.level:
            if level not in levels:
                levels.append(level)
    known = [lv for lv in levels if lv in LEVEL.terms]
    if known == sorted(known, key=LEVEL.terms.index):
        return levels
    return LEVEL.sort(levels)


def extra_keys(domain: Domain) -> list[str]:
    keys: list[str] = []
    for item in domain.items:
        for key in item.extra:
            if key not in keys:
                keys.append(key)
    return keys


def plan(domain: Domain, catalog_levels: list[str]) -> list[PlanColumn]:
    columns = [PlanColumn("seq", "", "序号", SEQ_WIDTH)]
    for spec in FIELDS:
        if spec.key in _GROUPED_TEXT:
            columns.append(PlanColumn("text", spec.key, spec.label, spec.excel_width, ITEM_GROUP))
        elif spec.key == "channels":
            columns.append(PlanColumn("channels", spec.key, spec.label, spec.excel_width))
        elif spec.key == "audience":
            note_width = FIELD_BY_KEY["audience_note"].excel_width
            for term in AUDIENCE.terms:
                width = (
                    max(spec.excel_width, note_width) if term == "特定群体" else spec.excel_width
                )
                columns.append(PlanColumn("mark", spec.key, term, width, spec.label, term))
        elif spec.key == "audience_note":
            continue  # shown in the 特定群体 cell as "√(申请人)"
        elif spec.key == "method":
            for term in METHOD.terms:
                columns.append(
                    PlanColumn("mark", spec.key, term, spec.excel_width, spec.label, term)
                )
        elif spec.key == "level":
            for term in sheet_levels(domain, catalog_levels):
                columns.append(
                    PlanColumn("mark", spec.key, term, spec.excel_width, spec.label, term)
                )
        else:
            columns.append(PlanColumn("text", spec.key, spec.label, spec.excel_width))
    for key in extra_keys(domain):
        columns.append(PlanColumn("extra", key, key, 14.0))
    return columns
