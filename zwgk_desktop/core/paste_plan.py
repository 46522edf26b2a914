"""Where pasted spreadsheet columns go, and which pasted values are refused.

A clerk pastes what Excel, WPS or LibreOffice put on the clipboard. Going by position
alone puts "主动" into 特定群体说明 when the source sheet lacks that column, so a paste is
first *planned*: a header row maps columns by name (the importer's header matching), and
a header-less block maps from the cursor but is checked against the vocabularies. A plan
that looks wrong carries the reasons and a content-based suggestion, so the GUI can show
a preview before anything is written. Values of one vocabulary landing in another kind of
column are refused with a reason, never stored. Qt-free.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import zip_longest
from operator import itemgetter
from typing import Any

from zwgk_desktop.core.cell_block import KEEP
from zwgk_desktop.core.choice_words import COMPOUND_CHARS, choice_terms, split_list
from zwgk_desktop.core.fields import FIELD_BY_KEY, FIELDS, FieldKind
from zwgk_desktop.core.text import clean_cell, fold, shorten, simplify
from zwgk_desktop.core.vocab import AUDIENCE, CHANNELS, LEVEL, METHOD, Vocabulary
from zwgk_desktop.core.xlsx.glyphs import parse_channels, parse_mark
from zwgk_desktop.core.xlsx.headers import (
    MIN_HEADER_SCORE,
    build_header,
    classify_top,
    clean_label,
    header_score,
)

FIELD_KEYS: tuple[str, ...] = tuple(spec.key for spec in FIELDS)
TEXT_KEYS: tuple[str, ...] = tuple(spec.key for spec in FIELDS if not spec.is_choice)
_CHOICE_KEYS = frozenset(spec.key for spec in FIELDS if spec.is_choice)
# Closed vocabularies first: a term of 公开方式 is never a channel.
_VOCABS: tuple[tuple[str, Vocabulary], ...] = (
    ("method", METHOD),
    ("audience", AUDIENCE),
    ("level", LEVEL),
    ("channels", CHANNELS),
)
_WORDED = ("method", "audience", "level")  # choice fields also written as compound words
_GLYPHS = frozenset("■□√☑☐✓✔")
_QUOTED_CHARS = 16  # a refused value quoted in its reason, “…” included when cut
_LONGEST_TERMS = 24  # "县(市、区)级、乡(镇、街道)级" is 16: longer text is never only terms


@dataclass(frozen=True)
class Target:
    """Where one source column goes: a field ``key`` ("" = not pasted); for a √ column of
    a choice field, ``term`` is added when the cell is ticked."""

    key: str = ""
    term: str = ""

    def label(self) -> str:
        if not self.key:
            return "不粘贴"
        name = FIELD_BY_KEY[self.key].label
        return f"{name}：{self.term}（勾选列）" if self.term else name


SKIP = Target()


@dataclass(frozen=True)
class Refusal:
    row: int  # 0-based data row of the pasted block
    column: int  # 0-based source column
    key: str
    value: str
    reason: str


@dataclass
class PastePlan:
    """A pasted block, the column mapping and whether the clerk should look first."""

    rows: list[list[str]]  # data rows (a header row removed)
    labels: list[str]  # one per source column: the header text or "第 N 列"
    targets: list[Target]
    by_header: bool = False
    reasons: list[str] = field(default_factory=list)  # why a preview is needed (Chinese)
    converted: Any = field(default=None, repr=False)  # (targets, convert() result)

    @property
    def width(self) -> int:
        return len(self.labels)

    @property
    def needs_review(self) -> bool:
        return bool(self.reasons)


# --------------------------------------------------------------------- vocabulary checks
_terms = split_list


_CJK = ("\u4e00", "\u9fff")  # unified ideographs: NFKC leaves them as they are


@lru_cache(maxsize=1)
def _foreign_ideograph() -> re.Pattern[str]:
    """An ideograph that no vocabulary term or alias holds, even after folding.

    ``fold`` changes such a character only by ``simplify``; a text holding one has a
    term no vocabulary knows, so it needs no folding at all (most pasted text).
    """
    known = {c for _, vocab in _VOCABS for word in vocab.words() for c in fold(word)}
    known |= COMPOUND_CHARS
    block = "".join(map(chr, range(ord(_CJK[0]), ord(_CJK[1]) + 1)))
    known |= {raw for raw, simple in zip(block, simplify(block), strict=True) if simple in known}
    allowed = "".join(sorted(c for c in known if _CJK[0] <= c <= _CJK[1]))
    return re.compile(f"(?![{allowed}])[{_CJK[0]}-{_CJK[1]}]")


@lru_cache(maxsize=4096)
def vocabulary_kind(text: str) -> str | None:
    """The choice field whose vocabulary names every term of ``text`` (None if none does).

    Each term is folded once for all vocabularies (a paste checks every distinct cell).
    """
    if _foreign_ideograph().search(text) is not None:
        return None
    folded = [fold(term) for term in _terms(text)]
    if not folded:
        return None
    for key, vocab in _VOCABS:
        if all(vocab.knows_folded(f) for f in folded):
            return key
    for key in _WORDED:  # "主动+依申请", "县乡两级"
        terms, unknown = choice_terms(key, text, bare_units=False)
        if terms and not unknown:
            return key
    return None


@lru_cache(maxsize=8192)
def check_value(key: str, text: str) -> tuple[Any, str | None]:
    """The value of field ``key`` for a pasted cell, or (None, reason) if it is refused."""
    spec = FIELD_BY_KEY[key]
    choice = key in _CHOICE_KEYS  # every distinct text of a new paste comes here
    stripped = text.strip()
    if not stripped:
        return ([] if choice else ""), None
    if not choice and len(stripped) > _LONGEST_TERMS:
        return clean_cell(text), None  # too long to be vocabulary terms only
    kind = vocabulary_kind(stripped)
    if not choice:
        if kind is not None and kind != "channels":
            return None, (
                f"“{shorten(stripped, _QUOTED_CHARS)}”是{FIELD_BY_KEY[kind].label}的取值，不能填入{spec.label}"
            )
        return clean_cell(text), None
    if kind is not None and kind != key:
        return (
            None,
            f"“{shorten(stripped, _QUOTED_CHARS)}”是{FIELD_BY_KEY[kind].label}的取值，不能填入{spec.label}",
        )
    vocab = spec.vocabulary
    assert vocab is not None
    if key == "channels" and any(ch in _GLYPHS for ch in stripped):
        return vocab.normalize(parse_channels(stripped).channels), None
    if key == "channels":
        return vocab.normalize(_terms(stripped)), None
    terms, unknown = choice_terms(key, stripped)
    if unknown and not vocab.open:
        return None, (
            f"“{shorten(unknown[0], _QUOTED_CHARS)}”不是{spec.label}的取值（可填：{'、'.join(vocab.terms)}）"
        )
    return vocab.normalize(terms + unknown), None


# --------------------------------------------------------------------- planning
def plan_paste(rows: Sequence[Sequence[str]], start_column: int) -> PastePlan:
    """Plan a pasted block whose top-left lands on field number ``start_column``."""
    width = max(map(len, rows), default=0)
    if min(map(len, rows), default=width) < width or not {list}.issuperset(map(type, rows)):
        block = [[*r, *[""] * (width - len(r))] for r in rows]  # ragged rows padded
    else:  # the caller's rows as they are (never changed here): no copy of 500 lists
        block = list(rows)  # type: ignore[arg-type]
    header = _header_plan(block, width)
    if header is not None:
        return header
    labels = [f"第 {n + 1} 列" for n in range(width)]
    targets = [
        Target(FIELD_KEYS[start_column + n]) if start_column + n < len(FIELD_KEYS) else SKIP
        for n in range(width)
    ]
    plan = PastePlan(block, labels, targets)
    room = len(FIELD_KEYS) - start_column
    if width > room:
        plan.reasons.append(
            f"粘贴内容有 {width} 列，从“{FIELD_BY_KEY[FIELD_KEYS[start_column]].label}”"
            f"往右只有 {room} 列"
        )
    refused = refusals(plan) if width > 1 else []  # one column: refuse, nothing to choose
    if refused and suggest_targets(block, start_column) != targets:
        columns = sorted({r.column for r in refused})
        plan.reasons.append(
            "按位置粘贴时，"
            + "、".join(f"{labels[c]}的“{_first_refused(refused, c)}”" for c in columns[:3])
            + " 会落在不相符的列"
        )
    if plan.reasons:
        plan.targets = suggest_targets(block, start_column)
    return plan


def _first_refused(refused: list[Refusal], column: int) -> str:
    return next(shorten(r.value, _QUOTED_CHARS) for r in refused if r.column == column)


def _header_plan(block: list[list[str]], width: int) -> PastePlan | None:
    if not block:
        return None
    first = block[0]
    if header_score(first) < MIN_HEADER_SCORE and not (len(block) >= 2 and _all_fields(first)):
        return None
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    anchor = -1
    for n, value in enumerate(first):
        if value.strip():
            anchor = n
        elif anchor >= 0 and len(block) > 1 and block[1][n].strip():
            merged[(0, n)] = (0, anchor)  # a group label merged across (empty in TSV)
    found = build_header(block, 0, width, merged)
    targets = [SKIP] * width
    labels = [clean_label(v) or f"第 {n + 1} 列" for n, v in enumerate(first)]
    for column in found.columns:
        if column.kind in ("text", "channels", "choice_text"):
            targets[column.index] = Target(column.key)
        elif column.kind == "mark":
            targets[column.index] = Target(column.key, column.term)
        if found.last_row > 0 and column.kind == "mark":
            labels[column.index] = f"{labels[column.index]}/{clean_label(block[1][column.index])}"
    data = block[found.last_row + 1 :]
    plan = PastePlan(data, labels, targets, by_header=True)
    taken = {t.key for t in targets if t.key}
    guessed = []
    for n, target in enumerate(targets):
        kind = None if target.key or _is_seq(labels[n]) else _column_kind(data, n)
        if kind is not None and kind not in taken:
            targets[n] = Target(kind)
            taken.add(kind)
            guessed.append(f"“{labels[n]}”按内容放入{FIELD_BY_KEY[kind].label}")
    if guessed:
        plan.reasons.append("；".join(guessed))
    lost = [
        labels[n]
        for n, target in enumerate(targets)
        if not target.key and any(r[n].strip() for r in data) and not _is_seq(labels[n])
    ]
    if lost:
        plan.reasons.append("、".join(f"“{x}”" for x in lost[:4]) + " 列没有对应的字段")
    if refusals(plan):
        plan.reasons.append("有些值与所在列的种类不符")
    return plan


def _all_fields(row: list[str]) -> bool:
    """Every filled cell names a field (a header of field names only); stops at the first
    that does not (a data row, the usual paste)."""
    named = (classify_top(clean_label(v), n) for n, v in enumerate(row) if v.strip())
    found = False
    for column in named:
        if column is None or column.kind not in ("text", "channels", "choice_text"):
            return False
        found = True
    return found


def _is_seq(label: str) -> bool:
    column = classify_top(label, 0)
    return column is not None and column.kind in ("seq", "domain")


def _column_kind(block: Sequence[Sequence[str]], n: int) -> str | None:
    """The vocabulary most of column ``n``'s filled cells belong to, if any."""
    values = [r[n].strip() for r in block if n < len(r) and r[n].strip()]
    found = [vocabulary_kind(v) for v in values]
    top = max(set(found), key=lambda k: (found.count(k), k or "")) if found else None
    return top if top is not None and found.count(top) * 2 >= len(found) else None


