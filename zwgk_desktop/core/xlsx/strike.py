"""Text struck through in a received workbook: a revision mark, not content to trust blindly.

Revised drafts often mark what is to go with strikethrough (“删除内容加删除线”) instead of
deleting it. The cell values say nothing of it, so such rows would be read as live items
without a word. This finds them from the package itself, so the reader can name them for
the reviewer: a cell whose style's font strikes through, or whose shared or inline string
has a struck run. Byte searches on the XML parts, only when a part mentions ``strike`` at
all (most files pay one ``in`` test on their styles and strings, and nothing per sheet).
"""

from __future__ import annotations

import re
from typing import Any

_STRIKE_ON = re.compile(rb'<(?:\w+:)?strike(?:\s+val="(?:1|true|on)")?\s*/>')
_FONTS_RE = re.compile(rb"<(?:\w+:)?fonts\b.*?</(?:\w+:)?fonts>", re.S)
_FONT_RE = re.compile(rb"<(?:\w+:)?font\b[^>]*?(?:/>|>.*?</(?:\w+:)?font>)", re.S)
_CELL_XFS_RE = re.compile(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", re.S)
_XF_RE = re.compile(rb"<(?:\w+:)?xf\b([^>]*)>")
_FONT_ID_RE = re.compile(rb'\bfontId="(\d{1,6})"')
_SI_RE = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>.*?</(?:\w+:)?si>)", re.S)
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF_RE = re.compile(rb'\br="[A-Z]{1,3}(\d{1,7})"')
_STYLE_RE = re.compile(rb'\bs="(\d{1,6})"')
_SHARED_RE = re.compile(rb'\bt="s"')
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>(\d{1,9})</(?:\w+:)?v>")
MAX_STRUCK_ROWS = 100_000


class StrikeIndex:
    """A workbook's struck cell styles and shared strings (read once, on first need)."""

    def __init__(self, archive: Any) -> None:
        self.archive = archive
        self._styles: frozenset[int] | None = None
        self._strings: frozenset[int] | None = None

    def _part(self, name: str) -> bytes:
        try:
            with self.archive.open(name) as source:
                return bytes(source.read())
        except KeyError:
            return b""

    @property
    def styles(self) -> frozenset[int]:
        """Indexes of the cell formats (``s`` of a cell) whose font strikes through."""
        if self._styles is None:
            self._styles = frozenset()
            data = self._part("xl/styles.xml")
            fonts = _FONTS_RE.search(data) if b"strike" in data else None
            xfs = _CELL_XFS_RE.search(data) if fonts else None
            if fonts and xfs:
                struck = {
                    n
                    for n, font in enumerate(_FONT_RE.finditer(fonts.group(0)))
                    if _STRIKE_ON.search(font.group(0))
                }
                self._styles = frozenset(
                    n
                    for n, xf in enumerate(_XF_RE.finditer(xfs.group(0)))
                    if (font_id := _FONT_ID_RE.search(xf.group(1)))
                    and int(font_id.group(1)) in struck
                )
        return self._styles

    @property
    def strings(self) -> frozenset[int]:
        """Indexes of the shared strings with a struck run."""
        if self._strings is None:
            data = self._part("xl/sharedStrings.xml")
            self._strings = (
                frozenset(
                    n
                    for n, item in enumerate(_SI_RE.finditer(data))
                    if b"strike" in item.group(0) and _STRIKE_ON.search(item.group(0))
                )
                if b"strike" in data
                else frozenset()
            )
        return self._strings

    def rows(self, sheet_path: str, mentions_strike: bool) -> list[int]:
        """1-based rows of the sheet holding a cell with struck text. The sheet is read
        only when the workbook's styles or shared strings strike anything, or when its own
        XML mentions ``strike`` (``mentions_strike``, seen by the reader's scan of it)."""
        styles, strings = self.styles, self.strings
        if not styles and not strings and not mentions_strike:
            return []
        rows: set[int] = set()
        for cell in _CELL_RE.finditer(self._part(sheet_path)):
            attrs, inner = cell.group(1), cell.group(2) or b""
            if not _struck(attrs, inner, styles, strings):
                continue
            ref = _REF_RE.search(attrs)
            if ref is not None:
                rows.add(int(ref.group(1)))
                if len(rows) >= MAX_STRUCK_ROWS:
                    break
        return sorted(rows)


def _struck(attrs: bytes, inner: bytes, styles: frozenset[int], strings: frozenset[int]) -> bool:
    if not inner:
        return False  # an empty cell shows no text, struck or not
    style = _STYLE_RE.search(attrs)
    if style is not None and int(style.group(1)) in styles:
        return True
    if b"strike" in inner and _STRIKE_ON.search(inner):
        return True  # an inline string with a struck run
    if strings and _SHARED_RE.search(attrs):
        value = _VALUE_RE.search(inner)
        return value is not None and int(value.group(1)) in strings
    return False
