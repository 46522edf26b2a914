"""Reading the other formats costs at most 2x our .xlsx import of the same catalog.

    .venv/bin/python -m bench.bench_formats [--items 16000] [--repeat 3]

The catalog is exported flat to .xlsx by our writer; the same rows are then written as
.xls (xlwt), .ods (odfpy), .docx (a python-docx package with the table generated as XML)
and .html. Each file is imported with ``read_workbook`` and paired with the import of the
.xlsx (alternated runs, median per-pair CPU ratio). Every read must give the same items.

Also measured: the .xlsx itself read through calamine into the same interpreter (the
route the other formats take), against our openpyxl-based import — is calamine worth it
for .xlsx? (Our .xlsx route keeps rules calamine cannot: formula cells are reported and
never taken — calamine hands over their cached values.)
"""

from __future__ import annotations

import argparse
import html
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from bench.catalog_gen import generate_catalog
from bench.timing import paired_seconds, report_paired
from zwgk_desktop.core.formats.spreadsheet import read_spreadsheet
from zwgk_desktop.core.xlsx import export_workbook, read_workbook
from zwgk_desktop.core.xlsx.reader import _Import

TARGET = 2.0


def sheet_rows(path: Path) -> list[list[str | None]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [
        [None if v is None else str(v) for v in row]
        for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    book.close()
    return rows


def write_docx_fast(path: Path, rows: list[list[str | None]]) -> Path:
    """python-docx builds a 16,000-row table cell by cell in minutes: write the table XML."""
    import docx

    document = docx.Document()
    document.add_paragraph("@@TABLE@@")
    document.save(str(path))
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    width = max(len(r) for r in rows)
    grid = "".join("<w:gridCol/>" for _ in range(width))
    body = []
    for row in rows:
        cells = []
        for c in range(width):
            value = row[c] if c < len(row) else None
            paragraphs = "".join(
                f'<w:p><w:r><w:t xml:space="preserve">{html.escape(line)}</w:t></w:r></w:p>'
                for line in (value or "").split("\n")
            )
            cells.append(f"<w:tc>{paragraphs or '<w:p/>'}</w:tc>")
        body.append("<w:tr>" + "".join(cells) + "</w:tr>")
    table = f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
    xml = parts["word/document.xml"].decode("utf-8")
    start = xml.rfind("<w:p>", 0, xml.index("@@TABLE@@"))
    start = max(start, xml.rfind("<w:p ", 0, xml.index("@@TABLE@@")))
    end = xml.index("</w:p>", xml.index("@@TABLE@@")) + len("</w:p>")
    parts["word/document.xml"] = (xml[:start] + table + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return path


def calamine_xlsx(path: Path) -> int:
    notes: list = []
    grids = read_spreadsheet(path, "xlsx", notes)
    job = _Import(None, None, None, path.name)
    job.notes.extend(notes)
    return job.run_grids(grids).catalog.item_count()


def main() -> None:
    from tests.core.formats.writers import html_text, write_ods, write_xls

    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=16_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", default="", help="formats to leave out, e.g. ods")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="zwgk-bench-formats-"))
    n = args.items
    catalog = generate_catalog(n)
    xlsx = folder / "flat.xlsx"
    export_workbook(catalog, xlsx, layout="flat")
    rows = sheet_rows(xlsx)
    print(f"{n} items ({len(rows)} rows); ratios are the median per-pair CPU-time ratio\n")
    expected = read_workbook(xlsx).catalog
    writers = {
        "xls": lambda p: write_xls(p, rows, [], "目录"),
        "ods": lambda p: write_ods(p, rows, [], "目录"),
        "docx": lambda p: write_docx_fast(p, rows),
        "html": lambda p: p.write_text(html_text(rows, [], "目录"), encoding="utf-8") and p,
    }
    for fmt, write in writers.items():
        if fmt in args.skip.split(","):
            continue
        path = folder / f"flat.{fmt}"
        write(path)
        got = read_workbook(path).catalog
        same = [i.to_dict() for d in got.domains for i in d.items] == [
            i.to_dict() for d in expected.domains for i in d.items
        ]
        timing = paired_seconds(
            lambda p=path: read_workbook(p), lambda: read_workbook(xlsx), args.repeat
        )
        report_paired(
            f"import .{fmt} ({path.stat().st_size / 1e6:.1f} MB)", timing, ".xlsx import", TARGET
        )
        print(f"  same items as the .xlsx: {same} ({got.item_count()} items)")
    timing = paired_seconds(lambda: calamine_xlsx(xlsx), lambda: read_workbook(xlsx), args.repeat)
    report_paired("import .xlsx via calamine grid", timing, "our openpyxl .xlsx import")


if __name__ == "__main__":
    main()
