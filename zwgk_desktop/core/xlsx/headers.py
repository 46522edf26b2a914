"""Find the header of a catalog table and map its columns to item fields.

Everything is derived from :data:`fields.FIELDS` (labels and ``header_aliases``) and the
vocabularies, plus the structural labels seen in published catalogs (序号, 领域, the group
headers 公开事项/公开对象/公开方式/公开层级 and their sub-labels). Labels are compared after
:func:`text.fold` and with annotations in brackets removed, so "公开渠道和载体（“■”表示必选项）"
and "公 开 主 体" match too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from zwgk_desktop.core.fields import FIELD_BY_KEY, FIELDS, label_index
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.vocab import AUDIENCE, CHANNELS, LEVEL, METHOD, Vocabulary
from zwgk_desktop.core.xlsx.glyphs import resolve_channel
from zwgk_desktop.core.xlsx.grid import column_letter

HEADER_SCAN_ROWS = 40
MIN_HEADER_SCORE = 3

SEQ_LABELS = ("序号", "编号", "序列号", "排序", "no", "no.", "序")
DOMAIN_LABELS = (
    "领域",
    "相应领域",
    "公开领域",
    "所属领域",
    "试点领域",
    "领域名称",
    "公开领域(编码)",
)
GROUP_LABELS = {
    "公开事项": "items",
    "事项": "items",
    "公开对象": "audience",
    "公开方式": "method",
    "公开层级": "level",
    "公开范围": "audience",
}
SUB_LEVEL_NAMES = {"一级": "level1", "二级": "level2"}
EXTRA_ITEM_LEVELS = ("三级事项", "三级目录", "三级", "四级事项", "四级目录", "四级")
_ANNOTATION_RE = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]|[“\"'].*?[”\"']")
_CHOICE_VOCABS: dict[str, Vocabulary] = {"audience": AUDIENCE, "method": METHOD, "level": LEVEL}


@dataclass(frozen=True)
class Column:
    """What one sheet column holds.

    kind: "seq" | "domain" | "text" (a text field) | "channels" | "mark" (a √ column for
    ``term`` of choice field ``key``, channels included: one √ sub-column per channel) |
    "choice_text" (a choice field written as words) | "extra" (kept in ``item.extra[label]``).
    """

    index: int
    kind: str
    key: str = ""
    term: str = ""
    label: str = ""
    guess: str = ""  # a note when the mapping itself was a guess


@dataclass
class Header:
    """A detected header: its rows and the column map."""

    first_row: int  # 0-based row index of the (top) header row
    last_row: int  # == first_row for a one-row header
    columns: list[Column] = field(default_factory=list)

    def by_kind(self, kind: str) -> list[Column]:
        return [c for c in self.columns if c.kind == kind]

    def field_column(self, key: str) -> Column | None:
        for column in self.columns:
            if column.key == key and column.kind in ("text", "channels", "choice_text"):
                return column
        return None

    @property
    def levels(self) -> list[str]:
        return [c.term for c in self.columns if c.kind == "mark" and c.key == "level"]


def clean_label(text: str | None) -> str:
    """A header cell as shown: whitespace inside removed, line breaks joined."""
    if not text:
        return ""
    return re.sub(r"\s+", "", str(text))


_LONGEST_LABEL = 200  # a longer cell is no header label: its annotations are not looked for


def _keys(label: str) -> tuple[str, ...]:
    """Comparison keys for a label: folded, then without bracketed annotations.

    A cell longer than any label keeps only its folded text: the annotation pattern scans
    from each unclosed bracket or quote to the end, quadratic on a long run of them."""
    full = fold(label)
    if len(full) > _LONGEST_LABEL:
        return (full,)
    bare = _ANNOTATION_RE.sub("", full)
    bare = bare.split("(")[0] if "(" in bare else bare
    return tuple(dict.fromkeys(k for k in (full, bare) if k))


def classify_top(label: str, index: int) -> Column | None:
    """Map a one-row header label; None for an empty label."""
    found = _classify_label(label)
    return None if found is None else replace(found, index=index)


@lru_cache(maxsize=8192)
def _classify_label(label: str) -> Column | None:
    """Cached by label; the column index is filled in by :func:`classify_top`."""
    index = -1
    if not label:
        return None
    fields_ = label_index()
    for key in _keys(label):
        if key.lower() in SEQ_LABELS:
            return Column(index, "seq", label=label)
        if key in {fold(d) for d in DOMAIN_LABELS}:
            return Column(index, "domain", label=label)
        if key in fields_:
            return _field_column(fields_[key], index, label)
        if key in EXTRA_ITEM_LEVELS:
            return Column(index, "extra", label=label, guess=f"“{label}”列放入补充信息")
        if key == "公开事项":
            return Column(
                index, "text", "level2", label=label, guess="单独的“公开事项”列按二级事项读取"
            )
        group = GROUP_LABELS.get(key)
        if group in _CHOICE_VOCABS:
            return Column(index, "choice_text", group, label=label)
    for key in _keys(label):
        for vocab_key, vocab in _CHOICE_VOCABS.items():
            term = vocab.canonical(key)
            if term:
                return Column(index, "mark", vocab_key, term, label)
    channel = CHANNELS.canonical(fold(label))
    if channel and channel != "其他":  # a lone "其他" column need not be a channel
        return Column(index, "mark", "channels", channel, label)
    return Column(index, "extra", label=label)


def _is_channel_group(group: str) -> bool:
    found = _classify_label(group) if group else None
    return found is not None and found.kind == "channels"


def _channel_sub(sub: str, index: int) -> Column:
    """A √ sub-column under a merged 公开渠道和载体 header (政府网站 | 两微一端 | 公开栏 | 其他)."""
    found = resolve_channel(sub)
    if found is None:
        note = f"渠道列“{sub}”不是标准渠道名称，勾选时作为补充渠道保留"
        return Column(index, "mark", "channels", sub, sub, note)
    term = found[0][-1] if len(found[0]) > 1 else found[0][0]
    note = f"渠道列“{sub}”按“{term}”读取" if term != sub else ""
    return Column(index, "mark", "channels", term, sub, note)


def _field_column(key: str, index: int, label: str) -> Column:
    spec = FIELD_BY_KEY[key]
    if key == "channels":
        return Column(index, "channels", key, label=label)
    if spec.is_choice:
        return Column(index, "choice_text", key, label=label)
    return Column(index, "text", key, label=label)


def classify_sub(sub: str, group: str, index: int) -> Column:
    """Map a sub-label under a group header (two-row headers)."""
    group_kind = ""
    for key in _keys(group):
        group_kind = GROUP_LABELS.get(key, group_kind)
    if _is_channel_group(group):
        return _channel_sub(sub, index)
    keys = _keys(sub)
    for key in keys:
        for prefix, field_key in SUB_LEVEL_NAMES.items():
            if key.startswith(prefix) and not key.startswith(prefix + "级") or key == prefix:
                return Column(index, "text", field_key, label=sub)
        if key in EXTRA_ITEM_LEVELS:
            return Column(index, "extra", label=sub, guess=f"“{sub}”列放入补充信息")
    for key in keys:
        for vocab_key, vocab in _CHOICE_VOCABS.items():
            term = vocab.canonical(key)
            if term:
                note = (
                    f"公开层级“{sub}”按“{term}”读取" if vocab_key == "level" and key != term else ""
                )
                return Column(index, "mark", vocab_key, term, sub, note)
    if group_kind in _CHOICE_VOCABS:
        term = keys[-1] if keys else sub
        note = ""
        if group_kind == "level":
            note = f"公开层级“{sub}”不是常用层级名称，按原文保留"
        else:
            note = f"“{group}”下的“{sub}”列按已勾选读取"
        return Column(index, "mark", group_kind, term, sub, note)
    top = classify_top(sub, index)
    if top is not None and top.kind != "extra":
        return top
    label = sub if not group else f"{group}/{sub}"
    return Column(index, "extra", label=label)


def header_score(row: list[str | None]) -> int:
    """How many cells of ``row`` are known header labels (0 for data rows)."""
    score = 0
    has_item = False
    for index, value in enumerate(row):
        if not value or len(value) > 40:
            continue
        column = classify_top(clean_label(value), index)
        if column is None:
            continue
        if column.kind == "extra":
            if any(k in GROUP_LABELS for k in _keys(clean_label(value))):
                score += 1
                has_item = True
            continue
        score += 1
        if column.key in ("level1", "level2", "content"):
            has_item = True
    return score if has_item else 0


def is_header_row(row: list[str | None]) -> bool:
    return header_score(row) >= MIN_HEADER_SCORE


@lru_cache(maxsize=1)
def _plain_labels() -> frozenset[str]:
    labels = {spec.label for spec in FIELDS} | {a for spec in FIELDS for a in spec.header_aliases}
    labels |= set(SEQ_LABELS) | set(DOMAIN_LABELS) | set(GROUP_LABELS) | {"一级事项", "二级事项"}
    return frozenset(labels)


def may_be_header_row(row: list[str | None]) -> bool:
    """Cheap test for a header repeated among data rows: two cells spelled exactly as labels.

    Data rows are checked with this first; only candidates get the full (folding) score.
    """
    labels = _plain_labels()
    hits = 0
    for value in row:
        if value is not None and len(value) <= 20 and value.strip() in labels:
            hits += 1
            if hits >= 2:
                return True
    return False


def _is_sub_label(label: str) -> bool:
    for key in _keys(label):
        if (
            any(key.startswith(p) for p in SUB_LEVEL_NAMES)
            or key in EXTRA_ITEM_LEVELS
            or any(v.canonical(key) for v in _CHOICE_VOCABS.values())
            or CHANNELS.canonical(key)
        ):
            return True
    return False


def _is_sub_row(row: list[str | None], open_above: set[int]) -> bool:
    """Whether ``row`` holds sub-labels (一级事项, 全社会, 主动, 县级 …) under group headers.

    A flat data row can hold "全社会" and "主动" too, so every filled cell must be short, at
    least two must be sub-labels, and one must sit under a header cell that is empty or
    part of a horizontally merged group label (``open_above``), as groups are laid out.
    """
    filled = {c: clean_label(v) for c, v in enumerate(row) if v and str(v).strip()}
    if not filled or any(len(v) > 16 for v in filled.values()):
        return False
    subs = [c for c, v in filled.items() if _is_sub_label(v)]
    return len(subs) >= 2 and any(c in open_above for c in subs)


def build_header(
    rows: list[list[str | None]],
    top: int,
    ncols: int,
    merged_into: dict[tuple[int, int], tuple[int, int]],
    hidden: frozenset[int] = frozenset(),
) -> Header:
    """Column map for a header starting at row ``top`` (one or two rows); of two columns
    for one field a visible one wins over one the sheet hides (``hidden``: 0-based)."""

    def cell(r: int, c: int) -> str:
        anchor = merged_into.get((r, c), (r, c))
        row = rows[anchor[0]] if anchor[0] < len(rows) else []
        value = row[anchor[1]] if anchor[1] < len(row) else None
        return clean_label(value)

    def vertical_from_top(c: int) -> bool:
        anchor = merged_into.get((top + 1, c))
        return anchor is not None and anchor[0] == top

    next_row = rows[top + 1] if top + 1 < len(rows) else []
    top_row = rows[top]
    open_above = {
        c
        for c in range(ncols)
        if (c >= len(top_row) or not top_row[c])
        or merged_into.get((top, c), (top, c))[0] == top
        and (top, c) in merged_into
    }
    two_rows = top + 1 < len(rows) and (
        _is_sub_row(next_row, open_above) or any(vertical_from_top(c) for c in range(ncols))
    )
    columns: list[Column] = []
    group = ""  # the group label over the previous sub-labelled column
    for c in range(ncols):
        top_label = cell(top, c)
        sub_label = "" if not two_rows or vertical_from_top(c) else cell(top + 1, c)
        if sub_label == top_label:
            sub_label = ""
        if sub_label and not top_label and group:
            top_label = group  # a group label typed once, not merged (or a CSV of one)
        group = top_label if sub_label else ""
        if sub_label:
            column = classify_sub(sub_label, top_label, c)
        else:
            column = classify_top(top_label, c)
        if column is not None:
            columns.append(column)
    return Header(top, top + 1 if two_rows else top, _dedupe(columns, hidden))


def _slot(column: Column) -> str:
    """What a column fills: one field, or one √ term of a choice field ("" for neither)."""
    if column.kind in ("text", "channels", "choice_text"):
        return f"{column.kind == 'choice_text'}:{column.key}"
    if column.kind == "mark":
        return f"mark:{column.key}:{column.term}"
    return ""


def _dedupe(columns: list[Column], hidden: frozenset[int] = frozenset()) -> list[Column]:
    """A text field mapped twice keeps its first visible column (the first one if all are
    hidden); the others become extras. A column the sheet hides that repeats a shown one
    (a √ column too) becomes an extra: a clerk often hides an outdated column rather than
    delete it, and reading it would put old text or ticks in the catalog without a word."""
    chosen: dict[str, int] = {}
    for column in columns:
        slot = _slot(column)
        if slot:
            first = chosen.get(slot)
            if first is None or (first in hidden and column.index not in hidden):
                chosen[slot] = column.index
    result: list[Column] = []
    for column in columns:
        slot = _slot(column)
        label = column.label or column.term
        letter = column_letter(column.index)
        repeated = bool(slot) and chosen[slot] != column.index
        if repeated and column.index in hidden:
            note = f"第{letter}列“{label}”是隐藏列，与显示的同名列重复，未读取，放入补充信息"
            column = Column(column.index, "extra", label=f"{label}（隐藏列）", guess=note)
        elif repeated and column.kind in ("text", "channels"):
            note = f"重复的“{column.label}”列放入补充信息"
            column = Column(column.index, "extra", label=column.label, guess=note)
        elif column.index in hidden and column.kind != "extra":
            note = f"“{label}”取自隐藏的第{letter}列"
            column = Column(column.index, column.kind, column.key, column.term, column.label, note)
        result.append(column)
    return result


def find_header(
    rows: list[list[str | None]],
    ncols: int,
    merged_into: dict[tuple[int, int], tuple[int, int]],
    start: int = 0,
    scan: int = HEADER_SCAN_ROWS,
    hidden: frozenset[int] = frozenset(),
) -> Header | None:
    """The first header at or below ``start`` within ``scan`` rows, or None."""
    for r in range(start, min(len(rows), start + scan)):
        if rows[r] and is_header_row(rows[r]):
            return build_header(rows, r, ncols, merged_into, hidden)
    return None
