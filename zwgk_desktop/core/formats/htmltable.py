""".html/.htm: catalog tables in a portal page saved from a browser.

lxml's HTML parser (libxml2) is tolerant of broken markup, never fetches anything
(``no_network``), and scripts are never run: only table cell text is read. Each innermost
table becomes a grid; rowspan/colspan become merged ranges (the HTML table algorithm,
bounded). The caption or the text just above a table, and the page title, go above it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.formats.csvtable import decode_text
from zwgk_desktop.core.formats.gridbuild import Merge, build_grid
from zwgk_desktop.core.formats.limits import MAX_TEXT_BYTES, check_size
from zwgk_desktop.core.xlsx.grid import MAX_COLS, MAX_MERGED_CELLS, MAX_ROWS, Grid
from zwgk_desktop.core.xlsx.result import CancelCheck, check_cancel

MAX_TABLES = 500
MAX_SPAN_ROWS = 5_000
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0\u3000]+")
_BREAK = "\u2028"


def _decode(data: bytes, name: str) -> str:
    match = _CHARSET_RE.search(data[:4096])
    if match:
        charset = match.group(1).decode("ascii").lower()
        if charset in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            charset = "gb18030"
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_text(data, name)


def _cell_text(cell: Any) -> str:
    for br in cell.iter("br"):
        br.tail = _BREAK + (br.tail or "")
    for block in cell.iter("p", "div", "li"):
        block.tail = _BREAK + (block.tail or "")
    text = _SPACE_RE.sub(" ", cell.text_content())
    lines = (line.strip() for line in text.split(_BREAK))
    return "\n".join(line for line in lines if line)


def _span(cell: Any, name: str, limit: int) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return max(1, min(value, limit))


def _table_rows(
    table: Any, cancel: CancelCheck | None, name: str
) -> tuple[list[list[str | None]], list[Merge]]:
    rows: dict[int, dict[int, str]] = {}
    taken: set[tuple[int, int]] = set()
    merges: list[Merge] = []
    trs = [tr for tr in table.iter("tr")][:MAX_ROWS]
    for r, tr in enumerate(trs):
        if r % 512 == 0:
            check_cancel(cancel)
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, col) in taken:
                col += 1
            if col >= MAX_COLS:
                break
            colspan = _span(cell, "colspan", MAX_COLS - col)
            rowspan = _span(cell, "rowspan", min(MAX_SPAN_ROWS, len(trs) - r))
            if len(taken) + colspan * rowspan > MAX_MERGED_CELLS:
                raise FileUnreadableError(f"“{name}”中的表格合并单元格过多，结构异常，无法读取")
            for rr in range(r, r + rowspan):
                for cc in range(col, col + colspan):
                    taken.add((rr, cc))
            rows.setdefault(r, {})[col] = _cell_text(cell)
            if colspan > 1 or rowspan > 1:
                merges.append((r, col, r + rowspan - 1, col + colspan - 1))
            col += colspan
    out: list[list[str | None]] = []
    for r in range(len(trs)):
        cells = rows.get(r, {})
        width = max(cells, default=-1) + 1
        out.append([cells.get(c) for c in range(width)])
    return out, merges


def _titles(table: Any, page_title: str) -> list[str]:
    caption = table.find("caption")
    found: list[str] = []
    if caption is not None:
        found.append(_SPACE_RE.sub(" ", caption.text_content()).strip())
    else:
        for sibling in table.itersiblings(preceding=True):
            if sibling.tag == "table":
                break
            text = _SPACE_RE.sub(" ", sibling.text_content()).strip()
            if text and len(text) <= 120:
                found.insert(0, text)
            if len(found) >= 2:
                break
    if page_title and not found:
        found.append(page_title)
    return [t for t in found if t]


def read_html(path: Path, cancel: CancelCheck | None = None) -> list[Grid]:
    import lxml.etree
    import lxml.html

    check_size(path, MAX_TEXT_BYTES)
    text = _decode(path.read_bytes(), path.name)
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise FileUnreadableError(f"“{path.name}”不是有效的网页文件，无法读取") from exc
    if any("depth" in str(entry.message).lower() for entry in parser.error_log):
        raise FileUnreadableError(f"“{path.name}”的网页结构嵌套过深，不像正常的目录页面，不予读取")
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title_node = root.find(".//title")
    page_title = "" if title_node is None else _SPACE_RE.sub(" ", title_node.text_content()).strip()
    leaves = [t for t in root.iter("table") if t.find(".//table") is None][:MAX_TABLES]
    grids: list[Grid] = []
    for n, table in enumerate(leaves, start=1):
        rows, merges = _table_rows(table, cancel, path.name)
        above: list[list[str | None]] = [[t] for t in _titles(table, page_title)]
        moved = [(a + len(above), b, c + len(above), d) for a, b, c, d in merges]
        name = path.stem if len(leaves) == 1 else f"{path.stem}-表格{n}"
        grids.append(build_grid(name, [*above, *rows], moved, cancel))
    return grids
