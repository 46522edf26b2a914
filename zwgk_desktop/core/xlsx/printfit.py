"""Per-sheet print widths: the page width shared among a domain's text columns so that its
own texts wrap to the fewest printed pages.

A row is as tall as its tallest cell, so fixed widths made for an average catalog waste
lines wherever a domain's texts differ from the average (long 公开依据 here, long 公开时限
there). A small local search moves whole units of width between the text columns while the
estimated page count, then the total row height, goes down. Line counts are the writer's
own (:func:`textsize.line_count`; the channel list's counted as it is rendered), so the
estimate is the row heights the sheet gets. Large domains are fitted on an even sample of
their items. The chosen channel width is recorded in the metadata (its line breaks are part
of the sheet's digest), so the import check never has to fit a sheet again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from zwgk_desktop.core.model import Item
from zwgk_desktop.core.vocab import CHANNELS
from zwgk_desktop.core.xlsx.columns import PAGE_UNITS, PlanColumn, fits_page, total_units
from zwgk_desktop.core.xlsx.glyphs import TICK
from zwgk_desktop.core.xlsx.printpage import grown_last_row, page_count, row_height
from zwgk_desktop.core.xlsx.textsize import text_units, usable_units

POINTS = 9.0
# The narrowest each column may become: two characters a line for the short columns, four
# for 公开内容 and 公开依据, whose headers and texts need them.
MIN_WIDTHS: dict[str, int] = {
    "level1": 5,
    "level2": 5,
    "content": 8,
    "basis": 8,
    "time_limit": 5,
    "subject": 5,
    "channels": 8,
}
SAMPLE_ITEMS = 32  # enough to see a domain's text lengths; bounds the cost on large ones
PAGE_AWARE_ITEMS = 16  # up to two pages of items: fit to the page count, then the height
_STEPS = (1, 2, 4)
_LONGEST_CHANNEL = max(text_units(TICK + term) for term in CHANNELS.terms)
_COMPACT_NAME = text_units(TICK + "政务服务中心")


def fit_widths(columns: list[PlanColumn], items: list[Item], compact: bool) -> list[PlanColumn]:
    """``columns`` with the text columns' widths chosen for ``items``, within the page
    width the planned columns take; unchanged when they do not fit a page already."""
    flexible = [n for n, c in enumerate(columns) if c.key in MIN_WIDTHS and c.kind != "mark"]
    if not items or not flexible or not fits_page(columns):
        return columns
    keys = [columns[n].key for n in flexible]
    room = int(PAGE_UNITS - total_units(columns) + sum(columns[n].width for n in flexible))
    mins = [MIN_WIDTHS[k] for k in keys]
    if "channels" in keys:
        mins[keys.index("channels")] = _channel_min_width(items, compact)
    if sum(mins) > room:
        return columns
    sample = _sample(items)
    search = _Search(keys, sample, compact, whole=len(items) <= PAGE_AWARE_ITEMS)
    # the search stops at the first choice no single move improves, so a domain of a
    # page or two (where one item more or less on a page counts) is searched from two
    # starts, widths in proportion to the columns' text and the planned widths, and the
    # better end wins; a larger one from the first only
    starts = [_proportional(keys, sample, mins, room)]
    if search.whole:
        planned = [max(m, int(columns[n].width)) for n, m in zip(flexible, mins, strict=True)]
        starts.append(_within(planned, mins, room))
    widths = min((search.run(start, mins, room) for start in starts), key=search.cost)
    chosen = dict(zip(flexible, widths, strict=True))
    return [replace(c, width=float(chosen[n])) if n in chosen else c for n, c in enumerate(columns)]


def estimate(columns: list[PlanColumn], items: list[Item], compact: bool) -> tuple[int, float]:
    """(pages, total row height in points) the items print to at these column widths, as
    the writer sets the rows (the 一级事项 merges included; mark columns ignored)."""
    flexible = [c for c in columns if c.key in MIN_WIDTHS and c.kind != "mark"]
    search = _Search([c.key for c in flexible], items, compact, whole=True)
    return search.cost([c.width for c in flexible])


def channel_lines(channels: tuple[str, ...], width: float, compact: bool) -> int:
    """Lines of the rendered channel list (:func:`glyphs.render_channels` at 9 points, then
    :func:`textsize.line_count`), counted from the entries' widths without building it."""
    entries = _entry_units(channels, compact)
    if not entries:
        return 1
    usable = usable_units(width, POINTS)
    packing = max(usable, 8.0)  # render_channels' own floor
    lines, current = 0, -1
    for units in entries:
        if current >= 0 and current + 1 + units > packing:
            lines += max(1, math.ceil(current / usable))
            current = units
        else:
            current = units if current < 0 else current + 1 + units
    return lines + max(1, math.ceil(current / usable))


