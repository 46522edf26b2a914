"""Compare a submission with the standard templates or with an earlier submission.

The result is structured (for the GUI's diff view and ``zwgk diff --json``); ``diff_text``
renders it for the terminal. The right-hand side is always the submission being looked
at, so ``new_index`` is the row to jump to. Texts are compared folded (fullwidth/halfwidth,
traditional characters and spaces do not count as changes); choice fields as sets of
canonical terms.

JSON shape (``format: "zwgk-diff"``, ``version: 1``)::

    {"format": "zwgk-diff", "version": 1, "mode": "catalog" | "template" | "parent",
     "left":  {"label", "unit", "items"}, "right": {"label", "unit", "items"},
     "summary": {"items_added", "items_removed", "items_changed", "items_unchanged",
                 "domains_added", "domains_removed", "domains_changed", "meta_changed"},
     "meta": [FIELD],
     "domains": [{"id", "name", "status": "added|removed|changed|unchanged|not_involved",
                  "status_label", "attributes": [FIELD], "unchanged": n,
                  "items": [{"change": "added|removed|changed", "change_label",
                             "old_item": n|null, "new_item": n|null,   # 1-based rows
                             "level1", "level2", "matched_by", "fields": [FIELD]}]}]}
    FIELD = {"field", "label", "old", "new"} (+ "added", "removed" for choice fields)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from zwgk_desktop.core.fields import FIELD_BY_KEY, FIELDS
from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Catalog, Domain, Item
from zwgk_desktop.core.review.diff_model import (
    CATALOG,
    FORMAT_NAME,
    FORMAT_VERSION,
    PARENT,
    TEMPLATE,
    CatalogDiff,
    DomainDiff,
    FieldChange,
    ItemChange,
    Side,
)
from zwgk_desktop.core.review.matching import match_items
from zwgk_desktop.core.review.textdiff import same_text
from zwgk_desktop.core.templates import DomainTemplate, all_templates
from zwgk_desktop.core.text import fold

__all__ = [
    "CATALOG",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "PARENT",
    "TEMPLATE",
    "CatalogDiff",
    "DomainDiff",
    "FieldChange",
    "ItemChange",
    "Side",
    "compare_items",
    "diff_catalogs",
    "diff_items",
    "diff_with_parent",
    "diff_with_templates",
]

_META_KEYS = ("unit", "region", "year", "contact")


# ---------------------------------------------------------------------- comparing items
@lru_cache(maxsize=4096)
def _term_key(key: str, value: str) -> str:
    vocabulary = FIELD_BY_KEY[key].vocabulary
    return fold((vocabulary.canonical(value) if vocabulary else None) or value)


def _choice_key(key: str, values: Sequence[str]) -> frozenset[str]:
    return frozenset(_term_key(key, v) for v in values if v.strip())


def compare_items(
    old: Item, new: Item, skip: frozenset[str] = frozenset()
) -> tuple[FieldChange, ...]:
    """Per-field differences in FIELDS order (texts folded, choices as sets)."""
    changes = []
    for spec in FIELDS:
        if spec.key in skip:
            continue
        a, b = old.get(spec.key), new.get(spec.key)
        if a == b:
            continue
        if spec.is_choice:
            if _choice_key(spec.key, a) != _choice_key(spec.key, b):
                changes.append(FieldChange(spec.key, list(a), list(b)))
        elif not same_text(a, b):
            changes.append(FieldChange(spec.key, a, b))
    return tuple(changes)


def _placeholder_fields(item: Item) -> frozenset[str]:
    """Template fields the township is meant to fill in (they hold 【单位名称】)."""
    return frozenset(
        spec.key for spec in FIELDS if not spec.is_choice and UNIT_PLACEHOLDER in item.get(spec.key)
    )


def diff_items(
    old: Sequence[Item],
    new: Sequence[Item],
    template_mode: bool = False,
    raw_templates: Sequence[Item] = (),
    compare_fields: bool = True,
) -> tuple[list[ItemChange], int]:
    """Item changes of one domain and the number of unchanged items.

    ``compare_fields=False`` only pairs items (added/removed); pairs count as unchanged.
    """
    changes: list[ItemChange] = []
    unchanged = 0
    for m in match_items(old, new):
        if m.old is None:
            item = new[m.new]  # type: ignore[index]
            changes.append(ItemChange("added", None, m.new + 1, item.level1, item.level2))  # type: ignore[operator]
        elif m.new is None:
            item = old[m.old]
            changes.append(ItemChange("removed", m.old + 1, None, item.level1, item.level2))
        elif not compare_fields:
            unchanged += 1
        else:
            skip = (
                _placeholder_fields(raw_templates[m.old])
                if template_mode and raw_templates
                else frozenset()
            )
            fields = compare_items(old[m.old], new[m.new], skip)
            if fields:
                item = new[m.new]
                changes.append(
                    ItemChange(
                        "changed", m.old + 1, m.new + 1, item.level1, item.level2, m.how, fields
                    )
                )
            else:
                unchanged += 1
    return changes, unchanged


def _domain_attributes(old: Domain, new: Domain, notes: bool = True) -> list[FieldChange]:
    attrs = []
    if not same_text(old.name, new.name):
        attrs.append(FieldChange("name", old.name, new.name))
    if old.not_involved != new.not_involved:
        label = {True: "未涉及", False: "已涉及"}
        attrs.append(FieldChange("not_involved", label[old.not_involved], label[new.not_involved]))
    if notes and (old.not_involved or new.not_involved) and not same_text(old.note, new.note):
        attrs.append(FieldChange("note", old.note, new.note))
    return attrs


def _pair_domains(
    old: Sequence[Domain], new: Sequence[Domain]
) -> list[tuple[Domain | None, Domain | None]]:
    by_id = {d.id: d for d in old if d.id}
    by_name = {fold(d.name): d for d in old}
    used: set[int] = set()
    pairs: list[tuple[Domain | None, Domain | None]] = []
    for d in new:
        match = by_id.get(d.id) if d.id else None
        if match is None or id(match) in used:
            match = by_name.get(fold(d.name))
        if match is not None and id(match) in used:
            match = None
        if match is not None:
            used.add(id(match))
        pairs.append((match, d))
    pairs.extend((d, None) for d in old if id(d) not in used)
    return pairs


# ---------------------------------------------------------------------- public entry points
def diff_catalogs(
    old: Catalog, new: Catalog, old_label: str = "", new_label: str = "", mode: str = CATALOG
) -> CatalogDiff:
    """What changed from ``old`` (an earlier submission or round) to ``new``.

    ``mode=PARENT``: ``old`` is what the parent hands down (see :func:`diff_with_parent`);
    the unit details and 未涉及说明 differ by design and are not compared.
    """
    result = CatalogDiff(
        mode,
        Side(old_label, old.meta.unit, old.item_count()),
        Side(new_label, new.meta.unit, new.item_count()),
    )
    for key in _META_KEYS if mode != PARENT else ():
        a, b = getattr(old.meta, key), getattr(new.meta, key)
        if not same_text(a, b):
            result.meta.append(FieldChange(key, a, b))
    for a, b in _pair_domains(old.domains, new.domains):
        if a is None:
            assert b is not None
            items = [
                ItemChange("added", None, n, i.level1, i.level2)
                for n, i in enumerate(b.items, start=1)
            ]
            result.domains.append(DomainDiff(b.id, b.name, "added", items))
            continue
        if b is None:
            items = [
                ItemChange("removed", n, None, i.level1, i.level2)
                for n, i in enumerate(a.items, start=1)
            ]
            result.domains.append(DomainDiff(a.id, a.name, "removed", items))
            continue
        attrs = _domain_attributes(a, b, notes=mode != PARENT)
        if a.not_involved and b.not_involved:
            status = "changed" if attrs else "not_involved"
            result.domains.append(DomainDiff(b.id, b.name, status, [], attrs))
            continue
        changes, unchanged = diff_items(a.items, b.items)
        status = "changed" if changes or attrs else "unchanged"
        result.domains.append(DomainDiff(b.id, b.name, status, changes, attrs, unchanged))
    return result


def _template_for(domain: Domain, templates: Sequence[DomainTemplate]) -> DomainTemplate | None:
    for t in templates:
        if domain.id and domain.id == t.id:
            return t
    wanted = fold(domain.name)
    for t in templates:
        if wanted in {fold(n) for n in (t.name, *t.aliases)}:
            return t
    return None


AUTO_LEVEL = "auto"  # the level a catalog's unit name tells (see diff_with_templates)


def diff_with_templates(
    catalog: Catalog,
    label: str = "",
    templates: Sequence[DomainTemplate] | None = None,
    compare_fields: bool = True,
    level: str | None = AUTO_LEVEL,
) -> CatalogDiff:
    """The submission against the standard templates: missing standard items, local
    additions and elements that differ. Fields the template leaves to the township
    (those holding 【单位名称】) are not compared; 未涉及 domains are not compared.
    ``compare_fields=False`` finds missing and added items only (the batch's count).
    ``level``: the standard is the template items published at it (县级/乡级/村级); by
    default 乡级 for a township's catalog (its name ends in 乡/镇/街道), else every item —
    a township is not missing the items only the county publishes.
    """
    from zwgk_desktop.core.catalog_factory import default_own_level
    from zwgk_desktop.core.handdown import has_level

    templates = list(all_templates() if templates is None else templates)
    if level == AUTO_LEVEL:
        level = default_own_level(catalog.meta.unit)

    def standard_of(template: DomainTemplate) -> list[int]:
        items = template.items
        if level is None:
            return list(range(len(items)))
        return [n for n, i in enumerate(items) if has_level(i, level)]

    total = sum(len(standard_of(t)) for t in templates)
    title = "标准模板" if level is None else f"标准模板（{level}事项）"
    result = CatalogDiff(
        TEMPLATE, Side(title, "", total), Side(label, catalog.meta.unit, catalog.item_count())
    )
    paired: dict[str, Domain] = {}
    local: list[Domain] = []
    for domain in catalog.domains:
        template = _template_for(domain, templates)
        if template is None or template.id in paired:
            local.append(domain)
        else:
            paired[template.id] = domain
    for template in templates:
        domain = paired.get(template.id)
        if domain is None:
            result.domains.append(DomainDiff(template.id, template.name, "removed"))
            continue
        if domain.not_involved and not domain.items:
            result.domains.append(DomainDiff(domain.id or template.id, domain.name, "not_involved"))
            continue
        kept = standard_of(template)
        instantiated = template.instantiate(catalog.meta.unit).items
        standard = [instantiated[n] for n in kept]
        raw = [template.items[n] for n in kept]
        changes, unchanged = diff_items(standard, domain.items, True, raw, compare_fields)
        status = "changed" if changes else "unchanged"
        result.domains.append(
            DomainDiff(domain.id or template.id, domain.name, status, changes, [], unchanged)
        )
    for domain in local:
        items = [
            ItemChange("added", None, n, i.level1, i.level2)
            for n, i in enumerate(domain.items, start=1)
        ]
        result.domains.append(DomainDiff(domain.id, domain.name, "added", items))
    return result


def diff_with_parent(
    catalog: Catalog,
    parent: Catalog,
    level: str | None = None,
    label: str = "",
    parent_label: str = "",
) -> CatalogDiff:
    """A township's (or village's) catalog against its parent's: the items the parent
    publishes at ``level`` that the township dropped, the ones it added, and the elements
    it changed. The parent's own name as 公开主体 counts as the township's (handed down,
    it becomes the township's name), and so does any spelling of the township's name
    (城关镇 / 城关镇人民政府). ``level`` defaults to the one recorded when the catalog
    was handed down, else to what the parent's name tells (乡级 for a county).
    """
    from zwgk_desktop.core.handdown import (
        default_level,
        derive_catalog,
        has_level,
        replace_subject,
    )

    unit = catalog.meta.unit.strip() or "（本单位）"
    level = level or catalog.meta.source.get("level") or default_level(parent)
    handed = derive_catalog(parent, unit, level, check=False)
    expected = handed.catalog
    own = Catalog(
        meta=catalog.meta, domains=[replace(d, items=list(d.items)) for d in catalog.domains]
    )
    for domain in own.domains:  # copy only the items whose subject is respelled
        for n, item in enumerate(domain.items):
            subject = replace_subject(item.subject, unit, unit)[0]
            if subject != item.subject:
                domain.items[n] = replace(item, subject=subject)
    result = diff_catalogs(expected, own, parent_label or "上级目录", label, PARENT)
    result.left = Side(result.left.label, parent.meta.unit, parent.item_count())
    # Rows of the parent's own catalog, not of the handed-down selection.
    rows: dict[str, list[int]] = {}
    for d in parent.domains:
        kept = [n for n, i in enumerate(d.items, start=1) if has_level(i, handed.level)]
        rows.setdefault(d.id, kept)
        rows.setdefault(fold(d.name), kept)
    for domain in result.domains:
        parent_rows = rows.get(domain.domain_id) or rows.get(fold(domain.name)) or []
        domain.items = [
            replace(c, old_index=parent_rows[c.old_index - 1])
            if c.old_index and c.old_index <= len(parent_rows)
            else c
            for c in domain.items
        ]
    return result
