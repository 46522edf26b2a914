"""Hostile and broken files a reviewer may receive: zip bombs, XML attacks, lying
dimensions, macro projects, external links, truncated, random and mislabelled files.

Built from raw zip parts (openpyxl would refuse to write most of them).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path


def _minimal_parts(
    sheet_xml: bytes, extra: dict[str, bytes] | None = None, dimension: str | None = None
) -> dict[str, bytes]:
    content_types = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b"</Types>"
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>"
    )
    workbook = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        b"</Relationships>"
    )
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": rels,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": workbook_rels,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    parts.update(extra or {})
    return parts


def _sheet(rows_xml: bytes, dimension: str = "A1", prolog: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + prolog
        + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="'
        + dimension.encode()
        + b'"/><sheetData>'
        + rows_xml
        + b"</sheetData></worksheet>"
    )


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def zip_bomb(path: Path, megabytes: int = 200) -> Path:
    """One inline string of ``megabytes`` MB of "A": a ratio near 1000:1."""
    buffer = io.BytesIO()
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    tail = b"</t></is></c></row></sheetData></worksheet>"
    parts = _minimal_parts(b"")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(head)
            block = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
            member.write(tail)
    path.write_bytes(buffer.getvalue())
    return path


def billion_laughs(path: Path) -> Path:
    prolog = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
        b'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
        b'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
        b'<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
        b'<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
        b'<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
    )
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return write_zip(path, _minimal_parts(_sheet(rows, prolog=prolog)))


def xxe(path: Path, target: str = "/etc/hostname") -> Path:
    prolog = b'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file://' + target.encode() + b'">]>'
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return write_zip(path, _minimal_parts(_sheet(rows, prolog=prolog)))


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def lying_dimension(path: Path) -> Path:
    """A real little table, one cell at XFD1048576, a dimension claiming the whole sheet and
    a merge over all of it."""
    labels = ("一级事项", "二级事项", "公开内容", "公开依据", "公开方式")
    values = ("综合业务", "政策法规", "文件名称", "《社会救助暂行办法》", "主动")
    rows = (
        b'<row r="1">'
        + b"".join(_inline(f"{c}1", t) for c, t in zip("ABCDE", labels, strict=True))
        + b"</row>"
        b'<row r="2">'
        + b"".join(_inline(f"{c}2", t) for c, t in zip("ABCDE", values, strict=True))
        + b"</row>"
        b'<row r="1048576">' + _inline("XFD1048576", "x") + b"</row>"
    )
    sheet = _sheet(rows, dimension="A1:XFD1048576")
    sheet = sheet.replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="F3:XFD1048575"/></mergeCells>',
    )
    return write_zip(path, _minimal_parts(sheet))


def with_part(path: Path, name: str, data: bytes = b"\x00" * 64) -> Path:
    """A valid minimal workbook plus an extra part (vbaProject.bin, externalLinks …)."""
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    return write_zip(path, _minimal_parts(_sheet(rows), {name: data}))


def truncated(source: Path, path: Path, keep: float = 0.6) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def random_bytes(path: Path, size: int = 64 * 1024) -> Path:
    path.write_bytes(os.urandom(size))
    return path


def renamed_xls(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    return path


def csv_file(path: Path) -> Path:
    path.write_text("一级事项,二级事项,公开内容\n政策文件,法规,文件名称\n", encoding="utf-8")
    return path
