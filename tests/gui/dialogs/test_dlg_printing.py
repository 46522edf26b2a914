"""Print/PDF: the printed layout, escaping, page numbers, cancel, and the background path."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from zwgk_desktop.core.catalog_factory import new_catalog
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.gui.dialogs.common import MESSAGES
from zwgk_desktop.gui.pdf_process import render_pdf_in_child
from zwgk_desktop.gui.print_html import (
    CHANNEL_OFF,
    CHANNEL_ON,
    PRINT_CELL_CHARS,
    PRINT_LABEL_CHARS,
    catalog_html,
    channel_cell,
    domain_title,
    printed,
)
from zwgk_desktop.gui.printing import (
    PROGRESS_STEPS,
    PrintCancelled,
    ask_export_pdf,
    page_layout,
    paint_html,
    render_pdf,
)
from zwgk_desktop.gui.tasks import run_blocking

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_text(path: Path) -> str:
    """The PDF's text without any whitespace: cells wrap wherever the layout puts them."""
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", out)


def small_catalog() -> Catalog:
    nasty = Item(
        level1="<b>政策</b> & 文件",
        level2="最低生活保障审批信息",
        content="第一行\n第二行 <script>alert(1)</script>",
        basis="《中华人民共和国政府信息公开条例》",
        time_limit="信息形成或者变更之日起20个工作日内",
        subject="城关镇人民政府",
        channels=["政府网站", "便民服务站", "投资项目在线审批监管平台"],
        audience=["特定群体"],
        audience_note="申请人",
        method=["依申请"],
        level=["乡级"],
    )
    plain = Item(
        level1="<b>政策</b> & 文件",
        level2="临时救助",
        channels=["政府网站"],
        audience=["全社会"],
        method=["主动"],
        level=["县级", "乡级"],
    )
    return Catalog(
        meta=CatalogMeta(unit="城关镇", region="示范县", year="2025"),
        domains=[
            Domain(id="social-assistance", name="社会救助", items=[nasty, plain]),
            Domain(id="work-safety", name="安全生产", not_involved=True, note="本镇无<危化品>企业"),
        ],
    )


def test_channel_cell_marks_standard_and_extra_channels():
    item = Item(channels=["政府网站", "投资项目在线审批监管平台"])
    cell = channel_cell(item)
    assert f"{CHANNEL_ON}政府网站" in cell
    assert f"{CHANNEL_OFF}政府公报" in cell
    assert f"{CHANNEL_ON}投资项目在线审批监管平台" in cell


def test_html_escapes_every_value_and_merges_level1():
    catalog = small_catalog()
    text = catalog_html(catalog, "social-assistance")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "&lt;b&gt;政策&lt;/b&gt; &amp; 文件" in text
    assert text.count("&lt;b&gt;政策") == 1  # two equal 一级事项 in a row: one merged cell
    assert 'rowspan="2"' in text
    assert "√(申请人)" in text
    assert "第一行<br/>第二行" in text
    whole = catalog_html(catalog)
    assert "本镇无&lt;危化品&gt;企业" in whole
    assert domain_title(catalog, catalog.domains[0]) == "城关镇社会救助领域基层政务公开标准目录"


@needs_poppler
def test_render_pdf_of_a_domain_has_title_marks_and_page_numbers(qtbot, tmp_path):
    target = tmp_path / "社会救助.pdf"
    pages = render_pdf(small_catalog(), target, "social-assistance")
    assert pages >= 1
    text = pdf_text(target)
    assert "城关镇社会救助领域基层政务公开标准目录" in text
    # escaped markup prints literally (the narrow 一级事项 column wraps it)
    assert "<b>政" in text and "策</b>" in text and "<script>" in text
    assert "√(申请人)" in text
    assert "■便民服务站" in text
    assert f"第1页共{pages}页" in text
    assert not list(tmp_path.glob(".*.tmp"))  # atomic_path cleaned up


