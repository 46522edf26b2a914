"""The cover sheet (封面/目录说明): unit details and a table of domains — written and read.

Reading also serves hand-made workbooks: "填报单位：…" / "填报时间：…" lines and a 领域 /
事项数 / 未涉及说明 table found on any sheet without an item header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.titles import catalog_title
from zwgk_desktop.core.xlsx.digest import SheetDigest
from zwgk_desktop.core.xlsx.grid import Grid
from zwgk_desktop.core.xlsx.sanitize import prepare
from zwgk_desktop.core.xlsx.styles import Formats

COVER_TITLE = "封面"
COVER_NAMES = ("封面", "目录说明", "封面及目录说明", "说明", "目录", "封面说明")
NOT_INVOLVED = "未涉及"

META_LABELS = {
    "单位名称": "unit",
    "填报单位": "unit",
    "编制单位": "unit",
    "行政区划": "region",
    "所属地区": "region",
    "地区": "region",
    "年度/版本": "year",
    "年度": "year",
    "版本": "year",
    "联系人": "contact",
    "联系方式": "contact",
    "联系电话": "phone",
    "编制日期": "date",
    "填报时间": "date",
    "填报日期": "date",
}
_META_KEYS = {fold(k): v for k, v in META_LABELS.items()}
_INLINE_RE = re.compile(
    r"("
    + "|".join(sorted(map(re.escape, META_LABELS), key=len, reverse=True))
    + r")\s*[:：]\s*(.*?)(?=\s{2,}|\s*(?:"
    + "|".join(sorted(map(re.escape, META_LABELS), key=len, reverse=True))
    + r")\s*[:：]|$)"
)
_TABLE_DOMAIN = ("领域", "领域名称", "试点领域")
_TABLE_COUNT = ("事项数", "事项数量", "条数")
_TABLE_NOTE = ("未涉及说明", "说明", "备注")


# ---------------------------------------------------------------- writing


def write_cover(
    workbook: Any,
    fmt: Formats,
    catalog: Catalog,
    sheet_names: dict[int, str],
    export_date: str | None = None,
    sheet_name: str = COVER_TITLE,
) -> str:
    """Write the cover sheet; returns the digest of its cells.

    ``export_date`` (default today) is shown when the catalog has no 编制日期; the reader
    passes the date it saw to check the hidden metadata against the visible cover."""
    ws = workbook.add_worksheet(sheet_name)
    digest = SheetDigest()

    def put(r: int, c: int, value: str | int, kind: str) -> None:
        if isinstance(value, int):
            ws.write_number(r, c, value, fmt.get(kind))
        else:
            cell = prepare(value)
            ws.write_string(r, c, cell.value, fmt.get(kind, cell.quote_prefix))
            value = cell.value
        digest.add(r, c, value)

    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 3, 60)
    title = catalog_title(catalog)
    ws.merge_range(0, 0, 0, 3, "", fmt.title)
    put(0, 0, title, "title")
    ws.set_row(0, 36)
    meta = catalog.meta
    date_label, date_value = (
        ("编制日期", meta.date)
        if meta.date
        else ("导出日期", export_date or dt.date.today().isoformat())
    )
    pairs = [
        ("单位名称", meta.unit),
        ("行政区划", meta.region),
        ("年度/版本", meta.year),
        ("联系人", meta.contact),
        (date_label, date_value),
    ]
    row = 2
    for label, value in pairs:
        put(row, 0, label, "label")
        ws.merge_range(row, 1, row, 3, "", fmt.text())
        if value:
            put(row, 1, value, "left")
        row += 1
    row += 1
    for c, label in enumerate(("序号", "领域", "事项数", "未涉及说明")):
        put(row, c, label, "header")
    ws.set_row(row, 22)
    row += 1
    for n, domain in enumerate(catalog.domains, start=1):
        note = domain.note if domain.note else (NOT_INVOLVED if domain.not_involved else "")
        put(row, 0, n, "number")
        put(row, 1, domain.name or sheet_names.get(n - 1, ""), "left")
        put(row, 2, len(domain.items), "number")
        ws.write_blank(row, 3, None, fmt.text())
        if note:
            put(row, 3, note, "left")
        row += 1
    put(row, 0, "合计", "header")
    ws.write_blank(row, 1, None, fmt.header)
    put(row, 2, catalog.item_count(), "number")
    ws.write_blank(row, 3, None, fmt.header)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页 共 &N 页")
    return digest.hexdigest()


# ---------------------------------------------------------------- reading


@dataclass
class CoverInfo:
    meta: dict[str, str] = field(default_factory=dict)
    domains: list[tuple[str, int | None, str, int]] = field(
        default_factory=list
    )  # name, count, note, row

    def __bool__(self) -> bool:
        return bool(self.meta or self.domains)


def meta_from_text(text: str, into: dict[str, str]) -> bool:
    """Read "填报单位：XX  填报时间：YY" pairs from one cell; True if any was found."""
    found = False
    for match in _INLINE_RE.finditer(text.strip()):
        key = META_LABELS[match.group(1)]
        value = match.group(2).strip()
        if value:
            _set_meta(into, key, value)
            found = True
    return found


def _set_meta(into: dict[str, str], key: str, value: str) -> None:
    if key == "phone":
        into["contact"] = f"{into['contact']} {value}".strip() if into.get("contact") else value
    elif key not in into:
        into[key] = value


def read_cover(grid: Grid) -> CoverInfo:
    """Unit details and the domain table of a cover-like sheet (empty if none)."""
    info = CoverInfo()
    table: tuple[int, int, int | None, int | None] | None = (
        None  # header row, domain/count/note cols
    )
    for r, row in enumerate(grid.rows):
        if not row:
            continue
        if table is not None:
            if not _table_row(grid, r, table, info):
                table = None
            continue
        labels = [fold(v) if v else "" for v in row]
        if any(label in _TABLE_DOMAIN for label in labels) and any(
            label in _TABLE_COUNT or label in _TABLE_NOTE for label in labels
        ):
            table = (
                r,
                next(c for c, label in enumerate(labels) if label in _TABLE_DOMAIN),
                next((c for c, label in enumerate(labels) if label in _TABLE_COUNT), None),
                next((c for c, label in enumerate(labels) if label in _TABLE_NOTE), None),
            )
            continue
        for c, value in enumerate(row):
            if not value:
                continue
            key = _META_KEYS.get(fold(value).rstrip(":："))
            if key is not None:
                following = next((v for v in row[c + 1 :] if v), None)
                if following:
                    _set_meta(info.meta, key, following.strip())
                break
            if meta_from_text(value, info.meta):
                break
    return info


def _table_row(
    grid: Grid, r: int, table: tuple[int, int, int | None, int | None], info: CoverInfo
) -> bool:
    _, name_col, count_col, note_col = table
    name = (grid.value(r, name_col) or "").strip()
    if not name or fold(name) in ("合计", "总计", "小计"):
        return bool(name)
    count: int | None = None
    if count_col is not None:
        raw = (grid.value(r, count_col) or "").strip()
        count = int(raw) if raw.isdigit() else None
    note = (grid.value(r, note_col) or "").strip() if note_col is not None else ""
    info.domains.append((name, count, note, r))
    return True
