"""Small text helpers shared by the rule modules (quoting user text in messages, blanks)."""

from __future__ import annotations

import functools
import re

from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.model import Item
from zwgk_desktop.core.text import fold, shorten
from zwgk_desktop.core.text import squash as text_squash

# Characters XML 1.0 (and so xlsx) cannot hold, plus lone surrogates from bad JSON.
ILLEGAL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
EXCEL_CELL_LIMIT = 32_767

# A cell made only of punctuation/dashes ("—", "/", "-", "、") is blank in disguise.
_BLANKISH_RE = re.compile(r"[\s\-—–―_/\\、,，.。;；:：·•*＊~～]*")
_WS_RE = re.compile(r"\s+")


BLANKISH_START = frozenset(" \t\n\r\u3000\xa0-—–―_/\\、,，.。;；:：·•*＊~～")


def is_blank(text: str) -> bool:
    """Empty, or only whitespace and punctuation (first-character fast path)."""
    if not text:
        return True
    if text[0] not in BLANKISH_START:
        return False
    return _BLANKISH_RE.fullmatch(text) is not None


def quote(text: str, limit: int = 24) -> str:
    """User text made safe to embed in a one-line message: no control chars, shortened."""
    return shorten(ILLEGAL_CHARS_RE.sub("?", _WS_RE.sub(" ", text)).strip(), limit)


def item_label(item: Item, number: int) -> str:
    """How messages name an item: "一级/二级", else whichever name exists, else "第N项"."""
    level1 = quote(item.level1, 20)
    level2 = quote(item.level2, 30)
    if level1 and level2:
        return f"{level1}/{level2}"
    return level2 or level1 or f"第{number}项"


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning ``limit + 1``) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


# Labels of the non-item keys an Issue.field may hold (domain and catalog meta).
OTHER_FIELD_LABELS = {
    "note": "未涉及说明",
    "name": "领域名称",
    "unit": "单位",
    "region": "行政区划",
    "year": "年度",
    "contact": "联系人",
    "date": "编制日期",
}


def field_label(key: str | None) -> str:
    """The Chinese label of an item field or meta/domain key ("" for none)."""
    if not key:
        return ""
    spec = FIELD_BY_KEY.get(key)
    return spec.label if spec else OTHER_FIELD_LABELS.get(key, key)


# Speed: NFKC over a whole CJK cell costs ~10 µs; only fullwidth runs and the rare other
# compatibility characters need it, and whitespace is dropped anyway.
# Kept as names of this module: the rules import them from here.
squash = text_squash
# Item names (一级/二级事项) are folded again each time a domain's rules re-run after an
# edit; a bounded cache makes the re-run of a 4,000-item domain a dict lookup per name.
# It holds every name of the largest catalog we open (200,000 items): a smaller cache was
# cycled through by each full check at 100,000 items, so the re-run after an edit found
# it cold (1.5 ms warm, 11–22 ms cold). Cost: ~190 bytes a name (18 MB at 100,000).
fast_fold = functools.lru_cache(maxsize=1 << 18)(fold)
