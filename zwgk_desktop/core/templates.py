"""The bundled domain templates (``catalogs/NN-*.toml``): load, check, and instantiate.

Templates are data only. Loading fails loudly, naming the file and key, on anything
unknown — a broken template is a developer error and must never reach a clerk silently.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import TemplateError
from zwgk_desktop.core.fields import CHOICE_FIELDS, FIELD_BY_KEY, TEXT_FIELDS
from zwgk_desktop.core.model import UNIT_PLACEHOLDER, Domain, Item
from zwgk_desktop.core.resources import catalogs_dir
from zwgk_desktop.core.sources.register import (
    REGISTER_FILE,
    Register,
    RegisterError,
    cached_register,
    parse_date,
)
from zwgk_desktop.core.sources.render import BasisRef, parse_refs, render_basis
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.toml_cache import loads_toml

_DOMAIN_KEYS = {
    "id",
    "name",
    "order",
    "aliases",
    "department",
    "guideline",
    "guideline_title",
    "guideline_date",
    "checked",
    "notes",
    "description",
    "items",
}
_ITEM_KEYS = set(FIELD_BY_KEY)
# Template files are "NN-<id>.toml"; sources.toml (the register) lives in the same folder.
_TEMPLATE_NAME_RE = re.compile(r"\d\d-[a-z0-9-]+\.toml")


def template_files(folder: Path) -> list[Path]:
    """The template files of a folder in name order (not the register)."""
    return sorted(p for p in folder.glob("*.toml") if _TEMPLATE_NAME_RE.fullmatch(p.name))


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
    guideline_title: str = ""
    guideline_date: str = ""
    checked: str = ""
    notes: tuple[str, ...] = ()
    # Per item: the register references its 公开依据 was rendered from (empty for old
    # free-text basis strings).
    basis_refs: tuple[tuple[BasisRef, ...], ...] = ()

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


def _parse_item(
    raw: object, path: Path, n: int, register: Register
) -> tuple[Item, tuple[BasisRef, ...]]:
    where = f"{path.name} 第{n}个事项"
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: 不是表")
    unknown = set(raw) - _ITEM_KEYS
    if unknown:
        raise TemplateError(f"{where}: 未知字段 {sorted(unknown)}")
    item = Item()
    refs: tuple[BasisRef, ...] = ()
    if isinstance(raw.get("basis"), list):
        try:
            refs = parse_refs(raw["basis"], where, register)
        except ValueError as exc:
            raise TemplateError(str(exc)) from None
        raw = {**raw, "basis": render_basis(refs, register)}
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
    return item, refs


def _register_for(folder: Path) -> Register:
    """The register next to the templates (the bundled one for the bundled folder)."""
    path = folder / REGISTER_FILE
    if not path.is_file():
        path = catalogs_dir() / REGISTER_FILE
    try:
        return cached_register(path, bundled=path.parent.resolve() == catalogs_dir().resolve())
    except RegisterError as exc:
        raise TemplateError(str(exc)) from exc


def _text(data: dict[str, object], key: str, path: Path) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TemplateError(f"模板 {path.name}: {key} 应为文本")
    return value.strip()


def load_template(path: Path, register: Register | None = None) -> DomainTemplate:
    """Parse and check one template file; list-form 公开依据 is rendered from ``register``."""
    try:
        text = path.read_text(encoding="utf-8")
        template: DomainTemplate = loads_toml(
            text, lambda data: _template_from(data, path, register)
        )
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"模板 {path.name} 无法读取: {exc}") from exc
    return template


def _template_from(data: dict[str, Any], path: Path, register: Register | None) -> DomainTemplate:
    """The template a parsed table describes; TemplateError names what is wrong."""
    unknown = set(data) - _DOMAIN_KEYS
    if unknown:
        raise TemplateError(f"模板 {path.name}: 未知键 {sorted(unknown)}")
    for key in ("id", "name", "order", "items"):
        if key not in data:
            raise TemplateError(f"模板 {path.name}: 缺少 {key}")
    if register is None:
        register = _register_for(path.parent)
    for key in ("guideline_date", "checked"):
        try:
            parse_date(_text(data, key, path))
        except ValueError:
            raise TemplateError(f"模板 {path.name}: {key} 不是有效日期（YYYY-MM-DD）") from None
    notes = data.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise TemplateError(f"模板 {path.name}: notes 应为文本列表")
    parsed = [_parse_item(raw, path, n, register) for n, raw in enumerate(data["items"], start=1)]
    return DomainTemplate(
        id=str(data["id"]),
        name=str(data["name"]),
        order=int(data["order"]),
        aliases=tuple(str(a) for a in data.get("aliases", [])),
        department=str(data.get("department", "")),
        guideline=str(data.get("guideline", "")),
        description=str(data.get("description", "")),
        items=tuple(item for item, _ in parsed),
        path=path,
        guideline_title=_text(data, "guideline_title", path),
        guideline_date=_text(data, "guideline_date", path),
        checked=_text(data, "checked", path),
        notes=tuple(n.strip() for n in notes),
        basis_refs=tuple(refs for _, refs in parsed),
    )


@lru_cache(maxsize=4)
def _load_all(folder: Path) -> tuple[DomainTemplate, ...]:
    register = _register_for(folder)
    templates = [load_template(p, register) for p in template_files(folder)]
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