def suggest_targets(block: Sequence[Sequence[str]], start_column: int) -> list[Target]:
    """A mapping by content: vocabulary columns go to their field, the other columns fill the
    text fields in order (from the cursor when they fit, else as early as needed)."""
    width = max((len(r) for r in block), default=0)
    kinds = [_column_kind(block, n) for n in range(width)]
    taken = {k for k in kinds if k}
    text_columns = [n for n in range(width) if kinds[n] is None]
    first_text = next(
        (i for i, k in enumerate(TEXT_KEYS) if FIELD_KEYS.index(k) >= start_column), 0
    )
    first_text = max(0, min(first_text, len(TEXT_KEYS) - len(text_columns)))
    targets = [SKIP] * width
    for n in range(width):
        if kinds[n]:
            targets[n] = Target(kinds[n])  # type: ignore[arg-type]
    for offset, n in enumerate(text_columns):
        index = first_text + offset
        if index < len(TEXT_KEYS) and TEXT_KEYS[index] not in taken:
            targets[n] = Target(TEXT_KEYS[index])
    return targets


# --------------------------------------------------------------------- values
@dataclass(frozen=True)
class PasteColumns:
    """The converted block, a column per mapped field: ``columns[k][r]`` is the value of
    field ``keys[k]`` for data row ``r``, or KEEP where the cell is refused or not given
    (a field no row gives is left out).
    Choice values are lists shared with ``check_value``'s cache: never mutate them (the
    blocks written freeze them, new items copy them)."""

    keys: tuple[str, ...]
    columns: tuple[list[Any], ...]
    height: int
    refused: list[Refusal]

    def row_dicts(self) -> list[dict[str, Any]]:
        """One dict per row of the values given (choice values as lists)."""
        out: list[dict[str, Any]] = [{} for _ in range(self.height)]
        for key, column in zip(self.keys, self.columns, strict=True):
            choice = FIELD_BY_KEY[key].is_choice
            for values, value in zip(out, column, strict=True):
                if value is not KEEP:
                    values[key] = list(value) if choice else value
        return out


