"""Which item of one version is which item of another.

Used to compare rounds, to compare with the standard templates and to find a comment's
item again after the township has edited the catalog. Positions change (rows inserted,
deleted, sorted), so an item is recognised, in this order, by:

1. ``template_ref`` (the template item it was made from), preferring equal names when a
   template row was copied;
2. its folded 一级/二级 names (fullwidth/halfwidth, traditional and spaces ignored);
3. its folded 二级 name alone, when unique on both sides (the 一级 was renamed);
4. within the same 一级, a similar 二级 name + 公开内容 (the 二级 was renamed).

What is left over was added or removed.
"""

from __future__ import annotations

import bisect
import difflib
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.text import fold

SIMILARITY = 0.6
_MAX_SIMILAR_GROUP = 200  # pairwise comparison only for small leftovers
# Items are compared by their name and the start of their content: SequenceMatcher.ratio is
# quadratic in the worst case (12 s for two 8,000-character cells of 长 and 短), and a
# received file may hold 32,767 characters in a cell. Real contents are far shorter (the
# templates' longest is 137). The exact ratios of one comparison also stop after
# _SIMILAR_SECONDS: the largest real groups (200 × 200 items) take about half a second,
# while 300-character texts built to be slow take ~10 ms a pair. Past it, the items left
# unpaired show as removed and added, which a reviewer can still read.
_SIMILAR_CHARS = 300
_SIMILAR_SECONDS = 5.0


@dataclass(frozen=True)
class Match:
    """``old``/``new`` are 0-based indices; one of them is None for removed/added items."""

    old: int | None
    new: int | None
    how: str = ""  # template_ref | name | level2 | similar ("" when unmatched)


def name_key(item: Item) -> tuple[str, str]:
    return (fold(item.level1), fold(item.level2))


def _pair_in_order(olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    return list(zip(olds, news, strict=False))


def match_items(old: Sequence[Item], new: Sequence[Item]) -> list[Match]:
    """Pair the items of two versions of one domain; result in display order.

    Display order follows ``new``; a removed item appears after the item that preceded it
    in ``old``.
    """
    old_to_new: dict[int, tuple[int, str]] = {}
    taken_new: set[int] = set()
    old_keys = [name_key(i) for i in old]
    new_keys = [name_key(i) for i in new]

    def pair(o: int, n: int, how: str) -> None:
        old_to_new[o] = (n, how)
        taken_new.add(n)

    # 1. template_ref, same names first, then in order
    by_ref_old: dict[str, list[int]] = defaultdict(list)
    by_ref_new: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(old):
        if item.template_ref:
            by_ref_old[item.template_ref].append(i)
    for j, item in enumerate(new):
        if item.template_ref:
            by_ref_new[item.template_ref].append(j)
    for ref, olds in by_ref_old.items():
        news = by_ref_new.get(ref)
        if not news:
            continue
        if len(olds) == 1 and len(news) == 1:
            pair(olds[0], news[0], "template_ref")
            continue
        rest_old = []
        for o in olds:
            same = next(
                (n for n in news if n not in taken_new and new_keys[n] == old_keys[o]), None
            )
            if same is None:
                rest_old.append(o)
            else:
                pair(o, same, "template_ref")
        for o, n in _pair_in_order(rest_old, [n for n in news if n not in taken_new]):
            pair(o, n, "template_ref")

    # 2. folded names
    by_name_new: dict[tuple[str, str], list[int]] = defaultdict(list)
    for j, key in enumerate(new_keys):
        if j not in taken_new and any(key):
            by_name_new[key].append(j)
    for i, key in enumerate(old_keys):
        if i in old_to_new or not any(key):
            continue
        candidates = by_name_new.get(key)
        if candidates:
            pair(i, candidates.pop(0), "name")

    # 3. unique 二级 name
    def unique_level2(keys: list[tuple[str, str]], free: list[int]) -> dict[str, int]:
        seen: dict[str, list[int]] = defaultdict(list)
        for k in free:
            if keys[k][1]:
                seen[keys[k][1]].append(k)
        return {name: ks[0] for name, ks in seen.items() if len(ks) == 1}

    free_old = [i for i in range(len(old)) if i not in old_to_new]
    free_new = [j for j in range(len(new)) if j not in taken_new]
    if free_old and free_new:
        u_old = unique_level2(old_keys, free_old)
        u_new = unique_level2(new_keys, free_new)
        for name, o in u_old.items():
            n = u_new.get(name)
            if n is not None:
                pair(o, n, "level2")

    # 4. similar names and content within the same 一级
    free_new_by_l1: dict[str, list[int]] = defaultdict(list)
    for j in range(len(new)):
        if j not in taken_new:
            free_new_by_l1[new_keys[j][0]].append(j)
    free_old_by_l1: dict[str, list[int]] = defaultdict(list)
    for i in range(len(old)):
        if i not in old_to_new and old_keys[i][0] in free_new_by_l1:
            free_old_by_l1[old_keys[i][0]].append(i)
    groups = [
        (
            [(o, _similar_text(old_keys[o][1], old[o])) for o in olds],
            [(n, _similar_text(new_keys[n][1], new[n])) for n in free_new_by_l1[level1]],
        )
        for level1, olds in free_old_by_l1.items()
        if len(olds) <= _MAX_SIMILAR_GROUP and len(free_new_by_l1[level1]) <= _MAX_SIMILAR_GROUP
    ]
    scored = _similar_pairs(groups)
    for _ratio, o, n in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if o not in old_to_new and n not in taken_new:
            pair(o, n, "similar")

    return _in_display_order(len(old), len(new), old_to_new)


def _similar_pairs(
    groups: list[tuple[list[tuple[int, str]], list[tuple[int, str]]]],
) -> list[tuple[float, int, int]]:
    """(ratio, old, new) of the pairs at least SIMILARITY alike, within each group of
    (old, new) texts; none more after _SIMILAR_SECONDS of exact ratios."""
    scored: list[tuple[float, int, int]] = []
    deadline = time.monotonic() + _SIMILAR_SECONDS
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for olds, news in groups:
        for n, b in news:
            matcher.set_seq2(b)  # what SequenceMatcher learns of b, once for all olds
            for o, a in olds:
                matcher.set_seq1(a)
                if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
                    continue
                if time.monotonic() > deadline:
                    return scored
                ratio = matcher.ratio()
                if ratio >= SIMILARITY:
                    scored.append((ratio, o, n))
    return scored


def _similar_text(name: str, item: Item) -> str:
    """What similarity compares: the name and the start of the content (folded)."""
    return (name + "|" + fold(item.content[:_SIMILAR_CHARS]))[:_SIMILAR_CHARS]


def _in_display_order(
    n_old: int, n_new: int, old_to_new: dict[int, tuple[int, str]]
) -> list[Match]:
    new_to_old = {n: (o, how) for o, (n, how) in old_to_new.items()}
    removed = [o for o in range(n_old) if o not in old_to_new]
    # A removed item goes after the nearest preceding old item that survived.
    after: dict[int, list[int]] = defaultdict(list)  # new index (or -1) -> removed old indices
    survivors = sorted(old_to_new)
    for o in removed:
        k = bisect.bisect_left(survivors, o)
        after[old_to_new[survivors[k - 1]][0] if k else -1].append(o)
    result = [Match(o, None) for o in after.get(-1, [])]
    for n in range(n_new):
        if n in new_to_old:
            o, how = new_to_old[n]
            result.append(Match(o, n, how))
        else:
            result.append(Match(None, n))
        result.extend(Match(o, None) for o in after.get(n, []))
    return result
