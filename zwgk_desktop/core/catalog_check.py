"""Is this file a catalog at all, and was it ever edited?

A reviewer's folder holds whatever townships sent: payroll workbooks, a sheet with only a
title, or the standard templates exported and sent back untouched. The first two are not
catalogs (an error: exit 2, 未找到目录表格); the last one is a catalog, but a warning says
it is the unmodified template, with the count of changed items (0).
"""

from __future__ import annotations

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog, Item
from zwgk_desktop.core.templates import find_template

NO_TABLE = "未找到目录表格"
UNTOUCHED = "未修改的模板"
LOOKED_FOR = "含“二级事项”“公开内容”“公开依据”等表头的目录表格"


class NotACatalogError(FileUnreadableError):
    """The file was read, but holds no catalog table."""


def not_a_catalog(name: str) -> NotACatalogError:
    return NotACatalogError(f"{NO_TABLE}：“{name}”中没有{LOOKED_FOR}")


def _fields(item: Item) -> tuple[object, ...]:
    return tuple(tuple(v) if isinstance(v := item.get(spec.key), list) else v for spec in FIELDS)


def changed_items(catalog: Catalog) -> int | None:
    """Items that differ from the standard templates (the unit filled in); None when there is
    nothing to compare (no involved pilot domain, or a domain the templates do not have)."""
    compared = 0
    changed = 0
    for domain in catalog.domains:
        if domain.not_involved and not domain.items:
            continue
        template = find_template(domain.id) if domain.pilot else None
        if template is None:
            return None
        standard = template.instantiate(catalog.meta.unit).items
        compared += 1
        changed += abs(len(standard) - len(domain.items))
        changed += sum(
            1 for a, b in zip(standard, domain.items, strict=False) if _fields(a) != _fields(b)
        )
    return changed if compared else None


def untouched_message(catalog: Catalog) -> str:
    """ "未修改的模板：…（已修改事项 0 个）" when the catalog equals the templates, else ""."""
    if changed_items(catalog) != 0:
        return ""
    return f"{UNTOUCHED}：各领域事项与标准模板完全相同，未按本单位实际修改（已修改事项 0 个）"