@needs_poppler
def test_render_pdf_of_whole_catalog_in_a_child_process(qtbot, tmp_path):
    catalog = new_catalog(CatalogMeta(unit="城关镇", year="2025"))
    catalog.domains[0].not_involved = True
    catalog.domains[0].note = "本镇无此职责。"
    catalog.domains[0].items = []
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[int, int]] = []
    target = tmp_path / "全部.pdf"

    def work(progress, cancel):
        def report(done, total):
            seen.append((done, total))
            progress(done, total)

        return render_pdf_in_child(catalog, target, None, report, cancel)

    pages = run_blocking(parent, "导出PDF", work)
    assert pages > len(
        [d for d in catalog.domains if not d.not_involved]
    )  # one section per domain at least
    assert seen[-1] == (PROGRESS_STEPS, PROGRESS_STEPS)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)  # never goes backwards
    text = pdf_text(target)
    assert "城关镇基层政务公开标准目录" in text
    assert "本镇无此职责。" in text
    second = next(d for d in catalog.domains if not d.not_involved)
    assert domain_title(catalog, second) in text


def test_cancel_leaves_no_file(qtbot, tmp_path):
    target = tmp_path / "x.pdf"
    with pytest.raises(PrintCancelled):
        render_pdf(small_catalog(), target, cancel=lambda: True)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_cancel_between_domains_of_a_long_print(qtbot, tmp_path):
    catalog = new_catalog(CatalogMeta(unit="城关镇"))
    calls: list[int] = []

    def report(done, total):
        calls.append(done)

    with pytest.raises(PrintCancelled):
        render_pdf(catalog, tmp_path / "x.pdf", None, report, cancel=lambda: len(calls) >= 2)
    assert len(calls) == 2  # stopped after laying out two sections, long before painting
    assert calls[-1] < PROGRESS_STEPS // 2
    assert list(tmp_path.iterdir()) == []


