"""Parse and strictly check a register file (the bundled one or a county's newer copy).

Every fault names the file and the entry key: in the bundled file it is a developer error
that must never reach a clerk; in a county's file it is shown as one Chinese line and the
bundled register is used instead.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.os_reasons import read_reason
from zwgk_desktop.core.resources import catalogs_dir
from zwgk_desktop.core.toml_cache import loads_toml

KINDS = (
    "法律",
    "行政法规",
    "部门规章",
    "规范性文件",
    "党内法规",
    "规划",
    "国家标准",
    "地方性法规",
)
STATUSES = ("现行有效", "已修订", "已废止", "已失效", "被替代")
OUTDATED_STATUSES = frozenset(STATUSES[1:])
REGISTER_FILE = "sources.toml"
MAX_REGISTER_BYTES = 4 * 1024 * 1024  # a county file is hostile input until proven otherwise

_TOP_KEYS = {"schema_version", "checked", "source"}
_STR_KEYS = (
    "key",
    "title",
    "kind",
    "issuer",
    "adopted",
    "revised",
    "effective",
    "status",
    "version",
    "replaced_by",
    "replaced_from",
    "repealed",
    "expires",
    "checked",
    "checked_at",
    "note",
)
_LIST_KEYS = ("short", "numbers")
_DATE_KEYS = ("adopted", "revised", "effective", "replaced_from", "repealed", "expires", "checked")
_REQUIRED = ("key", "title", "kind", "status", "checked", "verified")
_ENTRY_KEYS = {*_STR_KEYS, *_LIST_KEYS, "verified"}
_KEY_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE_RE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_VERSION_RE = re.compile(r"(?:19|20)\d\d")


class RegisterError(ZwgkError):
    """A register file is unreadable or breaks the schema (message names file and key)."""


def parse_date(text: str, *, end: bool = False) -> date | None:
    """ "YYYY-MM-DD" or "YYYY-MM" (first day, or last day with ``end``); None when empty."""
    if not text:
        return None
    m = _DATE_RE.fullmatch(text)
    if m is None:
        raise ValueError(text)
    year, month = int(m[1]), int(m[2])
    if m[3] is not None:
        return date(year, month, int(m[3]))
    day = calendar.monthrange(year, month)[1] if end else 1
    return date(year, month, day)


@dataclass(frozen=True)
class Source:
    """One document of the register; dates are the strings as written in the file."""

    key: str
    title: str
    kind: str
    status: str
    checked: str
    verified: bool
    short: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    issuer: str = ""
    adopted: str = ""
    revised: str = ""
    effective: str = ""
    version: str = ""
    replaced_by: str = ""
    replaced_from: str = ""
    repealed: str = ""
    expires: str = ""
    checked_at: str = ""
    note: str = ""

    @property
    def display_title(self) -> str:
        """《title》, with the version year for an old revision: 《…》（2007年版）."""
        if self.version:
            return f"《{self.title}》（{self.version}年版）"
        return f"《{self.title}》"

    def citation(self) -> str:
        """How the document is cited in 公开依据: 《title》 or 《title》（number）."""
        if self.numbers and self.kind != "法律":
            return f"《{self.title}》（{self.numbers[0]}）"
        return f"《{self.title}》"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "short": list(self.short),
            "numbers": list(self.numbers),
            "kind": self.kind,
            "issuer": self.issuer,
            "adopted": self.adopted,
            "revised": self.revised,
            "effective": self.effective,
            "status": self.status,
            "version": self.version,
            "replaced_by": self.replaced_by,
            "replaced_from": self.replaced_from,
            "repealed": self.repealed,
            "expires": self.expires,
            "checked": self.checked,
            "checked_at": self.checked_at,
            "verified": self.verified,
            "note": self.note,
        }


@dataclass
class Register:
    """All sources of one register file, by key, in file order."""

    path: Path
    checked: str
    sources: dict[str, Source]
    bundled: bool = False
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __contains__(self, key: object) -> bool:
        return key in self.sources

    def __len__(self) -> int:
        return len(self.sources)

    def get(self, key: str) -> Source | None:
        return self.sources.get(key)

    def __getitem__(self, key: str) -> Source:
        return self.sources[key]

    def unverified_count(self) -> int:
        """Entries not yet found in a public text (shown next to the total, never typed in)."""
        return sum(1 for s in self.sources.values() if not s.verified)

    def describe(self) -> dict[str, str]:
        """What validation reports say about the register they used."""
        return {"checked": self.checked, "path": str(self.path)}


def _fail(path: Path, where: str, message: str) -> RegisterError:
    return RegisterError(f"登记册 {path.name}{where}: {message}")


def _parse_entry(raw: object, path: Path, n: int) -> Source:
    where = f" 第{n}条"
    if not isinstance(raw, dict):
        raise _fail(path, where, "不是表")
    key = raw.get("key")
    if isinstance(key, str) and key:
        where = f" 第{n}条（{key}）"
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise _fail(path, where, f"未知键 {sorted(unknown)}")
    for name in _REQUIRED:
        if name not in raw:
            raise _fail(path, where, f"缺少 {name}")
    values: dict[str, Any] = {}
    for name in _STR_KEYS:
        value = raw.get(name, "")
        if isinstance(value, date):
            raise _fail(path, where, f'{name} 应写成带引号的日期文本，如 "2019-04-03"')
        if not isinstance(value, str):
            raise _fail(path, where, f"{name} 应为文本")
        values[name] = value.strip()
    for name in _LIST_KEYS:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(path, where, f"{name} 应为非空文本的列表")
        values[name] = tuple(v.strip() for v in value)
    if not isinstance(raw["verified"], bool):
        raise _fail(path, where, "verified 应为 true 或 false")
    if not _KEY_RE.fullmatch(values["key"]):
        raise _fail(path, where, f"key“{values['key']}”应为小写英文字母、数字和连字符")
    if not values["title"]:
        raise _fail(path, where, "title 为空")
    if "《" in values["title"] or "》" in values["title"]:
        raise _fail(path, where, "title 不要带书名号")
    if values["kind"] not in KINDS:
        raise _fail(path, where, f"kind“{values['kind']}”不是 {'/'.join(KINDS)} 之一")
    if values["status"] not in STATUSES:
        raise _fail(path, where, f"status“{values['status']}”不是 {'/'.join(STATUSES)} 之一")
    for name in _DATE_KEYS:
        try:
            parse_date(values[name])
        except ValueError:
            raise _fail(
                path, where, f"{name}“{values[name]}”不是有效日期（YYYY-MM-DD 或 YYYY-MM）"
            ) from None
    if not values["checked"]:
        raise _fail(path, where, "checked 为空")
    if values["version"] and not _VERSION_RE.fullmatch(values["version"]):
        raise _fail(path, where, f"version“{values['version']}”应为四位年份")
    if raw["verified"] and not values["checked_at"]:
        raise _fail(path, where, "verified = true 时须写明 checked_at（核对所用的公开文本）")
    if values["replaced_from"] and not values["replaced_by"]:
        raise _fail(path, where, "有 replaced_from 却没有 replaced_by")
    return Source(verified=raw["verified"], **values)


def _check_links(sources: dict[str, Source], path: Path) -> None:
    numbers: dict[str, str] = {}
    titles: dict[tuple[str, str], str] = {}
    for source in sources.values():
        where = f"（{source.key}）"
        if source.replaced_by:
            if source.replaced_by == source.key:
                raise _fail(path, where, "replaced_by 指向自身")
            if source.replaced_by not in sources:
                raise _fail(path, where, f"replaced_by“{source.replaced_by}”不是登记册中的 key")
        for number in source.numbers:
            other = numbers.setdefault(number, source.key)
            if other != source.key:
                raise _fail(path, where, f"文号“{number}”与 {other} 重复")
        title_key = (source.title, source.version)
        other = titles.setdefault(title_key, source.key)
        if other != source.key:
            raise _fail(path, where, f"标题“{source.title}”与 {other} 重复（旧版本请写 version）")


def parse_register(text: str, path: Path, *, bundled: bool = False) -> Register:
    """Parse register text; ``path`` is only used in messages and reports."""
    try:
        register: Register = loads_toml(text, lambda data: _register_from(data, path, bundled))
    except tomllib.TOMLDecodeError as exc:
        raise RegisterError(f"登记册 {path.name} 不是有效的 TOML 文件: {exc}") from exc
    return register


def _register_from(data: dict[str, Any], path: Path, bundled: bool) -> Register:
    """The register a parsed table describes; RegisterError names what is wrong."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(path, "", f"未知键 {sorted(unknown)}")
    if data.get("schema_version") != 1:
        raise _fail(path, "", "schema_version 应为 1")
    checked = data.get("checked")
    if not isinstance(checked, str):
        raise _fail(path, "", "checked 应为带引号的日期文本")
    try:
        if parse_date(checked) is None:
            raise ValueError(checked)
    except ValueError:
        raise _fail(path, "", f"checked“{checked}”不是有效日期") from None
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list):
        raise _fail(path, "", "source 应写成 [[source]] 表")
    sources: dict[str, Source] = {}
    for n, raw in enumerate(raw_sources, start=1):
        source = _parse_entry(raw, path, n)
        if source.key in sources:
            raise _fail(path, f" 第{n}条（{source.key}）", "key 重复")
        sources[source.key] = source
    _check_links(sources, path)
    return Register(path=path, checked=checked, sources=sources, bundled=bundled)


