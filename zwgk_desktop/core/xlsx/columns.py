"""The column plan of a standard-layout domain sheet, derived from FIELDS.

序号 | 公开事项[一级事项|二级事项] | 公开内容(要素) | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 |
公开对象[全社会|特定群体] | 公开方式[主动|依申请] | 公开层级[县级|乡级 …] | extra columns …
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Domain
from zwgk_desktop.core.vocab import AUDIENCE, LEVEL, METHOD

SEQ_WIDTH = 4.0
ITEM_GROUP = "公开事项"
# Print widths (Excel character units, 9-point text) chosen so that a sheet with the usual
# columns prints on landscape A4 at 100 %: no fit-to-width shrinking below 9 points. The
# full ■/□ channel list gets the room it needs to wrap into a few lines; the compact list
# (ticked channels only) gives that room to 公开内容 and 公开依据.
PRINT_WIDTHS: dict[str, float] = {
    "level1": 6,
    "level2": 8,
    "content": 17,
    "basis": 15,
    "time_limit": 10,
    "subject": 7,
    "channels": 35,
}
COMPACT_WIDTHS: dict[str, float] = {
    **PRINT_WIDTHS,
    "level1": 7,
    "content": 25,
    "basis": 23,
    "time_limit": 12,
    "channels": 15,
}
MARK_WIDTH = 4.0
NOTE_MARK_WIDTH = 5.5  # 特定群体, which may hold “√(申请人)”
EXTRA_WIDTH = 12.0
MIN_SHRUNK_WIDTH = 6.0
# Landscape A4 (842 pt) less 0.25 in margins, in stored column units: Excel shows a unit as
# 7 px (5.25 pt), LibreOffice as the width of Carlito's "0" (about 5.6 pt), the wider of
# the two decides. A few points are kept to spare.
PAGE_UNITS = 142.0
_PADDING_UNITS = 5 / 7  # xlsxwriter stores width + 5 px of cell padding
_SHRINKABLE = frozenset({"content", "basis", "time_limit", "channels"})
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


def plan(domain: Domain, catalog_levels: list[str], compact: bool = False) -> list[PlanColumn]:
    """The sheet's columns with print widths, narrowed to fit the page where possible."""
    widths = COMPACT_WIDTHS if compact else PRINT_WIDTHS
    columns = [PlanColumn("seq", "", "序号", SEQ_WIDTH)]
    for spec in FIELDS:
        width = widths.get(spec.key, spec.excel_width)
        if spec.key in _GROUPED_TEXT:
            columns.append(PlanColumn("text", spec.key, spec.label, width, ITEM_GROUP))
        elif spec.key == "channels":
            columns.append(PlanColumn("channels", spec.key, spec.label, width))
        elif spec.key == "audience":
            for term in AUDIENCE.terms:
                mark = NOTE_MARK_WIDTH if term == "特定群体" else MARK_WIDTH
                columns.append(PlanColumn("mark", spec.key, term, mark, spec.label, term))
        elif spec.key == "audience_note":
            continue  # shown in the 特定群体 cell as "√(申请人)"
        elif spec.key == "method":
            for term in METHOD.terms:
                columns.append(PlanColumn("mark", spec.key, term, MARK_WIDTH, spec.label, term))
        elif spec.key == "level":
            for term in sheet_levels(domain, catalog_levels):
                columns.append(PlanColumn("mark", spec.key, term, MARK_WIDTH, spec.label, term))
        else:
            columns.append(PlanColumn("text", spec.key, spec.label, width))
    for key in extra_keys(domain):
        columns.append(PlanColumn("extra", key, key, EXTRA_WIDTH))
    return _fit(columns)


def total_units(columns: list[PlanColumn]) -> float:
    """The stored width of the whole table (each column's width plus its cell padding)."""
    return sum(c.width + _PADDING_UNITS for c in columns)


def fits_page(columns: list[PlanColumn]) -> bool:
    return total_units(columns) <= PAGE_UNITS


def _fit(columns: list[PlanColumn]) -> list[PlanColumn]:
    """Narrow the long-text columns (and extras) in proportion until the sheet fits the page
    width, none below :data:`MIN_SHRUNK_WIDTH`; a sheet still too wide (many extra or level
    columns) is fitted to the page width by the writer instead."""
    over = total_units(columns) - PAGE_UNITS
    if over <= 0:
        return columns
    flexible = [c for c in columns if c.key in _SHRINKABLE or c.kind == "extra"]
    room = sum(c.width - MIN_SHRUNK_WIDTH for c in flexible)
    if room <= 0:
        return columns
    factor = min(1.0, (over + 0.5) / room)
    narrowed = {id(c) for c in flexible}
    return [
        replace(c, width=round(c.width - (c.width - MIN_SHRUNK_WIDTH) * factor, 1))
        if id(c) in narrowed
        else c
        for c in columns
    ]