@lru_cache(maxsize=4096)
def _entry_units(channels: tuple[str, ...], compact: bool) -> tuple[int, ...]:
    """Widths of the entries render_channels lists for these channels (■ and □ alike)."""
    chosen = set(channels)
    names = [term for term in CHANNELS.terms if not compact or term in chosen]
    names += [name for name in channels if name not in CHANNELS.terms]
    return tuple(text_units(TICK + name) for name in names)


def _channel_min_width(items: list[Item], compact: bool) -> int:
    """Wide enough that no channel name of the full ■/□ list breaks inside; the compact
    list (a few ticked names) keeps names up to :data:`_COMPACT_NAME` whole and lets a
    longer one wrap rather than widen the column for every row."""
    if not compact:
        longest = _LONGEST_CHANNEL
    else:
        longest = 0
        for item in items:
            for name in item.channels:
                longest = max(longest, text_units(TICK + name))
            if longest >= _COMPACT_NAME:
                longest = _COMPACT_NAME
                break
    width = MIN_WIDTHS["channels"]
    while usable_units(width, POINTS) < longest:
        width += 1
    return width


def _sample(items: list[Item]) -> list[Item]:
    if len(items) <= SAMPLE_ITEMS:
        return items
    step = len(items) / SAMPLE_ITEMS
    return [items[int(k * step)] for k in range(SAMPLE_ITEMS)]


def _proportional(keys: list[str], items: list[Item], mins: list[int], room: int) -> list[int]:
    """Widths in proportion to each column's total text (at least the minimum)."""
    sizes = [sum(text_units(_text(item, key)) for item in items) + 1 for key in keys]
    total = sum(sizes)
    widths = [max(m, int(room * size / total)) for m, size in zip(mins, sizes, strict=True)]
    return _within(widths, mins, room)


def _text(item: Item, key: str) -> str:
    if key == "channels":
        return " ".join(TICK + name for name in item.channels)
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _within(widths: list[int], mins: list[int], room: int) -> list[int]:
    """Trim the widest columns (never below their minimum) until the widths fit ``room``."""
    widths = list(widths)
    while sum(widths) > room:
        n = max(range(len(widths)), key=lambda k: widths[k] - mins[k])
        widths[n] -= 1
    return widths