def refusals(plan: PastePlan) -> list[Refusal]:
    return convert_columns(plan).refused


def convert(plan: PastePlan) -> tuple[list[dict[str, Any]], list[Refusal]]:
    """Field values per data row (only the mapped fields) and the refused cells."""
    result = convert_columns(plan)
    return result.row_dicts(), result.refused


def convert_columns(plan: PastePlan) -> PasteColumns:
    """The pasted values a column per field, and the refused cells.

    Remembered on the plan for its current targets (planning checks, pasting uses it).
    """
    key = tuple(plan.targets)
    if plan.converted is not None and plan.converted[0] == key:
        return plan.converted[1]  # type: ignore[no-any-return]
    mapped = [t.key for t in plan.targets if t.key]
    if all(not t.term for t in plan.targets) and len(set(mapped)) == len(mapped):
        result = _convert_columns(plan)
    else:
        result = _as_columns(*_convert_cells(plan))
    _fill_merged_level1(result)
    plan.converted = (key, result)
    return result


def _convert_columns(plan: PastePlan) -> PasteColumns:
    """The common case (one source column per field), a column at a time: each distinct
    text is checked once and the column is built by C-level maps (a 500-row paste is
    5,500 cells; per-cell Python here was most of the paste)."""
    rows = plan.rows
    keys: list[str] = []
    columns: list[list[Any]] = []
    refused: list[Refusal] = []
    source = list(zip_longest(*rows, fillvalue=""))  # the block's columns
    for n, target in enumerate(plan.targets):
        key = target.key
        if not key:
            continue
        texts = source[n] if n < len(source) else ("",) * len(rows)
        column, reasons = _check_column(key, texts)
        if reasons:
            for r, text in enumerate(texts):
                if text in reasons:
                    refused.append(Refusal(r, n, key, text.strip(), reasons[text]))
            if column.count(KEEP) == len(column):
                continue  # every cell refused: the column pastes nothing
        keys.append(key)
        columns.append(column)
    return PasteColumns(tuple(keys), tuple(columns), len(rows), refused)


