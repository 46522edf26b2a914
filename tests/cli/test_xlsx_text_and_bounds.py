"""Issue 12, findings 6, 10 (part) and 11, through the installed ``zwgk``.

Exports must be valid XML that Excel opens, with every user text neutralised; JSON output
survives lone surrogates; exporting over the input is refused; reads are bounded and a
single odd cell does not refuse a whole workbook; openpyxl's English never reaches stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
import xlsxwriter

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"
FORMULA = '=HYPERLINK("http://example.invalid","点我")'


def zwgk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, env=env, timeout=120)


def _catalog_json(path: Path, unit: str, domain: str, extra: dict[str, str] | None = None) -> Path:
    item = {"level1": "一级", "level2": "二级", "content": "内容", "basis": "依据"}
    if extra:
        item["extra"] = extra
    data = {
        "format": "zwgk-catalog",
        "version": 1,
        "meta": {"unit": unit, "region": "", "year": "2026", "contact": ""},
        "domains": [{"id": "custom-1", "name": domain, "items": [item]}],
    }
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return path


def _xml_parts_parse(book: Path) -> None:
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))  # raises on invalid XML


# ----------------------------------------------------------------- finding 6
def test_control_characters_never_reach_sheet_names_or_properties(tmp_path: Path) -> None:
    source = _catalog_json(tmp_path / "in.json", "甲镇\x01人民政府", "自定义\x01领域")
    for layout in ("standard", "flat"):
        book = tmp_path / f"{layout}.xlsx"
        result = zwgk("export", str(source), "-o", str(book), "--layout", layout)
        assert result.returncode == 0, result.stderr
        _xml_parts_parse(book)
        shown = zwgk("show", str(book))
        assert shown.returncode == 0, shown.stderr
    names = openpyxl.load_workbook(tmp_path / "standard.xlsx", read_only=True).sheetnames
    assert "自定义领域" in names


def test_extra_column_titles_and_report_titles_are_neutralised(tmp_path: Path) -> None:
    source = _catalog_json(tmp_path / "in.json", FORMULA, "自定义领域", {FORMULA: "值"})
    book = tmp_path / "flat.xlsx"
    assert zwgk("export", str(source), "-o", str(book), "--layout", "flat").returncode == 0
    sheet = openpyxl.load_workbook(book).worksheets[0]
    header = next(c for c in sheet[1] if c.value == FORMULA)
    assert header.data_type == "s" and header.quotePrefix

    report = tmp_path / "检查意见.xlsx"
    checked = zwgk("validate", str(source), "--report", str(report))
    assert checked.returncode in (0, 1), checked.stderr
    title = openpyxl.load_workbook(report).worksheets[0]["A1"]
    assert title.value.startswith("=HYPERLINK") and title.quotePrefix and title.data_type == "s"


def test_opinion_title_is_neutralised(tmp_path: Path) -> None:
    doc = tmp_path / "甲镇.zwgk"
    assert zwgk("new", str(doc), "--unit", FORMULA, "--domains", "社会救助").returncode == 0
    assert zwgk("review", str(doc), "--comment", "请补充", "--domain", "社会救助").returncode == 0
    out = tmp_path / "意见.xlsx"
    assert zwgk("review", str(doc), "-o", str(out)).returncode == 0
    title = openpyxl.load_workbook(out).worksheets[0]["A1"]
    assert title.value.startswith("=HYPERLINK") and title.quotePrefix


def test_lone_surrogates_do_not_crash_json_output(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    text = _catalog_json(source, "甲镇", "领域").read_text(encoding="utf-8")
    source.write_text(text.replace('"\\u5185\\u5bb9"', '"\\ud800\\u5185"'), encoding="utf-8")
    shown = zwgk("show", str(source), "--json")
    assert shown.returncode == 0, shown.stderr
    out = tmp_path / "out.json"
    exported = zwgk("export", str(source), "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "\ufffd内" in out.read_text(encoding="utf-8")
    book = tmp_path / "out.xlsx"
    made = zwgk("export", str(source), "-o", str(book))
    assert made.returncode == 0, made.stderr
    _xml_parts_parse(book)


# ----------------------------------------------------------------- finding 11
def test_export_refuses_to_replace_its_own_input(tmp_path: Path) -> None:
    source = _catalog_json(tmp_path / "in.json", "甲镇", "领域")
    book = tmp_path / "X.xlsx"
    assert zwgk("export", str(source), "-o", str(book)).returncode == 0
    before = book.read_bytes()
    for target in (book, tmp_path / "." / "X.xlsx"):
        result = zwgk("export", str(book), "-o", str(target))
        assert result.returncode == 2 and "不能与输入文件" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    link = tmp_path / "link.xlsx"
    os.link(book, link)
    assert zwgk("export", str(book), "-o", str(link)).returncode == 2
    assert book.read_bytes() == before


# ----------------------------------------------------------------- finding 10
def test_json_symlink_to_dev_zero_is_refused_quickly(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    started = time.monotonic()
    result = zwgk("show", str(link))
    assert time.monotonic() - started < 20
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def _book_with_raw_cells(path: Path, cells: str) -> Path:
    """A real workbook whose first row gets extra raw ``<c>`` elements."""
    plain = path.with_suffix(".plain.xlsx")
    workbook = xlsxwriter.Workbook(str(plain))
    sheet = workbook.add_worksheet("社会救助")
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for col, label in enumerate(("一级事项", "二级事项", "公开内容（要素）", "公开时限")):
        sheet.write_string(0, col, label)
    sheet.write_string(1, 0, "最低生活保障")
    sheet.write_string(1, 1, "低保审批")
    sheet.write_string(1, 2, "审批结果")
    sheet.write_number(1, 3, 1, dates)
    workbook.close()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="D2" s="1"><v>1</v></c>', cells.encode())
            dst.writestr(info, data)
    return path


def test_a_nan_cell_does_not_refuse_the_workbook_and_no_english_warnings(tmp_path: Path) -> None:
    book = _book_with_raw_cells(
        tmp_path / "odd.xlsx", '<c r="D2" s="1"><v>99999999</v></c><c r="E2"><v>nan</v></c>'
    )
    shown = zwgk("show", str(book), "--json")
    assert shown.returncode == 0, shown.stderr
    assert "低保审批" in shown.stdout
    assert not any(ch.isascii() and ch.isalpha() for ch in shown.stderr), shown.stderr


def test_row_limit_note_states_the_real_limit(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from zwgk_desktop.core.xlsx import grid, records
    from zwgk_desktop.core.xlsx.reader import read_workbook

    monkeypatch.setattr(grid, "MAX_ROWS", 5)
    monkeypatch.setattr(records, "MAX_ROWS", 5)
    path = tmp_path / "rows.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("社会救助")
    for col, label in enumerate(("一级事项", "二级事项", "公开内容（要素）")):
        sheet.write_string(0, col, label)
    for row in range(1, 12):
        sheet.write_string(row, 1, f"事项{row}")
    workbook.close()
    notes = [n.message for n in read_workbook(path).notes]
    assert any("超过 5 行" in n for n in notes), notes


def test_literal_escape_text_round_trips_as_text(tmp_path: Path) -> None:
    source = _catalog_json(tmp_path / "in.json", "甲镇", "自定义领域")
    data = json.loads(source.read_text(encoding="utf-8"))
    item = data["domains"][0]["items"][0]
    item["level2"] = "A_x000D_B"
    item["content"] = "第一行\r第二行"
    item["basis"] = "E_x005F_F"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for layout in ("standard", "flat"):
        book = tmp_path / f"{layout}.xlsx"
        assert zwgk("export", str(source), "-o", str(book), "--layout", layout).returncode == 0
        imported = tmp_path / f"{layout}.zwgk"
        result = zwgk("import", str(book), "-o", str(imported))
        assert result.returncode == 0, result.stderr
        assert "修改" not in result.stdout  # no false "sheet was modified" note
        back = json.loads(zwgk("show", str(imported), "--json").stdout)
        got = back["domains"][0]["items"][0]
        assert (got["level2"], got["content"], got["basis"]) == (
            "A_x000D_B",
            "第一行\r第二行",
            "E_x005F_F",
        )