class _Search:
    """Line counts per column and width (computed on demand) and the cost of a choice."""

    def __init__(self, keys: list[str], items: list[Item], compact: bool, whole: bool) -> None:
        self.keys = keys
        self.items = items
        self.compact = compact
        self.whole = whole  # every item is here: pages can be counted
        self.tables: list[dict[float, list[int]]] = [{} for _ in keys]
        self.level1 = keys.index("level1") if "level1" in keys else -1
        runs = [(s, e) for s, e, value in level1_runs(items) if value]
        self.runs = [(s, e) for s, e in runs if e > s]  # merged over several rows
        self.solo = [False] * len(items)
        for start, end in runs:
            self.solo[start] = start == end
        self.memo: dict[tuple[float, ...], tuple[int, float]] = {}
        self.one_line = [1] * len(items)
        self.channel_sets = [tuple(item.channels) for item in items]
        self.paragraphs = [
            [_paragraph_units(item.get(key)) for item in items] if key != "channels" else []
            for key in keys
        ]

    def lines(self, column: int, width: float) -> list[int]:
        table = self.tables[column]
        found = table.get(width)
        if found is None:
            found = table[width] = self._count(column, width)
        return found

    def _count(self, column: int, width: float) -> list[int]:
        """Lines of every item's cell at ``width``, as :func:`textsize.line_count` counts
        them (text columns from their paragraphs' measured widths, measured once)."""
        if self.keys[column] == "channels":
            counted: dict[tuple[str, ...], int] = {}
            for channels in self.channel_sets:
                if channels not in counted:
                    counted[channels] = channel_lines(channels, width, self.compact)
            return [counted[channels] for channels in self.channel_sets]
        usable = usable_units(width, POINTS)
        return [
            sum(max(1, math.ceil(units / usable)) for units in paragraphs)
            for paragraphs in self.paragraphs[column]
        ]

    def cost(self, widths: Sequence[float]) -> tuple[int, float]:
        """(pages, total row height) of the items at these widths (remembered: the search
        comes back to the same choices)."""
        key = tuple(widths)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._cost(widths)
        return found

    def _cost(self, widths: Sequence[float]) -> tuple[int, float]:
        # every row has a line at least (and max gets two lists or more)
        per_row = [self.one_line, self.one_line]
        per_row += [self.lines(c, w) for c, w in enumerate(widths) if c != self.level1]
        if self.level1 >= 0:
            # a 一级事项 of one row is one more cell of its row; a merged one may make the
            # last row of its run taller
            level1 = self.lines(self.level1, widths[self.level1])
            per_row.append([n if solo else 1 for n, solo in zip(level1, self.solo, strict=True)])
        heights = [_height(lines) for lines in map(max, *per_row)]
        if self.level1 >= 0:
            for start, end in self.runs:
                heights[end] = grown_last_row(heights, start, end, level1[start])
        return (page_count(heights) if self.whole else 0), sum(heights)

    def run(self, widths: list[int], mins: list[int], room: int) -> list[int]:
        """Hand out the spare units (in a few chunks), then move units between columns
        while it helps."""
        best = self.cost(widths)
        while (spare := room - sum(widths)) > 0:
            step = max(1, spare // 4)
            best, widths = min(
                (
                    (self.cost(c), c)
                    for b in range(len(widths))
                    if (c := _moved(widths, None, b, step))
                ),
                key=_first,
            )
        improved = True
        while improved:
            improved = False
            for step in _STEPS:
                for a in range(len(widths)):
                    if widths[a] - step < mins[a]:
                        continue
                    for b in range(len(widths)):
                        if a == b:
                            continue
                        trial = _moved(widths, a, b, step)
                        cost = self.cost(trial)
                        if cost < best:
                            widths, best, improved = trial, cost, True
                            break
        return widths


def _paragraph_units(text: str) -> list[int]:
    """Each line's width in text units (an empty cell counts as one line)."""
    return [text_units(line) for line in text.split("\n")] if text else [0]


def _first(entry: tuple[tuple[int, float], list[int]]) -> tuple[int, float]:
    return entry[0]


_HEIGHTS = [row_height(lines) for lines in range(64)]


def _height(lines: int) -> float:
    return _HEIGHTS[lines] if lines < 64 else row_height(lines)


def _moved(widths: list[int], source: int | None, target: int, step: int) -> list[int]:
    moved = list(widths)
    if source is not None:
        moved[source] -= step
    moved[target] += step
    return moved


def level1_runs(items: list[Item]) -> list[tuple[int, int, str]]:
    """(first, last, value) for each run of equal, non-empty consecutive 一级事项 (merged
    into one cell by the writer)."""
    runs: list[tuple[int, int, str]] = []
    n = 0
    while n < len(items):
        value = items[n].level1
        end = n
        while value and end + 1 < len(items) and items[end + 1].level1 == value:
            end += 1
        runs.append((n, end, value))
        n = end + 1
    return runs
