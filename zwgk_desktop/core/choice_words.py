"""Choice fields written as words ("主动+依申请", "县乡两级", "全社会、特定群体（申请人、利害
关系人）"): how one cell splits into terms and which terms a compound word names.

Hand-made catalogs write 公开对象/公开方式/公开层级 in many ways; a word the reader cannot
split is kept as written and reported, so every way the vocabulary can be read is here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zwgk_desktop.core.vocab import VOCABULARIES

_LIST_RE = re.compile(r"[、，,；;\n\r\t]+")
_SEPARATORS = frozenset("、,，;；/／+＋|｜ \t\r\n\u3000")
_OPEN, _CLOSE = "(（[【", ")）]】"
_CONNECTOR_RE = re.compile(r"以及|或者|和|及|与|或")
# 公开层级 written as the governments' short names: 县乡两级, 县、乡, 镇村, 县乡村三级 …
_LEVEL_UNITS = (
    ("社区", "村级"),
    ("街道", "乡级"),
    ("县", "县级"),
    ("区", "县级"),
    ("乡", "乡级"),
    ("镇", "乡级"),
    ("街", "乡级"),
    ("村", "村级"),
    ("居", "村级"),
)
_LEVEL_SUFFIX_RE = re.compile(r"(?:[两二三]级|级)$")
# Every ideograph these compounds may hold besides the vocabularies' own (a paste check
# skips texts holding any other ideograph).
COMPOUND_CHARS = frozenset("以及或者和与两二三级" + "".join(unit for unit, _ in _LEVEL_UNITS))


def split_list(text: str) -> list[str]:
    """The terms of a list cell whose names may hold "/" (channels: “发布会/听证会”),
    typed or pasted as “政府网站、政务服务中心”."""
    return [part.strip() for part in _LIST_RE.split(text) if part.strip()]


def split_terms(text: str) -> list[str]:
    """The parts of a choice cell, split at list separators outside brackets (a group's
    remark such as "特定群体（申请人、利害关系人）" stays whole)."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in _SEPARATORS:
            if current:
                parts.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def choice_terms(key: str, text: str, bare_units: bool = True) -> tuple[list[str], list[str]]:
    """(terms, parts not understood) of a 公开对象/公开方式/公开层级 cell typed, pasted or
    imported as words; ``bare_units=False`` reads "县"/"乡" alone as no level (a short text
    in another column is not taken for a level by mistake)."""
    vocab = VOCABULARIES[key]
    terms: list[str] = []
    unknown: list[str] = []
    for part in split_terms(text):
        term = vocab.canonical(part)
        several = [term] if term else compound_terms(key, part, bare_units)
        if several:
            terms.extend(t for t in several if t not in terms)
        else:
            unknown.append(part)
    return terms, unknown


def compound_terms(key: str, word: str, bare_units: bool = True) -> list[str] | None:
    """The terms of ``key``'s vocabulary one unsplit word names ("主动和依申请",
    "县乡两级"), or None when it is not such a compound."""
    vocab = VOCABULARIES[key]
    pieces = [p.strip() for p in _CONNECTOR_RE.split(word) if p.strip()]
    if len(pieces) > 1:
        terms = [vocab.canonical(p) for p in pieces]
        if all(terms):
            return _unique(t for t in terms if t)
    if key == "level" and (bare_units or _LEVEL_SUFFIX_RE.search(word.strip())):
        return _level_units(word)
    if key == "audience" and "不特定" in word:
        return ["全社会"]  # "不特定的社会公众": everyone, despite the 特定 in it
    return None


def _level_units(word: str) -> list[str] | None:
    rest = _LEVEL_SUFFIX_RE.sub("", word.strip())
    terms: list[str] = []
    while rest:
        for unit, term in _LEVEL_UNITS:
            if rest.startswith(unit):
                terms.append(term)
                rest = rest[len(unit) :]
                break
        else:
            return None
    return _unique(terms) or None


def _unique(terms: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for term in terms:
        if term not in seen:
            seen.append(term)
    return seen