def _check_column(key: str, texts: Sequence[str]) -> tuple[list[Any], dict[str, str]]:
    """Values of a pasted column (KEEP where refused) and the reasons by refused text.

    Each distinct text is checked once; a column of one repeated text (一级事项, 公开主体,
    choices) and a column of all different texts (事项, 内容) skip the text → value map,
    and a text column whose texts can only be text is cleaned in one map.
    """
    if texts and texts.count(texts[0]) == len(texts):
        value, reason = check_value(key, texts[0])
        return [KEEP if reason else value] * len(texts), ({texts[0]: reason} if reason else {})
    distinct = set(texts)
    if len(distinct) == len(texts):
        stripped = list(map(str.strip, texts)) if key not in _CHOICE_KEYS else []
        if stripped and _all_plain_text(stripped):
            joined = "".join(texts)  # as check_value: only cleaned (stripped if no CR, NUL)
            plain = "\r" not in joined and "\x00" not in joined
            return (stripped if plain else list(map(clean_cell, texts))), {}
        checked = list(map(partial(check_value, key), texts))
        column = list(map(itemgetter(0), checked))
        if not any(map(itemgetter(1), checked)):
            return column, {}
        reasons = {t: r for t, (_, r) in zip(texts, checked, strict=True) if r}
        return [KEEP if t in reasons else v for t, v in zip(texts, column, strict=True)], reasons
    values: dict[str, Any] = {}
    reasons = {}
    for text in distinct:
        value, reason = check_value(key, text)
        if reason is None:
            values[text] = value
        else:
            values[text], reasons[text] = KEEP, reason
    return list(map(values.__getitem__, texts)), reasons


