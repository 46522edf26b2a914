"""Read one cell into one field of an item: text, channel glyphs, √ marks, choice words.

Every guess goes to ``note(level, message)``; the caller adds the row. Used by the sheet
parser (:mod:`records`) for new items and for rows that continue the item above.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from zwgk_desktop.core.choice_words import compound_terms, split_terms
from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.model import Item
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.vocab import AUDIENCE, LEVEL, METHOD, Vocabulary
from zwgk_desktop.core.xlsx.glyphs import checked_labels, parse_channels, parse_mark
from zwgk_desktop.core.xlsx.headers import Column
from zwgk_desktop.core.xlsx.result import NoteLevel

Note = Callable[[NoteLevel, str], None]

DITTO = frozenset({"同上", "同上。", "同前", "同上栏", "同上一栏", "同左", "ditto"})
_VOCABS: dict[str, Vocabulary] = {"audience": AUDIENCE, "method": METHOD, "level": LEVEL}
# The base is what comes before the first bracket (as a lazy ".*?" would take it), read
# without backtracking: ".*?" tried every bracket of a long run of them (quadratic).
_NOTE_RE = re.compile(r"^([^(（]*)[(（](.*)[)）]$")
_SHORT_PREVIEW = 24


def preview(text: str) -> str:
    text = text.replace("\n", " ").strip()
    return text if len(text) <= _SHORT_PREVIEW else text[:_SHORT_PREVIEW] + "…"


def clean_text(text: str) -> str:
    """Cell text as stored: line ends kept, blanks at both ends removed."""
    return text.strip(" \t\r\n\u3000") if text else ""


def is_ditto(value: str) -> bool:
    """ "同上" and its variants (cheap test first: most cells are long or lack 同)."""
    return len(value) <= 8 and ("同" in value or "ditto" in value.lower()) and fold(value) in DITTO


@lru_cache(maxsize=4096)
def canonical(vocab_key: str, text: str) -> str | None:
    return _VOCABS[vocab_key].canonical(text)


def field_label(column: Column) -> str:
    spec = FIELD_BY_KEY.get(column.key)
    return spec.label if spec else column.label


def add_term(values: list[str], term: str) -> None:
    if term and term not in values:
        values.append(term)


def apply_ditto(item: Item, previous: Item | None, column: Column, note: Note) -> None:
    """Resolve "同上" from the item above."""
    label = column.label if column.kind == "extra" else field_label(column)
    if previous is None:
        note("warning", f"“同上”上方没有事项，{label}留空")
        return
    if column.kind == "extra":
        item.extra[column.label] = previous.extra.get(column.label, "")
    elif column.kind == "mark":
        if column.term in previous.get(column.key):
            add_term(item.get(column.key), column.term)
    else:
        value = previous.get(column.key)
        item.set(column.key, list(value) if isinstance(value, list) else value)
    note("guess", f"“同上”取上一行的{label}")


def apply_value(item: Item, column: Column, value: str, note: Note, levels: list[str]) -> None:
    """Set (or add to) the field ``column`` maps, from one cell's text."""
    kind = column.kind
    if kind == "text":
        item.set(column.key, clean_text(value))
    elif kind == "extra":
        item.extra[column.label] = clean_text(value)
    elif kind == "channels":
        parsed = parse_channels(value)
        for name in parsed.channels:
            add_term(item.channels, name)
        for guess in parsed.guesses:
            note("guess", guess)
        if parsed.ignored:
            note("warning", f"渠道中的“{preview('、'.join(parsed.ignored))}”不是渠道名称，未读取")
    elif kind == "mark":
        _mark(item, column, value, note)
    elif kind == "choice_text":
        _choice_text(item, column, value, note, levels)


def _mark(item: Item, column: Column, value: str, note: Note) -> None:
    """A √ column: tick, empty box, yes/no, or words ("申请人" under 特定群体)."""
    mark = parse_mark(value)
    values = item.get(column.key)
    if column.key == "channels":
        if mark.checked:
            add_term(values, column.term)
            if mark.plain_text:
                note("guess", f"“{column.label}”列的“{preview(value)}”按已勾选读取")
        return
    if column.key == "audience" and column.term == "特定群体":
        if mark.checked:
            add_term(values, column.term)
        if mark.note and not item.audience_note:
            item.audience_note = mark.note
        return
    if mark.plain_text:
        term = canonical(column.key, value)
        if term is None:
            term = column.term
            note("guess", f"“{column.label}”列的“{preview(value)}”按已勾选读取")
        elif term != column.term:
            note("guess", f"“{column.label}”列写的是“{value.strip()}”，按“{term}”读取")
        add_term(values, term)
        return
    if mark.checked:
        add_term(values, column.term)
    if mark.note:
        note("warning", f"“{column.label}”列的附注“{preview(mark.note)}”未保存")


def _choice_text(item: Item, column: Column, value: str, note: Note, levels: list[str]) -> None:
    """A choice field written as words: "全社会、特定群体（申请人）", "主动公开", "县级、乡级"."""
    values = item.get(column.key)
    unknown: list[str] = []
    ticked = checked_labels(value)
    parts = ticked if ticked is not None else split_terms(value)
    for part in parts:
        if not part:
            continue
        base, remark = part, ""
        match = _NOTE_RE.match(part)
        if match and canonical(column.key, match.group(1)):
            base, remark = match.group(1), match.group(2).strip()
        term = canonical(column.key, base)
        if term is not None:
            add_term(values, term)
            if term != base:
                note("guess", f"{field_label(column)}“{base}”按“{term}”读取")
            if remark and column.key == "audience" and not item.audience_note:
                item.audience_note = remark
        elif (several := compound_terms(column.key, part)) is not None:
            for term in several:
                add_term(values, term)
            note("guess", f"{field_label(column)}“{part}”按“{'、'.join(several)}”读取")
        elif column.key == "level":
            add_term(values, part)
            note("guess", f"公开层级“{part}”不是常用层级名称，按原文保留")
        elif column.key == "audience" and parse_mark(part).plain_text:
            add_term(values, "特定群体")
            if not item.audience_note:
                item.audience_note = part
            note("guess", f"公开对象“{part}”按特定群体（{part}）读取")
        else:
            unknown.append(part)
    if column.key == "level":
        for term in values:
            add_term(levels, term)
    if unknown:
        text = clean_text(value)
        item.extra[column.label] = text
        note(
            "guess", f"{field_label(column)}“{preview(text)}”无法识别，放入补充信息“{column.label}”"
        )


def has_content(item: Item) -> bool:
    return bool(
        item.level1
        or item.level2
        or item.content
        or item.basis
        or item.time_limit
        or item.subject
        or item.channels
        or item.audience
        or item.method
        or item.level
        or item.audience_note
        or item.extra
    )
