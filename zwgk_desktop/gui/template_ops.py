"""How an item relates to its standard template (Qt-free helpers for the editor).

An item made from a template carries ``template_ref`` ("<domain id>/<n>"). A template's
公开主体 holds the 【单位名称】 placeholder, so comparisons substitute the unit first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Domain, Item
from zwgk_desktop.core.text import fold

if TYPE_CHECKING:  # the templates load on first use, not at start-up
    from zwgk_desktop.core.templates import DomainTemplate

FIELD_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)


def template_for(domain: Domain) -> DomainTemplate | None:
    """The bundled template of a pilot domain (by id), ``None`` for user-added domains."""
    from zwgk_desktop.core.templates import find_template

    template = find_template(domain.id)
    return template if template is not None and template.id == domain.id else None


def template_item(template: DomainTemplate | None, item: Item, unit: str) -> Item | None:
    """The template item ``item`` came from, with the unit filled in, or ``None``."""
    if template is None or not item.template_ref:
        return None
    source = template.item_by_ref(item.template_ref)
    if source is None:
        return None
    result = source.copy()
    if unit:
        result.subject = result.subject.replace(UNIT_PLACEHOLDER, unit)
    result.template_ref = item.template_ref
    return result


def differing_fields(item: Item, reference: Item) -> frozenset[str]:
    """Field keys whose values differ between ``item`` and its template ``reference``."""
    return frozenset(key for key in FIELD_KEYS if getattr(item, key) != getattr(reference, key))


def reset_changes(item: Item, reference: Item) -> dict[str, object]:
    """The field values that make ``item`` equal to its template again."""
    return {key: _copy(getattr(reference, key)) for key in differing_fields(item, reference)}


def is_untouched(domain: Domain, template: DomainTemplate | None, unit: str) -> bool:
    """True while a domain is still exactly its template (status “未开始”)."""
    if template is None or domain.not_involved or len(domain.items) != len(template.items):
        return False
    for n, item in enumerate(domain.items, start=1):
        if item.template_ref != f"{template.id}/{n}":
            return False
        reference = template_item(template, item, unit)
        if reference is None or differing_fields(item, reference):
            return False
    return True


def _key(item: Item) -> tuple[str, str]:
    return fold(item.level1), fold(item.level2)


def missing_standard_items(
    domain: Domain, template: DomainTemplate | None, unit: str
) -> list[Item]:
    """Template items not yet in the domain (neither by provenance nor by name), fresh copies."""
    if template is None:
        return []
    refs = {item.template_ref for item in domain.items if item.template_ref}
    names = {_key(item) for item in domain.items}
    fresh = template.instantiate(unit).items
    return [item for item in fresh if item.template_ref not in refs and _key(item) not in names]


def _copy(value: object) -> object:
    return list(value) if isinstance(value, list) else value
