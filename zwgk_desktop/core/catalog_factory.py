"""Make a new catalog from the bundled templates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain
from zwgk_desktop.core.templates import all_templates, find_template


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
    for template in all_templates():
        if template.id in chosen:
            catalog.domains.append(template.instantiate(meta.unit))
        else:
            catalog.domains.append(
                Domain(id=template.id, name=template.name, not_involved=True, aliases=list(template.aliases))
            )
    return catalog
