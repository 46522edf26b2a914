"""Catalogs for the validation tests, built from the real bundled templates."""

from __future__ import annotations

from zwgk_desktop.core.model import Catalog, CatalogMeta
from zwgk_desktop.core.templates import all_templates, find_template

UNIT = "示范镇人民政府"
CURRENT_BASIS = "《社会救助暂行办法》（国务院令第649号）"


def small_catalog() -> Catalog:
    """A clean catalog: 社会救助 with its first three template items, unit and year set."""
    template = find_template("social-assistance")
    assert template is not None
    domain = template.instantiate(UNIT)
    domain.items = domain.items[:3]
    return Catalog(meta=CatalogMeta(unit=UNIT, year="2026"), domains=[domain])


def template_catalog() -> Catalog:
    """Every bundled template instantiated for a unit, meta set, default levels."""
    catalog = Catalog(meta=CatalogMeta(unit=UNIT, year="2026"))
    for template in all_templates():
        catalog.domains.append(template.instantiate(UNIT))
    return catalog
