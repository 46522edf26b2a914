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


def new_catalog(meta: CatalogMeta, domain_keys: Sequence[str] | None = None) -> Catalog:
    """Chosen domains start from their templates; the others are marked 未涉及 (说明 to fill)."""
    chosen = resolve_domain_keys(domain_keys)
    if not meta.date:
        meta.date = dt.date.today().isoformat()
    catalog = Catalog(meta=meta)
    used_levels: list[str] = []
    for template in all_templates():
        if template.id in chosen:
            domain = template.instantiate(meta.unit)
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
