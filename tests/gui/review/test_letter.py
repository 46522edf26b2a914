"""The 审核意见函 PDF: written atomically, Chinese text really in it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from zwgk_desktop.core.review.letter import build_letter
from zwgk_desktop.core.review.session import ReviewSession
from zwgk_desktop.gui.review.exports import save_letter, save_opinions
from zwgk_desktop.gui.review.letter import write_letter_pdf

SA = "social-assistance"


def test_letter_pdf_contains_the_opinions(qtbot, review: ReviewSession, tmp_path: Path) -> None:
    review.add_comment("请写明具体工作日", SA, 1, "time_limit", "时限过宽")
    review.return_for_changes()
    out = tmp_path / "out"
    out.mkdir()
    target = out / "审核意见函.pdf"
    pages = write_letter_pdf(build_letter(review, sender="乙县政务公开办"), target)
    assert pages >= 1
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    assert [p.name for p in out.iterdir()] == ["审核意见函.pdf"]  # no temp file left
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    compact = "".join(text.split())
    assert "甲镇人民政府" in compact and "时限过宽" in compact and "乙县政务公开办" in compact


def test_export_helpers_report_success(qtbot, review: ReviewSession, tmp_path: Path) -> None:
    from zwgk_desktop.gui import msgbox

    review.add_comment("请补充", SA)
    assert save_opinions(None, review, tmp_path / "意见.xlsx") == 1
    assert save_letter(None, review, tmp_path / "函.pdf") == 1
    assert [kind for kind, _ in msgbox.shown[-2:]] == ["info", "info"]
    assert save_opinions(None, review, tmp_path / "no-such-folder" / "意见.xlsx") is None
    assert msgbox.shown[-1][0] == "error"
