"""Untrusted files: every refusal is one Chinese line, fast, with bounded memory."""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.catalog_gen import generate_catalog
from xlsx import hostile_files as hostile
from zwgk_desktop.core.errors import FileUnreadableError
from zwgk_desktop.core.xlsx import export_workbook, read_workbook

SECONDS = 5.0
PEAK_BYTES = 64 * 1024 * 1024


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.xlsx"
    export_workbook(generate_catalog(200), path)
    return path


def _refused(path: Path) -> str:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(FileUnreadableError) as info:
            read_workbook(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert "\n" not in message and message.strip() == message
    assert path.name in message
    assert elapsed < SECONDS, f"refusal took {elapsed:.1f}s"
    assert peak < PEAK_BYTES, f"refusal peaked at {peak / 1e6:.0f} MB"
    return message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip bomb": (lambda p: hostile.zip_bomb(p, 150), "压缩炸弹"),
    "billion laughs": (hostile.billion_laughs, "不安全的 XML"),
    "XXE": (hostile.xxe, "不安全的 XML"),
    "macro project": (lambda p: hostile.with_part(p, "xl/vbaProject.bin"), "宏"),
    "external links": (
        lambda p: hostile.with_part(p, "xl/externalLinks/externalLink1.xml", b"<externalLink/>"),
        "外部链接",
    ),
    "embedded object": (lambda p: hostile.with_part(p, "xl/embeddings/oleObject1.bin"), "嵌入"),
    "random bytes": (hostile.random_bytes, "不是有效的 Excel 工作簿"),
    # found in a full run: random bytes starting with “<” (1 run in 128) were called a web page
    "random bytes starting with <": (
        lambda p: _write(p, b"<" + random.Random(3).randbytes(65535)),
        "不是有效的 Excel 工作簿",
    ),
    # found once in a full run: random bytes without a NUL in the first 2 KB were taken for CSV
    "random bytes without NUL": (
        lambda p: _write(p, random.Random(7).randbytes(65536).replace(b"\0", b"\1")),
        "不是有效的 Excel 工作簿",
    ),
    ".xls renamed": (hostile.renamed_xls, "损坏"),
}


def test_csv_renamed_xlsx_is_read_by_content(tmp_path: Path) -> None:
    """Files get renamed: an ".xlsx" that is CSV text is read as CSV, not refused."""
    result = read_workbook(hostile.csv_file(tmp_path / "submitted.xlsx"))
    assert [i.level2 for d in result.catalog.domains for i in d.items] == ["法规"]


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_file_is_refused(case: str, tmp_path: Path) -> None:
    make, expected = HOSTILE[case]
    assert expected in _refused(make(tmp_path / "submitted.xlsx"))


def test_truncated_file_is_refused(tmp_path: Path) -> None:
    for keep in (0.2, 0.6, 0.95):
        path = hostile.truncated(_good(tmp_path), tmp_path / f"cut{keep}.xlsx", keep)
        assert "不完整" in _refused(path) or "损坏" in _refused(path)


def test_corrupt_member_is_refused(tmp_path: Path) -> None:
    data = bytearray(_good(tmp_path).read_bytes())
    at = data.find(b"xl/worksheets/sheet2.xml") + 200  # inside that member's compressed data
    data[at : at + 400] = bytes(400)
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    assert "损坏" in _refused(path)


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [(".xls", "未找到目录表格"), (".et", "未找到目录表格"), (".csv", "未找到目录表格")]
    + [(".xlsm", "宏"), (".xlsb", ".xlsb")],
)
def test_unsupported_kinds_are_explained(suffix: str, expected: str, tmp_path: Path) -> None:
    """.xls/.et/.csv are read now (a word of text is no catalog); .xlsm/.xlsb are refused."""
    path = tmp_path / f"catalog{suffix}"
    path.write_bytes(b"whatever")
    assert expected in _refused(path)


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadableError, match="找不到文件"):
        read_workbook(tmp_path / "nothing.xlsx")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "空文件" in _refused(empty)


def test_lying_dimension_is_read_within_bounds(tmp_path: Path) -> None:
    path = hostile.lying_dimension(tmp_path / "sparse.xlsx")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = read_workbook(path)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS and peak < PEAK_BYTES
    (domain,) = result.catalog.domains
    assert [(i.level2, i.content, i.method) for i in domain.items] == [
        ("政策法规", "文件名称", ["主动"])
    ]
    assert any("之后的内容未读取" in n.message for n in result.notes)
