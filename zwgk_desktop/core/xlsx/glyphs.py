"""Checkbox glyph strings: channels as "■政府网站 □政府公报 …", and √ marks, both ways.

Rendering always lists the 13 standard channels in vocabulary order, then the item's own
additional channels as ticked entries. Parsing accepts what real catalogs contain: every
ticked glyph (■ ▄ ◆ ☑ √ and the Wingdings leaks R / t), every empty one (□ 口 ☐ £),
glued entries (■A■B), plain names, numbered lists and prose sentences. Each guess is
returned as a Chinese phrase for the importer's per-row report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from zwgk_desktop.core.text import fold, nfkc
from zwgk_desktop.core.vocab import CHANNELS, KNOWN_EXTRA_CHANNELS
from zwgk_desktop.core.xlsx.textsize import BODY_POINTS, text_units, usable_units

TICK = "■"
BOX = "□"
MARK = "√"

_CHECKED = frozenset("■▄◆☑√✓✔●▇█▣☒")
_UNCHECKED = frozenset("□☐▢○◇〇")
_AMBIGUOUS_CHECKED = frozenset("Rt")  # Wingdings 2 "☑" and a Wingdings filled box leaked as text
_AMBIGUOUS_UNCHECKED = frozenset("口£")  # CJK 口 typed for □; Wingdings 2 "☐"
_GLYPHS = _CHECKED | _UNCHECKED
_SEPARATORS = frozenset(" \t\n\r\u3000、,，;；:：。.")
_SPLIT_RE = re.compile(r"[、,，;；\n\r\t]+")
_PROSE_RE = re.compile(r"(?:以及|或者|或|和|及|与|等)")
# Where one cell names several channels without a list separator: "政府网站及公示栏",
# "政府网站/公示栏", "政务服务中心 便民服务站".
_COMPOUND_RE = re.compile(r"[ \u3000/／]+|以及|或者|和|及|与|或")
# Never started two blanks into a run of blanks: a start there finds what one at the run's
# head (or one blank in) finds first, and trying each blank of a long run was quadratic.
_NUMBER_RE = re.compile(r"(?<!\s\s)(?:^|(?<=[\s;；,，、。]))\s*(?:\d{1,2}|[①-⑳])\s*[.、．)）]\s*")
_URL_RE = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_EDGE_PUNCT = " \t\n\r\u3000、,，;；:：。.·•-—_"

_KNOWN_EXTRA = {fold(name): name for name in KNOWN_EXTRA_CHANNELS}
_BULLETIN = "社区/企事业单位/村公示栏(电子屏)"
# Suffix rules for names no alias lists: (suffix, canonical channel).
_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("公众号", "两微一端"),
    ("微博", "两微一端"),
    ("客户端", "两微一端"),
    ("app", "两微一端"),
    ("小程序", "两微一端"),
    ("门户网站", "政府网站"),
    ("政府网站", "政府网站"),
    ("政府网", "政府网站"),
    ("公示栏", _BULLETIN),
    ("公开栏", _BULLETIN),
    ("公告栏", _BULLETIN),
    ("宣传栏", _BULLETIN),
    ("电子屏", _BULLETIN),
    ("党群服务中心", "政务服务中心"),
    ("政务服务大厅", "政务服务中心"),
    ("便民服务中心", "便民服务站"),
    ("便民服务站", "便民服务站"),
)
_PLATFORM_ENDINGS = ("网", "网站", "平台", "厅", "热线", "系统", "中心", "栏", "馆", "屏", "号")


@dataclass
class ChannelParse:
    """Channels read from one cell, in order of appearance, and what was guessed."""

    channels: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # text that named no channel

    def add(self, name: str) -> None:
        if name and name not in self.channels:
            self.channels.append(name)


# ---------------------------------------------------------------- rendering


def render_channels(
    channels: list[str], width: float, compact: bool = False, points: float = BODY_POINTS
) -> str:
    """Cached form of :func:`_render_channels` (catalogs repeat a few channel sets)."""
    return _render_cached(tuple(channels), width, compact, points)


@lru_cache(maxsize=2048)
def _render_cached(channels: tuple[str, ...], width: float, compact: bool, points: float) -> str:
    return _render_channels(list(channels), width, compact, points)


def _render_channels(
    channels: list[str], width: float, compact: bool = False, points: float = BODY_POINTS
) -> str:
    """ "■政府网站 □政府公报\\n…" over the 13 standard channels plus the item's additions;
    ``compact`` lists only the ticked ones.

    Entries are packed greedily, several to a line, into lines that fit a column ``width``
    units wide at ``points``.
    """
    chosen = set(channels)
    entries = [
        (TICK if term in chosen else BOX) + term
        for term in CHANNELS.terms
        if not compact or term in chosen
    ]
    entries += [TICK + name for name in channels if name not in CHANNELS.terms]
    usable = max(usable_units(width, points), 8.0)
    lines: list[str] = []
    current = ""
    for entry in entries:
        candidate = f"{current} {entry}" if current else entry
        if current and text_units(candidate) > usable:
            lines.append(current)
            current = entry
        else:
            current = candidate
    if current:
        lines.append(current)
    return "\n".join(lines)


def render_mark(checked: bool, note: str = "") -> str:
    """ "√", "√(申请人)", "□(申请人)" (a note without the tick) or ""."""
    if note:
        return f"{MARK if checked else BOX}({note})"
    return MARK if checked else ""


# ---------------------------------------------------------------- marks

_TRUE_WORDS = frozenset({"是", "有", "y", "yes", "1", "√√", "对", "true", "v"})
_FALSE_WORDS = frozenset({"否", "无", "n", "no", "0", "/", "-", "—", "--", "×", "x", "false", "不"})


@dataclass(frozen=True, slots=True)
class Mark:
    checked: bool
    note: str = ""  # text that came with the mark, e.g. "申请人" from "√(申请人)"
    plain_text: bool = False  # the cell held words, not a mark


def _strip_parens(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "(（" and text[-1] in ")）":
        return text[1:-1].strip()
    return text


@lru_cache(maxsize=4096)
def parse_mark(text: str | None) -> Mark:
    """Read a √-column cell: a tick, an empty box, yes/no words, or words meaning "ticked"."""
    if text is None:
        return Mark(False)
    s = text.strip()
    if not s:
        return Mark(False)
    first = s[0]
    if first in _CHECKED or (first in _AMBIGUOUS_CHECKED and (len(s) == 1 or s[1] in "(（ ")):
        return Mark(True, _strip_parens(s[1:]))
    if first in _UNCHECKED or first in _AMBIGUOUS_UNCHECKED or first in "×✗✘":
        return Mark(False, _strip_parens(s[1:]))
    word = fold(s).lower()
    if word in _TRUE_WORDS:
        return Mark(True)
    if word in _FALSE_WORDS:
        return Mark(False)
    return Mark(True, s, plain_text=True)


# ---------------------------------------------------------------- channels


def _resolve(label: str) -> tuple[list[str], str | None] | None:
    """The channel(s) one label names and the guess made, or None if it names none."""
    text = label.strip(_EDGE_PUNCT)
    if not text:
        return None
    if text in CHANNELS.terms:
        return [text], None
    canonical = CHANNELS.canonical(text)
    if canonical:
        return [canonical], f"渠道“{text}”按“{canonical}”读取"
    key = fold(text)
    if key in _KNOWN_EXTRA:
        return [_KNOWN_EXTRA[key]], None
    stripped = _PAREN_RE.sub("", _URL_RE.sub("", nfkc(text))).strip(_EDGE_PUNCT)
    if stripped and stripped != text:
        inner = _resolve(stripped)
        if inner is not None:
            return inner[0], f"渠道“{text}”按“{'、'.join(inner[0])}”读取"
    if key.startswith("其他") or key.startswith("其它"):
        rest = text[2:].strip(_EDGE_PUNCT)
        if not rest:
            return ["其他"], None
        inner = _resolve(rest)
        if inner is not None and inner[0][0] in CHANNELS.terms:
            return inner[0], f"渠道“{text}”按“{'、'.join(inner[0])}”读取"
        if fold(rest) in _KNOWN_EXTRA or rest.endswith(_PLATFORM_ENDINGS):
            extra = _KNOWN_EXTRA.get(fold(rest), rest)
            return ["其他", extra], f"渠道“{text}”按“其他”并补充“{extra}”读取"
        return ["其他"], f"渠道“{text}”按“其他”读取"
    if _names_several(text):
        return None  # the caller takes each name; a suffix rule would keep only the last
    low = key.lower()
    for suffix, canonical in _SUFFIX_RULES:
        if low.endswith(suffix):
            return [canonical], f"渠道“{text}”按“{canonical}”读取"
    return None


def _names_several(text: str) -> bool:
    return bool(_compound_pieces(text))


@lru_cache(maxsize=4096)
def _compound_pieces(text: str) -> tuple[str, ...]:
    """The channel names ``text`` joins with spaces, slashes or 和/及/与, when every piece
    names a channel; else empty. (Asked by ``_resolve`` and again by ``_take_label`` for
    the same label: remembered.)"""
    pieces = tuple(p for p in _COMPOUND_RE.split(text) if p.strip(_EDGE_PUNCT))
    if len(pieces) > 1 and all(_resolve(p) is not None for p in pieces):
        return pieces
    return ()


def resolve_channel(label: str) -> tuple[list[str], str | None] | None:
    """The channel(s) a label names (a √ sub-column under 公开渠道和载体) and the guess made."""
    return _resolve(label)


def checked_labels(text: str) -> list[str] | None:
    """The ticked entries of a "■县级 □乡级" list; None when the text has no glyph at all."""
    segments = _segments(text)
    if not any(state is not None for state, _ in segments):
        return None
    return [
        label.strip(_EDGE_PUNCT)
        for state, label in segments
        if state is not False and label.strip(_EDGE_PUNCT)
    ]


def _keep_unknown(result: ChannelParse, label: str) -> None:
    text = label.strip(_EDGE_PUNCT)
    if not text:
        return
    result.add(text)
    result.guesses.append(f"未识别的渠道“{text}”，已作为补充渠道保留")


def _split_glued(label: str) -> list[tuple[bool | None, str]] | None:
    """Split "广播电视口纸质媒体" at an ambiguous glyph when every piece names a channel.

    The first piece has mark None (the caller's glyph applies); later pieces carry the
    meaning of the glyph that precedes them.
    """
    for index, char in enumerate(label):
        if index == 0 or (char not in _AMBIGUOUS_UNCHECKED and char not in _AMBIGUOUS_CHECKED):
            continue
        left, right = label[:index], label[index + 1 :]
        if not right or _resolve(left) is None:
            continue
        ticked = char in _AMBIGUOUS_CHECKED
        if _resolve(right) is not None:
            return [(None, left), (ticked, right)]
        rest = _split_glued(right)
        if rest is not None:
            return [(None, left), (ticked, rest[0][1]), *rest[1:]]
    return None


def _take_label(result: ChannelParse, label: str, checked: bool) -> None:
    """Resolve one label (which may still hold several names) into ``result``."""
    if not label.strip(_EDGE_PUNCT):
        return
    found = _resolve(label)
    if found is not None:
        if checked:
            for name in found[0]:
                result.add(name)
            if found[1]:
                result.guesses.append(found[1])
        return
    pieces = [p for p in _SPLIT_RE.split(label) if p.strip(_EDGE_PUNCT)]
    if len(pieces) > 1:
        for piece in pieces:
            _take_label(result, piece, checked)
        return
    glued = _split_glued(label.strip(_EDGE_PUNCT))
    if glued is not None:
        for piece_checked, piece in glued:
            _take_label(result, piece, checked if piece_checked is None else piece_checked)
        return
    words = _compound_pieces(label.strip(_EDGE_PUNCT))
    if words:
        for word in words:
            _take_label(result, word, checked)
        return
    prose = [p for p in _PROSE_RE.split(label) if p.strip(_EDGE_PUNCT)]
    if len(prose) > 1 and any(_resolve(p) is not None for p in prose):
        for piece in prose:
            if _resolve(piece) is not None:
                _take_label(result, piece, checked)
            elif checked:
                result.ignored.append(piece.strip(_EDGE_PUNCT))
        return
    if checked:
        _keep_unknown(result, label)


def _is_glyph_start(text: str, index: int) -> bool | None:
    """True/False if ``text[index]`` starts a ticked/empty entry, None if it is plain text."""
    char = text[index]
    if char in _CHECKED:
        return True
    if char in _UNCHECKED:
        return False
    if char == "£":
        return False
    ambiguous = char in _AMBIGUOUS_CHECKED or char == "口"
    if not ambiguous:
        return None
    at_start = index == 0 or text[index - 1] in _SEPARATORS or text[index - 1] in _GLYPHS
    following = text[index + 1 : index + 2]
    if not at_start or not following or following in _SEPARATORS:
        return None
    if char in _AMBIGUOUS_CHECKED and not ("\u4e00" <= following <= "\u9fff"):
        return None
    return char in _AMBIGUOUS_CHECKED


def _segments(text: str) -> list[tuple[bool | None, str]]:
    """Split a cell at its glyphs: (ticked?, label); None for text before the first glyph."""
    segments: list[tuple[bool | None, str]] = []
    state: bool | None = None
    start = 0
    for index in range(len(text)):
        glyph = _is_glyph_start(text, index)
        if glyph is None:
            continue
        segments.append((state, text[start:index]))
        state, start = glyph, index + 1
    segments.append((state, text[start:]))
    return [(s, label) for s, label in segments if label.strip(_EDGE_PUNCT) or s is not None]


def all_unticked(text: str) -> bool:
    """Whether a cell holds empty boxes only (“□政府网站 □政府公报”, “□”, “×”, “否”): read,
    with nothing chosen — not text the importer failed to understand."""
    if not text.strip():
        return False
    mark = parse_mark(text)
    if not mark.checked and not mark.plain_text and not mark.note:
        return True
    segments = _segments(text)
    return bool(segments) and all(state is False for state, _ in segments)


def parse_channels(text: str | None) -> ChannelParse:
    """Channels named in one 公开渠道和载体 cell, with the guesses made to read them.

    Cells repeat a lot (the same ticks on many rows), so results are cached; callers get a
    fresh copy.
    """
    cached = _parse_cached(text or "")
    return ChannelParse(list(cached.channels), list(cached.guesses), list(cached.ignored))


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> ChannelParse:
    result = ChannelParse()
    if not text or not text.strip():
        return result
    segments = _segments(text)
    if any(state is not None for state, _ in segments):
        for state, label in segments:
            if state is None:
                if _resolve(label) is not None:
                    _take_label(result, label, True)
                    result.guesses.append(f"渠道“{label.strip()}”前无勾选符号，按已选读取")
                elif label.strip(_EDGE_PUNCT):
                    result.ignored.append(label.strip(_EDGE_PUNCT))
            else:
                _take_label(result, label, state)
        return result
    plain = _NUMBER_RE.sub("\n", text)
    for piece in _SPLIT_RE.split(plain):
        _take_label(result, piece, True)
    return result
