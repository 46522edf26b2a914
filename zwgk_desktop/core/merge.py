"""Combine catalogs read from several workbooks into one (``zwgk import A.xlsx B.xlsx``)."""

from __future__ import annotations

from collections.abc import Sequence

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain


def merge_catalogs(catalogs: Sequence[Catalog]) -> tuple[Catalog, list[str]]:
    """Domains with the same id are concatenated; the first non-empty meta value wins.

    Returns the merged catalog and Chinese notes on what was combined.
    """
    if len(catalogs) == 1 and len({d.id for d in catalogs[0].domains}) == len(catalogs[0].domains):
        return catalogs[0], []  # nothing to combine: the catalog as read, its meta whole
    notes: list[str] = []
    meta = CatalogMeta(levels=[])
    merged: dict[str, Domain] = {}
    for catalog in catalogs:
        for key in ("unit", "region", "year", "contact", "date"):
            if not getattr(meta, key) and getattr(catalog.meta, key):
                setattr(meta, key, getattr(catalog.meta, key))
        for level in catalog.meta.levels:
            if level not in meta.levels:
                meta.levels.append(level)
        for domain in catalog.domains:
            existing = merged.get(domain.id)
            if existing is None:
                merged[domain.id] = domain.copy()
                continue
            notes.append(
                f"领域“{domain.name}”出现在多个文件中，已合并（{len(existing.items)}+{len(domain.items)} 项）"
            )
            existing.items.extend(item.copy() for item in domain.items)
            if domain.items:
                existing.not_involved = False
            existing.note = existing.note or domain.note
    return Catalog(meta=meta, domains=list(merged.values())), notes