def load_register(path: Path, *, bundled: bool = False) -> Register:
    """Load and check a register file; :class:`RegisterError` names what is wrong."""
    try:
        if path.stat().st_size > MAX_REGISTER_BYTES:
            raise RegisterError(f"登记册 {path.name} 过大（超过 4 MB），不像登记册文件")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise RegisterError(f"无法读取登记册 {path.name}: {read_reason(exc)}") from exc
    except UnicodeDecodeError:
        raise RegisterError(f"登记册 {path.name} 不是 UTF-8 编码的文本文件") from None
    return parse_register(text, path, bundled=bundled)


def bundled_register_path() -> Path:
    return catalogs_dir() / REGISTER_FILE


@lru_cache(maxsize=4)
def _load_cached(path: Path, mtime_ns: int, bundled: bool) -> Register:
    return load_register(path, bundled=bundled)


def cached_register(path: Path, *, bundled: bool = False) -> Register:
    """A register loaded once per file version (the matcher is compiled once per register)."""
    resolved = path.resolve()
    try:
        mtime = resolved.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _load_cached(resolved, mtime, bundled)


@lru_cache(maxsize=1)
def bundled_register() -> Register:
    """The register shipped with the app (read once per process)."""
    return load_register(bundled_register_path().resolve(), bundled=True)
