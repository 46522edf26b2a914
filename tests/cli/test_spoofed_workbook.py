"""Issue 12, finding 5: what Excel shows is what we read.

A crafted workbook keeps an export's visible sheets (so their digests still match) but
carries a different catalog in the hidden ``_zwgk_meta`` sheet. The visible cells must win
and the reviewer must be told.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from zwgk_desktop.core.xlsx import read_workbook

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"


def zwgk(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([ZWGK, *args], capture_output=True, text=True, env=env, timeout=120)


def _rewrite_part(book: Path, part: str, edit) -> None:  # noqa: ANN001
    """Rewrite one raw part of the xlsx package (every other part byte-for-byte kept)."""
    tmp = book.with_suffix(".tmp")
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
    tmp.replace(book)


@pytest.fixture
def export(tmp_path: Path) -> tuple[Path, dict]:
    doc = tmp_path / "甲镇.zwgk"
    made = zwgk("new", str(doc), "--unit", "甲镇人民政府", "--domains", "社会救助")
    assert made.returncode == 0, made.stderr
    book = tmp_path / "甲镇.xlsx"
    assert zwgk("export", str(doc), "-o", str(book)).returncode == 0
    return book, json.loads(zwgk("show", str(doc), "--json").stdout)


def _spoof(text: str, original: dict) -> str:
    """Change the unit and the first item's content inside the hidden JSON only."""
    item = next(i for d in original["domains"] for i in d["items"])
    for quote in ('"', "&quot;"):
        unit_old = f"{quote}unit{quote}:{quote}甲镇人民政府{quote}"
        unit_new = f"{quote}unit{quote}:{quote}另一个镇{quote}"
        content_old = f"{quote}content{quote}:{quote}{item['content']}{quote}"
        content_new = f"{quote}content{quote}:{quote}永不公开{quote}"
        if unit_old in text:
            return text.replace(unit_old, unit_new, 1).replace(content_old, content_new, 1)
    raise AssertionError("payload not found in sharedStrings.xml")


def test_own_export_still_reads_back_losslessly(export: tuple[Path, dict]) -> None:
    book, original = export
    result = read_workbook(book)
    assert result.mismatches == []
    assert not [n for n in result.notes if n.level == "warning"]
    assert result.catalog.to_dict()["domains"] == original["domains"]


def test_hidden_catalog_that_disagrees_with_the_cells_loses(export: tuple[Path, dict]) -> None:
    book, original = export
    _rewrite_part(book, "xl/sharedStrings.xml", lambda text: _spoof(text, original))
    assert "永不公开" in zipfile.ZipFile(book).read("xl/sharedStrings.xml").decode()

    shown = zwgk("show", str(book), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["meta"]["unit"] == "甲镇人民政府"
    assert "永不公开" not in shown.stdout
    first = next(i for d in original["domains"] for i in d["items"])
    assert first["content"] in shown.stdout
    assert "不一致" in shown.stderr and "封面" in shown.stderr and "社会救助" in shown.stderr

    review = zwgk("review", str(book), "--json")
    assert review.returncode == 0, review.stderr
    notices = json.loads(review.stdout)["notices"]
    assert any("不一致" in n for n in notices)
