"""The bundled domain templates (``catalogs/*.toml``): load, check, and instantiate.

Templates are data only. Loading fails loudly, naming the file and key, on anything
unknown — a broken template is a developer error and must never reach a clerk silently.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zwgk_desktop.core.errors import TemplateError
from zwgk_desktop.core.fields import CHOICE_FIELDS, FIELD_BY_KEY, TEXT_FIELDS
from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Domain, Item
from zwgk_desktop.core.resources import catalogs_dir
from zwgk_desktop.core.text import fold

_DOMAIN_KEYS = {"id", "name", "order", "aliases", "department", "guideline", "description", "items"}
_ITEM_KEYS = set(FIELD_BY_KEY)


@dataclass(frozen=True)
class DomainTemplate:
    """One pilot domain's standard template."""

    id: str
    name: str
    order: int
    aliases: tuple[str, ...]
    department: str
    guideline: str
    description: str
    items: tuple[Item, ...]
    path: Path

    def instantiate(self, unit: str = "") -> Domain:
        """A fresh domain for a catalog, with 【单位名称】 replaced by ``unit`` if given."""
        items = []
        for n, template_item in enumerate(self.items, start=1):
            item = template_item.copy()
            if unit:
                item.subject = item.subject.replace(UNIT_PLACEHOLDER, unit)
            item.template_ref = f"{self.id}/{n}"
            items.append(item)
        return Domain(
            id=self.id, name=self.name, items=items, aliases=list(self.aliases), pilot=True
        )

    def item_by_ref(self, ref: str) -> Item | None:
        prefix, _, number = ref.partition("/")
        if prefix != self.id or not number.isdigit():
            return None
        index = int(number) - 1
        return self.items[index] if 0 <= index < len(self.items) else None


def _parse_item(raw: object, path: Path, n: int) -> Item:
    where = f"{path.name} 第{n}个事项"
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: 不是表")
    unknown = set(raw) - _ITEM_KEYS
    if unknown:
        raise TemplateError(f"{where}: 未知字段 {sorted(unknown)}")
    item = Item()
    for key in TEXT_FIELDS:
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise TemplateError(f"{where}: {key} 应为文本")
        item.set(key, value.strip())
    for key in CHOICE_FIELDS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TemplateError(f"{where}: {key} 应为文本列表")
        vocabulary = FIELD_BY_KEY[key].vocabulary
        assert vocabulary is not None
        for term in value:
            if not vocabulary.open and not vocabulary.is_known(term):
                raise TemplateError(f"{where}: {key} 含未知取值“{term}”")
            if vocabulary.canonical(term) not in (None, term):
                raise TemplateError(
                    f"{where}: {key} 应写规范名称“{vocabulary.canonical(term)}”而非“{term}”"
                )
        item.set(key, vocabulary.sort(value))
    return item


def load_template(path: Path) -> DomainTemplate:
    """Parse and check one template file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"模板 {path.name} 无法读取: {exc}") from exc
    unknown = set(data) - _DOMAIN_KEYS
    if unknown:
        raise TemplateError(f"模板 {path.name}: 未知键 {sorted(unknown)}")
    for key in ("id", "name", "order", "items"):
        if key not in data:
            raise TemplateError(f"模板 {path.name}: 缺少 {key}")
    items = tuple(_parse_item(raw, path, n) for n, raw in enumerate(data["items"], start=1))
    return DomainTemplate(
        id=str(data["id"]),
        name=str(data["name"]),
        order=int(data["order"]),
        aliases=tuple(str(a) for a in data.get("aliases", [])),
        department=str(data.get("department", "")),
        guideline=str(data.get("guideline", "")),
        description=str(data.get("description", "")),
        items=items,
        path=path,
    )


@lru_cache(maxsize=4)
def _load_all(folder: Path) -> tuple[DomainTemplate, ...]:
    templates = [
        load_template(p) for p in sorted(folder.glob("*.toml")) if p.name != "sources.toml"
    ]
    templates.sort(key=lambda t: (t.order, t.id))
    ids = [t.id for t in templates]
    if len(set(ids)) != len(ids):
        raise TemplateError(f"模板 id 重复: {ids}")
    return tuple(templates)


def all_templates(folder: Path | None = None) -> tuple[DomainTemplate, ...]:
    """Every bundled template in display order (the 26 pilot domains)."""
    return _load_all((folder or catalogs_dir()).resolve())


def find_template(key: str, folder: Path | None = None) -> DomainTemplate | None:
    """Look a template up by id, canonical name or alias (folded comparison)."""
    wanted = fold(key)
    for template in all_templates(folder):
        names = (template.id, template.name, *template.aliases)
        if any(fold(name) == wanted for name in names):
            return template
    return None
