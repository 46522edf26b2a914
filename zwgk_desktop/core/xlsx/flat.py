"""The flat (upload) layout: one sheet "目录", one row per item, no merged cells.

Columns: 领域, then one per FIELDS entry (labels from FIELDS), then the union of the items'
extra keys. Choice lists are joined with "、". This is the shape portals and pivot
tables want; it carries items only (no cover, no 未涉及 notes).
"""

from __future__ import annotations

from typing import Any

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.xlsx.result import CancelCheck, Progress, check_cancel
from zwgk_desktop.core.xlsx.sanitize import prepare

SHEET_NAME = "目录"
DOMAIN_LABEL = "领域"
JOIN = "、"


def flat_extra_keys(catalog: Catalog) -> list[str]:
    keys: list[str] = []
    for domain in catalog.domains:
        for item in domain.items:
            for key in item.extra:
                if key not in keys:
                    keys.append(key)
    return keys


def write_flat(
    workbook: Any,
    catalog: Catalog,
    warnings: list[str],
    progress: Progress | None,
    cancel: CancelCheck | None,
) -> None:
    ws = workbook.add_worksheet(SHEET_NAME)
    header = workbook.add_format(
        {"bold": True, "font_name": "黑体", "font_charset": 134, "border": 1}
    )
    body = workbook.add_format({"font_name": "仿宋", "font_charset": 134})
    quoted = workbook.add_format({"font_name": "仿宋", "font_charset": 134, "quote_prefix": True})
    extras = flat_extra_keys(catalog)
    labels = [DOMAIN_LABEL, *(spec.label for spec in FIELDS), *extras]
    widths = [12.0, *(spec.excel_width for spec in FIELDS), *([14.0] * len(extras))]
    header_q = workbook.add_format(
        {"bold": True, "font_name": "黑体", "font_charset": 134, "border": 1, "quote_prefix": True}
    )
    for c, (label, width) in enumerate(zip(labels, widths, strict=True)):
        title = prepare(label)  # extra-column titles are user text
        ws.write_string(0, c, title.value, header_q if title.quote_prefix else header)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    total = catalog.item_count()
    r = 0
    for domain in catalog.domains:
        for n, item in enumerate(domain.items, start=1):
            r += 1
            if r % 512 == 0:
                check_cancel(cancel)
                if progress is not None:
                    progress(r - 1, total)
            values = [domain.name]
            for spec in FIELDS:
                value = item.get(spec.key)
                values.append(JOIN.join(value) if spec.is_choice else value)
            values.extend(item.extra.get(key, "") for key in extras)
            for c, value in enumerate(values):
                if not value:
                    continue
                cell = prepare(value)
                where = f"“{domain.name}”第{n}项“{item.title()}”的“{labels[c]}”"
                if cell.cleaned:
                    warnings.append(f"{where}含无法保存的字符，已删除")
                if cell.cut:
                    warnings.append(f"{where}超过 Excel 单元格上限 32,767 个字符，已截断")
                ws.write_string(r, c, cell.value, quoted if cell.quote_prefix else body)
    if r:
        ws.autofilter(0, 0, r, len(labels) - 1)
