"""Hand a catalog down a level: county → township (乡级), township → village (村级).

Counties compile first; each township starts from its county's catalog and keeps the
items published at its own level; villages and communities (村（居）务公开) start from
their township's, "相同事项的公开内容对应一致". A derived catalog keeps every element of
the items it takes (and their template provenance, so the county can later compare the
township's catalog with its own), puts the new unit's name only where the parent unit
itself was the 公开主体, and records where it came from in ``meta.source``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.validation.engine import ValidationResult
from zwgk_desktop.core.vocab import LEVEL

TOWNSHIP_LEVEL = "乡级"
VILLAGE_LEVEL = "村级"
HANDDOWN_LEVELS = (TOWNSHIP_LEVEL, VILLAGE_LEVEL)
EMPTY_DOMAIN_NOTE = "上级目录中本领域没有需{level}公开的事项。"
PARENT_NOT_INVOLVED_NOTE = "上级目录中本领域未涉及。"
MAX_VILLAGES = 1000

# Endings that name the government of a place rather than a department of it:
# 城关镇 = 城关镇人民政府 = 城关镇政府; 东街街道 = 东街街道办事处; 甲村 = 甲村村民委员会.
_GOVERNMENT_ENDINGS = ("人民政府", "政府", "办事处", "村民委员会", "居民委员会", "村委会", "居委会")
_SUBJECT_SEPARATORS = re.compile(r"([、，,；;／/\n]+)")
_TOWNSHIP_RE = re.compile(r"(乡|镇|街道|苏木)$")


@dataclass
class HandDown:
    """A derived catalog and what the user should be told about it."""

    catalog: Catalog
    level: str
    kept: int  # items taken over
    dropped: int  # items of the parent not published at ``level``
    subjects_replaced: int  # 公开主体 cells that now name the new unit
    emptied: list[str] = field(default_factory=list)  # domains left without items
    no_level: int = 0  # parent items with no 公开层级 at all (not taken over)
    validation: ValidationResult | None = None  # the derived catalog checked as a whole


def unit_key(name: str) -> str:
    """Comparison key of a unit name: folded, without a trailing 人民政府/政府/办事处 …"""
    key = fold(name)
    for ending in _GOVERNMENT_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            return key[: -len(ending)]
    return key


def same_unit(a: str, b: str) -> bool:
    """``a`` and ``b`` name the same unit (not merely one of its departments)."""
    key = unit_key(a)
    return bool(key) and key == unit_key(b)


def is_township(name: str) -> bool:
    """``name`` is a township's or street office's (乡、镇、街道、苏木, with or without
    人民政府/办事处)."""
    return bool(_TOWNSHIP_RE.search(unit_key(name)))


def level_of_unit(name: str) -> str:
    """The level a catalog of ``name``'s unit hands down to: 村级 for a township's,
    乡级 otherwise (a county's, or when the name does not tell)."""
    return VILLAGE_LEVEL if is_township(name) else TOWNSHIP_LEVEL


def default_level(parent: Catalog) -> str:
    """The level ``parent`` hands down to: 村级 when it is a township's (it was itself handed
    down at 乡级, or its unit's name ends in 乡/镇/街道), else 乡级."""
    if parent.meta.source.get("level") in HANDDOWN_LEVELS:
        return VILLAGE_LEVEL
    return level_of_unit(parent.meta.unit)


@lru_cache(maxsize=4096)  # a catalog repeats a handful of subjects thousands of times
def replace_subject(subject: str, source_unit: str, new_unit: str) -> tuple[str, bool]:
    """``subject`` with the parent unit's own name (or 【单位名称】) replaced by
    ``new_unit``; other subjects such as 县民政局 are left alone. Multi-subject cells
    (“某县人民政府、县民政局”) are handled part by part."""
    parts = _SUBJECT_SEPARATORS.split(subject)
    changed = False
    for n in range(0, len(parts), 2):  # even positions are names, odd ones separators
        part = parts[n]
        name = part.strip()
        if not name:
            continue
        if UNIT_PLACEHOLDER in name:
            parts[n] = part.replace(UNIT_PLACEHOLDER, new_unit)
            changed = True
        elif source_unit and same_unit(name, source_unit):
            parts[n] = part.replace(name, new_unit)
            changed = True
    return "".join(parts), changed


@lru_cache(maxsize=256)
def _levels(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(LEVEL.normalize(values))


def has_level(item: Item, level: str) -> bool:
    """``item``'s 公开层级 includes ``level`` (a canonical name), however it is spelled."""
    return level in _levels(tuple(item.level))


def derive_catalog(
    parent: Catalog,
    unit: str,
    level: str | None = None,
    source_file: str = "",
    meta: CatalogMeta | None = None,
    today: dt.date | None = None,
    check: bool = True,
) -> HandDown:
    """The catalog of ``unit`` handed down from ``parent`` at ``level`` (乡级/村级).

    ``meta`` gives the new unit's region/year/contact (the parent's year when blank);
    ``check=False`` skips validating the result (the review's comparison only).
    """
    unit = unit.strip()
    if not unit:
        raise ZwgkError("请填写单位名称")
    level = level or default_level(parent)
    canonical = LEVEL.canonical(level)
    if canonical not in HANDDOWN_LEVELS:
        raise ZwgkError(f"公开层级应为“乡级”或“村级”，不是“{level}”")
    items = [i for d in parent.domains for i in d.items]
    if not items:
        raise ZwgkError("上级目录中没有事项，无法据此新建目录")
    if not any(_levels(tuple(i.level)) for i in items):
        raise ZwgkError("上级目录没有填写“公开层级”，无法按层级选取事项")
    source_unit = parent.meta.unit.strip()
    result = HandDown(Catalog(), canonical, 0, 0, 0)
    for domain in parent.domains:
        result.catalog.domains.append(_derive_domain(domain, unit, source_unit, result))
    result.catalog.meta = _derived_meta(parent, unit, canonical, source_file, meta, today)
    if not check:
        return result
    from zwgk_desktop.core.validation import validate_catalog

    result.validation = validate_catalog(result.catalog)
    return result


def _derive_domain(domain: Domain, unit: str, source_unit: str, result: HandDown) -> Domain:
    new = Domain(
        id=domain.id,
        name=domain.name,
        aliases=list(domain.aliases),
        pilot=domain.pilot,
    )
    if domain.not_involved and not domain.items:
        new.not_involved = True
        new.note = PARENT_NOT_INVOLVED_NOTE
        return new
    for item in domain.items:
        if not has_level(item, result.level):
            result.dropped += 1
            if not _levels(tuple(item.level)):
                result.no_level += 1
            continue
        copy = item.copy()
        copy.id = None
        copy.subject, replaced = replace_subject(item.subject, source_unit, unit)
        result.subjects_replaced += replaced
        new.items.append(copy)
        result.kept += 1
    if not new.items:
        new.not_involved = True
        new.note = EMPTY_DOMAIN_NOTE.format(level=result.level)
        result.emptied.append(domain.name)
    return new


def _derived_meta(
    parent: Catalog,
    unit: str,
    level: str,
    source_file: str,
    meta: CatalogMeta | None,
    today: dt.date | None,
) -> CatalogMeta:
    base = meta or CatalogMeta()
    day = (today or dt.date.today()).isoformat()
    levels = list(parent.meta.levels)
    if level not in levels:
        levels = LEVEL.sort([*levels, level])
    return CatalogMeta(
        unit=unit,
        region=base.region,
        year=base.year or parent.meta.year,
        contact=base.contact,
        date=day,
        levels=levels,
        source={
            "file": Path(source_file).name if source_file else "",
            "unit": parent.meta.unit,
            "year": parent.meta.year,
            "date": parent.meta.date,
            "level": level,
            "derived": day,
        },
    )


def parse_village_names(text: str) -> list[str]:
    """Village names from a list (one a line; 、，, also separate), blanks and repeats out."""
    names: list[str] = []
    for raw in re.split(r"[\n、，,；;]+", text):
        name = raw.strip().lstrip("\ufeff").strip()
        if name and name not in names:
            names.append(name)
    if not names:
        raise ZwgkError("村（社区）名单为空")
    if len(names) > MAX_VILLAGES:
        raise ZwgkError(f"村（社区）名单过长（{len(names)} 个，最多 {MAX_VILLAGES} 个）")
    return names


def derive_villages(
    township: Catalog,
    villages: Sequence[str],
    source_file: str = "",
    meta: CatalogMeta | None = None,
    today: dt.date | None = None,
) -> list[HandDown]:
    """One 村（居）务公开 catalog per village: the same items, only the unit differs."""
    return [
        derive_catalog(township, name, VILLAGE_LEVEL, source_file, meta, today) for name in villages
    ]


def source_text(meta: CatalogMeta) -> str:
    """One line naming where a handed-down catalog came from ("" for none)."""
    src = meta.source
    if not src:
        return ""
    who = src.get("unit") or "上级单位"
    year = f"（{src['year']}）" if src.get("year") else ""
    file = f"，文件“{src['file']}”" if src.get("file") else ""
    when = f"，{src['derived']}生成" if src.get("derived") else ""
    level = f"（{src['level']}事项）" if src.get("level") else ""
    return f"来自{who}{year}的目录{level}{file}{when}"
