"""Write one table (rows + merged ranges, 1-based like openpyxl) in every format we read.

The same rows as the .xlsx fixtures of :mod:`tests.core.xlsx.choice_layouts`, so each format
can be compared with the .xlsx original. Generators only: no binary blobs in the tree.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

Rows = list[list[str | None]]
Merge = tuple[int, int, int, int]


def _covered(merges: list[Merge]) -> dict[tuple[int, int], Merge | None]:
    """Covered cells → None, anchors → their merge (0-based keys)."""
    found: dict[tuple[int, int], Merge | None] = {}
    for r1, c1, r2, c2 in merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                found[(r - 1, c - 1)] = None
        found[(r1 - 1, c1 - 1)] = (r1, c1, r2, c2)
    return found


def _width(rows: Rows, merges: list[Merge]) -> int:
    return max([len(r) for r in rows] + [m[3] for m in merges] + [1])


def write_xls(path: Path, rows: Rows, merges: list[Merge], sheet: str = "社会救助") -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    anchors = _covered(merges)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in anchors or value is None:
                continue
            ws.write(r, c, value)
    for r1, c1, r2, c2 in merges:
        value = rows[r1 - 1][c1 - 1] if c1 - 1 < len(rows[r1 - 1]) else None
        ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, value or "")
    book.save(str(path))
    return path


def write_ods(path: Path, rows: Rows, merges: list[Merge], sheet: str = "社会救助") -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    anchors = _covered(merges)
    width = _width(rows, merges)
    for r, row in enumerate(rows):
        tr = TableRow()
        for c in range(width):
            value = row[c] if c < len(row) else None
            key = (r, c)
            if key in anchors and anchors[key] is None:
                tr.addElement(CoveredTableCell())
                continue
            attrs = {}
            merge = anchors.get(key)
            if merge is not None:
                attrs = {
                    "numberrowsspanned": merge[2] - merge[0] + 1,
                    "numbercolumnsspanned": merge[3] - merge[1] + 1,
                }
            cell = TableCell(valuetype="string", **attrs) if value else TableCell(**attrs)
            if value:
                for line in value.split("\n"):
                    cell.addElement(P(text=line))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows([[v or "" for v in row] for row in rows])
    return path


def write_docx(path: Path, rows: Rows, merges: list[Merge]) -> Path:
    """The first row, if it is a lone title, becomes a paragraph above the table."""
    import docx

    document = docx.Document()
    body = rows
    if len(rows[0]) == 1:
        document.add_paragraph(rows[0][0] or "")
        body = rows[1:]
        merges = [(a - 1, b, c - 1, d) for a, b, c, d in merges if a > 1]
    width = _width(body, merges)
    table = document.add_table(rows=len(body), cols=width)
    for r1, c1, r2, c2 in merges:
        table.cell(r1 - 1, c1 - 1).merge(table.cell(r2 - 1, c2 - 1))
    anchors = _covered(merges)
    for r, row in enumerate(body):
        for c, value in enumerate(row):
            if value is None or (r, c) in anchors and anchors[(r, c)] is None:
                continue
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def html_text(rows: Rows, merges: list[Merge], title: str = "") -> str:
    anchors = _covered(merges)
    width = _width(rows, merges)
    lines = [
        '<!DOCTYPE html><html><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<script>document.write('<table><tr><td>序号</td></tr></table>')</script>",
        '</head><body><div class="nav"><table><tr><td><a href="/">首页</a></td></tr></table></div>',
        '<div class="content">',
    ]
    body = rows
    if len(rows[0]) == 1:
        lines.append(f"<p><strong>{html.escape(rows[0][0] or '')}</strong></p>")
        body = rows[1:]
        anchors = _covered([(a - 1, b, c - 1, d) for a, b, c, d in merges if a > 1])
    lines.append('<table border="1" cellspacing="0">')
    for r, row in enumerate(body):
        cells = []
        for c in range(width):
            merge = anchors.get((r, c), "free")
            if merge is None:
                continue
            value = row[c] if c < len(row) else None
            attrs = ""
            if merge != "free":
                attrs = f' rowspan="{merge[2] - merge[0] + 1}" colspan="{merge[3] - merge[1] + 1}"'
            text = html.escape(value or "").replace("\n", "<br/>")
            cells.append(f"<td{attrs}>&nbsp;{text}\n </td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table></div></body></html>")
    return "\n".join(lines)


def write_html(path: Path, rows: Rows, merges: list[Merge], encoding: str = "utf-8") -> Path:
    text = html_text(rows, merges, "示范镇人民政府门户网站")
    if encoding != "utf-8":
        text = text.replace('charset="utf-8"', f'charset="{encoding}"')
    path.write_bytes(text.encode(encoding))
    return path
