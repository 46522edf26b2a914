"""Filtering and find/replace over the in-memory catalog (Qt-free).

Filtering works on the Python list directly: a proxy model testing every column through
``data()`` is 10–20× slower at 16,000 rows (perf-baselines.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zwgk_desktop.core.fields import FIELD_BY_KEY, FIELDS
from zwgk_desktop.core.model import Catalog, Domain, Item
from zwgk_desktop.gui.clipboard import format_cell, parse_cell

ALL_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)


class Needle:
    """A search text; ASCII letters match regardless of case, Chinese as typed."""

    def __init__(self, text: str) -> None:
        self.text = text.strip()
        self._fold_case = any(ch.isascii() and ch.isalpha() for ch in self.text)
        self._cmp = self.text.casefold() if self._fold_case else self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def folds_case(self) -> bool:
        """Whether cells are compared case-folded (the text has ASCII letters)."""
        return self._fold_case

    def found_in(self, text: str) -> bool:
        if self._fold_case:
            return self._cmp in text.casefold()
        return self._cmp in text

    def count_in(self, text: str) -> int:
        if self._fold_case:
            return text.casefold().count(self._cmp)
        return text.count(self._cmp)


def cell_text(item: Item, key: str) -> str:
    return format_cell(key, getattr(item, key))


def item_matches(item: Item, needle: Needle, keys: Sequence[str] = ALL_KEYS) -> bool:
    for key in keys:
        value = getattr(item, key)
        if isinstance(value, list):
            if any(needle.found_in(v) for v in value):
                return True
        elif needle.found_in(value):
            return True
    return False


def filter_rows(
    items: Sequence[Item], text: str, keys: Sequence[str] = ALL_KEYS
) -> list[int] | None:
    """Indices of the items containing ``text``; ``None`` when there is no filter."""
    needle = Needle(text)
    if not needle:
        return None
    return [n for n, item in enumerate(items) if item_matches(item, needle, keys)]


@dataclass(frozen=True)
class Match:
    domain_id: str
    item_id: int
    row: int  # 0-based index in the domain at the time of the search
    key: str


def find_all(
    catalog: Catalog,
    text: str,
    domain_ids: Iterable[str] | None = None,
    keys: Sequence[str] = ALL_KEYS,
) -> list[Match]:
    """Every cell containing ``text``, in catalog order (domain, row, column)."""
    needle = Needle(text)
    if not needle:
        return []
    wanted = None if domain_ids is None else set(domain_ids)
    matches: list[Match] = []
    for domain in catalog.domains:
        if wanted is not None and domain.id not in wanted:
            continue
        for row, item in enumerate(domain.items):
            for key in keys:
                if needle.found_in(cell_text(item, key)):
                    matches.append(Match(domain.id, item.id or 0, row, key))
    return matches


def replace_in_text(text: str, needle: Needle, replacement: str) -> str:
    """Replace every occurrence (case-insensitively for ASCII letters)."""
    if not needle._fold_case:
        return text.replace(needle.text, replacement)
    out: list[str] = []
    folded = text.casefold()
    start = 0
    n = len(needle._cmp)
    while True:
        hit = folded.find(needle._cmp, start)
        if hit < 0 or len(folded) != len(text):
            if hit >= 0:  # casefold changed the length (ß …): fall back to exact case
                return text.replace(needle.text, replacement)
            break
        out.append(text[start:hit])
        out.append(replacement)
        start = hit + n
    out.append(text[start:])
    return "".join(out)


def replaced_value(item: Item, key: str, text: str, replacement: str) -> str | list[str] | None:
    """The new value of a cell after replacing ``text``, or ``None`` if nothing changes.

    Choice cells are replaced in their “、”-joined form and parsed back, so replacing
    “政府服务中心” by “政务服务中心” yields the canonical term.
    """
    needle = Needle(text)
    if not needle:
        return None
    old = getattr(item, key)
    old_text = format_cell(key, old)
    if not needle.found_in(old_text):
        return None
    new_text = replace_in_text(old_text, needle, replacement)
    new = parse_cell(key, new_text) if FIELD_BY_KEY[key].is_choice else new_text
    return None if new == old else new


def _cell_hit(item: Item, key: str, needle: Needle) -> bool:
    value = getattr(item, key)
    if isinstance(value, list):
        return needle.found_in("、".join(value))
    return needle.found_in(value)


def find_from(
    domains: Sequence[Domain],
    text: str,
    start: tuple[int, int, str] | None,
    forward: bool = True,
    keys: Sequence[str] = ALL_KEYS,
) -> tuple[Match | None, bool]:
    """The next (or previous) cell containing ``text`` after ``start``, wrapping around.

    ``start`` is (index into ``domains``, 0-based row, field key) of the current cell
    (row -1: before the first row). The scan stops at the first hit, so 查找下一个 costs
    the distance to the next match, not a pass over every cell of the catalog; it only
    visits every cell when there is no other match. Returns (match, wrapped).
    """
    needle = Needle(text)
    if not needle or not domains:
        return None, False
    order = sorted(keys, key=ALL_KEYS.index)
    rank = {key: ALL_KEYS.index(key) for key in order}
    count = len(domains)
    d0, r0, k0 = start if start is not None else (0, -1, ALL_KEYS[-1])
    d0 = min(max(d0, 0), count - 1)
    here = ALL_KEYS.index(k0) if k0 in ALL_KEYS else len(ALL_KEYS)
    sign = 1 if forward else -1
    cols = order if forward else order[::-1]
    for step in range(count + 1):
        di = (d0 + sign * step) % count
        items = domains[di].items
        last = len(items) - 1
        if step == 0:
            rows = range(max(r0, 0), last + 1) if forward else range(min(r0, last), -1, -1)
        elif step == count:
            rows = range(0, min(r0, last) + 1) if forward else range(last, max(r0, 0) - 1, -1)
        else:
            rows = range(last + 1) if forward else range(last, -1, -1)
        wrapped = step > 0 and (di <= d0 if forward else di >= d0)
        for row in rows:
            item = items[row]
            boundary = row == r0 and step in (0, count)
            for key in cols:
                if boundary:
                    after = rank[key] > here if forward else rank[key] < here
                    if after != (step == 0):
                        continue
                if _cell_hit(item, key, needle):
                    return Match(domains[di].id, item.id or 0, row, key), wrapped or step == count
    return None, False
