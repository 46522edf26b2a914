"""Catalogs for the validation tests, built from the real bundled templates."""

from __future__ import annotations

from datetime import date

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain
from zwgk_desktop.core.sources import active_register
from zwgk_desktop.core.sources.outdated import outdated_citations
from zwgk_desktop.core.templates import all_templates, find_template

UNIT = "示范镇人民政府"
CURRENT_BASIS = "《社会救助暂行办法》（国务院令第649号）"


def with_current_basis(domain: Domain) -> Domain:
    """Replace template citations the register calls outdated (a no-op once the templates
    are converted to the register, issue 11): these tests are about other rules."""
    for item in domain.items:
        if outdated_citations(item.basis, active_register(), date.today()):
            item.basis = CURRENT_BASIS
    return domain


def small_catalog() -> Catalog:
    """A clean catalog: 社会救助 with its first three template items, unit and year set."""
    template = find_template("social-assistance")
    assert template is not None
    domain = with_current_basis(template.instantiate(UNIT))
    domain.items = domain.items[:3]
    return Catalog(meta=CatalogMeta(unit=UNIT, year="2026"), domains=[domain])


def template_catalog() -> Catalog:
    """Every bundled template instantiated for a unit, meta set, default levels."""
    catalog = Catalog(meta=CatalogMeta(unit=UNIT, year="2026"))
    for template in all_templates():
        catalog.domains.append(template.instantiate(UNIT))
    return catalog