def _all_plain_text(stripped: Sequence[str]) -> bool:
    """Every (stripped) text is too long for vocabulary terms or holds an ideograph no
    vocabulary knows: check_value takes it as text as it is (a new block's 事项 and 内容,
    tested by C-level maps, not one check and cache entry per text)."""
    if min(map(len, stripped)) > _LONGEST_TERMS:
        return True
    return all(map(_foreign_ideograph().search, stripped))


def _as_columns(rows: list[dict[str, Any]], refused: list[Refusal]) -> PasteColumns:
    keys = list(dict.fromkeys(key for values in rows for key in values))
    columns = tuple([values.get(key, KEEP) for values in rows] for key in keys)
    return PasteColumns(tuple(keys), columns, len(rows), refused)


def _convert_cells(plan: PastePlan) -> tuple[list[dict[str, Any]], list[Refusal]]:
    out: list[dict[str, Any]] = []
    refused: list[Refusal] = []
    targets = list(enumerate(plan.targets))
    for r, row in enumerate(plan.rows):
        values: dict[str, Any] = {}
        for n, target in targets:
            if not target.key or n >= len(row):
                continue
            text = row[n]
            if target.term:
                mark = parse_mark(text)
                chosen = values.setdefault(target.key, [])
                if mark.checked and target.term not in chosen:
                    chosen.append(target.term)
                if mark.note and target.key == "audience" and not mark.plain_text:
                    values.setdefault("audience_note", mark.note)
                continue
            value, reason = check_value(target.key, text)
            if reason is not None:
                refused.append(Refusal(r, n, target.key, text.strip(), reason))
                continue
            if isinstance(value, list):
                value = list(value)  # check_value is cached: never share its lists
            if target.key in values and isinstance(value, list):
                value = values[target.key] + [v for v in value if v not in values[target.key]]
            values[target.key] = value
        for key, value in values.items():
            spec = FIELD_BY_KEY[key]
            if spec.kind is FieldKind.CHOICES and spec.vocabulary is not None:
                values[key] = spec.vocabulary.sort(value)
        out.append(values)
    return out, refused


def _fill_merged_level1(block: PasteColumns) -> None:
    """A vertically merged 一级事项 reaches the clipboard as one value and empty cells below
    it; rows of a multi-column block with an empty 一级事项 take the one above."""
    if "level1" not in block.keys or len(block.keys) < 2:
        return
    at = block.keys.index("level1")
    level1 = block.columns[at]
    if "" not in level1:
        return
    others = [c for n, c in enumerate(block.columns) if n != at]
    above = ""
    for r, value in enumerate(level1):
        given = [c[r] for c in others if c[r] is not KEEP]
        if value is KEEP or not given:  # a refused cell, or a row of one field: stop
            return
        if value:
            above = value
        elif above and any(given):
            level1[r] = above
