"""The folder batch: good, bad and hostile files; worst first; never fatal."""

from __future__ import annotations

import functools
import io
import json
import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from zwgk_desktop.core.errors import ZwgkError
from zwgk_desktop.core.model import Catalog
from zwgk_desktop.core.review.batch import (
    META_DOMAIN,
    BatchCancelled,
    candidate_files,
    review_folder,
)
from zwgk_desktop.core.review.batch_xlsx import write_summary
from zwgk_desktop.core.review.opinions import export_opinions
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.core.storage import Document

SA = "social-assistance"


@functools.cache
def _zip_bomb_bytes() -> bytes:
    """A small .xlsx whose sheet inflates to 200 MB (built once per test run)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"<row>" + b" " * (1 << 20) + b"</row>"
            for _ in range(200):
                sheet.write(block)
    return buffer.getvalue()


@pytest.fixture
def folder(
    tmp_path: Path, make_catalog: Callable[..., Catalog], hand_made_xlsx: Callable[..., Path]
) -> Path:
    box = tmp_path / "各镇提交"
    box.mkdir()
    clean = make_catalog(unit="甲镇人民政府")
    Document.create(box / "甲镇.zwgk", clean).close()
    broken = make_catalog(unit="乙镇人民政府")
    for item in broken.domain(SA).items[:3]:
        item.time_limit = ""
    broken.meta.unit = "乙镇人民政府"
    broken.domain("health").note = ""
    Document.create(box / "乙镇.zwgk", broken).close()
    (box / "丙镇.json").write_text(
        json.dumps(make_catalog(unit="丙镇人民政府").to_dict(), ensure_ascii=False),
        encoding="utf-8",
    )
    hand_made_xlsx(box / "丁镇.xlsx", "丁镇人民政府")
    (box / "corrupt.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    (box / "random.zwgk").write_bytes(bytes(range(256)) * 40)
    (box / "旧格式.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    conn = sqlite3.connect(box / "别的数据库.zwgk")
    conn.execute("CREATE TABLE items (x)")
    conn.commit()
    conn.close()
    (box / "bomb.xlsx").write_bytes(_zip_bomb_bytes())
    (box / "~$甲镇.xlsx").write_bytes(b"lock")
    (box / "说明.txt").write_text("cover letter", encoding="utf-8")
    return box


def test_every_file_is_a_row_and_bad_ones_never_stop_the_batch(folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    started = time.perf_counter()
    result = review_folder(folder, progress=lambda done, total: calls.append((done, total)))
    assert time.perf_counter() - started < 60
    names = [s.file_name for s in result.submissions]
    assert sorted(names) == sorted(
        [
            "甲镇.zwgk",
            "乙镇.zwgk",
            "丙镇.json",
            "丁镇.xlsx",
            "corrupt.xlsx",
            "random.zwgk",
            "旧格式.xls",
            "别的数据库.zwgk",
            "bomb.xlsx",
        ]
    )
    bad = {s.file_name: s.error for s in result.submissions if not s.ok}
    assert set(bad) == {"corrupt.xlsx", "random.zwgk", "旧格式.xls", "别的数据库.zwgk", "bomb.xlsx"}
    assert all(bad[name] and "\n" not in bad[name] for name in bad)
    assert "损坏" in bad["旧格式.xls"]  # .xls is read now; this one is a broken header only
    assert calls[0] == (0, 9) and calls[-1] == (9, 9)
    assert result.summary()["unreadable"] == 5 and result.has_problems


def test_worst_first_and_the_unit_domain_table(folder: Path) -> None:
    result = review_folder(folder)
    ok = [s for s in result.submissions if s.ok]
    unreadable = [s for s in result.submissions if not s.ok]
    assert result.submissions[: len(unreadable)] == unreadable
    assert ok[0].unit == "乙镇人民政府" and ok[0].errors > 0
    assert [s.errors for s in ok] == sorted((s.errors for s in ok), reverse=True)
    domain = next(d for d in ok[0].domains if d.domain_id == SA)
    assert domain.errors >= 3 and domain.items > 0
    health = next(d for d in ok[0].domains if d.domain_id == "health")
    assert health.not_involved and health.errors >= 1
    table = result.table()
    first_ok = next(i for i, (s, d) in enumerate(table) if d is not None)
    assert table[first_ok][1].errors == max(d.errors for d in ok[0].domains)
    clean = next(s for s in ok if s.unit == "甲镇人民政府")
    assert clean.errors == 0 and clean.missing_standard == 0 and clean.not_involved == 24
    assert META_DOMAIN not in [d.name for d in clean.domains]


def test_review_status_of_each_file_is_shown(folder: Path) -> None:
    with ReviewSession.open_for_review(folder / "甲镇.zwgk", "李审核") as session:
        session.add_comment("请核对", SA)
        session.return_for_changes()
    result = review_folder(folder)
    row = next(s for s in result.submissions if s.file_name == "甲镇.zwgk")
    assert row.review_status == "第1轮 退回修改" and row.open_comments == 1


def test_summary_workbook_and_json(folder: Path, tmp_path: Path) -> None:
    result = review_folder(folder)
    target = folder / "汇总.xlsx"
    write_summary(result, target)
    book = openpyxl.load_workbook(target)
    summary = book["汇总"]
    header = [c.value for c in summary[3]]
    assert header[:7] == ["序号", "文件", "单位", "状态", "事项数", "错误", "警告"]
    files = [summary.cell(row=r, column=2).value for r in range(4, 4 + len(result.submissions))]
    assert files == [s.file_name for s in result.submissions]
    table = book["单位×领域"]
    assert [c.value for c in table[1]] == [
        "单位",
        "文件",
        "领域",
        "事项数",
        "错误",
        "警告",
        "未涉及",
    ]
    assert table.max_row == 1 + len(result.table())
    data = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert data["format"] == "zwgk-review-batch" and data["summary"]["files"] == 9
    # Our own outputs in the folder are recognised and skipped next time.
    with ReviewSession.open_for_review(folder / "甲镇.zwgk", "李审核") as session:
        export_opinions(session, folder / "甲镇审核意见.xlsx")
    files, ours = candidate_files(folder)
    assert {p.name for p in ours} == {"汇总.xlsx", "甲镇审核意见.xlsx"}
    again = review_folder(folder)
    assert len(again.submissions) == 9 and any("已跳过" in n for n in again.notes)


def test_cancel_stops_between_files(folder: Path) -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)

    with pytest.raises(BatchCancelled):
        review_folder(folder, progress=progress, cancel=lambda: len(seen) >= 2)
    assert seen == [0, 1]


def test_duplicate_units_are_noted(tmp_path: Path, make_catalog: Callable[..., Catalog]) -> None:
    Document.create(tmp_path / "甲镇-第一版.zwgk", make_catalog()).close()
    Document.create(tmp_path / "甲镇-第二版.zwgk", make_catalog()).close()
    result = review_folder(tmp_path)
    assert any("同一单位有多个文件" in note for note in result.notes)
    assert not result.has_problems


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ZwgkError, match="文件夹不存在"):
        review_folder(tmp_path / "none")
    empty = review_folder(tmp_path)
    assert empty.submissions == [] and empty.notes


def test_processes_give_the_same_table(folder: Path) -> None:
    sequential = review_folder(folder, workers=1)
    calls: list[tuple[int, int]] = []
    parallel = review_folder(folder, progress=lambda d, t: calls.append((d, t)), workers=2)
    assert [s.to_json() for s in parallel.submissions] == [
        s.to_json() for s in sequential.submissions
    ]
    assert calls[0] == (0, 9) and calls[-1] == (9, 9)


def test_long_errors_and_names_get_rows_tall_enough_to_print(folder: Path, tmp_path: Path) -> None:
    """LibreOffice and WPS keep a library-written row at its default height, and merged
    cells never grow: a long error printed over the rows below it."""
    from zwgk_desktop.core.review.batch_xlsx import SUMMARY_COLUMNS, TABLE_COLUMNS
    from zwgk_desktop.core.xlsx.textsize import line_count, row_points

    long_name = "某某县某某镇人民政府二〇二六年度基层政务公开事项标准目录（第二次修改稿）.xlsx"
    (folder / long_name).write_text("不是表格", encoding="utf-8")
    result = review_folder(folder)
    target = tmp_path / "汇总.xlsx"
    write_summary(result, target)
    book = openpyxl.load_workbook(target)
    summary, table = book["汇总"], book["单位×领域"]
    widths = dict(SUMMARY_COLUMNS)
    for r, sub in enumerate(result.submissions, start=4):
        need = max(
            line_count(sub.file_name, widths["文件"]),
            line_count(sub.error, widths["说明"]) if not sub.ok else 1,
        )
        assert summary.row_dimensions[r].height >= row_points(need) - 0.5, sub.file_name  # px grid
    merged = sum(width for _, width in TABLE_COLUMNS[2:])
    rows = result.table()
    for r, (_sub, dom) in enumerate(rows, start=2):
        if dom is None:
            error = table.cell(row=r, column=3).value
            assert table.row_dimensions[r].height >= row_points(line_count(error, merged)) - 0.5
            assert table.row_dimensions[r].height > row_points(1)  # the long errors wrap
    header = summary.row_dimensions[3].height
    assert header >= row_points(line_count("缺少标准事项", widths["缺少标准事项"])) - 0.5
