"""Make arbitrary text safe to store in, and faithful when read back from, an xlsx cell.

On export: text is always written as a string (never a formula); text that a spreadsheet
would treat as a formula or that starts with a control character gets the hidden
``quotePrefix`` style; characters XML cannot carry are removed; Excel's 32,767-character
cell limit is enforced by cutting, which the caller reports. Other control characters are
kept: xlsxwriter stores them as ``_xHHHH_`` escapes, which Excel understands and
:func:`unescape_cell` turns back on import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXCEL_MAX_CHARS = 32_767  # UTF-16 code units per cell
# NUL, lone surrogates and the two non-characters cannot appear in an XML document.
_ILLEGAL_RE = re.compile("[\x00\ud800-\udfff\ufffe\uffff]")
_QUOTE_START = frozenset("=+-@＝＋－＠" + "".join(chr(c) for c in range(0x20)) + "\x7f")
_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Excel writes a literal "_x000D_" as "_x005F_x000D_"; openpyxl drops the "x005F_" and so
# makes it look like an escaped carriage return. Our string-table reader (see ``quiet``)
# marks the escaped underscore with this private-use character instead.
ESCAPED_UNDERSCORE = "\ue05f"
# What XML 1.0 cannot carry at all, not even escaped: sheet names and document properties
# are written raw into XML attributes and elements, so these must go.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class CellText:
    """Text ready for ``write_string`` plus what had to be done to it."""

    value: str
    quote_prefix: bool
    cleaned: bool  # illegal characters were removed
    cut: bool  # longer than the cell limit; cut


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def cut_to_limit(text: str, limit: int = EXCEL_MAX_CHARS) -> tuple[str, bool]:
    """``text`` cut to ``limit`` UTF-16 units without splitting a surrogate pair."""
    if len(text) <= limit // 2 or utf16_len(text) <= limit:
        return text, False
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index], True
    return text, False


def remove_illegal(text: str) -> tuple[str, bool]:
    cleaned = _ILLEGAL_RE.sub("", text)
    return cleaned, len(cleaned) != len(text)


def xml_safe(text: str) -> str:
    """``text`` without what an XML attribute or property cannot hold (control characters,
    lone surrogates, non-characters)."""
    return _XML_ILLEGAL_RE.sub("", text)


def needs_quote_prefix(text: str) -> bool:
    return bool(text) and text[0] in _QUOTE_START


def is_plain(text: str) -> bool:
    """True when ``text`` can be written exactly as it is, with no prefix, cleaning or cut:
    the common case, checked without building a :class:`CellText`."""
    return (
        len(text) <= EXCEL_MAX_CHARS // 2
        and text[:1] not in _QUOTE_START
        and _ILLEGAL_RE.search(text) is None
    )


def prepare(text: str) -> CellText:
    """The form of ``text`` to write, with flags for the warnings the caller owes the user."""
    if len(text) <= EXCEL_MAX_CHARS // 2 and _ILLEGAL_RE.search(text) is None:
        return CellText(text, bool(text) and text[0] in _QUOTE_START, False, False)
    value, cleaned = remove_illegal(text)
    value, cut = cut_to_limit(value)
    return CellText(value, needs_quote_prefix(value), cleaned, cut)


def _unescape_match(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return chr(code) if code < 0x20 else match.group(0)


def unescape_cell(text: str) -> str:
    """Undo Excel's ``_xHHHH_`` escapes of control characters (openpyxl leaves them), then
    the escaped underscores :mod:`quiet` marked — so a literal ``_x000D_`` stays text."""
    if "_x" in text:
        text = _ESCAPE_RE.sub(_unescape_match, text)
    if ESCAPED_UNDERSCORE in text:
        text = text.replace(ESCAPED_UNDERSCORE, "_")
    return text
