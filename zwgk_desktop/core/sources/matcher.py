"""Recognise register documents cited in a free-text cell (公开依据 as real catalogs write it).

A cell names a document by its number (国办发〔2019〕54号, 国令第711号), by its title in 《》
or by a bare title or short name, with the variants real cells have: fullwidth digits,
〔〕/[]/［］/()/（） brackets, stray spaces, traditional characters, 中华人民共和国 omitted and
version years ("2008年版", "（2007年修订）"). The rule is "no false alarms": a title inside 《》
must be a register title exactly; a bare title must stand on its own (预算法律 is not 预算法);
text that names no register entry yields nothing.

The whole register is compiled once per register. A cell is cut at the separators between
citations (、，；。 outside 《》) and each piece is matched once and remembered: real cells
(and the pieces of unique cells) repeat the same few citations thousands of times.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from zwgk_desktop.core.sources.register import OUTDATED_STATUSES, Register, Source
from zwgk_desktop.core.text import _TRAD_RE, simplify

# Fold brackets to ( ), drop quotes, unify dashes. Done by str.replace, only for the
# characters a cell contains: a translate table over every cell cost 4x more.
_FOLD = (
    ("〔", "("),
    ("〕", ")"),
    ("[", "("),
    ("]", ")"),
    ("【", "("),
    ("】", ")"),
    ("﹝", "("),
    ("﹞", ")"),
    ("〖", "("),
    ("〗", ")"),
    ("“", ""),
    ("”", ""),
    ('"', ""),
    ("‘", ""),
    ("’", ""),
    ("'", ""),
    ("「", ""),
    ("」", ""),
    ("〈", "《"),
    ("〉", "》"),
    ("—", "-"),
    ("–", "-"),
)
# One scan tells whether any fold is needed at all (most cells need none).
_FOLD_ANY_RE = re.compile("[" + re.escape("".join(old for old, _ in _FOLD)) + "]")
_PRC = "中华人民共和国"
_MIN_BARE = 3  # shortest bare title/short name looked for outside 《》
# A bare title must end where a title can end: punctuation, a space, the end, an article
# reference or a verb of citing. "预算法律" and "预算法实施条例" do not end at 预算法.
_BARE_AFTER_RE = re.compile(
    r"(?:$|[^\w]|第|规定|等|和|及|与|或|的|有关|相关|中|之|对|要求|明确|关于|修订|修正|\d{4}年)"
)
# ...and start where one can start: punctuation, the start, or a word that introduces it.
_BARE_BEFORE_WORDS = (
    "依据",
    "根据",
    "按照",
    "依照",
    "参照",
    "遵照",
    "执行",
    "和",
    "及",
    "与",
    "或",
    "见",
)
_YEAR_AFTER_RE = re.compile(
    r"\((?P<y1>(?:19|20)\d\d)年?[0-9月日]*(?:版|修订|修正|修改|本|施行|公布)?\)"
    r"|(?P<y2>(?:19|20)\d\d)年(?:版|修订|修正|修改|本)"
)
_YEAR_BEFORE_RE = re.compile(r"(?P<y>(?:19|20)\d\d)年(?:版|修订|修正|修改|本)?的?$")
_YEAR_BRACKET_RE = re.compile(r"\((?=\d{4}\))|(?<=\d{4})\)")
_NUMBER_BEFORE_OK = frozenset("据照和及与或见即")
_TITLE_RE = re.compile(r"《([^《》]{1,80})》")
# Where a cell may be cut: separators between citations, unless a register name or number
# contains one (then that character is not used). Whitespace never: normalising drops it.
_SEPARATORS = "、，,；;。"
_MARK_RE = re.compile("[《》]")
_SHORT_CELL = 512  # longer cells are cut in linear time (``Matcher._pieces``)
# Article references ending a piece (第十四条, 第3条第二款) name no document: a piece is
# remembered without them, so "《预算法》第十四条" and "《预算法》第十五条" share one entry.
_ARTICLE_ENDS = ("条", "款", "项")
_ARTICLE_TAIL_RE = re.compile(r"(?:第\s*[0-9０-９零一二三四五六七八九十百千〇两]+\s*[条款项]\s*)+$")
# Phases of one piece's matches, in the order a whole cell lists them.
_BY_NUMBER, _BY_MARKED, _BY_BARE = 0, 1, 2


def normalize(text: str) -> str:
    """Fold a cell for matching: NFKC, simplified, no spaces, brackets and quotes unified."""
    if "（" in text or "）" in text:  # by far the commonest fullwidth pair
        text = text.replace("（", "(").replace("）", ")")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if _TRAD_RE.search(text) is not None:
        text = simplify(text)
    if _FOLD_ANY_RE.search(text) is not None:
        for old, new in _FOLD:
            if old in text:
                text = text.replace(old, new)
    return "".join(text.split())  # str.split() and re's \s agree on what is whitespace


# Where the raw characters that may fold into a joint character are looked for.
_JOINT_RANGES = (range(0x3400, 0xA000), range(0xF900, 0xFB00))
_SPACE_RE = re.compile(r"\s")


@lru_cache(maxsize=1)
def _changed_by_normalize() -> frozenset[str]:
    """The characters of ``_JOINT_RANGES`` that :func:`normalize` changes.

    Only these can fold into another character. Each step of ``normalize`` is looked for
    with one scan of a range in C (traditional forms, folded marks, spaces, NFKC) instead
    of normalising ~28,000 characters one by one in Python (~15 ms, just after the first
    paint); NFKC is checked character by character only in a range that is not stable as
    a whole (the 512 compatibility ideographs).
    """
    found: set[str] = set()
    for codes in _JOINT_RANGES:
        chars = "".join(map(chr, codes))
        for pattern in (_TRAD_RE, _FOLD_ANY_RE, _SPACE_RE):
            found.update(pattern.findall(chars))
        if "（" in chars or "）" in chars:
            found.update(ch for ch in chars if ch in "（）")
        if not unicodedata.is_normalized("NFKC", chars):
            found.update(ch for ch in chars if not unicodedata.is_normalized("NFKC", ch))
    return frozenset(found)  # the same for every register: found once


def folding_into(targets: set[str]) -> frozenset[str]:
    """``targets`` and every character of ``_JOINT_RANGES`` that normalises to one of them."""
    return frozenset(targets | {ch for ch in _changed_by_normalize() if normalize(ch) in targets})


def without_articles(text: str) -> str:
    """``text`` without the article references it ends with (they name no document).

    "《预算法》第十四条" and "《预算法》第十五条" then share one remembered result. Only the
    last few characters are looked at: any stripped run of articles will do.
    """
    if text.endswith(_ARTICLE_ENDS):
        article = _ARTICLE_TAIL_RE.search(text, max(0, len(text) - 24))
        if article is not None and article.start() > 0:
            return text[: article.start()]
    return text


def number_key(text: str) -> str:
    """A document number (or a normalised cell) with year brackets, 第 and 国令 folded.

    Only the brackets around a year go: other brackets stay as boundaries, so 湘民发〔2012〕
    220号 (a provincial document) is not 民发〔2012〕220号.
    """
    if "(" in text:
        text = _YEAR_BRACKET_RE.sub("", text)
    text = text.replace("第", "")
    return text.replace(_PRC + "国务院令", "国务院令").replace("国令", "国务院令")


@dataclass(frozen=True)
class Citation:
    """One register source recognised in a cell; ``by`` says how (number/title)."""

    source: Source
    found: str
    by: str


class Matcher:
    """All titles, short names and numbers of one register, compiled once."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._titles: dict[str, list[Source]] = {}
        self._numbers: dict[str, Source] = {}
        for source in register.sources.values():
            for name in self._names(source):
                bucket = self._titles.setdefault(name, [])
                if source not in bucket:
                    bucket.append(source)
            for number in source.numbers:
                self._numbers[number_key(normalize(number))] = source
        bare = sorted((n for n in self._titles if len(n) >= _MIN_BARE), key=len, reverse=True)
        self._bare_re = re.compile("|".join(map(re.escape, bare))) if bare else None
        # Every number ends in 号: look up the slices ending at each 号 (a regex alternation
        # of a few hundred numbers scanned every position and cost 3x more).
        self._number_tails: dict[str, list[str]] = {}
        for key in sorted(self._numbers, key=len, reverse=True):
            self._number_tails.setdefault(key[-3:], []).append(key)
        self._cache: dict[str, tuple[Citation, ...]] = {}
        # piece -> (its citations tagged with their phase, whether any source is dated)
        self._piece_cache: dict[str, tuple[tuple[tuple[int, Citation], ...], bool]] = {}
        # Sources that can be outdated or replaced soon on some day; all others never are.
        self._dated = frozenset(
            s.key
            for s in register.sources.values()
            if s.status in OUTDATED_STATUSES or s.replaced_from or s.repealed or s.expires
        )
        # A name with a separator inside (关于推进全国美术馆、公共图书馆…) must not be cut:
        # the characters on both sides of such a separator keep two pieces together.
        self._joints: set[tuple[str, str]] = set()
        for name in [*self._titles, *self._numbers]:
            for k, ch in enumerate(name):
                if ch in _SEPARATORS and 0 < k < len(name) - 1:
                    self._joints.add((name[k - 1], name[k + 1]))
        # Raw characters that may fold into the left side of such a joint (traditional forms).
        self._joint_lefts = folding_into({left for left, _ in self._joints})
        # Cut at a separator unless it is inside 《…》 (the next mark after it is 》) or
        # may be inside such a name (after a joint character or a space). Not cutting is
        # always right, only slower.
        seps = re.escape(_SEPARATORS)
        lefts = re.escape("".join(sorted(self._joint_lefts)))
        # (The separator first: a leading class lets the engine skip ahead fast.) The
        # lookahead scans from each separator to the next mark: quadratic on a long run of
        # separators, so a long cell is cut by ``_cut_re`` and a walk over its marks.
        self._split_re = re.compile(rf"[{seps}](?<![{lefts}\s].)(?![^《》]*》)")
        self._cut_re = re.compile(rf"[{seps}](?<![{lefts}\s].)")

    def clear_caches(self) -> None:
        """Forget the remembered cells and pieces (cold benchmarks)."""
        self._cache.clear()
        self._piece_cache.clear()

    @staticmethod
    def _names(source: Source) -> list[str]:
        names = [normalize(source.title), *(normalize(s) for s in source.short)]
        if names[0].startswith(_PRC) and len(names[0]) - len(_PRC) >= _MIN_BARE:
            names.append(names[0][len(_PRC) :])
        return names

    def _by_version(self, candidates: list[Source], year: str | None) -> Source | None:
        """Pick the revision a cell means: a year marker picks an old version, none the current."""
        current = [s for s in candidates if not s.version]
        old = sorted((s for s in candidates if s.version), key=lambda s: s.version)
        if year is None:
            return current[0] if current else None
        exact = [s for s in old if s.version == year]
        if exact:
            return exact[0]
        if current:
            since = (current[0].revised or current[0].adopted)[:4]
            if not old or not since or year >= since:
                return current[0]
        earlier = [s for s in old if s.version <= year]
        if earlier:
            return earlier[-1]
        return old[0] if old else None

    def _year_near(self, text: str, start: int, end: int) -> str | None:
        m = _YEAR_AFTER_RE.match(text, end)
        if m:
            return m["y1"] or m["y2"]
        m = _YEAR_BEFORE_RE.search(text, max(0, start - 8), start)
        return m["y"] if m else None

    def cited(self, cell: str) -> tuple[Citation, ...]:
        """The register sources a cell cites, each once, in order of appearance."""
        hit = self._cache.get(cell)
        if hit is not None:
            return hit
        cell = without_articles(cell)
        hit = self._cache.get(cell)
        if hit is not None:
            return hit
        result = self._cited(cell)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[cell] = result
        return result

    def cited_if_dated(self, cell: str) -> tuple[Citation, ...]:
        """Like :meth:`cited`, but () when no cited source has any date or outdated status.

        Only such sources can ever be outdated or replaced soon; most cells cite none, and
        the validation rule then needs nothing more (its caller remembers the cell).
        """
        hit = self._cache.get(cell)
        if hit is not None:
            return hit if any(c.source.key in self._dated for c in hit) else ()
        return self._cited(without_articles(cell), only_dated=True)

    def _cited(self, cell: str, only_dated: bool = False) -> tuple[Citation, ...]:
        pieces = self._pieces(cell)
        if pieces is None:
            found_whole = _dedupe(self._found_in(cell))
            if only_dated and not any(c.source.key in self._dated for c in found_whole):
                return ()
            return found_whole
        cache = self._piece_cache
        known = list(map(cache.get, pieces))
        if None not in known:  # every piece seen before: no Python-level loop
            if only_dated and not any(map(_second, known)):  # type: ignore[arg-type]
                return ()
            hits = list(chain.from_iterable(map(_first, known)))  # type: ignore[arg-type]
            if not hits:
                return ()
            hits.sort(key=_phase)  # stable: numbers, then 《》 titles, then bare names
            return _dedupe(hits)
        found: list[tuple[int, Citation]] = []
        contributing = 0
        dated = False
        for piece in pieces:
            hit = cache.get(piece)
            if hit is None:
                if piece.endswith(_ARTICLE_ENDS):
                    piece = without_articles(piece)
                    hit = cache.get(piece)
                if hit is None:
                    if len(cache) > 50_000:
                        cache.clear()
                    tagged = self._found_in(piece)
                    hit = cache[piece] = (
                        tagged,
                        any(c.source.key in self._dated for _, c in tagged),
                    )
            if hit[0]:
                found.extend(hit[0])
                contributing += 1
                dated = dated or hit[1]
        if not found or (only_dated and not dated):
            return ()
        if contributing > 1:
            found.sort(key=_phase)  # stable: numbers, then 《》 titles, then bare names
        return _dedupe(found)

    def _pieces(self, cell: str) -> list[str] | None:
        """The cell cut at separators outside 《》; None when 〈〉 (folded to 《》) occur."""
        if "〈" in cell or "〉" in cell:
            return None
        if len(cell) <= _SHORT_CELL:  # at most ~0.5 ms, and faster than the walk below
            return self._split_re.split(cell)
        if "》" not in cell:  # no separator is inside 《…》
            return self._cut_re.split(cell)
        marks = [m.start() for m in _MARK_RE.finditer(cell)]
        pieces, start, k = [], 0, 0
        for cut in self._cut_re.finditer(cell):
            at = cut.start()
            while k < len(marks) and marks[k] < at:
                k += 1
            if k < len(marks) and cell[marks[k]] == "》":
                continue  # the next mark closes a title: inside 《…》
            pieces.append(cell[start:at])
            start = at + 1
        pieces.append(cell[start:])
        return pieces

    def _found_in(self, cell: str) -> tuple[tuple[int, Citation], ...]:
        """Citations in one piece (or a whole cell), tagged with the phase that found them."""
        text = normalize(cell)
        found: list[tuple[int, Citation]] = []
        if "号" in text and self._numbers:
            keyed = number_key(text)
            end = keyed.find("号")
            tails = self._number_tails
            while end >= 0:
                for key in tails.get(keyed[end - 2 : end + 1], ()):
                    start = end + 1 - len(key)
                    if (
                        start >= 0
                        and keyed.startswith(key, start)
                        and (
                            start == 0
                            or not keyed[start - 1].isalnum()
                            or keyed[start - 1] in _NUMBER_BEFORE_OK
                        )
                    ):
                        found.append((_BY_NUMBER, Citation(self._numbers[key], key, "number")))
                        break
                end = keyed.find("号", end + 1)
        # Titles in 《》 must be register titles exactly (after the version marker and
        # 中华人民共和国 are set aside); their text is then blanked for the bare search.
        parts: list[str] = []
        last = 0
        titles = self._titles
        for m in _TITLE_RE.finditer(text):
            inner = name = m.group(1)
            direct = titles.get(inner)
            if direct is not None and len(direct) == 1 and not direct[0].version:
                found.append((_BY_MARKED, Citation(direct[0], inner, "title")))  # common case
                parts.append(text[last : m.start()])
                parts.append("《》")
                last = m.end()
                continue
            year_inside = _YEAR_AFTER_RE.search(inner) if "年" in inner or "(" in inner else None
            if year_inside is not None:
                name = _YEAR_AFTER_RE.sub("", inner)
            candidates = self._titles.get(name)
            if candidates is None and name.startswith(_PRC):
                candidates = self._titles.get(name[len(_PRC) :])
            if candidates:
                year = (year_inside["y1"] or year_inside["y2"]) if year_inside else None
                if year is None and len(candidates) > 1:
                    year = self._year_near(text, m.start(), m.end())
                source = self._by_version(candidates, year)
                if source is not None:
                    found.append((_BY_MARKED, Citation(source, inner, "title")))
            parts.append(text[last : m.start()])
            parts.append("《》")
            last = m.end()
        parts.append(text[last:])
        rest = "".join(parts)
        if self._bare_re is not None:
            for m in self._bare_re.finditer(rest):
                if not self._bare_ok(rest, m.start(), m.end()):
                    continue
                candidates = self._titles[m.group()]
                year = self._year_near(rest, m.start(), m.end()) if len(candidates) > 1 else None
                source = self._by_version(candidates, year)
                if source is not None:
                    found.append((_BY_BARE, Citation(source, m.group(), "title")))
        return tuple(found)

    @staticmethod
    def _bare_ok(text: str, start: int, end: int) -> bool:
        if _BARE_AFTER_RE.match(text, end) is None:
            return False
        if start == 0:
            return True
        before = text[start - 1]
        if not before.isalnum():
            return True
        return text.endswith(_BARE_BEFORE_WORDS, 0, start)


_first = itemgetter(0)
_second = itemgetter(1)


def _phase(tagged: tuple[int, Citation]) -> int:
    return tagged[0]


def _dedupe(found: Sequence[tuple[int, Citation]]) -> tuple[Citation, ...]:
    """Each source once; a title that also appears with a number means the numbered revision."""
    numbered_titles = {c.source.title for _, c in found if c.by == "number"}
    unique: dict[str, Citation] = {}
    for _, citation in found:
        if citation.by == "title" and citation.source.title in numbered_titles:
            continue
        unique.setdefault(citation.source.key, citation)
    return tuple(unique.values())


def matcher_for(register: Register) -> Matcher:
    """The compiled matcher of a register (built once per register object)."""
    matcher = register._cache.get("matcher")
    if matcher is None:
        matcher = register._cache["matcher"] = Matcher(register)
    return matcher
