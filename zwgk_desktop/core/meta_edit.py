"""Changing 目录信息 after creation: which 公开主体 cells follow a new unit name.

New catalogs fill 公开主体 from the template's “【单位名称】” with the unit name. When the
clerk later corrects the unit, a cell that still holds exactly that generated text was
never edited by hand, so it follows the new name; anything else is the clerk's own
wording and stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Catalog, CatalogMeta

META_LABELS: dict[str, str] = {
    "unit": "单位名称",
    "region": "行政区划",
    "year": "年度/版本",
    "contact": "联系人",
    "levels": "公开层级",
}


@dataclass(frozen=True)
class SubjectChange:
    domain_id: str
    item_id: int
    old: str
    new: str


def generated_subject(template_subject: str, unit: str) -> str:
    """What 新建目录 puts in 公开主体 for ``unit`` (the placeholder stays when unit is empty)."""
    return template_subject.replace(UNIT_PLACEHOLDER, unit) if unit else template_subject


def following_subjects(catalog: Catalog, old_unit: str, new_unit: str) -> list[SubjectChange]:
    """公开主体 cells that still hold the text generated for ``old_unit``, with their new text.

    Only items that came from a template whose 公开主体 names the unit are considered;
    a cell whose text differs from the generated one was edited by hand and is left alone.
    """
    if old_unit == new_unit:
        return []
    from zwgk_desktop.core.templates import find_template  # not at start-up: see CONTRIBUTING

    changes: list[SubjectChange] = []
    for domain in catalog.domains:
        template = find_template(domain.id) if domain.pilot else None
        if template is None:
            continue
        for item in domain.items:
            if item.id is None or not item.template_ref:
                continue
            source = template.item_by_ref(item.template_ref)
            if source is None or UNIT_PLACEHOLDER not in source.subject:
                continue
            if item.subject != generated_subject(source.subject, old_unit):
                continue
            new = generated_subject(source.subject, new_unit)
            if new != item.subject:
                changes.append(SubjectChange(domain.id, item.id, item.subject, new))
    return changes


def changed_fields(old: CatalogMeta, new: CatalogMeta) -> list[str]:
    """Chinese labels of the 目录信息 fields that differ (for the undo text)."""
    return [
        label
        for key, label in META_LABELS.items()
        if (list(getattr(old, key)) if key == "levels" else getattr(old, key))
        != (list(getattr(new, key)) if key == "levels" else getattr(new, key))
    ]


def levels_in_use(catalog: Catalog) -> dict[str, int]:
    """How many items use each 公开层级 value (to warn before a level is dropped)."""
    counts: dict[str, int] = {}
    for domain in catalog.domains:
        for item in domain.items:
            for level in item.level:
                counts[level] = counts.get(level, 0) + 1
    return counts
