"""The catalog as a whole (单位, 年度, its domains) and each domain's status.

A domain either has items or is marked 未涉及 with a 说明 of why the unit has no items
there; the county checks that every one of the 26 domains is accounted for.
"""

from __future__ import annotations

from zwgk_desktop.core.text import fold
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import (
    CatalogContext,
    DomainContext,
    catalog_check,
    declare,
    domain_check,
)
from zwgk_desktop.core.validation.textutil import is_blank, quote

META_UNIT = declare(
    "META-UNIT",
    Severity.ERROR,
    Scope.CATALOG,
    "meta",
    "未填写单位",
    "目录信息中的“单位”（编制目录的乡镇人民政府或街道办事处）为空。县级审核和门户发布都按单位归档，缺少单位无法识别是谁的目录。",
    "在目录信息中填写单位全称，如“示范镇人民政府”。",
)
META_YEAR = declare(
    "META-YEAR",
    Severity.ERROR,
    Scope.CATALOG,
    "meta",
    "未填写年度",
    "目录信息中的“年度/版本”为空。目录需要动态调整，按年度或版本区分才能知道哪一份是现行目录。",
    "在目录信息中填写年度或版本，如“2026年度”。",
)
NO_DOMAINS = declare(
    "CATALOG-NO-DOMAINS",
    Severity.WARNING,
    Scope.CATALOG,
    "meta",
    "目录中没有任何领域",
    "目录不含任何领域，可能是空文件或导入时没有识别出表格。",
    "从模板添加领域，或检查导入的文件是否是标准目录表格。",
)
DOMAIN_DUPLICATE = declare(
    "DOMAIN-DUPLICATE",
    Severity.ERROR,
    Scope.CATALOG,
    "domain",
    "领域重复",
    "同一个领域在目录中出现了两次（领域编号或名称相同），多为同一领域的表格被导入了两次。",
    "把两处的事项合并到一个领域中，删除另一个。",
)
DOMAIN_EMPTY = declare(
    "DOMAIN-EMPTY",
    Severity.WARNING,
    Scope.DOMAIN,
    "domain",
    "领域没有事项",
    "领域中没有任何事项，也没有标记为“未涉及”。",
    "从模板添加本单位承担的事项；本单位不涉及该领域时，标记为“未涉及”并写明说明。",
)
NOTE_MISSING = declare(
    "DOMAIN-NOTE-MISSING",
    Severity.ERROR,
    Scope.DOMAIN,
    "domain",
    "未涉及领域缺少说明",
    "领域标记为“未涉及”，但没有写明本单位为什么没有该领域的公开事项。县级审核需要据此确认不是遗漏。",
    "在未涉及说明中写明原因，如“本镇无城市综合执法职能，该领域事项由县综合行政执法局公开”。",
)
NOT_INVOLVED_ITEMS = declare(
    "DOMAIN-NOT-INVOLVED-ITEMS",
    Severity.INFO,
    Scope.DOMAIN,
    "domain",
    "未涉及领域仍有事项",
    "领域标记为“未涉及”，其中还保留着事项（编辑器允许保留，以便取消标记时恢复）。这些事项不再检查。",
    "确实不涉及时可删除这些事项；仍要公开这些事项时，取消“未涉及”标记。",
)


@catalog_check
def check_meta(ctx: CatalogContext) -> None:
    meta = ctx.catalog.meta
    if is_blank(meta.unit):
        ctx.report(META_UNIT, "unit", "目录信息中未填写单位")
    if is_blank(meta.year):
        ctx.report(META_YEAR, "year", "目录信息中未填写年度/版本")
    if not ctx.catalog.domains:
        ctx.report(NO_DOMAINS, None, "目录中没有任何领域")


@catalog_check
def check_domain_duplicates(ctx: CatalogContext) -> None:
    seen_ids: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for domain in ctx.catalog.domains:
        name = fold(domain.name)
        earlier = (domain.id and seen_ids.get(domain.id)) or (name and seen_names.get(name))
        if earlier:
            ctx.report(
                DOMAIN_DUPLICATE,
                "name",
                f"领域“{quote(domain.name, 16) or quote(domain.id, 16)}”在目录中重复出现（与“{quote(earlier, 16)}”相同）",
                domain=domain,
            )
            continue
        shown = domain.name or domain.id
        if domain.id:
            seen_ids[domain.id] = shown
        if name:
            seen_names[name] = shown


@domain_check
def check_domain_status(ctx: DomainContext) -> None:
    domain = ctx.domain
    name = quote(domain.name, 16) or quote(domain.id, 16)
    if domain.not_involved:
        if is_blank(domain.note):
            ctx.report(NOTE_MISSING, "note", f"领域“{name}”标记为未涉及，但没有写明未涉及说明")
        if domain.items:
            ctx.report(
                NOT_INVOLVED_ITEMS,
                None,
                f"领域“{name}”标记为未涉及，却仍有 {len(domain.items)} 个事项",
            )
    elif not domain.items:
        ctx.report(DOMAIN_EMPTY, None, f"领域“{name}”没有任何事项，也没有标记为未涉及")
