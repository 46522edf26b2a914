"""The catalog's titles, one spelling for the workbook, the app's PDF and the HTML page.

“示范镇社会救助领域基层政务公开标准目录”: the unit without “人民政府”/“办事处”, the domain
name with “领域” once.
"""

from __future__ import annotations

from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Catalog, Domain

CATALOG_SUFFIX = "基层政务公开标准目录"


def short_unit(unit: str) -> str:
    """ "示范镇人民政府" → "示范镇" for titles; "" for the placeholder."""
    if not unit or unit == UNIT_PLACEHOLDER:
        return ""
    for suffix in ("人民政府", "办事处"):
        if unit.endswith(suffix) and len(unit) > len(suffix):
            return unit[: -len(suffix)]
    return unit


def domain_title(catalog: Catalog, domain: Domain) -> str:
    """“示范镇社会救助领域基层政务公开标准目录”."""
    name = domain.name or "未命名"
    suffix = "" if name.endswith("领域") else "领域"
    return f"{short_unit(catalog.meta.unit)}{name}{suffix}{CATALOG_SUFFIX}"


def catalog_title(catalog: Catalog) -> str:
    """“示范镇基层政务公开标准目录”."""
    return f"{short_unit(catalog.meta.unit)}{CATALOG_SUFFIX}"
