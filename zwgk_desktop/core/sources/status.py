"""Dated status: is a source in force on a given day, and what replaces it since when.

The register says where each source stood on its own ``checked`` date; a catalog is judged
as of the end of its 年度 (or today for the current year), so a 2019 catalog citing the
2007 条例 is not blamed for a revision that came later, and a source replaced on a known
future date gets a hint instead of a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from zwgk_desktop.core.sources.register import OUTDATED_STATUSES, Register, Source, parse_date

_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_NUMBER_YEAR_RE = re.compile(r"(?:〔|\[|\(|（|［|公告|令)?((?:19|20)\d\d)(?:〕|\]|\)|）|］|年)")


@dataclass(frozen=True)
class AsOf:
    """The day a catalog is judged on and why (shown in messages)."""

    day: date
    reason: str  # "年度" or "今天"

    @property
    def label(self) -> str:
        if self.reason == "年度":
            return f"按目录年度截至{self.day.year}年12月31日"
        return f"按今天（{self.day.isoformat()}）"


def as_of_for(year_text: str, today: date | None = None) -> AsOf:
    """Dec 31 of the catalog's 年度 if that is earlier than today, else today."""
    return _as_of(year_text or "", today or date.today())


@lru_cache(maxsize=256)
def _as_of(year_text: str, today: date) -> AsOf:
    m = _YEAR_RE.search(year_text)
    if m is not None:
        end = date(int(m.group()), 12, 31)
        if end < today:
            return AsOf(end, "年度")
    return AsOf(today, "今天")


@dataclass(frozen=True)
class Standing:
    """What the register says about a source on a day: ``outdated`` or ``upcoming`` or neither."""

    source: Source
    outdated: bool
    upcoming: bool
    how: str  # 已修订 / 已废止 / 已失效 / 被替代
    since: str  # "2019年5月15日", "2021年", or ""
    replacement: Source | None


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _number_year(source: Source | None) -> int | None:
    if source is None:
        return None
    years = [int(m.group(1)) for n in source.numbers for m in _NUMBER_YEAR_RE.finditer(n)]
    for text in (source.effective, source.adopted):
        if text:
            years.append(int(text[:4]))
    return min(years) if years else None


def standing(source: Source, register: Register, day: date) -> Standing:
    """Where ``source`` stands on ``day`` according to ``register`` (memoised per register)."""
    cache = register._cache.setdefault("standing", {})
    key = (source.key, day)
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _standing(source, register, day)
    return hit


def _standing(source: Source, register: Register, day: date) -> Standing:
    replacement = register.get(source.replaced_by) if source.replaced_by else None
    events: list[tuple[date, str, str]] = []  # (from, how, since-text)
    if source.replaced_from:
        start = parse_date(source.replaced_from)
        assert start is not None
        how = source.status if source.status in OUTDATED_STATUSES else "被替代"
        events.append((start, how, _chinese_date(start)))
    if source.repealed:
        start = parse_date(source.repealed)
        assert start is not None
        events.append((start, "已废止", _chinese_date(start)))
    if source.expires:
        end = parse_date(source.expires, end=True)
        assert end is not None
        start = end + timedelta(days=1)
        events.append((start, "已失效", f"{_chinese_date(end)}期满后"))
    past = sorted(e for e in events if e[0] <= day)
    if past:
        start, how, since = past[0]
        return Standing(source, True, False, how, since, replacement)
    if source.status in OUTDATED_STATUSES and not events:
        # No date registered: outdated from the year the replacement was issued at the
        # latest, else only from the register's own date (never guessed earlier).
        year = _number_year(replacement)
        checked = parse_date(register.checked)
        if year is not None and day.year > year:
            return Standing(source, True, False, source.status, f"{year}年", replacement)
        if checked is not None and day >= checked:
            return Standing(source, True, False, source.status, "", replacement)
        return Standing(source, False, False, "", "", replacement)
    future = sorted(e for e in events if e[0] > day and e[1] != "已失效")
    if future:
        start, how, since = future[0]
        return Standing(source, False, True, how, since, replacement)
    return Standing(source, False, False, "", "", replacement)