@needs_poppler
def test_print_path_paints_on_a_qprinter(qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    printer.setPageLayout(page_layout())
    pages = paint_html(catalog_html(small_catalog()), printer)
    del printer
    assert pages >= 2
    assert "城关镇基层政务公开标准目录" in pdf_text(tmp_path / "printer.pdf")


@needs_poppler
def test_ask_export_pdf_writes_chosen_file(qtbot, tmp_path, monkeypatch):
    parent = QWidget()
    qtbot.addWidget(parent)
    offered: list[str] = []

    def fake_save(widget, caption, directory, name_filter):
        offered.append(directory)
        return str(tmp_path / "导出"), name_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    MESSAGES.clear()
    path = ask_export_pdf(parent, small_catalog(), "social-assistance")
    assert path == tmp_path / "导出.pdf"
    assert Path(offered[0]).name == "城关镇社会救助领域基层政务公开标准目录.pdf"
    qtbot.waitUntil(lambda: bool(MESSAGES) and MESSAGES[-1].kind == "done", timeout=20000)
    assert "社会救助" in pdf_text(path)


def test_print_preview_paints_pages(qtbot, monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QApplication

    from zwgk_desktop.gui import printing
    from zwgk_desktop.gui.printing import print_preview

    seen: dict[str, object] = {}
    cursors: list[object] = []
    real_paint = printing.paint_html

    def paint(*args, **kwargs):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return real_paint(*args, **kwargs)

    monkeypatch.setattr(printing, "paint_html", paint)

    def inspect_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(50, inspect_and_close)
            return
        preview = dialog.findChild(QPrintPreviewWidget)
        seen["title"] = dialog.windowTitle()
        seen["pages"] = preview.pageCount()
        dialog.reject()

    QTimer.singleShot(50, inspect_and_close)
    print_preview(None, small_catalog(), "social-assistance")
    assert "城关镇社会救助领域基层政务公开标准目录" in str(seen["title"])
    assert int(seen["pages"]) >= 1
    assert cursors and set(cursors) == {Qt.CursorShape.WaitCursor}  # laid out under it
    assert QApplication.overrideCursor() is None  # and given back


def _words_by_page(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f")]


@needs_poppler
def test_no_item_is_split_across_pages_and_every_page_has_the_title(qtbot, tmp_path):
    """Items of very different heights: each one's first and last words print on the same
    page, and each page of the domain repeats the workbook's title."""
    items = []
    for n in range(40):
        body = "申请条件、申请材料、办理流程、办理时限。" * (1 + (n * 7) % 9)
        items.append(
            Item(
                level1=f"一级{n // 6}",
                level2=f"首{n:03d}",
                content=f"{body}尾{n:03d}",
                channels=["政府网站"],
                audience=["全社会"],
                method=["主动"],
                level=["乡级"],
            )
        )
    catalog = Catalog(
        meta=CatalogMeta(unit="城关镇人民政府"),
        domains=[Domain(id="social-assistance", name="社会救助", items=items)],
    )
    target = tmp_path / "长.pdf"
    pages = render_pdf(catalog, target, "social-assistance")
    texts = _words_by_page(target)
    assert pages >= 4
    for n in range(40):
        first = [p for p, t in enumerate(texts) if f"首{n:03d}" in t]
        last = [p for p, t in enumerate(texts) if f"尾{n:03d}" in t]
        assert first == last and len(first) == 1, f"item {n} split: {first} {last}"
    title = "城关镇社会救助领域基层政务公开标准目录"  # the same title as the workbook's
    assert all(title in t for t in texts[:pages])
    assert all("一级事项" in t for t in texts[:pages])  # the header too
    assert all("城关镇人民政府" in t and t.endswith("社会救助") for t in texts[:pages])  # footer


@needs_poppler
def test_cells_and_level_names_of_excel_size_print_cut_in_seconds(qtbot, tmp_path):
    """A received file may hold 32,767 characters in a cell and a level name as long (it
    heads a column). Such rows took Qt minutes to lay out, and a header taller than a page
    made the page count negative; they now print cut, saying how long they were."""
    long_level = "（" * 32_767
    items = [
        Item(
            level1="最低生活保障",
            level2=f"事项{n}",
            content=run * (32_767 // len(run)),
            basis=run * (32_767 // len(run)),
            time_limit="20个工作日内",
            subject="城关镇人民政府",
            channels=["政府网站", "1" * 32_767],
            audience=["特定群体"],
            audience_note="A" * 32_767,
            method=["主动"],
            level=[long_level],
        )
        for n, run in enumerate(("长", "1", "A", "“", "（a"))
    ]
    catalog = Catalog(
        meta=CatalogMeta(unit="城关镇", levels=["乡级", long_level]),
        domains=[Domain(id="social-assistance", name="社会救助", items=items)],
    )
    target = tmp_path / "长单元格.pdf"
    started = time.perf_counter()
    pages = render_pdf(catalog, target)
    assert time.perf_counter() - started < 30  # was over five minutes
    text = pdf_text(target)
    assert 1 < pages < 400
    assert f"第{pages}页共{pages}页" in text  # the count is the pages there are
    assert f"（共32,767字，只打印前{PRINT_CELL_CHARS:,}字）" in text
    assert "最低生活保障" in text and "事项4" in text


def test_printed_text_is_cut_only_when_longer_than_a_cell_prints():
    assert printed("长" * PRINT_CELL_CHARS) == "长" * PRINT_CELL_CHARS
    cut = printed("长" * 5000)
    assert cut.startswith("长" * PRINT_CELL_CHARS + "……")
    assert cut.endswith("（共 5,000 字，只打印前 2,000 字）")
    html_text = catalog_html(
        Catalog(
            meta=CatalogMeta(unit="城关镇", levels=["乡级", "层" * 500]),
            domains=[Domain(id="d", name="社会救助", items=[Item(level2="x", level=["乡级"])])],
        )
    )
    assert "层" * 500 not in html_text and "层" * (PRINT_LABEL_CHARS - 1) + "…" in html_text
