"""Make a new catalog from the bundled templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain
from zwgk_desktop.core.templates import all_templates, find_template
from zwgk_desktop.core.vocab import LEVEL


def resolve_domain_keys(keys: Sequence[str] | None) -> set[str]:
    """Template ids for ``keys`` (ids, names or aliases; ``None``/``all`` = every domain)."""
    templates = all_templates()
    if keys is None or [k.strip().lower() for k in keys] == ["all"]:
        return {t.id for t in templates}
    chosen: set[str] = set()
    unknown: list[str] = []
    for key in keys:
        key = key.strip()
        if not key:
            continue
        template = find_template(key)
        if template is None:
            unknown.append(key)
        else:
            chosen.add(template.id)
    if unknown:
        raise ZwgkError(f"未知领域：{'、'.join(unknown)}（可用 zwgk domains 查看领域列表）")
    return chosen


TEMPLATE_EMPTY_NOTE = "本领域标准目录中没有需{level}公开的事项。"


def default_own_level(unit: str) -> str | None:
    """The level whose items a unit's catalog keeps when started from the templates: 乡级
    for a township (county-only items name the county's bodies, not the township), None —
    every item — otherwise."""
    from zwgk_desktop.core.handdown import TOWNSHIP_LEVEL, is_township

    return TOWNSHIP_LEVEL if is_township(unit) else None


def new_catalog(
    meta: CatalogMeta,
    domain_keys: Sequence[str] | None = None,
    level: str | None = None,
) -> Catalog:
    """Chosen domains start from their templates; the others are marked 未涉及 (说明 to fill).

    With ``level`` (县级/乡级/村级) only the items whose 公开层级 includes it are kept; a
    chosen domain left without items is marked 未涉及 with a note saying why."""
    from zwgk_desktop.core.handdown import has_level  # loads validation: only when used

    chosen = resolve_domain_keys(domain_keys)
    if level is not None:
        canonical = LEVEL.canonical(level)
        if canonical not in LEVEL.terms:
            raise ZwgkError(f"公开层级应为{'、'.join(LEVEL.terms)}之一，不是“{level}”")
        level = canonical
    if not meta.date:
        meta.date = dt.date.today().isoformat()
    catalog = Catalog(meta=meta)
    used_levels: list[str] = []
    for template in all_templates():
        if template.id in chosen:
            domain = template.instantiate(meta.unit)
            if level is not None:
                domain.items = [i for i in domain.items if has_level(i, level)]
                if not domain.items:
                    domain.not_involved = True
                    domain.note = TEMPLATE_EMPTY_NOTE.format(level=level)
            catalog.domains.append(domain)
            used_levels += [lvl for item in domain.items for lvl in item.level]
        else:
            catalog.domains.append(
                Domain(
                    id=template.id,
                    name=template.name,
                    not_involved=True,
                    aliases=list(template.aliases),
                )
            )
    # Templates that reach villages (村级) add that level to the catalog's level columns.
    extra_levels = [lvl for lvl in LEVEL.normalize(used_levels) if lvl not in meta.levels]
    if extra_levels:
        meta.levels = LEVEL.sort([*meta.levels, *extra_levels])
    return catalog
