"""Tab-separated text as Excel and WPS put it on (and take it from) the clipboard.

Excel's rules: cells are separated by TAB, rows by CRLF; a cell that holds a line break,
a TAB or a double quote is written in double quotes with inner quotes doubled; a cell
that does not *start* with a quote is taken literally. The text ends with one CRLF.
Pure functions (no Qt) so the rules are tested on their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zwgk_desktop.core.choice_words import choice_terms, split_list
from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.text import clean_cell
from zwgk_desktop.core.vocab import Vocabulary

_NEEDS_QUOTES = ("\t", "\n", "\r", '"')
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def quote_cell(text: str) -> str:
    if any(ch in text for ch in _NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cell texts as Excel's clipboard text."""
    return "".join("\t".join(quote_cell(cell) for cell in row) + "\r\n" for row in rows)


def from_tsv(text: str) -> list[list[str]]:
    """Parse clipboard text from Excel, WPS or LibreOffice into rows of cells.

    A quoted cell may span lines; an unterminated quote is taken literally, as Excel does.
    The final line break does not make an extra empty row.
    """
    if not text:
        return []
    if '"' not in text:  # nothing quoted (most pastes): split in C
        lines = _split_lines(text)
        if not lines[-1]:
            lines.pop()
        return [line.split("\t") for line in lines]
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    while True:
        if i < n and text[i] == '"':
            cell, end = _read_quoted(text, i)
            if end is not None:
                row.append(cell)
                i = end
            else:
                cell, i = _read_plain(text, i)
                row.append(cell)
        else:
            cell, i = _read_plain(text, i)
            row.append(cell)
        if i >= n:
            rows.append(row)
            break
        sep = text[i]
        if sep == "\t":
            i += 1
            continue
        # line break: \r\n, \n or \r
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
        if i >= n:
            break
    return rows


def _split_lines(text: str) -> list[str]:
    """Lines split at CRLF, LF or CR; str.split when one kind is used (5× the regex)."""
    if "\r" not in text:
        return text.split("\n")
    lines = text.split("\r\n")
    if text.count("\r") == text.count("\n") == len(lines) - 1:  # Excel and WPS: CRLF only
        return lines
    if "\n" not in text:
        return text.split("\r")
    return _LINE_BREAK.split(text)


def _read_plain(text: str, i: int) -> tuple[str, int]:
    j = i
    n = len(text)
    while j < n and text[j] not in "\t\r\n":
        j += 1
    return text[i:j], j


def _read_quoted(text: str, i: int) -> tuple[str, int | None]:
    """A quoted cell starting at ``text[i] == '"'``; end is None if it is not well formed."""
    parts: list[str] = []
    j = i + 1
    n = len(text)
    while j < n:
        k = text.find('"', j)
        if k < 0:
            return "", None
        parts.append(text[j:k])
        if k + 1 < n and text[k + 1] == '"':
            parts.append('"')
            j = k + 2
            continue
        # closing quote must be followed by a separator or the end
        if k + 1 == n or text[k + 1] in "\t\r\n":
            return "".join(parts), k + 1
        return "", None
    return "", None


split_terms = split_list  # a choice cell typed or pasted as text (“政府网站、政务服务中心”)


def parse_cell(key: str, text: str) -> str | list[str]:
    """A pasted/typed cell text as the value of field ``key`` (choices canonicalised)."""
    spec = FIELD_BY_KEY[key]
    if spec.is_choice:
        vocabulary: Vocabulary | None = spec.vocabulary
        if key == "channels" or vocabulary is None:
            terms = split_terms(text)
        else:  # "主动+依申请", "县乡两级" as the importer reads them
            known, unknown = choice_terms(key, text)
            terms = known + unknown
        return vocabulary.normalize(terms) if vocabulary else terms
    return clean_cell(text)


def format_cell(key: str, value: object) -> str:
    """The text of a cell value as the table shows and copies it."""
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)
