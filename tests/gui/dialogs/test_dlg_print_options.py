"""导出PDF / 打印 options: 范围, 简洁版, 接续排页 — defaults from the settings, remembered,
and carried through the window's 导出PDF into the file."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from zwgk_desktop.core.settings import load_settings, save_settings
from zwgk_desktop.core.xlsx.result import ChannelStyle, PageFlow
from zwgk_desktop.gui.dialogs.common import MESSAGES
from zwgk_desktop.gui.dialogs.print_options import (
    COMPACT_LABEL,
    CONTINUOUS_LABEL,
    PrintOptionsDialog,
)


def remember(compact: bool, continuous: bool) -> None:
    settings = load_settings()
    settings.compact_channels = compact
    settings.continuous_pages = continuous
    save_settings(settings)


def test_defaults_come_from_the_settings_and_are_remembered(qtbot):
    remember(compact=True, continuous=False)
    dialog = PrintOptionsDialog(None, "导出 PDF")
    qtbot.addWidget(dialog)
    assert dialog.compact_check.text() == COMPACT_LABEL
    assert dialog.continuous_check.text() == CONTINUOUS_LABEL
    assert dialog.compact_check.isChecked() and not dialog.continuous_check.isChecked()
    assert dialog.whole_button.isChecked()  # no current domain: the whole catalog
    dialog.compact_check.setChecked(False)
    dialog.continuous_check.setChecked(True)
    assert dialog.choice().channels is ChannelStyle.FULL
    assert dialog.choice().flow is PageFlow.CONTINUOUS
    dialog.accept()
    settings = load_settings()
    assert not settings.compact_channels and settings.continuous_pages
    again = PrintOptionsDialog(None, "打印")
    qtbot.addWidget(again)
    assert not again.compact_check.isChecked() and again.continuous_check.isChecked()


def test_one_domain_has_no_page_flow_to_choose(qtbot):
    remember(compact=False, continuous=True)
    dialog = PrintOptionsDialog(None, "打印", "social-assistance", "社会救助")
    qtbot.addWidget(dialog)
    assert dialog.domain_button.isChecked() and "社会救助" in dialog.domain_button.text()
    assert not dialog.continuous_check.isEnabled()
    choice = dialog.choice()
    assert choice.domain_id == "social-assistance" and choice.flow is PageFlow.BY_DOMAIN
    dialog.whole_button.setChecked(True)
    assert dialog.continuous_check.isEnabled()
    whole = dialog.choice()
    assert whole.domain_id is None and whole.channels is ChannelStyle.FULL
    assert whole.flow is PageFlow.CONTINUOUS
    dialog.domain_button.setChecked(True)
    dialog.accept()
    assert load_settings().continuous_pages  # a one-domain print leaves the choice alone


def test_texts_are_not_clipped(qtbot):
    dialog = PrintOptionsDialog(None, "导出 PDF", "d", "公共法律服务", "导出…")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    for check in (dialog.compact_check, dialog.continuous_check, dialog.domain_button):
        assert check.width() >= check.sizeHint().width()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_window_export_pdf_uses_the_chosen_options(window, qtbot, tmp_path, monkeypatch):
    remember(compact=False, continuous=False)
    target = tmp_path / "目录"

    def fake_save(widget, caption, directory, name_filter):
        return str(target), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    seen: list[str] = []

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PrintOptionsDialog):
            QTimer.singleShot(50, choose)
            return
        seen.append(dialog.windowTitle())
        dialog.whole_button.setChecked(True)
        dialog.compact_check.setChecked(True)
        dialog.continuous_check.setChecked(True)
        dialog.accept()

    MESSAGES.clear()
    QTimer.singleShot(50, choose)
    window.file.on_export_pdf()
    assert seen == ["导出 PDF"]
    qtbot.waitUntil(lambda: bool(MESSAGES) and MESSAGES[-1].kind == "done", timeout=30000)
    out = subprocess.run(
        ["pdftotext", str(target.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = re.sub(r"\s+", "", out)
    assert "■" in text and "□" not in text  # 简洁版
    settings = load_settings()
    assert settings.compact_channels and settings.continuous_pages
